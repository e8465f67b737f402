"""One trial laid out like its registry page, read from the warehouse alone (read-only).

``build_page`` reads the trial's rows (``read``: parameterized SQL, one statement per part of
the page) and returns a ``Page`` (``model``): plain sections of blocks (fields, paragraphs,
entries, numbered criteria) in the order of the registry page
(``tests/fixtures/NCT07118319-registry-page.txt``), built by ``sections``. ``render_page``
turns it into text laid out like that page, markdown, or one self-contained HTML file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.trial_page.model import Page
from pipeline.trial_page.read import read_trial
from pipeline.trial_page.render import FORMATS, render_page
from pipeline.trial_page.sections import page_from_rows

__all__ = ["FORMATS", "Page", "build_page", "render_page"]


def build_page(warehouse_path: Path, nct_id: str,
               related: Callable[[str], list[tuple[str, str, float]]] | None = None) -> Page:
    """The trial's page. ``related(nct_id)`` may give (nct_id, title, score) of similar trials."""
    return page_from_rows(read_trial(warehouse_path, nct_id), related(nct_id) if related else None)
