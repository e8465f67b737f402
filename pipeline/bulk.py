"""The registry's bulk download (ctg-studies.json.zip) or a folder of study files, streamed.

The zip holds one JSON file per study in 100 folders named by the last two digits of the
NCT ID (``35/NCT02252835.json``). Entries are read one batch at a time and prepared
(landed, normalized) by worker processes (``pipeline.workers``), a bounded number of batches
ahead, so memory does not grow with the number of studies. A truncated download is detected when the
archive is opened, before anything is written: a zip's central directory sits at its
end, so a cut-off file cannot be opened at all.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import BulkFileError
from pipeline.landing import STUDY_FILE, Rejected, id_from_file_name, reject
from pipeline.prepare import Prepared
from pipeline.workers import Batch, Entry, prepare_batches


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


def iter_prepared(source: BulkSource, batch_size: int, workers: int) -> Iterator[Prepared]:
    """Prepared batches in file order; ``workers`` > 1 prepares them in that many processes."""
    return prepare_batches(_read_batches(source, batch_size), workers)


def _read_batches(source: BulkSource, batch_size: int) -> Iterator[Batch]:
    """(readable entries, quarantine entries for unreadable ones) in batches of ``batch_size``."""
    entries: list[Entry] = []
    unreadable: list[Rejected] = []
    for name, read in _entries(source):
        try:
            entries.append((name, read()))
        except (zipfile.BadZipFile, OSError) as exc:  # e.g. a CRC error inside an intact archive
            unreadable.append(reject(f"<unreadable entry {name}>", f"cannot read {name}: {exc}",
                                     id_from_file_name(name)))
        if len(entries) + len(unreadable) >= batch_size:
            yield entries, unreadable
            entries, unreadable = [], []
    if entries or unreadable:
        yield entries, unreadable


def _entries(source: BulkSource) -> Iterator[tuple[str, Callable[[], bytes]]]:
    if source.kind == "folder":
        for path in _folder_files(source.path):
            yield str(path.relative_to(source.path)), path.read_bytes
        return
    with zipfile.ZipFile(source.path) as archive:
        for info in archive.infolist():
            if STUDY_FILE.search(info.filename):
                yield info.filename, lambda info=info: archive.read(info)


def _folder_files(path: Path) -> Iterator[Path]:
    """Study files under ``path`` in path order, one folder listed at a time (a sorted rglob of
    the whole registry would hold 600,000 paths in memory)."""
    with os.scandir(path) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir():
            yield from _folder_files(Path(entry.path))
        elif entry.name.startswith("NCT") and STUDY_FILE.search(entry.name):
            yield Path(entry.path)

