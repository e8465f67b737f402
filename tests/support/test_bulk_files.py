"""The bulk-download layout builders: shard folders named by the NCT ID's last two digits."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from tests.support.bulk_files import write_bulk_folder, write_bulk_zip


def study(nct_id: str, title: str = "") -> dict[str, Any]:
    return {
        "protocolSection": {"identificationModule": {"nctId": nct_id, "briefTitle": title}},
        "hasResults": False,
    }


STUDIES = [study("NCT02252835", "Ménière"), study("NCT07118319"), study("NCT00000035")]


def test_zip_has_one_file_per_study_in_shard_folders(tmp_path: Path) -> None:
    path = write_bulk_zip(tmp_path / "ctg-studies.json.zip", STUDIES)

    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        entry = json.loads(archive.read("35/NCT02252835.json").decode("utf-8"))

    assert names == ["19/NCT07118319.json", "35/NCT00000035.json", "35/NCT02252835.json"]
    assert entry == STUDIES[0]


def test_folder_mirrors_the_zip_layout(tmp_path: Path) -> None:
    root = write_bulk_folder(tmp_path / "bulk", STUDIES)

    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.json"))
    assert files == ["19/NCT07118319.json", "35/NCT00000035.json", "35/NCT02252835.json"]
    raw = (root / "35" / "NCT02252835.json").read_bytes()
    assert "Ménière".encode() in raw  # UTF-8, not \u escapes
    assert json.loads(raw) == STUDIES[0]
