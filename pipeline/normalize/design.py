"""designModule -> study type, phases, enrollment, design, expanded access and bio-specimens on ``studies``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.source import Columns, Study, strings, sub
from pipeline.normalize.text import unescape

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
    "intervention_model_description": pl.String,
    "masking_description": pl.String,
    "masked_roles": pl.List(pl.String),
    "observational_model": pl.String,
    "time_perspective": pl.String,
    "target_duration": pl.String,
    "patient_registry": pl.Boolean,
    "is_expanded_access_individual": pl.Boolean,
    "is_expanded_access_intermediate": pl.Boolean,
    "is_expanded_access_treatment": pl.Boolean,
    "bio_spec_retention": pl.String,
    "bio_spec_description": pl.String,
}

_MARKUP = ("intervention_model_description", "masking_description", "bio_spec_description")


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    for s in studies:
        design = s.module("designModule")
        info = sub(design, "designInfo")
        masking = sub(info, "maskingInfo")
        enrollment = sub(design, "enrollmentInfo")
        access = sub(design, "expandedAccessTypes")
        bio_spec = sub(design, "bioSpec")
        cols.add(
            design.get("studyType"),
            strings(design, "phases"),
            enrollment.get("count"),
            enrollment.get("type"),
            info.get("allocation"),
            info.get("interventionModel"),
            info.get("primaryPurpose"),
            masking.get("masking"),
            info.get("interventionModelDescription"),
            masking.get("maskingDescription"),
            strings(masking, "whoMasked"),
            info.get("observationalModel"),
            info.get("timePerspective"),
            design.get("targetDuration"),
            design.get("patientRegistry"),
            access.get("individual"),
            access.get("intermediate"),
            access.get("treatment"),
            bio_spec.get("retention"),
            bio_spec.get("description"),
        )
    return cols.frame(_RAW).with_columns(
        pl.when(pl.col("enrollment") != ENROLLMENT_UNKNOWN).then(pl.col("enrollment")).alias("enrollment"),
        *(unescape(pl.col(name)) for name in _MARKUP),
    )
