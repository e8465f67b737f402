"""Cycles in dose text: the schedule of each drug given once per cycle of its clause.

A cycle is the schedule of every drug of its clause given once in it (``of_cycles``): "Cisplatinum
75 mg/m2 d 1 Pemetrexed 500 mg/m2 d 1 q d 21" gives both every 21 days, "3wks x 4 cycles" the
drugs on D1 four doses, and a drug on several days ("Vinorelbine 25mg/m2 D1,8") neither.
"""

from __future__ import annotations

import re

from pipeline.extract.dose_counts import NUMW, number
from pipeline.extract.dose_names import NAME, OWN_NAME_BEFORE, in_parentheses
from pipeline.extract.dose_text import SENTENCE_BREAK, segments
from pipeline.extract.schedules import CYCLE, cycle_length

# The clauses a cycle is stated for: sentences and bullets, and the phases after "followed by".
_CLAUSE_BREAK = re.compile(rf"{SENTENCE_BREAK.pattern}|,?\s+followed\s+(?:by|with)\s+|\s*~\s*")
# Cycle lengths: those of ``CYCLE``, "Q3W", "q3wks", "q d 21", "every 3 weeks", "cycles of 3-weeks".
_CYCLE_LENGTH = re.compile(
    rf"{CYCLE.pattern}|\b(?:[qQ]\s?|every\s+)(?P<n4>\d{{1,2}})[-\s]?(?P<u4>d|days?|w|wks?|weeks?)\b"
    r"|\b[qQ]\s?[dD]\s?(?P<n5>\d{1,2})\b(?!\s*days)|\bcycles\s+of\s+(?P<n6>\d{1,2})[-\s]?(?P<u6>days?|weeks?)\b",
    re.IGNORECASE,
)
# "for 4 cycles", "3wks x 4 cycles", "four cycles of": not "up to 6 cycles", "4-6 cycles", "≤4 cycles".
_CYCLE_COUNT = re.compile(
    rf"(?<![\w.~–—≤<-])(?<!\bto\s)(?<!\bor\s)(?<!maximum\sof\s)(?P<n>{NUMW})\s+"
    r"(?:(?:treatment|chemotherapy)\s+)?cycles\b",
    re.IGNORECASE,
)
_DAY_ONE = re.compile(r"\b(?:days?|d)\s?(?:1|one)\b|\bfirst\s+day\b", re.IGNORECASE)
_DAYS = re.compile(
    r"\b(?:days?|d)\s?\d{1,2}\s*(?:,|and|&|\+|-|–|to)\s*(?:(?:days?|d)\s?)?\d{1,2}\b"
    r"|\b\d{1,2}\s*[-–]\s*\d{1,2}\s*days\b",
    re.IGNORECASE,
)


def of_cycles(text: str, amounts: list[tuple[int, int]]) -> list[tuple[str | None, int | None] | None]:
    """For each amount (``(start, end)`` in ``text``), the cycle length and number of cycles of its
    clause when it is given once per cycle, else None.

    A cycle ("on day 1 of each 21-day cycle", "q d 21", "3wks x 4 cycles") is the schedule of
    every drug of its clause given on day 1 of it ("Cisplatinum 75 mg/m2 d 1 Pemetrexed 500
    mg/m2 d 1 q d 21"), and of a drug with no days of its own when the clause speaks of cycles
    ("AK104 15mg/kg IV plus anlotinib 1-14days of every 3-week cycle"); never of a drug given on
    several days of it ("Vinorelbine 25mg/m2 D1,8"). Lengths or counts that disagree give none.
    """
    out: list[tuple[str | None, int | None] | None] = [None] * len(amounts)
    maybe_q = "q" in text or "Q" in text or "very" in text
    if not ("ycle" in text or "YCLE" in text or maybe_q and _DAY_ONE.search(text)):
        return out  # most texts: no cycle
    for c_start, c_end in segments(text, _CLAUSE_BREAK):
        idx = [i for i, (s, _) in enumerate(amounts) if c_start <= s < c_end]
        lengths = [(cycle_length(m), "cycle" in text[max(0, m.start() - 12) : m.end() + 12].lower(), m.start())
                   for m in _CYCLE_LENGTH.finditer(text, c_start, c_end)] if idx else []
        counts = [(number(m["n"]), m.start()) for m in _CYCLE_COUNT.finditer(text, c_start, c_end)] if idx else []
        if not (lengths or counts):
            continue
        # "pemetrexed 500mg/m2 (D1, Q3w) + Cisplatin 75mg/m2 (D1, Q3w*4 cycles)": a statement in
        # the parentheses of an amount is that amount's alone
        owned = {i: span for i in idx if (span := _own_parentheses(text, amounts[i]))}
        starts = sorted(amounts[i][0] for i in idx)
        for i in idx:
            others = [span for j, span in owned.items() if j != i]
            mine_l = {(v, c) for v, c, at in lengths if not any(s <= at < e for s, e in others)}
            mine_c = {n for n, at in counts if not any(s <= at < e for s, e in others)}
            length = mine_l.pop()[0] if len({v for v, _ in mine_l}) == 1 else None
            count = mine_c.pop() if len(mine_c) == 1 else None
            if not (length or count):
                continue
            end = amounts[i][1]
            stretch = min([s for s in starts if s >= end] + [c_end])
            name = next((m.start() for m in NAME.finditer(text, end, stretch)
                         if not OWN_NAME_BEFORE.fullmatch(text, end, m.start())
                         and not in_parentheses(text, end, m.start())), stretch)
            cyclic = any(c for _, c, at in lengths if not any(s <= at < e for s, e in others))
            if not _DAYS.search(text, end, name) and (cyclic or _DAY_ONE.search(text, end, name)):
                out[i] = (length, count)
    return out


_PARENTHESES_AFTER = re.compile(r"[^()（）]{0,3}?[(（][^()（）]*[)）]")


def _own_parentheses(text: str, amount: tuple[int, int]) -> tuple[int, int] | None:
    """The parentheses an amount opens or stands in: "500mg/m2 (D1, Q3w)", "pemetrexed (500 mg/m2 on day 1)"."""
    if m := _PARENTHESES_AFTER.match(text, amount[1]):
        return amount[1], m.end()
    if text[max(0, amount[0] - 2) : amount[0]].rstrip().endswith(("(", "（")):
        close = min((at for at in (text.find(")", amount[1]), text.find("）", amount[1])) if at >= 0), default=-1)
        return (amount[1], close) if close >= 0 else None
    return None
