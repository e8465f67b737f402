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
  unit "≥ 4.0 mg/dL (≥ 353.6 µmol/L)") are rows of the same measure, and so is a bound in the
  same unit that a qualifier naming liver metastases or Gilbert's syndrome sets apart ("< 2.5
  x ULN in the absence of liver metastases, or < 5 x ULN ...", "≤ 2.5 x ULN; ≤ 5 x ULN in the
  presence of liver metastases"). An open range "4 to < 8 years", "18.5 over to less than 30"
  is two rows ('>=' and the stated upper bound), as are two bounds that carry their operators
  ("BMI ≥ 18.5 and ≤ 40 kg/m2": each as the criterion states it), unless "between" names them
  one range ("between the ages of >= 22 and <= 70", two inclusive bounds: 'between').
- A few measures are also read number-first: age ("18 years of age or older", "18-75 years
  old", "patients ≥ 18 years", a criterion that is only "> 18 years"), disease duration ("≤ 24
  months from symptom onset", "within 2 years of onset", "Insomnia symptoms for at least 3
  months", "symptoms of ≥ 3 months duration", "<condition> diagnosed within 16 weeks" when
  nothing in the criterion points to another condition), "≥ 70% of predicted
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
ULN returns at once; the text is normalized and lower-cased once; keywords are found through
a prefilter on their first characters (``keyword_matches``); each number-first reader runs
only when its cue words occur, and the costly ones scan only the stretch around a unit or
anchor word.

Where each part lives:
- ``threshold_lexicon``: text normalization, numbers, operators, units (spellings);
- ``threshold_keywords``: the measure keywords and finding them fast;
- ``threshold_grammar``: one comparison, and what binds it to a keyword;
- ``threshold_chain``: further comparisons of the same measure;
- ``threshold_vocabulary``: the measures, their units and plausible values (``fact``);
- ``threshold_context``: the words around a comparison that tell it is no threshold;
- ``threshold_number_first``: age, BMI and disease duration read number-first;
- here: reading the comparison of a run of keywords, and ``find_thresholds``.
Measured quality: ``python -m pipeline.extract.threshold_eval``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.extract.threshold_context import (
    ALS_CUES,
    ALS_RE,
    AT_ONSET_AFTER_RE,
    CHANGE_BEFORE_RE,
    CONDITION_RE,
    CONSENT_RULE_RE,
    FOR_WHOM_RE,
    MENOPAUSE_DEFINITION_RE,
    RELATIVE_AFTER_RE,
    SUBGROUP_BY_MEASURE_RE,
    TO_RE,
    age_heading,
    has,
    overlaps,
)
from pipeline.extract.threshold_chain import chain, closed_range
from pipeline.extract.threshold_grammar import (
    Comparison,
    Mention,
    bound,
    comparison,
    groups,
    mentions,
    number,
)
from pipeline.extract.threshold_lexicon import NUM, NUMBER_WORD_PATTERN, OP, Text, normalize, operator
from pipeline.extract.threshold_number_first import age_number_first, bmi_unit_first, durations, weight_unit_first
from pipeline.extract.threshold_vocabulary import MEASURES, UNITS, Fact, fact, stated_units

__all__ = ["MEASURES", "UNITS", "Threshold", "find_thresholds"]


class Threshold(NamedTuple):
    measure: str
    operator: str
    value: float
    value_max: float | None
    unit: str | None
    span: str


# --- reading the comparison of a run of keywords --------------------------------------------------

_PRE_OP_RE = re.compile(r"\b(?:a\s+)?(?:(?P<ge>minimum|min\.?)|(?P<le>maximum|max\.?))\s+$", re.I)
# "1.18 ≤ age": an item number glued to the value (the registry lost the space); unreadable
_LIST_MARKER_RE = re.compile(r"(?<![\s\S])\d{1,2}\.\d")
_NEGATED_BEFORE_RE = re.compile(r"\boutside\s+(?:of\s+)?(?:the\s+|an?\s+)?(?:normal\s+)?$", re.I)
_AGE_PRE_RE = re.compile(  # ("Adults ≥ age 18 years": the sign before the word)
    r"(?:\b(between|over|under|above|below|older\s+than|younger\s+than)|(?<![<>=\w])(>=|<=|>|<))\s*(?:the\s+)?$", re.I
)
_ON_ITEMS_RE = re.compile(
    r"\s*(?:points?\s+)?(?:on|in|for|at)\s+(?:each|all|every|any|the)\b[^.;]{0,25}?"
    r"\b(?:items?|questions?|domains?|sub-?scores?)\b",
    re.I,
)
_REVERSE_RE = re.compile(
    rf"(?<![\w.])({NUM})\s*(%|(?:years?|yrs?)(?:\s+old)?\b|kg\s*/\s*m\s*\^?\s*2\b)?\s*(<=|<)\s*$", re.I
)  # "7% ≤ HbA1c ≤ 9%", "18 years ≤ age ≤ 75 years", "18 kg/m^2 ≤ BMI ≤ 28 kg/m^2"
_NUMBER_FIRST = frozenset({"fvc", "svc", "lvef", "alsfrs_r", "karnofsky", "ecog"})
_NUMBER_FIRST_RE = re.compile(
    rf"(?<![\w.])(?:{OP})\s*{NUM}\s*(?:%|percent|points?)?(?:\s*(?:of\s+)?(?:the\s+)?predicted"
    r"(?:\s+value)?)?\s*(?:(?:of|on|in|for)\s+)?(?:the\s+)?(?:predicted\s+)?\(?$",
    re.I,
)


_DIGIT_RE = re.compile(r"\d")
# on the lower-cased text; a number word must not continue a longer word ("often", "someone"):
# the look-behind skips most such places at once, the test below settles the rest
_WORDY_RE = re.compile(rf"(?:uln|upper\s+(?:normal\s+|reference\s+)?limit|(?<![a-z])(?:{NUMBER_WORD_PATTERN}))(?![a-z])")


def _may_state_a_number(text: str) -> bool:
    """False when ``text`` has no digit, number word or ULN: it cannot state a threshold."""
    if _DIGIT_RE.search(text):
        return True
    low = text.lower()
    for m in _WORDY_RE.finditer(low):
        if m.group()[0] == "u" or m.start() == 0 or not low[m.start() - 1].isalpha():
            return True
    return False


# (measures, comparisons, start, end): comparisons read for the measures from text[start:end]
_Read = tuple[tuple[str, ...], list[Comparison], int, int]
_NUMBER_FIRST_READERS = (
    ("age", age_number_first),
    ("bmi", bmi_unit_first),
    ("weight", weight_unit_first),
    ("disease_duration", durations),
)


def _rows(t: Text, reads: list[_Read], als: bool) -> list[Threshold]:
    """The rows of the comparisons read, each fact once, in reading order."""
    rows: list[Threshold] = []
    seen: set[Fact] = set()
    for measures, cmps, start, end in reads:
        for measure in measures:
            for c in cmps:
                found = fact(measure, c, als)
                if found is not None and found not in seen:
                    seen.add(found)
                    rows.append(Threshold(*found, span=t.span(start, end)))
    return rows


def _read_group(
    s: str, group: list[Mention], starts: set[int], taken: list[tuple[int, int]]
) -> tuple[list[Comparison], int, int] | None:
    """The comparisons of a run of keywords, and the span they were read from."""
    measures = {m for g in group for m in g.measures}
    first, last = group[0], group[-1]
    before = s[max(0, first.start - 40) : first.start]
    if (
        not measures
        or CONDITION_RE.search(s, max(0, first.start - 60), first.start)
        or _NEGATED_BEFORE_RE.search(before)  # "Fall outside of a BMI range of (18.5 - 30)"
        or SUBGROUP_BY_MEASURE_RE.search(before)
        or "age" in measures
        and FOR_WHOM_RE.search(before)  # "For adolescents under 18 years of age, ..."
    ):
        return None
    pre = _PRE_OP_RE.search(before)  # "a minimum weight of 50 kg"
    default_op = (">=" if pre.group("ge") else "<=") if pre else None
    between = False
    if "age" in measures and (pre_age := _AGE_PRE_RE.search(before)):
        pre = pre_age  # "over the age of 18", "between the ages of 18 and 55"
        word = pre_age.group(1) or pre_age.group(2)
        between = word.lower() == "between"
        default_op = None if between else operator(word)
    span_start = first.start - len(before) + pre.start() if pre else first.start
    c = bound(s, last.end, starts, ecog="ecog" in measures, default_op=default_op, between=between)
    cmps = closed_range(s, chain(s, c, starts, stated_units(measures))) if c is not None else []
    rev = _REVERSE_RE.search(before)
    if rev and not _LIST_MARKER_RE.match(s, first.start - len(before) + rev.start(1)):
        # "7% ≤ HbA1c ≤ 9%": the lower bound comes first
        op = ">=" if rev.group(3) == "<=" else ">"
        value = number(rev.group(1))
        span_start = first.start - len(before) + rev.start(1)
        unit = rev.group(2) and ("%" if rev.group(2) == "%" else "kg/m2" if rev.group(2).lower().startswith("kg") else "years")
        lower = Comparison(op, value, None, unit, span_start, first.start)
        if cmps and cmps[0].op == "<=" and op == ">=":
            cmps[0] = cmps[0]._replace(op="between", value=value, value_max=cmps[0].value)
        else:
            cmps.insert(0, lower)
    if cmps and RELATIVE_AFTER_RE.match(s, cmps[-1].end):
        return None  # "45 kg (100 lbs.) over ideal body weight"
    if cmps and CHANGE_BEFORE_RE.search(before) and not TO_RE.search(s, last.end, cmps[0].start):
        return None  # "increase in serum creatinine by ≥ 0.3 mg/dL"
    if "age" in measures and cmps and (
        AT_ONSET_AFTER_RE.match(s, cmps[-1].end) or age_heading(s, first.start, cmps[-1].end)
    ):
        return None  # "Age 18 years or older at diagnosis" is an age at diagnosis
    if "alsfrs_r" in measures and cmps and _ON_ITEMS_RE.match(s, cmps[-1].end):
        return None  # "ALSFRS-R score ≥ 2 on all items" is about each item
    if not cmps and measures & _NUMBER_FIRST:
        # "≥ 40% predicted forced vital capacity", "≥ 24 on the ALSFRS-R"
        nf = _NUMBER_FIRST_RE.search(s, max(0, first.start - 60), first.start)
        if nf and CHANGE_BEFORE_RE.search(s, max(0, nf.start() - 40), nf.start()):
            return None  # "a decline of at least 3 points in ALSFRS-R" is a change, not a score
        # the keyword right after the number closes the comparison ("Less than 30 Karnofsky score")
        head = s[: first.start].rstrip() + " ."
        c = comparison(head, nf.start(), ecog="ecog" in measures) if nf else None
        if c is None or overlaps(taken, c.start, c.end):
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
    keywords = mentions(s)
    starts = {m.start for m in keywords}
    reads: list[_Read] = []
    taken: list[tuple[int, int]] = []  # comparisons already read, not to be read twice
    for group in groups(s, keywords):
        if read := _read_group(s, group, starts, taken):
            cmps, start, end = read
            measures = tuple(dict.fromkeys(m for g in group for m in g.measures))
            if measures == ("ecog",) and all(c.value > 5 for c in cmps):
                continue  # "a performance status of >/= 60 on the KPS": a Karnofsky score, read after it
            reads.append((measures, cmps, start, end))
            taken.extend((c.start, c.end) for c in cmps)
    for measure, reader in _NUMBER_FIRST_READERS:
        if found := reader(s, low, starts, taken):
            reads.extend(((measure,), [c], c.start, c.end) for c in found)
            taken.extend((c.start, c.end) for c in found)
    als = has(low, *ALS_CUES) and bool(ALS_RE.search(s))
    rows = _rows(t, reads, als)
    if has(low, "amenorrh", "menstru", "menses", "assent", "guardian", "authori") and (
        MENOPAUSE_DEFINITION_RE.search(s) or CONSENT_RULE_RE.search(s)
    ):
        return [r for r in rows if r.measure != "age"]
    return rows
