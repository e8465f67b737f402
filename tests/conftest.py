"""Shared fixtures: the flagship study, the corpus tier, fresh warehouses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "ctgov-data"


def corpus_files(pattern: str = "NCT*.json") -> list[Path]:
    """Real registry records from ../shared/ctgov-data; the test is skipped without them."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus tier: {CORPUS} is absent (it holds 515 real API v2 records)")
    return sorted(CORPUS.glob(pattern))


def corpus_record(nct_id: str) -> dict:
    """One real record from ../shared/ctgov-data (never copied into the repo); skips without it."""
    path = CORPUS / f"{nct_id}.json"
    if not path.is_file():
        pytest.skip(f"corpus tier: {path} is absent")
    return json.loads(path.read_text())


@pytest.fixture
def flagship() -> dict:
    """NCT07118319 rebuilt in API v2 shape from its registry page."""
    return json.loads((FIXTURES / "NCT07118319.json").read_text())


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"
