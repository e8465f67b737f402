"""Module-level results fields and moreInfoModule -> study_results (one row per study with results)."""

from __future__ import annotations

import pytest

from pipeline.normalize import normalize, results_info
from pipeline.normalize.schemas import TABLES
from pipeline.normalize.source import Study
from tests.normalize.corpus_check import check_table, nct, record
from tests.support.study_dicts import study

RESULTS = {
    "participantFlowModule": {"preAssignmentDetails": "Run-in \\[2 weeks\\]", "typeUnitsAnalyzed": "Clinics"},
    "baselineCharacteristicsModule": {"populationDescription": "ITT"},
    "adverseEventsModule": {"frequencyThreshold": "2.5", "timeFrame": "1 year", "allCauseMortalityComment": "None"},
    "moreInfoModule": {
        "limitationsAndCaveats": {"description": "Small \\_sample\\_"},
        "certainAgreement": {"piSponsorEmployee": False, "restrictionType": "LTE60", "restrictiveAgreement": True},
        "pointOfContact": {"title": "Dr. A", "organization": "Org", "email": "a@b.org", "phone": "555",
                           "phoneExt": "12"},
    },
}


def test_one_row_per_study_with_results_and_none_without():
    frame = results_info.tables([
        Study("NCT00000001", {"resultsSection": RESULTS}),
        Study("NCT00000002", {"protocolSection": {}}),
    ])["study_results"]
    assert frame.row(0, named=True) == {
        "nct_id": "NCT00000001",
        "flow_pre_assignment_details": "Run-in [2 weeks]",
        "flow_recruitment_details": None,
        "flow_type_units_analyzed": "Clinics",
        "baseline_population_description": "ITT",
        "baseline_type_units_analyzed": None,
        "ae_frequency_threshold": 2.5,
        "ae_frequency_threshold_text": "2.5",
        "ae_time_frame": "1 year",
        "ae_description": None,
        "ae_all_cause_mortality_comment": "None",
        "limitations_and_caveats": "Small _sample_",
        "is_pi_sponsor_employee": False,
        "agreement_restriction_type": "LTE60",
        "has_restrictive_agreement": True,
        "agreement_other_details": None,
        "contact_title": "Dr. A",
        "contact_organization": "Org",
        "contact_email": "a@b.org",
        "contact_phone": "555",
        "contact_phone_ext": "12",
    }
    assert frame.height == 1


def test_normalize_returns_every_results_table_for_a_small_study():
    data = {**study("NCT00000001"), "hasResults": True, "resultsSection": RESULTS}
    frames = normalize([Study("NCT00000001", data)])
    assert set(frames) == set(TABLES)
    assert frames["study_results"]["nct_id"].to_list() == ["NCT00000001"]
    assert frames["flow_groups"].height == 0


def test_an_agreement_given_as_a_list_fails_the_study():
    bad = {"moreInfoModule": {"certainAgreement": [{"piSponsorEmployee": True}]}}
    with pytest.raises(AttributeError):
        results_info.tables([Study("NCT00000001", {"resultsSection": bad})])


# -- corpus tier ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_a_real_study_results_row_nct02513394():
    _, t = record("NCT02513394")
    row = t["study_results"].row(0, named=True)
    assert (row["ae_frequency_threshold"], row["ae_frequency_threshold_text"], row["ae_time_frame"]) == (0.0, "0",
                                                                                                        "4 years")
    assert (row["is_pi_sponsor_employee"], row["has_restrictive_agreement"]) == (False, False)
    assert (row["contact_organization"], row["contact_phone"]) == ("Dana-Farber Cancer Institute", "617-632-3800")


def _row(raw: dict) -> list[tuple]:
    results = raw.get("resultsSection")
    if not results:
        return []
    more = results.get("moreInfoModule") or {}
    agreement = more.get("certainAgreement") or {}
    contact = more.get("pointOfContact") or {}
    return [(nct(raw), (results.get("participantFlowModule") or {}).get("typeUnitsAnalyzed"),
             (results.get("adverseEventsModule") or {}).get("frequencyThreshold"),
             (results.get("adverseEventsModule") or {}).get("timeFrame"),
             agreement.get("piSponsorEmployee"), agreement.get("restrictionType"),
             agreement.get("restrictiveAgreement"), contact.get("email"), contact.get("phoneExt"))]


@pytest.mark.corpus
def test_every_corpus_record_matches_its_json():
    columns = ["nct_id", "flow_type_units_analyzed", "ae_frequency_threshold_text", "ae_time_frame",
               "is_pi_sponsor_employee", "agreement_restriction_type", "has_restrictive_agreement", "contact_email",
               "contact_phone_ext"]
    assert check_table("study_results", columns, _row) > 0
