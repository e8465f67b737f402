"""resultsSection.baselineCharacteristicsModule -> ``baseline_groups``, ``baseline_measures``,
``baseline_classes``, ``baseline_categories``, ``baseline_measurements`` and
``baseline_denom_counts``.

The module's own denominators (participants per baseline group, "BG000", ...) have NULL
``measure_ordinal``; its population description and type of units are on ``study_results``.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.results_measures import MeasureColumns
from pipeline.normalize.schemas.results import (
    BASELINE_CATEGORIES,
    BASELINE_CLASSES,
    BASELINE_DENOM_COUNTS,
    BASELINE_GROUPS,
    BASELINE_MEASUREMENTS,
    BASELINE_MEASURES,
)
from pipeline.normalize.source import Columns, Study, items, sub
from pipeline.normalize.text import unescape


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    groups = Columns(BASELINE_GROUPS)
    measures = Columns(BASELINE_MEASURES)
    parts = MeasureColumns(BASELINE_CLASSES, BASELINE_CATEGORIES, BASELINE_MEASUREMENTS, BASELINE_DENOM_COUNTS)
    for s in studies:
        module = sub(s.results, "baselineCharacteristicsModule")
        nct_id = s.nct_id
        for ordinal, group in enumerate(items(module, "groups"), 1):
            groups.add(nct_id, ordinal, group.get("id"), group.get("title"), group.get("description"))
        parts.add_denoms(nct_id, None, None, module)
        for ordinal, measure in enumerate(items(module, "measures"), 1):
            measures.add(nct_id, ordinal, measure.get("title"), measure.get("description"),
                         measure.get("populationDescription"), measure.get("paramType"),
                         measure.get("dispersionType"), measure.get("unitOfMeasure"), measure.get("calculatePct"),
                         measure.get("denomUnitsSelected"))
            parts.add_measure(nct_id, ordinal, measure)
    return {
        "baseline_groups": groups.frame(BASELINE_GROUPS).with_columns(unescape(pl.col("description"))),
        "baseline_measures": measures.frame(BASELINE_MEASURES).with_columns(
            unescape(pl.col("description")), unescape(pl.col("population_description"))
        ),
        **parts.frames("baseline"),
    }
