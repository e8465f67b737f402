"""Numbers the registry stores as text: plain decimals, thousands commas, comparisons, NA."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.normalize.numbers import compared, count, number

CASES = [
    # text, number, count, p_value, operator
    ("0.05", 0.05, None, 0.05, None),
    ("12", 12.0, 12, 12.0, None),
    (".23", 0.23, None, 0.23, None),
    ("-.90", -0.9, None, -0.9, None),
    ("1.0E-4", 0.0001, None, 0.0001, None),
    ("26,300", 26300.0, 26300, 26300.0, None),
    ("1,5", None, None, None, None),
    ("<0.001", None, None, 0.001, "<"),
    ("< 0.05", None, None, 0.05, "<"),
    ("=0.247", None, None, 0.247, "="),
    ("≥0.5", None, None, 0.5, ">="),
    ("NA", None, None, None, None),
    ("inf", None, None, None, None),
    ("1e400", None, None, None, None),
    ("", None, None, None, None),
    (None, None, None, None, None),
]


@pytest.mark.parametrize(("text", "as_number", "as_count", "p_value", "operator"), CASES)
def test_reading_registry_numbers(text, as_number, as_count, p_value, operator):
    value, op = compared("t")
    row = pl.DataFrame({"t": [text]}, schema={"t": pl.String}).select(
        number("t"), count("t").alias("c"), value.alias("p"), op.alias("op")
    ).row(0)
    assert row == (as_number, as_count, p_value, operator)
