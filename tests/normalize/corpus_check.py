"""Corpus-tier checks shared by the results, document and annotation table tests.

Every record of ../shared/ctgov-data (one batch) and of its variants/ (a second batch, as
they repeat NCT IDs) goes through ``normalize``. A test then gives, per table, the rows it
expects from plain dict walking of the raw JSON; ``check_table`` compares them with the
table as multisets, checks that every row has its study, and that every number parsed
from text equals an independent Python reading of that text.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable

import orjson
import polars as pl

from pipeline.normalize import normalize
from pipeline.normalize.schemas import TABLES
from pipeline.normalize.source import Study
from tests.conftest import corpus_files

Rows = Callable[[dict], Iterable[tuple]]


@functools.cache
def _batches() -> tuple[tuple[tuple[dict, ...], dict[str, pl.DataFrame]], ...]:
    out = []
    for pattern in ("NCT*.json", "variants/*.json"):
        raws = tuple(orjson.loads(path.read_bytes()) for path in corpus_files(pattern))
        studies = [Study(raw["protocolSection"]["identificationModule"]["nctId"], raw) for raw in raws]
        out.append((raws, normalize(studies)))
    return tuple(out)


def batches() -> tuple[tuple[tuple[dict, ...], dict[str, pl.DataFrame]], ...]:
    """(raw records, normalized tables) for the corpus and for its variants; skips without ../shared."""
    corpus_files()  # skip here, outside the cache
    return _batches()


def record(nct_id: str) -> tuple[dict, dict[str, pl.DataFrame]]:
    """One corpus record and the rows of every table that belong to it."""
    raws, frames = batches()[0]
    raw = next(r for r in raws if r["protocolSection"]["identificationModule"]["nctId"] == nct_id)
    return raw, {name: frame.filter(pl.col("nct_id") == nct_id) for name, frame in frames.items()}


def nct(raw: dict) -> str:
    return raw["protocolSection"]["identificationModule"]["nctId"]


def arr(mapping: dict | None, key: str) -> list:
    value = (mapping or {}).get(key)
    return value if isinstance(value, list) else []


def py_number(text: str | None) -> float | None:
    """The test's own reading of a registry number: "26,300" -> 26300, "<0.001" -> None, "NA" -> None."""
    if text is None:
        return None
    t = text.strip()
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    if "_" in t:
        return None
    try:
        value = float(t)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def py_count(text: str | None) -> int | None:
    value = py_number(text)
    return int(value) if value is not None and value.is_integer() else None


def _hashable(row: tuple) -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else v for v in row)


def compare(table: str, columns: list[str], expected: Rows, raws: Iterable[dict], frames: dict[str, pl.DataFrame]) -> int:
    """Assert one batch's table against its raw JSON; returns the rows compared."""
    schema = TABLES[table]
    frame = frames[table]
    want = Counter(_hashable(row) for raw in raws for row in expected(raw))
    assert frame.height == sum(want.values()), f"{table}: {frame.height} rows, JSON arrays hold {sum(want.values())}"
    got = Counter(_hashable(row) for row in frame.select(columns).rows())
    assert got == want, f"{table}: rows differ, e.g. {list((got - want).items())[:3]} vs {list((want - got).items())[:3]}"
    orphans = frame.join(frames["studies"], on="nct_id", how="anti")
    assert orphans.height == 0, f"{table}: rows without a study: {orphans['nct_id'].unique().to_list()}"
    for name, dtype in schema.items():
        if f"{name}_text" not in schema or name == "p_value":
            continue
        read = py_count if dtype == pl.Int64 else py_number
        wrong = [(value, text) for value, text in frame.select(name, f"{name}_text").rows() if value != read(text)]
        assert wrong == [], f"{table}.{name} disagrees with its text: {wrong[:5]}"
    return frame.height


def check_table(table: str, columns: list[str], expected: Rows) -> int:
    """Assert the table against the raw JSON over the whole corpus; returns the rows checked."""
    return sum(compare(table, columns, expected, raws, frames) for raws, frames in batches())
