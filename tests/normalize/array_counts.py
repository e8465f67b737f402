"""How many rows each protocolSection/derivedSection table should get from a record.

Counted by plain dict walking, independently of the normalizers, for the corpus and
property tests.
"""

from __future__ import annotations

from collections.abc import Callable


def n(node, *path: str) -> int:
    """How many items the array at ``path`` holds (0 when any step is missing)."""
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return len(node) if isinstance(node, list) else 0


def each(node, *path: str) -> list:
    """The items of the array at ``path``, or []."""
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, list) else []


def _p(record: dict) -> dict:
    return record.get("protocolSection") or {}


def _browse(record: dict, *arrays: str) -> int:
    derived = record.get("derivedSection") or {}
    return sum(n(derived, module, array) for module in ("conditionBrowseModule", "interventionBrowseModule")
               for array in arrays)


# table -> number of rows one record must give
EXPECTED: dict[str, Callable[[dict], int]] = {
    "identifiers": lambda r: (1 if (_p(r).get("identificationModule") or {}).get("orgStudyIdInfo") else 0)
    + n(_p(r), "identificationModule", "secondaryIdInfos") + n(_p(r), "identificationModule", "nctIdAliases"),
    "sponsors": lambda r: (1 if (_p(r).get("sponsorCollaboratorsModule") or {}).get("leadSponsor") else 0)
    + n(_p(r), "sponsorCollaboratorsModule", "collaborators"),
    "keywords": lambda r: n(_p(r), "conditionsModule", "keywords"),
    "intervention_other_names": lambda r: sum(
        n(i, "otherNames") for i in each(_p(r), "armsInterventionsModule", "interventions")),
    "outcomes": lambda r: sum(n(_p(r), "outcomesModule", k) for k in
                              ("primaryOutcomes", "secondaryOutcomes", "otherOutcomes")),
    "locations": lambda r: n(_p(r), "contactsLocationsModule", "locations"),
    "location_contacts": lambda r: sum(
        n(site, "contacts") for site in each(_p(r), "contactsLocationsModule", "locations")),
    "central_contacts": lambda r: n(_p(r), "contactsLocationsModule", "centralContacts"),
    "officials": lambda r: n(_p(r), "contactsLocationsModule", "overallOfficials"),
    "references": lambda r: n(_p(r), "referencesModule", "references"),
    "reference_retractions": lambda r: sum(
        n(ref, "retractions") for ref in each(_p(r), "referencesModule", "references")),
    "links": lambda r: n(_p(r), "referencesModule", "seeAlsoLinks"),
    "available_ipds": lambda r: n(_p(r), "referencesModule", "availIpds"),
    "mesh_terms": lambda r: _browse(r, "meshes", "ancestors"),
    "browse_leaves": lambda r: _browse(r, "browseLeaves"),
    "browse_branches": lambda r: _browse(r, "browseBranches"),
    "submission_infos": lambda r: n(r.get("derivedSection") or {}, "miscInfoModule", "submissionTracking",
                                    "submissionInfos"),
}
