"""referencesModule -> ``references``, ``reference_retractions``, ``links``, ``available_ipds``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.schemas.protocol import AVAILABLE_IPDS, LINKS, REFERENCE_RETRACTIONS, REFERENCES
from pipeline.normalize.source import Columns, Study, items
from pipeline.normalize.text import unescape


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    references = Columns(REFERENCES)
    retractions = Columns(REFERENCE_RETRACTIONS)
    links = Columns(LINKS)
    ipds = Columns(AVAILABLE_IPDS)
    for s in studies:
        module = s.module("referencesModule")
        for ordinal, reference in enumerate(items(module, "references"), 1):
            references.add(s.nct_id, ordinal, reference.get("pmid"), reference.get("type"), reference.get("citation"))
            for retraction_ordinal, retraction in enumerate(items(reference, "retractions"), 1):
                retractions.add(s.nct_id, ordinal, retraction_ordinal, retraction.get("pmid"), retraction.get("source"))
        for ordinal, link in enumerate(items(module, "seeAlsoLinks"), 1):
            links.add(s.nct_id, ordinal, link.get("url"), link.get("label"))
        for ordinal, ipd in enumerate(items(module, "availIpds"), 1):
            ipds.add(s.nct_id, ordinal, ipd.get("id"), ipd.get("type"), ipd.get("url"), ipd.get("comment"))
    return {
        "references": references.frame(REFERENCES),
        "reference_retractions": retractions.frame(REFERENCE_RETRACTIONS),
        "links": links.frame(LINKS).with_columns(unescape(pl.col("label"))),
        "available_ipds": ipds.frame(AVAILABLE_IPDS).with_columns(unescape(pl.col("comment"))),
    }
