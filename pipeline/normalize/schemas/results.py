"""Schemas of the results, document and annotation tables (see schemas/__init__).

Group ids ("FG000", "BG000", "OG000", "EG000") are kept as the registry gives them; every
array item also has its 1-based ordinal, so a row stays addressable when an id repeats or is
missing. Numbers the registry stores as text come as a pair: the number (NULL when the text
is not a plain number) and the text itself (``*_text``).
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.schemas.types import Big, Bool, Date, Float, Int, Stamp, Str, Strs


def _num(name: str, dtype: pl.DataType = Float) -> dict[str, pl.DataType]:
    """A number the registry stores as text: the parsed value and the string as given."""
    return {name: dtype, f"{name}_text": Str}


_GROUP = {"ordinal": Int, "group_id": Str, "title": Str, "description": Str}
_MEASUREMENT = {
    "ordinal": Int,
    "group_id": Str,
    **_num("value"),
    **_num("spread"),
    **_num("lower_limit"),
    **_num("upper_limit"),
    "comment": Str,
}
_DENOM_COUNT = {"denom_ordinal": Int, "units": Str, "ordinal": Int, "group_id": Str, **_num("count", Big)}

# -- participantFlowModule ---------------------------------------------------------------

FLOW_GROUPS = pl.Schema({"nct_id": Str, **_GROUP})
FLOW_PERIODS = pl.Schema({"nct_id": Str, "ordinal": Int, "title": Str})
FLOW_MILESTONES = pl.Schema({"nct_id": Str, "period_ordinal": Int, "ordinal": Int, "type": Str, "comment": Str})
FLOW_MILESTONE_COUNTS = pl.Schema(
    {
        "nct_id": Str,
        "period_ordinal": Int,
        "milestone_ordinal": Int,
        "ordinal": Int,
        "group_id": Str,
        **_num("num_subjects", Big),
        **_num("num_units", Big),
        "comment": Str,
    }
)
FLOW_DROP_WITHDRAWS = pl.Schema({"nct_id": Str, "period_ordinal": Int, "ordinal": Int, "type": Str, "comment": Str})
FLOW_DROP_WITHDRAW_COUNTS = pl.Schema(
    {
        "nct_id": Str,
        "period_ordinal": Int,
        "drop_withdraw_ordinal": Int,
        "ordinal": Int,
        "group_id": Str,
        **_num("num_subjects", Big),
        **_num("num_units", Big),
        "comment": Str,
    }
)

# -- baselineCharacteristicsModule -------------------------------------------------------

BASELINE_GROUPS = pl.Schema({"nct_id": Str, **_GROUP})
BASELINE_MEASURES = pl.Schema(
    {
        "nct_id": Str,
        "ordinal": Int,
        "title": Str,
        "description": Str,
        "population_description": Str,
        "param_type": Str,
        "dispersion_type": Str,
        "unit_of_measure": Str,
        "is_pct_calculated": Bool,
        "denom_units_selected": Str,
    }
)
BASELINE_CLASSES = pl.Schema({"nct_id": Str, "measure_ordinal": Int, "ordinal": Int, "title": Str})
BASELINE_CATEGORIES = pl.Schema(
    {"nct_id": Str, "measure_ordinal": Int, "class_ordinal": Int, "ordinal": Int, "title": Str}
)
BASELINE_MEASUREMENTS = pl.Schema(
    {"nct_id": Str, "measure_ordinal": Int, "class_ordinal": Int, "category_ordinal": Int, **_MEASUREMENT}
)
BASELINE_DENOM_COUNTS = pl.Schema({"nct_id": Str, "measure_ordinal": Int, "class_ordinal": Int, **_DENOM_COUNT})

# -- outcomeMeasuresModule ---------------------------------------------------------------

OUTCOME_MEASURES = pl.Schema(
    {
        "nct_id": Str,
        "ordinal": Int,
        "type": Str,
        "title": Str,
        "description": Str,
        "population_description": Str,
        "reporting_status": Str,
        "anticipated_posting_date": Date,
        "anticipated_posting_date_precision": Str,
        "param_type": Str,
        "dispersion_type": Str,
        "unit_of_measure": Str,
        "is_pct_calculated": Bool,
        "time_frame": Str,
        "type_units_analyzed": Str,
        "denom_units_selected": Str,
    }
)
OUTCOME_GROUPS = pl.Schema({"nct_id": Str, "outcome_ordinal": Int, **_GROUP})
OUTCOME_CLASSES = pl.Schema({"nct_id": Str, "outcome_ordinal": Int, "ordinal": Int, "title": Str})
OUTCOME_CATEGORIES = pl.Schema(
    {"nct_id": Str, "outcome_ordinal": Int, "class_ordinal": Int, "ordinal": Int, "title": Str}
)
OUTCOME_MEASUREMENTS = pl.Schema(
    {"nct_id": Str, "outcome_ordinal": Int, "class_ordinal": Int, "category_ordinal": Int, **_MEASUREMENT}
)
OUTCOME_DENOM_COUNTS = pl.Schema({"nct_id": Str, "outcome_ordinal": Int, "class_ordinal": Int, **_DENOM_COUNT})
OUTCOME_ANALYSES = pl.Schema(
    {
        "nct_id": Str,
        "outcome_ordinal": Int,
        "ordinal": Int,
        "group_ids": Strs,
        "group_description": Str,
        "param_type": Str,
        **_num("param_value"),
        "dispersion_type": Str,
        **_num("dispersion_value"),
        "statistical_method": Str,
        "statistical_comment": Str,
        "p_value": Float,
        "p_value_operator": Str,
        "p_value_text": Str,
        "p_value_comment": Str,
        "ci_num_sides": Str,
        **_num("ci_pct_value"),
        **_num("ci_lower_limit"),
        **_num("ci_upper_limit"),
        "ci_lower_limit_comment": Str,
        "ci_upper_limit_comment": Str,
        "estimate_comment": Str,
        "is_non_inferiority_tested": Bool,
        "non_inferiority_type": Str,
        "non_inferiority_comment": Str,
        "other_analysis_description": Str,
    }
)

# -- adverseEventsModule -----------------------------------------------------------------

ADVERSE_EVENT_GROUPS = pl.Schema(
    {
        "nct_id": Str,
        **_GROUP,
        "deaths_num_affected": Big,
        "deaths_num_at_risk": Big,
        "serious_num_affected": Big,
        "serious_num_at_risk": Big,
        "other_num_affected": Big,
        "other_num_at_risk": Big,
    }
)
ADVERSE_EVENTS = pl.Schema(
    {
        "nct_id": Str,
        "kind": Str,
        "ordinal": Int,
        "term": Str,
        "organ_system": Str,
        "source_vocabulary": Str,
        "assessment_type": Str,
        "notes": Str,
    }
)
ADVERSE_EVENT_COUNTS = pl.Schema(
    {
        "nct_id": Str,
        "kind": Str,
        "event_ordinal": Int,
        "ordinal": Int,
        "group_id": Str,
        "num_events": Big,
        "num_affected": Big,
        "num_at_risk": Big,
    }
)

# -- one row per study with results: module-level fields and moreInfoModule --------------

STUDY_RESULTS = pl.Schema(
    {
        "nct_id": Str,
        "flow_pre_assignment_details": Str,
        "flow_recruitment_details": Str,
        "flow_type_units_analyzed": Str,
        "baseline_population_description": Str,
        "baseline_type_units_analyzed": Str,
        **_num("ae_frequency_threshold"),
        "ae_time_frame": Str,
        "ae_description": Str,
        "ae_all_cause_mortality_comment": Str,
        "limitations_and_caveats": Str,
        "is_pi_sponsor_employee": Bool,
        "agreement_restriction_type": Str,
        "has_restrictive_agreement": Bool,
        "agreement_other_details": Str,
        "contact_title": Str,
        "contact_organization": Str,
        "contact_email": Str,
        "contact_phone": Str,
        "contact_phone_ext": Str,
    }
)

# -- documentSection ---------------------------------------------------------------------

DOCUMENT_SECTIONS = pl.Schema({"nct_id": Str, "has_no_sap": Bool})
DOCUMENTS = pl.Schema(
    {
        "nct_id": Str,
        "ordinal": Int,
        "type_abbrev": Str,
        "has_protocol": Bool,
        "has_sap": Bool,
        "has_icf": Bool,
        "label": Str,
        "document_date": Date,
        "uploaded_at": Stamp,
        "filename": Str,
        "size_bytes": Big,
        "url": Str,
    }
)

# -- annotationSection -------------------------------------------------------------------

UNPOSTED_ANNOTATIONS = pl.Schema({"nct_id": Str, "responsible_party": Str})
UNPOSTED_EVENTS = pl.Schema({"nct_id": Str, "ordinal": Int, "type": Str, "event_date": Date, "is_date_unknown": Bool})
VIOLATION_EVENTS = pl.Schema(
    {
        "nct_id": Str,
        "ordinal": Int,
        "type": Str,
        "description": Str,
        "creation_date": Date,
        "issued_date": Date,
        "release_date": Date,
        "posted_date": Date,
    }
)

TABLES: dict[str, pl.Schema] = {
    "study_results": STUDY_RESULTS,
    "flow_groups": FLOW_GROUPS,
    "flow_periods": FLOW_PERIODS,
    "flow_milestones": FLOW_MILESTONES,
    "flow_milestone_counts": FLOW_MILESTONE_COUNTS,
    "flow_drop_withdraws": FLOW_DROP_WITHDRAWS,
    "flow_drop_withdraw_counts": FLOW_DROP_WITHDRAW_COUNTS,
    "baseline_groups": BASELINE_GROUPS,
    "baseline_measures": BASELINE_MEASURES,
    "baseline_classes": BASELINE_CLASSES,
    "baseline_categories": BASELINE_CATEGORIES,
    "baseline_measurements": BASELINE_MEASUREMENTS,
    "baseline_denom_counts": BASELINE_DENOM_COUNTS,
    "outcome_measures": OUTCOME_MEASURES,
    "outcome_groups": OUTCOME_GROUPS,
    "outcome_classes": OUTCOME_CLASSES,
    "outcome_categories": OUTCOME_CATEGORIES,
    "outcome_measurements": OUTCOME_MEASUREMENTS,
    "outcome_denom_counts": OUTCOME_DENOM_COUNTS,
    "outcome_analyses": OUTCOME_ANALYSES,
    "adverse_event_groups": ADVERSE_EVENT_GROUPS,
    "adverse_events": ADVERSE_EVENTS,
    "adverse_event_counts": ADVERSE_EVENT_COUNTS,
    "document_sections": DOCUMENT_SECTIONS,
    "documents": DOCUMENTS,
    "unposted_annotations": UNPOSTED_ANNOTATIONS,
    "unposted_events": UNPOSTED_EVENTS,
    "violation_events": VIOLATION_EVENTS,
}
