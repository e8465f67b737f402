"""eligibilityModule -> ``eligibility`` (one row per study), ``eligibility_criteria`` and
``criterion_thresholds``.

The criteria text is split once per study (``split_criteria``); each criterion becomes a row of
``eligibility_criteria`` and its numeric thresholds (``find_thresholds``) rows of
``criterion_thresholds`` in the same walk, so ``criterion_ordinal`` always joins to
``eligibility_criteria.ordinal`` within the section.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.extract.thresholds import find_thresholds
from pipeline.normalize.criteria_text import split_criteria
from pipeline.normalize.dates import duration_years
from pipeline.normalize.schemas import ELIGIBILITY, ELIGIBILITY_CRITERIA
from pipeline.normalize.schemas.extracted import CRITERION_THRESHOLDS
from pipeline.normalize.source import Columns, Study, strings
from pipeline.normalize.text import unescape

_RAW = {name: dtype for name, dtype in ELIGIBILITY.items() if not name.endswith("_years")}
_MARKUP = ("criteria_text", "gender_description", "study_population")


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    eligibility = Columns(_RAW)
    criteria = Columns(ELIGIBILITY_CRITERIA)
    thresholds = Columns(CRITERION_THRESHOLDS)
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
            for ordinal, found in enumerate(find_thresholds(item.text), 1):
                thresholds.add(s.nct_id, item.section, item.ordinal, ordinal, *found)
    return {
        "eligibility": eligibility.frame(_RAW).with_columns(
            duration_years("minimum_age").alias("minimum_age_years"),
            duration_years("maximum_age").alias("maximum_age_years"),
            *(unescape(pl.col(name)) for name in _MARKUP),
        ).select(ELIGIBILITY.names()),
        "eligibility_criteria": criteria.frame(ELIGIBILITY_CRITERIA).with_columns(unescape(pl.col("text"))),
        "criterion_thresholds": thresholds.frame(CRITERION_THRESHOLDS).with_columns(unescape(pl.col("span"))),
    }
