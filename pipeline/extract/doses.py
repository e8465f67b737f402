"""Doses stated in one piece of registry text: amount, schedule and route.

``find_doses(text)`` reads an arm label, an arm description or an intervention
description; the caller knows which arm and intervention the text belongs to.

What a ``Dose`` holds
    value, value_max  the amount (value_max only for a range: "1-2 × 10^6 cells/kg")
    unit              'cells', 'mg', 'g', 'µg', 'ng', 'mL', 'IU' ("12 U" of insulin is 12 IU)
    per               'dose' (per participant per administration: "cells/person/dose"),
                      'kg', 'm2' (per body weight or surface, per administration),
                      'day', 'total' (the whole course: "a total of 24 million cells"), or None
    number_of_doses   how many administrations ("for four doses" -> 4, "once" -> 1)
    interval          time between administrations, '<n> <unit>' ('2 weeks', '1 month', '21 days')
    route             a canonical name from ``pipeline.extract.routes.ROUTES``
    span              the words of the input text the dose was read from

Decisions (precision first: a statement that cannot be read yields nothing, never a guess)
- A text with amounts yields one Dose per distinct amount. Its schedule and route come from
  the same sentence or bullet, else from the whole text when all its amounts are in one
  sentence, else from the sentences that hold no amount but speak of giving something ("Cycle
  repeated every 3 weeks", "take finerenone orally once daily"). In a sentence with several
  amounts each takes the statements that belong to it (``pipeline.extract.regimens``);
  statements that disagree give no value. An amount per day is never given at an interval of
  weeks (that is the cycle of another drug). An amount stated twice is one Dose: the statement
  that says less about it ("Osimertinib 80 mg ... Osimertinib 80mg QD") adds none of its own,
  and parts that the statements give differently have no value, unless each statement is of a
  group of its own ("group A(q7d):6mg ...; group B(q10d):6mg ..." is a dose per group).
  What is said after the last amount "of each" ("Low dose: ...; High dose: ...; each given as a
  single intrathecal injection") is said of every amount that states none of it, and an amount
  restated in another sentence keeps the interval of its own sentence.
- Schedule words are read by ``pipeline.extract.schedules`` (intervals, routes; counts by
  ``pipeline.extract.dose_counts``), the sentences and clauses they belong to by
  ``pipeline.extract.dose_text``, the cycle of a clause by ``pipeline.extract.dose_cycles``.
- A text without an amount yields a single Dose with value None when it states a schedule or a
  route of administration ("intrathecal injection", "Injection, once, 6 months"): the caller
  combines it with the amount read from the arm label. Nothing is returned for a text that
  states neither, or whose schedule words conflict ("every 2 weeks" and "every 3 weeks"); counts
  that disagree ("3 monthly injections" ... "1 injection") are the schedules of different groups
  and leave only the route.
- Amounts are read by ``pipeline.extract.dose_amounts`` (numbers, units, what they are per).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.extract.dose_amounts import read_amounts
from pipeline.extract.dose_counts import course, one_count
from pipeline.extract.dose_cycles import of_cycles
from pipeline.extract.dose_text import SENTENCE_BREAK, segments, within
from pipeline.extract.regimens import assign, of_dosing_sentences, of_sentences_without_amounts
from pipeline.extract.schedules import CYCLE, SEVERAL_DAYS, Schedule, hours_apart, one_value, read_schedule


_EACH = re.compile(
    r"[;,.]\s*(?:each|both|all)\b(?:\s+(?:doses?|of\s+(?:which|them|these)|is|are|will|be|being))*\s+"
    r"(?:given|administered|delivered|injected|infused|as)\b",
    re.IGNORECASE,
)
_DAY_ONE = re.compile(r"\b(?:day\s*1\b|D1\b|first\s+day)", re.IGNORECASE)


class Dose(NamedTuple):
    value: float | None
    value_max: float | None
    unit: str | None
    per: str | None
    number_of_doses: int | None
    interval: str | None
    route: str | None
    span: str


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺", "0123456789+")
# CommonMark backslash escapes, as the registry writes them ("10\^7", "2 \* 10\^6").
_ESCAPE = r"\\[!-/:-@\[-`{-~]"
_SPACES = "\u00a0\u2009\u202f"
_SPECIAL = re.compile(rf"{_ESCAPE}|[⁰¹²³⁴⁵⁶⁷⁸⁹⁺{_SPACES}]")


def _clean(text: str) -> tuple[str, "range | list[int]"]:
    """Text without markdown escapes and superscripts, and each character's index in ``text``."""
    if not _SPECIAL.search(text):  # most texts: nothing to clean
        return text, range(len(text))
    out: list[str] = []
    where: list[int] = []
    i = 0
    for m in _SPECIAL.finditer(text):
        if m.start() > i:
            out.append(text[i : m.start()])
            where.extend(range(i, m.start()))
        i = m.end()
        ch = m.group()
        if ch[0] == "\\":  # an escaped character stands for itself
            out.append(ch[1])
            where.append(m.start() + 1)
        elif ch in _SPACES:
            out.append(" ")
            where.append(m.start())
        else:  # a superscript: "10⁷" -> "10^7"
            if not (out and out[-1][-1] in "^0123456789+"):
                out.append("^")
                where.append(m.start())
            out.append(ch.translate(_SUPERSCRIPTS))
            where.append(m.start())
    out.append(text[i:])
    where.extend(range(i, len(text)))
    return "".join(out), where


def find_doses(text: str) -> list[Dose]:
    """Doses stated in ``text`` (see the module docstring for what is and is not read)."""
    if not text or not text.strip():
        return []
    clean, where = _clean(text)

    def original(start: int, end: int) -> str:
        return text[where[start] : where[end - 1] + 1].strip()

    amounts = read_amounts(clean)
    parts = segments(clean)
    schedule = read_schedule(clean, parts)
    whole_interval, whole_route = one_value(schedule.intervals), one_value(schedule.routes)
    whole_count = course(schedule.counts, whole_interval, schedule.durations)
    if not amounts:
        # Without an amount, only the statements of sentences that speak of giving something count,
        # and a cycle's length says nothing of how often a drug is given ("receive X in a 21-day
        # cycle") unless the drug is given on its day 1.
        schedule = of_dosing_sentences(clean, schedule)
        if not _DAY_ONE.search(clean):
            schedule = schedule._replace(
                intervals=[iv for iv in schedule.intervals if not CYCLE.fullmatch(clean, iv[1], iv[2])]
            )
        whole_interval, whole_route = one_value(schedule.intervals), one_value(schedule.routes)
        whole_count = course(schedule.counts, whole_interval, schedule.durations)
        if schedule.counts and one_count(schedule.counts) is None:
            # counts that disagree ("3 monthly injections" ... "1 injection") are the schedules of
            # different groups: only the route is the text's
            whole_interval = None
        if not (whole_count or whole_interval or whole_route):
            return []
        spots = [(s, e) for items in schedule[:3] for *_, s, e in items]
        start, end = min(s for s, _ in spots), max(e for _, e in spots)
        return [Dose(None, None, None, None, whole_count, whole_interval, whole_route, original(start, end))]
    doses: list[Dose] = []
    starts: list[int] = []
    seen: set[tuple] = set()
    in_segments = {next((s for s, e in parts if s <= a.start < e), 0) for a in amounts}
    shared = len(in_segments) == 1
    assigned = assign(clean, schedule, [(a.start, a.end) for a in amounts], parts)
    # the interval, route and course of sentences without an amount, for the amounts that state none
    general: tuple = (None, None, None)
    if not shared:
        other = of_sentences_without_amounts(clean, schedule, [a.start for a in amounts])
        general = (one_value(other.intervals), one_value(other.routes), other)
    cycles = of_cycles(clean, [(a.start, a.end) for a in amounts])

    def segment_of(amount) -> tuple[int, int]:
        return next(((s, e) for s, e in parts if s <= amount.start < e), (0, len(clean)))

    # amounts whose own sentence states an interval: a restatement of the same amount elsewhere
    # ("240 mg daily ... A cycle is 28 days. ... determined as 240mg") takes no other sentence's
    with_interval = {
        a[:4] for a, mine in zip(amounts, assigned, strict=True) if mine.intervals or within(schedule.intervals, *segment_of(a))
    }
    # "Low dose: 1 × 10^7 cells; High dose: 5 × 10^7 cells; each given as a single intrathecal
    # injection": what is said after the last amount of every amount is said of each
    each = _EACH.search(clean, amounts[-1].end) if len(amounts) > 1 else None
    of_each = Schedule(*(within(items, each.start(), len(clean)) for items in schedule)) if each else None
    for amount, mine, cycle in zip(amounts, assigned, cycles, strict=True):
        seg_start, seg_end = segment_of(amount)
        # A statement from another sentence applies only when the text gives one amount (or all
        # its amounts in one sentence): in "A 125 mg TID; B 100 mg QD" the QD is B's.
        stated = [bool(within(items, seg_start, seg_end)) for items in schedule]
        interval = one_value(mine.intervals) if stated[1] or mine.intervals else (
            whole_interval if shared else None if amount[:4] in with_interval else general[0]
        )
        if interval and not (stated[1] or mine.intervals) and SEVERAL_DAYS.search(clean, seg_start, seg_end):
            interval = None  # "1000 mg/m2 on days 1, 8, and 15. Cycles repeat every 28 days": the cycle's
        route = one_value(mine.routes) if stated[2] or mine.routes else (whole_route if shared else general[1])
        if interval is None and stated[1] and not any(v for v, _, _ in mine.intervals):
            # "25mg BID" in a text that says "BID ..., with a 12 hour interval": 12 hours
            hours = hours_apart(clean, mine.intervals)
            interval = hours if hours and any(v == hours for v, _, _ in schedule.intervals) else None
        if amount.per == "day" and interval and not interval.endswith(("day", "days")):
            interval = None  # "8 mg per day" is not given "every 3 weeks" (the cycle of another drug)
        # a course is derived from an interval and a duration only when both are said of this
        # amount: "(5, 20 and 40 mg/kg) for 48 weeks" with "every 4 weeks" of another sentence is no 12 doses
        own_interval = interval if stated[1] or mine.intervals or shared else None
        n = course(mine.counts, own_interval, mine.durations) if stated[0] or stated[3] else (
            whole_count if shared else None
        )
        if n is None and shared and whole_count and mine.counts and not any(r for _, r, _, _ in mine.counts):
            # "A single dose of 2×10^7 cells ..., IV, Repeat every weeks for four times": each
            # administration is a single dose; the course is stated after it
            n = whole_count
        if n is None and general[0] and interval == general[0] and not (stated[0] or stated[1] or stated[3]):
            # "... administered for 4 cycles in total by each cycle of 21 days": the course of the
            # amounts that take that sentence's interval
            n = course(general[2].counts, interval, general[2].durations)
        if cycle:  # given once per cycle of its clause: the cycle's length and number, when it states none
            length, cycles_n = cycle
            if interval is None and not mine.intervals and amount.per != "day":
                interval = length
            if n is None and not mine.counts and (interval is None or interval == length):
                n = cycles_n
        if of_each:
            interval = interval or one_value(of_each.intervals)
            route = route or one_value(of_each.routes)
            n = n or course(of_each.counts, interval, of_each.durations)
        fact = (amount.value, amount.value_max, amount.unit, amount.per, n, interval, route)
        if fact in seen:
            continue
        seen.add(fact)
        doses.append(Dose(*fact, original(amount.start, amount.end)))
        starts.append(amount.start)
    # An amount stated twice ("Osimertinib 80 mg ... Osimertinib 80mg QD", "2.4 mg X and 2.4 mg Y
    # once weekly") is one dose: the statement that says less about it adds no dose of its own,
    # and statements that disagree ("epidural injection with 1 cc ..., intra-articular injection
    # with 1cc") give that part no value.
    # The same amount stated for different groups, each with its schedule ("group A(q7d):6mg d1,8;
    # group B(q10d):6mg d1,11"), is a dose per group.
    by_amount: dict[tuple, list[Dose]] = {}
    for d, at in zip(doses, starts, strict=True):
        kin = [where for o, where in zip(doses, starts, strict=True) if o is not d and o[:4] == d[:4]]
        label = _group(clean, at) if kin else None
        if label and all((other := _group(clean, where)) and other != label for where in kin):
            by_amount[(*d[:4], label)] = [d]
        elif not any(_says_less(d, o) for o in doses if o is not d):
            by_amount.setdefault(d[:4], []).append(d)
    return [_agreed(same) for same in by_amount.values()]


# ("For phase I: single infusion, 1.0×10^6 cells/kg. For phase II: 1.0×10^6 cells/kg once a week")
_GROUP = re.compile(r"\b(?:group|arm|cohort|phase|part|stage)\s*(?P<g>[A-Z0-9]{1,2}|I{1,3}|IV)\b", re.IGNORECASE)


def _group(text: str, at: int) -> str | None:
    """The group named last before ``at`` in its sentence ("PEG-rhG-CSF group B(q10d):6mg"), or None."""
    start = max((m.end() for m in SENTENCE_BREAK.finditer(text, 0, at)), default=0)
    label = None
    for m in _GROUP.finditer(text, start, at):
        label = m["g"].upper()
    return label


def _agreed(same: list[Dose]) -> Dose:
    """One dose of an amount stated several times: each part of its schedule only when all agree."""
    if len(same) == 1:
        return same[0]
    parts = [values.pop() if len(values := set(column)) == 1 else None for column in zip(*(d[4:7] for d in same))]
    return Dose(*same[0][:4], *parts, same[0].span)


def _says_less(dose: Dose, other: Dose) -> bool:
    """True when ``other`` is the same amount and states all that ``dose`` states, and more."""
    return dose[:4] == other[:4] and dose[4:7] != other[4:7] and all(
        mine is None or mine == theirs for mine, theirs in zip(dose[4:7], other[4:7])
    )
