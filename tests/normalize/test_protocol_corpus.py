"""Corpus tier: protocolSection and derivedSection tables over every real record in ../shared/ctgov-data.

Row counts are checked against the JSON arrays they come from, counted by plain dict walking
in ``array_counts`` (independently of the normalizers).
"""

from __future__ import annotations

import datetime as dt

import orjson
import polars as pl
import pytest

from pipeline.normalize import Study, normalize
from pipeline.normalize.schemas import protocol
from tests.conftest import corpus_files
from tests.normalize.array_counts import EXPECTED

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def batches() -> list[tuple[list[dict], dict[str, pl.DataFrame]]]:
    """(records, tables) for the top-level records and for variants/ (a batch holds each study once)."""
    out = []
    for pattern in ("NCT*.json", "variants/*.json"):
        records = [orjson.loads(path.read_bytes()) for path in corpus_files(pattern)]
        studies = [Study(r["protocolSection"]["identificationModule"]["nctId"], r) for r in records]
        out.append((records, normalize(studies)))
    return out


@pytest.fixture(scope="module")
def main(batches) -> dict[str, pl.DataFrame]:
    return batches[0][1]


def test_the_expectations_cover_every_protocol_table():
    assert set(EXPECTED) == set(protocol.TABLES)


@pytest.mark.parametrize("table", list(EXPECTED))
def test_rows_equal_the_items_of_the_json_arrays(batches, table):
    for records, tables in batches:
        assert tables[table].height == sum(EXPECTED[table](r) for r in records), table


@pytest.mark.parametrize("table", list(protocol.TABLES))
def test_every_child_row_has_its_study(batches, table):
    for _, tables in batches:
        orphans = tables[table].join(tables["studies"], on="nct_id", how="anti")
        assert orphans.height == 0, orphans.head()


def test_one_studies_and_eligibility_row_per_record(batches):
    for records, tables in batches:
        assert tables["studies"].height == tables["eligibility"].height == len(records)


def where(tables: dict[str, pl.DataFrame], table: str, nct_id: str) -> pl.DataFrame:
    return tables[table].filter(pl.col("nct_id") == nct_id)


def test_many_sites_five_collaborators_and_partial_start(main):
    # PALLAS: 437 sites in 20 countries, five collaborators, a start date with month precision and no type
    sites = where(main, "locations", "NCT02513394")
    assert sites.height == 437
    assert sites.row(0) == ("NCT02513394", 1, "University of South Alabama Mitchell Cancer Institute", None,
                            "Mobile", "Alabama", "36604", "United States", 30.69436, -88.04305)
    assert sites.row(436)[2:8] == ("Royal Cornwall Hospitals NHS Trust, Oncology Trials, Sunrise Centre", None,
                                   "Truro", None, "TR1 3LQ", "United Kingdom")
    sponsors = where(main, "sponsors", "NCT02513394")
    assert sponsors.select("ordinal", "name", "role").rows()[::5] == [
        (1, "Alliance Foundation Trials, LLC.", "lead"), (6, "Pfizer", "collaborator")]
    assert where(main, "identifiers", "NCT02513394").select("source", "id_value", "id_type").rows() == [
        ("org_study_id", "AFT-05", None),
        ("secondary_id", "ABCSG 42", "OTHER"),
        ("secondary_id", "BIG 14-03", "OTHER"),
        ("secondary_id", "2014-005181-30", "EUDRACT_NUMBER"),
    ]
    study = where(main, "studies", "NCT02513394").row(0, named=True)
    assert (study["start_date"], study["start_date_precision"], study["start_date_type"]) == (
        dt.date(2015, 8, 1), "month", None)
    assert (study["model_min_bmi"], study["model_max_bmi"]) == (0.0, 101.0)
    # MeSH IDs in this record are zero-padded (D000001943); they are kept as given
    assert where(main, "mesh_terms", "NCT02513394").filter(pl.col("domain") == "condition").select(
        "ordinal", "mesh_id", "is_ancestor").rows()[:2] == [(1, "D000001943", False), (2, "D000009371", True)]


def test_alias_is_an_identifier(main):
    assert where(main, "identifiers", "NCT03103880").select("ordinal", "source", "id_value").rows() == [
        (1, "org_study_id", "2017 Observational Study 1.0"), (2, "nct_alias", "NCT05712863")]


def test_no_arms_module_two_collaborators_and_links(main):
    assert where(main, "intervention_other_names", "NCT02663973").height == 0
    assert where(main, "sponsors", "NCT02663973").select("name", "class", "role").rows()[1:] == [
        ("Ministry of Health, Brazil", "OTHER_GOV", "collaborator"), ("Avon Institute", "UNKNOWN", "collaborator")]
    assert where(main, "links", "NCT02663973").select("ordinal", "url").rows() == [
        (1, "http://globocan.iarc.fr/Pages/fact_sheets_population.aspx"),
        (2, "http://www.cancer.gov/cancertopics/treatment"),
    ]


def test_expanded_access_and_removed_country(main):
    study = where(main, "studies", "NCT02552212").row(0, named=True)
    assert (study["has_expanded_access"], study["expanded_access_nct_id"], study["expanded_access_status"]) == (
        True, "NCT03559686", "AVAILABLE")
    assert study["removed_countries"] == ["Czech Republic"]
    assert (study["results_first_submit_date"], study["results_first_submit_qc_date"]) == (
        dt.date(2019, 4, 27), dt.date(2020, 7, 31))


def test_old_responsible_party_and_no_outcomes_module(main):
    study = where(main, "studies", "NCT00007696").row(0, named=True)
    assert (study["responsible_party_type"], study["responsible_party_old_name_title"],
            study["responsible_party_old_organization"]) == (
        None, "Edelman, David - Study Chair", "Department of Veterans Affairs")
    assert (study["status_verified_date"], study["status_verified_date_precision"]) == (dt.date(2011, 2, 1), "month")
    assert where(main, "outcomes", "NCT00007696").height == 0


def test_results_under_review_with_three_submission_cycles(main):
    assert where(main, "submission_infos", "NCT04948307").drop("nct_id").rows() == [
        (1, dt.date(2024, 5, 6), None, None, dt.date(2024, 6, 5), 8),
        (2, dt.date(2024, 6, 20), None, None, dt.date(2024, 7, 16), 9),
        (3, dt.date(2024, 7, 31), None, None, dt.date(2024, 8, 23), 10),
    ]
    study = where(main, "studies", "NCT04948307").row(0, named=True)
    assert (study["estimated_results_first_submit_date"], study["version_holder_date"]) == (
        dt.date(2024, 5, 6), dt.date(2025, 5, 7))


def test_no_minimum_age(main):
    row = where(main, "eligibility", "NCT01892319").row(0, named=True)
    assert (row["minimum_age"], row["minimum_age_years"]) == (None, None)
