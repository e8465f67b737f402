"""Registry dates and durations as typed values, keeping what the registry did not say."""

from __future__ import annotations

import polars as pl

_DAY = r"^\d{4}-\d{2}-\d{2}$"
_MONTH = r"^\d{4}-\d{2}$"
_YEAR = r"^\d{4}$"

# Days per unit for the registry's "N Unit" durations (minimumAge, maximumAge, targetDuration).
_UNIT_YEARS = {
    "year": 1.0,
    "month": 1.0 / 12.0,
    "week": 7.0 / 365.25,
    "day": 1.0 / 365.25,
    "hour": 1.0 / (365.25 * 24.0),
    "minute": 1.0 / (365.25 * 24.0 * 60.0),
}


def partial_date(raw: str, name: str) -> list[pl.Expr]:
    """``name`` (DATE) and ``name_precision`` from a PartialDate column ``raw``.

    The registry gives "2025", "2025-09" or "2025-09-15". A partial date is stored as the
    first day of its period and its precision says which part is real ('year', 'month',
    'day'); AACT instead picks the end of the month, which silently invents a day.
    Strings of any other shape give NULL in both columns (the raw JSON keeps them).
    """
    col = pl.col(raw)
    precision = (
        pl.when(col.str.contains(_DAY)).then(pl.lit("day"))
        .when(col.str.contains(_MONTH)).then(pl.lit("month"))
        .when(col.str.contains(_YEAR)).then(pl.lit("year"))
    )
    padded = (
        pl.when(col.str.contains(_DAY)).then(col)
        .when(col.str.contains(_MONTH)).then(col + "-01")
        .when(col.str.contains(_YEAR)).then(col + "-01-01")
    )
    date = padded.str.to_date("%Y-%m-%d", strict=False)
    return [date.alias(name), pl.when(date.is_not_null()).then(precision).alias(f"{name}_precision")]


def full_date(raw: str, name: str) -> pl.Expr:
    """A DATE from a NormalizedDate column (yyyy-MM-dd); anything else is NULL."""
    return pl.col(raw).str.to_date("%Y-%m-%d", strict=False).alias(name)


def duration_years(raw: str) -> pl.Expr:
    """Years as DOUBLE from "18 Years", "6 Months", "1 Year", "30 Days", "12 Weeks", ...; NULL if absent."""
    parts = pl.col(raw).str.to_lowercase().str.extract_groups(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]+?)s?\s*$")
    number = parts.struct.field("1").cast(pl.Float64, strict=False)
    factor = parts.struct.field("2").replace_strict(_UNIT_YEARS, default=None, return_dtype=pl.Float64)
    return number * factor
