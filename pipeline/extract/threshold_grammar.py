"""The grammar of ``pipeline.extract.thresholds``: comparisons and what they bind to.

- ``comparison(text, pos)``: one comparison starting at ``pos`` ("≥ 18 years", "18-75",
  "between 5.7% and 6.4%", "8 or above", ECOG "0 or 1"), or None.
- ``mentions`` / ``groups``: the measure keywords of a criterion, and the runs of keywords
  that share one comparison ("ALT or AST", "Hemoglobin (HB)").
- ``bound``: the comparison a keyword is bound to, across at most a few plain words.
- ``chain`` (in ``threshold_chain``): further comparisons of the same measure.

A number binds only if what follows it lets it stand (a unit, punctuation or a function
word): in "BMI ≥ 30 with ≥ 2 obesity-related complications" the "2" is not a BMI.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.extract.threshold_keywords import GROUP_MEASURES, KEYWORDS, keyword_matches
from pipeline.extract.threshold_lexicon import (
    NUM,
    NUMBER_WORDS,
    OP,
    SUFFIX_RE,
    ULN_VALUE_RE,
    UNIT_RE,
    UNIT_SPECS,
    WITHIN_RE,
    operator,
)

# --- one comparison: operator, number(s), unit ---------------------------------------------------


class Comparison(NamedTuple):
    """An operator and value(s) at text[start:end]."""

    op: str
    value: float
    value_max: float | None
    unit: str | None  # as stated (normalized spelling), before per-measure conversion
    start: int
    end: int


_SP_OP_RE = re.compile(r"\s*" + OP, re.I)

_NUM_RE = re.compile(r"\s*(" + NUM + r")(?!\d)", re.I)
_RANGE_KW_RE = re.compile(
    r"\s*(?:between|from|ranging\s+from|ranged?\s+from|(?:(?:in|within)\s+the\s+)?range\s+(?:of\s+)?(?:from\s+)?)"
    r"\s*[:(]?",
    re.I,
)
_OP_ECHO_RE = re.compile(r"\s*\(\s*(?:<=|>=|<|>|=)\s*\)")
_RANGE_AHEAD_RE = re.compile(r"\s*\d+(?:\.\d+)?\s*(?:-|to)\s*\d")
_TO_VALUE_RE = re.compile(r"\s+to\s+(?:(?:<=|≤)\s*)?(?=\d)", re.I)  # ("≥18 to ≤75 years")
_RANGE_SEP_RE = re.compile(r"\s*(?:-|to|~|and|through)\s*(?:(?:<=|≤)\s*)?", re.I)  # ("2 to ≤ 15 years": the end is inclusive)
_INCLUSIVE_RE = re.compile(
    r"\s*(?:\((?:both\s+)?(?:values?\s+)?(?:inclusive|included)[^)]*\)|,?\s*(?:both\s+)?inclusive\b"
    r"|\(both\s+(?:values\s+)?inclusive\))",
    re.I,
)
_ECOG_LIST_RE = re.compile(
    r"\s*(?:of\s+)?([0-5](?:\s*(?:,|or|and|/)\s*(?:or\s+|and\s+)?[0-5]){1,4})\b"
)
# A number is bound only if what follows it is a unit, punctuation, a function word or the
# number of the next list item run into the text ("4. BMI > 40 5. Active infection"): in
# "BMI ≥ 30 with ≥ 2 obesity-related complications" the "2" is not a BMI.
_AFTER_OK_RE = re.compile(
    r"\s*(?:$|[,;.:)\]/(\[*\"]|-(?!\s*\d)|\d{1,2}[.)]\s+[A-Z]|[<>]=?\s*\d|"  # "≥30 <90 mL/min/1.73m2"
    r"(?:i\.?e|e\.?g|and|or|for|in|if|at|on|during|unless|"
    r"except|within|prior|measured|by|as|when|while|with|both|respectively|according|using|"
    r"calculated|per|based|"
    r"is|are|was|were|must|should|will|who|which|that|to|from|but|nor|since|after|before|until|"
    r"without|not|regardless|obtained|assessed|determined|confirmed|documented|inclusive|"
    r"included|male|males|female|females|men|women|predicted|ago|earlier)\b)",
    re.I,
)
_OF_AGE_RE = re.compile(r"\s+of\s+age\b", re.I)
# "< 1.5 *normal value": a multiplier whose unit was not read leaves the value unreadable
_UNREAD_TIMES_RE = re.compile(r"\s*(?:\*|times\b)\s*(?:the\s+)?[A-Za-z]", re.I)
# "4 to <8 years", "18.5 over to less than 30", "from 18.5 to less than 25": a lower bound
# whose upper bound carries its own operator; the chain reads the upper bound
_TIMES_RELATIVE_RE = re.compile(
    r"\s*(?:times|x|×|-?fold)\s+(?P<dir>higher|greater|above|more|lower|below|less)(?:\s+than)?\s+", re.I
)
_OPEN_RANGE_RE = re.compile(
    r"(?:\s*(?:(?:or|and)\s+)?(?:over|above|more))?(?=\s*(?:-|to)\s*(?:<|less\s+than\b|lower\s+than\b|"
    r"below\b|under\b|up\s+to\b)\s*\d)",
    re.I,
)
_CHANGE_RE = re.compile(
    r"\s*(?:increase|decrease|decline|reduction|change|drop|rise|elevation|loss|gain|"
    r"(?:from|over|above|below)\s+(?:the\s+)?baseline|x\s+baseline|times\s+baseline)\b",
    re.I,
)


def number(s: str) -> float:
    """The value of a ``NUM`` match: "1,500", "9,0" (a decimal comma), "six (6)"."""
    s = s.strip().lower()
    if s[0].isalpha():
        return float(NUMBER_WORDS[s.split("(")[0].strip()])
    if re.fullmatch(r"\d{1,3},\d{1,2}", s):  # a decimal comma ("9,0 g/dl")
        return float(s.replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s) and s.count(".") > 1 or re.fullmatch(r"\d{2,3}\.000", s):
        return float(s.replace(".", ""))  # thousands dots before a count unit ("100.000/µl")
    return float(s.replace(",", "").replace(" ", ""))


def _unit_at(text: str, pos: int) -> tuple[str | None, float, int]:
    m = UNIT_RE.match(text, pos)
    if not m:
        return None, 1.0, pos
    _, unit, factor = UNIT_SPECS[int(m.lastgroup[1:])]  # type: ignore[index]
    return unit, factor, m.end()


def value_at(text: str, pos: int) -> tuple[float, str | None, int] | None:
    """A number and its unit at ``pos`` (values scaled to the unit's stored form)."""
    m = _NUM_RE.match(text, pos)
    if not m:
        return None
    unit, factor, end = _unit_at(text, m.end())
    return number(m.group(1)) * factor, unit, end


def closed(text: str, pos: int, unit: str | None = None, *, of_ok: bool = False) -> int | None:
    """End of a comparison at ``pos`` if the following words let it stand, else None."""
    m = _INCLUSIVE_RE.match(text, pos)
    if m:
        pos = m.end()
    if unit is None and (m := _OF_AGE_RE.match(text, pos)):
        pos, unit = m.end(), "years"  # "over 70 of age"
    if unit is not None:  # a stated unit binds the number; only a change word undoes it
        return None if _CHANGE_RE.match(text, pos) else pos
    if _UNREAD_TIMES_RE.match(text, pos):
        return None
    if of_ok and re.match(r"\s+of\b", text[pos : pos + 4]):
        return pos
    return pos if _AFTER_OK_RE.match(text, pos) else None


def _made(
    op: str, value: float, value_max: float | None, unit: str | None, pos: int, end: int | None
) -> Comparison | None:
    return None if end is None else Comparison(op, value, value_max, unit, pos, end)


def comparison(
    text: str,
    pos: int,
    *,
    ecog: bool = False,
    within: bool = False,
    default_op: str | None = None,
    between: bool = False,
) -> Comparison | None:
    """The comparison starting at ``pos``: "≥ 18 years", "18-75", "between 5.7% and 6.4%".

    ``ecog``: also read grade lists ("0 or 1", "0, 1, or 2"); ``within``: "within 2 years"
    is "<= 2 years"; ``default_op``: the operator came before the keyword ("a minimum weight
    of 50 kg"); ``between``: so did "between" ("between the ages of 18 and 55").
    """
    m = _RANGE_KW_RE.match(text, pos)
    rng = bool(m) or between
    p = m.end() if m else pos
    op = None
    if rng and (m := _SP_OP_RE.match(text, p)) and m.group().strip() != "=":
        rng = False  # "between the ages of ≥ 22 and ≤ 70": each bound has its operator
    if not rng:
        m = _SP_OP_RE.match(text, p)
        if m and not (m.group().strip() == "=" and _RANGE_AHEAD_RE.match(text, m.end())):
            op = operator(m.group().strip())
            p = m.end()
            if echo := _OP_ECHO_RE.match(text, p):  # "greater than (>) 3 times ..."
                p = echo.end()
            elif text.startswith(":", p) and m.group()[-1:].isalpha():  # "equal to or greater than: 50 kg"
                p += 1
        elif m:  # "ECOG=0-1" is a range
            p = m.end()
        elif within and (m := WITHIN_RE.match(text, p)):
            op, p = "<=", m.end()
        if op:
            first = value_at(text, p)
            if first is None:  # "≤ ULN"
                uln = ULN_VALUE_RE.match(text, p)
                return _made(op, 1.0, None, "x ULN", pos, closed(text, uln.end()) if uln else None)
            value, unit, p = first
            if op == ">=" and (to := _TO_VALUE_RE.match(text, p)) and (second := value_at(text, to.end())) and (
                second[0] > value and (unit is None or second[1] in (None, unit))
            ):  # "≥ 75 to 89 years": an inclusive range
                return _made("between", value, second[0], second[1] or unit, pos, closed(text, second[2], second[1] or unit))
            sfx = SUFFIX_RE.match(text, p)  # "≥ 18 years or older": the suffix repeats the sign
            return _made(op, value, None, unit, pos, closed(text, sfx.end() if sfx else p, unit))
    if ecog and not rng and (m := _ECOG_LIST_RE.match(text, p)):
        grades = [int(g) for g in re.findall(r"\d", m.group(1))]
        if grades != list(range(grades[0], grades[0] + len(grades))):
            return None  # "0 or 2" is not a range
        return _made("between", grades[0], grades[-1], None, pos, closed(text, m.end()))
    first = value_at(text, p)
    if first is None:
        return None
    value, unit, p = first
    if op is None and unit is None and (m := _TIMES_RELATIVE_RE.match(text, p)) and (
        uln := ULN_VALUE_RE.match(text, m.end())
    ):  # "2 times higher than the upper limit of normal": the operator after the number
        return _made(">" if m["dir"].lower() in ("higher", "greater", "above", "more") else "<", value, None,
                     "x ULN", pos, closed(text, uln.end()))
    if op is None and (m := _OPEN_RANGE_RE.match(text, p)):
        return _made(">=", value, None, unit, pos, m.end())
    sep = _RANGE_SEP_RE.match(text, p)
    if sep:
        second = value_at(text, sep.end())
        if second is not None and not rng and sep.group().strip().lower() == "and":
            # "18 and 65 years, inclusive" is a range; a bare "18 and 65" is not
            second = second if _INCLUSIVE_RE.match(text, second[2]) else None
        if second is not None:
            value_max, unit_max, p = second
            if unit and unit_max and unit != unit_max or value >= value_max:
                return None
            unit = unit_max or unit
            end = closed(text, p, unit, of_ok=True)  # "aged 18-65 of any ..."
            return _made("between", value, value_max, unit, pos, end)
    if rng:
        return None
    if sfx := SUFFIX_RE.match(text, p):
        op = ">=" if sfx.group("ge") or sfx.group("plus") else "<="
        p = sfx.end()
    elif default_op:
        op = default_op
    else:
        return None  # no operator, no row: "ALSFRS-R 30 at enrollment"
    return _made(op, value, None, unit, pos, closed(text, p, unit))


# --- binding comparisons to keywords ------------------------------------------------------------


class Mention(NamedTuple):
    """A measure keyword at text[start:end]; ``measures`` is empty for a non-vocabulary one."""

    start: int
    end: int
    measures: tuple[str, ...]


_AGE_NOT_BEFORE_RE = re.compile(  # "years of age" is read number-first, not as a keyword
    r"(?:years?\s+of|yrs?\s+of|months?\s+of|gestational|bone|child-?\s?bearing|reproductive|"
    r"mental|developmental|menstrual|corrected|skeletal|fertile|reading|school|biological|"
    r"vascular|target|same|similar|onset|any|all)\s*$",
    re.I,
)
_AGE_NOT_AFTER_RE = re.compile(
    r"\s*-?\s*(?:related|appropriate|matched|adjusted|specific|group|range|limit|requirement)\b"
    r"|\s+(?:at|of)\s+(?:the\s+time\s+of\s+)?(?:[\w-]+\s+){0,2}(?:onset|diagnosis|menarche|"
    r"menopause|first|symptom)",
    re.I,
)
_WEIGHT_NOT_AFTER_RE = re.compile(
    r"\s*-?\s*(?:loss|gain|change|reduction|management|bearing|based|related|percentile|for|"
    r"cycling|stable|history|lifting|training|status)\b",
    re.I,
)
_SUBSCORE_BEFORE_RE = re.compile(r"\b(?:items?|sub-?scores?|domains?|questions?)\b[^.;]*$", re.I)
_GROUP_SEP_RE = re.compile(
    r"(?:[\s,/()\[\]&+]|\([A-Za-z .\-]{1,10}\)|\b(?:and/or|and|or|as\s+well\s+as|plus|serum|blood|"
    r"plasma|total|levels?|values?|counts?|the)\b)*",
    re.I,
)
_GAP_TOKEN_RE = re.compile(
    r"\s+|[:)\]]|-(?=\s)|\((?:[^()<>=]|\([^()]*\))*\)|\[[^\[\]<>=]*\]"
    r"|\((?=\s*(?:<|>|=|\d))|%\s*(?:of\s+)?predicted\b"
    r"|,[^()<>=\d;]{0,40}\)"  # the rest of a parenthesis the keyword stands in: "(CrCl, using ...)"
    r"|within\s+(?:the\s+)?(?:institutional\s+)?normal\s+(?:institutional\s+)?(?:limits|range)\s+or\b"
    r"|/?[A-Za-z][\w'\-]*(?:/[A-Za-z][\w'\-]*)*",
    re.I,
)
# words that end the search for a keyword's comparison: the number that follows is about
# something else (a time window, a change, an item of a scale, a negation)
GAP_STOP = frozenset(
    "within prior before after since history previous previously except unless if when decline "
    "decrease decreased increase increased change changes loss gain reduction drop ratio item "
    "items subscore sub-score subscores domain question not no without outside normal dose doses "
    "times time duration week weeks month months day days year years hour hours period each every "
    "last past ago lasting goal goals target targets bulbar respiratory swallowing walking "
    "speech handwriting fine gross".split()
)
_MAX_GAP_WORDS = 6
# a word skipped just before a comparison that makes it part of an unknown operator phrase
_OPERATOR_HEADS = frozenset("or than equal".split())


def mentions(text: str) -> list[Mention]:
    """Every measure keyword; one used in another sense ("weight loss") binds nothing."""
    out = []
    for m in keyword_matches(text):
        key = KEYWORDS[int(m.lastgroup[1:])][0]  # type: ignore[index]
        measures = GROUP_MEASURES.get(key, (key,))
        start, end = m.span()
        before = text[max(0, start - 30) : start]
        if (
            key == "age"
            and (_AGE_NOT_BEFORE_RE.search(before) or _AGE_NOT_AFTER_RE.match(text, end))
            or key == "weight"
            and _WEIGHT_NOT_AFTER_RE.match(text, end)
            or key == "fvc"
            and re.match(r"\s*ratio", text[end:])
            or key == "alsfrs_r"
            and _SUBSCORE_BEFORE_RE.search(before)
        ):
            measures = ()  # still a keyword: nothing binds across it
        out.append(Mention(start, end, measures))
    return out


def groups(text: str, keywords: list[Mention]) -> list[list[Mention]]:
    """Keywords joined only by 'and', 'or', '/', commas and parentheses share a comparison."""
    runs: list[list[Mention]] = []
    for m in keywords:
        if runs and _GROUP_SEP_RE.fullmatch(text, runs[-1][-1].end, m.start):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


_OF_MEASURE_RE = re.compile(r"\s*of\s+(?:the\s+)?(?:serum\s+|total\s+|blood\s+)?", re.I)


def bound(text: str, pos: int, starts: set[int], **kw: object) -> Comparison | None:
    """The comparison a keyword ending at ``pos`` is bound to, across a few plain words."""
    words = 0
    last = ""
    for _ in range(20):
        c = comparison(text, pos, **kw)  # type: ignore[arg-type]
        if c is not None:
            # "superior or equal to 10": the words skipped are the start of an operator
            # phrase not in the lexicon; what follows them is not the whole operator
            if last in _OPERATOR_HEADS:
                return None
            # "ALT and < 1.5 times the upper limit of total bilirubin": another measure's limit
            of = _OF_MEASURE_RE.match(text, c.end)
            return None if of and any(c.end < k <= of.end() for k in starts) else c
        m = _GAP_TOKEN_RE.match(text, pos)
        if not m or m.start() in starts:
            return None
        token = m.group()
        if token[0].isalpha() or token[0] == "/":
            words += 1
            if words > _MAX_GAP_WORDS or any(w in GAP_STOP for w in token.lower().split("/")):
                return None
            last = token.lower()
        pos = m.end()
    return None
