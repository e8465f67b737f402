"""The CPU stage of a batch: landed studies normalized, checked for unknown fields. Pure.

``prepare`` is what worker processes run for a bulk load (its result crosses the process
boundary, so the decoded dicts are dropped from it); the API path runs it in-process.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from pipeline.api_fields import unknown_paths
from pipeline.errors import StudyRejected
from pipeline.landing import RawStudy, Rejected, id_from_file_name, land_bytes, reject
from pipeline.normalize import NORMALIZE_ERRORS, Study, normalize


@dataclass
class Prepared:
    """A batch ready to load: its studies (without their decoded dicts), rejects and rows."""

    studies: list[RawStudy]
    rejected: list[Rejected]
    frames: dict[str, pl.DataFrame]
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (nct_id, field path)


def prepare(items: Sequence[RawStudy | Rejected]) -> Prepared:
    landed = [item for item in items if isinstance(item, RawStudy)]
    rejected = [item for item in items if isinstance(item, Rejected)]
    good, frames, failed = normalize_or_reject(landed)
    # the registry adds fields without notice: report them (the raw JSON keeps them)
    unknown = [(raw.nct_id, path) for raw in good for path in unknown_paths(raw.data)]
    light = [dataclasses.replace(raw, data=None) for raw in good]
    return Prepared(light, rejected + failed, frames, unknown)


def prepare_files(entries: Sequence[tuple[str, bytes]]) -> Prepared:
    """Land and prepare study files read from a bulk source: (name, bytes) pairs."""
    items: list[RawStudy | Rejected] = []
    for name, text in entries:
        try:
            items.append(land_bytes(text))
        except StudyRejected as exc:
            items.append(reject(text.decode("utf-8", errors="replace"), f"{name}: {exc.reason}",
                                exc.nct_id or id_from_file_name(name)))
    return prepare(items)


def normalize_or_reject(raws: Sequence[RawStudy]) -> tuple[list[RawStudy], dict[str, pl.DataFrame], list[Rejected]]:
    """Normalize a batch; when it fails, find the studies that fail alone and reject them."""
    try:
        return list(raws), normalize([Study(r.nct_id, r.data) for r in raws]), []
    except NORMALIZE_ERRORS:
        pass
    good: list[RawStudy] = []
    rejected: list[Rejected] = []
    for raw in raws:
        try:
            normalize([Study(raw.nct_id, raw.data)])
            good.append(raw)
        except NORMALIZE_ERRORS as exc:
            rejected.append(reject(raw.json, f"normalizer failed: {type(exc).__name__}: {exc}", raw.nct_id))
    return good, normalize([Study(r.nct_id, r.data) for r in good]), rejected
