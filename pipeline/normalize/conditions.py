"""conditionsModule -> ``conditions`` (one row per condition as entered) and ``keywords``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.schemas import CONDITIONS
from pipeline.normalize.schemas.protocol import KEYWORDS
from pipeline.normalize.source import Columns, Study, items


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    conditions = Columns(CONDITIONS)
    keywords = Columns(KEYWORDS)
    for s in studies:
        module = s.module("conditionsModule")
        for ordinal, name in enumerate(items(module, "conditions"), 1):
            conditions.add(s.nct_id, ordinal, name)
        for ordinal, keyword in enumerate(items(module, "keywords"), 1):
            keywords.add(s.nct_id, ordinal, keyword)
    return {"conditions": conditions.frame(CONDITIONS), "keywords": keywords.frame(KEYWORDS)}
