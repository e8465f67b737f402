"""Which studies the fake server's search parameters select, observed through plain httpx."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.ctgov_server import CtgovServer
from tests.support.study_dicts import page_ids, posted, study

# --- search ---------------------------------------------------------------------------------


@pytest.fixture
def searchable() -> Iterator[httpx.Client]:
    """Four studies: ALS with a cell therapy, Parkinson's, ALS via MeSH only, and a bare one."""
    als_by_mesh = posted("NCT00000003", "2026-11-19")
    als_by_mesh["derivedSection"] = {
        "conditionBrowseModule": {
            "meshes": [{"id": "D000690", "term": "Amyotrophic Lateral Sclerosis"}]
        }
    }
    studies = [
        study(
            "NCT00000001",
            identificationModule={"nctId": "NCT00000001", "briefTitle": "NurOwn in ALS"},
            statusModule={"overallStatus": "RECRUITING"},
            conditionsModule={"conditions": ["Amyotrophic Lateral Sclerosis"], "keywords": ["MND"]},
            armsInterventionsModule={
                "interventions": [{"name": "NurOwn", "otherNames": ["MSC-NTF"]}],
                "armGroups": [{"label": "Cell therapy arm"}],
            },
        ),
        study(
            "NCT00000002",
            statusModule={"overallStatus": "COMPLETED"},
            conditionsModule={"conditions": ["Parkinson Disease"]},
            armsInterventionsModule={"interventions": [{"name": "Placebo"}]},
            descriptionModule={"briefSummary": "Not about sclerosis at all."},
        ),
        als_by_mesh,
        posted("NCT00000004", "2026-10-01"),
    ]
    aliases = {"NCT00000008": "NCT00000004"}
    with CtgovServer(studies=studies, aliases=aliases) as srv, srv.client() as client:
        yield client


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"query.cond": '"amyotrophic lateral sclerosis" OR (Parkinson)'},
            ["NCT00000001", "NCT00000002", "NCT00000003"],
        ),
        ({"query.cond": "mnd"}, ["NCT00000001"]),
        ({"query.cond": "parkinson disease OR motor neuron"}, ["NCT00000002"]),
        ({"query.titles": "nurown"}, ["NCT00000001"]),
        ({"filter.overallStatus": "RECRUITING|COMPLETED"}, ["NCT00000001", "NCT00000002"]),
        ({"query.intr": "MSC-NTF OR cell therapy"}, ["NCT00000001"]),
        ({"query.term": "sclerosis"}, ["NCT00000001", "NCT00000002", "NCT00000003"]),
        ({"query.term": "sclerosis", "query.intr": "placebo"}, ["NCT00000002"]),
        ({"query.cond": "sclerosis NOT MND"}, ["NCT00000003"]),
        (
            {"filter.ids": "NCT00000001|nct2,NCT00000008"},
            ["NCT00000001", "NCT00000002", "NCT00000004"],
        ),
        ({"filter.advanced": "AREA[LastUpdatePostDate]RANGE[2026-11-01, MAX]"}, ["NCT00000003"]),
        (
            {
                "filter.advanced": "AREA[LastUpdatePostDate]RANGE[2026-10-01,MAX]"
                " AND (AREA[LastUpdatePostDate]RANGE[MIN,2026-10-01])"
            },
            ["NCT00000004"],
        ),
        (
            {"sort": "LastUpdatePostDate:asc"},
            ["NCT00000004", "NCT00000003", "NCT00000001", "NCT00000002"],
        ),
        (
            {"sort": "LastUpdatePostDate"},
            ["NCT00000003", "NCT00000004", "NCT00000001", "NCT00000002"],
        ),
    ],
)
def test_search_parameters_select_studies(
    searchable: httpx.Client, params: dict[str, str], expected: list[str]
) -> None:
    assert page_ids(searchable.get("/studies", params=params)) == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"filter.ids": "NCT00000001,NCTX"},
            "`NCTX` in parameter `filter.ids` has incorrect format",
        ),
        (
            {"filter.advanced": "AREA[NotARealField]RANGE[MIN, MAX]"},
            "Unknown area name: `NotARealField`",
        ),
        ({"query.term": "AREA[ConditionSearch]ALS"}, "does not support Essie operators"),
        ({"sort": "BriefTitle"}, "Item 1 in parameter `sort` has incorrect format"),
        ({"filter.overallStatus": "BADSTATUS"}, "Invalid value in parameter `overallStatus`"),
        ({"query.cond": "(ALS OR MND"}, "missing `)`"),
        ({"query.cond": '"ALS'}, "unbalanced quote"),
        ({"query.cond": "ALS OR"}, "unexpected end of query"),
        ({"pageSize": "-1"}, "Invalid value in parameter `pageSize`"),
        ({"countTotal": "yes"}, "Invalid value in parameter `countTotal`"),
        ({"format": "csv"}, "Invalid value in parameter `format`"),
    ],
)
def test_bad_search_input_is_400_text(
    searchable: httpx.Client, params: dict[str, str], message: str
) -> None:
    response = searchable.get("/studies", params=params)

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert message in response.text
