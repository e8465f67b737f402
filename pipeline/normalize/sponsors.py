"""sponsorCollaboratorsModule -> lead sponsor and responsible party on ``studies``, and ``sponsors``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.schemas.protocol import SPONSORS
from pipeline.normalize.source import Columns, Study, items, sub

_RAW = {
    "lead_sponsor_name": pl.String,
    "lead_sponsor_class": pl.String,
    "responsible_party_type": pl.String,
    "responsible_party_investigator_name": pl.String,
    "responsible_party_investigator_title": pl.String,
    "responsible_party_investigator_affiliation": pl.String,
    "responsible_party_old_name_title": pl.String,
    "responsible_party_old_organization": pl.String,
}


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    for s in studies:
        module = s.module("sponsorCollaboratorsModule")
        lead = sub(module, "leadSponsor")
        party = sub(module, "responsibleParty")
        cols.add(
            lead.get("name"),
            lead.get("class"),
            party.get("type"),
            party.get("investigatorFullName"),
            party.get("investigatorTitle"),
            party.get("investigatorAffiliation"),
            party.get("oldNameTitle"),
            party.get("oldOrganization"),
        )
    return cols.frame(_RAW)


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    """``sponsors``: the lead sponsor (ordinal 1), then the collaborators in array order."""
    cols = Columns(SPONSORS)
    for s in studies:
        module = s.module("sponsorCollaboratorsModule")
        ordinal = 0
        lead = sub(module, "leadSponsor")
        if lead:
            ordinal += 1
            cols.add(s.nct_id, ordinal, lead.get("name"), lead.get("class"), "lead")
        for collaborator in items(module, "collaborators"):
            ordinal += 1
            cols.add(s.nct_id, ordinal, collaborator.get("name"), collaborator.get("class"), "collaborator")
    return {"sponsors": cols.frame(SPONSORS)}
