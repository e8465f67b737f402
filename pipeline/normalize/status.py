"""statusModule -> status, expanded access and every date of the module on ``studies``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.dates import full_date, partial_date
from pipeline.normalize.source import Columns, Study, sub
from pipeline.normalize.text import unescape

# (column prefix, statusModule key of the {date, type} struct). Start and completion dates
# may be partial; the *PostDateStruct dates are full, but go through the same parser.
DATE_STRUCTS = (
    ("start", "startDateStruct"),
    ("primary_completion", "primaryCompletionDateStruct"),
    ("completion", "completionDateStruct"),
    ("first_posted", "studyFirstPostDateStruct"),
    ("last_update_posted", "lastUpdatePostDateStruct"),
    ("results_first_posted", "resultsFirstPostDateStruct"),
    ("disp_first_posted", "dispFirstPostDateStruct"),
)

# (column, statusModule key) of the plain yyyy-MM-dd dates (NormalizedDate, no type).
FULL_DATES = (
    ("study_first_submit_date", "studyFirstSubmitDate"),
    ("study_first_submit_qc_date", "studyFirstSubmitQcDate"),
    ("results_first_submit_date", "resultsFirstSubmitDate"),
    ("results_first_submit_qc_date", "resultsFirstSubmitQcDate"),
    ("disp_first_submit_date", "dispFirstSubmitDate"),
    ("disp_first_submit_qc_date", "dispFirstSubmitQcDate"),
    ("last_update_submit_date", "lastUpdateSubmitDate"),
)

_RAW = {
    "overall_status": pl.String,
    "last_known_status": pl.String,
    "why_stopped": pl.String,
    "status_verified_raw": pl.String,
    "delayed_posting": pl.Boolean,
    "has_expanded_access": pl.Boolean,
    "expanded_access_nct_id": pl.String,
    "expanded_access_status": pl.String,
    "results_waived": pl.Boolean,
}
for _prefix, _ in DATE_STRUCTS:
    _RAW[f"{_prefix}_raw"] = pl.String
    _RAW[f"{_prefix}_date_type"] = pl.String
for _column, _ in FULL_DATES:
    _RAW[f"{_column}_raw"] = pl.String


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    for s in studies:
        status = s.module("statusModule")
        access = sub(status, "expandedAccessInfo")
        row = [
            status.get("overallStatus"),
            status.get("lastKnownStatus"),
            status.get("whyStopped"),
            status.get("statusVerifiedDate"),
            status.get("delayedPosting"),
            access.get("hasExpandedAccess"),
            access.get("nctId"),
            access.get("statusForNctId"),
            status.get("resultsWaived"),
        ]
        for _, key in DATE_STRUCTS:
            struct = sub(status, key)
            row += (struct.get("date"), struct.get("type"))
        row += [status.get(key) for _, key in FULL_DATES]
        cols.add(*row)
    dates = [
        *partial_date("status_verified_raw", "status_verified_date"),
        *(expr for prefix, _ in DATE_STRUCTS for expr in partial_date(f"{prefix}_raw", f"{prefix}_date")),
        *(full_date(f"{column}_raw", column) for column, _ in FULL_DATES),
    ]
    raw = ["status_verified_raw", *(f"{prefix}_raw" for prefix, _ in DATE_STRUCTS),
           *(f"{column}_raw" for column, _ in FULL_DATES)]
    return cols.frame(_RAW).with_columns(*dates, unescape(pl.col("why_stopped"))).drop(raw)
