"""Where the sentences and clauses of a dose text are, and which of them speak of giving a drug.

``segments`` cuts a text into sentences, bullets and the clauses that start a new drug or a new
phase ("... and Erlotinib orally ...", "..., followed by 200 mg every 2 weeks"): the schedule
words of a segment belong to its amounts (``pipeline.extract.regimens``). ``speaks_of_dosing``
tells whether a sentence speaks of giving something: only then does a schedule stated without an
amount count ("subcutaneous injection every 2 weeks", not "a 30 minute walk once per day").
"""

from __future__ import annotations

import re

# A text without an amount states a dosing schedule only beside one of these: words of
# administration, drug classes, the endings of drug names (INN stems), or "receive" with a
# product code or drug name ("Subjects receive AK112 on Day 1 of every 3-week cycle").
# "receive" and "treatment" alone are not enough ("receive a consultation every 14 weeks").
INN_STEM = (  # three letters at least before the stem: not "except", "April" (also cells.py's drug names)
    r"\w{3,}(?:mab|nib|cept|platin|taxel|rubicin|parin|glutide|gliflozin|tide|stat|sartan|pril|olol|azole|vir|"
    r"mycin|cillin|tinib|ciclib|lisib|trexed|citabine|fosfamide|poside|tecan|mustine|leucel|"
    # the lymphodepletion and conditioning drugs given with cell therapies: fludarabine,
    # cyclophosphamide, busulfan, melphalan, methotrexate, aldesleukin, tacrolimus, filgrastim
    r"arabine|phosphamide|sulfan|phalan|trexate|leukin|limus|grastim|"
    r"kinra|mide|dipine|gliptin|sertib)"  # (anakinra, lenalidomide, amlodipine, sitagliptin, ...)
)
# ("insulin dose adjustments every 7 days" adjust the dose: they give nothing.)
ADMIN_CONTEXT = re.compile(
    r"inject|infus|administ|dose(?!\s+(?:adjust|modif|titrat))|dosing|transplant|implant|instill|given|deliver|graft|bolus|"
    r"tablet|capsule|applied|spray|\bdrops?\b|cream|ointment|lotion|inhal|drug|medication|medicine|vaccin|placebo|chemotherap|"
    rf"immunotherap|inhibitor|\b{INN_STEM}\b|\breceiv\w*\s+(?:[\w-]+\s+){{0,2}}?[A-Z][A-Za-z]*-?\d[\w-]*",
    re.IGNORECASE,
)
# Sentences and bullets: where a word of administration makes a schedule without an amount count.
# After a dotted abbreviation ("s.c.", "i.v.") only a capital starts a sentence: "semaglutide s.c.
# 2.4 mg" is one.
_STOP = r"(?<=[.;!?])(?:(?<![A-Za-z]\.[A-Za-z]\.)\s+(?=[A-Z0-9(])|\s+(?=[A-Z]))"
SENTENCE_BREAK = re.compile(rf"\n+|{_STOP}|•|\s\*\s")
# A field label of a structured text, up to its colon: "Frequency:", "Kind of administration:"
# ("Dose: 400mg, Dosage form: Tablet, Frequency: Once (OD), Kind of administration: Oral").
FIELD_LABEL = r"[A-Za-z]+(?:\s+[A-Za-z]+){0,4}\s*:"
# Sentences, bullets, and clauses that start a new drug ("... and Erlotinib orally ...", "... in
# addition to ...").
_SEGMENT_BREAK = re.compile(  # (the lookahead skips at once the places where no break starts)
    # (a comma before a field label does not start a drug clause: "Dose: 400mg, Frequency: Once (OD)")
    rf"(?=[\n.;!?~*•:,\s])(?:\n+|{_STOP}|\s*~\s*|\s\*\s|•|(?<=:)\s+(?=\*)"
    rf"|,\s*(?=[A-Z][a-z])(?!{FIELD_LABEL})"
    r"|\s+(?:and|plus|\+|combined\s+with)\s+(?=[A-Z][A-Za-z]{3,})|,?\s+followed\s+(?:by|with)\s+"
    r"|,?\s+in\s+addition\s+to\s+)"  # "Placebo, by IV infusion, every 4 weeks in addition to 20 mg GA, by SC ..."
)


# A sentence about an activity ("a 30 minute walk once per day", "the app delivers ACT in daily
# doses") speaks of giving a drug only with a word that names one.
_ACTIVITY = re.compile(
    r"\b(?:walk\w*|exercis\w*|apps?|application|programs?|programmes?|sessions?|lessons?|training|meditat\w*|"
    r"yoga|videos?|diet\w*|meals?|steps|counsel\w*|educat\w*|physiotherap\w*|massage)\b",
    re.IGNORECASE,
)
_DRUG_WORD = re.compile(
    rf"inject|infus|tablet|capsule|drug|medication|medicine|vaccin|placebo|chemotherap|\b{INN_STEM}\b", re.IGNORECASE
)


def speaks_of_dosing(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` speaks of giving a drug (``ADMIN_CONTEXT``), not of an activity."""
    return bool(ADMIN_CONTEXT.search(text, start, end)) and not (
        _ACTIVITY.search(text, start, end) and not _DRUG_WORD.search(text, start, end)
    )


def segments(text: str, breaks: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence, bullet or drug clause of ``text`` (or of each piece
    between ``breaks``)."""
    bounds, start = [], 0
    for m in (breaks or _SEGMENT_BREAK).finditer(text):
        if m.start() > start:
            bounds.append((start, m.start()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def within(items: list, start: int, end: int) -> list:
    """The statements (tuples ending in start, end) that start in ``[start, end)``."""
    return [it for it in items if start <= it[-2] < end]
