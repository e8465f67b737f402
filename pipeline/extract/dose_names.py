"""Drug names in dose text: which words name a drug, and whether one other than an amount's own
stands somewhere.

A drug is named by a capitalised word, a product code ("ASG-22CE") or an INN stem
("cadonilimab"); a name right after an amount ("2.4 mg cagrilintide") or in parentheses is the
amount's own, and so is the name just before it, when named again ("semaglutide s.c. 2.4 mg and
placebo matched to semaglutide OW"). ``pipeline.extract.regimens`` and
``pipeline.extract.dose_cycles`` use them to tell which drug a schedule statement is said of.
"""

from __future__ import annotations

import re

from pipeline.extract.dose_text import FIELD_LABEL, INN_STEM

# A name between two amounts ("... q3weeks Pazopanib 800mg", "... with ASG-22CE 1.25 mg/kg")
# makes them two regimens: a schedule stated after the last one is then that one's alone.
NAME = re.compile(
    r"\b(?!(?:Day|Days|Week|Weeks|Month|Months|Cycle|Cycles|Dose|Doses|Then|And|Or|Plus|With|Followed|"
    r"Injection|Infusion|Oral\w*|Intravenous\w*|Subcutaneous\w*|Single|Tablets?|Capsules?|Dosage|Frequency|"
    r"Duration|Kind|Form|Route|Once|Twice|Daily|Group|Participants?|Patients?|Subjects?)\b)"
    rf"(?!{FIELD_LABEL})[A-Z][a-z]{{2,}}"  # a field label names no drug
    rf"|\b[A-Z]{{2,}}-?\d{{2,}}|\bIL-?\d{{1,2}}\b|\b{INN_STEM}\b"  # (IL-2: interleukin-2)
)
# "2.4 mg cagrilintide", "1,000 mg of rituximab": a name right after an amount is its own drug.
OWN_NAME_BEFORE = re.compile(
    r"[\s,()]*(?:(?:dose|doses|dosage|tablets?|capsules?|injections?|infusions?)\s+)?(?:of\s+)?(?:the\s+)?"
    r"(?:(?!(?:and|or|plus|with|followed|then|versus|vs)\b)[\w-]+\s+)?", re.IGNORECASE
)
# A name after an amount is another drug's only where the text joins a drug to it ("6mg qd and
# cadonilimab IV", "..., Cisplatin IV"); words that describe the amount's own product ("10
# million cells/kg Allogeneic Bone Marrow-Derived ... Cells administered intravenously", "5 mg
# exenatide microspheres in Miglyol 812 ... SC") join nothing.
_JOINS = re.compile(
    r"(?:[,;+]|\b(?:and|or|plus|with|followed|then|versus|vs|combined|together|along)\b)", re.IGNORECASE
)


def another_drug(text: str, amount_end: int, start: int, own: str = "", *, joined: bool = False) -> bool:
    """True when a name other than the amount's own drug (``own``, lowercase, or the name right
    after the amount) stands between ``amount_end`` and ``start``; with ``joined``, only a name
    the text joins to the amount's clause ("and cadonilimab", ", Cisplatin") counts."""
    return any(
        not OWN_NAME_BEFORE.fullmatch(text, amount_end, m.start())
        and not in_parentheses(text, amount_end, m.start())
        and m.group().lower() != own
        and (not joined or _JOINS.search(text, amount_end, m.start()) is not None)
        for m in NAME.finditer(text, amount_end, start)
    )


_NO_DIGIT = re.compile(r"[^\d]*")


def name_before(text: str, seg_start: int, amount: tuple[int, int]) -> str:
    """The drug named just before an amount ("semaglutide s.c. 2.4 mg"), lowercase, or "": naming
    it again ("... and placebo matched to semaglutide OW") names no other drug."""
    last = None
    for last in NAME.finditer(text, max(seg_start, amount[0] - 40), amount[0]):
        pass
    return last.group().lower() if last and _NO_DIGIT.fullmatch(text, last.end(), amount[0]) else ""


def in_parentheses(text: str, start: int, end: int) -> bool:
    """True when ``end`` lies inside parentheses opened after ``start`` ("chemotherapy (docetaxel)")."""
    depth = 0
    for ch in text[start:end]:
        depth = depth + 1 if ch == "(" else max(0, depth - 1) if ch == ")" else depth
    return depth > 0
