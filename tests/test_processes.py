"""Real processes: SIGKILL at several points, SIGTERM between batches, two runs at once."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.normalize.schemas import TABLES
from tests.conftest import ROOT
from tests.support.ctgov_server import CtgovServer, Fault
from tests.support.trials import als_msc_trial

STUDIES = [als_msc_trial(f"NCT01{n:06d}", arms=n % 4 + 1, sites=n % 3 + 1) for n in range(1, 301)]
PAGE = 60  # 5 pages of 60 studies


def start(registry: CtgovServer, warehouse: Path, *extra: str) -> subprocess.Popen:
    args = [sys.executable, "-m", "pipeline", "--log-format", "json", "run", "--base-url", registry.base_url,
            "--warehouse", str(warehouse), "--min-interval", "0", "--retries", "2", "--retry-base-delay", "0.05",
            "--page-size", str(PAGE), "--term", "MSC", *extra]
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.01)


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def tables(path: Path) -> dict:
    with duckdb.connect(str(path), read_only=True) as con:
        out = {t: sorted(con.execute(f'select * from "{t}"').fetchall(), key=repr) for t in TABLES}
        out["raw_studies"] = sorted(con.execute("select nct_id, content_hash, is_current from raw_studies").fetchall())
    return out


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    path = tmp_path_factory.mktemp("clean") / "w.duckdb"
    with CtgovServer(studies=STUDIES) as registry:
        code, out, err = finish(start(registry, path))
        assert code == 0, err
    return tables(path)


@pytest.mark.parametrize(
    ("point", "delay"),
    [
        ("fetching page 1", 0.0),
        ("fetching page 3", 0.0),
        ("loading page 2", 0.05),
        ("loading page 2", 0.15),
        ("loading page 4", 0.3),
    ],
)
def test_sigkill_at_any_point_is_repaired_by_the_next_run(point, delay, clean, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    page = int(point[-1])
    with CtgovServer(studies=STUDIES) as registry:
        # killed while waiting for the page; or, while loading, never after the walk could end
        registry.inject("studies", Fault.stall(30), page=page if point.startswith("fetching") else 5)
        process = start(registry, warehouse)
        wait_for(lambda: any(r.page == page for r in registry.requests_for("studies")))
        time.sleep(delay)  # the page arrives, is landed, normalized and loaded in one transaction
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        registry.clear_faults()
        if warehouse.exists():
            with duckdb.connect(str(warehouse), read_only=True) as con:
                # whatever committed is whole: each study has all of its arms
                assert con.execute(
                    "select count(*) from studies s where (select count(*) from arms a where a.nct_id = s.nct_id)"
                    " <> (cast(substr(s.nct_id, 6) as integer) % 4 + 1)"
                ).fetchone() == (0,)
        code, _, err = finish(start(registry, warehouse))
        assert code == 0, err
    assert tables(warehouse) == clean
    with duckdb.connect(str(warehouse), read_only=True) as con:
        statuses = [row[0] for row in con.execute("select status from pipeline_runs order by run_id").fetchall()]
    assert statuses[-1] == "succeeded"
    assert statuses[:-1] in ([], ["killed"])


def test_sigterm_stops_cleanly_after_the_current_batch(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    with CtgovServer(studies=STUDIES) as registry:
        registry.inject("studies", Fault.stall(1.0), page=3)
        process = start(registry, warehouse)
        wait_for(lambda: any(r.page == 3 for r in registry.requests_for("studies")))
        process.send_signal(signal.SIGTERM)
        code, out, err = finish(process)
        assert code == 130, err
        assert "run interrupted" in out
        assert len(registry.requests_for("studies")) < 5  # the walk stopped early
    with duckdb.connect(str(warehouse), read_only=True) as con:
        # the page being loaded when the signal came was finished; nothing after it was loaded
        loaded = con.execute("select count(*) from studies").fetchone()[0]
        assert loaded % PAGE == 0 and PAGE <= loaded < len(STUDIES)
        assert con.execute("select status from pipeline_runs").fetchall() == [("interrupted",)]
        assert con.execute("select count(*) from sync_state").fetchone() == (0,)  # the watermark did not move


def test_two_runs_never_interleave(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    with CtgovServer(studies=STUDIES) as registry:
        registry.inject("studies", Fault.stall(1.5), page=2)
        first = start(registry, warehouse)
        wait_for(lambda: any(r.page == 2 for r in registry.requests_for("studies")))
        second = start(registry, warehouse, "--lock-timeout", "0")
        code, _, err = finish(second)
        assert code == 1
        assert "another pipeline run is writing" in err
        waiting = start(registry, warehouse, "--lock-timeout", "60", "--full")
        assert finish(first)[0] == 0
        code, out, err = finish(waiting)
        assert code == 0, err
        assert "unchanged 300" in out
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select status from pipeline_runs order by run_id").fetchall() == [
            ("succeeded",), ("succeeded",)]


def test_json_logs_are_one_object_per_line(tmp_path):
    import json

    with CtgovServer(studies=STUDIES[:10]) as registry:
        code, _, err = finish(start(registry, tmp_path / "w.duckdb"))
    assert code == 0
    events = [json.loads(line) for line in err.splitlines() if line.strip()]
    assert {"page", "migration"} <= {e.get("event") for e in events}
    assert all({"ts", "level", "message"} <= set(e) for e in events)

