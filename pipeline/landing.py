"""Raw landing: a study as received, its NCT ID and its content hash. Pure, no I/O.

Whatever the source (an API page, GET /studies/{id}, a bulk-download file), a study is
stored as the same compact JSON text, so both paths give identical ``raw_studies`` rows.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import orjson

from pipeline.errors import StudyRejected

NCT_ID = re.compile(r"^NCT\d{8}$")
STUDY_FILE = re.compile(r"(?:^|/)(NCT\d{8})\.json$")  # a study file of the bulk download or a folder
_MESH_LISTS = ("meshes", "ancestors", "browseLeaves", "browseBranches")


@dataclass(frozen=True, slots=True)
class Rejected:
    """A study that cannot be landed or normalized: it goes to quarantine with its reason."""

    raw_hash: str
    nct_id: str | None
    reason: str
    raw_text: str


def reject(raw_text: str, reason: str, nct_id: str | None = None) -> Rejected:
    return Rejected(hashlib.blake2b(raw_text.encode(), digest_size=16).hexdigest(), nct_id, reason, raw_text)


@dataclass(frozen=True, slots=True)
class RawStudy:
    nct_id: str
    data: dict | None  # the decoded study; dropped once normalized (it does not cross processes)
    json: str  # compact JSON, key order as received
    content_hash: str


def nct_id_of(data: object) -> str:
    """The study's NCT ID, or StudyRejected when the object is not a study."""
    if not isinstance(data, dict):
        raise StudyRejected(f"a study must be a JSON object, got {type(data).__name__}")
    protocol = data.get("protocolSection")
    ident = protocol.get("identificationModule") if isinstance(protocol, dict) else None
    nct_id = ident.get("nctId") if isinstance(ident, dict) else None
    if not isinstance(nct_id, str):
        raise StudyRejected("no protocolSection.identificationModule.nctId")
    if not NCT_ID.match(nct_id):
        raise StudyRejected(f"nctId {nct_id!r} is not of the form NCT + 8 digits")
    return nct_id


def land(data: object) -> RawStudy:
    """Check that ``data`` is a study and compute its stored text and content hash."""
    nct_id = nct_id_of(data)
    assert isinstance(data, dict)
    return RawStudy(nct_id, data, orjson.dumps(data).decode(), content_hash(data))


def land_or_reject(data: object) -> RawStudy | Rejected:
    """A decoded study object landed, or a quarantine entry saying why it cannot be."""
    try:
        return land(data)
    except StudyRejected as exc:
        return reject(orjson.dumps(data).decode(), exc.reason, exc.nct_id)


def land_bytes(text: bytes | str) -> RawStudy:
    """Decode one study file (bulk download, folder) and land it."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise StudyRejected(f"not valid JSON: {exc}") from None
    return land(data)


def content_hash(data: dict) -> str:
    """Hash of the study with its volatile parts removed.

    The registry rewrites ``derivedSection.miscInfoModule.versionHolder`` (the date of the
    data snapshot) on every refresh and does not keep MeSH arrays in a stable order; hashing
    them would make every study look changed every day.
    """
    derived = data.get("derivedSection")
    if isinstance(derived, dict):
        derived = dict(derived)
        misc = derived.get("miscInfoModule")
        if isinstance(misc, dict) and "versionHolder" in misc:
            derived["miscInfoModule"] = {k: v for k, v in misc.items() if k != "versionHolder"}
        for browse in ("conditionBrowseModule", "interventionBrowseModule"):
            module = derived.get(browse)
            if isinstance(module, dict):
                derived[browse] = {
                    key: sorted(value, key=_sort_key) if key in _MESH_LISTS and isinstance(value, list) else value
                    for key, value in module.items()
                }
        data = {**data, "derivedSection": derived}
    canonical = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(canonical, digest_size=16).hexdigest()


def _sort_key(item: object) -> bytes:
    return orjson.dumps(item, option=orjson.OPT_SORT_KEYS)


def id_from_file_name(name: str) -> str | None:
    """The NCT ID in a study file's name (``35/NCT02252835.json``), if it has one."""
    match = STUDY_FILE.search(name)
    return match.group(1) if match else None
