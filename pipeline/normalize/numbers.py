"""Numbers the registry stores as text (results values, counts, p-values) as typed values.

Results fields such as ``measurements[].value``, ``numSubjects`` or ``pValue`` are strings
in API v2. The tables keep that string (``*_text``) next to the number parsed from it, so
"NA", "<0.001" or "26,300" are never lost and the number is never guessed at.
"""

from __future__ import annotations

import polars as pl

# A plain decimal: optional sign, digits with an optional fraction (".23" and "-.90" occur),
# optional exponent. Checked before casting, because a cast alone would also accept "inf"
# and "NaN".
_PLAIN = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"
# Quirk: some sponsors group thousands with commas ("26,300", spread "804,831" for a mean of
# 334545 in NCT00712335). Only proper groups of three are read that way; any other comma
# ("1,5") leaves the number NULL rather than guessing between separator and decimal comma.
_GROUPED = r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$"
# A p-value may carry a comparison: "<0.001", "<=0.05", "=0.247", "≤0.05".
_COMPARED = r"^\s*(<=|>=|≤|≥|<|>|=)?\s*(.*?)\s*$"
_OPERATORS = {"<": "<", ">": ">", "=": "=", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">="}


def number(raw: str | pl.Expr) -> pl.Expr:
    """DOUBLE from a numeric string ("0.05", ".23", "26,300"); NULL for "NA", "<0.001", "" or other text."""
    return _parse(pl.col(raw) if isinstance(raw, str) else raw)


def _parse(expr: pl.Expr) -> pl.Expr:
    text = expr.str.strip_chars()
    text = pl.when(text.str.contains(_GROUPED)).then(text.str.replace_all(",", "", literal=True)).otherwise(text)
    value = text.cast(pl.Float64, strict=False)
    return pl.when(text.str.contains(_PLAIN) & value.is_finite()).then(value)  # "1e400" overflows to inf


def count(raw: str) -> pl.Expr:
    """BIGINT from a count stored as text ("12", "1,204"); NULL unless it is a whole number."""
    value = number(raw)
    return pl.when(value == value.floor()).then(value.cast(pl.Int64, strict=False))


def compared(raw: str) -> tuple[pl.Expr, pl.Expr]:
    """(number, operator) from a value such as "<0.001": (0.001, '<'); "0.05": (0.05, NULL).

    The operator is '<', '<=', '>', '>=' or '=' ("≤"/"≥" are written '<='/'>='), NULL when
    the registry gave none; the number is NULL when the rest is not a plain number ("NA").
    """
    parts = pl.col(raw).str.extract_groups(_COMPARED)
    value = _parse(parts.struct.field("2"))
    operator = parts.struct.field("1").replace_strict(_OPERATORS, default=None, return_dtype=pl.String)
    return value, pl.when(value.is_not_null()).then(operator)


def walked(schema: pl.Schema) -> dict[str, pl.DataType]:
    """The columns a walk fills for ``schema``: all but the numbers parsed from a ``*_text`` partner."""
    return {name: dtype for name, dtype in schema.items() if f"{name}_text" not in schema}


def parsed(schema: pl.Schema) -> list[pl.Expr]:
    """Each number of ``schema`` parsed from its ``*_text`` partner: counts as BIGINT, the rest DOUBLE."""
    return [
        (count if dtype == pl.Int64 else number)(f"{name}_text").alias(name)
        for name, dtype in schema.items()
        if f"{name}_text" in schema
    ]
