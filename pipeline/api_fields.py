"""The field tree of an API v2 study record, and the paths of fields outside it.

FIELD_TREE (api_fields.json) mirrors ``GET /api/v2/studies/metadata`` (API 2.0.5): a name maps to its
children, or to None for a leaf. Two branches the metadata does not list but real
records carry are added: ``locations[].geoPoint{lat, lon}`` and
``derivedSection.miscInfoModule.modelPredictions.bmiLimits``. The registry adds fields
without notice; a run reports the paths it did not know (the raw JSON keeps them).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

FIELD_TREE: dict = json.loads((Path(__file__).with_suffix(".json")).read_text())

_MISSING = object()


def unknown_paths(study: Mapping) -> list[str]:
    """Dotted paths of fields in ``study`` that are not in FIELD_TREE (arrays are not indexed)."""
    found: list[str] = []
    _walk(study, FIELD_TREE, "", found)
    return found


def _walk(node: Mapping, tree: Mapping, path: str, found: list[str]) -> None:
    for key, value in node.items():
        sub = tree.get(key, _MISSING)
        if sub is None:
            continue
        if sub is _MISSING:
            found.append(path + key)
        elif type(value) is dict:
            _walk(value, sub, f"{path}{key}.", found)
        elif type(value) is list and value and type(value[0]) is dict:
            prefix = f"{path}{key}."
            for item in value:
                if type(item) is dict:
                    _walk(item, sub, prefix, found)
