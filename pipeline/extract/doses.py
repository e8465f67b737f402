"""Doses stated in one piece of registry text: amount, schedule and route.

``find_doses(text)`` reads an arm label, an arm description or an intervention
description; the caller knows which arm and intervention the text belongs to.

What a ``Dose`` holds
    value, value_max  the amount (value_max only for a range: "1-2 × 10^6 cells/kg")
    unit              'cells', 'mg', 'g', 'µg', 'ng', 'mL', 'IU'
    per               'dose' (per participant per administration: "cells/person/dose"),
                      'kg', 'm2' (per body weight or surface, per administration),
                      'day', 'total' (the whole course: "a total of 24 million cells"), or None
    number_of_doses   how many administrations ("for four doses" -> 4, "once" -> 1)
    interval          time between administrations, '<n> <unit>' ('2 weeks', '1 month', '21 days')
    route             a canonical name from ``pipeline.extract.routes.ROUTES``
    span              the words of the input text the dose was read from

Decisions (precision first: a statement that cannot be read yields nothing, never a guess)
- A text with amounts yields one Dose per distinct amount. Its schedule and route come from
  the same sentence or bullet, else from the whole text when the text states only one.
- A text without an amount yields a single Dose with value None when it states a schedule or a
  route of administration ("intrathecal injection", "Injection, once, 6 months"): the caller
  combines it with the amount read from the arm label. Nothing is returned for a text that
  states neither, or whose schedule words conflict ("every 2 weeks" and "every 3 weeks").
- Counts without a cell noun ("1.5 × 10E6", "2e6/kg") are cells only when the text speaks of
  cells; concentrations ("cells/mL", "mg/mL") and lab values ("0.5×10^9/L") are not doses.
- A volume is a dose only when it is the product itself ("1 mL of the TG-C cells"): not a
  volume in parentheses after another amount, not "in 2 mL saline", not "10 mL of blood".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.extract.routes import find_routes


class Dose(NamedTuple):
    value: float | None
    value_max: float | None
    unit: str | None
    per: str | None
    number_of_doses: int | None
    interval: str | None
    route: str | None
    span: str


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30,
}  # fmt: skip
_NUMW = r"(?:\d{1,3}|" + "|".join(w for w in _NUMBER_WORDS if w not in ("a", "an", "single")) + r")"
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺", "0123456789+")
# CommonMark backslash escapes, as the registry writes them ("10\^7", "2 \* 10\^6").
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

# --- amounts -------------------------------------------------------------------------------
_NUM = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+|,\d{1,2}(?!\d))?"
_TIMES = r"\s*[x×X✕⨯*·]\s*"
_QTY = re.compile(
    rf"(?<![\d^/-])(?<!\d\.)(?<!\d,)(?P<a>{_NUM})(?:\s*(?:-|–|—|~|to)\s*(?P<b>{_NUM}))?"
    r"(?:"
    rf"{_TIMES}10\s*(?:\^|\*\*|[eE])\s*\+?\(?(?P<exp>\d{{1,2}})\)?(?!\d)"  # 5.0×10^7, 1.5 × 10E6
    rf"|{_TIMES}10(?P<lost>\d{{1,2}})(?!\d)"  # 1 x 107 (superscript lost, see _read_amounts)
    rf"|{_TIMES}10\s*\^?\s*\{{(?P<brace>\d{{1,2}})\}}"  # 10^{7}
    r"|[eE]\+?(?P<enot>\d{1,2})(?![\w])"  # 2e6
    r"|\s*(?P<word>million|billion|thousand|mln|bn)\b"
    r"|\s*\^\s*(?P<pow>\d{1,2})(?!\d)"  # 10^7 (no mantissa)
    r")?",
)
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9}
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|~|to|and)\s*")
_CELL_NOUN = re.compile(
    r"\s*(?:of\s+)?(?:(?!per\b|and\b|or\b|in\b|to\b|for\b|of\b|at\b|mg\b|ml\b)[A-Za-z][\w+-]*\s+){0,2}?"
    r"(?:cells?|MSCs?|aaMSCs?|hMSCs?|NSCs?|NPCs?|Tregs?|CAR-?T(?:\s+cells)?|TNCs?|PBMCs?|MNCs?)\b",
    re.IGNORECASE,
)
_MASS_UNIT = re.compile(
    r"\s*(?P<u>mg|µg|μg|ug|mcg|g|ng|mL|ml|IU|international\s+units|MIU)(?![a-zA-Z])"
)
_UNIT_NAMES = {"mg": "mg", "µg": "µg", "μg": "µg", "ug": "µg", "mcg": "µg", "g": "g", "ng": "ng",
               "ml": "mL", "iu": "IU", "international units": "IU", "miu": "IU"}  # fmt: skip
_PER_STEP = re.compile(
    r"\s*(?:/|\bper\b|\beach\b)\s*(?P<p>person|participants?|patients?|subjects?|doses?|injections?|"
    r"infusions?|administrations?|treatments?|sessions?|kg|kilograms?|m2|m\^2|m²|square\s+met(?:er|re)s?|"
    r"day|d|dL|L|mL|ml|µL|uL|mm3|mm\^3|min|minute|h|hr|hour|vial|bag|site|side|level|disc)\b",
    re.IGNORECASE,
)
_PER_NAMES = {"dose": "dose", "injection": "dose", "infusion": "dose", "administration": "dose",
              "treatment": "dose", "session": "dose", "kg": "kg", "kilogram": "kg", "m2": "m2", "m^2": "m2",
              "m²": "m2", "square meter": "m2", "square metre": "m2", "day": "day", "d": "day"}  # fmt: skip
_PERSON = {"person", "participant", "patient", "subject"}
_NOT_A_DOSE_PER = {"dl", "l", "ml", "µl", "ul", "mm3", "mm^3", "min", "minute", "h", "hr", "hour", "vial", "bag"}
_BODY_WEIGHT = re.compile(r"\s*(?:of\s+)?body\s*weight\b", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(
    r"\btotal(?:\s+(?:cell\s+)?dose)?\s+(?:of\s+)?(?:(?:approximately|about|up\s+to|around|~)\s*)?$", re.IGNORECASE
)
_TOTAL_AFTER = re.compile(r"^[\w\s-]{0,20}?\bin\s+total\b", re.IGNORECASE)
_COMPARATOR_BEFORE = re.compile(r"(?:[<>≤≥=]|more\s+than|less\s+than|at\s+least|above|below|over)\s*$", re.I)
_COUNT_NOT_CELLS = re.compile(
    r"^\s*(?:/\s*(?:L|µL|uL|mL|mm3|mm\^3|l)\b|copies|vg|viral|genome|IU|PFU|TCID|CFU|particles|units)", re.I
)
_MENTIONS_CELLS = re.compile(r"\bcell|\bMSC|\bTreg|\bCAR-?T\b", re.IGNORECASE)
_VOLUME_NOT_DOSE_BEFORE = re.compile(
    r"(?:\(\s*|\bin\s+(?:a\s+)?(?:total\s+)?(?:volume\s+of\s+)?|\bdiluted\s+(?:in|to|with)\s+|"
    r"(?:containers?|vials?|syringes?|ampoules?|bottles?)\s+of\s+|"
    r"suspended\s+in\s+|with\s+)$",
    re.IGNORECASE,
)
_VOLUME_NOT_DOSE_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:\w+\s+){0,2}?(?:blood|bone\s+marrow|marrow|aspirate|fat|lipoaspirate|CSF|"
    r"cerebrospinal|urine|saline|plasma|tissue)\b",
    re.IGNORECASE,
)

# --- schedule ------------------------------------------------------------------------------
_ADMIN_NOUN = r"(?:doses|injections|infusions|administrations|treatments|transplantations|implantations|cycles)"
_ADJ = r"(?:(?!(?:mg|g|ml|mL|µg|ug|mcg|kg|cells?|million|billion|of|per|and|or|days?|weeks?|months?|hours?|years?)\b)[A-Za-z-]+\s+){0,2}?"
_COUNT_STRONG = re.compile(
    rf"\bfor\s+(?:a\s+total\s+of\s+)?(?P<n>{_NUMW})\s+{_ADJ}{_ADMIN_NOUN}\b"
    rf"|\btotal\s+of\s+(?P<n2>{_NUMW})\s+{_ADJ}{_ADMIN_NOUN}\b",
    re.IGNORECASE,
)
_COUNT_PLAIN = re.compile(
    rf"(?<![\w.-])(?P<n>{_NUMW})\s+{_ADJ}(?P<noun>{_ADMIN_NOUN}|dose|injection|infusion|administration)\b"
    r"(?!\s+(?:per|on\s+each|each|at\s+each)\s+(?:side|site|level|disc|muscle|limb|arm|leg|location|point))"
    r"(?!\s+(?:level|group|cohort|arm))",
    re.IGNORECASE,
)
# "followed one month later by a second dose": the last dose named gives the count.
_ORDINALS = {"second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_ORDINAL = re.compile(
    r"\b(?:a|the)\s+(?P<o>second|2nd|third|3rd|fourth|4th)\s+(?:[\w-]+\s+)?(?:dose|injection|infusion|administration)\b"
    r"(?![\s\S]*\b(?:a|the)\s+(?:second|2nd|third|3rd|fourth|4th)\s+(?:[\w-]+\s+)?(?:dose|injection|infusion|administration))",
    re.IGNORECASE,
)
_UP_TO_BEFORE = re.compile(r"\bup\s+to\s+(?:\d|$)|\bmaximum\s+of\s+(?:\d|$)", re.I)  # a ceiling, not a count
_EXTRA_BEFORE = re.compile(r"(?:supplement\w*|additional|extra|booster|rescue|further|another)\s+(?:with\s+)?$", re.I)
_SINGLE = re.compile(
    r"\b(?:single|one[-\s]time|one-off)(?:[\s-]+[\w-]+){0,2}?[\s-]+"
    r"(?:doses?|injections?|infusions?|administrations?|treatments?|transplant\w*|implant\w*|applications?|"
    r"procedures?|bolus|session)\b(?![-\s]+(?:containers?|vials?|syringes?|pens?|ampoules?|packs?|units?))"
    r"|\badministered\s+(?:only\s+)?one\s+time\b",
    re.IGNORECASE,
)
_ONCE = re.compile(
    r"\bonce\b(?=\s*(?:[,.;)]|$|only\b|on\s+day|at\s+(?:baseline|day|week|visit|month)|during|intra))",
    re.IGNORECASE,
)
_TWICE = re.compile(r"\btwice\b(?=\s*(?:[,.;)]|$|separated|\d|one|at\s+an?\s+interval))", re.IGNORECASE)
_UNIT_WORD = r"(?P<u>days?|weeks?|months?|hours?|years?)"
_EVERY = re.compile(rf"\bevery\s+(?:(?P<other>other)\s+|(?P<n>{_NUMW})\s*-?\s*)?{_UNIT_WORD}\b", re.IGNORECASE)
_APART = re.compile(
    rf"(?:\b(?P<n>{_NUMW})\s*-?\s*{_UNIT_WORD}\s+apart\b"
    rf"|\b(?:separated\s+by|at\s+an?\s+interval\s+of|intervals?\s+of|followed)\s+(?:(?P<n2>{_NUMW})\s*-?\s*)?"
    r"(?P<u2>days?|weeks?|months?)(?:\s+later)?\b)",
    re.IGNORECASE,
)
_ADVERB = re.compile(
    r"(?<!times\s)(?<!twice\s)(?<!twice-)\b(?P<w>daily|weekly|monthly|once\s+(?:a|per|every)\s+(?:day|week|month)|"
    r"once\s+(?:daily|weekly|monthly)|every\s+day|(?<!times\s)a\s+day)\b",
    re.IGNORECASE,
)
_Q_INTERVAL = re.compile(
    r"\b[qQ](?P<n>\d{1,2})(?P<u>[dDwW])\b|\b(?P<qd>QD|qd|QHS|qhs|QN|qn|QAM|QPM)\b|\b(?P<qw>QW|qw)\b"
)
# Several doses a day, or some days of the week: no single interval ("three times a day",
# "BID", "once daily 5 days per week"). Such a segment gets no interval.
_IRREGULAR = re.compile(
    r"\b(?:BID|TID|QID|bid|tid|qid|b\.i\.d|t\.i\.d|q\d{1,2}h)\b|\btwice[-\s](?:daily|a\s+day|per\s+day)"
    rf"|\b{_NUMW}\s+times\s+(?:a|per|each)\s+(?:day|week)|\b{_NUMW}\s+times\s+(?:daily|weekly)"
    rf"|\b{_NUMW}\s+days?\s+(?:a|per|each)\s+week|\b{_NUMW}-times-(?:daily|weekly)",
    re.IGNORECASE,
)
_CYCLE = re.compile(r"\bday\s+1\s+of\s+(?:each|every)\s+(?P<n>\d{1,2})-?\s*(?P<u>day|week)\s+cycle", re.I)
_FOR_DURATION = re.compile(rf"\bfor\s+(?:a\s+total\s+of\s+)?(?P<n>{_NUMW})\s*-?\s*{_UNIT_WORD}\b", re.I)
_ADMIN_CONTEXT = re.compile(
    r"inject|infus|administ|dose|dosing|transplant|implant|instill|given|receive|treat|deliver|graft|bolus|"
    r"tablet|capsule|applied|application|spray|drops|inhal",
    re.IGNORECASE,
)
# Sentences, bullets, and clauses that start a new drug ("... and Erlotinib orally ...").
_SEGMENT_BREAK = re.compile(
    r"\n+|(?<=[.;!?])\s+(?=[A-Z0-9(])|\s*~\s*|\s\*\s|•|(?<=:)\s+(?=\*)|,\s*(?=[A-Z][a-z])"
    r"|\s+(?:and|plus|\+|combined\s+with|followed\s+by)\s+(?=[A-Z][A-Za-z]{3,})"
)
_UNIT_SINGULAR = {"days": "day", "weeks": "week", "months": "month", "hours": "hour", "years": "year"}
_ADVERB_INTERVAL = {"daily": (1, "day"), "weekly": (1, "week"), "monthly": (1, "month"), "day": (1, "day"),
                    "week": (1, "week"), "month": (1, "month")}  # fmt: skip


def _number(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _interval(n: int | None, unit: str) -> str:
    unit = _UNIT_SINGULAR.get(unit.lower(), unit.lower())
    n = n or 1
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _clean(text: str) -> tuple[str, list[int]]:
    """Text without markdown escapes and superscripts, and each character's index in ``text``."""
    out: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and _ESCAPE.match(text, i):
            i += 1
            ch = text[i]
        if ch in "⁰¹²³⁴⁵⁶⁷⁸⁹⁺":
            if not out or out[-1] not in "^0123456789+":
                out.append("^")
                where.append(i)
            ch = ch.translate(_SUPERSCRIPTS)
        elif ch in "\u00a0\u2009\u202f":
            ch = " "
        out.append(ch)
        where.append(i)
        i += 1
    return "".join(out), where


def _to_float(s: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    return float(s.replace(",", "."))


class _Amount(NamedTuple):
    value: float
    value_max: float | None
    unit: str
    per: str | None
    start: int
    end: int


def _read_amounts(text: str) -> list[_Amount]:
    mentions_cells = bool(_MENTIONS_CELLS.search(text))
    found: list[_Amount] = []
    pending: tuple[float, int, int] | None = None  # a bare number before "and"/"to": the low end of a range
    for m in _QTY.finditer(text):
        a, b = _to_float(m["a"]), (_to_float(m["b"]) if m["b"] else None)
        scale: float | None = None
        lost = False
        if m["exp"] or m["brace"] or m["enot"]:
            scale = 10.0 ** int(m["exp"] or m["brace"] or m["enot"])
        elif m["pow"]:
            if m["a"] != "10" or b is not None:
                continue
            a, scale = 1.0, 10.0 ** int(m["pow"])
        elif m["lost"]:
            # Registry quirk: superscripts pasted as plain digits, so "1 x 10⁷ cells" reaches the
            # API as "1 x 107 cells". Read "N x 10D" as N×10^D only for a plausible exponent
            # (3..12) directly before a cell noun; anything else is left unread.
            if not 3 <= int(m["lost"]) <= 12:
                continue
            scale, lost = 10.0 ** int(m["lost"]), True
        elif m["word"]:
            scale = _SCALE_WORDS[m["word"].lower()]
        rest = text[m.end() :]
        before = text[: m.start()]
        low = None
        start = m.start()
        if pending and _RANGE_JOIN.fullmatch(text[pending[1] : m.start()]) and scale is not None:
            low, start = pending[0], pending[2]
        pending = (a, m.end(), m.start()) if scale is None and b is None else None
        if _COMPARATOR_BEFORE.search(before[-12:]):
            continue
        cell = _CELL_NOUN.match(rest)
        unit_end = m.end()
        if cell:
            unit, unit_end = "cells", m.end() + cell.end()
        elif lost:
            continue
        elif scale is not None and scale >= 1e3 and mentions_cells and not _COUNT_NOT_CELLS.match(rest):
            if re.match(r"\s*[A-Za-z]", rest) and not re.match(r"\s*(?:per|each)\b", rest, re.I):
                continue  # "2 million people": a count of something else
            unit = "cells"
        else:
            mass = _MASS_UNIT.match(rest)
            if not mass:
                continue
            unit = _UNIT_NAMES.get(mass["u"].lower(), mass["u"])
            unit_end = m.end() + mass.end()
            if scale is not None:
                a, b, scale = a * scale, (b * scale if b is not None else None), None
            if unit == "mL" and (
                _VOLUME_NOT_DOSE_BEFORE.search(before[-30:]) or _VOLUME_NOT_DOSE_AFTER.match(text[unit_end:])
            ):
                continue
        per: str | None = None
        pos = unit_end
        for _ in range(3):
            step = _PER_STEP.match(text, pos)
            if not step:
                break
            p = step["p"].lower().rstrip("s") if step["p"].lower() not in ("days", "kg") else step["p"].lower()
            if p in _NOT_A_DOSE_PER:
                per = "reject"
                break
            if p not in _PERSON and p not in ("site", "side", "level", "disc"):
                per = per or _PER_NAMES.get(p, _PER_NAMES.get(step["p"].lower()))
            pos = step.end()
        if per == "reject":
            continue
        bw = _BODY_WEIGHT.match(text, pos)
        if bw:
            pos = bw.end()
        if per is None and (_TOTAL_BEFORE.search(before[-40:]) or _TOTAL_AFTER.match(text[pos:])):
            per = "total"
        factor = scale if scale is not None else 1.0
        value = a * factor
        value_max = b * factor if b is not None else None
        if low is not None and b is None:
            value, value_max = low * factor, value
        prev = found[-1] if found else None
        if (
            prev
            and prev.value_max is None
            and value_max is None
            and prev.unit == unit
            and value > prev.value
            and re.fullmatch(r"\s*(?:-|–|—|to)\s*", text[prev.end : m.start()])
        ):  # "1 x 10^6 cells/kg to 2 x 10^6 cells/kg"
            found[-1] = _Amount(prev.value, value, unit, per or prev.per, prev.start, pos)
            continue
        found.append(_Amount(value, value_max, unit, per, start, pos))
    return found


class _Schedule(NamedTuple):
    counts: list[tuple[int, int, int, int]]  # (n, rank, start, end), rank as in _one_count
    intervals: list[tuple[str, int, int]]
    routes: list[tuple[str, int, int]]


def _read_schedule(text: str, segments: list[tuple[int, int]]) -> _Schedule:
    """Schedule words of each segment (positions in ``text``), one list per kind."""
    counts, intervals, routes = [], [], []
    for start, end in segments:
        part = _read_segment(text[start:end])
        counts += [(n, strong, s + start, e + start) for n, strong, s, e in part.counts]
        intervals += [(v, s + start, e + start) for v, s, e in part.intervals]
        routes += [(v, s + start, e + start) for v, s, e in part.routes]
    return _Schedule(counts, intervals, routes)


def _read_segment(text: str) -> _Schedule:
    counts: list[tuple[int, int, int, int]] = []
    for m in _COUNT_STRONG.finditer(text):
        if _UP_TO_BEFORE.search(text[max(0, m.start() - 12) : m.start() + 12]):
            continue
        n = _number(m["n"] or m["n2"])
        if n:
            counts.append((n, 2, m.start(), m.end()))
    for m in _COUNT_PLAIN.finditer(text):
        if _EXTRA_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) or _UP_TO_BEFORE.search(
            text[max(0, m.start() - 12) : m.start()]
        ):
            continue  # "supplemented with one dose", "an additional 2 doses": not the regimen
        n = _number(m["n"])
        if n and (n == 1) == (not m["noun"].lower().endswith("s")) and not any(
            s <= m.start() < e for _, _, s, e in counts
        ):
            counts.append((n, 1, m.start(), m.end()))
    for m in _ORDINAL.finditer(text):
        counts.append((_ORDINALS[m["o"].lower()], 2, m.start(), m.end()))
    for pattern in (_SINGLE, _ONCE):
        counts.extend((1, 0, m.start(), m.end()) for m in pattern.finditer(text))
    counts.extend((2, 0, m.start(), m.end()) for m in _TWICE.finditer(text))
    intervals: list[tuple[str, int, int]] = []
    for m in _EVERY.finditer(text):
        n = 2 if m["other"] else (_number(m["n"]) if m["n"] else 1)
        intervals.append((_interval(n, m["u"]), m.start(), m.end()))
    for m in _APART.finditer(text):
        n = _number(m["n"] or m["n2"] or "1")
        intervals.append((_interval(n, m["u"] or m["u2"]), m.start(), m.end()))
    for m in _ADVERB.finditer(text):
        word = m["w"].lower().split()[-1]
        if not any(s <= m.start() < e for _, s, e in intervals):
            n, unit = _ADVERB_INTERVAL[word if word in _ADVERB_INTERVAL else "daily"]
            intervals.append((_interval(n, unit), m.start(), m.end()))
    for m in _Q_INTERVAL.finditer(text):
        if m["qd"]:
            intervals.append(("1 day", m.start(), m.end()))
        elif m["qw"]:
            intervals.append(("1 week", m.start(), m.end()))
        else:
            intervals.append((_interval(int(m["n"]), "day" if m["u"] in "dD" else "week"), m.start(), m.end()))
    for m in _CYCLE.finditer(text):
        intervals.append((_interval(int(m["n"]), m["u"]), m.start(), m.end()))
    intervals.extend(("", m.start(), m.end()) for m in _IRREGULAR.finditer(text))
    # "once a week for a total of six weeks": six doses, when the duration is a whole number
    # of intervals and no count is stated.
    if not any(rank for _, rank, _, _ in counts) and len({i for i, _, _ in intervals}) == 1 and intervals[0][0]:
        every_n, every_unit = intervals[0][0].split()
        for m in _FOR_DURATION.finditer(text):
            n = _number(m["n"])
            if n and _UNIT_SINGULAR.get(m["u"].lower(), m["u"].lower()) == every_unit.rstrip("s"):
                if n % int(every_n) == 0 and not any(s <= m.start() < e for _, s, e in intervals):
                    counts.append((n // int(every_n), 1, m.start(), m.end()))
    routes = [(r.route, r.start, r.end) for r in find_routes(text)]
    return _Schedule(counts, intervals, routes)


def _one_count(counts: list[tuple[int, int, int, int]]) -> int | None:
    """The number of doses stated at the strongest level (2: "for four doses", "a total of 4
    injections"; 1: "3 injections", or derived from interval and duration; 0: "once",
    "single dose"), when that level states only one."""
    if not counts:
        return None
    top = max(rank for _, rank, _, _ in counts)
    values = {n for n, rank, _, _ in counts if rank == top}
    return values.pop() if len(values) == 1 else None


def _one(values: list[tuple[str, int, int]]) -> str | None:
    distinct = {v for v, _, _ in values}
    return distinct.pop() or None if len(distinct) == 1 else None


def _nearest(values: list[tuple[str, int, int]], start: int, end: int) -> str | None:
    """The value stated closest to the span ``start:end`` ("15 mg/kg by intravenous infusion ...
    and Erlotinib orally at 150 mg/day": each dose takes its own route)."""
    if not values:
        return None
    best = min(values, key=lambda v: min(abs(v[1] - end), abs(start - v[2])))
    return best[0] or None


def _segments(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _SEGMENT_BREAK.finditer(text):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _within(items: list, start: int, end: int) -> list:
    return [it for it in items if start <= it[-2] < end]


def find_doses(text: str) -> list[Dose]:
    """Doses stated in ``text`` (see the module docstring for what is and is not read)."""
    if not text or not text.strip():
        return []
    clean, where = _clean(text)

    def original(start: int, end: int) -> str:
        return text[where[start] : where[end - 1] + 1].strip()

    amounts = _read_amounts(clean)
    segments = _segments(clean)
    schedule = _read_schedule(clean, segments)
    whole_count, whole_interval, whole_route = (
        _one_count(schedule.counts), _one(schedule.intervals), _one(schedule.routes)
    )  # fmt: skip
    if not amounts:
        if not (schedule.counts or schedule.intervals or schedule.routes):
            return []
        # A route adverb ("orally") states an administration; a route adjective needs a word
        # of administration ("subcutaneous injection", not "subcutaneous drains").
        # Abbreviations ("SC", "IV") are only read beside such words already.
        has_admin = _ADMIN_CONTEXT.search(clean) or any(
            clean[s:e].lower().endswith("ly") or e - s <= 5 for _, s, e in schedule.routes
        )
        if not has_admin or not (whole_count or whole_interval or whole_route):
            return []
        spots = [(s, e) for items in schedule for *_, s, e in items]
        start, end = min(s for s, _ in spots), max(e for _, e in spots)
        return [Dose(None, None, None, None, whole_count, whole_interval, whole_route, original(start, end))]
    doses: list[Dose] = []
    seen: set[tuple] = set()
    in_segments = {next((s for s, e in segments if s <= a.start < e), 0) for a in amounts}
    shared = len(in_segments) == 1
    for amount in amounts:
        seg_start, seg_end = next(((s, e) for s, e in segments if s <= amount.start < e), (0, len(clean)))
        counts = _within(schedule.counts, seg_start, seg_end)
        intervals = _within(schedule.intervals, seg_start, seg_end)
        routes = _within(schedule.routes, seg_start, seg_end)
        # A statement from elsewhere in the text applies only when the text gives one amount
        # (or all its amounts in one sentence): in "A 125 mg TID; B 100 mg QD" the QD is B's.
        n = _one_count(counts) if counts else (whole_count if shared else None)
        interval = _one(intervals) if intervals else (whole_interval if shared else None)
        route = (_one(routes) or _nearest(routes, amount.start, amount.end)) if routes else (
            whole_route if shared else None
        )
        fact = (amount.value, amount.value_max, amount.unit, amount.per, n, interval, route)
        if fact in seen:
            continue
        seen.add(fact)
        doses.append(Dose(*fact, original(amount.start, amount.end)))
    return doses
