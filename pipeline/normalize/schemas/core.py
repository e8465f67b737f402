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
        # identificationModule
        "org_name": Str,
        "org_class": Str,
        # statusModule
        "last_known_status": Str,
        "why_stopped": Str,
        **_dated("status_verified", typed=False),
        "delayed_posting": Bool,
        "has_expanded_access": Bool,
        "expanded_access_nct_id": Str,
        "expanded_access_status": Str,
        "study_first_submit_date": Date,
        "study_first_submit_qc_date": Date,
        "results_first_submit_date": Date,
        "results_first_submit_qc_date": Date,
        **_dated("results_first_posted"),
        "disp_first_submit_date": Date,
        "disp_first_submit_qc_date": Date,
        **_dated("disp_first_posted"),
        "last_update_submit_date": Date,
        "results_waived": Bool,
        # sponsorCollaboratorsModule.responsibleParty
        "responsible_party_type": Str,
        "responsible_party_investigator_name": Str,
        "responsible_party_investigator_title": Str,
        "responsible_party_investigator_affiliation": Str,
        "responsible_party_old_name_title": Str,
        "responsible_party_old_organization": Str,
        # oversightModule
        "has_dmc": Bool,
        "is_fda_regulated_drug": Bool,
        "is_fda_regulated_device": Bool,
        "is_unapproved_device": Bool,
        "is_ppsd": Bool,
        "is_us_export": Bool,
        "fdaaa801_violation": Bool,
        # descriptionModule
        "detailed_description": Str,
        # designModule
        "intervention_model_description": Str,
        "masking_description": Str,
        "masked_roles": Strs,
        "observational_model": Str,
        "time_perspective": Str,
        "target_duration": Str,
        "patient_registry": Bool,
        "is_expanded_access_individual": Bool,
        "is_expanded_access_intermediate": Bool,
        "is_expanded_access_treatment": Bool,
        "bio_spec_retention": Str,
        "bio_spec_description": Str,
        # ipdSharingStatementModule
        "ipd_sharing": Str,
        "ipd_description": Str,
        "ipd_info_types": Strs,
        "ipd_time_frame": Str,
        "ipd_access_criteria": Str,
        "ipd_url": Str,
        # derivedSection.miscInfoModule
        "version_holder_date": Date,
        "removed_countries": Strs,
        "estimated_results_first_submit_date": Date,
        **_dated("first_mcp_posted"),
        "model_min_bmi": Float,
        "model_max_bmi": Float,
        # Kept by the warehouse, not the JSON: 'listed' until a re-check misses the study.
        "registry_status": Str,
        "registry_status_date": Date,
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
        "gender_based": Bool,
        "gender_description": Str,
        "study_population": Str,
        "sampling_method": Str,
    }
)

ELIGIBILITY_CRITERIA = pl.Schema(
    {"nct_id": Str, "section": Str, "ordinal": Int, "level": Int, "parent_ordinal": Int, "text": Str}
)

STUDY_FEATURES = pl.Schema(
    {
        "nct_id": Str,
        "number_of_sites": Int,
        "countries": Strs,
        "has_us_site": Bool,
        "is_single_site": Bool,
        "number_of_arms": Int,
        "number_of_interventions": Int,
        "number_of_conditions": Int,
        "number_of_collaborators": Int,
        "months_start_to_primary_completion": Float,
        "months_primary_completion_to_results": Float,
        "registration_year": Int,
        "minimum_age_years": Float,
        "maximum_age_years": Float,
        "number_of_primary_outcomes": Int,
        "number_of_secondary_outcomes": Int,
        "number_of_other_outcomes": Int,
        "sae_subjects": Big,
        "nsae_subjects": Big,
        "were_results_reported": Bool,
        "is_enrolling": Bool,
        "is_cell_therapy": Bool,
    }
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
    "study_features": STUDY_FEATURES,
}
