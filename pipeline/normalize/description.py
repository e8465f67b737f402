"""descriptionModule -> brief summary and detailed description on ``studies`` (markdown escapes undone)."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.source import Columns, Study
from pipeline.normalize.text import unescape

_RAW = {"brief_summary": pl.String, "detailed_description": pl.String}


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    for s in studies:
        module = s.module("descriptionModule")
        cols.add(module.get("briefSummary"), module.get("detailedDescription"))
    return cols.frame(_RAW).with_columns(unescape(pl.col(name)) for name in _RAW)
