"""Walking study JSON into columns: the one place normalizers touch nested dicts.

A normalizer visits the part of each study it owns once, appending plain values to
column lists; everything after that (types, dates, text cleaning, joins) is Polars
expressions on the frame those columns make.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import polars as pl

_EMPTY: Mapping = {}


class Study:
    """One registry study with its sections looked up once. Missing parts read as empty."""

    __slots__ = ("nct_id", "data", "protocol", "results", "derived", "annotation", "document")

    def __init__(self, nct_id: str, data: Mapping):
        self.nct_id = nct_id
        self.data = data
        self.protocol = data.get("protocolSection") or _EMPTY
        self.results = data.get("resultsSection") or _EMPTY
        self.derived = data.get("derivedSection") or _EMPTY
        self.annotation = data.get("annotationSection") or _EMPTY
        self.document = data.get("documentSection") or _EMPTY

    def module(self, name: str) -> Mapping:
        """A protocolSection module (``"statusModule"``), or an empty mapping."""
        return self.protocol.get(name) or _EMPTY


def sub(mapping: Mapping, *keys: str) -> Mapping:
    """Nested dict lookup where a missing key or a null reads as an empty mapping."""
    for key in keys:
        mapping = mapping.get(key) or _EMPTY
    return mapping


def items(mapping: Mapping, key: str) -> list:
    """A JSON array, or an empty list when absent or null.

    Anything else raises TypeError: iterating a string where the registry promises an
    array would silently turn each character into a row.
    """
    value = mapping.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise TypeError(f"{key} should be an array, got {type(value).__name__}")
    return value


def strings(mapping: Mapping, key: str) -> list[str] | None:
    """A JSON array of strings for a LIST column (NULL when absent), checked element by element.

    Polars would read a bare string as a list of its characters, so the shape is checked here.
    """
    value = mapping.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError(f"{key} should be an array of strings, got {value!r:.80}")
    return value


class Columns:
    """Column lists for one frame, filled row by row while walking the studies."""

    __slots__ = ("names", "lists")

    def __init__(self, names: Iterable[str]):
        self.names = tuple(names)
        self.lists: tuple[list, ...] = tuple([] for _ in self.names)

    def add(self, *values: object) -> None:
        for column, value in zip(self.lists, values, strict=True):
            column.append(value)

    def frame(self, schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
        """The columns as a frame with exactly ``schema`` (a value of the wrong type raises)."""
        return pl.DataFrame(dict(zip(self.names, self.lists)), schema=dict(schema), strict=True)
