"""The data dictionary: every table, view and column of a fresh warehouse with its comment."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from pipeline.config import SQL_DIR
from pipeline.warehouse.base import WarehouseBase


def data_dictionary(sql_dir: Path = SQL_DIR) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(tables and views with their comments, columns with types and comments) of a fresh warehouse."""
    with duckdb.connect() as con:
        WarehouseBase(con, Path(":memory:"), read_only=False).migrate(sql_dir)
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
