"""Build the registry's bulk-download layout from study dicts, for tests of the bulk path.

The real ``ctg-studies.json.zip`` holds one JSON file per study, in 100 shard directories
named by the last two digits of the NCT ID: ``35/NCT02252835.json`` (api-v2.md §3). Each
file is one Study object, the same shape as ``GET /studies/{nctId}``.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tests.support.ctgov_search import nct_id_of

BULK_ZIP_NAME = "ctg-studies.json.zip"


def bulk_entry_name(nct_id: str) -> str:
    """``NCT02252835`` -> ``35/NCT02252835.json``."""
    return f"{nct_id[-2:]}/{nct_id}.json"


def study_json_bytes(study: dict[str, Any]) -> bytes:
    return json.dumps(study, ensure_ascii=False).encode("utf-8")


def write_bulk_zip(path: str | Path, studies: Iterable[dict[str, Any]]) -> Path:
    """Write a ``ctg-studies.json.zip``-style archive at ``path`` and return the path."""
    path = Path(path)
    path.write_bytes(bulk_zip_bytes(studies))
    return path


def bulk_zip_bytes(studies: Iterable[dict[str, Any]]) -> bytes:
    """The bytes of a ``ctg-studies.json.zip``-style archive (also served by the fake server)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for study in studies:
            archive.writestr(bulk_entry_name(nct_id_of(study)), study_json_bytes(study))
    return buffer.getvalue()


def write_bulk_folder(path: str | Path, studies: Iterable[dict[str, Any]]) -> Path:
    """Write the unzipped layout (``path/NN/NCTxxxxxxxx.json``) and return ``path``."""
    path = Path(path)
    for study in studies:
        target = path / bulk_entry_name(nct_id_of(study))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(study_json_bytes(study))
    return path
