"""The vocabulary of ``pipeline.extract.thresholds``: its measures, their units and values.

- ``MEASURES``, ``UNITS``: the measures read and the units they are stored in.
- ``ALLOWED``, ``PLAUSIBLE``, ``CONVERT``: per measure, the units it may carry (and the unit of
  a bare number), the values that are plausible, and the exact conversions made.
- ``fact(measure, comparison, als)``: the stored row, or None when the unit or value does not
  fit the measure.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.extract.threshold_grammar import Comparison

# measure -> (what it is, canonical unit). The allowed units and plausible ranges are below.
MEASURES: dict[str, tuple[str, str | None]] = {
    "age": ("age of the participant (at screening or consent)", "years"),
    "bmi": ("body mass index", "kg/m2"),
    "weight": ("body weight (not a weight change)", "kg"),
    "fvc": ("forced vital capacity, percent of predicted (not FEV1/FVC)", "%"),
    "svc": ("slow (upright) vital capacity, percent of predicted", "%"),
    "alsfrs_r": ("ALSFRS-R total score, 0-48 (not an item or subscore)", "points"),
    "alsfrs_r_slope": ("ALSFRS-R decline rate (ΔFS, progression rate)", "points/month"),
    "disease_duration": ("time since symptom onset or diagnosis of the studied disease", "months"),
    "ecog": ("ECOG / WHO / Zubrod performance status, 0-5", "points"),
    "karnofsky": ("Karnofsky performance status, 0-100", "%"),
    "hemoglobin": ("blood haemoglobin (not HbA1c)", "g/dL"),
    "platelets": ("platelet count", "10^9/L"),
    "neutrophils": ("absolute neutrophil (granulocyte) count", "10^9/L"),
    "wbc": ("white blood cell (leukocyte) count", "10^9/L"),
    "creatinine": ("serum creatinine", "mg/dL"),
    "creatinine_clearance": ("creatinine clearance, measured or Cockcroft-Gault", "mL/min"),
    "egfr": ("(estimated) glomerular filtration rate", "mL/min/1.73m2"),
    "alt": ("alanine aminotransferase (SGPT)", "x ULN"),
    "ast": ("aspartate aminotransferase (SGOT)", "x ULN"),
    "bilirubin": ("total (or unqualified) bilirubin; direct bilirubin is not read", "x ULN"),
    "inr": ("international normalized ratio (unitless unless x ULN)", None),
    "qtc": ("corrected QT interval (QTc, QTcF, QTcB; 'QT interval')", "ms"),
    "lvef": ("left ventricular ejection fraction", "%"),
    "hba1c": ("glycated haemoglobin", "%"),
}

# canonical unit -> the spellings read as it (and the conversions made).
UNITS: dict[str, str] = {
    "years": "years, year, yrs, yr, y; 'years old', 'years of age' (also the default for age)",
    "months": "months, month, mo",
    "weeks": "weeks, week, wks",
    "days": "days, day",
    "hours": "hours, hour, hrs, h",
    "%": "%, percent, per cent; '% predicted', '% of (the) predicted (value)', '% of normal'",
    "kg/m2": "kg/m2, kg/m², kg/m^2, kg/sqm, kilograms per square meter (kg/m^2)",
    "kg": "kg, kgs, kilograms; g, grams are divided by 1000",
    "lb": "lb, lbs, pounds (kept, not converted)",
    "x ULN": "x / × / * ULN, times the (institutional) upper limit of normal, upper normal "
    "limit; a bare ULN as the value ('≤ ULN') is 1 x ULN",
    "10^9/L": "x 10^9/L, × 10⁹/L, 10E9/L, x 109/L (lost superscript), G/L, 10^3/µL, K/µL; "
    "/mm³, /µL, /mcL, cells/mm³ are divided by 1000; 10^4/µL multiplied by 10",
    "g/dL": "g/dL, g/dl, g/100 mL; g/L is divided by 10",
    "mg/dL": "mg/dL, mg/dl, mg%",
    "umol/L": "µmol/L, μmol/L, umol/L, micromol/L (kept, not converted)",
    "mmol/L": "mmol/L (kept)",
    "mmol/mol": "mmol/mol (HbA1c, kept)",
    "mEq/L": "mEq/L (kept)",
    "U/L": "U/L, IU/L (kept)",
    "mL/min": "mL/min, ml/minute, ml/mn, cc/min",
    "mL/min/1.73m2": "mL/min/1.73 m², mL/min per 1.73 m2, ...; an eGFR in mL/min is read so",
    "ms": "ms, msec, milliseconds",
    "points": "points, pts (scores: ALSFRS-R, ECOG)",
    "points/month": "points/month, points per month, /month (ALSFRS-R slope)",
}

# measure -> (units it may carry, unit of a bare number). A stated unit outside the set
# drops the row. "count" marks the cell counts, whose bare unit follows the magnitude.
ALLOWED: dict[str, tuple[frozenset[str], str | None]] = {
    "age": (frozenset({"years", "months", "weeks", "days"}), "years"),
    "bmi": (frozenset({"kg/m2"}), "kg/m2"),
    "weight": (frozenset({"kg", "lb"}), None),
    "fvc": (frozenset({"%"}), "%"),
    "svc": (frozenset({"%"}), "%"),
    "alsfrs_r": (frozenset({"points"}), "points"),
    "alsfrs_r_slope": (frozenset({"points/month"}), "points/month"),
    "disease_duration": (frozenset({"years", "months", "weeks", "days", "hours"}), None),
    "ecog": (frozenset({"points"}), "points"),
    "karnofsky": (frozenset({"%"}), "%"),
    "hemoglobin": (frozenset({"g/dL", "mmol/L"}), None),
    "platelets": (frozenset({"10^9/L"}), "count"),
    "neutrophils": (frozenset({"10^9/L"}), "count"),
    "wbc": (frozenset({"10^9/L"}), "count"),
    "creatinine": (frozenset({"mg/dL", "umol/L", "mmol/L", "mEq/L", "x ULN"}), None),
    "creatinine_clearance": (frozenset({"mL/min", "mL/min/1.73m2", "x ULN"}), "mL/min"),
    "egfr": (frozenset({"mL/min/1.73m2"}), "mL/min/1.73m2"),
    "alt": (frozenset({"x ULN", "U/L"}), None),
    "ast": (frozenset({"x ULN", "U/L"}), None),
    "bilirubin": (frozenset({"x ULN", "mg/dL", "umol/L"}), None),
    "inr": (frozenset({"x ULN"}), None),
    "qtc": (frozenset({"ms"}), "ms"),
    "lvef": (frozenset({"%"}), "%"),
    "hba1c": (frozenset({"%", "mmol/mol"}), "%"),
}

# (measure, unit) -> plausible values; anything outside is a misreading and yields no row.
PLAUSIBLE: dict[tuple[str, str | None], tuple[float, float]] = {
    ("age", "years"): (0, 120), ("age", "months"): (0, 240), ("bmi", "kg/m2"): (10, 80),
    ("weight", "kg"): (0.4, 400), ("weight", "lb"): (5, 900), ("fvc", "%"): (5, 150),
    ("svc", "%"): (5, 150), ("alsfrs_r", "points"): (0, 48), ("alsfrs_r_slope", "points/month"):
    (0, 5), ("ecog", "points"): (0, 5), ("karnofsky", "%"): (0, 100), ("hemoglobin", "g/dL"):
    (0.5, 25), ("hemoglobin", "mmol/L"): (2, 15), ("platelets", "10^9/L"): (1, 2000),
    ("neutrophils", "10^9/L"): (0.05, 50), ("wbc", "10^9/L"): (0.1, 100), ("creatinine",
    "mg/dL"): (0.1, 20), ("creatinine", "x ULN"): (0.5, 10), ("creatinine_clearance", "mL/min"):
    (5, 250), ("egfr", "mL/min/1.73m2"): (5, 250), ("alt", "x ULN"): (0.5, 50), ("ast", "x ULN"):
    (0.5, 50), ("bilirubin", "x ULN"): (0.5, 20), ("bilirubin", "mg/dL"): (0.1, 30), ("inr", None):
    (0.5, 10), ("inr", "x ULN"): (0.5, 10), ("qtc", "ms"): (300, 700), ("lvef", "%"): (5, 95),
    ("hba1c", "%"): (3, 20), ("hba1c", "mmol/mol"): (15, 200), ("hba1c", None): (0.03, 0.2),
    ("disease_duration", "years"): (0, 80), ("disease_duration", "months"): (0, 600),
}  # fmt: skip

# per-measure conversions of a stated unit to the stored one (exact scale factors only)
CONVERT = {("hemoglobin", "g/L"): ("g/dL", 0.1), ("egfr", "mL/min"): ("mL/min/1.73m2", 1.0)}


Fact = tuple[str, str, float, float | None, str | None]


def stated_units(measures: Iterable[str]) -> frozenset[str]:
    """The units any of ``measures`` may be stated in, before conversion ("g/L" of hemoglobin)."""
    return frozenset(
        u for m in measures if m in ALLOWED for u in (*ALLOWED[m][0], *(src for (cm, src) in CONVERT if cm == m))
    )


def fact(measure: str, c: Comparison, als: bool) -> Fact | None:
    """The stored row for ``measure`` and ``c``, or None if the unit or value does not fit."""
    unit, value, value_max = c.unit, c.value, c.value_max
    if measure == "alsfrs_r" and unit == "points/month":
        measure = "alsfrs_r_slope"
    if measure == "alsfrs_r_slope" and unit is None and not als:
        return None  # a bare "progression rate" is not an ALSFRS-R slope without ALS context
    allowed, bare = ALLOWED[measure]
    if unit is None and bare == "count":
        # cell counts: "ANC ≥ 1500" is per µL, "platelets ≥ 100" is 10^9/L
        unit = "10^9/L"
        if value >= 1000:
            value, value_max = value / 1000, value_max / 1000 if value_max else None
    elif unit is None and not (measure == "hba1c" and value < 1):
        unit = bare  # a bare HbA1c below 1 is a fraction ("HbA1c > 0.099"), kept unitless
    if conversion := CONVERT.get((measure, unit)):  # type: ignore[arg-type]
        unit, factor = conversion
        value, value_max = value * factor, value_max * factor if value_max is not None else None
    if unit is not None and unit not in allowed:
        return None
    low, high = PLAUSIBLE.get((measure, unit), (float("-inf"), float("inf")))
    if not low <= value <= high or value_max is not None and not low <= value_max <= high:
        return None
    value = float(f"{value:.6g}")
    value_max = float(f"{value_max:.6g}") if value_max is not None else None
    return measure, c.op, value, value_max, unit
