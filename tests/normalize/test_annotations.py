"""annotationSection.annotationModule -> unposted_annotations, unposted_events, violation_events."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.normalize import annotation
from pipeline.normalize.source import Study
from tests.normalize.corpus_check import arr, batches, check_table, nct, record

MODULE = {
    "unpostedAnnotation": {
        "unpostedResponsibleParty": "Example Pharma",
        "unpostedEvents": [
            {"type": "RELEASE", "date": "2024-05-29"},
            {"type": "RESET", "date": "2024-06-24"},
            {"type": "UNRELEASE", "dateUnknown": True},
        ],
    },
    "violationAnnotation": {
        "violationEvents": [
            {"type": "VIOLATION_IDENTIFIED", "description": "Failure to Submit.", "creationDate": "2021-07-28",
             "issuedDate": "2021-07-26", "releaseDate": "2018-04-12", "postedDate": "2021-07-29"},
        ],
    },
}


def _tables(module: dict) -> dict:
    return annotation.tables([Study("NCT00000001", {"annotationSection": {"annotationModule": module}})])


def test_unposted_events_with_their_responsible_party():
    t = _tables(MODULE)
    assert t["unposted_annotations"].rows() == [("NCT00000001", "Example Pharma")]
    assert t["unposted_events"].rows() == [
        ("NCT00000001", 1, "RELEASE", dt.date(2024, 5, 29), None),
        ("NCT00000001", 2, "RESET", dt.date(2024, 6, 24), None),
        ("NCT00000001", 3, "UNRELEASE", None, True),
    ]


def test_violation_events_with_all_four_dates():
    assert _tables(MODULE)["violation_events"].rows() == [
        ("NCT00000001", 1, "VIOLATION_IDENTIFIED", "Failure to Submit.", dt.date(2021, 7, 28), dt.date(2021, 7, 26),
         dt.date(2018, 4, 12), dt.date(2021, 7, 29)),
    ]


def test_a_study_without_annotations_has_no_rows():
    t = annotation.tables([Study("NCT00000002", {})])
    assert all(frame.height == 0 for frame in t.values())


def test_events_given_as_an_object_fail_the_study():
    with pytest.raises(TypeError, match="unpostedEvents should be an array"):
        _tables({"unpostedAnnotation": {"unpostedEvents": {"type": "RELEASE"}}})


# -- corpus tier ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_real_violation_events_nct03064438():
    _, t = record("NCT03064438")
    assert t["violation_events"].select("ordinal", "type", "posted_date").rows() == [
        (1, "CORRECTION_CONFIRMED", dt.date(2022, 6, 7)), (2, "VIOLATION_IDENTIFIED", dt.date(2021, 7, 29))]


def _unposted(raw: dict) -> dict:
    module = (raw.get("annotationSection") or {}).get("annotationModule") or {}
    return module.get("unpostedAnnotation") or {}


def _violations(raw: dict) -> list:
    module = (raw.get("annotationSection") or {}).get("annotationModule") or {}
    return arr(module.get("violationAnnotation"), "violationEvents")


CORPUS = {
    "unposted_annotations": (
        ["nct_id", "responsible_party"],
        lambda raw: [(nct(raw), _unposted(raw).get("unpostedResponsibleParty"))] if _unposted(raw) else [],
    ),
    "unposted_events": (
        ["nct_id", "ordinal", "type", "is_date_unknown"],
        lambda raw: [(nct(raw), i, e.get("type"), e.get("dateUnknown"))
                     for i, e in enumerate(arr(_unposted(raw), "unpostedEvents"), 1)],
    ),
    "violation_events": (
        ["nct_id", "ordinal", "type", "description"],
        lambda raw: [(nct(raw), i, e.get("type"), e.get("description")) for i, e in enumerate(_violations(raw), 1)],
    ),
}


@pytest.mark.corpus
@pytest.mark.parametrize("table", list(CORPUS))
def test_every_corpus_record_matches_its_json(table):
    columns, rows = CORPUS[table]
    assert check_table(table, columns, rows) > 0


@pytest.mark.corpus
def test_every_corpus_annotation_date_is_its_text():
    for raws, frames in batches():
        want = sorted((nct(raw), i, e.get("date")) for raw in raws
                      for i, e in enumerate(arr(_unposted(raw), "unpostedEvents"), 1))
        got = sorted((n, i, None if d is None else str(d))
                     for n, i, d in frames["unposted_events"].select("nct_id", "ordinal", "event_date").rows())
        assert got == want
        keys = ("creationDate", "issuedDate", "releaseDate", "postedDate")
        want = sorted((nct(raw), i, *(e.get(k) for k in keys)) for raw in raws for i, e in enumerate(_violations(raw), 1))
        got = sorted((n, i, *(None if d is None else str(d) for d in dates)) for n, i, *dates in frames[
            "violation_events"].select("nct_id", "ordinal", "creation_date", "issued_date", "release_date",
                                       "posted_date").rows())
        assert got == want
