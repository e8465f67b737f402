"""contactsLocationsModule -> ``locations``, ``location_contacts``, ``central_contacts``, ``officials``."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.schemas.protocol import CENTRAL_CONTACTS, LOCATION_CONTACTS, LOCATIONS, OFFICIALS
from pipeline.normalize.source import Columns, Study, items, sub


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    locations = Columns(LOCATIONS)
    location_contacts = Columns(LOCATION_CONTACTS)
    central = Columns(CENTRAL_CONTACTS)
    officials = Columns(OFFICIALS)
    for s in studies:
        module = s.module("contactsLocationsModule")
        for ordinal, contact in enumerate(items(module, "centralContacts"), 1):
            central.add(s.nct_id, ordinal, contact.get("name"), contact.get("role"), contact.get("phone"),
                        contact.get("phoneExt"), contact.get("email"))
        for ordinal, official in enumerate(items(module, "overallOfficials"), 1):
            officials.add(s.nct_id, ordinal, official.get("name"), official.get("affiliation"), official.get("role"))
        for ordinal, site in enumerate(items(module, "locations"), 1):
            # geoPoint is the registry's geocode of the city (not of the facility) since 2025-08.
            geo = sub(site, "geoPoint")
            locations.add(s.nct_id, ordinal, site.get("facility"), site.get("status"), site.get("city"),
                          site.get("state"), site.get("zip"), site.get("country"), geo.get("lat"), geo.get("lon"))
            for contact_ordinal, contact in enumerate(items(site, "contacts"), 1):
                location_contacts.add(s.nct_id, ordinal, contact_ordinal, contact.get("name"), contact.get("role"),
                                      contact.get("phone"), contact.get("phoneExt"), contact.get("email"))
    return {
        "locations": locations.frame(LOCATIONS),
        "location_contacts": location_contacts.frame(LOCATION_CONTACTS),
        "central_contacts": central.frame(CENTRAL_CONTACTS),
        "officials": officials.frame(OFFICIALS),
    }
