"""Further comparisons of the same measure, for ``pipeline.extract.thresholds``: ``chain``.

After the first comparison bound to a keyword, these are rows of the same measure too:
- one joined by a conjunction or a qualifier ("≥ 7% and < 11%", "> 450 msec (males) or >
  470 msec (females)", "(except for Gilbert syndrome ≤ 3 x ULN)");
- one after "unless ..., in which case it must be" ("≤ 2.5 x ULN unless liver metastases are
  present, in which case it must be ≤ 5 x ULN");
- one after a slash or in parentheses ("3xULN/<5xULN", "≥ 6.5 percent (48 mmol/mol)");
- an alternative bound in the same unit set apart by a qualifier that names liver
  metastases or Gilbert's syndrome ("≤ 2.5 x ULN; ≤ 5 x ULN in the presence of liver
  metastases").
A keyword in between ends the chain.
"""

from __future__ import annotations

import re

from pipeline.extract.threshold_grammar import GAP_STOP, Comparison, closed, comparison, value_at
from pipeline.extract.threshold_lexicon import OP

_CHAIN_RE = re.compile(
    r"(?:\s*\))?"  # the close of an equivalent in parentheses: "at least 50 kg (110 pounds), no more than 85 kg"
    r"(?:\s*\([^\W\d_](?:[^\W\d_]|[ ,'\-]){0,30}\)){0,2}"  # "> 450 msec (males) or > 470 msec (females)"
    # "3xULN/<5xULN"; "≥ 7% and < 11%"
    r"(?:\s*/\s*(?=[<>=])|[\s,(]*(?:(?:and/or|and|or|but|while|whereas|to)\b[\s,(]*)?)"
    rf"(?P<words>(?:[A-Za-z][\w'\-]*[\s,]+){{0,7}}?)"
    # the operator may be echoed in symbols: "less than or equal to (<=) 50"
    rf"(?=(?:{OP})\s*(?:\(\s*[<>=]{{1,2}}\s*\)\s*)?(?:\d|\.\d|ULN|upper|the\s+upper|institutional))",
    re.I,
)
_PERSONS = frozenset("patients subjects participants those".split())
_CHAIN_FIRST_WORDS = _PERSONS | frozenset(
    "for in if with among when unless except male males female females men women asian asians asian-americans".split()
)
# "≤ 2.5 x ULN unless liver metastases are present, in which case it must be ≤ 5 x ULN"
_CHAIN_QUALIFIED_RE = re.compile(
    r"[\s,(]*(?:unless|except|if|when|where)\b[^;.()<>=\d]{1,60}?,?\s*in\s+which\s+case\s+"
    r"(?:(?:it|they|this|these|the\s+[a-z]+|values?|levels?)\s+)?(?:(?:must|should|can|may|could|"
    r"will|is|are|be)\s+)*"
    rf"(?=(?:{OP})\s*(?:\d|\.\d))",
    re.I,
)
_SLASH_RE = re.compile(r"\s*(?:\([A-Za-z ]{1,15}\))?\s*(?P<sep>/|\()\s*(?=\d)")
# what may stand between a bound and its alternative for liver metastases: a qualifier
# clause, a semicolon, "NOTE:", an opening parenthesis, then "or" ("... metastases, or < 5 x ULN")
_ALTERNATIVE_RE = re.compile(
    r"[\s,;(]*(?:note\s*:\s*)?(?:[^;.()<>=\d]{0,80}?[\s,;]*)?(?:\b(?:or|and|but|while|whereas)\b[\s,]*)?"
    rf"(?=(?:{OP})\s*(?:\d|\.\d))",
    re.I,
)
_CLAUSE_RE = re.compile(r"[^;.<>=]{0,80}")
# "≥ 11.0 g/dL for females and 13.5 g/dL for males": a second bound for another sex, no operator
_SEX = r"(?:fe)?males?|women|men|boys|girls"
_FOR_SEX_RE = re.compile(rf"\s*\(?\s*(?:for|in)\s+(?:{_SEX})\s*\)?\s*(?:,|and|or|;)?\s*(?=\d)", re.I)
_FOR_SEX_AFTER_RE = re.compile(rf"\s*\(?\s*(?:for|in)\s+(?:{_SEX})\b", re.I)
_LIVER_OR_GILBERT_RE = re.compile(
    r"\b(?:liver|hepatic)\s+(?:metasta|mets\b|involvement|infiltration|tumou?r)|\bmetasta\w*\s+"
    r"(?:to|in|of)\s+(?:the\s+)?liver\b|\bGilbert|\bHCC\b|hepatocellular",
    re.I,
)


_CONCENTRATIONS = frozenset({"g/dL", "g/L", "mg/dL", "umol/L", "mmol/L"})
_AGE_UNITS = frozenset({"years", "months", "weeks", "days"})
# "< 3 x ULN (or 5 x ULN in presence of hepatic mets)": the alternative without its operator
_BARE_ALTERNATIVE_RE = re.compile(r"\s*[,;]?\s*\(?\s*or\s+(?=\d)", re.I)
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\b[^\d<>=≤≥;]*$", re.I)
_BETWEEN_AT_RE = re.compile(r"\s*between\b", re.I)
_RANGE_JOIN_RE = re.compile(r"\s*,?\s*(?:and|to|-)\s*", re.I)


def _spans_a_keyword(m: re.Match[str], starts: set[int]) -> bool:
    return any(m.start() <= s < m.end() for s in starts)


def _chained(
    text: str, last: Comparison, first: Comparison, starts: set[int], units: frozenset[str] | None
) -> Comparison | None:
    """The comparison chained to ``last`` by a conjunction, a qualifier, a slash or a parenthesis."""
    pos = last.end
    if m := _CHAIN_RE.match(text, pos):
        words = m.group("words").lower().replace(",", " ").split()
        # a qualifier may open the alternative ("(except for Gilbert syndrome ≤ 3 x ULN)")
        if words and words[0] not in _CHAIN_FIRST_WORDS or any(w in GAP_STOP for w in words[1:]):
            return None
        if _spans_a_keyword(m, starts):
            return None
        c = comparison(text, m.end())
        if c is not None and c.unit == "years" and first.unit != "years" and words and words[0] in _PERSONS:
            return None  # "Karnofsky ≥ 60 (patients over 10 years of age)": the age of a subgroup
        other_unit = c is not None and c.unit and first.unit and c.unit != first.unit
        # the same level in another unit: "Hemoglobin ≥9 g/dL or ≥5.6 mmol/L"
        restated = other_unit and {c.unit, first.unit} <= _CONCENTRATIONS and m.group().strip().lower() == "or"
        # an age's other bound in another unit: "greater than 12 months and less than 21 years"
        other_age = other_unit and {c.unit, first.unit} <= _AGE_UNITS and m.group().strip().lower() == "and"
        if c is not None and c.unit and units is not None and c.unit not in units:
            return None  # "BMI > 35 or > 130 kg body weight": another quantity in a unit BMI never has
        if other_unit and m.group().strip() != "(" and not restated and not other_age:
            # "aged 18-85 with sciatica lasting more than 6 weeks"; an equivalent in
            # parentheses goes on: "≥ 4 mg/dL (≥ 354 µmol/L)"
            return None
        return c
    if (m := _FOR_SEX_RE.match(text, pos)) and (v := value_at(text, m.end())) and v[1] and v[1] == last.unit:
        if _FOR_SEX_AFTER_RE.match(text, v[2]) and last.op != "between":
            return Comparison(last.op, v[0], None, v[1], m.end(), v[2])
    if m := _CHAIN_QUALIFIED_RE.match(text, pos):
        return None if _spans_a_keyword(m, starts) else comparison(text, m.end())
    if m := _SLASH_RE.match(text, pos):
        # "≥ 450 (male)/470 (female) ms"; "≥ 6.5 percent (48 mmol/mol)" (needs a unit)
        c = comparison(text, m.end()) if m.group("sep") == "(" else None
        if c is None and (v := value_at(text, m.end())) and (v[1] or m.group("sep") == "/"):
            end = closed(text, v[2], v[1])
            c = None if end is None else Comparison(last.op, v[0], None, v[1], m.end(), end)
        return c
    return None


def _alternative(text: str, last: Comparison, starts: set[int]) -> Comparison | None:
    """The bound that replaces ``last`` for liver metastases or Gilbert's syndrome, in the
    same unit: "ALT < 2.5 x ULN in the absence of liver metastases, or < 5 x ULN ...",
    "≤ 2.5 x ULN; ≤ 5 x ULN in the presence of liver metastases", "> 3 x ULN (tumor liver
    metastasis ≥ 5 x ULN)", "≤ 2.5 x ULN NOTE: ≤ 5 x ULN is acceptable if liver metastases
    are present"."""
    if last.unit is None or not _LIVER_OR_GILBERT_RE.search(text, last.end):
        return None  # cheap test first: the gap pattern tries every operator at each place
    if (bare := _BARE_ALTERNATIVE_RE.match(text, last.end)) and (v := value_at(text, bare.end())) and (
        v[1] == last.unit and _LIVER_OR_GILBERT_RE.search(_CLAUSE_RE.match(text, v[2]).group())
    ):
        return Comparison(last.op, v[0], None, v[1], bare.end(), v[2])
    m = _ALTERNATIVE_RE.match(text, last.end)
    if m is None or _spans_a_keyword(m, starts):
        return None
    c = comparison(text, m.end())
    if c is None or c.unit != last.unit:
        return None
    after = _CLAUSE_RE.match(text, c.end)
    if _LIVER_OR_GILBERT_RE.search(m.group()) or _LIVER_OR_GILBERT_RE.search(after.group()):
        return c
    return None


def chain(text: str, first: Comparison, starts: set[int], units: frozenset[str] | None = None) -> list[Comparison]:
    """Further comparisons of the same measure: "≥ 7% and < 11%", "≤ 2.5 (≤ 5 if ...) x ULN".
    ``units``: those the measure may be stated in, when known (a comparison in another unit is
    not the measure's)."""
    out = [first]
    while len(out) < 6:
        c = _chained(text, out[-1], first, starts, units) or _alternative(text, out[-1], starts)
        if c is None:
            break
        out.append(c)
    units = [c.unit for c in out]
    if None in units and any(units):
        for i, c in enumerate(out):
            if c.unit is None:
                later = [u for u in units[i + 1 :] if u] or [u for u in units[:i] if u][-1:]
                out[i] = c._replace(unit=later[0])
    return out


def closed_range(text: str, cmps: list[Comparison]) -> list[Comparison]:
    """"Between the ages of >= 22 and <= 70": two inclusive bounds after "between" are the range
    it names. Without "between" ("BMI ≥ 18.5 and ≤ 40 kg/m2") each bound is a row with its
    operator, exactly as the criterion states it."""
    if len(cmps) != 2:
        return cmps
    low, high = cmps
    if (low.op, high.op) == (">=", "<=") and low.unit == high.unit and low.value < high.value and (
        _RANGE_JOIN_RE.fullmatch(text, low.end, high.start)
    ) and (_BETWEEN_BEFORE_RE.search(text, max(0, low.start - 40), low.start) or _BETWEEN_AT_RE.match(text, low.start)):
        return [low._replace(op="between", value_max=high.value, end=high.end)]
    return cmps
