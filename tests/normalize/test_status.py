"""statusModule -> status, expanded access and dates on studies."""

from __future__ import annotations

import datetime as dt

from pipeline.normalize import status
from tests.normalize.cases import record


def columns(module: dict) -> dict:
    return status.study_columns([record(statusModule=module)]).row(0, named=True)


def test_partial_status_verified_date_keeps_its_precision():
    got = columns({"statusVerifiedDate": "2025-08"})
    assert (got["status_verified_date"], got["status_verified_date_precision"]) == (dt.date(2025, 8, 1), "month")


def test_submit_dates_are_full_dates():
    got = columns({
        "studyFirstSubmitDate": "2023-01-05",
        "studyFirstSubmitQcDate": "2023-01-09",
        "lastUpdateSubmitDate": "2025-11-20",
        "resultsFirstSubmitDate": "2024-03-07",
        "resultsFirstSubmitQcDate": "2024-06-01",
        "dispFirstSubmitDate": "2022-12-01",
        "dispFirstSubmitQcDate": "2022-12-02",
    })
    assert got["study_first_submit_date"] == dt.date(2023, 1, 5)
    assert got["study_first_submit_qc_date"] == dt.date(2023, 1, 9)
    assert got["last_update_submit_date"] == dt.date(2025, 11, 20)
    assert got["results_first_submit_date"] == dt.date(2024, 3, 7)
    assert got["results_first_submit_qc_date"] == dt.date(2024, 6, 1)
    assert got["disp_first_submit_date"] == dt.date(2022, 12, 1)
    assert got["disp_first_submit_qc_date"] == dt.date(2022, 12, 2)


def test_results_and_disposition_post_dates_with_their_type():
    got = columns({
        "resultsFirstPostDateStruct": {"date": "2025-10-31", "type": "ESTIMATED"},
        "dispFirstPostDateStruct": {"date": "2023-01-03", "type": "ACTUAL"},
    })
    assert (got["results_first_posted_date"], got["results_first_posted_date_precision"],
            got["results_first_posted_date_type"]) == (dt.date(2025, 10, 31), "day", "ESTIMATED")
    assert (got["disp_first_posted_date"], got["disp_first_posted_date_type"]) == (dt.date(2023, 1, 3), "ACTUAL")


def test_a_date_of_another_shape_is_null():
    got = columns({"studyFirstSubmitDate": "January 2020", "statusVerifiedDate": "2020/01"})
    assert got["study_first_submit_date"] is None
    assert (got["status_verified_date"], got["status_verified_date_precision"]) == (None, None)


def test_stopped_study_with_last_known_status_and_escaped_reason():
    got = columns({"overallStatus": "TERMINATED", "lastKnownStatus": "RECRUITING",
                   "whyStopped": "Enrollment \\< 10% of target", "resultsWaived": True, "delayedPosting": True})
    assert (got["overall_status"], got["last_known_status"], got["why_stopped"]) == (
        "TERMINATED", "RECRUITING", "Enrollment < 10% of target")
    assert (got["results_waived"], got["delayed_posting"]) == (True, True)


def test_expanded_access_info():
    got = columns({"expandedAccessInfo": {"hasExpandedAccess": True, "nctId": "NCT09999999",
                                          "statusForNctId": "AVAILABLE"}})
    assert (got["has_expanded_access"], got["expanded_access_nct_id"], got["expanded_access_status"]) == (
        True, "NCT09999999", "AVAILABLE")


def test_no_status_module_gives_nulls():
    got = status.study_columns([record()]).row(0, named=True)
    assert set(got.values()) == {None}
