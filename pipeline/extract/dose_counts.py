"""Counts in dose text: how many administrations a segment states, and the course of one amount.

``read_counts`` finds in one segment (``pipeline.extract.schedules`` cuts the text and passes only
the patterns whose words the segment holds) every statement of a number of doses: "for four
doses", "a total of 4 injections", "3 injections", "a second dose", "once", "single dose",
"twice". ``one_count`` and ``course`` turn the statements of one amount into its number of doses.
``NUMW`` and ``number`` read the numbers of schedule words ("four", "12") for the other modules.

Decisions (precision first)
- A count is ranked: 2 for a stated course ("for four doses", "a total of 6 injections",
  "a second dose"), 1 for a plain count ("3 injections") or one derived from an interval and a
  duration in the same unit ("once a week for a total of six weeks" -> 6), 0 for "once",
  "single dose", "twice". Only the strongest rank counts, and only when it states one number.
- Injections of one session ("Two subcutaneous injections ... as a loading dose on Day 1") are
  one dose: their number is no count. Nor are injections per site, divided doses ("900 mg in two
  divided doses") or the cycles of a drug given on several days of each.
- Ceilings ("up to 6 cycles", "a maximum of 3", "≤4 cycles") and extra doses ("an additional
  dose", "supplemented with one dose") are not the number of doses.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30,
}  # fmt: skip
NUMW = r"(?:\d{1,3}|" + "|".join(w for w in _NUMBER_WORDS if w not in ("a", "an", "single")) + r")"

_ADMIN_NOUN = r"(?:doses|injections|infusions|administrations|treatments|transplantations|implantations|vaccinations|cycles)"
_ADJ = (
    r"(?:(?!(?:mg|g|ml|mL|µg|ug|mcg|kg|cells?|million|billion|of|per|and|or|days?|weeks?|months?|hours?|years?|"
    r"minutes?|min|seconds?|after|before|following|prior|post|at|in|on|by|from|into|with|without)\b)"
    r"[A-Za-z][A-Za-z-]*\s+){0,2}?"
)
_COUNT_STRONG = re.compile(
    rf"\bfor\s+(?:a\s+total\s+of\s+)?(?P<n>{NUMW})\s+{_ADJ}{_ADMIN_NOUN}\b"
    rf"|\btotal\s+of\s+(?P<n2>{NUMW})\s+{_ADJ}{_ADMIN_NOUN}\b"
    # "once a day, a total of three times", "total 3 times", "repeat ... for four times",
    # "10 billion cells transfusion in 3 times": the number of administrations
    rf"|\b(?:(?:a\s+)?total\s+(?:of\s+)?|for\s+(?:a\s+total\s+of\s+)?|in\s+)(?P<n3>{NUMW})\s+times\b"
    r"(?!\s+(?:a|per|each|every|daily|weekly)\b)"
    r"|\bboth\s+(?P<both>doses|injections|infusions|administrations)\b"  # "both doses (Day 1 and Week 4)"
    # "375 mg/m2 IV weekly x 4": the number of the doses at that interval
    r"|\b(?:weekly|daily|monthly|every\s+\w+\s+(?:days?|weeks?|months?)|q\s?\d{1,2}\s?(?:d|w|wk|wks|weeks?|days?))\s*[x×]\s*"
    r"(?P<n6>\d{1,2})\b(?![.\d^*])(?!\s*(?:mg|ml|g|µg|cells|10))"
    # "AIN457 10 mg/kg x3": the number of doses of that amount
    r"|(?:(?<=kg)|(?<=m2)|(?<=mg)|(?<=mL)|(?<=ml))\s*[x×]\s*(?P<n7>\d{1,2})\b(?![.\d^*,])"
    r"(?!\s*(?:mg|ml|g|µg|cells|10|tablets?|capsules?|vials?|days?|weeks?|months?|/))"
    # "2 times at an interval of 26 days", "three times, 4 weeks apart": administrations spaced apart
    rf"|\b(?P<n5>{NUMW})\s+times\s*,?\s*(?=(?:at\s+(?:an?\s+)?intervals?\s+of|(?:with\s+)?(?:an?\s+)?intervals?\s+of|"
    rf"separated\s+by|(?:{NUMW}|one|a)\s*-?\s*(?:days?|weeks?|months?)\s+apart))"
    # "Take TQH3821 tablets 11 times"
    rf"|\b(?:take|taken|administer(?:ed)?|given|receive[ds]?)\b[^.;,]{{0,40}}?\b(?P<n4>{NUMW})\s+times\b"
    r"(?!\s+(?:a|per|each|every|daily|weekly|the|as|more|less|higher|lower)\b)",
    re.IGNORECASE,
)
_COUNT_PLAIN = re.compile(
    # ("Two weeks after four cycles of chemotherapy": a point in time, not a count)
    rf"(?<![\w.~–—-])(?<!\bto\s)(?<!\bor\s)(?<!\bafter\s)(?<!\bfollowing\s)(?<!\bbefore\s)(?P<n>{NUMW})\s+{_ADJ}"
    rf"(?P<noun>{_ADMIN_NOUN}|dose|injection|infusion|administration|vaccination)\b"
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
# a ceiling, not a count: "up to 6 cycles", "a maximum of 3", "limited to ≤4 cycles"
_UP_TO_BEFORE = re.compile(r"\bup\s+to\s+(?:\d|$)|\bmaximum\s+of\s+(?:\d|$)|\bat\s+least\s+(?:\d|$)|\bminimum\s+of\s+(?:\d|$)|(?:[≤<]|<=|at\s+most)\s*(?:\d|$)", re.I)
_EXTRA_BEFORE = re.compile(r"(?:supplement\w*|additional|extra|booster|rescue|further|another)\s+(?:with\s+)?$", re.I)
_SINGLE = re.compile(
    # ("a single intravenous (into the vein) infusion": a gloss in parentheses between)
    r"\b(?:single|one[-\s]time|one-off)(?:[\s-]+[\w-]+\.?){0,2}?(?:\s*\([^()]{1,30}\))?[\s-]+"
    r"(?:doses?|injections?|infusions?|administrations?|treatments?|transplant\w*|implant\w*|applications?|"
    r"procedures?|bolus|session)\b(?![-\s]+(?:containers?|vials?|syringes?|pens?|ampoules?|packs?|units?|use))"
    r"(?!\s*[=:])"  # "(single dose=8 g)" names the amount of each dose
    r"|\badministered\s+(?:only\s+)?one\s+time\b|\bone\s+time\s+only\b"
    # "Single 300 mg natalizumab IV on Day 1": a single amount
    r"|\bsingle\s+(?=\d+(?:\.\d+)?\s*(?:mg|µg|mcg|g|mL|ml|IU|units?|cells|million|billion|x|×)\b)",
    re.IGNORECASE,
)
_ONCE = re.compile(
    r"\bonce\b(?=\s*(?:[,.;)]|$|only\b|on\s+day|at\s+(?:baseline|day|week|visit|month)|during|intra))",
    re.IGNORECASE,
)
_TWICE = re.compile(r"\btwice\b(?=\s*(?:[,.;)]|$|separated|\d|one|at\s+an?\s+interval))", re.IGNORECASE)
# "Two subcutaneous injections ... as a loading dose on Day 1": injections of one session.
_ONE_SESSION_AFTER = re.compile(
    r"[^.;]{0,60}?\b(?:as\s+an?\s+(?:single\s+)?loading\s+dose|on\s+the\s+same\s+day"
    r"|on\s+day\s+[01]\b(?!\s*(?:,|and|&|-|–|to)\s*(?:days?\s*)?\d))",
    re.IGNORECASE,
)

def number(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


_DIVIDED_INTO_BEFORE = re.compile(r"\b(?:divided|split)\s+(?:into|in)\s+$", re.IGNORECASE)


def _not_a_course(text: str, m: re.Match[str], per_site: bool, several_days: re.Match[str] | None) -> bool:
    """A count that is not the number of administrations (see the module docstring)."""
    words = m.group().lower()
    return (
        "divided" in words  # "900 mg in two divided doses": one daily amount split
        or _DIVIDED_INTO_BEFORE.search(text, max(0, m.start() - 16), m.start()) is not None  # "divided into 2 doses"
        or "different" in words  # "in three different doses (0.1, 0.2 and 0.4 mg)": dose levels
        or (per_site and "inject" in words)
        or (("inject" in words or "infus" in words) and _ONE_SESSION_AFTER.match(text, m.end()) is not None
            and not re.match(r"(?:x\s*)?(?:1|one|a|an)\s", words))  # "x 1 injection on Day 0" is one dose
        or (several_days is not None and "cycle" in words)
    )


def read_counts(
    text: str, passes: dict, per_site: bool, several_days: re.Match[str] | None
) -> list[tuple[int, int, int, int]]:
    """(n, rank, start, end) of each count stated in the segment ``text``; ``passes`` names the
    patterns whose words it holds, ``per_site`` tells that it counts injections per site, and
    ``several_days`` is its first statement of several days of a cycle."""
    counts: list[tuple[int, int, int, int]] = []
    if "strong" in passes:
        for m in _COUNT_STRONG.finditer(text):
            if _UP_TO_BEFORE.search(text[max(0, m.start() - 12) : m.start() + 12]):
                continue
            n = 2 if m["both"] else number(m["n"] or m["n2"] or m["n3"] or m["n4"] or m["n5"] or m["n6"] or m["n7"])
            if n and not _not_a_course(text, m, per_site, several_days):
                counts.append((n, 2, m.start(), m.end()))
    if "plain" in passes:
        for m in _COUNT_PLAIN.finditer(text):
            if _EXTRA_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) or _UP_TO_BEFORE.search(
                text[max(0, m.start() - 12) : m.start()]
            ) or _not_a_course(text, m, per_site, several_days):
                continue  # "supplemented with one dose", "an additional 2 doses": not the regimen
            n = number(m["n"])
            if n and (n == 1) == (not m["noun"].lower().endswith("s")) and not any(
                s <= m.start() < e for _, _, s, e in counts
            ):
                counts.append((n, 1, m.start(), m.end()))
    if "ordinal" in passes:
        for m in _ORDINAL.finditer(text):
            counts.append((_ORDINALS[m["o"].lower()], 2, m.start(), m.end()))
    if "single" in passes:
        counts.extend((1, 0, m.start(), m.end()) for m in _SINGLE.finditer(text))
    if "once" in passes:
        counts.extend((1, 0, m.start(), m.end()) for m in _ONCE.finditer(text))
    if "twice" in passes:
        counts.extend((2, 0, m.start(), m.end()) for m in _TWICE.finditer(text))
    return counts


def one_count(counts: list[tuple[int, int, int, int]]) -> int | None:
    """The number of doses stated at the strongest level (2: "for four doses", "a total of 4
    injections"; 1: "3 injections", or derived from interval and duration; 0: "once",
    "single dose"), when that level states only one."""
    if not counts:
        return None
    top = max(rank for _, rank, _, _ in counts)
    values = {n for n, rank, _, _ in counts if rank == top}
    return values.pop() if len(values) == 1 else None


def course(
    counts: list[tuple[int, int, int, int]], interval: str | None, durations: list[tuple[str, int, int]]
) -> int | None:
    """The number of doses of one amount, from its counts, its interval and its durations.

    A bare "once" beside an interval is a frequency ("240mg, Once, po, daily"), not a single
    administration. Without a stated count, an interval and a duration in the same unit give
    one ("once a week for a total of six weeks" -> 6) when the duration is a whole number of
    intervals and the amount has that interval itself.
    """
    n = one_count(counts)
    if n == 1 and interval and max(rank for _, rank, _, _ in counts) == 0:
        n = None
    if interval and not any(rank for _, rank, _, _ in counts):
        every_n, every_unit = interval.split()
        derived = {
            int(total) // int(every_n)
            for value, _, _ in durations
            for total, unit in [value.split()]
            if unit.rstrip("s") == every_unit.rstrip("s") and int(total) % int(every_n) == 0
        }
        if len(derived) == 1:
            n = derived.pop()
    return n

