"""oversightModule -> the data monitoring committee and FDA flags on ``studies``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.source import Columns, Study

# column -> oversightModule key (all booleans; absent means the sponsor did not say)
FLAGS = {
    "has_dmc": "oversightHasDmc",
    "is_fda_regulated_drug": "isFdaRegulatedDrug",
    "is_fda_regulated_device": "isFdaRegulatedDevice",
    "is_unapproved_device": "isUnapprovedDevice",
    "is_ppsd": "isPpsd",
    "is_us_export": "isUsExport",
    "fdaaa801_violation": "fdaaa801Violation",
}

_RAW = dict.fromkeys(FLAGS, pl.Boolean)


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    keys = tuple(FLAGS.values())
    for s in studies:
        module = s.module("oversightModule")
        cols.add(*[module.get(key) for key in keys])
    return cols.frame(_RAW)
