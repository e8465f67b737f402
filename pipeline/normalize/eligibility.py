"""eligibilityModule -> ``eligibility`` (one row per study) and ``eligibility_criteria``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.criteria_text import split_criteria
from pipeline.normalize.dates import duration_years
from pipeline.normalize.schemas import ELIGIBILITY, ELIGIBILITY_CRITERIA
from pipeline.normalize.source import Columns, Study, strings
from pipeline.normalize.text import unescape

_RAW = {name: dtype for name, dtype in ELIGIBILITY.items() if not name.endswith("_years")}
_MARKUP = ("criteria_text", "gender_description", "study_population")


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    eligibility = Columns(_RAW)
    criteria = Columns(ELIGIBILITY_CRITERIA)
    for s in studies:
        module = s.module("eligibilityModule")
        text = module.get("eligibilityCriteria")
        eligibility.add(
            s.nct_id,
            module.get("sex"),
            module.get("minimumAge"),
            module.get("maximumAge"),
            module.get("healthyVolunteers"),
            strings(module, "stdAges"),
            text,
            module.get("genderBased"),
            module.get("genderDescription"),
            module.get("studyPopulation"),
            module.get("samplingMethod"),
        )
        for item in split_criteria(text):
            criteria.add(s.nct_id, *item)
    return {
        "eligibility": eligibility.frame(_RAW).with_columns(
            duration_years("minimum_age").alias("minimum_age_years"),
            duration_years("maximum_age").alias("maximum_age_years"),
            *(unescape(pl.col(name)) for name in _MARKUP),
        ).select(ELIGIBILITY.names()),
        "eligibility_criteria": criteria.frame(ELIGIBILITY_CRITERIA).with_columns(unescape(pl.col("text"))),
    }
