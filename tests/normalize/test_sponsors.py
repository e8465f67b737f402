"""sponsorCollaboratorsModule -> responsible party on studies, and sponsors."""

from __future__ import annotations

import pytest

from pipeline.normalize import sponsors
from tests.normalize.cases import record, rows

LEAD = {"name": "Acme Pharma", "class": "INDUSTRY"}


def sponsor_rows(module: dict):
    return rows(sponsors.tables([record(sponsorCollaboratorsModule=module)])["sponsors"])


def test_lead_sponsor_only():
    assert sponsor_rows({"leadSponsor": LEAD}) == [("NCT00000001", 1, "Acme Pharma", "INDUSTRY", "lead")]


def test_two_collaborators_follow_the_lead_in_array_order():
    module = {"leadSponsor": LEAD, "collaborators": [{"name": "NCI", "class": "NIH"},
                                                      {"name": "Mayo Clinic", "class": "OTHER"}]}
    assert sponsor_rows(module) == [
        ("NCT00000001", 1, "Acme Pharma", "INDUSTRY", "lead"),
        ("NCT00000001", 2, "NCI", "NIH", "collaborator"),
        ("NCT00000001", 3, "Mayo Clinic", "OTHER", "collaborator"),
    ]


def test_no_sponsor_module_gives_no_rows():
    assert rows(sponsors.tables([record()])["sponsors"]) == []


def test_collaborators_as_an_object_raise():
    with pytest.raises(TypeError, match="collaborators"):
        sponsor_rows({"leadSponsor": LEAD, "collaborators": {"name": "NCI"}})


def test_principal_investigator_as_responsible_party():
    party = {"type": "PRINCIPAL_INVESTIGATOR", "investigatorFullName": "Jane Doe, MD",
             "investigatorTitle": "Professor", "investigatorAffiliation": "Peking University"}
    got = sponsors.study_columns([record(sponsorCollaboratorsModule={"leadSponsor": LEAD,
                                                                      "responsibleParty": party})]).row(0, named=True)
    assert got == {
        "lead_sponsor_name": "Acme Pharma",
        "lead_sponsor_class": "INDUSTRY",
        "responsible_party_type": "PRINCIPAL_INVESTIGATOR",
        "responsible_party_investigator_name": "Jane Doe, MD",
        "responsible_party_investigator_title": "Professor",
        "responsible_party_investigator_affiliation": "Peking University",
        "responsible_party_old_name_title": None,
        "responsible_party_old_organization": None,
    }


def test_old_style_responsible_party():
    party = {"oldNameTitle": "John Smith, Director", "oldOrganization": "Acme"}
    got = sponsors.study_columns([record(sponsorCollaboratorsModule={"responsibleParty": party})]).row(0, named=True)
    assert (got["responsible_party_old_name_title"], got["responsible_party_old_organization"]) == (
        "John Smith, Director", "Acme")
