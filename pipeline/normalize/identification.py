"""identificationModule (and the top-level hasResults flag) -> columns of ``studies``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.source import Columns, Study

_RAW = {
    "nct_id": pl.String,
    "brief_title": pl.String,
    "official_title": pl.String,
    "acronym": pl.String,
    "has_results": pl.Boolean,
}


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    for s in studies:
        ident = s.module("identificationModule")
        cols.add(s.nct_id, ident.get("briefTitle"), ident.get("officialTitle"), ident.get("acronym"),
                 s.data.get("hasResults"))
    return cols.frame(_RAW)
