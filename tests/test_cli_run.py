"""`pipeline run` end to end: the real CLI against a fake registry on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.support.ctgov_server import CtgovServer, Fault
from tests.support.trials import als_msc_trial, unrelated_trial


def invoke(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


@pytest.fixture
def registry(flagship):
    studies = [flagship, *(als_msc_trial(f"NCT0100000{n}") for n in range(1, 6)), unrelated_trial("NCT02000000")]
    with CtgovServer(studies=studies) as server:
        yield server


def test_run_pages_through_a_search_and_loads_the_warehouse(registry, warehouse_path):
    result = invoke("run", "--page-size", "2", "--base-url", registry.base_url, "--warehouse", str(warehouse_path),
                    "--condition", "amyotrophic lateral sclerosis", "--intervention", '"stem cell" OR MSC',
                    "--nct", "NCT07118319", "--min-interval", "0")
    assert result.exit_code == 0, result.output
    assert "studies fetched 6: new 6, changed 0, unchanged 0, quarantined 0" in result.output
    assert "registry data timestamp 2026-11-20T09:00:05" in result.output

    walk = registry.requests_for("studies")
    # the flagship and the five MSC trials match: 3 full pages, then the empty page a full one leads to
    assert [r.page for r in walk] == [1, 2, 3, 4]
    assert all(r.param("pageSize") == "2" for r in walk)
    assert {r.param("query.cond") for r in walk} == {"amyotrophic lateral sclerosis"}
    assert all(r.headers["user-agent"].startswith("ctgov-als-pipeline/") for r in walk)

    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("select count(*) from studies").fetchone() == (6,)
        assert con.execute("select count(*) from studies where nct_id = 'NCT02000000'").fetchone() == (0,)
        assert con.execute("select start_date::varchar, start_date_precision from studies"
                           " where nct_id = 'NCT01000001'").fetchone() == ("2019-03-01", "month")
        assert con.execute("select minimum_age_years from eligibility where nct_id = 'NCT01000001'").fetchone() == (0.5,)
        run = con.execute("select status, studies_fetched, data_timestamp from pipeline_runs").fetchall()
        assert run == [("succeeded", 6, "2026-11-20T09:00:05")]


def test_a_second_run_changes_nothing(registry, warehouse_path):
    args = ["run", "--base-url", registry.base_url, "--warehouse", str(warehouse_path), "--min-interval", "0",
            "--condition", "amyotrophic lateral sclerosis"]
    assert invoke(*args).exit_code == 0
    before = dump(warehouse_path)
    second = invoke(*args)
    assert "nothing to fetch" in second.output  # same registry dataTimestamp
    third = invoke(*args, "--full")
    assert "new 0, changed 0, unchanged 6" in third.output
    assert dump(warehouse_path) == before


def test_a_changed_study_replaces_all_of_its_rows(registry, warehouse_path, flagship):
    args = ["run", "--base-url", registry.base_url, "--warehouse", str(warehouse_path), "--min-interval", "0",
            "--condition", "amyotrophic lateral sclerosis", "--recheck", "0"]
    assert invoke(*args).exit_code == 0
    shrunk = als_msc_trial("NCT01000003", arms=1, status="TERMINATED")
    grown = als_msc_trial("NCT01000003", arms=3)
    registry.set_studies([flagship, grown], data_timestamp="2026-11-21T09:00:05")
    assert "studies fetched 1: new 0, changed 1, unchanged 0" in invoke(*args).output  # only the delta
    registry.set_studies([flagship, shrunk], data_timestamp="2026-11-22T09:00:05")
    assert "changed 1" in invoke(*args).output
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("select count(*) from arms where nct_id = 'NCT01000003'").fetchone() == (1,)
        assert con.execute("select count(*) from arm_interventions where nct_id = 'NCT01000003'").fetchone() == (1,)
        assert con.execute("select overall_status from studies where nct_id = 'NCT01000003'").fetchone() == (
            "TERMINATED",)
        assert con.execute("select count(*), count(*) filter (where is_current) from raw_studies"
                           " where nct_id = 'NCT01000003'").fetchone() == (3, 1)


def test_a_malformed_study_is_quarantined_and_the_run_goes_on(registry, warehouse_path, flagship):
    broken = als_msc_trial("NCT01000009")
    broken["protocolSection"]["designModule"]["phases"] = "PHASE2"  # a string where a list belongs
    registry.set_studies([flagship, broken, als_msc_trial("NCT01000008")])
    result = invoke("run", "--base-url", registry.base_url, "--warehouse", str(warehouse_path),
                    "--min-interval", "0", "--condition", "amyotrophic lateral sclerosis")
    assert result.exit_code == 0
    assert "new 2, changed 0, unchanged 0, quarantined 1" in result.output
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        nct_id, reason, raw = con.execute("select nct_id, reason, raw_text from quarantine").fetchone()
        assert nct_id == "NCT01000009" and "normalizer failed" in reason and '"PHASE2"' in raw
        assert con.execute("select count(*) from studies where nct_id = 'NCT01000009'").fetchone() == (0,)
    assert invoke("run", "--base-url", registry.base_url, "--warehouse", str(warehouse_path), "--min-interval", "0",
                  "--condition", "amyotrophic lateral sclerosis", "--full", "--fail-on-quarantine").exit_code == 3


def test_an_unreachable_api_leaves_the_warehouse_untouched_and_names_the_url(registry, warehouse_path):
    args = ["run", "--base-url", registry.base_url, "--warehouse", str(warehouse_path), "--min-interval", "0",
            "--nct", "NCT07118319"]
    assert invoke(*args).exit_code == 0
    before = dump(warehouse_path, with_runs=True)
    dead = "http://127.0.0.1:9/api/v2"  # discard port: connection refused
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", "--base-url", dead, "--warehouse",
                             str(warehouse_path), "--nct", "NCT07118319"], capture_output=True, text=True,
                            env=_env(PIPELINE_RETRIES="2"), timeout=120)
    assert result.returncode == 1
    assert f"Error: {dead}/version failed after" in result.stderr
    assert dump(warehouse_path, with_runs=True) == before


def test_a_registry_error_is_shown_verbatim(registry, warehouse_path):
    registry.inject("studies", Fault.status(400, body="Error parsing query in Other terms: mismatched input '['"))
    result = invoke("run", "--base-url", registry.base_url, "--warehouse", str(warehouse_path), "--min-interval", "0",
                    "--term", "[oops")
    assert result.exit_code == 1
    assert "answered 400: Error parsing query in Other terms: mismatched input '['" in result.output
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("select status, error like '%answered 400%' from pipeline_runs").fetchall() == [
            ("failed", True)]


def test_an_unknown_id_is_reported_not_fatal(registry, warehouse_path):
    result = invoke("run", "--base-url", registry.base_url, "--warehouse", str(warehouse_path), "--min-interval", "0",
                    "--nct", "NCT07118319", "--nct", "nct09999999")
    assert result.exit_code == 0
    assert "not in the registry (404): NCT09999999" in result.output


@pytest.mark.parametrize("args", [["--nct", "12345"], ["--min-interval", "-1"], ["--bogus"]])
def test_bad_flags_exit_2_with_a_message(args, warehouse_path):
    result = CliRunner().invoke(cli, ["run", "--warehouse", str(warehouse_path), *args])
    assert result.exit_code == 2
    assert "Error" in result.output
    assert not warehouse_path.exists()


def test_query_status_and_rebuild_read_what_run_wrote(registry, warehouse_path):
    assert invoke("run", "--base-url", registry.base_url, "--warehouse", str(warehouse_path), "--min-interval", "0",
                  "--condition", "amyotrophic lateral sclerosis").exit_code == 0
    before = dump(warehouse_path)
    out = invoke("query", "select nct_id, overall_status from studies where nct_id = $id", "--param",
                 "id=NCT07118319", "--warehouse", str(warehouse_path), "--format", "json")
    assert json.loads(out.output) == [{"nct_id": "NCT07118319", "overall_status": "RECRUITING"}]
    csv = invoke("query", "select count(*) as n from arms", "--warehouse", str(warehouse_path), "--format", "csv")
    assert csv.output.splitlines() == ["n", "7"]
    status = invoke("status", "--warehouse", str(warehouse_path))
    assert "studies" in status.output and "succeeded" in status.output
    rebuilt = invoke("rebuild", "--warehouse", str(warehouse_path))
    assert "studies re-normalized 6" in rebuilt.output
    assert dump(warehouse_path) == before


def test_query_errors_are_one_line(warehouse_path, registry):
    invoke("run", "--base-url", registry.base_url, "--warehouse", str(warehouse_path), "--min-interval", "0",
           "--nct", "NCT07118319")
    bad = CliRunner().invoke(cli, ["query", "select * from nowhere", "--warehouse", str(warehouse_path)])
    assert bad.exit_code == 1 and bad.output.startswith("Error: ") and "nowhere" in bad.output
    missing = CliRunner().invoke(cli, ["query", "select 1 where 1 = $x", "--warehouse", str(warehouse_path)])
    assert missing.exit_code == 1 and "--param x=..." in missing.output
    absent = CliRunner().invoke(cli, ["query", "select 1", "--warehouse", str(warehouse_path) + ".nope"])
    assert absent.exit_code == 1 and "no warehouse at" in absent.output


# -- helpers -----------------------------------------------------------------------------------


def dump(path: Path, *, with_runs: bool = False) -> dict:
    """Every row of every table (raw_studies without its timestamps), for before/after checks."""
    from pipeline.normalize.schemas import TABLES

    out = {}
    with duckdb.connect(str(path), read_only=True) as con:
        for table in TABLES:
            out[table] = sorted(con.execute(f'select * from "{table}"').fetchall(), key=repr)
        out["raw_studies"] = sorted(con.execute("select nct_id, content_hash, is_current, raw from raw_studies").fetchall())
        if with_runs:
            out["pipeline_runs"] = con.execute("select * from pipeline_runs order by run_id").fetchall()
    return out


def _env(**extra: str) -> dict:
    import os

    return {**os.environ, **extra}


def test_unknown_fields_are_reported_and_kept(registry, warehouse_path, flagship):
    novel = json.loads(json.dumps(flagship))
    novel["protocolSection"]["statusModule"]["brandNewFlag"] = True
    novel["futureSection"] = {"anything": [1, 2]}
    registry.set_studies([novel])
    result = invoke("run", "--base-url", registry.base_url, "--warehouse", str(warehouse_path), "--min-interval", "0",
                    "--nct", "NCT07118319")
    assert result.exit_code == 0
    assert ("fields this pipeline does not know yet (kept in raw_studies.raw): futureSection (1), "
            "protocolSection.statusModule.brandNewFlag (1)") in result.output
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("select raw->>'$.futureSection.anything[1]' from raw_studies").fetchone() == ("2",)
        assert con.execute("select overall_status from studies").fetchone() == ("RECRUITING",)
        summary = json.loads(con.execute("select summary from pipeline_runs").fetchone()[0])
    assert summary["unknown_fields"] == {"futureSection": 1, "protocolSection.statusModule.brandNewFlag": 1}
