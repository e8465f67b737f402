"""``study_features``: values derived from the other tables of a batch, one row per study.

The ones AACT's calculated_values has (sites, single site, US site, months to report
results, actual duration, registration year, ages in years, outcome counts, SAE and
non-serious AE subjects) and more (countries, arms, interventions, conditions,
collaborators, currently enrolling, cell therapy). Pure: computed from the batch's frames, no clock.
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.schemas import STUDY_FEATURES

# Statuses in which a study takes new participants now.
ENROLLING = ("RECRUITING", "ENROLLING_BY_INVITATION")
US = "United States"
DAYS_PER_MONTH = 365.25 / 12


def _months(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    return ((end - start).dt.total_days() / DAYS_PER_MONTH).round(1)


def _count(frame: pl.DataFrame, name: str, condition: pl.Expr | None = None) -> pl.LazyFrame:
    lazy = frame.lazy()
    if condition is not None:
        lazy = lazy.filter(condition)
    return lazy.group_by("nct_id").agg(pl.len().cast(pl.Int32).alias(name))


def study_features(frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    studies = frames["studies"].lazy()
    locations = frames["locations"].lazy()
    sites = locations.group_by("nct_id").agg(
        pl.len().cast(pl.Int32).alias("number_of_sites"),
        pl.col("country").drop_nulls().unique(maintain_order=True).alias("countries"),
        (pl.col("country") == US).any().alias("has_us_site"),
    )
    ae_groups = frames["adverse_event_groups"].lazy().group_by("nct_id").agg(
        pl.col("serious_num_affected").sum().alias("sae_subjects"),
        pl.col("other_num_affected").sum().alias("nsae_subjects"),
    )
    outcomes = frames["outcomes"]
    counts = [
        _count(frames["arms"], "number_of_arms"),
        _count(frames["interventions"], "number_of_interventions"),
        _count(frames["conditions"], "number_of_conditions"),
        _count(frames["sponsors"], "number_of_collaborators", pl.col("role") == "collaborator"),
        _count(outcomes, "number_of_primary_outcomes", pl.col("kind") == "primary"),
        _count(outcomes, "number_of_secondary_outcomes", pl.col("kind") == "secondary"),
        _count(outcomes, "number_of_other_outcomes", pl.col("kind") == "other"),
    ]
    joined = studies.select(
        "nct_id", "overall_status", "start_date", "start_date_type", "primary_completion_date",
        "primary_completion_date_type", "results_first_posted_date", "study_first_submit_date", "first_posted_date",
        "has_results",
    ).join(sites, on="nct_id", how="left").join(ae_groups, on="nct_id", how="left")
    for count in counts:
        joined = joined.join(count, on="nct_id", how="left")
    joined = joined.join(
        frames["eligibility"].lazy().select("nct_id", "minimum_age_years", "maximum_age_years"), on="nct_id", how="left"
    )
    cell_products = frames["cell_therapies"].lazy().select("nct_id").unique()
    joined = joined.join(cell_products.with_columns(pl.lit(True).alias("is_cell_therapy")), on="nct_id", how="left")
    zero = [pl.col(name).fill_null(0) for name in (
        "number_of_sites", "number_of_arms", "number_of_interventions", "number_of_conditions",
        "number_of_collaborators", "number_of_primary_outcomes", "number_of_secondary_outcomes",
        "number_of_other_outcomes",
    )]
    both_actual = (pl.col("start_date_type") == "ACTUAL") & (pl.col("primary_completion_date_type") == "ACTUAL")
    return (
        joined.with_columns(zero)
        .with_columns(
            pl.col("countries").fill_null(pl.lit([], dtype=pl.List(pl.String))),
            pl.col("has_us_site").fill_null(False),
            (pl.col("number_of_sites") == 1).alias("is_single_site"),
            # AACT's actual_duration: only when the registry says both dates happened
            pl.when(both_actual).then(_months(pl.col("start_date"), pl.col("primary_completion_date")))
            .alias("months_start_to_primary_completion"),
            _months(pl.col("primary_completion_date"), pl.col("results_first_posted_date"))
            .alias("months_primary_completion_to_results"),
            pl.coalesce("study_first_submit_date", "first_posted_date").dt.year().cast(pl.Int32)
            .alias("registration_year"),
            pl.col("overall_status").is_in(ENROLLING).fill_null(False).alias("is_enrolling"),
            pl.col("has_results").fill_null(False).alias("were_results_reported"),
            pl.col("is_cell_therapy").fill_null(False),
        )
        .select(STUDY_FEATURES.names())
        .collect()
        .cast(dict(STUDY_FEATURES))
    )
