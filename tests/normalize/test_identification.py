"""identificationModule -> organization on studies, and identifiers."""

from __future__ import annotations

import pytest

from pipeline.normalize import identification
from tests.normalize.cases import record, rows


def identifiers(*studies):
    return rows(identification.tables(list(studies))["identifiers"])


def test_org_study_id_alone():
    s = record(identificationModule={"nctId": "NCT00000001", "orgStudyIdInfo": {"id": "ABC-123"}})
    assert identifiers(s) == [("NCT00000001", 1, "org_study_id", "ABC-123", None, None, None)]


def test_org_study_id_with_a_type_and_link_then_secondary_ids_in_array_order():
    s = record(identificationModule={
        "nctId": "NCT00000001",
        "orgStudyIdInfo": {"id": "R01 CA000001", "type": "NIH", "link": "https://reporter.nih.gov/x"},
        "secondaryIdInfos": [
            {"id": "2022-502046-28-00", "type": "REGISTRY", "domain": "EU Clinical Trials"},
            {"id": "U1111-1234", "type": "OTHER"},
        ],
    })
    assert identifiers(s) == [
        ("NCT00000001", 1, "org_study_id", "R01 CA000001", "NIH", None, "https://reporter.nih.gov/x"),
        ("NCT00000001", 2, "secondary_id", "2022-502046-28-00", "REGISTRY", "EU Clinical Trials", None),
        ("NCT00000001", 3, "secondary_id", "U1111-1234", "OTHER", None, None),
    ]


def test_aliases_come_last():
    s = record(identificationModule={
        "nctId": "NCT00000001", "orgStudyIdInfo": {"id": "X"}, "nctIdAliases": ["NCT00000002", "NCT00000003"],
    })
    assert [(r[1], r[2], r[3]) for r in identifiers(s)] == [
        (1, "org_study_id", "X"), (2, "nct_alias", "NCT00000002"), (3, "nct_alias", "NCT00000003")]


def test_no_identifiers_gives_no_rows():
    assert identifiers(record()) == []


def test_an_alias_that_is_not_a_list_raises():
    s = record(identificationModule={"nctId": "NCT00000001", "nctIdAliases": "NCT00000002"})
    with pytest.raises(TypeError, match="nctIdAliases"):
        identifiers(s)


def test_organization_name_and_class():
    s = record(identificationModule={"nctId": "NCT00000001",
                                     "organization": {"fullName": "Mayo Clinic", "class": "OTHER"}})
    frame = identification.study_columns([s, record("NCT00000002")])
    assert rows(frame.select("nct_id", "org_name", "org_class")) == [
        ("NCT00000001", "Mayo Clinic", "OTHER"), ("NCT00000002", None, None)]
