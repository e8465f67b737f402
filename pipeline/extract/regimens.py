"""Which schedule statements of a sentence belong to which of its amounts.

``find_doses`` reads every amount and every schedule statement of a text; when one sentence
holds several amounts ("Durvalumab 1500mg IV q3weeks Pazopanib 800mg QD PO", "either
intravenously at a dosage of 1200mg or subcutaneously at a dosage of 1875 mg"), ``assign``
gives each amount the statements that are its own:

- a statement followed only by filler words and the amount belongs to that amount
  ("subcutaneously at a dosage of 1875 mg", "orally once daily at 150mg/day");
- otherwise it belongs to the amount before it, unless another drug is named in between
  ("6mg qd and cadonilimab IV": the IV is cadonilimab's, and no amount's);
- an amount with no statement of a kind of its own takes the statements made before the first
  amount and, when no other drug is named between the amounts, after the last one ("0.3 mg/kg
  with a target dose of 0.7 mg/kg every 21 days": both every 21 days);
- with every amount in parentheses after its drug, a statement after the parentheses is said of
  every drug of the list ("QL1706 (5 mg/kg) plus bevacizumab (15 mg/kg) every 3 weeks");
- amounts in parentheses within another amount's clause are an aside: a statement after them is
  that amount's ("240mg (120mg bid) once daily"), and they take its interval and route when they
  state none ("2.4 mg ... OW after a dose escalation period (0.25 mg for weeks 0-4, ...)");
- naming the amount's drug again names no other drug ("semaglutide s.c. 2.4 mg and placebo
  matched to semaglutide OW");
- an interval or route after the last amount of drug clauses joined by "+", "plus" or "and" is
  every clause's when no other clause states one ("Empagliflozin 10 mg + Vitamin D3 (2000 IU) +
  Vitamin K2 (100 mcg) Once Daily");
- the phase after "followed by" of the same drug (no name before its amount) takes the route of
  the phase before when it states none ("8 mg orally QD ..., followed by 20 mg QD").

Statements outside the sentences of the amounts count in two cases. A text without an amount
states a schedule only in a sentence that speaks of giving something (``of_dosing_sentences``:
"subcutaneous injection", not "subcutaneous drains"). A sentence without an amount that speaks
of giving something or of cycles ("Cycle repeated every 3 weeks", "take finerenone orally once
daily") states the interval and route of every amount that states none, and its count the
course of those that take its interval (``of_sentences_without_amounts``).

The cycle of a clause is read by ``pipeline.extract.dose_cycles``, the drug names that tell
which drug a statement is said of by ``pipeline.extract.dose_names``.
"""

from __future__ import annotations

import re

from pipeline.extract.dose_names import NAME, another_drug, name_before
from pipeline.extract.dose_text import ADMIN_CONTEXT, SENTENCE_BREAK, segments, speaks_of_dosing, within
from pipeline.extract.routes import GIVING_ONLY
from pipeline.extract.schedules import Schedule, one_value

_THEN = re.compile(r",\s*then\b", re.IGNORECASE)
# Words that may stand between a schedule statement and the amount it introduces
# ("intravenously at a dosage of 1200 mg", "orally once daily at 150 mg/day").
_FILLER = re.compile(
    r"(?:[\s,:;()\-]+|\b(?:at|a|an|the|of|with|as|by|via|dose|dosage|doses|injections?|infusions?|"
    r"administrations?|administered|given|will|be|is|are|drip|bolus|push|slow|route|starting|target|fixed|flat|"
    r"approximately|about|containing|tablets?|capsules?|solution)\b)*",
    re.IGNORECASE,
)
_NAME_THEN_PARENTHESIS = re.compile(r"\s+(?P<name>[A-Za-z][\w-]*)\s*\(\s*")
# "(15 mg/kg) every 3 weeks", "(175 mg/m2 IV) and carboplatin (AUC 6) on day 1 of each cycle"
_OPENS = re.compile(r"\(\s*$")
_APPOSITIONS = re.compile(
    r"[^()]*\)(?:\s*(?:,|and|plus|\+|with|or)\s*(?:[\w-]+\s+){0,3}?\([^()]*\))*[\s,]*"
    r"(?:(?:on|at|in|given|administered|repeated)\s+)*", re.IGNORECASE
)


def _governors(text: str, amounts: list[tuple[int, int]], idx: list[int], seg: tuple[int, int]) -> dict:
    """For each amount of ``idx`` in parentheses that stand in the clause of another amount of the
    segment ("240mg (120mg bid)", "2.4 mg ... OW after a dose escalation period (0.25 mg for weeks
    0-4, 0.5 mg ...)"): that amount's index and where the parentheses close. They must open with a
    number ("(Drug B 5 mg)" names a drug of its own), and parentheses that hold only the amount of
    the word before them ("Vitamin D3 (2000 IU)") are that word's, not another amount's."""
    out: dict[int, tuple[int, int]] = {}
    depth, opened, close_of = 0, [], {}
    for at in range(seg[0], seg[1]):
        ch = text[at]
        if ch in "(（":
            depth, opened = depth + 1, [*opened, at]
        elif ch in ")）" and opened:
            close_of[opened.pop()] = at
            depth -= 1
    starts = sorted(close_of)
    for i in idx:
        open_at = max((o for o in starts if o < amounts[i][0] < close_of[o]), default=None)
        if open_at is None:
            continue
        outside = [j for j in idx if amounts[j][1] <= open_at and not any(o < amounts[j][0] < close_of[o] for o in starts)]
        if not outside:
            continue
        g = outside[-1]
        alone = _APPOSITION.fullmatch(text, open_at, close_of[open_at] + 1)
        if alone and text[amounts[g][1] : open_at].strip() or not _OPENS_WITH_NUMBER.match(text, open_at + 1):
            continue  # "Vitamin D3 ( 2000 IU )": the amount of the word before it; "(Drug B 5 mg)"
        if not another_drug(text, amounts[g][1], open_at, name_before(text, seg[0], amounts[g])):
            out[i] = (g, close_of[open_at])
    return out


_OPENS_WITH_NUMBER = re.compile(r"\s*\d")
_APPOSITION = re.compile(r"[(（][^()（）a-zA-Z]*[\d.,]+\s*[a-zA-Zµμ/%\d^]*\s*[)）]")


def _apposed(text: str, amount: tuple[int, int], start: int) -> bool:
    """True when the amount opens a parenthesis after its drug's name and only other drugs with
    their own parentheses stand between it and ``start``: "QL1706 (5 mg/kg) plus bevacizumab
    (15 mg/kg) every 3 weeks", "CT-2103 (175 mg/m2 IV) and carboplatin (AUC 6) on day 1 of each
    21-day cycle" state the schedule of every drug of the list."""
    return bool(_OPENS.search(text, max(0, amount[0] - 3), amount[0])) and bool(
        _APPOSITIONS.fullmatch(text, amount[1], start)
    )


def _bound_forward(text: str, end: int, target: int, spans: list[tuple[int, int]]) -> bool:
    """True when only filler words and other schedule words separate ``end`` from ``target``."""
    if target - end > 40:
        return False
    between = list(text[end:target])
    for s, e in spans:
        for i in range(max(s, end), min(e, target)):
            between[i - end] = " "
    gap = "".join(between)
    if _FILLER.fullmatch(gap) is not None:
        return True
    # "oral capecitabine (1000 mg/m2 ...) plus IV oxaliplatin (130 mg/m2 ...)": said of the drug
    # named right before the parenthesised amount
    named = _NAME_THEN_PARENTHESIS.fullmatch(gap)
    return named is not None and NAME.fullmatch(named["name"]) is not None


def assign(
    text: str, schedule: Schedule, amounts: list[tuple[int, int]], parts: list[tuple[int, int]]
) -> list[Schedule]:
    """The schedule statements that belong to each amount (``(start, end)`` in ``text``).

    Within a segment holding several amounts, a statement belongs to the amount it introduces
    ("subcutaneously at a dosage of 1875 mg") or else to the amount before it ("1500mg IV
    q3weeks"). An amount that has no statement of a kind of its own takes those stated before
    the first amount and, when no name separates the amounts, after the last one ("0.3 mg/kg
    with a target dose of 0.7 mg/kg every 21 days": both every 21 days).
    """
    out = [Schedule([], [], [], []) for _ in amounts]
    held = [sorted((i for i, (s, _) in enumerate(amounts) if start <= s < end), key=lambda i: amounts[i])
            for start, end in parts]
    for (seg_start, seg_end), idx in zip(parts, held, strict=True):
        if not idx:
            continue
        # (a phase after "then" is not the regimen before it: "400mg/m2 bolus on day 1, then
        # 1200mg/m2/day for 2 days": the 2 days are the infusion's)
        one_regimen = not any(
            another_drug(text, amounts[a][1], amounts[b][0]) or _THEN.search(text, amounts[a][1], amounts[b][0])
            for a, b in zip(idx, idx[1:])
        )
        parenthesised = all(_OPENS.search(text, max(0, amounts[i][0] - 3), amounts[i][0]) for i in idx)
        names: dict[int, str] = {}  # (read only when needed)
        governed = (
            _governors(text, amounts, idx, (seg_start, seg_end))
            if len(idx) > 1 and text.find("(", seg_start, seg_end) >= 0 else {}
        )
        for kind, items in enumerate(schedule):
            items = within(items, seg_start, seg_end)
            spans = [(it[-2], it[-1]) for it in items]
            own: dict[int, list] = {i: [] for i in idx}
            shared: list = []
            for it in items:
                start, end = it[-2], it[-1]
                after = next((i for i in idx if amounts[i][0] >= end), None)
                before = next((i for i in reversed(idx) if amounts[i][0] <= start), None)
                if before in governed and governed[before][1] < start:
                    before = governed[before][0]  # "240mg (120mg bid) once daily": 240mg's
                # (not forward into an aside: "40 mg 4 times per day (160 mg daily)"; nor when it follows an
                # amount directly: "1 mg/kg Q2W, 2 mg/kg Q4W, ...": each interval is of the amount before it)
                glued = before is not None and not text[amounts[before][1] : start].strip()
                if after is not None and len(idx) > 1 and after not in governed and not glued and _bound_forward(
                    text, end, amounts[after][0], spans
                ):
                    own[after].append(it)
                    if before is None:
                        shared.append(it)
                elif before is None:
                    shared.append(it)
                    if len(idx) == 1:
                        own[idx[0]].append(it)
                elif another_drug(text, amounts[before][1], start, names.setdefault(
                    before, name_before(text, seg_start, amounts[before])
                ), joined=True) and not _apposed(
                    text, amounts[before], start
                ):
                    continue  # "6mg qd and cadonilimab IV": the IV is cadonilimab's
                else:
                    own[before].append(it)
                    if before == idx[-1] and (
                        one_regimen or parenthesised and _apposed(text, amounts[before], start)
                    ):
                        shared.append(it)
            for i in idx:
                out[i][kind].extend(own[i] or _shared_with(text, amounts, idx, i, shared))
        _share_after_list(text, amounts, idx, out)
        # an amount in parentheses in another amount's clause takes that amount's interval and route
        # when it states none (the count of the whole course is not the step's)
        for i, (g, _) in governed.items():
            for kind in (1, 2):
                if not out[i][kind]:
                    out[i][kind].extend(out[g][kind])
    _carry_to_escalation(text, amounts, out)
    if sum(map(bool, held)) > 1:
        _share_trailing(text, schedule, amounts, parts, held, out)
        if "ollowed" in text:
            _carry_route(text, schedule, amounts, parts, held, out)
    return out


# "A single intravenous infusion of 1×10^6 CAR-T cells/kg after lymphodepletion with fludarabine
# 30 mg/m2/day ...": the drugs of another event, before or after the first amount's
_OTHER_EVENT = re.compile(
    r"\b(?:after|following|prior\s+to|before|preceded\s+by|pre-?treated\s+with|pretreatment\s+with)\b",
    re.IGNORECASE,
)


def _shared_with(text: str, amounts: list[tuple[int, int]], idx: list[int], i: int, shared: list) -> list:
    """The statements ``shared`` by the amounts of a segment that amount ``i`` takes: not those
    made before the first amount when another drug's event stands between the first amount and
    ``i`` ("A single intravenous infusion of CAR-T cells ... after chemotherapy with
    fludarabine 30 mg/m2/day": neither the count nor the route is fludarabine's)."""
    first = idx[0]
    if i == first or not shared:
        return shared
    event = _OTHER_EVENT.search(text, amounts[first][1], amounts[i][0])
    if event is None or not NAME.search(text, event.end(), amounts[i][0]):
        return shared
    return [it for it in shared if it[-2] >= amounts[first][0]]


# "atezolizumab 1200 mg and bevacizumab 15 mg/kg given intravenously on Day 1 of each 21-day
# cycle": amounts joined into one list, each after its drug's name, then the schedule of all
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|plus\s+|\+\s*|&\s*)(?:[\w-]+\s+){1,3}", re.IGNORECASE)


def _share_after_list(text: str, amounts: list[tuple[int, int]], idx: list[int], out: list) -> None:
    """The interval and route stated after the last amount of such a list are every amount's
    that states none of its own. The list may close a segment that began with another event's
    amount ("1×10^6 CAR-T cells/kg after chemotherapy with fludarabine 30 mg/m2/day and
    cyclophosphamide 300 mg/m2/day for 3 days": the 3 days are both drugs'), and then their
    course is shared too."""
    tail = idx[-1:]
    for a, b in zip(reversed(idx[:-1]), reversed(idx)):
        if not _LIST_GAP.fullmatch(text, amounts[a][1], amounts[b][0]):
            break
        tail.insert(0, a)
    if len(tail) < 2:
        return
    last_end = amounts[tail[-1]][1]
    kinds = (1, 2) if tail == idx else (1, 2, 3)
    for kind in kinds:
        trailing = [it for it in out[tail[-1]][kind] if it[-2] >= last_end]
        if trailing and not any(it[-2] >= last_end for i in tail[:-1] for it in out[i][kind]) and (
            kind == 3 or not any(out[i][kind] for i in tail[:-1])
        ):
            for i in tail[:-1]:
                out[i][kind].extend(trailing)


# "masitinib (3.0 mg/kg/day), given orally twice daily, with a dose escalation to 4.5 mg/kg/day":
# the escalated amount is the same drug, given the same way
_ESCALATION_BEFORE = re.compile(
    r"\b(?:escalat\w*|increas\w*|titrat\w*|rais\w*|uptitrat\w*)\s+(?:up\s+)?to\s+(?:a\s+dose\s+of\s+)?$", re.IGNORECASE
)


def _carry_to_escalation(text: str, amounts: list[tuple[int, int]], out: list) -> None:
    """An amount the text escalates to from the amount before it, in the same sentence, takes that
    amount's route when it states none."""
    for a in range(len(amounts) - 1):
        b = a + 1
        gap_start, gap_end = amounts[a][1], amounts[b][0]
        if (
            out[a].routes and not out[b].routes and gap_end - gap_start < 120
            and _ESCALATION_BEFORE.search(text, gap_start, gap_end)
            and not SENTENCE_BREAK.search(text, gap_start, gap_end)
            and not another_drug(text, gap_start, gap_end, joined=True)
        ):
            out[b].routes.extend(out[a].routes)


_FOLLOWED = re.compile(r",?\s+followed\s+(?:by|with)\s+", re.IGNORECASE)


def _carry_route(
    text: str, schedule: Schedule, amounts: list[tuple[int, int]], parts: list[tuple[int, int]], held: list, out: list
) -> None:
    """The phase after "followed by" of the same drug (no name before its amount: "8 mg orally QD
    ..., followed by 20 mg QD") is given by the route of the phase before when it states none."""
    for prev, (start, end), mine in zip(parts, parts[1:], held[1:]):
        if not mine or not _FOLLOWED.fullmatch(text, prev[1], start) or within(schedule.routes, start, end):
            continue
        routes = within(schedule.routes, *prev)
        if routes and one_value(routes) and not NAME.search(text, start, amounts[mine[0]][0]):
            for i in mine:
                out[i].routes.extend(routes)


# Clauses of drugs joined into one list: "Empagliflozin 10 mg + Vitamin D3 (2000 IU) + ...".
_JOINED = re.compile(r"\s+(?:and|plus|\+|combined\s+with)\s+", re.IGNORECASE)


def _share_trailing(
    text: str, schedule: Schedule, amounts: list[tuple[int, int]], parts: list[tuple[int, int]], held: list, out: list
) -> None:
    """An interval or route stated after the last amount of a list of drug clauses joined by "+",
    "plus", "and" ("Empagliflozin 10 mg oral tablets + Vitamin D3 (2000 IU) + Vitamin K2 (100 mcg)
    Once Daily") is said of every clause of the list when no other clause states one of that kind."""
    chain: list[int] = []  # indices in ``parts`` of the clauses joined so far
    for k in [*range(len(parts)), None]:
        if k is not None and held[k] and chain and _JOINED.fullmatch(text, parts[chain[-1]][1], parts[k][0]):
            chain.append(k)
            continue
        if len(chain) > 1:
            last = parts[chain[-1]]
            end = max(amounts[i][1] for i in held[chain[-1]])
            for kind in (1, 2):
                trailing = within(schedule[kind], *last)
                if trailing and all(it[-2] >= end for it in trailing) and not any(
                    within(schedule[kind], *parts[c]) for c in chain[:-1]
                ):
                    for i in (i for c in chain[:-1] for i in held[c]):
                        if not out[i][kind]:
                            out[i][kind].extend(trailing)
        chain = [k] if k is not None and held[k] else []


# A sentence without an amount states the schedule of the text's amounts when it speaks of
# giving something, or of its cycles ("Cycles repeat every 21 days").
_GENERAL_CONTEXT = re.compile(rf"{ADMIN_CONTEXT.pattern}|\bcycles?\b|\b(?:oral|intravenous|subcutaneous)ly\b", re.I)


def of_dosing_sentences(text: str, schedule: Schedule) -> Schedule:
    """The statements of ``schedule`` made in sentences that speak of administering something: a
    word of administration or a drug, a route adverb ("orally"), or a route that is only ever a
    way of giving (``routes.GIVING_ONLY``: "Intrathecal ..."). Another route adjective needs such a
    word ("subcutaneous injection", not "subcutaneous drains"); abbreviations ("SC", "IV") are
    only read beside such words already."""
    if not (schedule.counts or schedule.intervals or schedule.routes):
        return schedule
    spots = [it[-2] for items in schedule for it in items]
    dosing = [
        (s, e) for s, e in segments(text, SENTENCE_BREAK)
        if any(s <= at < e for at in spots)
        and (speaks_of_dosing(text, s, e)
             or any(s <= rs < e and (text[rs:re_].lower().endswith("ly") or re_ - rs <= 5 or route in GIVING_ONLY)
                    for route, rs, re_ in schedule.routes))
    ]
    return Schedule(*([it for it in items if any(s <= it[-2] < e for s, e in dosing)] for items in schedule))


def of_sentences_without_amounts(text: str, schedule: Schedule, amounts: list[int]) -> Schedule:
    """The statements of the sentences of ``text`` that hold none of ``amounts`` (their start) but
    speak of giving something ("The combination ... will be administered for 4 cycles in total by
    each cycle of 21 days")."""
    sentences = [
        (s, e) for s, e in segments(text, SENTENCE_BREAK)
        if not any(s <= a < e for a in amounts) and _GENERAL_CONTEXT.search(text, s, e)
    ]
    return Schedule(*([it for it in items if any(s <= it[-2] < e for s, e in sentences)] for items in schedule))
