"""ipdSharingStatementModule -> the IPD sharing plan on studies."""

from __future__ import annotations

import pytest

from pipeline.normalize import ipd
from tests.normalize.cases import record


def test_sharing_plan_with_info_types_and_escaped_text():
    module = {
        "ipdSharing": "YES",
        "description": "De\\-identified data",
        "infoTypes": ["STUDY_PROTOCOL", "SAP", "CSR"],
        "timeFrame": "6 months after publication",
        "accessCriteria": "Proposals to data\\_access@example.org",
        "url": "https://vivli.org",
    }
    assert ipd.study_columns([record(ipdSharingStatementModule=module)]).row(0, named=True) == {
        "ipd_sharing": "YES",
        "ipd_description": "De-identified data",
        "ipd_info_types": ["STUDY_PROTOCOL", "SAP", "CSR"],
        "ipd_time_frame": "6 months after publication",
        "ipd_access_criteria": "Proposals to data_access@example.org",
        "ipd_url": "https://vivli.org",
    }


def test_no_plan_is_null():
    assert set(ipd.study_columns([record()]).row(0)) == {None}


def test_info_types_with_a_number_raise():
    with pytest.raises(TypeError, match="infoTypes"):
        ipd.study_columns([record(ipdSharingStatementModule={"infoTypes": ["SAP", 3]})])
