"""Trials ranked by similarity to one trial, every component of the score shown.

The scoring is SQL, in ``sql/queries/similar_trials.sql`` (also runnable as
``pipeline query similar_trials --param nct_id=...``): Jaccard of condition names and MeSH
descriptors, of cell types and sources (cell_therapies) and of routes (intervention_doses),
phase distance, overlap of the dose ranges on a log scale, overlap of the eligible ranges
(age, FVC, SVC, ALSFRS-R, BMI, disease duration) and TF-IDF cosine of titles and summaries
computed in DuckDB over the warehouse's own vocabulary. Nothing is downloaded; the weights
live in that file's ``weights`` CTE, its header explains each component.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from pipeline.config import SQL_DIR
from pipeline.errors import QueryError
from pipeline.queries import load_named
from pipeline.warehouse import open_warehouse

QUERY = "similar_trials"
COMPONENTS = ("conditions", "mesh", "cell_type", "cell_source", "route", "phase", "dose", "eligibility", "text")


def similar(warehouse_path: Path, nct_id: str, limit: int | None = 10, sql_dir: Path = SQL_DIR) -> pl.DataFrame:
    """The ``limit`` trials most similar to ``nct_id`` (all with None), best first, with a rank."""
    sql = load_named(QUERY, sql_dir).sql
    with open_warehouse(warehouse_path, read_only=True) as warehouse:
        try:
            known = warehouse.con.sql("select count(*) from studies where nct_id = $nct_id",
                                      params={"nct_id": nct_id}).fetchall()[0][0]
            if not known:
                raise QueryError(f"{nct_id} is not in the warehouse {warehouse_path} "
                                 f"(fetch it with: pipeline run --nct {nct_id})")
            ranked = warehouse.con.sql(sql, params={"nct_id": nct_id}).pl()
        except duckdb.Error as exc:
            raise QueryError(str(exc).strip()) from None
    if limit is not None:
        ranked = ranked.head(limit)
    return ranked.with_row_index("rank", offset=1)


def related_trials(warehouse_path: Path, limit: int = 5):
    """A function giving (nct_id, title, score) of the trials most like one trial, for its page."""
    def related(nct_id: str) -> list[tuple[str, str, float]]:
        ranked = similar(warehouse_path, nct_id, limit)
        return list(zip(ranked["nct_id"].to_list(), ranked["brief_title"].fill_null("").to_list(),
                        ranked["score"].fill_null(0.0).to_list(), strict=True))

    return related
