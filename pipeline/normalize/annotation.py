"""annotationSection.annotationModule -> ``unposted_annotations``, ``unposted_events`` and
``violation_events``.

Unposted events record results submitted but not yet posted (submission, QC reset,
release); violation events record the registry's findings of a reporting violation and
their correction. Both are written by the registry, not by the sponsor.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.dates import full_date
from pipeline.normalize.schemas.results import UNPOSTED_ANNOTATIONS, UNPOSTED_EVENTS, VIOLATION_EVENTS
from pipeline.normalize.source import Columns, Study, items, sub

_UNPOSTED = {"nct_id": pl.String, "ordinal": pl.Int32, "type": pl.String, "date_raw": pl.String,
             "is_date_unknown": pl.Boolean}
_VIOLATION_DATES = (
    ("creation_date", "creationDate"),
    ("issued_date", "issuedDate"),
    ("release_date", "releaseDate"),
    ("posted_date", "postedDate"),
)
_VIOLATIONS = {
    "nct_id": pl.String,
    "ordinal": pl.Int32,
    "type": pl.String,
    "description": pl.String,
    **{f"{column}_raw": pl.String for column, _ in _VIOLATION_DATES},
}


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    parties = Columns(UNPOSTED_ANNOTATIONS)
    unposted = Columns(_UNPOSTED)
    violations = Columns(_VIOLATIONS)
    for s in studies:
        module = sub(s.annotation, "annotationModule")
        annotation = sub(module, "unpostedAnnotation")
        if annotation:
            parties.add(s.nct_id, annotation.get("unpostedResponsibleParty"))
        for ordinal, event in enumerate(items(annotation, "unpostedEvents"), 1):
            unposted.add(s.nct_id, ordinal, event.get("type"), event.get("date"), event.get("dateUnknown"))
        for ordinal, event in enumerate(items(sub(module, "violationAnnotation"), "violationEvents"), 1):
            violations.add(s.nct_id, ordinal, event.get("type"), event.get("description"),
                           *(event.get(key) for _, key in _VIOLATION_DATES))
    return {
        "unposted_annotations": parties.frame(UNPOSTED_ANNOTATIONS),
        "unposted_events": unposted.frame(_UNPOSTED)
        .with_columns(full_date("date_raw", "event_date"))
        .select(UNPOSTED_EVENTS.names()),
        "violation_events": violations.frame(_VIOLATIONS)
        .with_columns(full_date(f"{column}_raw", column) for column, _ in _VIOLATION_DATES)
        .select(VIOLATION_EVENTS.names()),
    }
