"""sponsorCollaboratorsModule -> lead sponsor on ``studies``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.source import Columns, Study, sub

_RAW = {"lead_sponsor_name": pl.String, "lead_sponsor_class": pl.String}


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    for s in studies:
        lead = sub(s.module("sponsorCollaboratorsModule"), "leadSponsor")
        cols.add(lead.get("name"), lead.get("class"))
    return cols.frame(_RAW)
