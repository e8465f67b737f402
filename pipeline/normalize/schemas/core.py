"""Schemas of the core tables: studies and its first child tables (see schemas/__init__)."""

from __future__ import annotations

import polars as pl

from pipeline.normalize.schemas.types import Big, Bool, Date, Float, Int, Str, Strs


def _dated(name: str, *, typed: bool = True) -> dict[str, pl.DataType]:
    """A registry date: the DATE, its precision and (when the registry gives one) its type."""
    columns: dict[str, pl.DataType] = {f"{name}_date": Date, f"{name}_date_precision": Str}
    if typed:
        columns[f"{name}_date_type"] = Str
    return columns


STUDIES = pl.Schema(
    {
        "nct_id": Str,
        "brief_title": Str,
        "official_title": Str,
        "acronym": Str,
        "study_type": Str,
        "overall_status": Str,
        "phases": Strs,
        "enrollment": Big,
        "enrollment_type": Str,
        **_dated("start"),
        **_dated("primary_completion"),
        **_dated("completion"),
        **_dated("first_posted"),
        **_dated("last_update_posted"),
        "allocation": Str,
        "intervention_model": Str,
        "primary_purpose": Str,
        "masking": Str,
        "lead_sponsor_name": Str,
        "lead_sponsor_class": Str,
        "brief_summary": Str,
        "has_results": Bool,
    }
)

CONDITIONS = pl.Schema({"nct_id": Str, "ordinal": Int, "name": Str})

ARMS = pl.Schema({"nct_id": Str, "ordinal": Int, "label": Str, "type": Str, "description": Str})

INTERVENTIONS = pl.Schema({"nct_id": Str, "ordinal": Int, "type": Str, "name": Str, "description": Str})

ARM_INTERVENTIONS = pl.Schema({"nct_id": Str, "arm_ordinal": Int, "intervention_ordinal": Int})

UNMATCHED_ARM_LABELS = pl.Schema({"nct_id": Str, "source": Str, "ordinal": Int, "label": Str})

ELIGIBILITY = pl.Schema(
    {
        "nct_id": Str,
        "sex": Str,
        "minimum_age": Str,
        "maximum_age": Str,
        "minimum_age_years": Float,
        "maximum_age_years": Float,
        "healthy_volunteers": Bool,
        "std_ages": Strs,
        "criteria_text": Str,
    }
)

ELIGIBILITY_CRITERIA = pl.Schema(
    {"nct_id": Str, "section": Str, "ordinal": Int, "level": Int, "parent_ordinal": Int, "text": Str}
)

TABLES: dict[str, pl.Schema] = {
    "studies": STUDIES,
    "conditions": CONDITIONS,
    "arms": ARMS,
    "interventions": INTERVENTIONS,
    "arm_interventions": ARM_INTERVENTIONS,
    "unmatched_arm_labels": UNMATCHED_ARM_LABELS,
    "eligibility": ELIGIBILITY,
    "eligibility_criteria": ELIGIBILITY_CRITERIA,
}
