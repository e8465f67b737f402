"""resultsSection.participantFlowModule -> ``flow_groups``, ``flow_periods``, ``flow_milestones``,
``flow_milestone_counts``, ``flow_drop_withdraws`` and ``flow_drop_withdraw_counts``.

A period (e.g. "Overall Study") has milestones (STARTED, COMPLETED, NOT COMPLETED or the
sponsor's own) and reasons for dropping out; each carries one count per flow group
("FG000", ...). The module-level texts (pre-assignment and recruitment details, type of
units analyzed) are on ``study_results``.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.numbers import parsed, walked
from pipeline.normalize.schemas.results import (
    FLOW_DROP_WITHDRAW_COUNTS,
    FLOW_DROP_WITHDRAWS,
    FLOW_GROUPS,
    FLOW_MILESTONE_COUNTS,
    FLOW_MILESTONES,
    FLOW_PERIODS,
)
from pipeline.normalize.source import Columns, Study, items, sub
from pipeline.normalize.text import unescape


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    groups = Columns(FLOW_GROUPS)
    periods = Columns(FLOW_PERIODS)
    milestones = Columns(FLOW_MILESTONES)
    achievements = Columns(walked(FLOW_MILESTONE_COUNTS))
    drops = Columns(FLOW_DROP_WITHDRAWS)
    reasons = Columns(walked(FLOW_DROP_WITHDRAW_COUNTS))
    for s in studies:
        module = sub(s.results, "participantFlowModule")
        nct_id = s.nct_id
        for ordinal, group in enumerate(items(module, "groups"), 1):
            groups.add(nct_id, ordinal, group.get("id"), group.get("title"), group.get("description"))
        for p, period in enumerate(items(module, "periods"), 1):
            periods.add(nct_id, p, period.get("title"))
            for m, milestone in enumerate(items(period, "milestones"), 1):
                milestones.add(nct_id, p, m, milestone.get("type"), milestone.get("comment"))
                for ordinal, stat in enumerate(items(milestone, "achievements"), 1):
                    achievements.add(nct_id, p, m, ordinal, stat.get("groupId"), stat.get("numSubjects"),
                                     stat.get("numUnits"), stat.get("comment"))
            for d, drop in enumerate(items(period, "dropWithdraws"), 1):
                drops.add(nct_id, p, d, drop.get("type"), drop.get("comment"))
                for ordinal, stat in enumerate(items(drop, "reasons"), 1):
                    reasons.add(nct_id, p, d, ordinal, stat.get("groupId"), stat.get("numSubjects"),
                                stat.get("numUnits"), stat.get("comment"))
    comment = unescape(pl.col("comment"))
    return {
        "flow_groups": groups.frame(FLOW_GROUPS).with_columns(unescape(pl.col("description"))),
        "flow_periods": periods.frame(FLOW_PERIODS),
        "flow_milestones": milestones.frame(FLOW_MILESTONES).with_columns(comment),
        "flow_milestone_counts": _counts(achievements, FLOW_MILESTONE_COUNTS),
        "flow_drop_withdraws": drops.frame(FLOW_DROP_WITHDRAWS).with_columns(comment),
        "flow_drop_withdraw_counts": _counts(reasons, FLOW_DROP_WITHDRAW_COUNTS),
    }


def _counts(cols: Columns, schema: pl.Schema) -> pl.DataFrame:
    frame = cols.frame(walked(schema))
    return frame.with_columns(*parsed(schema), unescape(pl.col("comment"))).select(schema.names())
