"""resultsSection.adverseEventsModule -> ``adverse_event_groups``, ``adverse_events`` and
``adverse_event_counts``.

Serious and other (non-serious) events share one table, told apart by ``kind``; ordinals
count within each list. The registry sends these counts as JSON integers, so they are
typed directly (a string there fails the study rather than being guessed). The module's
threshold, time frame and texts are on ``study_results``.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.schemas.results import ADVERSE_EVENT_COUNTS, ADVERSE_EVENT_GROUPS, ADVERSE_EVENTS
from pipeline.normalize.source import Columns, Study, items, sub
from pipeline.normalize.text import unescape

# (kind, adverseEventsModule key)
KINDS = (("serious", "seriousEvents"), ("other", "otherEvents"))


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    groups = Columns(ADVERSE_EVENT_GROUPS)
    events = Columns(ADVERSE_EVENTS)
    counts = Columns(ADVERSE_EVENT_COUNTS)
    for s in studies:
        module = sub(s.results, "adverseEventsModule")
        nct_id = s.nct_id
        for ordinal, g in enumerate(items(module, "eventGroups"), 1):
            groups.add(nct_id, ordinal, g.get("id"), g.get("title"), g.get("description"),
                       g.get("deathsNumAffected"), g.get("deathsNumAtRisk"), g.get("seriousNumAffected"),
                       g.get("seriousNumAtRisk"), g.get("otherNumAffected"), g.get("otherNumAtRisk"))
        for kind, key in KINDS:
            for e, event in enumerate(items(module, key), 1):
                events.add(nct_id, kind, e, event.get("term"), event.get("organSystem"),
                           event.get("sourceVocabulary"), event.get("assessmentType"), event.get("notes"))
                for ordinal, stat in enumerate(items(event, "stats"), 1):
                    counts.add(nct_id, kind, e, ordinal, stat.get("groupId"), stat.get("numEvents"),
                               stat.get("numAffected"), stat.get("numAtRisk"))
    return {
        "adverse_event_groups": groups.frame(ADVERSE_EVENT_GROUPS).with_columns(unescape(pl.col("description"))),
        "adverse_events": events.frame(ADVERSE_EVENTS).with_columns(unescape(pl.col("notes"))),
        "adverse_event_counts": counts.frame(ADVERSE_EVENT_COUNTS),
    }
