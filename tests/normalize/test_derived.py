"""derivedSection -> miscInfoModule columns, mesh_terms, browse_leaves, browse_branches, submission_infos."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.normalize import derived
from tests.normalize.cases import record, rows

ALS_BROWSE = {
    "meshes": [{"id": "D000690", "term": "Amyotrophic Lateral Sclerosis"}],
    "ancestors": [{"id": "D016472", "term": "Motor Neuron Disease"},
                  {"id": "D019636", "term": "Neurodegenerative Diseases"}],
    "browseLeaves": [{"id": "M3998", "name": "Amyotrophic Lateral Sclerosis", "asFound": "ALS", "relevance": "HIGH"},
                     {"id": "M19020", "name": "Motor Neuron Disease", "relevance": "LOW"}],
    "browseBranches": [{"abbrev": "BC10", "name": "Nervous System Diseases"},
                       {"abbrev": "All", "name": "All Conditions"}],
}


def tables(derived_section: dict) -> dict:
    return derived.tables([record(derived=derived_section)])


def test_mesh_matches_then_ancestors_numbered_per_domain():
    got = tables({"conditionBrowseModule": ALS_BROWSE,
                  "interventionBrowseModule": {"meshes": [{"id": "D008775", "term": "Methylprednisolone"}]}})
    assert rows(got["mesh_terms"]) == [
        ("NCT00000001", "condition", 1, "D000690", "Amyotrophic Lateral Sclerosis", False),
        ("NCT00000001", "condition", 2, "D016472", "Motor Neuron Disease", True),
        ("NCT00000001", "condition", 3, "D019636", "Neurodegenerative Diseases", True),
        ("NCT00000001", "intervention", 1, "D008775", "Methylprednisolone", False),
    ]


def test_browse_leaves_and_branches():
    got = tables({"conditionBrowseModule": ALS_BROWSE})
    assert rows(got["browse_leaves"]) == [
        ("NCT00000001", "condition", 1, "M3998", "Amyotrophic Lateral Sclerosis", "ALS", "HIGH"),
        ("NCT00000001", "condition", 2, "M19020", "Motor Neuron Disease", None, "LOW"),
    ]
    assert rows(got["browse_branches"]) == [
        ("NCT00000001", "condition", 1, "BC10", "Nervous System Diseases"),
        ("NCT00000001", "condition", 2, "All", "All Conditions"),
    ]


def test_no_derived_section_gives_no_rows_and_null_columns():
    got = derived.tables([record()])
    assert {name: frame.height for name, frame in got.items()} == dict.fromkeys(got, 0)
    assert set(derived.study_columns([record()]).row(0)) == {None}


def test_submission_cycles_of_results_under_review():
    tracking = {"estimatedResultsFirstSubmitDate": "2024-05-06", "submissionInfos": [
        {"releaseDate": "2024-05-06", "resetDate": "2024-06-05", "mcpReleaseN": 8},
        {"releaseDate": "2024-06-20", "unreleaseDate": "2024-06-21", "unreleaseDateUnknown": False},
    ]}
    section = {"miscInfoModule": {"versionHolder": "2025-11-20", "submissionTracking": tracking}}
    assert rows(tables(section)["submission_infos"]) == [
        ("NCT00000001", 1, dt.date(2024, 5, 6), None, None, dt.date(2024, 6, 5), 8),
        ("NCT00000001", 2, dt.date(2024, 6, 20), dt.date(2024, 6, 21), False, None, None),
    ]
    got = derived.study_columns([record(derived=section)]).row(0, named=True)
    assert got["estimated_results_first_submit_date"] == dt.date(2024, 5, 6)
    assert got["version_holder_date"] == dt.date(2025, 11, 20)


def test_first_mcp_post_date_removed_countries_and_model_bmi():
    section = {"miscInfoModule": {
        "removedCountries": ["Argentina", "Chile"],
        "submissionTracking": {"firstMcpInfo": {"postDateStruct": {"date": "2024-04-03", "type": "ACTUAL"}}},
        "modelPredictions": {"bmiLimits": {"minBmi": 18.5, "maxBmi": 35}},
    }}
    got = derived.study_columns([record(derived=section)]).row(0, named=True)
    assert got["removed_countries"] == ["Argentina", "Chile"]
    mcp = [got[f"first_mcp_posted_date{suffix}"] for suffix in ("", "_precision", "_type")]
    assert mcp == [dt.date(2024, 4, 3), "day", "ACTUAL"]
    assert (got["model_min_bmi"], got["model_max_bmi"]) == (18.5, 35.0)


def test_meshes_as_an_object_raise():
    with pytest.raises(TypeError, match="meshes"):
        tables({"conditionBrowseModule": {"meshes": {"id": "D000690"}}})
