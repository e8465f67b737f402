"""Amounts stated in dose text: a number (or range), its unit and what it is per.

``read_amounts(text)`` finds every amount of a text cleaned by ``find_doses`` (no markdown
escapes, superscripts as "^"), each with its place in the text; ``pipeline.extract.doses``
gives each its schedule and route.

Decisions (precision first: an amount that cannot be read is left out, never guessed)
- Several numbers before one unit are several amounts: a fixed-dose combination ("200/6 mcg")
  or alternatives ("60 or 40 mg"); "1-2 × 10^6" and "between 1 and 2 million" are ranges.
- Counts without a cell noun ("1.5 × 10E6", "2e6/kg") are cells only when the text speaks of
  cells; concentrations ("cells/mL", "mg/mL") and lab values ("0.5×10^9/L") are not doses.
- A volume is a dose only when it is the product itself ("1 mL of the TG-C cells"): not a
  volume in parentheses after another amount, not "in 2 mL saline", not "10 mL of blood", not
  what a vial contains. In a text about cells it must be the volume of the cells, and a cell
  count, when the text gives one, is the dose instead of its volume. Nor is the size of a
  container ("60cc suction syringes") or any volume of a sentence that irrigates, drains or
  sucks. "cc" is mL. Saline is a dose only in a text with no amount of another unit that does
  not rinse with it ("100 mL Normal Saline" of a placebo arm, "30ml of normal saline ... (total
  60ml)").
- An amount after "corresponding (volume) to" names another arm's dose, not this one's.
- "per day" after the amount's own words ("4.5 g of resistant starch ..., per day") is what it
  is per, as right after its unit; not after a number of doses ("twice per day").
- Units ("12 U", "10 units") are doses only of products measured in units (insulin, heparin,
  toxins), and not a titration step ("adjustments of 2 units") or a content ("contains 100 units").
- A number read with a stray space ("DEXM 1. 5 µg/kg") is left unread rather than read as 5.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_DIGIT = re.compile(r"\d")

_NUM = r"(?<![A-Za-z])\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+|,\d{1,2}(?!\d))?"
_TIMES = r"\s*[x×X✕⨯*·]\s*"
_QTY = re.compile(
    # not the digits after "3," of "1,300" or "3,5", but those of "Cohort3,120mg" (glued to a word)
    # nor after "-" but for the second end of a range of one unit ("5cc-10cc", "5mg-10mg")
    r"(?=\d)(?:(?<![\d^/-])|(?<=cc-)|(?<=mg-)|(?<=ml-)|(?<=mL-))"
    r"(?<!\d\.)(?:(?<!\d,)|(?<=[A-Za-z]\d,)|(?<=[A-Za-z]\d\d,))"
    rf"(?P<a>{_NUM})(?:\s*(?:-|–|—|~|to)\s*(?P<b>{_NUM}))?"
    r"(?:"
    rf"{_TIMES}10\s*(?:\^|\*\*|[eE]|~)\s*\+?(?P<paren>\()?(?P<exp>\d{{1,2}})(?(paren)\))(?!\d)"  # 5.0×10^7, 1.5 × 10E6, 10~6
    rf"|{_TIMES}(?P<written>10(?:,000)+)(?![\d,])"  # 5x10,000,000 (the power written out)
    rf"|{_TIMES}10(?P<lost>\d{{1,2}})(?!\d)"  # 1 x 107 (superscript lost, see read_amounts)
    rf"|{_TIMES}10\s*\^?\s*\{{(?P<brace>\d{{1,2}})\}}"  # 10^{7}
    r"|[eE]\+?(?P<enot>\d{1,2})(?![\w])"  # 2e6
    r"|\s*(?P<word>million|billion|thousand|mln|bn|M(?=\s*cells\b))\b"  # ("25M cells": 25 million)
    r"|\s*\^\s*(?P<pow>\d{1,2})(?!\d)"  # 10^7 (no mantissa)
    r")?",
)
_PARTS_BEFORE = re.compile(r"\(\s*(?P<n>\d{1,2})\s*[x×]\s*$")
_LOST_NEXT = re.compile(rf"\s*(?:-|–|to|,?\s*and|,?\s*or|,)\s*(?:{_NUM}){_TIMES}10\d{{1,2}}(?!\d)")


def _lost_series_of_cells(rest: str) -> bool:
    """True when an amount with a lost superscript opens a range or list of such amounts that
    ends in a cell noun: "1.0 x109 to 10x109 transduced cells", "0.25×108, 1×108 and 2×108 CAR-T"."""
    pos, steps = 0, 0
    while (m := _LOST_NEXT.match(rest, pos)) and steps < 6:
        pos, steps = m.end(), steps + 1
    return steps > 0 and _CELL_NOUN.match(rest, pos) is not None
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|~|to|and)\s*")
_CELL_NOUN = re.compile(
    r"\s*(?:of\s+)?(?:(?!per\b|and\b|or\b|in\b|to\b|for\b|of\b|at\b|mg\b|ml\b)[A-Za-z][\w+-]*\s+){0,2}?"
    # (a plural acronym of cells: "75 million CDCs", "ADSCs")
    r"(?:cells?|(?:[A-Za-z]+-)?[A-Za-z]*-?MSCs?|(?-i:[A-Z]{1,3}SCs?)|NSCs?|NPCs?|Tregs?|CAR-?T(?:\s+cells)?|TNCs?|PBMCs?|MNCs?|(?-i:[A-Z][A-Za-z]{0,4}Cs))\b",
    re.IGNORECASE,
)
# A counted cell product named by more words ("1.0 x 10^8 CAR-positive viable T cells"): read
# only after a large number (10^n, "million"), where a count of something else is unlikely.
_CELL_NOUN_LONG = re.compile(
    r"\s*(?:of\s+)?(?:(?!(?:per|and|or|in|to|for|of|at|with|from|by|on|the|a|an|this|that|these|their|who|which|were|was|are|is|be|"
    r"been|will|has|have|had|before|after|than|people|patients?|participants?|subjects?|mg|ml)\b)[A-Za-z][\w+-]*\s+){3,5}?"
    r"(?:cells?|T[-\s]?cells?|[A-Za-z]*-?MSCs?)\b",
    re.IGNORECASE,
)
# "BMMNC 2 x 10^8 injected intrathecally": a count of the cells named before it, then how it is given
_GIVEN_AFTER = re.compile(
    r"\s*(?:injected|infused|administered|given|transplanted|implanted|delivered|intravenously|intrathecally|"
    r"IV|i\.v\.|IT|via|by\s+(?:intravenous|intrathecal|injection|infusion|lumbar))\b",
    re.IGNORECASE,
)
_MASS_UNIT = re.compile(
    r"\s*(?P<u>mg|µg|μg|ug|mcgr|mcg|Mcg|MCG|g|ng|mL|ml|IU|international\s+units|MIU|"
    r"(?i:milligrams?|micrograms?|grams?|millilit(?:er|re)s?)|cc|units?|U)(?![a-zA-Z])"  # ("50 Micrograms")
)
# "Novolin 30R 12 U before breakfast": units are a dose of a product measured in units (insulin,
# heparin, toxins); elsewhere "2 units" is a score, a drink or a blood bag. "adjustments of 2
# units" is a titration step and "contains 100 units" a concentration, not a dose.
_UNIT_PRODUCT = re.compile(
    r"insulin|heparin|toxin|botox|dysport|xeomin|epoetin|erythropoietin|interferon|interleukin|vitamin|"
    r"glargine|aspart|lispro|detemir|degludec|novolin|novomix|humulin|humalog|lantus|toujeo|tresiba|levemir|"
    r"basaglar|oxytocin|urokinase|alteplase|factor\s+(?:VIII|IX)",
    re.IGNORECASE,
)
_UNIT_STEP_BEFORE = re.compile(
    r"(?:adjust\w*|increas\w*|decreas\w*|titrat\w*|reduc\w*|rais\w*|lower\w*|chang\w*|contain\w*)"
    r"(?:\s+(?:of|by|with|to))?\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE,
)
_UNIT_NAMES = {"mg": "mg", "µg": "µg", "μg": "µg", "ug": "µg", "mcg": "µg", "mcgr": "µg", "g": "g", "ng": "ng",
               "ml": "mL", "iu": "IU", "international units": "IU", "miu": "IU", "milligram": "mg",
               "milligrams": "mg", "microgram": "µg", "micrograms": "µg", "gram": "g", "grams": "g",
               "milliliter": "mL", "milliliters": "mL", "millilitre": "mL", "millilitres": "mL", "u": "IU",
               "unit": "IU", "units": "IU", "cc": "mL"}  # fmt: skip
_PER_STEP = re.compile(
    r"\s*(?:/|\bper\b|(?:\bfor\s+)?\beach\b)\s*(?P<p>person|participants?|patients?|subjects?|doses?|injections?|"
    r"infusions?|administrations?|treatments?|sessions?|inhalations?|puffs?|actuations?|"
    r"kg\s*BW|kg|kilograms?|body\s+kg|m2|m\s?\^\s?2|m²|square\s+met(?:er|re)s?|"  # ("mg/m ^ 2")
    r"day|daily|d|dL|L|mL|ml|cc|µL|uL|mm3|mm\^3|min|minute|h|hr|hour|vial|bag|bottle|ampoule|ampule|"
    r"site|side|level|disc|times?)\b",
    re.IGNORECASE,
)
# "40 mg p.o./day": the route's abbreviation between an amount and what it is per.
_ROUTE_BEFORE_PER_DAY = re.compile(r"[ \t]*(?:p\.o\.|i\.v\.|s\.c\.|PO|IV|SC|po)(?=[ \t]*/[ \t]*(?:day|d)\b)")
# "1-5 x 10^7 Total Nucleated Cells (TNC)/kilogram": the cells' acronym before what they are per
_ACRONYM_BEFORE_PER = re.compile(r"[ \t]*(?:counts?[ \t]*)?\([A-Za-z-]{2,8}\)(?=[ \t]*(?:/|per\b))")
_PER_NAMES = {"dose": "dose", "injection": "dose", "infusion": "dose", "administration": "dose", "time": "dose",
              "inhalation": "dose", "puff": "dose", "actuation": "dose",
              "treatment": "dose", "session": "dose", "kg": "kg", "kilogram": "kg", "m2": "m2", "m^2": "m2",
              "m²": "m2", "square meter": "m2", "square metre": "m2", "day": "day", "d": "day",
              "daily": "day"}  # fmt: skip
_PERSON = {"person", "participant", "patient", "subject"}
_NOT_A_DOSE_PER = {"dl", "l", "ml", "cc", "µl", "ul", "mm3", "mm^3", "min", "minute", "h", "hr", "hour", "vial", "bag",
                   "bottle", "ampoule", "ampule"}
# "370 mg I/mL" (iodine per mL of a contrast agent) is a concentration too.
_ELEMENT_PER_VOLUME = re.compile(r"[ \t]*[A-Z][a-z]?[ \t]*/[ \t]*(?:mL|ml|cc|L|dL)\b")
# "75 g OGTT": the glucose of a diagnostic test, not a dose of the intervention.
_DIAGNOSTIC_AFTER = re.compile(
    r"\s*(?:of\s+)?(?:oral\s+)?(?:glucose\s+)?(?:\(?OGTT|tolerance\s+test|glucose\s+(?:load|challenge|drink|solution))",
    re.I,
)
# "6mg/8mg/10mg": alternatives, each with its unit.
_SLASHED_SAME_UNIT = re.compile(
    r"(?<=\d)[ \t]*(mg|µg|μg|ug|mcg|g)[ \t]*/[ \t]*(?=(\d+(?:\.\d+)?)[ \t]*\1(?![a-zA-Z])(?!/\s*(?:kg|m2|m²|day|d)\b))"
)
_BODY_WEIGHT = re.compile(r"\s*(?:of\s+)?body\s*weight\b", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(
    r"\btotal(?:\s+(?:cell\s+)?dose)?\s*:?\s+(?:of\s+)?(?:(?:approximately|about|up\s+to|around|~)\s*)?$", re.IGNORECASE
)
_TOTAL_AFTER = re.compile(r"^[\w\s-]{0,20}?\bin\s+(?:total|all)\b", re.IGNORECASE)  # ("8~10 billion cells in all")
# "4.5 g of resistant starch from green banana biomass, per day", "200ml by IV infusion per day":
# the amount's words, then "per day" (not "twice per day", "3 times per day": several doses a day).
_PER_DAY_APART = re.compile(
    r"(?:,?\s+(?!(?:once|twice|thrice|times|two|three|four|divided|and|or|then)\b)[A-Za-z][\w-]*){1,7}?"
    r",?\s+per\s+day\b",
    re.IGNORECASE,
)
# "DEXM 1. 5 µg/kg" is 1.5 with a stray space, "1. 5 mg daily" may be item 1 of a list: unread.
_BROKEN_DECIMAL = re.compile(r"(?:^|[^\w.])\d\.[ \t]$")
_STRENGTH_AFTER = re.compile(r"\s*/\s*\d+(?:\.\d+)?\s*(?:mL|ml|cc|L)\b")
_PACK_BEFORE = re.compile(r"\b(?:vials?|ampoules?|ampules?|syringes?|bottles?|pens?|strength|concentration)\b", re.I)
_TOLERANCE = re.compile(r"\s*(?:±|\+/-)\s*\d+(?:\.\d+)?\s*%")  # "30×10^6 ±30% viable cells"
_TIME_POINT_BEFORE = re.compile(r"\b(?:day|week|month|visit|cycle|wk)\s*$", re.IGNORECASE)
# (a cap is no dose: "8 mg/kg (maximum 800 mg)", "not to exceed 1 g")
_COMPARATOR_BEFORE = re.compile(
    r"(?:[<>≤≥]=?|=\s*[<>]|more\s+than|less\s+than|at\s+least|above|below|over|\bmaximum(?:\s+(?:total\s+)?dose)?(?:\s+of)?|"
    r"\bmax\.?|not\s+(?:to\s+)?exceed(?:ing)?)\s*:?\s*$",
    re.I,
)
_REFERENCE = re.compile(
    r"\b(?:corresponding\s+(?:volume\s+|amount\s+)?to|(?:volume|amount)\s+(?:corresponding|equivalent|equal)\s+to)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;]\s|\n")
_COUNT_NOT_CELLS = re.compile(
    r"^\s*(?:/\s*(?:L|µL|uL|mL|mm3|mm\^3|l)\b|copies|vg|viral|genome|IU|PFU|TCID|CFU|particles|units)", re.I
)
_MENTIONS_CELLS = re.compile(r"\bcell|\bMSC|\bTreg|\bCAR-?T\b", re.IGNORECASE)
_VOLUME_NOT_DOSE_BEFORE = re.compile(
    # ("three doses (0.5 mL each) of vaccine": the volume of each dose)
    r"(?:(?<!doses\s)(?<!dose\s)\(\s*|\bin\s+(?:a\s+)?(?:total\s+)?(?:volume\s+of\s+)?|\bdiluted\s+(?:in|to|with)\s+|"
    r"(?:containers?|vials?|syringes?|ampoules?|bottles?)\s+of\s+|"
    # "with 2 mL" dilutes, but "an epidural injection with 2cc of PL" gives the product
    r"suspended\s+in\s+|(?<!injection\s)(?<!injections\s)(?<!infusion\s)(?<!treated\s)with\s+|"
    r"\bin\s+(?:sterile\s+)?(?:water|saline|dextrose|glucose)(?:\s+for\s+injection)?\s*|"
    r"\bcontain(?:s|ing)?\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:of\s+)?|"
    r"\b(?:withdrawable|nominal|fill)\s+(?:volume\s+|fill\s+)?(?:of\s+)?)$",
    re.IGNORECASE,
)
_VOLUME_NOT_DOSE_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:\w+\s+){0,2}?(?:blood|bone\s+marrow|marrow|aspirate|fat|lipoaspirate|CSF|"
    r"cerebrospinal|urine|plasma|tissue)\b|^\s*(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?contains?\b"
    r"|^\s*(?:[\w-]+\s+)?(?:syringes?|vials?|bags?|bottles?|containers?|ampoules?|tubes?)\b",  # "60cc suction syringes"
    re.IGNORECASE,
)
# "Ketorolac 30 mg (total volume of compound is 100 mL)": a volume in parentheses after an amount
# of another unit ("30mL bilaterally (total 60ml)" is the total of the same product).
_OPEN_PARENTHESIS = re.compile(r"\([^()]*$")
# Saline is the dose of a placebo arm ("100 mL Normal Saline ... paraspinal muscle injection"),
# but a diluent beside a drug's amount, and no dose at all when it rinses ("irrigated with").
_SALINE_AFTER = re.compile(r"\s*(?:of\s+)?(?:[\w.%]+\s+){0,2}?(?:saline|sodium\s+chloride|NaCl)\b", re.I)
# Nor is any volume of a sentence that irrigates, drains or sucks ("suction ... for 100 cc fluid").
_NOT_GIVEN = re.compile(r"irrigat|wash|flush|rins|drain|dilut|lavage|suction", re.I)
# In a text about cells, a volume is the dose only when it is the volume of the cells
# ("1 mL of the combined TG-C cells"), not of a medium beside them ("9 mL CS10 and 1 mL ...").
_VOLUME_OF_CELLS = re.compile(
    r"\s*(?:per\s+injection(?:\s+site)?\s+)?(?:volume\s+)?(?:of\s+)?(?:the\s+)?(?:(?!and\b|or\b|in\b|with\b|plus\b)[\w+-]+\s+){0,3}?"
    r"(?:cells?|cell\s+suspension)\b",
    re.IGNORECASE,
)
# A fixed-dose combination: two amounts before one unit ("NEXThaler 200/6 mcg").
_COMBINATION = re.compile(
    r"(?<![\w.^/-])(?P<a>\d+(?:\.\d+)?)\s*/\s*(?P<b>\d+(?:\.\d+)?)\s*(?P<u>mg|µg|μg|ug|mcg|g|ng)(?![a-zA-Z/])"
)
# Alternatives that share the unit of the last one ("Osimertinib 60 or 40 mg").
_ALTERNATIVE_JOIN = re.compile(r"\s*(?:,\s*(?:or\s+|and\s+)?|or\s+|and\s+|versus\s+|vs\.?\s+)")
_ALTERNATIVE_LAST = re.compile(r"\s*,?\s*(?:or|and|versus|vs\.?)\s+")  # ("100 versus 200 mcg IT morphine")
# "and" joins a list of doses only after a comma-separated number ("5, 20 and 40 mg/kg"); a lone
# "20 and 40 mg" may be a range ("between 20 and 40 mg") and is left as before
_AND_LIST = re.compile(r"\s*,?\s*and\s+")

def _to_float(s: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    return float(s.replace(",", "."))


class Amount(NamedTuple):
    value: float
    value_max: float | None
    unit: str
    per: str | None
    start: int
    end: int


def _per_after(text: str, pos: int) -> tuple[str | None, int]:
    """What an amount is per ("/kg", "per dose", "/person/dose"), and where its words end;
    'reject' for a concentration or a lab value ("mg/mL", "cells/µL")."""
    per: str | None = None
    route = _ROUTE_BEFORE_PER_DAY.match(text, pos) or _ACRONYM_BEFORE_PER.match(text, pos)
    pos = route.end() if route else pos
    for _ in range(3):
        step = _PER_STEP.match(text, pos)
        if not step:
            break
        p = step["p"].lower().rstrip("s") if step["p"].lower() not in ("days", "kg") else step["p"].lower()
        p = "kg" if p.startswith(("kg", "body")) else "m2" if p.startswith("m") and p.endswith("2") else p  # "/KgBW", "m ^ 2"
        if p in _NOT_A_DOSE_PER:
            return "reject", pos
        if p not in _PERSON and p not in ("site", "side", "level", "disc"):
            per = per or _PER_NAMES.get(p, _PER_NAMES.get(step["p"].lower()))
        pos = step.end()
    bw = _BODY_WEIGHT.match(text, pos)
    return per, bw.end() if bw else pos


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(". ", 0, pos) + 1, text.rfind("; ", 0, pos) + 1, text.rfind("\n", 0, pos) + 1)


def _sentence_end(text: str, pos: int) -> int:
    ends = [e for e in (text.find(". ", pos), text.find("; ", pos), text.find("\n", pos)) if e >= 0]
    return min(ends, default=len(text))


def _combinations(text: str) -> list[Amount]:
    """Both amounts of each fixed-dose combination ("200/6 mcg" -> 200 µg and 6 µg)."""
    found = []
    for m in _COMBINATION.finditer(text):
        unit = _UNIT_NAMES.get(m["u"].lower(), m["u"])
        per, pos = _per_after(text, m.end())
        if per == "reject":
            continue
        if per is None and _TOTAL_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
            per = "total"
        found.append(Amount(float(m["a"]), None, unit, per, m.start("a"), m.end("a")))
        found.append(Amount(float(m["b"]), None, unit, per, m.start("b"), pos))
    return found


def _slashed(text: str) -> list[Amount]:
    """The amounts after the first of "6mg/8mg/10mg" (the first is read as usual)."""
    found = []
    for m in _SLASHED_SAME_UNIT.finditer(text):
        number = re.compile(r"\d+(?:\.\d+)?[ \t]*" + re.escape(m.group(1))).match(text, m.end())
        per, pos = _per_after(text, number.end()) if number else ("reject", 0)
        if per != "reject":
            found.append(Amount(float(m.group(2)), None, _UNIT_NAMES[m.group(1).lower()], per, m.end(), pos))
    return found


# "Tucatinib 150 mg and 50 mg tablets taken at a dose of 300 mg": the strengths a product comes in
# are no doses when the text states the dose given.
_DOSE_OF_BEFORE = re.compile(r"\b(?:at\s+)?(?:a|the)\s+(?:daily\s+|total\s+|starting\s+|single\s+)?dose\s+of\s*$", re.I)
_FORM_AFTER = re.compile(
    r"(?:\s*(?:,|and|or)\s*\d+(?:\.\d+)?\s*(?:mg|µg|mcg|g)\b)*\s*(?:film[-\s]coated\s+)?(?:tablets?|capsules?|pills?)\b",
    re.I,
)


def _without_strengths(text: str, found: list[Amount]) -> list[Amount]:
    given = [a for a in found if _DOSE_OF_BEFORE.search(text, max(0, a.start - 30), a.start)]
    if not given:
        return found
    return [a for a in found if a in given or not _FORM_AFTER.match(text, a.end)]


def read_amounts(text: str) -> list[Amount]:
    if not _DIGIT.search(text):  # every amount has a digit
        return []
    mentions_cells = bool(_MENTIONS_CELLS.search(text))
    # clauses that name another arm's amount: "Corresponding volume to 100 mg/day" (a placebo)
    references = [m.end() for m in _REFERENCE.finditer(text)] if "orrespond" in text or "qu" in text else []
    found: list[Amount] = _combinations(text) + _slashed(text)
    taken = [(a.start, a.end) for a in found]
    pending: tuple[float, int, int] | None = None  # a bare number before "and"/"to": the low end of a range
    alternatives: list[tuple[float, int, int]] = []  # bare numbers before "or": "60 or 40 mg"
    saline: set[int] = set()  # where the volumes of saline start
    for m in _QTY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        a, b = _to_float(m["a"]), (_to_float(m["b"]) if m["b"] else None)
        if b is not None and _TIME_POINT_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            a, b = b, None  # "then week 1 to 18.75 mg": from week 1 the dose is 18.75 mg
        scale: float | None = None
        lost = False
        if m["enot"] and m.start() and text[m.start() - 1].isalpha():
            continue  # "CTX0E03": a product code, not 0 × 10^3
        if m["exp"] or m["brace"] or m["enot"]:
            scale = 10.0 ** int(m["exp"] or m["brace"] or m["enot"])
        elif m["written"]:
            scale = float(m["written"].replace(",", ""))
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
        tolerance = _TOLERANCE.match(text, m.end()) if scale is not None else None
        rest = text[tolerance.end() if tolerance else m.end() :]
        before = text[: m.start()]
        low = None
        start = m.start()
        if pending and _RANGE_JOIN.fullmatch(text[pending[1] : m.start()]) and scale is not None:
            low, start = pending[0], pending[2]
        bare = (
            scale is None and b is None and not _MASS_UNIT.match(rest) and not _CELL_NOUN.match(rest)
            and not (m.start() and text[m.start() - 1].isalnum())
        )
        if not (alternatives and _ALTERNATIVE_JOIN.fullmatch(text[alternatives[-1][1] : m.start()])):
            alternatives = []
        last_or = alternatives and _ALTERNATIVE_LAST.fullmatch(text[alternatives[-1][1] : m.start()])
        if last_or and _AND_LIST.fullmatch(last_or.group()) and len(alternatives) < 2:
            last_or = None  # "20 and 40 mg": no list of doses ("between 20 and 40 mg")
        chosen = alternatives if last_or else []
        alternatives = [*alternatives, (a, m.end(), m.start())] if bare else []
        pending = (a, m.end(), m.start()) if scale is None and b is None else None
        if _COMPARATOR_BEFORE.search(before[-30:]) or _BROKEN_DECIMAL.search(before[-5:]) or any(
            r <= m.start() and not _CLAUSE_END.search(text, r, m.start()) for r in references
        ):
            continue
        cell = _CELL_NOUN.match(rest) or (_CELL_NOUN_LONG.match(rest) if scale and scale >= 1e3 else None)
        unit_end = tolerance.end() if tolerance else m.end()
        if cell and scale is None and m.start() and text[m.start() - 1].isalpha():
            continue  # "CD7 CAR-T cells", "IL2 cells": the number names a marker, not a count
        if cell:
            unit, unit_end = "cells", unit_end + cell.end()
        elif lost and not _lost_series_of_cells(rest):
            continue  # (but "1.0 x109 to 10x109 transduced cells" is the low end of a range of cells)
        elif lost:
            unit = "cells"
        elif scale is not None and scale >= 1e3 and mentions_cells and not _COUNT_NOT_CELLS.match(rest):
            # ("1 x 10^9 to 2 x 10^11 cells": the low end of a range)
            # ("1 x 10^9 to 2 x 10^11 cells", "1.0×10^8, 2.0×10^8 and5.0×10^8 cells": a range or a list)
            if re.match(r"\s*[A-Za-z]", rest) and not re.match(r"\s*(?:per\b|each\b|to\s+(?=\d)|(?:and|or)\s*(?=\d))", rest, re.I) and not (
                _GIVEN_AFTER.match(rest)
            ):
                continue  # "2 million people": a count of something else
            unit = "cells"
        else:
            mass = _MASS_UNIT.match(rest)
            if not mass:
                continue
            unit = _UNIT_NAMES.get(mass["u"].lower(), mass["u"])
            unit_end = (tolerance.end() if tolerance else m.end()) + mass.end()
            if mass["u"].lower() in ("u", "unit", "units") and (
                not _UNIT_PRODUCT.search(text) or _UNIT_STEP_BEFORE.search(before[-40:])
            ):
                continue
            if _ELEMENT_PER_VOLUME.match(text, unit_end) or _DIAGNOSTIC_AFTER.match(text, unit_end):
                continue
            if scale is not None:
                a, b, scale = a * scale, (b * scale if b is not None else None), None
            if unit == "mL" and (
                _VOLUME_NOT_DOSE_BEFORE.search(before[-45:])
                or found and found[-1].unit != "mL" and _OPEN_PARENTHESIS.search(before[-50:])
                or _VOLUME_NOT_DOSE_AFTER.match(text[unit_end:])
                or mentions_cells and not _VOLUME_OF_CELLS.match(text, unit_end)
                or _NOT_GIVEN.search(text, _sentence_start(text, m.start()), _sentence_end(text, unit_end))
            ):
                continue
            if _SALINE_AFTER.match(text, unit_end):
                saline.add(start)
        per, pos = _per_after(text, unit_end)
        if per == "reject":
            continue
        if _STRENGTH_AFTER.match(text, unit_end) and _PACK_BEFORE.search(before[-40:]):
            continue  # "Sterile vial 50mg/0.5mL": what a vial holds, not a dose
        if per is None and (_TOTAL_BEFORE.search(before[-40:]) or _TOTAL_AFTER.match(text[pos:])):
            per = "total"
        elif per is None and "per day" in text and _PER_DAY_APART.match(text, pos):
            per = "day"
        factor = scale if scale is not None else 1.0
        value = a * factor
        value_max = b * factor if b is not None else None
        if low is not None and b is None:
            value, value_max = low * factor, value
        if chosen and low is None:  # "60 or 40 mg": each alternative is a dose of its own
            found.extend(Amount(alt * factor, None, unit, per, s, e) for alt, e, s in chosen)
        prev = found[-1] if found else None
        if prev and (parts := _PARTS_BEFORE.search(before[-14:])) and prev.unit == unit and (
            abs(prev.value - int(parts["n"]) * value) < 1e-9
        ):
            continue  # "160mg (4 x 40mg tablets)": what the dose is made of
        if (
            prev
            and prev.value_max is None
            and value_max is None
            and prev.unit == unit
            and value > prev.value
            and re.fullmatch(r"\s*(?:-|–|—|to)\s*", text[prev.end : m.start()])
        ):  # "1 x 10^6 cells/kg to 2 x 10^6 cells/kg"
            found[-1] = Amount(prev.value, value, unit, per or prev.per, prev.start, pos)
            continue
        found.append(Amount(value, value_max, unit, per, start, pos))
    if "dose of" in text and len(found) > 1:
        found = _without_strengths(text, found)
    if any(a.unit == "cells" for a in found):  # the cell count is the dose, not its volume
        found = [a for a in found if a.unit != "mL"]
    if saline and (_NOT_GIVEN.search(text) or any(a.start not in saline and a.unit != "mL" for a in found)):
        found = [a for a in found if a.start not in saline]
    return sorted(found, key=lambda a: a.start)


