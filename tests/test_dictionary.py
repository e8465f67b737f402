"""`pipeline schema`, the study_summary view and study_features, on the flagship."""

from __future__ import annotations

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.output import dictionary_markdown
from pipeline.landing import land_or_reject
from pipeline.run import load_local
from pipeline.warehouse import data_dictionary
from tests.conftest import ROOT


@pytest.fixture
def con(flagship, warehouse_path):
    load_local([[land_or_reject(flagship)]], warehouse_path, command="test", parameters={})
    with duckdb.connect(str(warehouse_path), read_only=True) as connection:
        yield connection


def test_the_committed_data_dictionary_is_up_to_date():
    committed = (ROOT / "docs" / "data-dictionary.md").read_text()
    assert committed.strip() == dictionary_markdown(*data_dictionary()).strip(), (
        "run: uv run pipeline schema --format markdown > docs/data-dictionary.md")


def test_schema_lists_tables_and_views_and_explains_a_column():
    listing = CliRunner().invoke(cli, ["schema"]).output
    assert "study_summary" in listing and "eligibility_criteria" in listing
    one = CliRunner().invoke(cli, ["schema", "studies"]).output
    assert "enrollment" in one and "99999999" in one
    bad = CliRunner().invoke(cli, ["schema", "nope"])
    assert bad.exit_code == 2 and "no table or view 'nope'" in bad.output


def test_study_features_of_the_flagship(con):
    row = con.execute(
        "select number_of_sites, countries, has_us_site, is_single_site, number_of_arms, number_of_interventions,"
        " months_start_to_primary_completion, registration_year, minimum_age_years, maximum_age_years,"
        " number_of_primary_outcomes, sae_subjects, were_results_reported, is_enrolling, is_cell_therapy"
        " from study_features"
    ).fetchall()
    # the page gives no date types, no submit or first-posted date and no outcomes: those stay empty
    assert row == [(1, ["China"], False, True, 2, 2, None, None, 18.0, 75.0, 0, None, False, True, True)]


def test_study_summary_needs_no_joins(con):
    row = con.execute(
        "select phase, conditions, interventions, sponsors, countries, sites from study_summary"
    ).fetchone()
    drug = "DRUG: Human Allogeneic Induced Pluripotent Stem Cells (iPSCs) -Derived Motor Neuron Progenitor Cells (XS228CN)"
    assert row == (
        "PHASE1",
        "Amyotrophic Lateral Sclerosis (ALS)",
        f"{drug} | {drug}",
        "XellSmart Bio-Pharmaceutical (Suzhou) Co., Ltd. (lead)",
        "China",
        "Peking University Third Hospital, Beijing, China",
    )


def test_features_follow_actual_dates_only():
    import polars as pl

    from pipeline.normalize import Study, normalize

    def trial(kind: str) -> Study:
        return Study("NCT00000001", {"protocolSection": {
            "identificationModule": {"nctId": "NCT00000001"},
            "statusModule": {"overallStatus": "COMPLETED",
                             "startDateStruct": {"date": "2020-01-01", "type": "ACTUAL"},
                             "primaryCompletionDateStruct": {"date": "2021-01-01", "type": kind},
                             "studyFirstSubmitDate": "2019-12-02"},
            "contactsLocationsModule": {"locations": [{"country": "United States"}, {"country": "Canada"},
                                                      {"country": "United States"}]}}})

    actual = normalize([trial("ACTUAL")])["study_features"]
    assert actual.select("months_start_to_primary_completion", "registration_year", "countries", "has_us_site",
                         "is_single_site").row(0) == (12.0, 2019, ["United States", "Canada"], True, False)
    estimated = normalize([trial("ESTIMATED")])["study_features"]
    assert estimated["months_start_to_primary_completion"].to_list() == [None]
    assert estimated["is_cell_therapy"].to_list() == [False]  # no intervention at all
    assert estimated.schema == actual.schema and isinstance(estimated, pl.DataFrame)
