"""The analytics named queries (sql/queries/), on the flagship fixture and on the corpus tier.

Expected rows on the corpus are computed here from the registry JSON itself, not from the
warehouse, so a query that joins or filters wrongly disagrees with them.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections import Counter, defaultdict

import orjson
import polars as pl
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.landing import land_or_reject
from pipeline.queries import run_query
from pipeline.run import load_local
from tests.conftest import CORPUS, FIXTURES, corpus_files, corpus_record

SIMILAR_ALS = "als_ipsc_neural_progenitor_intrathecal_phase1.json"  # NCT09999001, made up for these tests
ASTHMA = "NCT00712335"  # a real record with results, read from ../shared/ctgov-data (corpus tier)


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


def load(path, *studies: dict):
    return load_local([[land_or_reject(study) for study in studies]], path, command="test", parameters={})


@pytest.fixture
def flagship_only(flagship, warehouse_path):
    load(warehouse_path, flagship)
    return warehouse_path


@pytest.fixture
def three(flagship, warehouse_path):
    load(warehouse_path, flagship, fixture(SIMILAR_ALS), corpus_record(ASTHMA))
    return warehouse_path


def rows(path, name, **params) -> list[dict]:
    return run_query(path, name, {k: str(v) for k, v in params.items()}).to_dicts()


# -- the flagship and two more fixtures ----------------------------------------------------


def test_landscape_has_one_row_per_als_cell_therapy_trial(three):
    landscape = rows(three, "als_cell_therapy_landscape")
    assert [row["nct_id"] for row in landscape] == ["NCT09999001", "NCT07118319"]  # newest start first
    flagship = landscape[1]
    assert {key: flagship[key] for key in (
        "phase", "overall_status", "cell_types", "sources", "tissue_origins", "routes", "dose_levels",
        "min_cells_per_dose", "max_cells_per_dose", "enrollment", "start_date", "start_date_precision",
        "completion_date", "completion_date_precision", "lead_sponsor_name", "countries")} == {
        "phase": "PHASE1", "overall_status": "RECRUITING", "cell_types": "motor_neuron_progenitor",
        "sources": "allogeneic", "tissue_origins": "ipsc", "routes": "intrathecal",
        "dose_levels": "5×10^7 cells/dose | 1×10^8 cells/dose",
        "min_cells_per_dose": 5.0e7, "max_cells_per_dose": 1.0e8, "enrollment": 12,
        "start_date": dt.date(2025, 9, 15), "start_date_precision": "day",
        "completion_date": dt.date(2028, 9, 30), "completion_date_precision": "day",
        "lead_sponsor_name": "XellSmart Bio-Pharmaceutical (Suzhou) Co., Ltd.", "countries": "China",
    }
    partial = landscape[0]
    assert (partial["start_date"], partial["start_date_precision"], partial["start_date_type"]) == (
        dt.date(2026, 3, 1), "month", "ESTIMATED")


def test_dose_levels_multiply_each_arm_by_its_schedules(flagship_only):
    levels = rows(flagship_only, "dose_levels")
    assert [(r["arm_label"], r["cells_per_dose"], r["number_of_doses"], r["interval"], r["total_cells"])
            for r in levels] == [
        ("1.0×10^8 cells/person/dose", 1e8, 4, "2 weeks", 4e8),
        ("5.0×10^7 cells/person/dose", 5e7, 4, "2 weeks", 2e8),
        ("1.0×10^8 cells/person/dose", 1e8, 1, None, 1e8),
        ("5.0×10^7 cells/person/dose", 5e7, 1, None, 5e7),
    ]
    assert {(r["cell_types"], r["sources"], r["route"], r["per"]) for r in levels} == {
        ("motor_neuron_progenitor", "allogeneic", "intrathecal", "dose")}


def test_eligibility_comparison_reads_age_fvc_alsfrs_and_duration(three):
    by_id = {row["nct_id"]: row for row in rows(three, "eligibility_comparison")}
    assert set(by_id) == {"NCT07118319", "NCT09999001", "NCT00712335"}
    flagship = by_id["NCT07118319"]
    assert (flagship["minimum_age"], flagship["maximum_age"], flagship["age_in_criteria"],
            flagship["fvc_percent_predicted"], flagship["fvc_lower"], flagship["alsfrs_r"],
            flagship["disease_duration"]) == ("18 Years", "75 Years", "≥ 18 and ≤ 75 years", "≥ 70 %", 70.0,
                                              None, None)
    other = by_id["NCT09999001"]
    assert (other["fvc_percent_predicted"], other["alsfrs_r"], other["alsfrs_r_lower"], other["disease_duration"],
            other["disease_duration_upper"], other["disease_duration_unit"]) == (
        "≥ 60 %", "≥ 30 points", 30.0, "≤ 24 months", 24.0, "months")


def test_recruiting_sites_with_and_without_a_country(three):
    sites = rows(three, "recruiting_sites")
    assert [(s["country"], s["city"], s["facility"], s["nct_id"], s["contact_name"], s["contact_phone"])
            for s in sites] == [("China", "Beijing", "Peking University Third Hospital", "NCT07118319",
                                 "Dongsheng Fan", "+86 13701023871")]
    assert rows(three, "recruiting_sites_in_country", country="CHINA") == sites
    assert rows(three, "recruiting_sites_in_country", country="United States") == []  # not yet recruiting
    assert rows(three, "recruiting_countries") == [
        {"country": "China", "sites": 1, "trials": 1, "nct_ids": "NCT07118319", "latitude": None, "longitude": None}]


def test_trials_per_year_by_phase(three):
    assert [(r["start_year"], r["phase"], r["trials"], r["actual_starts"], r["enrollment"])
            for r in rows(three, "trials_per_year")] == [
        (2007, "PHASE4", 1, 0, 105), (2025, "PHASE1", 1, 0, 12), (2026, "PHASE1", 1, 0, 18)]


def test_sponsors_and_their_trials(three):
    sponsors = {row["sponsor"]: row for row in rows(three, "sponsors")}
    xellsmart = sponsors["XellSmart Bio-Pharmaceutical (Suzhou) Co., Ltd."]
    assert (xellsmart["trials"], xellsmart["lead_trials"], xellsmart["collaborator_trials"],
            xellsmart["open_trials"], xellsmart["nct_ids"]) == (1, 1, 0, 1, "NCT07118319")
    assert sum(row["lead_trials"] for row in sponsors.values()) == 3


def test_changes_since_a_date(flagship, warehouse_path):
    load(warehouse_path, flagship)
    changed = copy.deepcopy(flagship)
    changed["protocolSection"]["statusModule"]["overallStatus"] = "ACTIVE_NOT_RECRUITING"
    changed["protocolSection"]["designModule"]["enrollmentInfo"]["count"] = 14
    load(warehouse_path, changed)
    changes = rows(warehouse_path, "changes_since", since="2000-01-01")
    assert [(c["nct_id"], c["field"], c["old_value"], c["new_value"], c["run_id"]) for c in changes] == [
        ("NCT07118319", "enrollment", "12", "14", 2),
        ("NCT07118319", "overall_status", "RECRUITING", "ACTIVE_NOT_RECRUITING", 2),
    ]
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).date().isoformat()
    assert rows(warehouse_path, "changes_since", since=tomorrow) == []


def test_results_and_saes(three):
    results = rows(three, "results_and_saes")
    assert [(r["nct_id"], r["results_first_posted_date"], r["ae_groups"], r["sae_participants"], r["sae_at_risk"],
             r["term"]) for r in results] == [("NCT00712335", dt.date(2012, 5, 16), 5, 0, 75, None)]


def test_the_flagship_has_no_results(flagship_only):
    assert rows(flagship_only, "results_and_saes") == []


def test_query_writes_parquet_and_markdown(three, tmp_path):
    out = tmp_path / "landscape.parquet"
    args = ["query", "als_cell_therapy_landscape", "--warehouse", str(three)]
    result = CliRunner().invoke(cli, [*args, "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert pl.read_parquet(out)["nct_id"].to_list() == ["NCT09999001", "NCT07118319"]
    markdown = CliRunner().invoke(cli, [*args, "--format", "markdown"]).output.splitlines()
    assert markdown[0].startswith("| nct_id | brief_title | acronym | phase |")
    assert markdown[1].startswith("|---|---|")
    assert len(markdown) == 4


def test_parquet_needs_an_output_file(three):
    result = CliRunner().invoke(cli, ["query", "sponsors", "--warehouse", str(three), "--format", "parquet"])
    assert result.exit_code == 2
    assert "--format parquet writes a file: add --out FILE.parquet" in result.output


def test_list_columns_print_as_text_in_csv(flagship_only):
    result = CliRunner().invoke(cli, ["query", "select nct_id, phases from studies", "--warehouse",
                                      str(flagship_only), "--format", "csv"])
    assert result.output.splitlines() == ["nct_id,phases", "NCT07118319,PHASE1"]


# -- the corpus tier: 515 real records, the two ALS fixtures, then 12 later versions --------


@pytest.fixture(scope="module")
def corpus():
    return {study["protocolSection"]["identificationModule"]["nctId"]: study
            for study in (orjson.loads(path.read_bytes()) for path in corpus_files())}


@pytest.fixture(scope="module")
def corpus_warehouse(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "w.duckdb"
    studies = [*corpus.values(), fixture("NCT07118319.json"), fixture(SIMILAR_ALS)]
    load_local([[land_or_reject(s) for s in studies[i:i + 100]] for i in range(0, len(studies), 100)], path,
               command="test", parameters={})
    load(path, *(orjson.loads(p.read_bytes()) for p in sorted((CORPUS / "variants").glob("NCT*.json"))))
    return path


def protocol(study: dict, module: str) -> dict:
    return study["protocolSection"].get(module, {})


@pytest.mark.corpus
def test_corpus_landscape_is_the_two_als_cell_trials(corpus_warehouse):
    assert [r["nct_id"] for r in rows(corpus_warehouse, "als_cell_therapy_landscape")] == [
        "NCT09999001", "NCT07118319"]


@pytest.mark.corpus
def test_corpus_dose_levels(corpus_warehouse):
    nk = [(r["arm_label"], r["cells_per_dose"], r["number_of_doses"], r["total_cells"])
          for r in rows(corpus_warehouse, "dose_levels") if r["nct_id"] == "NCT06097962"]
    assert nk == [("Group C (high-dose group)", 1.2e10, 6, 7.2e10), ("Group B (medium-dose group)", 9e9, 6, 5.4e10),
                  ("Group A (low-dose group)", 1e9, 6, 6e9)]


@pytest.mark.corpus
def test_corpus_eligibility_comparison_has_every_trial_and_its_ages(corpus_warehouse, corpus):
    by_id = {r["nct_id"]: r for r in rows(corpus_warehouse, "eligibility_comparison")}
    assert set(by_id) == set(corpus) | {"NCT07118319", "NCT09999001"}
    for nct_id, study in corpus.items():
        module = protocol(study, "eligibilityModule")
        assert (by_id[nct_id]["minimum_age"], by_id[nct_id]["maximum_age"]) == (
            module.get("minimumAge"), module.get("maximumAge")), nct_id


def _recruiting_sites(corpus: dict) -> Counter:
    sites = Counter()
    for study in corpus.values():
        overall = protocol(study, "statusModule").get("overallStatus")
        for site in protocol(study, "contactsLocationsModule").get("locations", []):
            if site.get("status", overall if "status" not in site else None) == "RECRUITING":
                sites[site.get("country")] += 1
    return sites


@pytest.mark.corpus
def test_corpus_recruiting_sites_by_country(corpus_warehouse, corpus):
    expected = _recruiting_sites(corpus) + Counter({"China": 1})  # the flagship's site
    sites = rows(corpus_warehouse, "recruiting_sites")
    assert Counter(s["country"] for s in sites) == expected
    assert {r["country"]: r["sites"] for r in rows(corpus_warehouse, "recruiting_countries")} == dict(expected)
    japan = rows(corpus_warehouse, "recruiting_sites_in_country", country="japan")
    assert Counter((s["nct_id"], s["latitude"], s["longitude"]) for s in japan) == Counter(
        (nct_id, site.get("geoPoint", {}).get("lat"), site.get("geoPoint", {}).get("lon"))
        for nct_id, study in corpus.items()
        for site in protocol(study, "contactsLocationsModule").get("locations", [])
        if site.get("country") == "Japan" and site.get("status") == "RECRUITING")


@pytest.mark.corpus
def test_corpus_trials_per_year(corpus_warehouse, corpus):
    expected = Counter()
    for study in corpus.values():
        start = protocol(study, "statusModule").get("startDateStruct", {}).get("date")
        phases = protocol(study, "designModule").get("phases")
        expected[(int(start[:4]) if start else None, "/".join(phases) if phases else "none")] += 1
    expected[(2025, "PHASE1")] += 1
    expected[(2026, "PHASE1")] += 1
    assert {(r["start_year"], r["phase"]): r["trials"] for r in rows(corpus_warehouse, "trials_per_year")} == expected


@pytest.mark.corpus
def test_corpus_sponsors(corpus_warehouse, corpus):
    lead, collaborating = defaultdict(set), defaultdict(set)
    for nct_id, study in corpus.items():
        module = protocol(study, "sponsorCollaboratorsModule")
        lead[module["leadSponsor"]["name"]].add(nct_id)
        for collaborator in module.get("collaborators", []):
            collaborating[collaborator["name"]].add(nct_id)
    got = {r["sponsor"]: r for r in rows(corpus_warehouse, "sponsors")}
    for name in set(lead) | set(collaborating):
        assert (got[name]["lead_trials"], got[name]["collaborator_trials"]) == (
            len(lead[name]), len(collaborating[name])), name
    assert (got["AstraZeneca"]["trials"], got["AstraZeneca"]["lead_trials"]) == (11, 8)


@pytest.mark.corpus
def test_corpus_changes_since_are_the_later_versions(corpus_warehouse, corpus):
    variant = orjson.loads(next((CORPUS / "variants").glob("NCT00763412.*.json")).read_bytes())
    assert "type" not in protocol(corpus["NCT00763412"], "statusModule")["startDateStruct"]
    expected_type = protocol(variant, "statusModule")["startDateStruct"]["type"]
    changes = rows(corpus_warehouse, "changes_since", since="2000-01-01")
    assert [(c["nct_id"], c["field"], c["old_value"], c["new_value"]) for c in changes] == [
        ("NCT00763412", "start_date_type", None, expected_type)]


@pytest.mark.corpus
def test_corpus_results_and_saes(corpus_warehouse, corpus):
    results = rows(corpus_warehouse, "results_and_saes")
    with_results = {nct_id for nct_id, study in corpus.items() if study.get("hasResults")}
    assert {r["nct_id"] for r in results} == with_results
    terms = Counter(r["nct_id"] for r in results if r["term"] is not None)
    for nct_id in with_results:
        events = corpus[nct_id].get("resultsSection", {}).get("adverseEventsModule", {}).get("seriousEvents", [])
        assert terms[nct_id] == len(events), nct_id
    dupilumab = [(r["term"], r["num_affected"], r["num_at_risk"], r["sae_participants"], r["sae_at_risk"])
                 for r in results if r["nct_id"] == "NCT02210780"]
    assert sorted(dupilumab) == [("Mycosis fungoides stage iv", 1, 194, 3, 194),
                                 ("Serum sickness-like reaction", 1, 194, 3, 194),
                                 ("Squamous cell carcinoma", 1, 194, 3, 194)]


@pytest.mark.corpus
def test_corpus_every_named_query_runs(corpus_warehouse):
    from pipeline.queries import list_named

    for named in list_named():
        params = {name: {"nct_id": "NCT07118319", "country": "China", "since": "2000-01-01"}[name]
                  for name in named.parameters}
        run_query(corpus_warehouse, named.name, params)


@pytest.mark.corpus
def test_corpus_similar_trials(corpus_warehouse, corpus):
    atopic = [nct_id for nct_id, study in corpus.items()
              if "Atopic Dermatitis" in protocol(study, "conditionsModule").get("conditions", [])]
    assert sorted(atopic) == ["NCT02210780", "NCT05911841"]
    ranked = rows(corpus_warehouse, "similar_trials", nct_id="NCT02210780")
    assert len(ranked) == len(corpus) + 1  # every other trial, the two ALS fixtures included
    assert (ranked[0]["nct_id"], ranked[0]["conditions"], ranked[0]["mesh"]) == ("NCT05911841", 1.0, 1.0)
    assert rows(corpus_warehouse, "similar_trials", nct_id="NCT07118319")[0]["nct_id"] == "NCT09999001"
