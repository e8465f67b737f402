"""resultsSection.outcomeMeasuresModule -> ``outcome_measures``, ``outcome_groups``,
``outcome_classes``, ``outcome_categories``, ``outcome_measurements``,
``outcome_denom_counts`` and ``outcome_analyses``.

Each outcome measure has its own groups ("OG000", ... restart for every measure), so every
child row carries ``outcome_ordinal``. An analysis compares some of those groups
(``group_ids``); its p-value may carry a comparison ("<0.001"), split into ``p_value`` and
``p_value_operator``.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.dates import partial_date
from pipeline.normalize.numbers import compared, parsed, walked
from pipeline.normalize.results_measures import MeasureColumns
from pipeline.normalize.schemas.results import (
    OUTCOME_ANALYSES,
    OUTCOME_CATEGORIES,
    OUTCOME_CLASSES,
    OUTCOME_DENOM_COUNTS,
    OUTCOME_GROUPS,
    OUTCOME_MEASUREMENTS,
    OUTCOME_MEASURES,
)
from pipeline.normalize.source import Columns, Study, items, strings, sub
from pipeline.normalize.text import unescape

_MEASURES = {
    **{name: dtype for name, dtype in OUTCOME_MEASURES.items() if not name.startswith("anticipated_posting_date")},
    "anticipated_posting_raw": pl.String,
}
_ANALYSES = {name: dtype for name, dtype in walked(OUTCOME_ANALYSES).items() if name != "p_value_operator"}
_ANALYSIS_MARKUP = (
    "group_description",
    "statistical_comment",
    "p_value_comment",
    "ci_lower_limit_comment",
    "ci_upper_limit_comment",
    "estimate_comment",
    "non_inferiority_comment",
    "other_analysis_description",
)


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    measures = Columns(_MEASURES)
    groups = Columns(OUTCOME_GROUPS)
    analyses = Columns(_ANALYSES)
    parts = MeasureColumns(OUTCOME_CLASSES, OUTCOME_CATEGORIES, OUTCOME_MEASUREMENTS, OUTCOME_DENOM_COUNTS)
    for s in studies:
        nct_id = s.nct_id
        for o, measure in enumerate(items(sub(s.results, "outcomeMeasuresModule"), "outcomeMeasures"), 1):
            measures.add(nct_id, o, measure.get("type"), measure.get("title"), measure.get("description"),
                         measure.get("populationDescription"), measure.get("reportingStatus"),
                         measure.get("paramType"), measure.get("dispersionType"), measure.get("unitOfMeasure"),
                         measure.get("calculatePct"), measure.get("timeFrame"), measure.get("typeUnitsAnalyzed"),
                         measure.get("denomUnitsSelected"), measure.get("anticipatedPostingDate"))
            for ordinal, group in enumerate(items(measure, "groups"), 1):
                groups.add(nct_id, o, ordinal, group.get("id"), group.get("title"), group.get("description"))
            parts.add_measure(nct_id, o, measure)
            for ordinal, a in enumerate(items(measure, "analyses"), 1):
                analyses.add(
                    nct_id, o, ordinal, strings(a, "groupIds"), a.get("groupDescription"), a.get("paramType"),
                    a.get("paramValue"), a.get("dispersionType"), a.get("dispersionValue"),
                    a.get("statisticalMethod"), a.get("statisticalComment"), a.get("pValue"),
                    a.get("pValueComment"), a.get("ciNumSides"), a.get("ciPctValue"), a.get("ciLowerLimit"),
                    a.get("ciUpperLimit"), a.get("ciLowerLimitComment"), a.get("ciUpperLimitComment"),
                    a.get("estimateComment"), a.get("testedNonInferiority"), a.get("nonInferiorityType"),
                    a.get("nonInferiorityComment"), a.get("otherAnalysisDescription"),
                )
    p_value, p_operator = compared("p_value_text")
    return {
        "outcome_measures": measures.frame(_MEASURES)
        .with_columns(
            *partial_date("anticipated_posting_raw", "anticipated_posting_date"),
            unescape(pl.col("description")),
            unescape(pl.col("population_description")),
        )
        .select(OUTCOME_MEASURES.names()),
        "outcome_groups": groups.frame(OUTCOME_GROUPS).with_columns(unescape(pl.col("description"))),
        **parts.frames("outcome"),
        "outcome_analyses": analyses.frame(_ANALYSES)
        .with_columns(
            *(expr for expr in parsed(OUTCOME_ANALYSES) if expr.meta.output_name() != "p_value"),
            p_value.alias("p_value"),
            p_operator.alias("p_value_operator"),
            *(unescape(pl.col(name)) for name in _ANALYSIS_MARKUP),
        )
        .select(OUTCOME_ANALYSES.names()),
    }
