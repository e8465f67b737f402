"""Bookkeeping: pipeline runs, each search's watermark, and what the warehouse holds."""

from __future__ import annotations

import datetime as dt

import orjson
import polars as pl

from pipeline.normalize.schemas import TABLES
from pipeline.warehouse.base import WarehouseBase, quote, utcnow


class Bookkeeping(WarehouseBase):
    """Runs (pipeline_runs), sync state (sync_state), changes and counts."""

    # -- runs ------------------------------------------------------------------------------

    def close_stale_runs(self) -> int:
        """Runs left at 'running' belong to killed processes (we hold the lock): mark them 'killed'."""
        rows = self.con.execute(
            "update pipeline_runs set status = 'killed', error = 'the process ended without finishing this run'"
            " where status = 'running' returning run_id"
        ).fetchall()
        return len(rows)

    def start_run(self, command: str, parameters: dict, *, api_version: str | None = None,
                  data_timestamp: str | None = None) -> int:
        row = self._one(
            "insert into pipeline_runs (command, started_at, status, parameters, api_version, data_timestamp)"
            " values ($command, $at, 'running', $parameters, $api_version, $data_timestamp) returning run_id",
            {
                "command": command,
                "at": utcnow(),
                "parameters": orjson.dumps(parameters).decode(),
                "api_version": api_version,
                "data_timestamp": data_timestamp,
            },
        )
        assert row is not None
        return int(row[0])

    def finish_run(self, run_id: int, status: str, summary: dict, error: str | None = None) -> None:
        self.con.execute(
            "update pipeline_runs set finished_at = $at, status = $status, error = $error, summary = $summary,"
            " studies_fetched = $fetched, studies_new = $new, studies_changed = $changed,"
            " studies_unchanged = $unchanged, studies_quarantined = $quarantined,"
            " unmatched_arm_labels = $unmatched, not_found = $not_found"
            " where run_id = $run_id",
            {
                "at": utcnow(),
                "status": status,
                "error": error,
                "summary": orjson.dumps(summary, default=str).decode(),
                "fetched": summary.get("fetched"),
                "new": summary.get("new"),
                "changed": summary.get("changed"),
                "unchanged": summary.get("unchanged"),
                "quarantined": summary.get("quarantined"),
                "unmatched": summary.get("unmatched_arm_labels"),
                "not_found": len(summary.get("not_found") or ()),
                "run_id": run_id,
            },
        )

    def recent_runs(self, limit: int = 10) -> pl.DataFrame:
        return self.con.sql(
            "select run_id, command, status, started_at, finished_at, data_timestamp, studies_fetched as fetched,"
            " studies_new as new, studies_changed as changed, studies_unchanged as unchanged,"
            " studies_quarantined as quarantined, error"
            " from pipeline_runs order by run_id desc limit $limit",
            params={"limit": limit},
        ).pl()

    # -- sync state -------------------------------------------------------------------------

    def sync_state(self, search_key: str) -> dict | None:
        row = self._one(
            "select watermark_date, data_timestamp, last_run_id from sync_state where search_key = $key",
            {"key": search_key},
        )
        if row is None:
            return None
        return dict(zip(("watermark_date", "data_timestamp", "last_run_id"), row, strict=True))

    def save_sync_state(self, search_key: str, search_name: str, parameters: dict, watermark: dt.date | None,
                        data_timestamp: str | None, run_id: int) -> None:
        """Move the search's watermark; called only after every batch of the run committed."""
        self.con.execute(
            "insert into sync_state values ($key, $name, $parameters, $watermark, $data_timestamp, $run_id, $at)"
            " on conflict (search_key) do update set watermark_date = greatest(sync_state.watermark_date,"
            " excluded.watermark_date), data_timestamp = excluded.data_timestamp,"
            " last_run_id = excluded.last_run_id, updated_at = excluded.updated_at, parameters = excluded.parameters",
            {"key": search_key, "name": search_name, "parameters": orjson.dumps(parameters).decode(),
             "watermark": watermark, "data_timestamp": data_timestamp, "run_id": run_id, "at": utcnow()},
        )

    def study_count(self) -> int:
        row = self._one("select count(*) from raw_studies where is_current")
        return int(row[0]) if row else 0

    def least_recently_confirmed(self, limit: int, seen_since: dt.datetime) -> list[str]:
        """Current studies not seen for the longest time (ties by NCT ID), skipping those seen
        since ``seen_since`` (the start of this run)."""
        rows = self.con.execute(
            "select nct_id from raw_studies where is_current and last_seen_at < $since"
            " order by last_seen_at, nct_id limit $limit",
            {"since": seen_since, "limit": limit},
        ).fetchall()
        return [row[0] for row in rows]

    # -- reading ----------------------------------------------------------------------------

    def changes_since(self, since: dt.date | dt.datetime) -> pl.DataFrame:
        return self.con.sql(
            "select detected_at, nct_id, field, old_value, new_value, run_id from study_changes"
            " where detected_at >= $since order by detected_at, nct_id, field",
            params={"since": since},
        ).pl()

    def table_counts(self) -> pl.DataFrame:
        """Row counts of every normalized and bookkeeping table."""
        names = [*TABLES, "raw_studies", "quarantine", "pipeline_runs"]
        union = " union all ".join(
            f"select '{name}' as table_name, {position} as position, count(*) as row_count from {quote(name)}"
            for position, name in enumerate(names)
        )
        return self.con.sql(f"select table_name, row_count from ({union}) order by position").pl()

    def table_checksums(self) -> pl.DataFrame:
        """Row count and an order-free checksum (the sum of DuckDB's row hashes) of every normalized
        table: equal checksums mean equal contents whatever order the rows were loaded in."""
        union = " union all ".join(
            f"select '{name}' as table_name, {position} as position, count(*) as row_count,"
            f" coalesce(sum(hash(t)), 0)::varchar as checksum from {quote(name)} as t"
            for position, name in enumerate(TABLES)
        )
        return self.con.sql(f"select table_name, row_count, checksum from ({union}) order by position").pl()
