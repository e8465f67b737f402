"""`pipeline export`: Parquet and CSV files that read back as the warehouse holds them."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import orjson
import polars as pl
import pytest
from click.testing import CliRunner
from polars.testing import assert_frame_equal

from pipeline.cli import cli
from pipeline.errors import ExportError, WarehouseMissing
from pipeline.export import export
from pipeline.landing import land_or_reject
from pipeline.run import load_local
from tests.conftest import corpus_files
from tests.support.trials import als_msc_trial

# How a reader restores CSV columns from the DuckDB types in export.json.
CSV_TYPES = {"VARCHAR": pl.String, "JSON": pl.String, "INTEGER": pl.Int32, "BIGINT": pl.Int64,
             "DOUBLE": pl.Float64, "BOOLEAN": pl.Boolean, "DATE": pl.Date, "TIMESTAMP": pl.Datetime("us")}
NESTED_TYPES = {"VARCHAR[]": pl.List(pl.String)}


def _load(path: Path, *studies: dict) -> None:
    load_local([[land_or_reject(s) for s in studies]], path, command="test", parameters={})


@pytest.fixture
def warehouse(flagship, warehouse_path):
    """Three studies, then a run that changes one (so study_changes and JSON columns have rows)."""
    _load(warehouse_path, flagship, als_msc_trial("NCT09000001", arms=2), als_msc_trial("NCT09000002", sites=2))
    _load(warehouse_path, als_msc_trial("NCT09000002", sites=3, status="TERMINATED"))
    return warehouse_path


def _warehouse_frames(path: Path) -> dict[str, pl.DataFrame]:
    with duckdb.connect(str(path), read_only=True) as con:
        names = [row[0] for row in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main'"
            " and table_name not in ('schema_version', 'pipeline_meta')"
            " union all select view_name from duckdb_views() where schema_name = 'main' and not internal"
        ).fetchall()]
        return {name: con.sql(f'select * from "{name}"').pl() for name in names}


def _comments(path: Path) -> tuple[dict[str, str | None], dict[str, dict[str, str]]]:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = dict(con.execute("select table_name, comment from duckdb_tables()"
                                  " union all select view_name, comment from duckdb_views()").fetchall())
        columns: dict[str, dict[str, str]] = {}
        for table, column, comment in con.execute(
                "select table_name, column_name, comment from duckdb_columns() where comment is not null").fetchall():
            columns.setdefault(table, {})[column] = comment
    return tables, columns


def test_parquet_reads_back_with_the_same_rows_and_types(warehouse, tmp_path):
    result = export(warehouse, tmp_path / "out", "parquet")
    expected = _warehouse_frames(warehouse)
    assert sorted(obj.name for obj in result.objects) == sorted(expected)
    assert {"studies", "raw_studies", "pipeline_runs", "study_changes", "study_summary"} <= set(expected)
    for name, frame in expected.items():
        back = pl.read_parquet(tmp_path / "out" / f"{name}.parquet")
        assert back.schema == frame.schema, name
        assert_frame_equal(back, frame, check_row_order=False)
    assert expected["study_changes"].height > 0 and expected["raw_studies"].height == 4


def test_parquet_files_carry_the_table_and_column_comments(warehouse, tmp_path):
    export(warehouse, tmp_path / "out", "parquet", ["studies", "study_changes", "study_summary"])
    tables, columns = _comments(warehouse)
    for name in ("studies", "study_changes", "study_summary"):
        meta = pl.read_parquet_metadata(tmp_path / "out" / f"{name}.parquet")
        assert meta["table_name"] == name
        assert meta["table_comment"] == tables[name]
        assert json.loads(meta["column_comments"]) == columns.get(name, {})
    meta = pl.read_parquet_metadata(tmp_path / "out" / "studies.parquet")
    assert json.loads(meta["column_comments"])["nct_id"]
    assert "one row per study" in meta["table_comment"].lower()


def test_csv_reads_back_with_the_types_in_export_json(warehouse, tmp_path):
    export(warehouse, tmp_path / "csv", "csv")
    manifest = json.loads((tmp_path / "csv" / "export.json").read_text())
    expected = _warehouse_frames(warehouse)
    for obj in manifest["objects"]:
        types = {c["column_name"]: c["data_type"] for c in obj["columns"]}
        back = pl.read_csv(tmp_path / "csv" / obj["file"], schema={
            name: CSV_TYPES.get(kind, pl.String) for name, kind in types.items()})
        back = back.with_columns(pl.col(name).str.json_decode(NESTED_TYPES[kind])
                                 for name, kind in types.items() if kind in NESTED_TYPES)
        assert obj["rows"] == expected[obj["name"]].height
        assert_frame_equal(back, expected[obj["name"]], check_row_order=False)


def test_the_folder_documents_itself(warehouse, tmp_path):
    export(warehouse, tmp_path / "out", "parquet", ["studies", "arms"])
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "README.md", "arms.parquet", "data-dictionary.md", "export.json", "studies.parquet"]
    readme = (out / "README.md").read_text()
    assert "| `studies.parquet` | table | 3 |" in readme and "| `arms.parquet` | table | 5 |" in readme
    dictionary = (out / "data-dictionary.md").read_text()
    assert "## studies (table)" in dictionary and "| nct_id | VARCHAR |" in dictionary
    manifest = json.loads((out / "export.json").read_text())
    assert manifest["format"] == "parquet" and manifest["last_run"]["run_id"] == 2


def test_a_failed_export_leaves_no_folder(warehouse, tmp_path):
    with pytest.raises(ExportError, match="no table or view 'nope'"):
        export(warehouse, tmp_path / "out", "parquet", ["studies", "nope"])
    with pytest.raises(WarehouseMissing):
        export(tmp_path / "missing.duckdb", tmp_path / "out", "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb", "warehouse.duckdb.lock"]


def test_an_earlier_export_is_replaced_and_other_folders_are_refused(warehouse, tmp_path):
    out = tmp_path / "out"
    export(warehouse, out, "csv")
    export(warehouse, out, "parquet", ["studies"])
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "data-dictionary.md", "export.json",
                                                       "studies.parquet"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "warehouse.duckdb", "warehouse.duckdb.lock"]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(ExportError, match="is not empty and holds no earlier export"):
        export(warehouse, mine, "parquet")
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_the_cli_exports_and_says_what(warehouse, tmp_path):
    out = tmp_path / "csv"
    result = CliRunner().invoke(cli, ["export", "--warehouse", str(warehouse), "--format", "csv", "--out", str(out),
                                      "--table", "studies", "--table", "study_summary"])
    assert result.exit_code == 0, result.output
    assert result.output == f"2 tables and views, 6 rows -> {out}/ (csv)\n"
    assert (out / "study_summary.csv").read_text().startswith("nct_id,brief_title,")
    result = CliRunner().invoke(cli, ["export", "--warehouse", str(warehouse), "--out", str(out), "--table", "x"])
    assert result.exit_code == 1 and result.output.startswith("Error: no table or view 'x' in the warehouse")


@pytest.mark.corpus
def test_the_corpus_exports_to_parquet_and_back(tmp_path):
    records = [orjson.loads(path.read_bytes()) for path in corpus_files()]
    path = tmp_path / "corpus.duckdb"
    load_local([[land_or_reject(s) for s in records[i:i + 200]] for i in range(0, len(records), 200)], path,
               command="test", parameters={})
    result = export(path, tmp_path / "out", "parquet")
    expected = _warehouse_frames(path)
    assert {obj.name: obj.rows for obj in result.objects} == {name: f.height for name, f in expected.items()}
    for name in ("studies", "locations", "eligibility_criteria", "raw_studies", "study_summary", "outcome_measurements"):
        back = pl.read_parquet(tmp_path / "out" / f"{name}.parquet")
        assert_frame_equal(back, expected[name], check_row_order=False)
