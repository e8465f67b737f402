"""Schemas of the child tables of protocolSection and derivedSection (see schemas/__init__).

Every ordinal is 1-based and follows the registry's array order. A child of a child
(a location's contacts, a reference's retractions, an intervention's other names) carries
its parent's ordinal, so (nct_id, parent ordinal, ordinal) is its key.
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.schemas.types import Bool, Date, Float, Int, Str

IDENTIFIERS = pl.Schema(
    {
        "nct_id": Str,
        "ordinal": Int,
        "source": Str,
        "id_value": Str,
        "id_type": Str,
        "domain": Str,
        "link": Str,
    }
)

SPONSORS = pl.Schema({"nct_id": Str, "ordinal": Int, "name": Str, "class": Str, "role": Str})

KEYWORDS = pl.Schema({"nct_id": Str, "ordinal": Int, "keyword": Str})

INTERVENTION_OTHER_NAMES = pl.Schema({"nct_id": Str, "intervention_ordinal": Int, "ordinal": Int, "name": Str})

OUTCOMES = pl.Schema(
    {"nct_id": Str, "kind": Str, "ordinal": Int, "measure": Str, "description": Str, "time_frame": Str}
)

LOCATIONS = pl.Schema(
    {
        "nct_id": Str,
        "ordinal": Int,
        "facility": Str,
        "status": Str,
        "city": Str,
        "state": Str,
        "zip": Str,
        "country": Str,
        "latitude": Float,
        "longitude": Float,
    }
)

_CONTACT = {"name": Str, "role": Str, "phone": Str, "phone_ext": Str, "email": Str}

LOCATION_CONTACTS = pl.Schema({"nct_id": Str, "location_ordinal": Int, "ordinal": Int, **_CONTACT})

CENTRAL_CONTACTS = pl.Schema({"nct_id": Str, "ordinal": Int, **_CONTACT})

OFFICIALS = pl.Schema({"nct_id": Str, "ordinal": Int, "name": Str, "affiliation": Str, "role": Str})

REFERENCES = pl.Schema({"nct_id": Str, "ordinal": Int, "pmid": Str, "type": Str, "citation": Str})

REFERENCE_RETRACTIONS = pl.Schema(
    {"nct_id": Str, "reference_ordinal": Int, "ordinal": Int, "pmid": Str, "source": Str}
)

LINKS = pl.Schema({"nct_id": Str, "ordinal": Int, "url": Str, "label": Str})

AVAILABLE_IPDS = pl.Schema(
    {"nct_id": Str, "ordinal": Int, "ipd_id": Str, "type": Str, "url": Str, "comment": Str}
)

MESH_TERMS = pl.Schema(
    {"nct_id": Str, "domain": Str, "ordinal": Int, "mesh_id": Str, "term": Str, "is_ancestor": Bool}
)

BROWSE_LEAVES = pl.Schema(
    {
        "nct_id": Str,
        "domain": Str,
        "ordinal": Int,
        "leaf_id": Str,
        "name": Str,
        "as_found": Str,
        "relevance": Str,
    }
)

BROWSE_BRANCHES = pl.Schema({"nct_id": Str, "domain": Str, "ordinal": Int, "abbrev": Str, "name": Str})

SUBMISSION_INFOS = pl.Schema(
    {
        "nct_id": Str,
        "ordinal": Int,
        "release_date": Date,
        "unrelease_date": Date,
        "unrelease_date_unknown": Bool,
        "reset_date": Date,
        "mcp_release_n": Int,
    }
)

TABLES: dict[str, pl.Schema] = {
    "identifiers": IDENTIFIERS,
    "sponsors": SPONSORS,
    "keywords": KEYWORDS,
    "intervention_other_names": INTERVENTION_OTHER_NAMES,
    "outcomes": OUTCOMES,
    "locations": LOCATIONS,
    "location_contacts": LOCATION_CONTACTS,
    "central_contacts": CENTRAL_CONTACTS,
    "officials": OFFICIALS,
    "references": REFERENCES,
    "reference_retractions": REFERENCE_RETRACTIONS,
    "links": LINKS,
    "available_ipds": AVAILABLE_IPDS,
    "mesh_terms": MESH_TERMS,
    "browse_leaves": BROWSE_LEAVES,
    "browse_branches": BROWSE_BRANCHES,
    "submission_infos": SUBMISSION_INFOS,
}
