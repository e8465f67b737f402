"""The DuckDB warehouse: migrations, the batch transaction, runs, quarantine, metadata.

No HTTP here. DuckDB errors are translated into ``WarehouseError`` where they enter.
A batch is loaded in one transaction: the raw versions, then every normalized table's
rows for the batch's studies deleted and re-inserted (one Arrow hand-off per table), so
a study is always complete, and a study whose arms shrank upstream keeps no stale rows.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import orjson
import polars as pl
from filelock import FileLock, Timeout

from pipeline.config import DUCKDB_CHECKPOINT, DUCKDB_MEMORY_LIMIT, SQL_DIR
from pipeline.errors import WarehouseError, WarehouseLocked, WarehouseMissing
from pipeline.landing import RawStudy, Rejected
from pipeline.normalize.schemas import TABLES

log = logging.getLogger("pipeline.warehouse")

_MIGRATION = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
_RAW_FRAME = {"nct_id": pl.String, "content_hash": pl.String, "raw": pl.String}
_QUARANTINE_FRAME = {"raw_hash": pl.String, "nct_id": pl.String, "reason": pl.String, "raw_text": pl.String}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def quote(identifier: str) -> str:
    """A double-quoted SQL identifier. Only used on names from our own fixed lists."""
    return '"' + identifier.replace('"', '""') + '"'


class Warehouse:
    """An open warehouse. Use ``open_warehouse`` (a context manager) to get one."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, read_only: bool):
        self.con = con
        self.path = path
        self.read_only = read_only

    # -- schema -------------------------------------------------------------------------

    def migrate(self, sql_dir: Path = SQL_DIR) -> list[str]:
        """Apply every sql/schema/NNN_*.sql not yet applied, then (re)create the views."""
        self.con.execute(
            "create table if not exists schema_version ("
            " version integer primary key, name varchar not null, applied_at timestamp not null)"
        )
        applied = {row[0] for row in self.con.execute("select version from schema_version").fetchall()}
        done = []
        for path in sorted((sql_dir / "schema").glob("*.sql")):
            match = _MIGRATION.match(path.name)
            if not match:
                raise WarehouseError(f"{path} is not named NNN_name.sql")
            version = int(match.group(1))
            if version in applied:
                continue
            with self.transaction():
                self.con.execute(path.read_text())
                self.con.execute(
                    "insert into schema_version values ($version, $name, $at)",
                    {"version": version, "name": path.stem, "at": utcnow()},
                )
            done.append(path.name)
            level = logging.DEBUG if str(self.path) == ":memory:" else logging.INFO
            log.log(level, "applied migration %s", path.name, extra={"event": "migration", "file": path.name})
        self.create_views(sql_dir / "views")
        return done

    def create_views(self, views_dir: Path) -> None:
        """CREATE OR REPLACE every view; a view that needs another one is retried after it."""
        pending = {path.stem: path.read_text() for path in sorted(views_dir.glob("*.sql"))}
        while pending:
            failed: dict[str, str] = {}
            errors: dict[str, str] = {}
            for name, body in pending.items():
                try:
                    self.con.execute(f"create or replace view {quote(name)} as\n{_strip_final_semicolon(body)}")
                except duckdb.CatalogException as exc:
                    failed[name], errors[name] = body, str(exc)
                    continue
                # The file's header comment documents the view in the data dictionary.
                header = " ".join(line[2:].strip() for line in body.splitlines() if line.startswith("--"))
                self.con.execute(f"comment on view {quote(name)} is '{header.replace(chr(39), chr(39) * 2)}'")
            if len(failed) == len(pending):
                raise WarehouseError("cannot create views: " + "; ".join(f"{k}: {v}" for k, v in errors.items()))
            pending = failed

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("begin transaction")
        try:
            yield
        except BaseException:
            self.con.execute("rollback")
            raise
        self.con.execute("commit")

    # -- meta -----------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self._one("select value from pipeline_meta where key = $key", {"key": key})
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute(
            "insert into pipeline_meta values ($key, $value) on conflict (key) do update set value = excluded.value",
            {"key": key, "value": value},
        )

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

    # -- studies ---------------------------------------------------------------------------

    def current_hashes(self, nct_ids: Sequence[str]) -> dict[str, str]:
        """The content hash of the current version of each of ``nct_ids`` already stored."""
        if not nct_ids:
            return {}
        ids = pl.DataFrame({"nct_id": list(nct_ids)}, schema={"nct_id": pl.String})
        rows = self._fetch_with("ids", ids, "select r.nct_id, r.content_hash from raw_studies r"
                                " semi join ids using (nct_id) where r.is_current")
        return dict(rows)

    def load_batch(
        self,
        changed: Sequence[RawStudy],
        frames: dict[str, pl.DataFrame],
        unchanged: Sequence[RawStudy] = (),
        rejected: Sequence[Rejected] = (),
        run_id: int | None = None,
        previous: Iterable[str] | None = None,
    ) -> int:
        """One transaction: land raw versions, replace the changed studies' rows, quarantine.

        ``previous`` names the changed studies that were already stored: their watched
        fields are compared before and after and differences go to study_changes.
        Returns how many changes were recorded.
        """
        now = utcnow()
        with self.transaction():
            if changed:
                raw = pl.DataFrame(
                    {
                        "nct_id": [r.nct_id for r in changed],
                        "content_hash": [r.content_hash for r in changed],
                        "raw": [r.json for r in changed],
                    },
                    schema=_RAW_FRAME,
                )
                ids = raw.select("nct_id")
                # Rows to delete first exist only for studies already stored; a fresh bulk load skips it.
                existing = ids.filter(pl.col("nct_id").is_in(list(previous or ())))
                self._land_raw(raw, existing, now)
                if existing.height:
                    self._exec_with("ids", existing, f"create or replace temp table _before as {_watched_sql()}")
                # a study that is back in the registry leaves registry_removals
                self._exec_with("ids", ids, "delete from registry_removals where nct_id in (select nct_id from ids)")
                self._replace_rows(existing, frames)
                if existing.height:
                    self._exec_with("ids", existing, _CHANGES_SQL, {"now": now, "run_id": run_id})
            if unchanged:
                seen = pl.DataFrame(
                    {"nct_id": [r.nct_id for r in unchanged], "content_hash": [r.content_hash for r in unchanged]},
                    schema={"nct_id": pl.String, "content_hash": pl.String},
                )
                self._exec_with(
                    "seen", seen,
                    "update raw_studies set last_seen_at = $now from seen"
                    " where raw_studies.nct_id = seen.nct_id and raw_studies.content_hash = seen.content_hash",
                    {"now": now},
                )
            if rejected:
                self._quarantine(rejected, run_id, now)
            if changed and previous:
                row = self._one("select count(*) from study_changes where detected_at = $now", {"now": now})
                return int(row[0]) if row else 0
        return 0

    def replace_tables(self, nct_ids: Sequence[str], frames: dict[str, pl.DataFrame]) -> None:
        """Replace the normalized rows of ``nct_ids`` (rebuild: raw_studies is left as is)."""
        ids = pl.DataFrame({"nct_id": list(nct_ids)}, schema={"nct_id": pl.String})
        with self.transaction():
            self._replace_rows(ids, frames)
            self._apply_registry_status(ids)

    def _replace_rows(self, delete: pl.DataFrame, frames: dict[str, pl.DataFrame]) -> None:
        """Delete every normalized row of the ``delete`` IDs, then insert ``frames`` (in a transaction)."""
        for table in TABLES:
            if delete.height:
                self._exec_with("ids", delete, f"delete from {quote(table)} where nct_id in (select nct_id from ids)")
            if frames[table].height:
                self._exec_with("frame", frames[table], f"insert into {quote(table)} by name select * from frame")

    def _apply_registry_status(self, ids: pl.DataFrame) -> None:
        """studies.registry_status of ``ids`` from registry_removals ('listed' when not removed)."""
        self._exec_with(
            "ids", ids,
            "update studies set registry_status = coalesce(r.registry_status, 'listed'),"
            " registry_status_date = r.detected_at::date"
            " from (select i.nct_id, rr.registry_status, rr.detected_at from ids i"
            " left join registry_removals rr using (nct_id)) r where studies.nct_id = r.nct_id",
        )

    def iter_current_raw(self, batch_size: int) -> Iterator[list[tuple[str, str, str]]]:
        """(nct_id, content_hash, raw JSON text) of every current version, in batches."""
        cursor = self.con.cursor()
        cursor.execute(
            "select nct_id, content_hash, raw::varchar from raw_studies where is_current order by nct_id"
        )
        while batch := cursor.fetchmany(batch_size):
            yield batch

    def _land_raw(self, raw: pl.DataFrame, existing: pl.DataFrame, now: dt.datetime) -> None:
        """Insert the new versions as current; earlier versions of stored studies stop being current."""
        if existing.height:
            self._exec_with(
                "ids", existing,
                "update raw_studies set is_current = false where is_current and nct_id in (select nct_id from ids)",
            )
        # A stored study may come back to a version seen before (an edit undone): that row is current again.
        self._exec_with(
            "raw", raw,
            "insert into raw_studies (nct_id, content_hash, fetched_at, last_seen_at, is_current, raw)"
            " select nct_id, content_hash, $now, $now, true, raw::json from raw"
            " on conflict (nct_id, content_hash) do update set is_current = true, last_seen_at = excluded.last_seen_at",
            {"now": now},
        )

    def _quarantine(self, rejected: Sequence[Rejected], run_id: int | None, now: dt.datetime) -> None:
        frame = pl.DataFrame(
            {
                "raw_hash": [r.raw_hash for r in rejected],
                "nct_id": [r.nct_id for r in rejected],
                "reason": [r.reason for r in rejected],
                "raw_text": [r.raw_text for r in rejected],
            },
            schema=_QUARANTINE_FRAME,
        ).unique("raw_hash", keep="last")
        self._exec_with(
            "q", frame,
            "insert into quarantine (raw_hash, nct_id, reason, raw_text, first_seen_at, last_seen_at, run_id)"
            " select raw_hash, nct_id, reason, raw_text, $now, $now, $run_id from q"
            " on conflict (raw_hash) do update set last_seen_at = excluded.last_seen_at,"
            " run_id = excluded.run_id, reason = excluded.reason",
            {"now": now, "run_id": run_id},
        )

    # -- sync state, removals, history ------------------------------------------------------

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

    def known_ids(self, nct_ids: Sequence[str]) -> set[str]:
        return set(self.current_hashes(nct_ids))

    def least_recently_confirmed(self, limit: int, exclude: set[str]) -> list[str]:
        """Current studies not seen for the longest time (ties by NCT ID), skipping ``exclude``."""
        ids = pl.DataFrame({"nct_id": sorted(exclude)}, schema={"nct_id": pl.String})
        rows = self._fetch_with(
            "seen",
            ids,
            "select nct_id from raw_studies where is_current and nct_id not in (select nct_id from seen)"
            " order by last_seen_at, nct_id limit $limit",
            {"limit": limit},
        )
        return [row[0] for row in rows]

    def mark_removed(self, withdrawn: Sequence[str], merged: dict[str, str], run_id: int | None) -> None:
        """Record studies the registry no longer returns; a merged ID's rows leave for its canonical ID."""
        now = utcnow()
        frame = pl.DataFrame(
            {
                "nct_id": [*withdrawn, *merged],
                "registry_status": ["withdrawn_from_registry"] * len(withdrawn) + ["merged"] * len(merged),
                "canonical_nct_id": [None] * len(withdrawn) + list(merged.values()),
            },
            schema={"nct_id": pl.String, "registry_status": pl.String, "canonical_nct_id": pl.String},
        )
        if frame.is_empty():
            return
        with self.transaction():
            self._exec_with(
                "gone", frame,
                "insert into registry_removals select nct_id, registry_status, $now, canonical_nct_id, $run_id from gone"
                " on conflict (nct_id) do update set registry_status = excluded.registry_status,"
                " canonical_nct_id = excluded.canonical_nct_id",
                {"now": now, "run_id": run_id},
            )
            if merged:
                ids = frame.filter(pl.col("registry_status") == "merged").select("nct_id")
                for table in TABLES:
                    self._exec_with("ids", ids, f"delete from {quote(table)} where nct_id in (select nct_id from ids)")
                self._exec_with("ids", ids, "update raw_studies set is_current = false"
                                            " where is_current and nct_id in (select nct_id from ids)")
            self._apply_registry_status(frame.select("nct_id"))

    def changes_since(self, since: dt.date | dt.datetime) -> pl.DataFrame:
        return self.con.sql(
            "select detected_at, nct_id, field, old_value, new_value, run_id from study_changes"
            " where detected_at >= $since order by detected_at, nct_id, field",
            params={"since": since},
        ).pl()

    # -- reading ----------------------------------------------------------------------------

    def table_counts(self) -> pl.DataFrame:
        """Row counts of every normalized and bookkeeping table."""
        names = [*TABLES, "raw_studies", "quarantine", "pipeline_runs"]
        union = " union all ".join(
            f"select '{name}' as table_name, {position} as position, count(*) as row_count from {quote(name)}"
            for position, name in enumerate(names)
        )
        return self.con.sql(f"select table_name, row_count from ({union}) order by position").pl()

    def _one(self, sql: str, params: dict | None = None) -> tuple | None:
        """The first row of a statement (DuckDB 2 wants every result read to the end)."""
        rows = self.con.execute(sql, params or {}).fetchall()
        return rows[0] if rows else None

    def _exec_with(self, name: str, frame: pl.DataFrame, sql: str, params: dict | None = None) -> None:
        # On an error the registration stays behind: unregistering inside an aborted
        # transaction would raise and hide the real error; the next register replaces it.
        self.con.register(name, frame)
        self.con.execute(sql, params or {})
        self.con.unregister(name)

    def _fetch_with(self, name: str, frame: pl.DataFrame, sql: str, params: dict | None = None) -> list[tuple]:
        self.con.register(name, frame)
        rows = self.con.execute(sql, params or {}).fetchall()
        self.con.unregister(name)
        return rows


def _strip_final_semicolon(sql: str) -> str:
    return sql.strip().removesuffix(";")


def data_dictionary(sql_dir: Path = SQL_DIR) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(tables and views with their comments, columns with types and comments) of a fresh warehouse."""
    with duckdb.connect() as con:
        Warehouse(con, Path(":memory:"), read_only=False).migrate(sql_dir)
        objects = con.sql(
            "select table_name as name, 'table' as kind, comment from duckdb_tables()"
            " where schema_name = 'main' and table_name <> 'schema_version'"
            " union all select view_name, 'view', comment from duckdb_views()"
            " where schema_name = 'main' and not internal order by kind, name"
        ).pl()
        columns = con.sql(
            "select c.table_name, c.column_name, c.data_type, c.comment from duckdb_columns() c"
            " where c.schema_name = 'main' and c.table_name <> 'schema_version'"
            " order by c.table_name, c.column_index"
        ).pl()
    return objects, columns


@contextmanager
def open_warehouse(path: Path, *, read_only: bool = False, lock_timeout_s: float = 0.0) -> Iterator[Warehouse]:
    """Open (creating and migrating when writable) the warehouse at ``path``.

    A writer first takes ``<path>.lock``, waiting up to ``lock_timeout_s``: two runs never
    interleave. Readers take no lock of ours, but DuckDB refuses them while a writer has
    the file open; both cases raise WarehouseLocked with a message saying so.
    """
    path = Path(path)
    if read_only:
        if not path.exists():
            raise WarehouseMissing(f"no warehouse at {path}: run `pipeline run` (or pass --warehouse)")
        with _connect(path, read_only=True) as con:
            yield Warehouse(con, path, read_only=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path) + ".lock")
    try:
        lock.acquire(timeout=lock_timeout_s)
    except Timeout:
        raise WarehouseLocked(
            f"another pipeline run is writing {path} (lock {path}.lock held for more than {lock_timeout_s:g}s); "
            "try again when it finishes, or raise --lock-timeout"
        ) from None
    try:
        with _connect(path, read_only=False) as con:
            warehouse = Warehouse(con, path, read_only=False)
            warehouse.migrate()
            yield warehouse
    finally:
        lock.release()


@contextmanager
def _connect(path: Path, *, read_only: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    try:
        con = duckdb.connect(str(path), read_only=read_only, config={"memory_limit": DUCKDB_MEMORY_LIMIT,
                                                                   "checkpoint_threshold": DUCKDB_CHECKPOINT})
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseLocked(
                f"{path} is open for writing by another process (a pipeline run?); "
                f"DuckDB allows readers only when no writer holds the file. ({exc})"
            ) from None
        raise WarehouseError(f"cannot open {path}: {exc}") from None
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open {path}: {exc}") from None
    try:
        yield con
    finally:
        con.close()


# Fields people watch for changes, one text value per (study, field). Counts come from child tables.
WATCHED_FIELDS = {
    "overall_status": "s.overall_status",
    "enrollment": "s.enrollment::varchar",
    "enrollment_type": "s.enrollment_type",
    "phases": "array_to_string(s.phases, '/')",
    "start_date": "s.start_date::varchar",
    "start_date_type": "s.start_date_type",
    "primary_completion_date": "s.primary_completion_date::varchar",
    "primary_completion_date_type": "s.primary_completion_date_type",
    "completion_date": "s.completion_date::varchar",
    "completion_date_type": "s.completion_date_type",
    "number_of_sites": "(select count(*) from locations l where l.nct_id = s.nct_id)::varchar",
    "number_of_arms": "(select count(*) from arms a where a.nct_id = s.nct_id)::varchar",
    "minimum_age": "e.minimum_age",
    "maximum_age": "e.maximum_age",
    "criteria_text": "e.criteria_text",
}


def _watched_sql() -> str:
    columns = ", ".join(f"{expr} as {name}" for name, expr in WATCHED_FIELDS.items())
    return (
        f"unpivot (select s.nct_id, {columns} from studies s left join eligibility e using (nct_id)"
        " where s.nct_id in (select nct_id from ids)) on columns(* exclude (nct_id))"
        " into name field value value"
    )


# Watched values before (temp table _before) and after the replacement, compared field by field.
_CHANGES_SQL = (
    "insert into study_changes (nct_id, detected_at, run_id, field, old_value, new_value)"
    " select coalesce(b.nct_id, a.nct_id), $now, $run_id, coalesce(b.field, a.field), b.value, a.value"
    f" from _before b full join ({_watched_sql()}) a on a.nct_id = b.nct_id and a.field = b.field"
    " where b.value is distinct from a.value"
)
