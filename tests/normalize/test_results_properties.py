"""Property tests: a study whose results, document and annotation sections lose fields, get nulls
or unknown keys normalizes without an exception, and every table still matches what is left."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import Study, normalize
from pipeline.normalize.schemas import results
from tests.normalize import (
    test_annotations,
    test_documents,
    test_results_baseline,
    test_results_events,
    test_results_flow,
    test_results_info,
    test_results_outcomes,
)
from tests.normalize.corpus_check import compare

NCT_ID = "NCT00000077"

EXPECTED = {
    **test_results_flow.CORPUS,
    **test_results_baseline.CORPUS,
    **test_results_outcomes.CORPUS,
    **test_results_events.CORPUS,
    **test_documents.CORPUS,
    **test_annotations.CORPUS,
    "study_results": (
        ["nct_id", "flow_type_units_analyzed", "ae_frequency_threshold_text", "ae_time_frame", "is_pi_sponsor_employee",
         "agreement_restriction_type", "has_restrictive_agreement", "contact_email", "contact_phone_ext"],
        test_results_info._row,
    ),
}

_COUNTS = [{"groupId": "G0", "value": "10"}, {"groupId": "G1", "value": "1,200"}]
_MEASURE = {
    "title": "Age", "paramType": "MEAN", "dispersionType": "STANDARD_DEVIATION", "unitOfMeasure": "years",
    "denoms": [{"units": "Participants", "counts": copy.deepcopy(_COUNTS)}],
    "classes": [{"title": "All", "denoms": [{"units": "Participants", "counts": copy.deepcopy(_COUNTS)}],
                 "categories": [{"title": "c", "measurements": [
                     {"groupId": "G0", "value": "1.5", "spread": "0.2", "lowerLimit": "1", "upperLimit": "2"},
                     {"groupId": "G1", "value": "NA", "comment": "none"}]}]}],
}
RICH = {
    "protocolSection": {"identificationModule": {"nctId": NCT_ID}},
    "hasResults": True,
    "resultsSection": {
        "participantFlowModule": {
            "preAssignmentDetails": "p", "typeUnitsAnalyzed": "Clinics",
            "groups": [{"id": "FG000", "title": "A"}, {"id": "FG001", "title": "B"}],
            "periods": [{"title": "Overall", "milestones": [
                {"type": "STARTED", "achievements": [{"groupId": "FG000", "numSubjects": "5", "numUnits": "2"}]}],
                "dropWithdraws": [{"type": "Lost", "reasons": [{"groupId": "FG001", "numSubjects": "1"}]}]}],
        },
        "baselineCharacteristicsModule": {
            "populationDescription": "all",
            "groups": [{"id": "BG000", "title": "A"}],
            "denoms": [{"units": "Participants", "counts": [{"groupId": "BG000", "value": "5"}]}],
            "measures": [copy.deepcopy(_MEASURE)],
        },
        "outcomeMeasuresModule": {"outcomeMeasures": [{
            **copy.deepcopy(_MEASURE), "type": "PRIMARY", "reportingStatus": "POSTED", "timeFrame": "1 year",
            "anticipatedPostingDate": "2026-01",
            "groups": [{"id": "OG000", "title": "A"}, {"id": "OG001", "title": "B"}],
            "analyses": [{"groupIds": ["OG000", "OG001"], "pValue": "<0.001", "paramType": "HR", "paramValue": "0.9",
                          "ciPctValue": "95", "ciLowerLimit": "0.8", "ciUpperLimit": "1.1", "ciNumSides": "TWO_SIDED",
                          "dispersionValue": "0.1", "statisticalMethod": "Log Rank"}],
        }]},
        "adverseEventsModule": {
            "frequencyThreshold": "5", "timeFrame": "1 year",
            "eventGroups": [{"id": "EG000", "title": "A", "seriousNumAffected": 1, "seriousNumAtRisk": 5}],
            "seriousEvents": [{"term": "Fever", "organSystem": "General", "assessmentType": "SYSTEMATIC_ASSESSMENT",
                               "stats": [{"groupId": "EG000", "numEvents": 1, "numAffected": 1, "numAtRisk": 5}]}],
            "otherEvents": [{"term": "Rash", "stats": [{"groupId": "EG000", "numAffected": 2, "numAtRisk": 5}]}],
        },
        "moreInfoModule": {
            "certainAgreement": {"piSponsorEmployee": False, "restrictionType": "OTHER", "restrictiveAgreement": True},
            "pointOfContact": {"title": "T", "email": "e@x.org", "phoneExt": "1"},
        },
    },
    "documentSection": {"largeDocumentModule": {"noSap": True, "largeDocs": [
        {"typeAbbrev": "Prot", "hasProtocol": True, "date": "2020-01-02", "uploadDate": "2020-01-03T04:05",
         "filename": "Prot_000.pdf", "size": 10}]}},
    "annotationSection": {"annotationModule": {
        "unpostedAnnotation": {"unpostedResponsibleParty": "X", "unpostedEvents": [{"type": "RESET", "date": "2024-01-01"}]},
        "violationAnnotation": {"violationEvents": [{"type": "VIOLATION_IDENTIFIED", "postedDate": "2021-01-01"}]},
    }},
}


def dict_paths(node, prefix=()):
    """Every path to a key inside dicts of ``node``, through lists by index."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from dict_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from dict_paths(value, (*prefix, index))


PATHS = [p for p in dict_paths(RICH) if p[0] in ("resultsSection", "documentSection", "annotationSection")]


@st.composite
def damaged(draw):
    record = copy.deepcopy(RICH)
    for path in draw(st.lists(st.sampled_from(PATHS), max_size=12)):
        holder = record
        try:
            for key in path[:-1]:
                holder = holder[key]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
        if not isinstance(holder, dict) or path[-1] not in holder:
            continue
        action = draw(st.sampled_from(["delete", "null", "unknown"]))
        if action == "delete":
            del holder[path[-1]]
        elif action == "null":
            holder[path[-1]] = None
        else:
            holder["someFieldAddedLater"] = {"nested": [1, "two"]}
    return record


@settings(max_examples=150, deadline=None)
@given(damaged())
def test_a_damaged_study_normalizes_and_keeps_the_rest(record):
    frames = normalize([Study(NCT_ID, record)])
    assert frames["studies"]["nct_id"].to_list() == [NCT_ID]
    for table, (columns, rows) in EXPECTED.items():
        compare(table, columns, rows, [record], frames)


def test_the_undamaged_record_fills_every_table():
    assert set(EXPECTED) == set(results.TABLES)
    frames = normalize([Study(NCT_ID, RICH)])
    for table, (columns, rows) in EXPECTED.items():
        assert compare(table, columns, rows, [RICH], frames) > 0, table
