"""Small inline study records for the normalizer tests, built from the modules a case needs."""

from __future__ import annotations

from typing import Any

from pipeline.normalize.source import Study
from tests.support.study_dicts import study


def record(nct_id: str = "NCT00000001", *, derived: dict | None = None, **modules: Any) -> Study:
    """One study with the given protocolSection modules (and derivedSection, if any)."""
    data = study(nct_id, **modules)
    if derived is not None:
        data["derivedSection"] = derived
    return Study(nct_id, data)


def rows(frame) -> list[tuple]:
    """A frame as a list of row tuples, in frame order."""
    return frame.rows()
