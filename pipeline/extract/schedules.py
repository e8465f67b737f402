"""Schedule words in dose text: how many administrations, how often, by which route.

``read_schedule(text, segments(text))`` finds every statement of a number of doses
(``pipeline.extract.dose_counts``: "once", "for four doses", "a total of 4 injections"), of an
interval ("every two weeks", "Q3W", "daily", "on day 1 of each 21-day cycle", "one month apart")
and of a route (``pipeline.extract.routes``), each with its place in the text;
``dose_counts.course`` turns the statements of one amount into its number of doses, and
``pipeline.extract.regimens`` decides which statements belong to which amount of a sentence.

Decisions (precision first; those on counts are ``dose_counts``'s)
- Injections per site ("at 4 sites", "three injections on each side") are one session.
- "ever 3 weeks" is read as the registry's misspelling of "every 3 weeks"; "every Day 1" is
  day 1 of each cycle, no interval.
- "daily", "weekly", "monthly" are an interval only as adverbs or before a word of
  administration ("80 mg daily", "weekly injection"); before another noun they describe
  something else ("daily symptom tracking", "a weekly questionnaire").
- Several doses a day or some days a week (BID, TID, "three times a week") have no single
  interval: such a segment gets none, unless the text gives the hours between them ("BID ...,
  with a 12 hour interval": 12 hours, for every amount given BID). "q8h", "every 8 hours" are
  intervals of hours.
- A cycle length ("in a 3-week cycle", "q d 21", "OD" is QD) is the interval only when the
  segment states no other: "daily for 14 days every 21 days" is daily (its days no count), and
  "QD every 21 days (3 weeks) for up to 4 cycles" is daily (an interval named a cycle is one).
  Several days of a cycle ("150mg D8-21 q3wks") leave neither the cycle length the interval nor
  the number of cycles the count, but days spaced by the interval keep it ("weekly ... on
  Days 1, 8 and 15", "q7d: 6mg d1,8").
- An amount per body size and per day given for some days ("25 mg/m2/day IV for 3 days") is
  given daily; "2 mg/kg/day" alone states no interval. After loading days, the interval of the
  doses that follow is kept ("on Days 1, 15 and 29, then every 28 days").
- Injections along an organ in one surgery ("10 injections into the lumbar spinal cord") are
  sites, like injections per side.
- Without an amount, a schedule counts only in a sentence that speaks of giving something
  (``pipeline.extract.dose_text``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.extract.dose_counts import NUMW, number, read_counts
from pipeline.extract.dose_text import INN_STEM
from pipeline.extract.routes import find_routes

_UNIT_WORD = r"(?P<u>days?|weeks?|months?|hours?|years?)"
# "ever 3 weeks": a misspelling the registry has more than once. "every Day 1" is day 1 of each
# cycle, not daily.
_EVERY = re.compile(
    # ("every 48 ±6 hours": the tolerance is no part of the interval)
    rf"\bevery\s+(?:(?P<other>other)\s+|(?P<n>{NUMW})\s*(?:(?:±|\+/-)\s*\d{{1,2}}\s*)?-?\s*)?{_UNIT_WORD}\b(?(n)|(?!\s*\d))"
    rf"|\bever\s+(?P<n3>{NUMW})\s*-?\s*(?P<u3>days?|weeks?|months?)\b",
    re.IGNORECASE,
)
_APART = re.compile(
    rf"(?:\b(?P<n>{NUMW})\s*-?\s*{_UNIT_WORD}\s+apart\b"
    rf"|\b(?:separated\s+by|at\s+an?\s+interval\s+of|intervals?\s+of|followed)\s+(?:(?P<n2>{NUMW})\s*-?\s*)?"
    r"(?P<u2>days?|weeks?|months?)(?:\s+later)?\b"
    rf"|\b(?P<n3>{NUMW})[-\s]?(?P<u3>hours?|days?|weeks?|months?)\s+intervals?\b)",  # "with a 12 hour interval"
    re.IGNORECASE,
)
_ADVERB = re.compile(
    # "6 mg/kg iv 3-weekly", "3-monthly": every 3 weeks, every 3 months
    r"(?<!times\s)(?<!twice\s)(?<!twice-)(?<!/)(?<!/\s)\b(?:(?P<nw>\d{1,2})-(?=weekly|monthly))?(?P<w>daily|weekly|monthly|once\s+(?:a|per|every)\s+(?:day|week|month)|"
    r"once\s+(?:daily|weekly|monthly)|every\s+day(?!\s*\d)|(?<!times\s)a\s+day)\b",
    re.IGNORECASE,
)
# "daily symptom tracking", "a weekly questionnaire", "daily life": an adjective before a noun
# that is not a word of administration describes something else than the dosing.
_ADMIN_WORD = (
    r"doses?|dosing|injections?|infusions?|administrations?|applications?|tablets?|capsules?|oral|orally|"
    r"intravenous\w*|subcutaneous\w*|intramuscular\w*|inhal\w*|topical\w*|treatments?|therapy|intake|regimen"
)
_ADJECTIVAL_AFTER = re.compile(
    rf"[ \t]+(?!(?:{_ADMIN_WORD}|for|at|in|on|with|until|during|from|to|and|or|thereafter|continuously|x|times|"
    rf"basis|schedule|use|days?|without|except|throughout|starting|beginning|through|intervals?)\b)(?![A-Za-z][\w-]*[ \t]+(?:{_ADMIN_WORD})\b)(?![Dd]\s?\d)[A-Za-z]",
    re.IGNORECASE,
)
_DRUG_AFTER = re.compile(rf"[ \t]+{INN_STEM}\b", re.IGNORECASE)
_Q_INTERVAL = re.compile(
    r"\b[qQ]\s?(?P<n>\d{1,2})\s?(?P<u>[dD](?:ays?)?|[wW](?:ee)?(?:ks?)?|[hH](?:rs?|ours?)?)\b"
    r"|\b(?P<qd>QD|qd|QHS|qhs|QN|qn|QAM|QPM|[Qq]\.[Dd]\b\.?|(?<=mg\s)OD\b|(?<=mg)OD\b|(?<=PO\s)OD\b"
    r"|(?<=mg\s)o\.d\.|(?<=mg)o\.d\.)"  # "50 mg o.d." (once daily)
    r"|\b(?P<qw>QW|qw|OW|[Qq]\.[Ww]\b\.?)(?![\w.])|\b[qQ]\s?[dD]\s?(?P<qdn>\d{1,2})\b(?!\s*days)"
    r"|\b(?P<qm>QM|qm|[Qq]\.[Mm]\.)(?![\w.])"  # "SC QM": monthly
    r"|\b(?P<eow>eow|EOW|QOW|qow|q\.o\.w\.?)(?![\w.])"  # every other week
)
# Several doses a day, or some days of the week: no single interval ("three times a day",
# "BID", "once daily 5 days per week"). Such a segment gets no interval.
_IRREGULAR = re.compile(
    r"\b(?:BID|TID|QID|bid|tid|qid|b\.i\.d|t\.i\.d)\b|\btwice[-\s](?:daily|a\s+day|per\s+day)"
    rf"|\b{NUMW}\s+times\s+(?:a|per|each)\s+(?:day|week)|\b{NUMW}\s+times\s+(?:daily|weekly)"
    rf"|\b{NUMW}\s+days?\s+(?:a|per|each)\s+week|\b{NUMW}-times-(?:daily|weekly)"
    rf"|\bmultiple\s+daily\b|\b{NUMW}\s+(?:or\s+more\s+)?(?:injections|doses|tablets|capsules)\s+(?:a|per|each)\s+day",
    re.IGNORECASE,
)
# A cycle length ("day 1 of each 21-day cycle", "in a 3-week cycle", "cycle of 3 weeks", "3wks x 4 cycles").
CYCLE = re.compile(
    r"\b(?P<d1>day\s+1\s+of\s+(?:each|every|a|the)\s+)?(?<![-–~])(?P<n>\d{1,2})[-\s]?(?P<u>days?|weeks?|wks?)\s+"
    r"(?:\([^()]{0,30}\)\s*)?(?:(?:treatment|chemotherapy)\s+)?cycle\b(?!s)"
    r"|\bcycle\s+(?:length\s+)?(?:of|is|=)\s+(?P<n2>\d{1,2})[-\s]?(?P<u2>days?|weeks?)\b"
    r"|\b(?P<n3>\d{1,2})\s?(?P<u3>wks?|weeks?)\s*[x×]\s*\d{1,2}\s*cycles\b",
    re.I,
)
_RESTATES = re.compile(r"\s*[(\[]\s*(?:i\.e\.,?\s*|every\s+)?")
# Several days of one cycle ("Day 1 and Day 8 of each cycle", "D1-14", "days 1, 8 and 15").
SEVERAL_DAYS = re.compile(
    # ("on day -4, -3 and -2": the days before a cell infusion on day 0)
    r"\b(?:days?|d)\s?(?P<a>-?\d{1,2})\s*(?P<sep>,|and|&|-|–|to)\s*(?:(?:day|d)\s?)?(?P<b>-?\d{1,2})\b", re.I
)
_THEN = re.compile(r"\b(?:then|followed\s+by)\b", re.IGNORECASE)
_THEREAFTER = re.compile(r"\s*thereafter\b", re.IGNORECASE)
_DRUG_JOIN = re.compile(r"\bplus\b|\+|\bcombined\s+with\b", re.IGNORECASE)
# "4~6 cycles", "4 to 6 doses": the end of a range is no count.
_RANGE_BEFORE = re.compile(r"(?:\d\s*[~–—-]|\d\s+(?:to|or))\s*$")
# Injections counted per site ("three injections on each side", "at 4 sites"): the counts of
# injections in that segment are sites of one session, not doses.
_PER_SITE = re.compile(
    r"\b(?:injections?|injected)\s+(?:per|on\s+each|each|at\s+each|into\s+each)\s+(?:side|site|level|disc|muscle|"
    r"limb|location|point)|\b(?:at|into)\s+(?:\d{1,2}|two|three|four|five|six|multiple|several)\s+"
    r"(?:different\s+)?(?:sites|points|locations)\b"
    # a surgery's injections along an organ: "10 injections into the lumbar spinal cord"
    r"|\binjections?\s+(?:into|in|along)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:spinal\s+cord|cord|brain|"
    r"putamen|striatum|myocardium|cortex)\b",
    re.I,
)
_CYCLE_AFTER = re.compile(r"[\s,]*(?:(?:of|in|repeated|then)\s+)*")
# "every 21 days (3 weeks) for up to 4 cycles", "every 28 days as one cycle": an interval named a cycle
_NAMED_CYCLE_AFTER = re.compile(
    r"\s*(?:\([^()]{0,20}\)\s*)?,?\s*(?:(?:for|of|as|per|in)\s+)?"
    rf"(?:up\s+to\s+|a\s+total\s+of\s+|one\s+|each\s+|a\s+)?(?:{NUMW}\s+)?(?:(?:treatment|chemotherapy)\s+)?cycles?\b",
    re.IGNORECASE,
)
_FOR_DURATION = re.compile(
    rf"\b(?:for\s+(?:a\s+total\s+of\s+|the\s+first\s+)?"
    # "once a week ... over 20 weeks" is a course; "over 2 hours" the length of an infusion
    rf"|over\s+(?:a\s+(?:total\s+)?(?:period\s+)?of\s+)?(?=\w+\s*-?\s*(?:days?|weeks?|months?)\b))"
    rf"(?P<n>{NUMW})\s*-?\s*(?:consecutive\s+|successive\s+)?{_UNIT_WORD}\b",  # ("for three consecutive days")
    re.I,
)
_DIGIT = re.compile(r"\d")
# "25 mg/m2/day IV for 3 days": an amount per body size and per day, given for some days, is given
# daily. Without a course of days ("2 mg/kg/day of anakinra") the day is only what the amount is per.
_PER_SIZE_PER_DAY = re.compile(r"/\s?(?:m\^?2|kg)\s?/\s?(?:day|d)\b", re.IGNORECASE)
_UNIT_SINGULAR = {"days": "day", "weeks": "week", "months": "month", "hours": "hour", "years": "year"}
_ADVERB_INTERVAL = {"daily": (1, "day"), "weekly": (1, "week"), "monthly": (1, "month"), "day": (1, "day"),
                    "week": (1, "week"), "month": (1, "month")}  # fmt: skip


def _interval(n: int | None, unit: str) -> str:
    unit = _UNIT_SINGULAR.get(unit.lower(), unit.lower())
    n = n or 1
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


_TIMES_A_DAY = {"bid": 2, "b.i.d": 2, "twice": 2, "two": 2, "tid": 3, "t.i.d": 3, "three": 3, "qid": 4, "four": 4}


def hours_apart(text: str, irregular: list[tuple[str, int, int]]) -> str | None:
    """The interval of doses given k times a day ("BID", "three times a day") at even hours: '12 hours'
    for BID; None for statements of no such kind or of several kinds."""
    kinds = set()
    for _, start, end in irregular:
        words = text[start:end].lower()
        kinds.add(next((k for w, k in _TIMES_A_DAY.items() if words.startswith(w)), 0) if "week" not in words else 0)
    k = kinds.pop() if len(kinds) == 1 else 0
    return _interval(24 // k, "hour") if k else None


def cycle_length(m: re.Match[str]) -> str:
    """The interval a cycle match states, in its own unit ("21-day" -> '21 days', "q d 21" -> '21 days')."""
    groups = m.groupdict()
    key = next(k for k, v in groups.items() if v and k[0] == "n")
    unit = groups.get("u" + key[1:]) or "d"
    return _interval(int(groups[key]), "week" if unit[0].lower() == "w" else "day")


def _days(interval: str) -> int:
    return int(interval.split()[0]) * {"h": 0, "d": 1, "w": 7, "m": 30, "y": 365}[interval.split()[1][0]]


class Schedule(NamedTuple):
    counts: list[tuple[int, int, int, int]]  # (n, rank, start, end), rank as in one_count
    intervals: list[tuple[str, int, int]]
    routes: list[tuple[str, int, int]]
    durations: list[tuple[str, int, int]]  # "for 52 weeks" -> "52 weeks": with an interval, a count


def read_schedule(text: str, segments: list[tuple[int, int]]) -> Schedule:
    """Schedule words of each segment (positions in ``text``), one list per kind."""
    counts, intervals, routes, durations = [], [], [], []
    # a gate the whole text does not pass, no segment passes; a segment alone passes the text's
    whole = _passing(_GATES, text.lower())
    for start, end in segments:
        part = _read_segment(text[start:end], whole if len(segments) == 1 else None, whole)
        # "4~6 cycles", "4 to 6 doses": the end of a range (split from it by a segment break) is no count
        counts += [
            (n, rank, s + start, e + start)
            for n, rank, s, e in part.counts
            if not (rank == 1 and _RANGE_BEFORE.search(text, max(0, s + start - 5), s + start))
        ]
        intervals += [(v, s + start, e + start) for v, s, e in part.intervals]
        routes += [(v, s + start, e + start) for v, s, e in part.routes]
        durations += [(v, s + start, e + start) for v, s, e in part.durations]
    return Schedule(counts, intervals, routes, durations)


def _gate(*words: str) -> tuple[str, ...]:
    return words


def _passing(gates: dict[str, tuple[str, ...] | re.Pattern[str]], low: str) -> dict:
    """The gates that ``low`` passes."""
    passing = {}
    for name, gate in gates.items():
        if isinstance(gate, tuple):
            for word in gate:
                if word in low:
                    passing[name] = gate
                    break
        elif gate.search(low):
            passing[name] = gate
    return passing


# Words one of which every match of a pattern contains (in the lowercased segment): a segment
# without them skips the pattern. Most segments state no schedule, and a test for a few
# substrings costs far less than a scan with the pattern.
_GATES = {
    # ("take ... 11 times" holds "times"; "weekly x 4" an interval before "x")
    "strong": _gate("for", "total", "times", "both", "ly x", "ks x", "ys x", "hs x", "w x", "d x", "×",
                    "g x", "2 x", "l x", "gx", "2x", "lx"),
    "plain": _gate("dos", "inject", "infus", "administ", "treatment", "transplant", "implant", "vaccin", "cycle"),
    "ordinal": _gate("second", "2nd", "third", "3rd", "fourth", "4th"),
    "single": _gate("single", "one", "administered"),
    "once": _gate("once"),
    "twice": _gate("twice"),
    "every": _gate("ever"),
    "apart": _gate("apart", "separated", "interval", "followed"),
    "adverb": _gate("daily", "weekly", "monthly", "once", "every", "day"),
    "q": _gate("q", "ow", "g od", "mgod", "po od", "g o.d", "go.d"),  # ("eow", "qow" hold "ow")
    "cycle": _gate("cycle"),
    "irregular": re.compile(
        r"bid|tid|qid|b\.i\.d|t\.i\.d|q\d|twice|times|multiple|days?\s.*week|(?:injection|dose|tablet|capsule)s.*day",
        re.S,
    ),
    "site": _gate("inject", "site", "point", "location"),
    "for": _gate("for", "over"),
}


def _read_segment(text: str, passes: dict | None, whole: dict) -> Schedule:
    low = text.lower()
    passes = _passing(whole, low) if passes is None else passes
    has_digit = _DIGIT.search(text) is not None
    per_site = bool("site" in passes and _PER_SITE.search(text))
    several_days = SEVERAL_DAYS.search(text) if has_digit else None
    counts = read_counts(text, passes, per_site, several_days)
    intervals: list[tuple[str, int, int]] = []
    if "every" in passes:
        for m in _EVERY.finditer(text):
            n = 2 if m["other"] else (number(m["n"] or m["n3"]) if m["n"] or m["n3"] else 1)
            intervals.append((_interval(n, m["u"] or m["u3"]), m.start(), m.end()))
    if "apart" in passes:
        for m in _APART.finditer(text):
            n = number(m["n"] or m["n2"] or m["n3"] or "1")
            intervals.append((_interval(n, m["u"] or m["u2"] or m["u3"]), m.start(), m.end()))
    if "adverb" in passes:
        for m in _ADVERB.finditer(text):
            if m["w"].lower() in ("daily", "weekly", "monthly") and _ADJECTIVAL_AFTER.match(text, m.end()) and not (
                _DRUG_AFTER.match(text, m.end())  # "weekly cisplatin 40 mg/m2": how the drug is given
            ):
                continue
            word = m["w"].lower().split()[-1]
            if not any(s <= m.start() < e for _, s, e in intervals):
                n, unit = _ADVERB_INTERVAL[word if word in _ADVERB_INTERVAL else "daily"]
                n = int(m["nw"]) if m["nw"] else n
                intervals.append((_interval(n, unit), m.start(), m.end()))
    if "q" in passes:
        for m in _Q_INTERVAL.finditer(text):
            if m["qd"]:
                intervals.append(("1 day", m.start(), m.end()))
            elif m["qw"]:
                intervals.append(("1 week", m.start(), m.end()))
            elif m["eow"]:
                intervals.append(("2 weeks", m.start(), m.end()))
            elif m["qm"]:
                intervals.append(("1 month", m.start(), m.end()))
            elif m["qdn"]:  # "q d 21"
                intervals.append((_interval(int(m["qdn"]), "day"), m.start(), m.end()))
            else:
                unit = {"d": "day", "w": "week", "h": "hour"}[m["u"][0].lower()]
                intervals.append((_interval(int(m["n"]), unit), m.start(), m.end()))
    if "irregular" in passes:
        irregular = [("", m.start(), m.end()) for m in _IRREGULAR.finditer(text)]
        # "BID ..., with a 12 hour interval": doses k times a day at 24/k hours have that interval
        hours = hours_apart(text, irregular) if irregular and intervals else None
        if not (hours and {iv[0] for iv in intervals} == {hours}):
            intervals.extend(irregular)
    if "cycle" in passes and not intervals:  # a cycle length is the interval when no other is stated
        intervals = [(cycle_length(m), m.start(), m.end()) for m in CYCLE.finditer(text)]
    elif "cycle" in passes and len({iv[0] for iv in intervals}) == 1 and intervals[0][0]:
        # "on Day 1 of each 21-day cycle (Q3W)": the abbreviation in parentheses restates the cycle,
        # which is the interval as the text states it
        first = min(iv[1] for iv in intervals)
        for m in CYCLE.finditer(text):
            close = text.find(")", m.end())
            if (m["d1"] and _days(intervals[0][0]) == _days(cycle_length(m)) and _RESTATES.fullmatch(text, m.end(), first)
                    and close > 0 and all(iv[2] <= close + 1 for iv in intervals)):
                intervals = [(cycle_length(m), m.start(), m.end())]
    if several_days:  # "150mg D8-21 q3wks": kept are the days' spacing and "day 1 of each 21-day cycle"
        a, b = int(several_days["a"]), int(several_days["b"])
        spacing = 1 if several_days["sep"] in ("-", "–", "to") else b - a
        # (an interval stated before another drug joined by "plus" is that first drug's: "AK104 10mg/kg
        # IV every 2-week cycle plus anlotinib on Day 1-14 of every 3-week cycle")
        intervals = [iv for iv in intervals if not iv[0] or _days(iv[0]) in range(7) or _days(iv[0]) == spacing
                     or text[iv[1] : iv[1] + 5].lower() == "day 1"
                     or iv[2] <= several_days.start() and _DRUG_JOIN.search(text, iv[2], several_days.start())
                     # "on Days 1, 15 and 28 and then every 28 days": the interval after the loading days
                     or iv[1] >= several_days.end() and (_THEN.search(text, several_days.end(), iv[1])
                                                        or _THEREAFTER.match(text, iv[2]))]
    durations = [
        (_interval(number(m["n"]), m["u"]), m.start(), m.end())
        for m in (_FOR_DURATION.finditer(text) if "for" in passes else ())
        if number(m["n"]) and not any(s <= m.start() < e for _, s, e in intervals)
    ]
    if "/" in text and any(d[0].endswith(("day", "days")) for d in durations):
        intervals += [("1 day", m.end() - 1, m.end()) for m in _PER_SIZE_PER_DAY.finditer(text)]
    # "12 mg daily for 14 days every 21 days": given daily for 14 days of each 21-day cycle; the
    # cycle is no interval between doses, and its days no number of doses
    cycles = [(iv, d) for iv in intervals for d in durations if _CYCLE_AFTER.fullmatch(text, d[2], iv[1])]
    if cycles and any(iv[0] and iv not in {c for c, _ in cycles} for iv in intervals):
        intervals = [iv for iv in intervals if iv not in {c for c, _ in cycles}]
        durations = [d for d in durations if d not in {d for _, d in cycles}]
    # "8 mg orally QD every 21 days (3 weeks) for up to 4 cycles": an interval named a cycle is
    # the cycle, no interval between doses, when the segment states another
    named = [iv for iv in intervals if iv[0] and _NAMED_CYCLE_AFTER.match(text, iv[2])] if "cycle" in passes else []
    if named and any(iv[0] and iv not in named for iv in intervals):
        intervals = [iv for iv in intervals if iv not in named]
    routes = [(r.route, r.start, r.end) for r in find_routes(text)]
    return Schedule(counts, intervals, routes, durations)


def one_value(values: list[tuple[str, int, int]]) -> str | None:
    distinct = {v for v, _, _ in values}
    return distinct.pop() or None if len(distinct) == 1 else None


