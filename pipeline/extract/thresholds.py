"""Numeric thresholds stated in one eligibility criterion: ``find_thresholds(text)``.

``find_thresholds("Baseline body mass index (BMI) \\< 18.5 kg/m²")`` returns
``[Threshold("bmi", "<", 18.5, None, "kg/m2", "body mass index (BMI) \\< 18.5 kg/m²")]``.

What a ``Threshold`` holds
    measure     a key of ``MEASURES`` (the fixed vocabulary below)
    operator    '>', '>=', '<', '<=', '=' or 'between' (then ``value_max`` is set), exactly as
                the criterion states it: an exclusion "BMI < 18.5" is '<' 18.5; the caller
                knows the section and nothing here inverts anything
    value       the number, in ``unit``
    unit        a key of ``UNITS`` or None when the criterion states none and the measure has
                no single natural unit (INR, a bare creatinine)
    span        the words of the original text the row was read from

Decisions (precision first: what cannot be read with confidence yields no row)
- A row needs a measure keyword and a comparison bound to it: the comparison follows the
  keyword in the same clause, at most a few plain words later ("FVC at baseline was ≥70%"),
  with no other measure, number, clause break or stop word ("within", "prior", "history",
  "decline", ...) in between. A list of keywords shares one comparison ("ALT or AST > 3 x ULN"
  gives alt and ast). Further comparisons chained to the first ("≥ 7% and < 11%",
  "≤ 2.5 x ULN (≤ 5 x ULN for liver metastases)", "3xULN/<5xULN", "≤ 2.5 x ULN unless
  liver metastases are present, in which case it must be ≤ 5 x ULN", an equivalent in another
  unit "≥ 4.0 mg/dL (≥ 353.6 µmol/L)") are rows of the same measure. An open range "4 to
  < 8 years", "18.5 over to less than 30" is two rows ('>=' and the stated upper bound).
- A few measures are also read number-first: age ("18 years of age or older", "18-75 years
  old", "patients ≥ 18 years"), disease duration ("≤ 24 months from symptom onset", "within
  2 years of onset", "Insomnia symptoms for at least 3 months", "<condition> diagnosed within
  16 weeks" when nothing in the criterion points to another condition), "≥ 70% of predicted
  FVC"-style phrases for fvc, svc, lvef, alsfrs_r, and BMI from its unit alone ("≥ 27.0 kg/m²
  and at least 1 comorbidity") when the criterion does not name BMI.
- No operator, no row: "ALSFRS-R 30 at enrollment" (the registry often loses "≥") is skipped.
  Ranges ("18-75", "between 18 and 75", "18 to 65", "18 ~ 80", ECOG "0 or 1") are 'between'.
- A comparison inside a condition on the measure itself ("If creatinine 1.0-1.5 x ULN, ...",
  "for patients ≥ 50 years of age, ...", "in patients < 18 years, ...", "provided that the
  INR ≤ 1.5", "... for patients with serum creatinine above ULN") is not a threshold and yields
  nothing. Nor is a value relative to a reference ("45 kg over ideal body weight"), a change
  ("increase in serum creatinine by ≥ 0.3 mg/dL"; "... to ≥ 4.0 mg/dL" is a level), an age in
  a definition of menopause ("Women < 50 years old ... amenorrheic for 12 months"), in a
  consent rule ("aged 7 - 17 years ... must ... provide assent") or heading a subgroup's rule
  ("Subjects age 11 and older: ..."), or a time from another person's symptom onset ("from
  onset of COVID-19 symptoms in the index participant").
- A unit that does not fit the measure ("FVC ≥ 2 L"), or a value outside the measure's
  plausible range, drops the row. Identical rows of one criterion are reported once.
- Units are normalized (see ``UNITS``); values are converted only where the mapping is exact:
  cell counts per µL/mm³ to 10^9/L (÷1000), haemoglobin g/L to g/dL (÷10), an eGFR in
  "mL/min" to mL/min/1.73m2 (an eGFR is per 1.73 m² by definition). µmol/L, mmol/L and
  mmol/mol are kept as stated. A bare number takes the measure's natural unit where there is
  only one (age in years, % for FVC/LVEF/HbA1c 3-20, ms for QTc, kg/m2 for BMI; cell counts
  by magnitude: >= 1000 is per µL, below that 10^9/L); otherwise the unit is None. A bare
  HbA1c below 1 is a fraction ("HbA1c > 0.099") and keeps no unit. A multiplier whose unit is
  not read ("< 1.5 *normal value") leaves the value unread.

Speed (the registry holds ~15 million criteria): a criterion with no digit, number word or
ULN returns at once; the text is normalized and lower-cased once; keywords are matched only
by the families that can start with the word at hand (``keyword_matches``); each
number-first reader runs only when its cue words occur, and the costly ones scan only the
stretch around a unit or anchor word (``_near``).

The spellings (operators, units, keywords, text normalization) live in
``pipeline.extract.threshold_lexicon``, the comparison grammar in
``pipeline.extract.threshold_grammar``; this module holds the vocabulary, the rules that are
specific to a measure (age, disease duration, number-first phrases) and ``find_thresholds``.
Measured quality: ``python -m pipeline.extract.threshold_eval``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from pipeline.extract.threshold_grammar import (
    Comparison,
    Mention,
    bound,
    chain,
    closed,
    comparison,
    groups,
    mentions,
    number,
)
from pipeline.extract.threshold_lexicon import NUM, NUMBER_WORD_PATTERN, OP, normalize, operator

__all__ = ["MEASURES", "UNITS", "Threshold", "find_thresholds"]


class Threshold(NamedTuple):
    measure: str
    operator: str
    value: float
    value_max: float | None
    unit: str | None
    span: str


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
    "kg": "kg, kgs, kilograms",
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
_ALLOWED: dict[str, tuple[frozenset[str], str | None]] = {
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
_PLAUSIBLE: dict[tuple[str, str | None], tuple[float, float]] = {
    ("age", "years"): (0, 120), ("age", "months"): (0, 240), ("bmi", "kg/m2"): (10, 80),
    ("weight", "kg"): (2, 400), ("weight", "lb"): (5, 900), ("fvc", "%"): (5, 150),
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
_CONVERT = {("hemoglobin", "g/L"): ("g/dL", 0.1), ("egfr", "mL/min"): ("mL/min/1.73m2", 1.0)}

# --- how a keyword's comparison is read: conditions, operators before the keyword -------------

# a comparison inside a condition on the measure itself is not a threshold
_CONDITION_RE = re.compile(
    r"\b(?:if|when|whenever|unless|in\s+case\s+of|under\s+the\s+condition\s+of|on\s+the\s+premise|"
    r"provided|providing|as\s+long\s+as|(?:only\s+)?applicable\s+to)\b[^,;:.()]*\(?$",
    re.I,
)
# "... for patients with serum creatinine levels above institutional ULN": a subgroup defined
# by the measure itself
_SUBGROUP_BY_MEASURE_RE = re.compile(
    r"\b(?:for|in|among)\s+(?:patients|participants|subjects|those|individuals|people|women|men)\s+"
    r"(?:with|who\s+have|having)\s+(?:an?\s+|the\s+)?(?:baseline\s+)?$",
    re.I,
)
_FOR_WHOM_RE = re.compile(
    r"\b(?:(?:if|when|for|applicable\s+to)\s+(?:[\w'’]+\s+){0,2}|in\s+(?:patients|participants|"
    r"subjects|children|adults|women|men|males|females|those|individuals|adolescents|infants)\s+)$",
    re.I,
)  # "for patients ≥ 50 years of age, ...", "or, in patients < 18 years, decrease in eGFR ..."
# "a weight of more than 45 kg (100 lbs.) over ideal body weight" is relative to a reference
_RELATIVE_AFTER_RE = re.compile(
    r"\s*\)?\s*(?:\([^()]{0,30}\)\s*)?(?:over|above|below|under)\s+(?:the\s+|their\s+|his\s+|her\s+)?"
    r"(?:ideal|lean|usual|baseline|target|dry|pre-?[a-z]+)\b",
    re.I,
)
# "Increase in serum creatinine by ≥ 0.3 mg/dL" is a change ("... to ≥ 4.0 mg/dL" is a level)
_CHANGE_BEFORE_RE = re.compile(
    r"\b(?:increase[sd]?|decrease[sd]?|rise|elevation|reduction|decline|change|drop|fall)\s+"
    r"(?:of|in)\s+(?:the\s+)?$",
    re.I,
)
_TO_RE = re.compile(r"\bto\b", re.I)
# an age in a definition of menopause ("Women < 50 years old ... amenorrheic for 12 months")
# is not an eligibility age
_MENOPAUSE_DEFINITION_RE = re.compile(
    r"amenorrh|\bno\s+(?:natural\s+)?(?:menstruation|menses|menstrual\s+periods?)\b", re.I
)
# ages of the minors or adults of a consent rule ("Subjects aged 7 - 17 years ... must be
# willing ... to provide ... assent", "... must have a parent, guardian or legally authorized
# representative") are not eligibility ages
_CONSENT_RULE_RE = re.compile(r"\bassent\b|\bguardian|legally\s+authori[sz]ed", re.I)
# "Subjects age 11 and older: Subject is known to be pregnant ..." heads a subgroup rule
_SUBJECT_HEAD_RE = re.compile(
    r"(?:^|[.;]\s*)(?:(?:female|male|pediatric|paediatric|adult)\s+)?(?:subjects?|patients?|"
    r"participants?|children|women|men|adolescents?|females?|males?)\s+$",
    re.I,
)
_COLON_RE = re.compile(r"\s*:\s*\S")


def _age_heading(text: str, start: int, end: int) -> bool:
    """The age at text[start:end] heads a rule for a subgroup ("Subjects age 11 and older: ...")."""
    head = _SUBJECT_HEAD_RE.search(text, max(0, start - 40), start)
    return bool(head and _COLON_RE.match(text, end))


_PRE_OP_RE = re.compile(r"\b(?:a\s+)?(?:(?P<ge>minimum|min\.?)|(?P<le>maximum|max\.?))\s+$", re.I)
# "1.18 ≤ age": an item number glued to the value (the registry lost the space); unreadable
_LIST_MARKER_RE = re.compile(r"(?<![\s\S])\d{1,2}\.\d")
_NEGATED_BEFORE_RE = re.compile(r"\boutside\s+(?:of\s+)?(?:the\s+|an?\s+)?(?:normal\s+)?$", re.I)
_AGE_PRE_RE = re.compile(
    r"\b(between|over|under|above|below|older\s+than|younger\s+than)\s+(?:the\s+)?$", re.I
)
_ON_ITEMS_RE = re.compile(
    r"\s*(?:points?\s+)?(?:on|in|for|at)\s+(?:each|all|every|any|the)\b[^.;]{0,25}?"
    r"\b(?:items?|questions?|domains?|sub-?scores?)\b",
    re.I,
)
_REVERSE_RE = re.compile(rf"(?<![\w.])({NUM})\s*(%)?\s*(<=|<)\s*$", re.I)
_NUMBER_FIRST = frozenset({"fvc", "svc", "lvef", "alsfrs_r", "karnofsky", "ecog"})
_NUMBER_FIRST_RE = re.compile(
    rf"(?<![\w.])(?:{OP})\s*{NUM}\s*(?:%|percent|points?)?(?:\s*(?:of\s+)?(?:the\s+)?predicted"
    r"(?:\s+value)?)?\s*(?:(?:of|on|in|for)\s+)?(?:the\s+)?(?:predicted\s+)?\(?$",
    re.I,
)


# --- measures read number-first: age and disease duration ----------------------------------------

_AGE_NF_RE = re.compile(
    rf"(?<![\w.])(?=[\w<>=])(?:(?P<btw>between|from)\s+)?(?:(?P<op>{OP})\s*)?(?P<v1>{NUM})"
    rf"(?:\s*(?:years?)?\s*(?:(?P<sep>-|to|~|and)\s*(?P<v2>{NUM})|(?:and|to|-)\s*(?P<op2>{OP})\s*"
    rf"(?P<v3>{NUM})))?\s*(?:years?|yrs?|y/o)\b(?P<tail>\s*-?\s*old\b|\s+of\s+age\b|\s+age\b)?",
    re.I,
)
_AGE_SUBJECT_RE = re.compile(
    r"\b(?:patients?|participants?|subjects?|adults?|men|women|males?|females?|individuals?|"
    r"persons?|people|volunteers?|children|adolescents?|veterans?|boys|girls|infants?)"
    r"(?:\s+(?:must|should|will|shall|to))?(?:\s+(?:be|are|is|being))?\s*[:,(]?\s*$",
    re.I,
)
_AGE_NF_REJECT_RE = re.compile(
    r"\s*(?:at\s+(?:the\s+)?(?:time\s+of\s+)?(?:[\w-]+\s+){0,2}(?:onset|diagnosis)|since|after|"
    r"from|ago|prior|before|of\s+(?:disease|diabetes|symptoms?|treatment|experience|follow)|"
    r"duration|history|in\s+(?:a\s+)?(?:first-degree\s+)?(?:relatives?|family|siblings?|parents?))\b",
    re.I,
)
_AT_ONSET_AFTER_RE = re.compile(
    r"\s*(?:at|of)\s+(?:the\s+)?(?:time\s+of\s+)?(?:[\w-]+\s+){0,2}(?:onset|diagnosis)\b", re.I
)
_AGE_AT_ONSET_RE = re.compile(
    r"\b(?:age\s+(?:at|of)\s+(?:the\s+time\s+of\s+)?(?:[\w-]+\s+){0,2}(?:onset|diagnosis)"
    r"|onset\s+age|gestational\s+age)\b[^,;]*$",
    re.I,
)
_AGE_AT_RE = re.compile(r"\bage\s+(?:at|of)\s+(?:the\s+)?(?:time\s+of\s+)?$", re.I)
_ANCHOR = (
    r"(?:(?:the\s+)?(?:first|initial|earliest)\s+)?(?:ALS\s+|disease\s+|clinical\s+|motor\s+|"
    r"muscle\s+|neurological\s+)?(?:symptoms?|weakness|signs?)\s+onset"
    r"|(?:the\s+)?onset\s+of\s+(?:the\s+)?(?:first\s+|initial\s+)?(?:ALS\s+|clinical\s+|motor\s+|"
    r"muscle\s+|disease\s+|neurological\s+)?(?:symptoms?|weakness|disease|ALS|illness|signs?|paresis)"
    r"|(?:disease|ALS|clinical|its|symptom)\s+onset"
    r"|(?:the\s+)?(?:first|initial)\s+(?:ALS\s+|clinical\s+|motor\s+)?(?:symptoms?|signs?|weakness)"
    r"|(?:the\s+)?(?:first\s+)?appearance\s+of\s+(?:ALS\s+)?(?:symptoms?|weakness)"
)
# "Insomnia symptoms for at least 3 months", "respiratory symptoms/signs for at least 24 hours"
_SYMPTOMS_FOR = r"(?<!free\sof\s)(?<!without\s)(?<!\bno\s)symptoms?(?:\s*/\s*signs?)?(?=\s+for\s)"
_DURATION_KEY_RE = re.compile(
    r"\b(?:(?:disease|illness|symptoms?|ALS|diabetes|DM|T[12]DM)\s+duration|duration\s+of\s+"
    r"(?:the\s+)?(?:disease|illness|symptoms?|ALS|diabetes(?:\s+mellitus)?|T[12]DM|weakness)"
    r"|(?<=of\s)duration"
    rf"|time\s+(?:since|from|after)\s+(?:the\s+)?(?:{_ANCHOR}|diagnosis)|{_ANCHOR}|{_SYMPTOMS_FOR})\b",
    re.I,
)
_DURATION_AFTER_RE = re.compile(  # "≤ 24 months from symptom onset", "within 2 years of onset"
    r"(?<![\w.])(?=[\w<>=])(?P<cmp>"
    rf"(?:(?:{OP})\s*|within\s+(?:the\s+)?(?:(?:last|past|first)\s+)?)?{NUM}"
    r"(?:\s*(?:-|to)\s*" + NUM + r")?\s*(?:years?|months?|weeks?|days?|hours?)\b"
    r"(?:\s+or\s+(?:less|fewer|more))?)\s+(?:from|since|after|of|following|post)\s+(?:the\s+)?"
    rf"(?:{_ANCHOR}|onset\b|(?:ALS\s+)?diagnosis\b(?!\s+of\s+(?!ALS\b|amyotrophic)))",
    re.I,
)
_DIAGNOSED_RE = re.compile(
    r"\bdiagnos(?:ed|is)\b(?P<what>(?:\s+(?:with|of|as)\s+[^,;.()\d<>=]{1,60}?)?)"
    r"(?:\s+(?:for|since|made|established|confirmed))?(?=\s*(?:[<>=]|at\s+least|more\s+than|"
    r"greater\s+than|over|within|less\s+than|no\s+more\s+than|not\s+more\s+than|\d))",
    re.I,
)
_OTHER_DIAGNOSIS_RE = re.compile(
    r"malignan|cancer|tumou?r|carcinoma|history|stroke|infarction|infection|covid|unawareness|other",
    re.I,
)
# "diagnosed within 16 weeks before screening" dates the studied disease only when nothing in
# the criterion points to another condition (a history, a recent or second diagnosis)
_NOT_STUDIED_RE = re.compile(
    r"malignan|cancer|tumou?r|carcinoma|history|stroke|infarction|infection|covid|unawareness|other|"
    r"\b(?:recent(?:ly)?|newly|another|additional|concurrent|second|prior|previous(?:ly)?|"
    r"pregnan\w*)\b",
    re.I,
)
# "≤ 72 hours from onset of COVID-19 symptoms in the index participant": someone else's onset
_OTHER_PERSON_RE = re.compile(
    r"[^,;.()]{0,60}?\b(?:index\s+(?:participant|patient|case|subject)|household\s+(?:member|contact)|"
    r"family\s+member|partner|relative|sibling|parent|mother|caregiver)s?\b",
    re.I,
)
_ALS_RE = re.compile(r"\bALS\b|amyotrophic|motor\s+neuron|(?:Δ|\bdelta\s*)-?\s*FS\b", re.I)
_TIME_UNITS = frozenset({"years", "months", "weeks", "days", "hours"})


# "≥ 27.0 kg/m² and presence of at least 1 ... comorbidity": kg/m² is a BMI unit, read without
# a keyword when the criterion names no BMI (a named one is read, or rejected, by its keyword)
_BMI_UNIT_RE = re.compile(r"kg\s*/\s*(?:m|sq)|kilo(?:gram)?s?\s*(?:/|per\b)\s*(?:square|met)", re.I)
_BMI_NAMED_RE = re.compile(r"\bBMI\b|body\s*mass|Quetelet", re.I)
_BMI_NF_RE = re.compile(
    rf"(?<![\w.])(?=[\w<>=])(?:(?:between|from)\s+)?(?:(?:{OP})\s*)?{NUM}"
    rf"(?:\s*(?:-|to|and)\s*(?:(?:{OP})\s*)?{NUM})?(?=\s*(?:kg\s*/\s*(?:m|sq)|kilo))",
    re.I,
)


def _bmi_unit_first(
    text: str, low: str, starts: set[int], taken: list[tuple[int, int]]
) -> list[Comparison]:
    out: list[Comparison] = []
    if not _has(low, "kg", "kilo") or not _BMI_UNIT_RE.search(text) or _BMI_NAMED_RE.search(text):
        return out
    for m in _BMI_NF_RE.finditer(text):
        c = comparison(text, m.start())
        if c is None or c.unit != "kg/m2" or any(s < c.end and c.start < e for s, e in taken):
            continue
        if _CONDITION_RE.search(text, max(0, m.start() - 60), m.start()) or _FOR_WHOM_RE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue
        out.extend(chain(text, c, starts))
    return out


# Cheap cues, tested on the lower-cased text before a regex scans it: each lists words that
# every match of the guarded patterns contains.
_AGE_CUES = ("year", "yr", "y/o")  # _AGE_NF_RE ends in a year unit
_ANCHOR_CUES = ("onset", "symptom", "sign", "weakness", "appearance")  # every _ANCHOR
_DURATION_CUES = ("duration", "diagnos", *_ANCHOR_CUES)
_ALS_CUES = ("als", "amyotrophic", "motor", "fs")


def _has(low: str, *words: str) -> bool:
    for w in words:  # a loop, not any(...): this runs a dozen times per criterion
        if w in low:
            return True
    return False


# The number-first patterns start with an optional operator phrase, so a plain finditer tries
# ~100 phrases at every word of the text. Each match ends near a unit ("years", "months"), so
# ``_near`` searches only the stretch around each unit: same matches, a fraction of the work.
_YEAR_UNIT_RE = re.compile(r"(?:years?|yrs?|y/o)\b", re.I)
# "... from | since | ... (the) <first word of an _ANCHOR, 'onset' or 'diagnosis'>"
_ANCHOR_HEAD_RE = re.compile(
    r"\b(?:from|since|after|of|following|post)\s+(?:the\s+)?(?:first|initial|earliest|ALS|disease|"
    r"clinical|motor|muscle|neurological|symptoms?|weakness|signs?|onset|its|symptom|appearance|"
    r"diagnosis)\b",
    re.I,
)
_REACH = 200  # characters a match may start before its unit (and end after it)


def _near(pattern: re.Pattern[str], unit: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches contain a match of ``unit``."""
    end = 0
    for u in unit.finditer(text):
        if u.end() <= end:
            continue
        m = pattern.search(text, max(end, u.start() - _REACH), u.end() + _REACH)
        if m is not None:
            end = m.end()
            yield m


def _age_number_first(
    text: str, low: str, starts: set[int], taken: list[tuple[int, int]]
) -> list[Comparison]:
    out: list[Comparison] = []
    if not _has(low, *_AGE_CUES):
        return out
    for m in _near(_AGE_NF_RE, _YEAR_UNIT_RE, text):
        start = m.start()
        if any(s < m.end() and start < e for s, e in taken):
            continue
        before = text[max(0, start - 40) : start]
        if (
            _FOR_WHOM_RE.search(before)
            or _AGE_NF_REJECT_RE.match(text, m.end())
            or _AGE_AT_ONSET_RE.search(before)
        ):
            continue
        if m.group("op2") and m.group("op"):  # "≥ 18 and ≤ 80 years of age"
            end = closed(text, m.end(), "years")
            if end is None:
                continue
            pair = [
                Comparison(operator(m.group(g)), number(m.group(v)), None, "years", start, end)
                for g, v in (("op", "v1"), ("op2", "v3"))
            ]
        else:
            c = comparison(text, start)
            if c is None or c.unit not in ("years", None):
                continue
            pair = chain(text, c, starts)  # "under 18 years and over 70 of age"
        op_words = (m.group("op") or "").lower()
        suffix = text[m.end() : pair[-1].end].lower()
        cued = (
            m.group("tail")
            or "older" in op_words
            or "younger" in op_words
            or "older" in suffix
            or "younger" in suffix
            or _AGE_SUBJECT_RE.search(before)
        )
        end = pair[-1].end
        if cued and not _AT_ONSET_AFTER_RE.match(text, end) and not _age_heading(text, start, end):
            out.extend(pair)
    return out


def _durations(
    text: str, low: str, starts: set[int], taken: list[tuple[int, int]]
) -> list[Comparison]:
    found: list[Comparison] = []
    if not _has(low, *_DURATION_CUES):
        return found
    for m in _DURATION_KEY_RE.finditer(text):
        if _AGE_AT_RE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "age at symptom onset of 40 years or older" is not a duration
        c = bound(text, m.end(), starts, within=True)
        if c is not None and not _OTHER_PERSON_RE.match(text, m.end()):
            found.append(c._replace(start=m.start()))
    after = _has(low, "diagnos", *_ANCHOR_CUES)
    for m in _near(_DURATION_AFTER_RE, _ANCHOR_HEAD_RE, text) if after else ():
        c = comparison(text, m.start("cmp"), within=True)
        if c is not None and not _OTHER_PERSON_RE.match(text, m.end()):
            found.append(c._replace(end=max(c.end, m.end())))
    for m in _DIAGNOSED_RE.finditer(text) if "diagnos" in low else ():
        if _OTHER_DIAGNOSIS_RE.search(text, max(0, m.start() - 60), m.end()) or _CONDITION_RE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue
        c = comparison(text, m.end(), within=True)
        als = _ALS_RE.search(m.group("what")) or _ALS_RE.search(text, max(0, m.start() - 12), m.start())
        if c is not None and (c.op in (">", ">=") or als or not _NOT_STUDIED_RE.search(text)):
            found.extend(x._replace(start=m.start()) for x in chain(text, c, starts))
    return [
        c
        for c in found
        if c.unit in _TIME_UNITS and not any(s < c.end and c.start < e for s, e in taken)
    ]


# --- from comparisons to rows ----------------------------------------------------------------------


_Fact = tuple[str, str, float, float | None, str | None]


def _fact(measure: str, c: Comparison, als: bool) -> _Fact | None:
    """The stored row for ``measure`` and ``c``, or None if the unit or value does not fit."""
    unit, value, value_max = c.unit, c.value, c.value_max
    if measure == "alsfrs_r" and unit == "points/month":
        measure = "alsfrs_r_slope"
    if measure == "alsfrs_r_slope" and unit is None and not als:
        return None  # a bare "progression rate" is not an ALSFRS-R slope without ALS context
    allowed, bare = _ALLOWED[measure]
    if unit is None and bare == "count":
        # cell counts: "ANC ≥ 1500" is per µL, "platelets ≥ 100" is 10^9/L
        unit = "10^9/L"
        if value >= 1000:
            value, value_max = value / 1000, value_max / 1000 if value_max else None
    elif unit is None and not (measure == "hba1c" and value < 1):
        unit = bare  # a bare HbA1c below 1 is a fraction ("HbA1c > 0.099"), kept unitless
    if conversion := _CONVERT.get((measure, unit)):  # type: ignore[arg-type]
        unit, factor = conversion
        value, value_max = value * factor, value_max * factor if value_max is not None else None
    if unit is not None and unit not in allowed:
        return None
    low, high = _PLAUSIBLE.get((measure, unit), (float("-inf"), float("inf")))
    if not low <= value <= high or value_max is not None and not low <= value_max <= high:
        return None
    value = float(f"{value:.6g}")
    value_max = float(f"{value_max:.6g}") if value_max is not None else None
    return measure, c.op, value, value_max, unit


_DIGIT_RE = re.compile(r"\d")
# on the lower-cased text; a number word must not continue a longer word ("often", "someone"):
# the look-behind skips most such places at once, the test below settles the rest
_WORDY_RE = re.compile(rf"(?:uln|upper\s+limit|(?<![a-z])(?:{NUMBER_WORD_PATTERN}))(?![a-z])")


def _may_state_a_number(text: str) -> bool:
    """False when ``text`` has no digit, number word or ULN: it cannot state a threshold."""
    if _DIGIT_RE.search(text):
        return True
    low = text.lower()
    return any(
        m.group()[0] == "u" or m.start() == 0 or not low[m.start() - 1].isalpha()
        for m in _WORDY_RE.finditer(low)
    )


def _read_group(
    s: str, group: list[Mention], starts: set[int], taken: list[tuple[int, int]]
) -> tuple[list[Comparison], int, int] | None:
    """The comparisons of a run of keywords, and the span they were read from."""
    measures = {m for g in group for m in g.measures}
    first, last = group[0], group[-1]
    before = s[max(0, first.start - 40) : first.start]
    if (
        not measures
        or _CONDITION_RE.search(s, max(0, first.start - 60), first.start)
        or _NEGATED_BEFORE_RE.search(before)  # "Fall outside of a BMI range of (18.5 - 30)"
        or _SUBGROUP_BY_MEASURE_RE.search(before)
        or "age" in measures
        and _FOR_WHOM_RE.search(before)  # "For adolescents under 18 years of age, ..."
    ):
        return None
    pre = _PRE_OP_RE.search(before)  # "a minimum weight of 50 kg"
    default_op = (">=" if pre.group("ge") else "<=") if pre else None
    between = False
    if "age" in measures and (pre_age := _AGE_PRE_RE.search(before)):
        pre = pre_age  # "over the age of 18", "between the ages of 18 and 55"
        between = pre_age.group(1).lower() == "between"
        default_op = None if between else operator(pre_age.group(1))
    span_start = first.start - len(before) + pre.start() if pre else first.start
    c = bound(s, last.end, starts, ecog="ecog" in measures, default_op=default_op, between=between)
    cmps = chain(s, c, starts) if c is not None else []
    rev = _REVERSE_RE.search(before)
    if rev and not _LIST_MARKER_RE.match(s, first.start - len(before) + rev.start(1)):
        # "7% ≤ HbA1c ≤ 9%": the lower bound comes first
        op = ">=" if rev.group(3) == "<=" else ">"
        value = number(rev.group(1))
        span_start = first.start - len(before) + rev.start(1)
        lower = Comparison(op, value, None, "%" if rev.group(2) else None, span_start, first.start)
        if cmps and cmps[0].op == "<=" and op == ">=":
            cmps[0] = cmps[0]._replace(op="between", value=value, value_max=cmps[0].value)
        else:
            cmps.insert(0, lower)
    if cmps and _RELATIVE_AFTER_RE.match(s, cmps[-1].end):
        return None  # "45 kg (100 lbs.) over ideal body weight"
    if cmps and _CHANGE_BEFORE_RE.search(before) and not _TO_RE.search(s, last.end, cmps[0].start):
        return None  # "increase in serum creatinine by ≥ 0.3 mg/dL"
    if "age" in measures and cmps and (
        _AT_ONSET_AFTER_RE.match(s, cmps[-1].end) or _age_heading(s, first.start, cmps[-1].end)
    ):
        return None  # "Age 18 years or older at diagnosis" is an age at diagnosis
    if "alsfrs_r" in measures and cmps and _ON_ITEMS_RE.match(s, cmps[-1].end):
        return None  # "ALSFRS-R score ≥ 2 on all items" is about each item
    if not cmps and measures & _NUMBER_FIRST:
        # "≥ 40% predicted forced vital capacity", "≥ 24 on the ALSFRS-R"
        nf = _NUMBER_FIRST_RE.search(s, max(0, first.start - 60), first.start)
        c = comparison(s, nf.start(), ecog="ecog" in measures) if nf else None
        if c is None or any(a < c.end and c.start < b for a, b in taken):
            return None
        return [c], c.start, last.end
    return (cmps, span_start, max(c.end for c in cmps)) if cmps else None


def find_thresholds(text: str) -> list[Threshold]:
    """Every numeric threshold of a vocabulary measure stated in one criterion's text."""
    if not text or not _may_state_a_number(text):
        return []
    t = normalize(text)
    s = t.norm
    low = s.lower()
    als = _has(low, *_ALS_CUES) and bool(_ALS_RE.search(s))
    keywords = mentions(s)
    starts = {m.start for m in keywords}
    rows: list[Threshold] = []
    seen: set[_Fact] = set()
    taken: list[tuple[int, int]] = []  # comparisons already read, not to be read twice

    def emit(measures: Iterable[str], cmps: list[Comparison], start: int, end: int) -> None:
        for measure in measures:
            for c in cmps:
                fact = _fact(measure, c, als)
                if fact is not None and fact not in seen:
                    seen.add(fact)
                    rows.append(Threshold(*fact, span=t.span(start, end)))
        taken.extend((c.start, c.end) for c in cmps)

    for group in groups(s, keywords):
        if read := _read_group(s, group, starts, taken):
            emit(dict.fromkeys(m for g in group for m in g.measures), *read)
    for c in _age_number_first(s, low, starts, taken):
        emit(("age",), [c], c.start, c.end)
    for c in _bmi_unit_first(s, low, starts, taken):
        emit(("bmi",), [c], c.start, c.end)
    for c in _durations(s, low, starts, taken):
        emit(("disease_duration",), [c], c.start, c.end)
    if _has(low, "amenorrh", "menstru", "menses", "assent", "guardian", "authori") and (
        _MENOPAUSE_DEFINITION_RE.search(s) or _CONSENT_RULE_RE.search(s)
    ):
        return [r for r in rows if r.measure != "age"]
    return rows
