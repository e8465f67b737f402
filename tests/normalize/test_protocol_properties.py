"""Property tests: a study with modules removed, fields null or absent, odd dates and unknown keys
normalizes without an exception and keeps everything that is left."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import Study, normalize
from tests.normalize.array_counts import EXPECTED

NCT_ID = "NCT00000042"

# One record with every protocolSection/derivedSection array this part of the pipeline reads.
RICH = {
    "protocolSection": {
        "identificationModule": {
            "nctId": NCT_ID,
            "nctIdAliases": ["NCT00000043"],
            "orgStudyIdInfo": {"id": "ORG-1", "type": "NIH", "link": "https://example.org/ORG-1"},
            "secondaryIdInfos": [{"id": "2020-000001-01", "type": "EUDRACT_NUMBER"},
                                 {"id": "R-9", "type": "REGISTRY", "domain": "ChiCTR"}],
            "briefTitle": "A study",
            "organization": {"fullName": "Org", "class": "OTHER"},
        },
        "statusModule": {
            "statusVerifiedDate": "2025-08",
            "overallStatus": "TERMINATED",
            "lastKnownStatus": "RECRUITING",
            "whyStopped": "Funding \\> gone",
            "expandedAccessInfo": {"hasExpandedAccess": True, "nctId": "NCT00000044", "statusForNctId": "AVAILABLE"},
            "startDateStruct": {"date": "2020-01", "type": "ACTUAL"},
            "studyFirstSubmitDate": "2019-12-01",
            "studyFirstPostDateStruct": {"date": "2019-12-05", "type": "ACTUAL"},
            "resultsFirstPostDateStruct": {"date": "2023-01-02", "type": "ACTUAL"},
            "lastUpdateSubmitDate": "2024-01-01",
        },
        "sponsorCollaboratorsModule": {
            "responsibleParty": {"type": "PRINCIPAL_INVESTIGATOR", "investigatorFullName": "Jane Doe"},
            "leadSponsor": {"name": "Org", "class": "OTHER"},
            "collaborators": [{"name": "NCI", "class": "NIH"}, {"name": "Acme", "class": "INDUSTRY"}],
        },
        "oversightModule": {"oversightHasDmc": True, "isFdaRegulatedDrug": False},
        "descriptionModule": {"briefSummary": "Summary", "detailedDescription": "Details \\*"},
        "conditionsModule": {"conditions": ["ALS"], "keywords": ["motor neuron", "iPSC"]},
        "designModule": {
            "studyType": "INTERVENTIONAL",
            "phases": ["PHASE1"],
            "designInfo": {"allocation": "RANDOMIZED",
                           "maskingInfo": {"masking": "DOUBLE", "whoMasked": ["PARTICIPANT", "INVESTIGATOR"]}},
            "enrollmentInfo": {"count": 12, "type": "ESTIMATED"},
            "bioSpec": {"retention": "SAMPLES_WITH_DNA", "description": "Blood"},
        },
        "armsInterventionsModule": {
            "armGroups": [{"label": "A", "type": "EXPERIMENTAL", "interventionNames": ["Drug: X"]}],
            "interventions": [{"type": "DRUG", "name": "X", "armGroupLabels": ["A"], "otherNames": ["X-1", "Xeno"]}],
        },
        "outcomesModule": {
            "primaryOutcomes": [{"measure": "AEs", "timeFrame": "6 months"}],
            "secondaryOutcomes": [{"measure": "FVC", "description": "\\>= 70%", "timeFrame": "1 year"}],
            "otherOutcomes": [{"measure": "NfL", "timeFrame": "1 year"}],
        },
        "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n\n* Adults", "sex": "ALL",
                              "minimumAge": "18 Years", "genderBased": False},
        "contactsLocationsModule": {
            "centralContacts": [{"name": "C", "role": "CONTACT", "phone": "1"}],
            "overallOfficials": [{"name": "O", "affiliation": "U", "role": "STUDY_CHAIR"}],
            "locations": [
                {"facility": "F1", "city": "Beijing", "country": "China", "geoPoint": {"lat": 39.9, "lon": 116.4},
                 "contacts": [{"name": "P", "role": "CONTACT"}, {"name": "Q", "role": "PRINCIPAL_INVESTIGATOR"}]},
                {"facility": "F2", "city": "Paris", "country": "France"},
            ],
        },
        "referencesModule": {
            "references": [{"pmid": "1", "type": "RESULT", "citation": "C1",
                            "retractions": [{"pmid": "2", "source": "J"}]}],
            "seeAlsoLinks": [{"label": "L", "url": "https://example.org"}],
            "availIpds": [{"id": "I", "type": "Study Protocol", "url": "https://example.org/p"}],
        },
        "ipdSharingStatementModule": {"ipdSharing": "YES", "infoTypes": ["SAP"]},
    },
    "derivedSection": {
        "miscInfoModule": {
            "versionHolder": "2025-01-01",
            "removedCountries": ["Chile"],
            "submissionTracking": {"estimatedResultsFirstSubmitDate": "2024-05-06",
                                   "firstMcpInfo": {"postDateStruct": {"date": "2024-04-03", "type": "ACTUAL"}},
                                   "submissionInfos": [{"releaseDate": "2024-05-06", "mcpReleaseN": 1}]},
        },
        "conditionBrowseModule": {
            "meshes": [{"id": "D000690", "term": "ALS"}],
            "ancestors": [{"id": "D016472", "term": "Motor Neuron Disease"}],
            "browseLeaves": [{"id": "M1", "name": "ALS", "asFound": "ALS", "relevance": "HIGH"}],
            "browseBranches": [{"abbrev": "BC10", "name": "Nervous System Diseases"}],
        },
        "interventionBrowseModule": {"meshes": [{"id": "D1", "term": "X"}], "browseBranches": [{"abbrev": "All"}]},
    },
    "hasResults": False,
}

DATE_KEYS = {"statusVerifiedDate", "date", "studyFirstSubmitDate", "lastUpdateSubmitDate", "versionHolder",
             "estimatedResultsFirstSubmitDate", "releaseDate"}
ODD_DATES = ["", "2025", "2025-13", "2025-02-30", "Jan 2020", "2020/01/05", "20200105", "2020-1-5", " 2020-01-05"]


def dict_paths(node, prefix=()):
    """Every (path to a key) inside dicts of ``node``, through lists by index."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from dict_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from dict_paths(value, (*prefix, index))


PATHS = [p for p in dict_paths(RICH) if p[-1] != "nctId" or len(p) > 3]


def parent(record, path):
    for key in path[:-1]:
        record = record[key]
    return record


@st.composite
def damaged(draw):
    record = copy.deepcopy(RICH)
    for path in draw(st.lists(st.sampled_from(PATHS), max_size=12)):
        try:
            holder = parent(record, path)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
        if not isinstance(holder, dict) or path[-1] not in holder:
            continue
        action = draw(st.sampled_from(["delete", "null", "unknown", "date"]))
        if action == "delete":
            del holder[path[-1]]
        elif action == "null":
            holder[path[-1]] = None
        elif action == "unknown":
            holder["someFieldAddedLater"] = {"nested": [1, "two"]}
        elif path[-1] in DATE_KEYS and isinstance(holder[path[-1]], str):
            holder[path[-1]] = draw(st.sampled_from(ODD_DATES))
    return record


@settings(max_examples=120, deadline=None)
@given(damaged())
def test_damaged_study_normalizes_and_keeps_the_rest(record):
    tables = normalize([Study(NCT_ID, record)])
    assert tables["studies"]["nct_id"].to_list() == [NCT_ID]
    for table, expected in EXPECTED.items():
        assert tables[table].height == expected(record), table
        assert set(tables[table]["nct_id"]) <= {NCT_ID}


def test_the_undamaged_record_fills_every_table():
    tables = normalize([Study(NCT_ID, RICH)])
    got = {table: tables[table].height for table in EXPECTED}
    assert got == {table: count(RICH) for table, count in EXPECTED.items()}
    assert all(tables[table].height > 0 for table in EXPECTED)
