"""eligibilityModule -> the gender and observational-population columns of eligibility."""

from __future__ import annotations

from pipeline.normalize import eligibility
from tests.normalize.cases import record


def row(module: dict) -> dict:
    return eligibility.tables([record(eligibilityModule=module)])["eligibility"].row(0, named=True)


def test_gender_based_eligibility():
    got = row({"sex": "FEMALE", "genderBased": True, "genderDescription": "Self\\-identified women"})
    assert (got["sex"], got["gender_based"], got["gender_description"]) == ("FEMALE", True, "Self-identified women")


def test_observational_population_and_sampling_method():
    got = row({"studyPopulation": "Patients \\>= 18 seen at the clinic", "samplingMethod": "NON_PROBABILITY_SAMPLE"})
    assert (got["study_population"], got["sampling_method"]) == (
        "Patients >= 18 seen at the clinic", "NON_PROBABILITY_SAMPLE")


def test_no_minimum_age_is_null():
    got = row({"maximumAge": "65 Years"})
    assert (got["minimum_age"], got["minimum_age_years"], got["maximum_age_years"]) == (None, None, 65.0)
    assert (got["gender_based"], got["study_population"]) == (None, None)
