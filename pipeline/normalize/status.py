"""statusModule -> status and dates on ``studies``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.dates import partial_date
from pipeline.normalize.source import Columns, Study, sub

# (column prefix, statusModule key of the {date, type} struct)
DATE_STRUCTS = (
    ("start", "startDateStruct"),
    ("primary_completion", "primaryCompletionDateStruct"),
    ("completion", "completionDateStruct"),
    ("first_posted", "studyFirstPostDateStruct"),
    ("last_update_posted", "lastUpdatePostDateStruct"),
)

_RAW = {"overall_status": pl.String}
for _prefix, _ in DATE_STRUCTS:
    _RAW[f"{_prefix}_raw"] = pl.String
    _RAW[f"{_prefix}_date_type"] = pl.String


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    for s in studies:
        status = s.module("statusModule")
        row = [status.get("overallStatus")]
        for _, key in DATE_STRUCTS:
            struct = sub(status, key)
            row += (struct.get("date"), struct.get("type"))
        cols.add(*row)
    dates = [expr for prefix, _ in DATE_STRUCTS for expr in partial_date(f"{prefix}_raw", f"{prefix}_date")]
    return cols.frame(_RAW).with_columns(dates).drop([f"{prefix}_raw" for prefix, _ in DATE_STRUCTS])
