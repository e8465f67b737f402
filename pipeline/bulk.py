"""The registry's bulk download (ctg-studies.json.zip) or a folder of study files, streamed.

The zip holds one JSON file per study in 100 folders named by the last two digits of the
NCT ID (``35/NCT02252835.json``). Entries are read one at a time and handed on in batches,
so memory does not grow with the number of studies. A truncated download is detected
when the archive is opened, before anything is written: a zip's central directory sits
at its end, so a cut-off file cannot be opened at all.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import BulkFileError, StudyRejected
from pipeline.landing import RawStudy, Rejected, land_bytes, reject

STUDY_FILE = re.compile(r"(?:^|/)(NCT\d{8})\.json$")


@dataclass(frozen=True)
class BulkSource:
    """A checked bulk source: where it is, what it is and how many study files it holds."""

    path: Path
    kind: str  # zip | folder
    count: int


def open_source(path: Path) -> BulkSource:
    """Check a zip or folder before any study is loaded from it."""
    path = Path(path)
    if path.is_dir():
        count = sum(1 for _ in _folder_files(path))
        if not count:
            raise BulkFileError(f"{path} holds no NCT*.json study files")
        return BulkSource(path, "folder", count)
    if not path.is_file():
        raise BulkFileError(f"{path} does not exist")
    try:
        with zipfile.ZipFile(path) as archive:
            count = sum(1 for info in archive.infolist() if STUDY_FILE.search(info.filename))
    except zipfile.BadZipFile as exc:
        raise BulkFileError(
            f"{path} is not a complete zip archive ({exc}): the download was probably cut off; "
            "download it again (nothing was loaded)"
        ) from None
    if not count:
        raise BulkFileError(f"{path} holds no NCTxxxxxxxx.json entries: is it the registry's json.zip?")
    return BulkSource(path, "zip", count)


def iter_batches(source: BulkSource, batch_size: int) -> Iterator[list[RawStudy | Rejected]]:
    """Landed studies (or quarantine entries) in batches of ``batch_size``."""
    batch: list[RawStudy | Rejected] = []
    for name, read in _entries(source):
        batch.append(_land(name, read))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _land(name: str, read) -> RawStudy | Rejected:
    try:
        text = read()
    except (zipfile.BadZipFile, OSError) as exc:
        return reject(f"<unreadable entry {name}>", f"cannot read {name}: {exc}", _id_from_name(name))
    try:
        return land_bytes(text)
    except StudyRejected as exc:
        return reject(text.decode("utf-8", errors="replace"), f"{name}: {exc.reason}", exc.nct_id or _id_from_name(name))


def _entries(source: BulkSource):
    if source.kind == "folder":
        for path in _folder_files(source.path):
            yield str(path.relative_to(source.path)), path.read_bytes
        return
    with zipfile.ZipFile(source.path) as archive:
        for info in archive.infolist():
            if STUDY_FILE.search(info.filename):
                yield info.filename, lambda info=info: archive.read(info)


def _folder_files(path: Path) -> Iterator[Path]:
    return (p for p in sorted(path.rglob("NCT*.json")) if STUDY_FILE.search(p.name))


def _id_from_name(name: str) -> str | None:
    match = STUDY_FILE.search(name)
    return match.group(1) if match else None
