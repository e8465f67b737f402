"""Incremental sync decisions: search identity, the delta filter, watermarks, removals. Pure.

The registry's cursor is LastUpdatePostDate (what is published, unlike the submit date,
which runs ahead of posting). A run asks for RANGE[watermark - 1 day, MAX]: the day of
overlap catches studies posted late on the watermark day, and rows are replaced by
nct_id, so seeing a study twice is harmless. Deltas never report studies that left the
registry or became aliases; known studies are re-checked by ID in rotation for that.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import orjson

from pipeline.config import Search
from pipeline.errors import MassDeletionRefused

OVERLAP = dt.timedelta(days=1)


def search_key(search: Search) -> str:
    """Stable identity of a search's query: a changed expression gets a fresh watermark."""
    digest = hashlib.sha1(orjson.dumps(search.query_params(), option=orjson.OPT_SORT_KEYS)).hexdigest()[:12]
    return f"{search.name}:{digest}"


def delta_filter(watermark: dt.date) -> str:
    """filter.advanced for studies posted since the day before the watermark."""
    return f"AREA[LastUpdatePostDate]RANGE[{(watermark - OVERLAP).isoformat()}, MAX]"


def last_update_posted(study: Mapping) -> dt.date | None:
    """statusModule.lastUpdatePostDateStruct.date of a study object, if it is a full date."""
    try:
        raw = study["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"]["date"]
        return dt.date.fromisoformat(raw)
    except (KeyError, TypeError, ValueError):
        return None


def newest(dates: Iterable[dt.date | None], start: dt.date | None = None) -> dt.date | None:
    """The latest of ``dates`` and ``start`` (None when there is none)."""
    known = [d for d in dates if d is not None]
    if start is not None:
        known.append(start)
    return max(known) if known else None


@dataclass(frozen=True)
class Recheck:
    """What a re-check by ID found about the studies it asked for."""

    returned: frozenset[str]  # canonical IDs that came back
    withdrawn: tuple[str, ...]  # asked for, not returned under any ID
    merged: dict[str, str]  # asked-for ID -> the canonical ID whose nctIdAliases lists it


def classify_recheck(asked: Iterable[str], studies: Iterable[Mapping]) -> Recheck:
    """Sort the studies a filter.ids request asked for into returned, merged and withdrawn."""
    asked = list(dict.fromkeys(asked))
    returned: set[str] = set()
    alias_of: dict[str, str] = {}
    for study in studies:
        ident = study.get("protocolSection", {}).get("identificationModule", {})
        nct_id = ident.get("nctId")
        if not isinstance(nct_id, str):
            continue
        returned.add(nct_id)
        for alias in ident.get("nctIdAliases") or ():
            alias_of[alias] = nct_id
    merged = {nct_id: alias_of[nct_id] for nct_id in asked if nct_id not in returned and nct_id in alias_of}
    withdrawn = tuple(nct_id for nct_id in asked if nct_id not in returned and nct_id not in merged)
    return Recheck(frozenset(returned), withdrawn, merged)


def guard_mass_removal(gone: int, total: int, max_share: float, force: bool) -> None:
    """Refuse to mark more than ``max_share`` of the warehouse as gone without --force (as AACT does)."""
    if force or total == 0 or gone <= max_share * total:
        return
    raise MassDeletionRefused(
        f"{gone} of {total} studies ({gone / total:.1%}) were not returned by the registry, more than the "
        f"{max_share:.0%} a run may mark as withdrawn without --force; if the registry really removed them, "
        "run again with --force (or raise --max-removed-share)"
    )
