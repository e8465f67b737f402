"""conditionsModule -> ``conditions`` (one row per condition as entered)."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.schemas import CONDITIONS
from pipeline.normalize.source import Columns, Study, items


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    cols = Columns(CONDITIONS)
    for s in studies:
        for ordinal, name in enumerate(items(s.module("conditionsModule"), "conditions"), 1):
            cols.add(s.nct_id, ordinal, name)
    return {"conditions": cols.frame(CONDITIONS)}
