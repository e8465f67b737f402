"""A hostile or broken registry, on real sockets: each fault either heals or fails cleanly.

For every fault, `pipeline run` either completes with a warehouse identical to a fault-free
run, or exits 1 naming the URL and leaves the previous state (and the watermark) intact.
"""

from __future__ import annotations

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.normalize.schemas import TABLES
from tests.support.ctgov_server import CtgovServer, Fault
from tests.support.trials import als_msc_trial

STUDIES = [als_msc_trial(f"NCT010000{n:02d}", arms=n % 3 + 1, posted=f"2026-01-{n:02d}") for n in range(1, 13)]


def run(registry: CtgovServer, warehouse, *extra: str):
    args = ["run", "--base-url", registry.base_url, "--warehouse", str(warehouse), "--min-interval", "0",
            "--retries", "3", "--retry-base-delay", "0.05", "--timeout", "2", "--page-size", "5",
            "--term", "MSC", "--recheck", "0", *extra]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def snapshot(path) -> dict:
    with duckdb.connect(str(path), read_only=True) as con:
        out = {t: sorted(con.execute(f'select * from "{t}"').fetchall(), key=repr) for t in TABLES}
        out["raw_studies"] = sorted(con.execute("select nct_id, content_hash, is_current from raw_studies").fetchall())
        out["sync_state"] = con.execute("select watermark_date, data_timestamp from sync_state").fetchall()
    return out


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    path = tmp_path_factory.mktemp("clean") / "w.duckdb"
    with CtgovServer(studies=STUDIES) as registry:
        assert run(registry, path).exit_code == 0
    return snapshot(path)


HEALING = {
    "429 with Retry-After": Fault.status(429, retry_after=1),
    "429 without Retry-After": Fault.status(429),
    "500": Fault.status(500),
    "502": Fault.status(502),
    "503": Fault.status(503),
    "504": Fault.status(504),
    "reset mid-body": Fault.reset(),
    "stall past the read timeout": Fault.stall(4),
    "HTML with status 200": Fault.html(),
    "truncated JSON": Fault.truncated(),
}


@pytest.mark.parametrize("fault", list(HEALING.values()), ids=list(HEALING))
@pytest.mark.parametrize("page", [1, 2])
def test_a_transient_fault_heals_to_the_clean_warehouse(fault, page, clean, warehouse_path):
    with CtgovServer(studies=STUDIES) as registry:
        registry.inject("studies", fault, page=page)
        result = run(registry, warehouse_path)
        assert result.exit_code == 0, result.output
        assert [r.fault for r in registry.requests_for("studies")].count(fault.name) == 1
    assert snapshot(warehouse_path) == clean


def test_a_rejected_page_token_restarts_the_walk_and_dedupes(clean, warehouse_path):
    with CtgovServer(studies=STUDIES) as registry:
        registry.inject("studies", Fault.reject_token(), page=2)
        result = run(registry, warehouse_path)
        assert result.exit_code == 0, result.output
        assert "studies fetched 12" in result.output
        assert [r.page for r in registry.requests_for("studies")][:3] == [1, 2, 1]
    assert snapshot(warehouse_path) == clean


FATAL = {  # fault, how many times, on which page, what the error says
    "a fault that never heals": (Fault.status(503), 99, 2, "failed after 3 attempts"),
    "a page token loop": (Fault.token_loop(), 1, 2, "twice: the cursor loops"),
    "an oversized body": (Fault.oversized(size=3 * 2**20), 1, 2, "cap"),
    "a rejected query": (Fault.status(400, body="Error parsing query"), 1, 1, "answered 400: Error parsing query"),
    "a token rejected again and again": (Fault.reject_token(), 99, 2, "page token rejected 3 times"),
}


@pytest.mark.parametrize(("fault", "times", "page", "message"), list(FATAL.values()), ids=list(FATAL))
def test_a_lasting_fault_fails_cleanly_and_keeps_the_previous_state(fault, times, page, message, clean,
                                                                    warehouse_path):
    with CtgovServer(studies=STUDIES[:6]) as registry:
        assert run(registry, warehouse_path).exit_code == 0
    before = snapshot(warehouse_path)
    with CtgovServer(studies=STUDIES, data_timestamp="2026-11-21T09:00:05") as registry:
        registry.inject("studies", fault, times=times, page=page)
        result = run(registry, warehouse_path, "--max-response-mb", "1", "--full")
        assert result.exit_code == 1
        assert "Error: " in result.output and message in result.output
        assert registry.base_url + "/studies" in result.output
    after = snapshot(warehouse_path)
    # the pages committed before the fault are whole studies; nothing moved the watermark
    assert after["sync_state"] == before["sync_state"]
    assert {row[0] for row in after["studies"]} >= {row[0] for row in before["studies"]}
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        assert con.execute("select status from pipeline_runs order by run_id desc limit 1").fetchone() == ("failed",)
    # and the next fault-free run completes the job
    with CtgovServer(studies=STUDIES, data_timestamp="2026-11-21T09:00:05") as registry:
        assert run(registry, warehouse_path).exit_code == 0
    assert snapshot(warehouse_path)["studies"] == clean["studies"]
