"""What every part of the warehouse stands on: the connection, migrations, views, transactions, metadata."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from pipeline.config import SQL_DIR
from pipeline.errors import WarehouseError

log = logging.getLogger("pipeline.warehouse")

_MIGRATION = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def quote(identifier: str) -> str:
    """A double-quoted SQL identifier. Only used on names from our own fixed lists."""
    return '"' + identifier.replace('"', '""') + '"'


class WarehouseBase:
    """An open DuckDB connection to the warehouse file and the few things every part needs."""

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

    # -- statements -------------------------------------------------------------------------

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
