"""adverseEventsModule -> adverse_event_groups, adverse_events, adverse_event_counts."""

from __future__ import annotations

import pytest

from pipeline.normalize import NORMALIZE_ERRORS, results_events
from pipeline.normalize.source import Study
from tests.normalize.corpus_check import arr, check_table, nct, record

TWO_GROUPS = {
    "frequencyThreshold": "5",
    "eventGroups": [
        {"id": "EG000", "title": "Drug", "deathsNumAffected": 1, "deathsNumAtRisk": 20, "seriousNumAffected": 3,
         "seriousNumAtRisk": 20, "otherNumAffected": 12, "otherNumAtRisk": 20},
        {"id": "EG001", "title": "Placebo", "description": "Sugar \\*pill\\*", "seriousNumAffected": 0,
         "seriousNumAtRisk": 19, "otherNumAffected": 7, "otherNumAtRisk": 19},
    ],
    "seriousEvents": [
        {"term": "Pneumonia", "organSystem": "Infections and infestations", "sourceVocabulary": "MedDRA 23.1",
         "assessmentType": "SYSTEMATIC_ASSESSMENT", "notes": "Grade \\>= 3",
         "stats": [{"groupId": "EG000", "numEvents": 2, "numAffected": 2, "numAtRisk": 20},
                   {"groupId": "EG001", "numEvents": 0, "numAffected": 0, "numAtRisk": 19}]},
    ],
    "otherEvents": [
        {"term": "Headache", "organSystem": "Nervous system disorders",
         "assessmentType": "NON_SYSTEMATIC_ASSESSMENT",
         "stats": [{"groupId": "EG000", "numAffected": 12, "numAtRisk": 20},
                   {"groupId": "EG001", "numEvents": 9, "numAffected": 7, "numAtRisk": 19}]},
        {"term": "Nausea", "organSystem": "Gastrointestinal disorders", "stats": []},
    ],
}


def _tables(module: dict) -> dict:
    return results_events.tables([Study("NCT00000001", {"resultsSection": {"adverseEventsModule": module}})])


def test_event_groups_with_their_totals():
    assert _tables(TWO_GROUPS)["adverse_event_groups"].rows() == [
        ("NCT00000001", 1, "EG000", "Drug", None, 1, 20, 3, 20, 12, 20),
        ("NCT00000001", 2, "EG001", "Placebo", "Sugar *pill*", None, None, 0, 19, 7, 19),
    ]


def test_serious_and_other_events_share_a_table_numbered_per_kind():
    assert _tables(TWO_GROUPS)["adverse_events"].drop("nct_id").rows() == [
        ("serious", 1, "Pneumonia", "Infections and infestations", "MedDRA 23.1", "SYSTEMATIC_ASSESSMENT", "Grade >= 3"),
        ("other", 1, "Headache", "Nervous system disorders", None, "NON_SYSTEMATIC_ASSESSMENT", None),
        ("other", 2, "Nausea", "Gastrointestinal disorders", None, None, None),
    ]


def test_counts_per_event_and_group():
    assert _tables(TWO_GROUPS)["adverse_event_counts"].drop("nct_id").rows() == [
        ("serious", 1, 1, "EG000", 2, 2, 20),
        ("serious", 1, 2, "EG001", 0, 0, 19),
        ("other", 1, 1, "EG000", None, 12, 20),
        ("other", 1, 2, "EG001", 9, 7, 19),
    ]


def test_a_count_sent_as_text_fails_the_study_instead_of_being_guessed():
    bad = {"eventGroups": [{"id": "EG000", "seriousNumAffected": "3"}]}
    with pytest.raises(NORMALIZE_ERRORS):
        _tables(bad)


# -- corpus tier ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_a_real_adverse_event_table_nct02513394():
    _, t = record("NCT02513394")
    groups = t["adverse_event_groups"].select("group_id", "deaths_num_affected", "serious_num_affected",
                                              "serious_num_at_risk")
    assert groups.rows() == [("EG000", 99, 369, 2841), ("EG001", 76, 229, 2902)]
    assert t["adverse_events"].filter(kind="serious").height == 341
    assert t["adverse_events"].filter(kind="other").height == 1688
    anaemia = t["adverse_event_counts"].filter(kind="serious", event_ordinal=1)
    assert anaemia.select("group_id", "num_events", "num_affected", "num_at_risk").rows() == [
        ("EG000", 3, 3, 2841), ("EG001", 0, 0, 2902)]


def _module(raw: dict) -> dict:
    return (raw.get("resultsSection") or {}).get("adverseEventsModule") or {}


def _events(raw):
    for kind, key in (("serious", "seriousEvents"), ("other", "otherEvents")):
        for e, event in enumerate(arr(_module(raw), key), 1):
            yield kind, e, event


_GROUP_KEYS = ("deathsNumAffected", "deathsNumAtRisk", "seriousNumAffected", "seriousNumAtRisk", "otherNumAffected",
               "otherNumAtRisk")

CORPUS = {
    "adverse_event_groups": (
        ["nct_id", "ordinal", "group_id", "title", "deaths_num_affected", "deaths_num_at_risk", "serious_num_affected",
         "serious_num_at_risk", "other_num_affected", "other_num_at_risk"],
        lambda raw: [(nct(raw), i, g.get("id"), g.get("title"), *(g.get(k) for k in _GROUP_KEYS))
                     for i, g in enumerate(arr(_module(raw), "eventGroups"), 1)],
    ),
    "adverse_events": (
        ["nct_id", "kind", "ordinal", "term", "organ_system", "source_vocabulary", "assessment_type"],
        lambda raw: [(nct(raw), kind, e, ev.get("term"), ev.get("organSystem"), ev.get("sourceVocabulary"),
                      ev.get("assessmentType")) for kind, e, ev in _events(raw)],
    ),
    "adverse_event_counts": (
        ["nct_id", "kind", "event_ordinal", "ordinal", "group_id", "num_events", "num_affected", "num_at_risk"],
        lambda raw: [(nct(raw), kind, e, i, s.get("groupId"), s.get("numEvents"), s.get("numAffected"),
                      s.get("numAtRisk"))
                     for kind, e, ev in _events(raw) for i, s in enumerate(arr(ev, "stats"), 1)],
    ),
}


@pytest.mark.corpus
@pytest.mark.parametrize("table", list(CORPUS))
def test_every_corpus_record_matches_its_json(table):
    columns, rows = CORPUS[table]
    assert check_table(table, columns, rows) > 0
