"""designModule -> study type, phases, enrollment and design on ``studies``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.source import Columns, Study, strings, sub

# The registry uses 99999999 as "enrollment unknown" in some records; it is not a count.
ENROLLMENT_UNKNOWN = 99_999_999

_RAW = {
    "study_type": pl.String,
    "phases": pl.List(pl.String),
    "enrollment": pl.Int64,
    "enrollment_type": pl.String,
    "allocation": pl.String,
    "intervention_model": pl.String,
    "primary_purpose": pl.String,
    "masking": pl.String,
}


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    for s in studies:
        design = s.module("designModule")
        info = sub(design, "designInfo")
        enrollment = sub(design, "enrollmentInfo")
        cols.add(
            design.get("studyType"),
            strings(design, "phases"),
            enrollment.get("count"),
            enrollment.get("type"),
            info.get("allocation"),
            info.get("interventionModel"),
            info.get("primaryPurpose"),
            sub(info, "maskingInfo").get("masking"),
        )
    return cols.frame(_RAW).with_columns(
        pl.when(pl.col("enrollment") != ENROLLMENT_UNKNOWN).then(pl.col("enrollment")).alias("enrollment")
    )
