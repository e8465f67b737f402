"""Named queries (sql/queries/NAME.sql) and ad-hoc SQL, run read-only with bound parameters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from pipeline.config import SQL_DIR
from pipeline.errors import QueryError
from pipeline.warehouse import open_warehouse

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(r"(?<![:$\w])\$([a-z_][a-z0-9_]*)")
_STRING_OR_COMMENT = re.compile(r"'(?:[^']|'')*'|--[^\n]*")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    sql: str
    description: str
    parameters: tuple[str, ...]


def queries_dir(sql_dir: Path = SQL_DIR) -> Path:
    return sql_dir / "queries"


def declared_parameters(sql: str) -> tuple[str, ...]:
    """The ``$name`` parameters a statement uses, in order of first use."""
    code = _STRING_OR_COMMENT.sub(" ", sql)
    return tuple(dict.fromkeys(_PARAM.findall(code)))


def load_named(name: str, sql_dir: Path = SQL_DIR) -> NamedQuery:
    path = queries_dir(sql_dir) / f"{name}.sql"
    if not _NAME.match(name) or not path.is_file():
        known = ", ".join(q.name for q in list_named(sql_dir))
        raise QueryError(f"no named query {name!r} (known: {known})")
    sql = path.read_text()
    header = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        header.append(line[2:].strip())
    return NamedQuery(name, path, sql, "\n".join(header).strip(), declared_parameters(sql))


def list_named(sql_dir: Path = SQL_DIR) -> list[NamedQuery]:
    return [load_named(path.stem, sql_dir) for path in sorted(queries_dir(sql_dir).glob("*.sql"))]


def coerce(value: str) -> int | float | str:
    """A --param value as the number it spells, else as text (SQL casts as it needs)."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def resolve(sql_or_name: str, sql_dir: Path = SQL_DIR) -> str:
    """The SQL of a named query, or the argument itself when it is a statement."""
    if _NAME.match(sql_or_name):
        return load_named(sql_or_name, sql_dir).sql
    return sql_or_name


def run_query(warehouse_path: Path, sql_or_name: str, params: dict[str, str] | None = None,
              sql_dir: Path = SQL_DIR) -> pl.DataFrame:
    """Run a statement or named query against the warehouse opened read-only."""
    sql = resolve(sql_or_name, sql_dir)
    params = params or {}
    declared = declared_parameters(sql)
    missing = [name for name in declared if name not in params]
    if missing:
        raise QueryError("missing parameter(s): " + ", ".join(f"--param {name}=..." for name in missing))
    unused = [name for name in params if name not in declared]
    if unused:
        raise QueryError(f"the query takes no parameter(s) {', '.join(unused)} (it takes: {', '.join(declared) or 'none'})")
    with open_warehouse(warehouse_path, read_only=True) as warehouse:
        try:
            relation = warehouse.con.sql(sql, params={k: coerce(v) for k, v in params.items()} or None)
            if relation is None:
                raise QueryError("the statement returned no rows to show")
            return relation.pl()
        except duckdb.Error as exc:
            raise QueryError(str(exc).strip()) from None
