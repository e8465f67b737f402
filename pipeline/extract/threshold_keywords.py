"""The measure keywords of ``pipeline.extract.thresholds`` and finding them fast.

- ``KEYWORDS``: one regex per keyword family, in the order that settles overlaps;
  ``GROUP_MEASURES`` maps a family that names several measures (or none) to them.
- ``keyword_matches(text)``: every keyword, as ``KEYWORD_RE.finditer`` finds them, faster.
"""

from __future__ import annotations

import re

# One named group per keyword family; the order settles overlaps ("hemoglobin A1c" is hba1c,
# "creatinine clearance" is not creatinine). Upper-case acronyms are matched case-sensitively
# ("EGFR" is a gene, "CR" a response). Group "other" holds lab tests and scales outside the
# vocabulary: they stop a comparison from binding across them ("INR or PT ≤ 1.5 x ULN" is
# one inr row) and produce nothing themselves.
KEYWORDS: list[tuple[str, str]] = [
    ("hba1c", r"\b(?:glyc(?:osyl)?ated\s+ha?emoglobin(?:\s+A1c)?|glycohemoglobin|ha?emoglobin\s*"
     r"A1c?|(?-i:H(?:b|gb|GB|B)\s*A1[cC]?)|A1[cC])\b(?:-levels?\b)?"),
    ("alsfrs_r_slope", r"(?:Δ|\bdelta\s*)-?\s*FS\b|\bALS\s*-?\s*FRS\s*-?\s*R?\s+(?:slope|progression"
     r"\s+rate|decline\s+rate)\b|\b(?:rate\s+of\s+(?:disease\s+)?(?:progression|decline)|"
     r"(?:disease\s+)?progression\s+rate|pre-?(?:study|baseline)\s+slope)\b"),
    ("alsfrs_r", r"\bALS\s*-?\s*FRS(?:\s*-?\s*R\b|-?\s*revised\b)?|\bALS\s+Functional\s+Rating\s+Scale"
     r"(?:\s*[-,]?\s*(?:Revised|R)\b)?"),
    ("other", r"\bbone\s+age\b"),  # ("Bone age of boys < 15 years" is no age)
    ("age", r"(?<!for\s)\bage[sd]?\b"),  # ("1.5 x ULN for age": the ULN of the patient's age)
    ("bmi", r"\bbody\s*mass\s*index\b|\bBMI\b|\bQuetelet\b"),
    ("other", r"\b(?:ideal|lean|birth|molecular)\s+(?:body\s*)?weight\b"),
    ("weight", r"\b(?:body\s*)?weigh(?:t|s|ing)?\b"),
    ("other", r"\b(?-i:FEV\s*1?|FEV1)\s*(?:/|%|to)\s*(?-i:FVC)\b|\bforced\s+expiratory\s+volume\b"),
    ("fvc", r"\bforced\s+vital\s+capacity\b|(?-i:\bFVC\b)"),
    ("svc", r"\bslow\s+(?:vital\s+capacity|VC)\b|(?-i:\bSVC\b)"),
    ("karnofsky", r"\bKar[nm]ofsky(?:\s+performance)?(?:\s+(?:status|score|scale|index))?(?-i:\s*\(KPS\))?"
     r"|(?-i:\bKPS\b)"),
    ("other", r"\bLansky(?:\s+(?:performance|play))?(?:\s+(?:status|score|scale))?"),
    ("ecog", r"(?-i:\bECOG\b)|\bEastern\s+Cooperative\s+Oncology\s+Group\b|\bZubrod\b|\bWHO\s+"
     r"performance(?:\s+status)?\b|\bperformance\s+(?:status|score)\b|(?-i:\bWHO\s*/?\s*PS\b|\bPS\b)"
     # "WHO 0-2", "SWOG 0-2": the performance scales the same grades stand for
     r"|(?-i:\bSWOG\b)(?=\s*(?:performance|PS\b|[0-4]\b))|(?-i:\bWHO\b)(?=\s*[0-4]\s*(?:-|–|to|or)\s*[0-4]\b)"),
    ("creatinine_clearance", r"\b(?:calculated\s+|measured\s+|endogenous\s+|estimated\s+)?"
     r"(?:serum\s+)?creatinine\s+clearance(?:\s+rate)?\b|\bCrCl\b|\bCLcr\b|(?-i:\bC[Cc]r\b)"),
    ("egfr", r"\b(?:estimated\s+)?glomerular\s+filtration\s+rate\b|(?-i:\be-?GFR(?:cr|CysC|cys)?\b|\bGFR\b)"),
    ("other", r"\b(?:albumin|protein|urine|urinary)\s*(?:/|-|to)?\s*creatinine\b|\bcreatine\b"),
    ("creatinine", r"\b(?:serum\s+)?creatinine?\b|(?-i:\b[Ss]?Cr\b|\bScr\b)"),
    ("other", r"\b(?:direct|conjugated|indirect|unconjugated)\s+bilirubin\b"),
    ("bilirubin", r"\b(?:total\s+)?bilirubin\b|(?-i:\bT\.?\s?BIL(?:I)?\b|\bTBil\b|\bTBL\b)"),
    ("alt_ast", r"\b(?:liver\s+|serum\s+|hepatic\s+)?(?:trans|amino)aminases\b|\baminotransferases\b"
     r"|\baspartate\s+(?:or|and|/)\s+alanine\s+(?:amino)?transferases?\b|\balanine\s+(?:or|and|/)"
     r"\s+aspartate\s+(?:amino)?transferases?\b"),
    ("alt", r"\balanine\s+(?:amino)?trans(?:ferase|aminase)\b|(?-i:\bALT\b|\bSGPT\b|\bALAT\b|\bGPT\b)"),
    ("ast", r"\baspartate\s+(?:amino)?trans(?:ferase|aminase)\b|\baspartate\s+transferase\b|(?-i:\bAST\b"
     r"|\bSGOT\b|\bASAT\b|\bGOT\b)"),
    ("inr", r"\binternational\s+(?:normali[sz]ed|standardi[sz]ed)\s+ratio\b|(?-i:\bINR\b)"),
    ("other", r"\blong\s+QT\b|\bQT\s+prolongation\b"),
    # "QT interval corrected for heart rate using Fridericia's formula > 450 msec"
    ("qtc", r"\bQTc[FB]?\b(?:\s+interval)?|\bcorrected\s+QT(?:\s+interval)?\b|\bQT\s*/\s*QTc\b|"
     r"\bQT\s+interval\s+corrected(?:\s+for\s+heart\s+rate)?(?:\s+(?:using|by|with)\s+(?:the\s+)?"
     r"(?:Fridericia|Bazett)(?:'s)?(?:\s+(?:formula|correction|method))?)?|\bQT\s+interval\b"),
    ("lvef", r"\b(?:left\s+ventricular\s+)?ejection\s+fraction\b|(?-i:\bLVEF\b|\bEF\b)"),
    ("hemoglobin", r"\bha?emoglobin\b|(?-i:\bH(?:b|gb|GB|B)\b)"),
    ("platelets", r"\bplatelets?(?:\s+counts?)?\b|\bthrombocytes?(?:\s+counts?)?\b|(?-i:\bPLT\b)"),
    ("neutrophils", r"\b(?:absolute\s+)?(?:neutrophils?|granulocytes?)(?:\s+\(?absolute\s+value\)?)?"
     r"(?:\s+counts?)?\b|(?-i:\bANC\b|\bAGC\b)"),
    ("other", r"\bhuman\s+leu[ck]ocyte\s+antigen\b"),
    ("wbc", r"\bwhite\s+(?:blood\s+)?cells?(?:\s+counts?)?\b|\bleu[ck]ocytes?(?:\s+counts?)?\b|"
     r"(?-i:\bWBCs?\b)"),
    ("other", r"\b(?:red\s+blood\s+cells?|albumin|alkaline\s+phosphatase|prothrombin\s+time|"
     r"(?:activated\s+)?partial\s+thromb(?:oplastin|in)\s+time|thrombin\s+time|blood\s+urea\s+nitrogen|"
     r"urea|lipase|amylase|"
     r"glucose|potassium|sodium|calcium|magnesium|phosph(?:orus|ate)|proteinuria|blood\s+pressure|"
     r"heart\s+rate|pulse|T-score|triglycerides?|cholesterol|c-peptide|testosterone|estradiol|"
     r"lymphocytes?|monocytes?|eosinophils?|viral\s+load|troponin|uric\s+acid|lactate|ferritin|"
     r"vitamin|Child-?Pugh|oxygen\s+saturation|creatine\s+kinase|insulin|C-reactive|h[ae]matocrit|"
     r"QRS|PR\s+interval|waist|height|NYHA)\b|(?-i:\b(?:a?PTT|APTT|APCT|PT|BUN|ALP|GGT|FPG|FBG|SBP|"
     r"DBP|PSA|LDL|HDL|TSH|FSH|LH|CD4|BNP|LDH|MELD|EDSS|MMSE|MoCA|NIHSS|BASDAI|EPDS|ODI|VAS|NDI|"
     r"SpO2|PaO2|DLCO|HBsAg|CK|CRP|ESR|UACR|ACR|RBC|HR|ALB)\b)"),
]  # fmt: skip
# "\b(?=\w)" first: most positions are inside words and fail before any alternative is tried
KEYWORD_RE = re.compile(
    r"\b(?=\w)(?:" + "|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(KEYWORDS)) + ")", re.I
)
GROUP_MEASURES = {"alt_ast": ("alt", "ast"), "other": ()}


# --- finding the keywords fast -------------------------------------------------------------------
# KEYWORD_RE tries every family at every word start, which made it the slowest step of
# find_thresholds. ``keyword_matches`` gives the same matches (a test checks this) in two
# steps: a prefilter finds the word starts that begin like some keyword (its first four
# characters, read from each family's parse tree), then only the families that can begin with
# that character are tried there. ``re._parser`` is private, so if it is missing, or a family
# can begin with any character, every family is tried at every word start.

try:
    from re import _constants as _sre_c, _parser as _sre_p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without re._parser
    _sre_c = _sre_p = None

_PREFIX_LEN = 4
_SPACE = r"\s"  # an atom standing for any whitespace character
_Prefix = tuple[tuple[str, ...], bool]  # (atoms, closed: nothing more can be told)


def _sequence(items: object, k: int) -> set[_Prefix] | None:
    """The prefixes of at most ``k`` atoms a sequence of parse items can begin with."""
    out: set[_Prefix] = {((), False)}
    for item in items:  # type: ignore[attr-defined]
        grown: set[_Prefix] = set()
        for atoms, closed in out:
            if closed or len(atoms) >= k:
                grown.add((atoms, True))
                continue
            more = _item(item, k - len(atoms))
            if more is None:
                return None
            grown.update((atoms + a, c or len(atoms + a) >= k) for a, c in more)
        out = grown
        if all(closed for _, closed in out):
            break
    return out


def _item(item: tuple, k: int) -> set[_Prefix] | None:
    """The prefixes of one parse item; None when it can begin with anything at all."""
    c = _sre_c
    op, av = item
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {((), False)}  # zero-width
    if op is c.LITERAL:
        return {((chr(av).lower(),), False)}
    if op is c.IN:
        if av == [(c.CATEGORY, c.CATEGORY_SPACE)]:
            return {((_SPACE,), False)}
        chars: set[str] = set()
        for sub, arg in av:
            if sub is c.LITERAL:
                chars.add(chr(arg).lower())
            elif sub is c.RANGE and arg[1] - arg[0] < 128:
                chars.update(chr(x).lower() for x in range(arg[0], arg[1] + 1))
            else:
                return {((), True)}  # unknown from here on: the prefix ends
        return {((ch,), False) for ch in chars}
    if op in (c.SUBPATTERN, c.ATOMIC_GROUP):
        return _sequence(av[-1] if op is c.SUBPATTERN else av, k)
    if op is c.BRANCH:
        out: set[_Prefix] = set()
        for branch in av[1]:
            if (more := _sequence(branch, k)) is None:
                return None
            out |= more
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = av
        out = {((), False)} if low == 0 else set()
        reps: set[_Prefix] = {((), False)}
        for n in range(1, k + 1):  # each repetition adds an atom or ends the prefix
            reps = _sequence([(c.SUBPATTERN, (None, 0, 0, sub))] * n, k)  # type: ignore[assignment]
            if reps is None:
                return None
            if n >= low:
                out |= reps
            if n >= high:
                return out
        return out | {(atoms, True) for atoms, _ in reps}
    return {((), True)}


def _dispatch() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, re.Pattern[str]]] | None:
    if _sre_p is None:
        return None
    prefixes: set[tuple[str, ...]] = set()
    families: dict[str, list[int]] = {}
    for i, (_, pattern) in enumerate(KEYWORDS):
        found = _sequence(_sre_p.parse(pattern, re.I), _PREFIX_LEN)
        if found is None or any(not atoms or atoms[0] == _SPACE for atoms, _ in found):
            return None
        prefixes.update(atoms for atoms, _ in found)
        for atoms, _ in found:
            families.setdefault(atoms[0], []).append(i)
    # a prefix that extends a shorter one adds nothing
    prefixes = {p for p in prefixes if not any(p[:n] in prefixes for n in range(1, len(p)))}
    by_first: dict[str, list[str]] = {}
    for atoms in sorted(prefixes):
        rest = "".join(a if a == _SPACE else re.escape(a) for a in atoms[1:])
        by_first.setdefault(atoms[0], []).append(rest)
    prefilter = r"\b(?:" + "|".join(
        re.escape(ch) + "(?:" + "|".join(sorted(rests, key=len, reverse=True)) + ")"
        for ch, rests in sorted(by_first.items())
    ) + ")"
    by_char = {
        ch: re.compile(
            "|".join(f"(?P<k{i}>{KEYWORDS[i][1]})" for i in sorted(set(ids))), re.I
        )
        for ch, ids in families.items()
    }
    # Case-sensitive on lower-cased ASCII text, where each alternative fails at its first
    # character; other text takes the case-insensitive form (Unicode case folding).
    return re.compile(prefilter), re.compile(prefilter, re.I), by_char


_DISPATCH = _dispatch()


def keyword_matches(text: str) -> list[re.Match[str]]:
    """``KEYWORD_RE.finditer(text)``, faster; group ``k{i}`` names the family ``KEYWORDS[i]``."""
    if _DISPATCH is None:
        return list(KEYWORD_RE.finditer(text))
    ascii_prefilter, prefilter, by_char = _DISPATCH
    low = text.lower()
    if low.isascii():
        prefilter = ascii_prefilter
    elif len(low) != len(text):  # a character whose lower case is longer: positions would shift
        low = text
    out = []
    end = 0
    for w in prefilter.finditer(low):
        pos = w.start()
        if pos < end:
            continue
        family = by_char.get(low[pos].lower())
        m = family.match(text, pos) if family else None
        if m:
            out.append(m)
            end = m.end()
    return out
