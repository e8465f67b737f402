"""identificationModule (and the top-level hasResults flag) -> columns of ``studies`` and ``identifiers``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.schemas.protocol import IDENTIFIERS
from pipeline.normalize.source import Columns, Study, items, strings, sub

_RAW = {
    "nct_id": pl.String,
    "brief_title": pl.String,
    "official_title": pl.String,
    "acronym": pl.String,
    "has_results": pl.Boolean,
    "org_name": pl.String,
    "org_class": pl.String,
}


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    for s in studies:
        ident = s.module("identificationModule")
        org = sub(ident, "organization")
        cols.add(s.nct_id, ident.get("briefTitle"), ident.get("officialTitle"), ident.get("acronym"),
                 s.data.get("hasResults"), org.get("fullName"), org.get("class"))
    return cols.frame(_RAW)


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    """``identifiers``: the sponsor's own ID, then secondary IDs, then NCT aliases, numbered in that order.

    An alias is an NCT ID the registry merged into this study (a duplicate registration);
    ``GET /studies/{alias}`` answers with this study.
    """
    cols = Columns(IDENTIFIERS)
    for s in studies:
        ident = s.module("identificationModule")
        ordinal = 0
        org = sub(ident, "orgStudyIdInfo")
        if org:
            ordinal += 1
            cols.add(s.nct_id, ordinal, "org_study_id", org.get("id"), org.get("type"), None, org.get("link"))
        for info in items(ident, "secondaryIdInfos"):
            ordinal += 1
            cols.add(s.nct_id, ordinal, "secondary_id", info.get("id"), info.get("type"), info.get("domain"),
                     info.get("link"))
        for alias in strings(ident, "nctIdAliases") or ():
            ordinal += 1
            cols.add(s.nct_id, ordinal, "nct_alias", alias, None, None, None)
    return {"identifiers": cols.frame(IDENTIFIERS)}
