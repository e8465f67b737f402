"""Scheduled runs: incremental deltas, the watermark, removals, merges and field history."""

from __future__ import annotations

import duckdb
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.support.ctgov_server import CtgovServer, Fault
from tests.support.trials import als_msc_trial, with_alias

ALS = "amyotrophic lateral sclerosis"
TRIALS = {f"NCT0100000{n}": f"2026-01-0{n}" for n in range(1, 7)}  # six trials posted Jan 1..6


def trials(**changes) -> list[dict]:
    return [changes.get(nct_id) or als_msc_trial(nct_id, posted=posted) for nct_id, posted in TRIALS.items()]


@pytest.fixture
def registry():
    with CtgovServer(studies=trials(), data_timestamp="2026-11-20T09:00:05") as server:
        yield server


def run(registry, warehouse_path, *extra: str):
    args = ["run", "--base-url", registry.base_url, "--warehouse", str(warehouse_path), "--min-interval", "0",
            "--retries", "2", "--condition", ALS, *extra]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def sql(warehouse_path, query, params=None):
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        return con.execute(query, params or {}).fetchall()


def test_the_first_run_is_full_and_sets_the_watermark(registry, warehouse_path):
    result = run(registry, warehouse_path)
    assert "new 6" in result.output
    assert "filter.advanced" not in registry.requests_for("studies")[0].params
    assert sql(warehouse_path, "select watermark_date::varchar, data_timestamp from sync_state") == [
        ("2026-01-06", "2026-11-20T09:00:05")]


def test_an_unchanged_registry_means_nothing_to_fetch(registry, warehouse_path):
    run(registry, warehouse_path)
    registry.clear_requests()
    result = run(registry, warehouse_path)
    assert result.exit_code == 0
    assert "nothing to fetch" in result.output
    assert registry.requests_for("studies") == []
    assert sql(warehouse_path, "select status from pipeline_runs order by run_id") == [("succeeded",), ("succeeded",)]


def test_the_next_run_fetches_only_what_changed_and_records_the_changes(registry, warehouse_path):
    run(registry, warehouse_path)
    registry.set_studies(trials(
        NCT01000002=als_msc_trial("NCT01000002", posted="2026-02-01", status="TERMINATED"),
        NCT01000004=als_msc_trial("NCT01000004", posted="2026-02-02", enrollment=45),
        NCT01000005=als_msc_trial("NCT01000005", posted="2026-02-03", sites=3, arms=2),
    ), data_timestamp="2026-11-21T09:00:05")
    registry.clear_requests()
    result = run(registry, warehouse_path, "--recheck", "0")
    assert result.exit_code == 0, result.output
    walk = registry.requests_for("studies")
    # the day of overlap before the watermark (Jan 6) also returns the Jan 6 study, unchanged
    assert walk[0].param("filter.advanced") == "AREA[LastUpdatePostDate]RANGE[2026-01-05, MAX]"
    assert "studies fetched 4: new 0, changed 3, unchanged 1" in result.output
    assert sql(warehouse_path, "select watermark_date::varchar from sync_state") == [("2026-02-03",)]
    changes = sql(warehouse_path, "select nct_id, field, old_value, new_value from study_changes order by all")
    assert changes == [
        ("NCT01000002", "overall_status", "COMPLETED", "TERMINATED"),
        ("NCT01000004", "enrollment", "20", "45"),
        ("NCT01000005", "number_of_arms", "1", "2"),
        ("NCT01000005", "number_of_sites", "1", "3"),
    ]
    listed = CliRunner().invoke(cli, ["changes", "--since", "2000-01-01", "--warehouse", str(warehouse_path),
                                      "--format", "csv"])
    assert "NCT01000002,overall_status,COMPLETED,TERMINATED" in listed.output.replace('"', "")


def test_full_ignores_the_watermark(registry, warehouse_path):
    run(registry, warehouse_path)
    registry.clear_requests()
    result = run(registry, warehouse_path, "--full")
    assert "unchanged 6" in result.output
    assert "filter.advanced" not in registry.requests_for("studies")[0].params


def test_a_failed_run_does_not_move_the_watermark(registry, warehouse_path):
    run(registry, warehouse_path)
    registry.set_studies(trials(NCT01000003=als_msc_trial("NCT01000003", posted="2026-03-01")),
                         data_timestamp="2026-11-22T09:00:05")
    registry.inject("studies", Fault.status(503), times=2)  # as many as --retries
    assert run(registry, warehouse_path).exit_code == 1
    assert sql(warehouse_path, "select watermark_date::varchar, data_timestamp from sync_state") == [
        ("2026-01-06", "2026-11-20T09:00:05")]
    assert run(registry, warehouse_path).exit_code == 0
    assert sql(warehouse_path, "select watermark_date::varchar from sync_state") == [("2026-03-01",)]


def test_a_study_that_left_the_registry_is_marked_not_deleted(registry, warehouse_path):
    run(registry, warehouse_path)
    registry.set_studies([s for s in trials() if "NCT01000006" not in str(s)], data_timestamp="2026-11-23T09:00:05")
    result = run(registry, warehouse_path, "--max-removed-share", "0.5")
    assert "1 withdrawn from the registry" in result.output
    assert sql(warehouse_path, "select registry_status, registry_status_date is not null from studies"
                               " where nct_id = 'NCT01000006'") == [("withdrawn_from_registry", True)]
    assert sql(warehouse_path, "select count(*) from arms where nct_id = 'NCT01000006'") == [(1,)]
    assert sql(warehouse_path, "select count(*) from studies where registry_status = 'listed'") == [(5,)]


def test_a_study_merged_into_another_moves_to_its_canonical_id(registry, warehouse_path):
    run(registry, warehouse_path)
    canonical = with_alias(als_msc_trial("NCT01000005", posted="2026-04-01"), "NCT01000006")
    registry.set_studies([s for s in trials(NCT01000005=canonical) if "NCT01000006" not in str(s)] + [canonical],
                         aliases={"NCT01000006": "NCT01000005"}, data_timestamp="2026-11-24T09:00:05")
    result = run(registry, warehouse_path, "--max-removed-share", "0.5")
    assert "1 merged into another NCT ID" in result.output, result.output
    assert sql(warehouse_path, "select count(*) from arms where nct_id = 'NCT01000006'") == [(0,)]
    assert sql(warehouse_path, "select registry_status, canonical_nct_id from registry_removals") == [
        ("merged", "NCT01000005")]
    assert sql(warehouse_path, "select id_value from identifiers where nct_id = 'NCT01000005'"
                               " and source = 'nct_alias'") == [("NCT01000006",)]


def test_a_mass_removal_needs_force(registry, warehouse_path):
    run(registry, warehouse_path)
    registry.set_studies(trials()[:2], data_timestamp="2026-11-25T09:00:05")
    refused = run(registry, warehouse_path)
    assert refused.exit_code == 1
    assert "4 of 6 studies" in refused.output and "--force" in refused.output
    assert sql(warehouse_path, "select count(*) from registry_removals") == [(0,)]
    assert sql(warehouse_path, "select watermark_date::varchar from sync_state") == [("2026-01-06",)]
    forced = run(registry, warehouse_path, "--force")
    assert forced.exit_code == 0 and "4 withdrawn" in forced.output


def test_a_study_that_comes_back_is_listed_again(registry, warehouse_path):
    run(registry, warehouse_path)
    registry.set_studies(trials()[:5], data_timestamp="2026-11-26T09:00:05")
    run(registry, warehouse_path, "--max-removed-share", "0.5")
    registry.set_studies(trials(NCT01000006=als_msc_trial("NCT01000006", posted="2026-05-01")),
                         data_timestamp="2026-11-27T09:00:05")
    run(registry, warehouse_path)
    assert sql(warehouse_path, "select registry_status from studies where nct_id = 'NCT01000006'") == [("listed",)]
    assert sql(warehouse_path, "select count(*) from registry_removals") == [(0,)]
