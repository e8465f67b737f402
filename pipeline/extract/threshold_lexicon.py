"""Words and signs of numeric eligibility criteria, for ``pipeline.extract.thresholds``.

- ``normalize``: one pass over a criterion that undoes the registry's markdown escapes and
  HTML entities and maps Unicode signs, superscripts and full-width punctuation to ASCII,
  keeping a map back to the original characters (``Text.span``).
- ``NUM``, ``OP``, ``SUFFIX_RE``: numbers ("100,000", "1.5", "six (6)"), comparison operators
  in symbols and words, and trailing operators ("18 years or older").
- ``UNIT_SPECS``: each unit spelling with the unit it is stored as and its scale factor.

Everything here is a precompiled regex or a table; the measure keywords live in
``pipeline.extract.threshold_keywords``, the grammar in ``pipeline.extract.threshold_grammar``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

# --- text normalization, with a map back to the original characters ------------------------
# The registry's markdown escapes "<", ">", "*", "~" ("\<", "\>=", "\\<") and some records
# carry HTML entities ("\&gt;"); criteria mix ASCII and Unicode comparison signs, superscript
# exponents ("10⁹/L", "kg/m²"), full-width punctuation from CJK editors and micro signs in two
# code points. One pass rewrites all of it; the edits are kept so a span can be quoted from
# the original text.

_CHARS = {
    "≥": ">=", "⩾": ">=", "≧": ">=", "≤": "<=", "⩽": "<=", "≦": "<=", "＞": ">", "＜": "<",
    "˃": ">", "˂": "<", "＝": "=", "×": "x", "✕": "x", "⨯": "x", "·": "*", "∙": "*", "⋅": "*", "–": "-",
    "—": "-", "‑": "-", "‐": "-", "−": "-", "～": "~", "〜": "~", "（": "(", "）": ")", "；": ";",
    "，": ",", "：": ":", "、": ",", "µ": "u", "μ": "u", "²": "2", "³": "3", "¹": "1", "’": "'",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ", "\u3000": " ",
    "\u200b": "",
}  # fmt: skip
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_ENTITIES = {"&gt;": ">", "&lt;": "<", "&ge;": ">=", "&le;": "<=", "&amp;": "&"}
_NORM_RE = re.compile(
    r"10\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[⁰⁴⁵⁶⁷⁸⁹]"  # exponents ("10⁹" -> "10^9"); ¹²³ are in _CHARS
    r"|\\+(?=[!-/:-@\[-`{-~])"  # CommonMark backslash escapes, doubled ones too
    r"|&(?:gt|lt|ge|le|amp);"
    # "60-years-of-age or older" is "60 years of age or older"
    r"|(?<=\d)-(?=years?-of-age\b)|(?<=year)-(?=of-age\b)|(?<=years)-(?=of-age\b)|(?<=\bof)-(?=age\b)"
    r"|(?<=\d)-(?=years?-old\b)|(?<=year)-(?=old\b)|(?<=years)-(?=old\b)"  # ("> 21-year-old")
    "|[" + "".join(_CHARS) + "]"
)


def _norm_piece(m: re.Match[str]) -> str:
    s = m.group()
    if s.startswith("10"):
        return "10^" + s[2:].strip().translate(_SUPERSCRIPT)
    if s[0] == "\\":
        return ""
    if s[0] == "&":
        return _ENTITIES[s]
    if s == "-":
        return " "
    return _CHARS.get(s) or s.translate(_SUPERSCRIPT)


class Text(NamedTuple):
    """A criterion rewritten by ``normalize``, with the edits that map it back."""

    norm: str
    source: str
    edits: list[tuple[int, int, int, int]]  # (norm start, norm end, source start, source end)
    starts: list[int]

    def span(self, start: int, end: int) -> str:
        """The source text behind norm[start:end]."""
        return self.source[self._back(start, False) : self._back(end, True)].strip()

    def _back(self, pos: int, end: bool) -> int:
        i = bisect_right(self.starts, pos - 1 if end else pos) - 1
        if i < 0:
            return pos
        n_start, n_end, s_start, s_end = self.edits[i]
        if pos < n_end:
            return s_end if end else s_start
        return s_end + pos - n_end


def normalize(text: str) -> Text:
    """``text`` with escapes, entities, Unicode signs and superscripts rewritten."""
    if text.isascii() and "\\" not in text and "&" not in text and "-of-age" not in text and "-old" not in text:
        return Text(text, text, [], [])  # nothing to rewrite: every _NORM_RE match needs one
    parts: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    last = out = 0
    for m in _NORM_RE.finditer(text):
        start, end = m.span()
        parts.append(text[last:start])
        out += start - last
        piece = _norm_piece(m)
        parts.append(piece)
        edits.append((out, out + len(piece), start, end))
        out += len(piece)
        last = end
    parts.append(text[last:])
    return Text("".join(parts), text, edits, [e[0] for e in edits])


# --- lexicon: numbers, operators, units --------------------------------------------------------

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "twenty-one": 21, "twenty-four": 24, "thirty": 30, "thirty-six": 36, "forty": 40,
    "forty-five": 45, "fifty": 50, "sixty": 60, "sixty-five": 65, "seventy": 70,
    "seventy-five": 75, "eighty": 80, "ninety": 90,
}  # fmt: skip
NUMBER_WORD_PATTERN = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
NUM = (
    r"(?:\d{1,3}(?:,\d{3})+(?![,\d])"  # "100,000"
    r"|\d{1,3}(?: \d{3})+(?=\s*(?:/|cells|per\b))"  # "100 000/µL"
    r"|[1-9]\d{0,2}(?:\.\d{3})+(?=\s*(?:/\s*(?:uL|mm3|mm\^3|mcL|cmm)\b|cells\s*/))"  # "100.000/µl"
    r"|\d{1,3},\d{1,2}(?=\s*(?:%|[xX*]\s*10|[A-Za-z]{1,5}\s*/))"  # decimal comma: "9,0 g/dl"
    r"|\d+(?:\.\d+)?|\.\d+"
    rf"|\b(?:{NUMBER_WORD_PATTERN})\b(?:\s*\(\d+\))?)"  # "six (6) months"
)

_OPERATOR_PHRASES = {
    ">=": [
        r">=\s*/\s*=", r">\s*/\s*=", r">\s*or\s*(?:=(?:\s*to\b)?|equal(?:\s+to)?\b)", r">\s*=", r"=\s*>",
        "greater than or equal to", "greater than or equal", "greater or equal to",
        "greater or equal than", "greater than/equal to", "more than or equal to",
        "higher than or equal to", "older than or equal to", "above or equal to",
        "more than or equal", "higher or equal to", "higher or equal than", "superior or equal to",
        "superior to or equal to", "bigger than or equal to", "larger than or equal to",
        "equal or above", "equal or higher", "equal or greater", "equal to or greater than", "equal or greater than",
        "equal to or more than", "equal or more than", "equal to or higher than",
        "equal to or above", "equal to or older than", "equal or older than", "at least",
        "longer than or equal to", "longer or equal to",
        "not less than", "no less than", "not lower than", "no lower than", "not below",
        "not younger than", "no younger than", "a minimum of", "minimum of", "minimum", "min.",
    ],
    "<=": [
        r"<=\s*/\s*=", r"<\s*/\s*=", r"<\s*or\s*(?:=(?:\s*to\b)?|equal(?:\s+to)?\b)", r"<\s*=", r"=\s*<",
        "less than or equal to", "lesser than or equal to", "less than or equal",
        "less or equal to", "less or equal than",
        "lower than or equal to", "younger than or equal to", "below or equal to",
        "lower or equal to", "lower or equal than", "inferior or equal to", "inferior to or equal to",
        "shorter than or equal to", "shorter or equal to",
        "smaller than or equal to", "smaller or equal to", "equal or below", "equal or lower",
        "equal or less", "equal to or less than", "equal or less than",
        "equal to or lower than", "equal to or below", "equal to or younger than",
        "no more than", "not more than", "not greater than", "no greater than",
        "not higher than", "no higher than", "not exceeding", "not to exceed", "not exceed",
        "does not exceed", "not above", "not over", "not older than", "no older than",
        "a maximum of", "maximum of", "maximum", "max.", "up to", "at most", "at the most",
    ],
    ">": [
        r">\s*than\b", r">", "greater than", "more than", "higher than", "above", "over", "exceeding", "exceeds",
        "in excess of", "older than", "larger than", "superior to", "longer than",
    ],
    "<": [r"<\s*than\b", r"<", "less than", "lower than", "below", "under", "younger than", "fewer than",
          "inferior to", "lesser than", "shorter than"],
    "=": [r"=", "equal to", "equals"],
}  # fmt: skip


def _phrase(p: str) -> str:
    if not p[0].isalpha():
        return p  # already a regex over symbols
    # "less then 1.5 mg/dl": a common misspelling of "than"
    return r"\b" + re.escape(p).replace(r"\ ", r"\s+").replace("than", "th[ae]n") + (r"\b" if p[-1].isalpha() else "")


_OP_LOOKUP: dict[str, str] = {}
_op_alternatives: list[str] = []
for _op, _phrases in _OPERATOR_PHRASES.items():
    for _p in _phrases:
        if _p[0].isalpha():
            _OP_LOOKUP[" ".join(_p.split())] = _op
        _op_alternatives.append(_phrase(_p))
# Symbols first (">=" before ">"), then the longest phrases.
_op_alternatives.sort(key=lambda a: (a[0].isalpha() or a.startswith(r"\b"), -len(a)))
OP = "(?:" + "|".join(_op_alternatives) + ")"
WITHIN_RE = re.compile(r"\s*within\s+(?:the\s+)?(?:(?:last|past|previous|preceding|first)\s+)?", re.I)


def operator(matched: str) -> str:
    s = re.sub(r"\s+|than$", "", matched)  # "> than 2 years"
    if s[0] in "<>=":
        if s in ("<", ">", "="):
            return s
        return ">=" if ">" in s else "<="
    return _OP_LOOKUP[" ".join(matched.lower().replace("then", "than").split())]


SUFFIX_RE = re.compile(  # "18 years or older", "8 or above", "36 months or less", "18+"
    r"\s*,?\s*(?:(?P<ge>(?:or|and)\s+(?:more|greater|higher|above|over|older|up|beyond)\b)"
    r"|(?P<le>(?:or|and)\s+(?:less|fewer|lower|below|under|younger)\b)|(?P<plus>\+)(?!\s*\d))"
    r"(?!\s+than\b)(?!\s*\d)",
    re.I,
)

# millilitres per minute, the head of both renal units: "ml/min", "mL/minute (min)",
# "milliliter per minute"
_ML = r"(?:mls?|cc|milli\s*-?\s*lit(?:er|re)s?)\s*(?:/|per\b)\s*(?:min(?:ute)?s?|mn)\b(?:\s*\(min\))?"
_TIME = r"(?:years?|yrs?|y/o|y\.o\.|y)\b(?:\s*-?\s*old\b|\s+of\s+age\b)?"
UNIT_SPECS: list[tuple[str, str, float]] = [
    # upper limit of normal: "x ULN", "times the institutional upper limit of normal (ULN)",
    # "x UNL", "3 times the upper limit", "1.5 times greater than the upper limit of normal",
    # "2 folds as high as maximal normal value"
    (r"(?:(?:x|\*|\?|times|-?folds?)\s*(?:greater\s+than\s+|as\s+high\s+as\s+|of\s+)?)?"
     r"(?:(?:the|institutional|laboratory|local|site|normal)\s+)*(?:ULN|UNL|IULN|upper\s+limits?\s+"
     r"(?:of\s+)?(?:the\s+)?(?:institutional\s+)?normal(?:\s+range)?(?:\s+values?)?|"
     r"upper\s+(?:normal|reference)\s+(?:reference\s+)?limits?|upper\s+normal\s+(?:range|values?)|"
     r"normal(?:ity)?\s+(?:values?\s*\)?\s*)?upper\s+limits?|maximal\s+normal\s+values?)"
     r"(?:\s*\((?:ULN|UNL|IULN|upper\s+limit\s+of\s+normal(?:\s+value)?)\))?"
     r"|(?:x|\*|times)\s*(?:the\s+)?upper\s+limits?\b"
     r"|(?:x|times)\s*(?:the\s+)?normal\s+range\b"  # "5 times normal range"
     r"|(?:x|times)\s*(?:the\s+)?normal\b(?!\s*(?:saline|values?\s+of|diet|weight))", "x ULN", 1),  # "1.5 times normal"
    # cell counts; "x 109/L" is the registry's lost superscript for 10^9/L ("´" a mangled "×")
    (r"(?:(?:x|\*|´)\s*)?10\s*(?:\^|e|\*\*?)?\s*9\s*(?:cells?\s*)?(?:/|per\s+)\s*(?:L|lit(?:er|re))\b",
     "10^9/L", 1),
    # "ANC ≥ 1.5 × 10^9", "≥ 1.5 × 109;": a count in 10^9 whose "/L" was left out
    (r"(?:x|\*|´)\s*10\s*(?:\^|e|\*\*?)?\s*9(?![\da-z]|[.,]\d|\s*(?:/|per\b|cells?\b))", "10^9/L", 1),
    (r"(?-i:G)\s*/\s*L\b", "10^9/L", 1),
    (r"(?:(?:x|\*|´)\s*)?10\s*(?:\^|e|\*\*?)?\s*3\s*(?:cells?\s*)?(?:/|per\s+)\s*(?:uL|mm3|mm\^3|"
     r"mcL|microlit(?:er|re)s?|cu\.?\s*mm|cmm)\b", "10^9/L", 1),
    (r"(?:(?:x|\*|´)\s*)?10\s*(?:\^|e)?\s*4\s*(?:cells?\s*)?/\s*(?:uL|mm3|mcL)\b", "10^9/L", 10),
    (r"(?:K|thousands?)\s*(?:cells\s*)?/\s*(?:uL|mm3|mcL)\b", "10^9/L", 1),
    (r"(?:cells?\s*|platelets\s*)?(?:/|per\s+)\s*(?:uL|mm3|mm\^3|mm\(3\)|mcL|microlit(?:er|re)s?|"
     r"cu\.?\s*mm|cmm|mmc|cubic\s+millimet(?:er|re)s?)\b(?:\s*\((?:mcL|uL|mm3)\))?|(?:mm3|uL)\b|mm\(3\)", "10^9/L", 0.001),
    # concentrations
    (r"g(?:m|r)?\s*/\s*(?:dL|100\s*mL)\b|grams?\s+per\s+decilit(?:er|re)\b", "g/dL", 1),
    (r"g\s*/\s*L\b|grams?\s+per\s+lit(?:er|re)\b", "g/L", 1),
    (r"mg\s*/\s*dL\b|mg\s*%", "mg/dL", 1),
    (r"(?:u|micro|mc)\s*mol\s*/\s*L\b", "umol/L", 1),
    (r"mmol\s*/\s*mol\b|millimoles?\s+per\s+mole\b(?:\s*\[mmol/mol\])?", "mmol/mol", 1),
    (r"mmol\s*/\s*L\b", "mmol/L", 1),
    (r"mEq\s*/\s*L\b", "mEq/L", 1),
    (r"(?:I?U|units?)\s*/\s*L\b", "U/L", 1),
    # renal function
    (_ML + r"\s*(?:/|per)\s*1[.,]73\s*(?:m\s*\^?\s*2|m\s*\(2\)|sq\.?\s*m|square\s+met(?:er|re)s?|met(?:er|re)\s+"
     r"squared?)(?:\s*(?:BSA|body\s+surface\s+area))?(?:\s*\([^()<>=]{0,30}\))?", "mL/min/1.73m2", 1),
    (_ML + r"(?:\s*\([^()\d<>=]{0,30}\))?", "mL/min", 1),
    (r"m\s*secs?\b|m\s*seconds?\b|ms\b|milli-?seconds?\b", "ms", 1),
    (r"(?:%|percent(?:age)?\b|per\s*cent\b)(?:\s*\(%\))?(?:\s*(?:of\s+)?(?:the\s+)?(?:predicted|pred\.?|normal)"
     r"(?:\s+(?:normal\s+)?values?|\s+normal)?)?", "%", 1),
    (r"kg\s*/\s*m\s*\^?\s*2\b|kg\s*/\s*sq\.?\s*m\b|kilo(?:gram)?s?\s*(?:/|per\b)\s*"
     r"(?:square\s+met(?:er|re)"
     r"|met(?:er|re)\s+squared?)(?:\s*\(kg\s*/\s*m\s*\^?\s*2\))?", "kg/m2", 1),
    (r"kgs?\b|kilo(?:gram(?:me)?)?s?\b", "kg", 1),
    (r"(?:g|grams?)\b(?!\s*(?:/|per\b))", "kg", 0.001),  # neonates: "body weight < 2,500 g"
    (r"lbs?\b\.?|pounds?\b", "lb", 1),
    (r"(?:points?|pts?)\s*(?:/|per)\s*month\b|/\s*month\b|per\s+month\b", "points/month", 1),
    (r"points?\b|pts?\b", "points", 1),
    (_TIME, "years", 1),
    (r"months?\b(?:\s+of\s+age\b|\s+old\b)?|mos?\b", "months", 1),
    (r"weeks?\b|wks?\b", "weeks", 1),
    (r"days?\b", "days", 1),
    (r"hours?\b|hrs?\b|h\b", "hours", 1),
]  # fmt: skip
UNIT_RE = re.compile(
    r"\s*(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _, _) in enumerate(UNIT_SPECS)) + ")", re.I
)
ULN_VALUE_RE = re.compile(  # "≤ ULN", "≤ institutional upper limit of normal" mean 1 x ULN
    r"\s*(?:(?:the|institutional|laboratory|local|site)\s+)*(?:ULN|UNL|IULN|upper\s+limits?\s+of\s+"
    r"(?:the\s+)?(?:institutional\s+)?normal(?:\s+range)?|upper\s+(?:normal|reference)\s+limit|"
    r"upper\s+limit\s+(?:of\s+)?(?:the\s+)?normal\s+range)\b(?:\s*\(ULN\))?",  # ("> upper normal limit")
    re.I,
)
