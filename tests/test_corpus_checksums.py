"""Corpus tier: every normalized table of the 515-record bulk load, pinned by row count and checksum.

An optimization must leave every table identical; this test says which tables it changed.
A change that is meant to alter rows (a normalizer or extractor that now reads more) is
recorded by regenerating the pinned figures and committing them with the change:

    PIPELINE_UPDATE_GOLDEN=1 uv run pytest tests/test_corpus_checksums.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.normalize.schemas import TABLES
from pipeline.warehouse import open_warehouse
from tests.conftest import corpus_files
from tests.support.ctgov_server import write_bulk_folder

pytestmark = pytest.mark.corpus
GOLDEN = Path(__file__).parent / "golden" / "corpus_tables.json"


def test_every_table_of_the_corpus_load_is_unchanged(tmp_path):
    studies = [orjson.loads(path.read_bytes()) for path in corpus_files()]
    folder = write_bulk_folder(tmp_path / "folder", studies)
    warehouse = tmp_path / "w.duckdb"
    result = CliRunner().invoke(cli, ["load-bulk", str(folder), "--warehouse", str(warehouse)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with open_warehouse(warehouse, read_only=True) as wh:
        found = {row["table_name"]: [row["row_count"], row["checksum"]]
                 for row in wh.table_checksums().iter_rows(named=True)}
    assert list(found) == list(TABLES)
    if os.environ.get("PIPELINE_UPDATE_GOLDEN"):
        lines = ",\n".join(f"  {json.dumps(name)}: {json.dumps(figures)}" for name, figures in found.items())
        GOLDEN.write_text("{\n" + lines + "\n}\n")  # a line per table, so a diff names the tables
    pinned = json.loads(GOLDEN.read_text())
    changed = {name: (pinned.get(name), figures) for name, figures in found.items() if pinned.get(name) != figures}
    assert not changed, (
        f"{len(changed)} tables differ from {GOLDEN.name} ([rows, checksum] pinned -> now): {changed}. "
        "If the change is meant to alter rows, regenerate: PIPELINE_UPDATE_GOLDEN=1 uv run pytest "
        "tests/test_corpus_checksums.py"
    )
    assert found["studies"][0] == len(studies)
