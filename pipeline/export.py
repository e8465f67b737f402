"""Export the warehouse as Parquet or CSV files, one per table and view, for other tools.

The warehouse is opened read-only and each table or view is written by DuckDB's COPY
(streamed, no frame in memory). Parquet files carry their own documentation as key-value
metadata: ``table_name``, ``table_comment`` and ``column_comments`` (a JSON object column ->
comment), which pyarrow, Polars (``pl.read_parquet_metadata``), Spark and DuckDB
(``parquet_kv_metadata``) can read. CSV cannot hold metadata, so every export also writes
``export.json`` (tables, columns, DuckDB types, comments, row counts), ``README.md`` and
``data-dictionary.md`` next to the files.

An export is atomic: everything is written into a hidden folder beside ``out`` and renamed
into place at the end, so a failed export leaves no half folder. A previous export in
``out`` (recognised by its ``export.json``) is replaced; any other non-empty folder is
refused rather than overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from pipeline.errors import ExportError
from pipeline.warehouse import Warehouse, open_warehouse, quote, utcnow

FORMATS = ("parquet", "csv")
MANIFEST = "export.json"
# Bookkeeping of the warehouse itself, not data anyone downstream needs.
_INTERNAL = ("schema_version", "pipeline_meta")


@dataclass(frozen=True)
class ExportedObject:
    name: str
    kind: str  # table | view
    comment: str | None
    rows: int
    file: str
    bytes: int
    columns: list[dict[str, str | None]]


@dataclass
class ExportResult:
    out: Path
    format: str
    exported_at: dt.datetime
    objects: list[ExportedObject] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(obj.rows for obj in self.objects)


def exportable(warehouse: Warehouse) -> pl.DataFrame:
    """Every table and view of the warehouse that an export can write: name, kind, comment."""
    return warehouse.con.sql(
        "select table_name as name, 'table' as kind, comment from duckdb_tables()"
        " where schema_name = 'main' and not list_contains($internal, table_name)"
        " union all select view_name, 'view', comment from duckdb_views()"
        " where schema_name = 'main' and not internal order by kind, name",
        params={"internal": list(_INTERNAL)},
    ).pl()


def export(warehouse_path: Path, out: Path, fmt: str = "parquet", tables: Sequence[str] = ()) -> ExportResult:
    """Write every table and view (or only ``tables``) of the warehouse into ``out``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (choose {' or '.join(FORMATS)})")
    out = Path(out)
    _check_destination(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the export is for others to read
    try:
        with open_warehouse(warehouse_path, read_only=True) as warehouse:
            result = _write_all(warehouse, staging, fmt, tables)
            last_run = _last_run(warehouse)
        _write_docs(staging, result, warehouse_path, last_run)
        _swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.out = out
    return result


def _check_destination(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise ExportError(f"{out} is not empty and holds no earlier export ({MANIFEST}); "
                          "choose a new or empty folder")


def _write_all(warehouse: Warehouse, staging: Path, fmt: str, tables: Sequence[str]) -> ExportResult:
    objects = exportable(warehouse)
    known = objects["name"].to_list()
    unknown = [name for name in tables if name not in known]
    if unknown:
        raise ExportError(f"no table or view {', '.join(map(repr, unknown))} in the warehouse "
                          f"(known: {', '.join(known)})")
    chosen = objects.filter(pl.col("name").is_in(list(tables))) if tables else objects
    columns = warehouse.con.sql(
        "select table_name, column_name, data_type, comment from duckdb_columns()"
        " where schema_name = 'main' order by table_name, column_index"
    ).pl()
    result = ExportResult(staging, fmt, utcnow())
    for name, kind, comment in chosen.iter_rows():  # one row per table, not data rows
        cols = columns.filter(pl.col("table_name") == name).drop("table_name")
        path = staging / f"{name}.{fmt}"
        try:
            if fmt == "parquet":
                count = _copy_parquet(warehouse, name, comment, cols, path)
            else:
                count = _copy_csv(warehouse, name, cols, path)
        except duckdb.Error as exc:
            raise ExportError(f"cannot export {name} to {path}: {str(exc).strip()}") from None
        result.objects.append(ExportedObject(name, kind, comment, int(count), path.name, path.stat().st_size,
                                             cols.to_dicts()))
    return result


def _select_list(columns: pl.DataFrame, *, nested_as_json: bool) -> str:
    """The columns of a table as a SELECT list, quoted; JSON as text, lists as JSON for CSV.

    DuckDB writes a JSON column to Parquet as a binary column that readers such as Polars
    return as bytes, so it is exported as the text it holds.
    """
    parts = []
    for name, data_type in columns.select("column_name", "data_type").iter_rows():
        column = quote(name)
        if data_type == "JSON":
            parts.append(f"{column}::varchar as {column}")
        elif nested_as_json and (data_type.endswith("]") or data_type.startswith(("STRUCT", "MAP"))):
            parts.append(f"to_json({column})::varchar as {column}")
        else:
            parts.append(column)
    return ", ".join(parts)


def _copy_parquet(warehouse: Warehouse, name: str, comment: str | None, columns: pl.DataFrame, path: Path) -> int:
    """COPY one table or view to a Parquet file; returns the rows written."""
    comments = {col: text for col, text in columns.select("column_name", "comment").iter_rows() if text}
    return _copied(
        warehouse,
        f"copy (select {_select_list(columns, nested_as_json=False)} from {quote(name)}) to $path"
        " (format parquet, compression zstd,"
        " kv_metadata {table_name: $table, table_comment: $comment, column_comments: $columns})",
        {"path": str(path), "table": name, "comment": comment or "",
         "columns": json.dumps(comments, ensure_ascii=False)},
    )


def _copy_csv(warehouse: Warehouse, name: str, columns: pl.DataFrame, path: Path) -> int:
    """COPY one table or view to a CSV file with a header row; returns the rows written."""
    return _copied(
        warehouse,
        f"copy (select {_select_list(columns, nested_as_json=True)} from {quote(name)}) to $path"
        " (format csv, header true)",
        {"path": str(path)},
    )


def _copied(warehouse: Warehouse, sql: str, params: dict) -> int:
    """Run a COPY statement; DuckDB answers with the number of rows it wrote."""
    return int(warehouse.con.execute(sql, params).fetchall()[0][0])


def _last_run(warehouse: Warehouse) -> dict | None:
    rows = warehouse.con.execute(
        "select run_id, command, status, finished_at, data_timestamp from pipeline_runs"
        " where status = 'succeeded' order by run_id desc limit 1"
    ).fetchall()
    if not rows:
        return None
    return dict(zip(("run_id", "command", "status", "finished_at", "data_timestamp"), rows[0], strict=True))


def _swap_into_place(staging: Path, out: Path) -> None:
    """Rename the finished folder to ``out``; an earlier export there is moved aside first."""
    if not out.exists():
        staging.rename(out)
        return
    old = staging.with_suffix(".old")
    out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


# -- documentation written next to the files --------------------------------------------------


def _write_docs(staging: Path, result: ExportResult, warehouse_path: Path, last_run: dict | None) -> None:
    manifest = {
        "format": result.format,
        "exported_at": result.exported_at.isoformat(timespec="seconds") + "Z",
        "warehouse": str(warehouse_path),
        "last_run": last_run,
        "objects": [
            {"name": obj.name, "kind": obj.kind, "comment": obj.comment, "file": obj.file, "rows": obj.rows,
             "columns": obj.columns}
            for obj in result.objects
        ],
    }
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, default=str, ensure_ascii=False) + "\n")
    (staging / "README.md").write_text(_readme(result, warehouse_path, last_run))
    (staging / "data-dictionary.md").write_text(_dictionary(result))


def _readme(result: ExportResult, warehouse_path: Path, last_run: dict | None) -> str:
    when = result.exported_at.isoformat(timespec="seconds")
    run = (f"run {last_run['run_id']} ({last_run['command']}, finished {last_run['finished_at']}, registry data "
           f"timestamp {last_run['data_timestamp'] or 'n/a'})" if last_run else "no successful run yet")
    lines = [
        "# ClinicalTrials.gov warehouse export",
        "",
        (f"Exported {when} UTC by `pipeline export --format {result.format}` from `{warehouse_path}`; "
         f"last successful load: {run}."),
        "",
        ("One file per table or view. Every table has `nct_id` (the study); child rows carry 1-based "
         "ordinals in registry order. What each column holds, and which registry API v2 field it "
         "comes from, is in `data-dictionary.md` and, machine-readable, in `export.json`."),
        "",
    ]
    if result.format == "parquet":
        lines += [
            ("Each Parquet file keeps the column types and carries its documentation as key-value "
             "metadata: `table_name`, `table_comment` and `column_comments` (JSON: column -> comment)."),
            "",
            "```python",
            "import polars as pl",
            'studies = pl.read_parquet("studies.parquet")',
            'pl.read_parquet_metadata("studies.parquet")["table_comment"]',
            "```",
            "",
            "```sql",
            "-- DuckDB",
            "select * from 'studies.parquet';",
            "select key::varchar, decode(value) from parquet_kv_metadata('studies.parquet');",
            "```",
        ]
    else:
        lines.append(
            "CSV files are UTF-8 with a header row. Lists (such as `phases`) and JSON columns are "
            "written as JSON text; dates are `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS[.ffffff]` "
            "(UTC); an empty field is NULL and `\"\"` an empty text. `export.json` gives each column's "
            "DuckDB type so a reader can restore them."
        )
    lines += ["", "| file | kind | rows | what one row is |", "|---|---|---|---|"]
    lines += [f"| `{obj.file}` | {obj.kind} | {obj.rows} | {_cell(obj.comment)} |" for obj in result.objects]
    return "\n".join(lines) + "\n"


def _dictionary(result: ExportResult) -> str:
    parts = ["# Data dictionary", "", "The tables and views of this export, their columns, DuckDB types and comments.", ""]
    for obj in result.objects:
        parts += [f"## {obj.name} ({obj.kind})", "", obj.comment or "", "", "| column | type | comment |", "|---|---|---|"]
        parts += [f"| {c['column_name']} | {c['data_type']} | {_cell(c['comment'])} |" for c in obj.columns]
        parts.append("")
    return "\n".join(parts)


def _cell(text: str | None) -> str:
    return (text or "").replace("|", r"\|").replace("\n", " ")
