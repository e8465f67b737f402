"""ipdSharingStatementModule -> the individual participant data sharing plan on ``studies``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.source import Columns, Study, strings
from pipeline.normalize.text import unescape

_RAW = {
    "ipd_sharing": pl.String,
    "ipd_description": pl.String,
    "ipd_info_types": pl.List(pl.String),
    "ipd_time_frame": pl.String,
    "ipd_access_criteria": pl.String,
    "ipd_url": pl.String,
}

_MARKUP = ("ipd_description", "ipd_time_frame", "ipd_access_criteria")


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    for s in studies:
        module = s.module("ipdSharingStatementModule")
        cols.add(
            module.get("ipdSharing"),
            module.get("description"),
            strings(module, "infoTypes"),
            module.get("timeFrame"),
            module.get("accessCriteria"),
            module.get("url"),
        )
    return cols.frame(_RAW).with_columns(unescape(pl.col(name)) for name in _MARKUP)
