"""contactsLocationsModule -> locations, location_contacts, central_contacts, officials."""

from __future__ import annotations

import pytest

from pipeline.normalize import contacts
from tests.normalize.cases import record, rows


def tables(module: dict) -> dict:
    return contacts.tables([record(contactsLocationsModule=module)])


def test_many_sites_in_array_order_with_geo_points():
    sites = [{"facility": f"Research Site {i}", "city": "Boston", "state": "Massachusetts", "zip": "02114",
              "country": "United States", "geoPoint": {"lat": 42.35843, "lon": -71.05977}} for i in range(1, 31)]
    sites.append({"facility": "Hôpital de la Salpêtrière", "status": "RECRUITING", "city": "Paris",
                  "country": "France"})
    got = rows(tables({"locations": sites})["locations"])
    assert len(got) == 31
    assert got[0] == ("NCT00000001", 1, "Research Site 1", None, "Boston", "Massachusetts", "02114",
                      "United States", 42.35843, -71.05977)
    assert got[-1] == ("NCT00000001", 31, "Hôpital de la Salpêtrière", "RECRUITING", "Paris", None, None,
                       "France", None, None)


def test_site_contacts_carry_their_site_ordinal():
    module = {"locations": [
        {"facility": "A", "country": "China"},
        {"facility": "B", "country": "China", "contacts": [
            {"name": "Dongsheng Fan", "role": "CONTACT", "phone": "+86 13701023871", "email": "x@y.cn"},
            {"name": "Li Wei", "role": "PRINCIPAL_INVESTIGATOR", "phone": "010-1234", "phoneExt": "12"},
        ]},
    ]}
    assert rows(tables(module)["location_contacts"]) == [
        ("NCT00000001", 2, 1, "Dongsheng Fan", "CONTACT", "+86 13701023871", None, "x@y.cn"),
        ("NCT00000001", 2, 2, "Li Wei", "PRINCIPAL_INVESTIGATOR", "010-1234", "12", None),
    ]


def test_central_contacts_and_officials():
    module = {
        "centralContacts": [{"name": "Michael LEE", "role": "CONTACT", "phone": "+86 21 64027719"},
                            {"name": "Trial Desk", "role": "CONTACT", "email": "trials@example.com",
                             "phoneExt": "4"}],
        "overallOfficials": [{"name": "Jane Doe, MD", "affiliation": "Mayo Clinic", "role": "PRINCIPAL_INVESTIGATOR"}],
    }
    got = tables(module)
    assert rows(got["central_contacts"]) == [
        ("NCT00000001", 1, "Michael LEE", "CONTACT", "+86 21 64027719", None, None),
        ("NCT00000001", 2, "Trial Desk", "CONTACT", None, "4", "trials@example.com"),
    ]
    assert rows(got["officials"]) == [("NCT00000001", 1, "Jane Doe, MD", "Mayo Clinic", "PRINCIPAL_INVESTIGATOR")]


def test_no_contacts_module_gives_no_rows():
    got = contacts.tables([record()])
    assert {name: frame.height for name, frame in got.items()} == dict.fromkeys(got, 0)


def test_locations_as_an_object_raise():
    with pytest.raises(TypeError, match="locations"):
        tables({"locations": {"facility": "A"}})


def test_a_latitude_as_text_raises():
    with pytest.raises(TypeError):
        tables({"locations": [{"facility": "A", "geoPoint": {"lat": "42.3", "lon": -71.0}}]})
