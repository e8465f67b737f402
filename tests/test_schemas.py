"""The DDL in sql/schema and the Polars schemas in pipeline/normalize/schemas.py agree."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.normalize.schemas import TABLES
from pipeline.warehouse import open_warehouse

DUCKDB_TYPE = {
    pl.String: "VARCHAR",
    pl.Int32: "INTEGER",
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE",
    pl.Boolean: "BOOLEAN",
    pl.Date: "DATE",
    pl.Datetime("us"): "TIMESTAMP",
    pl.List(pl.String): "VARCHAR[]",
}


@pytest.fixture(scope="module")
def columns(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "w.duckdb"
    with open_warehouse(path) as wh:
        return wh.con.sql(
            "select table_name, column_name, data_type, comment from duckdb_columns()"
            " where schema_name = 'main' order by table_name, column_index"
        ).pl()


@pytest.mark.parametrize("table", list(TABLES))
def test_ddl_matches_the_declared_schema(columns, table):
    ddl = columns.filter(pl.col("table_name") == table)
    declared = [(name, DUCKDB_TYPE[dtype]) for name, dtype in TABLES[table].items()]
    assert list(zip(ddl["column_name"], ddl["data_type"], strict=True)) == declared


def test_every_table_and_column_has_a_comment(tmp_path):
    with open_warehouse(tmp_path / "w.duckdb") as wh:
        tables = wh.con.sql("select table_name, comment from duckdb_tables() where schema_name = 'main'"
                            " and table_name <> 'schema_version'").pl()
        cols = wh.con.sql("select table_name, column_name, comment from duckdb_columns() where schema_name = 'main'"
                          " and table_name <> 'schema_version' and table_name in (select table_name from duckdb_tables())").pl()
    assert tables.filter(pl.col("comment").is_null() | (pl.col("comment") == ""))["table_name"].to_list() == []
    missing = cols.filter(pl.col("comment").is_null() | (pl.col("comment") == ""))
    assert missing.select(pl.format("{}.{}", "table_name", "column_name").alias("name"))["name"].to_list() == []


def test_migrations_apply_once(tmp_path):
    path = tmp_path / "w.duckdb"
    with open_warehouse(path) as wh:
        first = wh.con.execute("select count(*) from schema_version").fetchone()
    with open_warehouse(path) as wh:
        assert wh.migrate() == []
        assert wh.con.execute("select count(*) from schema_version").fetchone() == first


def test_the_route_column_lists_every_route_the_extractor_returns(columns):
    from pipeline.extract.routes import ROUTES

    (comment,) = columns.filter((pl.col("table_name") == "intervention_doses") & (pl.col("column_name") == "route"))[
        "comment"
    ]
    assert comment.split(" (")[0].split(" | ") == list(ROUTES)
