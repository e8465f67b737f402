"""armsInterventionsModule free text -> ``intervention_doses`` and ``cell_therapies``.

The walk reads each arm label, arm description and intervention description once and runs
the dose parser on it (``pipeline.extract.doses.find_doses``, a pure function of one text).
Everything after the walk is Polars:

- Arms and interventions are linked by ``arms.link``, the one place that matches them.
- An arm's label and description are one statement split in two fields (NCT07118319: label
  "5.0×10^7 cells/person/dose", description "intrathecal injection"). When one of them states
  amounts and the other states none, the amounts take the route, number of doses and interval
  the amount-free text states (where that text states one value), and the amount-free row is
  dropped: its facts now live on the amount rows. An arm that states no amount anywhere keeps
  its schedule-only row.
- An arm-level dose names its intervention only when the arm links to exactly one.
- Cell therapies: the classifier (``pipeline.extract.cells``) reads each intervention's name,
  other names and description, with the labels and descriptions of its linked arms as context
  (used only for an opaque product code such as "NK510").
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.extract.cells import classify_cell_therapy
from pipeline.extract.doses import find_doses
from pipeline.normalize.arms import link
from pipeline.normalize.schemas.extracted import CELL_THERAPIES, INTERVENTION_DOSES
from pipeline.normalize.source import Columns, Study, items
from pipeline.normalize.text import unescape

_LABELS = {"nct_id": pl.String, "ordinal": pl.Int32, "label": pl.String}
_ARMS = {"nct_id": pl.String, "ordinal": pl.Int32, "label": pl.String, "description": pl.String}
_INTERVENTIONS = {"nct_id": pl.String, "ordinal": pl.Int32, "type": pl.String, "name": pl.String}
_SCHEDULE = ("route", "number_of_doses", "interval")
# what find_doses gives (interval_days is derived from interval afterwards)
_FOUND = pl.Schema({name: dtype for name, dtype in INTERVENTION_DOSES.items() if name != "interval_days"})
_DAYS_PER = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.4375, "year": 365.25}


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    doses = Columns(_FOUND)
    arms = Columns(_ARMS)
    interventions = Columns(_INTERVENTIONS)
    arm_refs = Columns(_LABELS)
    intervention_refs = Columns(_LABELS)
    # classifier inputs, one entry per intervention row
    descriptions: list[str | None] = []
    other_names: list[list[str]] = []

    def add_doses(nct_id: str, arm: int | None, intervention: int | None, source: str, text: object) -> None:
        if text is None:
            return
        if not isinstance(text, str):
            raise TypeError(f"{source} should be a string, got {type(text).__name__}")
        for ordinal, dose in enumerate(find_doses(text), 1):
            doses.add(nct_id, arm, intervention, ordinal, source, *dose)

    for s in studies:
        module = s.module("armsInterventionsModule")
        for ordinal, arm in enumerate(items(module, "armGroups"), 1):
            label, description = arm.get("label"), arm.get("description")
            arms.add(s.nct_id, ordinal, label, description)
            for name in items(arm, "interventionNames"):
                arm_refs.add(s.nct_id, ordinal, name)
            add_doses(s.nct_id, ordinal, None, "arm.label", label)
            add_doses(s.nct_id, ordinal, None, "arm.description", description)
        for ordinal, intervention in enumerate(items(module, "interventions"), 1):
            description = intervention.get("description")
            interventions.add(s.nct_id, ordinal, intervention.get("type"), intervention.get("name"))
            descriptions.append(description)
            other_names.append(items(intervention, "otherNames"))
            for label in items(intervention, "armGroupLabels"):
                intervention_refs.add(s.nct_id, ordinal, label)
            add_doses(s.nct_id, None, ordinal, "intervention.description", description)

    arms_df, interventions_df = arms.frame(_ARMS), interventions.frame(_INTERVENTIONS)
    links, _ = link(arms_df, interventions_df, arm_refs.frame(_LABELS), intervention_refs.frame(_LABELS))
    return {
        "intervention_doses": _merge_arm_texts(doses.frame(_FOUND), links),
        "cell_therapies": _cell_therapies(arms_df, interventions_df, descriptions, other_names, links),
    }


def _merge_arm_texts(doses: pl.DataFrame, links: pl.DataFrame) -> pl.DataFrame:
    """Arm amounts take the schedule of the arm's amount-free text; arm doses get their one intervention."""
    arm = ["nct_id", "arm_ordinal"]
    is_arm = pl.col("arm_ordinal").is_not_null()
    has_amount = pl.col("value").is_not_null()
    # per arm: the single value each schedule field takes on the arm's amount-free rows
    stated = (
        doses.lazy()
        .filter(is_arm & ~has_amount)
        .group_by(arm)
        .agg(
            pl.when(pl.col(name).drop_nulls().n_unique() == 1).then(pl.col(name).drop_nulls().first())
            .alias(f"arm_{name}")
            for name in _SCHEDULE
        )
    )
    arms_with_amounts = doses.lazy().filter(is_arm & has_amount).select(arm).unique()
    only_link = (
        links.lazy()
        .group_by(arm)
        .agg(pl.col("intervention_ordinal").first().alias("only_intervention"), pl.len().alias("links"))
        .filter(pl.col("links") == 1)
        .drop("links")
    )
    merged = (
        doses.lazy()
        .with_row_index("row")
        .join(stated, on=arm, how="left")
        .with_columns(
            pl.when(is_arm & has_amount).then(pl.coalesce(name, f"arm_{name}")).otherwise(pl.col(name)).alias(name)
            for name in _SCHEDULE
        )
        .join(arms_with_amounts.with_columns(pl.lit(True).alias("arm_has_amount")), on=arm, how="left")
        .filter(~(is_arm & ~has_amount & pl.col("arm_has_amount").fill_null(False)))
        .join(only_link, on=arm, how="left")
        .with_columns(pl.coalesce("intervention_ordinal", "only_intervention").alias("intervention_ordinal"))
        .sort("row")
        .with_columns(_interval_days(pl.col("interval")).alias("interval_days"))
        .select(INTERVENTION_DOSES.names())
        .with_columns(unescape(pl.col("span")))
    )
    return merged.collect().cast(dict(INTERVENTION_DOSES))


def _interval_days(interval: pl.Expr) -> pl.Expr:
    """'3 weeks' -> 21.0, '8 hours' -> 0.333..., '1 month' -> 30.4375 (the doses' '<n> <unit>' form)."""
    count = interval.str.extract(r"^(\d+(?:\.\d+)?)\s", 1).cast(pl.Float64)
    unit = interval.str.extract(r"\s([a-z]+?)s?$", 1).replace_strict(_DAYS_PER, default=None, return_dtype=pl.Float64)
    return count * unit


def _cell_therapies(
    arms: pl.DataFrame,
    interventions: pl.DataFrame,
    descriptions: list[str | None],
    other_names: list[list[str]],
    links: pl.DataFrame,
) -> pl.DataFrame:
    """One row per intervention the classifier reads as a cell product."""
    arm_text = pl.concat_str(pl.col("label").fill_null(""), pl.col("description").fill_null(""), separator=": ")
    context = (
        links.join(arms.rename({"ordinal": "arm_ordinal"}), on=["nct_id", "arm_ordinal"], how="inner")
        .sort("nct_id", "intervention_ordinal", "arm_ordinal")
        .group_by("nct_id", "intervention_ordinal", maintain_order=True)
        .agg(arm_text.str.join("\n").alias("context"))
    )
    keyed = interventions.join(
        context, left_on=["nct_id", "ordinal"], right_on=["nct_id", "intervention_ordinal"], how="left",
        maintain_order="left",
    )
    # The classifier is a pure function of one intervention's texts; it runs here rather than in
    # the walk because its context (the linked arms) is known only once arms.link has run.
    found = [
        classify_cell_therapy(name or "", description, names, ctx)
        for name, description, names, ctx in zip(
            keyed["name"].to_list(), descriptions, other_names, keyed["context"].to_list(), strict=True
        )
    ]
    rows = Columns(CELL_THERAPIES)
    for nct_id, ordinal, cell in zip(keyed["nct_id"].to_list(), keyed["ordinal"].to_list(), found, strict=True):
        if cell is not None:
            rows.add(nct_id, ordinal, *cell)
    return rows.frame(CELL_THERAPIES)
