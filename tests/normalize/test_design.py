"""designModule -> design, masking, observational and expanded access columns on studies."""

from __future__ import annotations

import pytest

from pipeline.normalize import design
from tests.normalize.cases import record


def columns(module: dict) -> dict:
    return design.study_columns([record(designModule=module)]).row(0, named=True)


def test_masked_trial_with_who_is_masked_and_descriptions():
    got = columns({
        "studyType": "INTERVENTIONAL",
        "designInfo": {
            "allocation": "RANDOMIZED",
            "interventionModel": "CROSSOVER",
            "interventionModelDescription": "2\\-period crossover",
            "primaryPurpose": "TREATMENT",
            "maskingInfo": {"masking": "DOUBLE", "maskingDescription": "Matching \\*placebo\\*",
                            "whoMasked": ["PARTICIPANT", "INVESTIGATOR"]},
        },
    })
    assert got["masking"] == "DOUBLE"
    assert got["masked_roles"] == ["PARTICIPANT", "INVESTIGATOR"]
    assert got["masking_description"] == "Matching *placebo*"
    assert got["intervention_model_description"] == "2-period crossover"


def test_observational_patient_registry():
    got = columns({
        "studyType": "OBSERVATIONAL",
        "patientRegistry": True,
        "targetDuration": "5 Years",
        "designInfo": {"observationalModel": "COHORT", "timePerspective": "PROSPECTIVE"},
        "bioSpec": {"retention": "SAMPLES_WITH_DNA", "description": "Whole blood \\& serum"},
    })
    assert (got["observational_model"], got["time_perspective"], got["patient_registry"], got["target_duration"]) == (
        "COHORT", "PROSPECTIVE", True, "5 Years")
    assert (got["bio_spec_retention"], got["bio_spec_description"]) == ("SAMPLES_WITH_DNA", "Whole blood & serum")
    assert got["phases"] is None and got["masked_roles"] is None


def test_expanded_access_types():
    got = columns({"studyType": "EXPANDED_ACCESS",
                   "expandedAccessTypes": {"individual": True, "intermediate": False, "treatment": True}})
    assert (got["is_expanded_access_individual"], got["is_expanded_access_intermediate"],
            got["is_expanded_access_treatment"]) == (True, False, True)


def test_enrollment_sentinel_is_unknown():
    assert columns({"enrollmentInfo": {"count": 99999999, "type": "ESTIMATED"}})["enrollment"] is None
    assert columns({"enrollmentInfo": {"count": 120, "type": "ACTUAL"}})["enrollment"] == 120


def test_who_masked_as_a_string_raises():
    with pytest.raises(TypeError, match="whoMasked"):
        columns({"designInfo": {"maskingInfo": {"whoMasked": "PARTICIPANT"}}})
