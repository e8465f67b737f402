"""outcomesModule -> ``outcomes`` (the planned outcome measures of the protocol, not their results)."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.schemas.protocol import OUTCOMES
from pipeline.normalize.source import Columns, Study, items
from pipeline.normalize.text import unescape

# kind -> outcomesModule key; ordinals are numbered within each kind.
KINDS = (("primary", "primaryOutcomes"), ("secondary", "secondaryOutcomes"), ("other", "otherOutcomes"))


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    cols = Columns(OUTCOMES)
    for s in studies:
        module = s.module("outcomesModule")
        for kind, key in KINDS:
            for ordinal, outcome in enumerate(items(module, key), 1):
                cols.add(s.nct_id, kind, ordinal, outcome.get("measure"), outcome.get("description"),
                         outcome.get("timeFrame"))
    return {"outcomes": cols.frame(OUTCOMES).with_columns(unescape(pl.col("description")))}
