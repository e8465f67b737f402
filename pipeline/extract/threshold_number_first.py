"""Measures read number-first, for ``pipeline.extract.thresholds``: age, BMI, disease duration.

- ``age_number_first``: "18 years of age or older", "18-75 years old", "patients ≥ 18 years".
- ``bmi_unit_first``: "≥ 27.0 kg/m² and at least 1 comorbidity" (kg/m² is a BMI unit) when
  the criterion does not name BMI.
- ``durations``: "disease duration ≤ 24 months", "≤ 24 months from symptom onset", "within 2
  years of onset", "Insomnia symptoms for at least 3 months", "<condition> diagnosed within
  16 weeks" when nothing in the criterion points to another condition.

Each reader takes the normalized text, its lower-cased form, the keyword starts and the
spans already read (``taken``: a comparison is read once), and returns comparisons.
Speed: each reader runs only when its cue words occur, and the costly patterns scan only the
stretch around a unit or anchor word (``_near``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.extract.threshold_context import (
    ALS_RE,
    AT_ONSET_AFTER_RE,
    CONDITION_RE,
    FOR_WHOM_RE,
    age_heading,
    has,
    overlaps,
)
from pipeline.extract.threshold_chain import chain
from pipeline.extract.threshold_grammar import Comparison, bound, closed, comparison, number
from pipeline.extract.threshold_lexicon import NUM, OP, operator

_AGE_NF_RE = re.compile(
    rf"(?<![\w.])(?=[\w<>=])(?:(?P<btw>between|from)\s+)?(?:(?P<op>{OP})\s*)?(?P<v1>{NUM})"
    rf"(?:\s*(?:years?)?\s*(?:(?P<sep>-|to|~|and)\s*(?P<v2>{NUM})|(?P<sep2>and|to|-)\s*(?P<op2>{OP})\s*"
    rf"(?P<v3>{NUM})))?\s*(?:years?|yrs?|y/o)\b(?P<tail>\s*-?\s*old\b|\s+of\s+age\b|\s+age\b)?",
    re.I,
)
# the people a criterion names before their age
_PERSONS = (
    r"(?:patients?|participants?|subjects?|adults?|men|women|males?|females?|individuals?|"
    r"persons?|people|volunteers?|children|adolescents?|veterans?|boys|girls|infants?|those)"
)
_BULLET = r"[\s*\-•]*"
_AGE_SUBJECT_RE = re.compile(
    rf"\b{_PERSONS}"
    r"(?:\s+(?:must|should|will|shall|to))?(?:\s+(?:be|are|is|being))?\s*[:,(]?\s*$"
    r"|\bage\s+(?:range|limits?)\s*:?\s*$",  # "Age range: 18-70 years" (no keyword read there)
    re.I,
)
_WHOLE_BEFORE_RE = re.compile(rf"{_BULLET}(?:\d{{1,2}}[.)]\s+)?")  # (a list number: "1. 18 years to 70 years")
# an age range opening the criterion, then a clause of its own: "2 years to 70 years, expected survival > 3 months"
_CLAUSE_AFTER_RE = re.compile(r"\s*[,;](?!\s*(?:since|after|from|of|prior|before|ago|duration|post)\b)", re.I)
# what may follow an age range that is the whole criterion: "13 Years to 70 Years, Male and female;"
_WHOLE_AFTER_RE = re.compile(
    r"[\s.;,]*(?:(?:male|female|men|women|gender|sex|both|all|and|or|&|/)\b[\s.;,:/&]*)*", re.I
)
_AGE_NF_REJECT_RE = re.compile(
    r"\s*(?:at\s+(?:the\s+)?(?:time\s+of\s+)?(?:[\w-]+\s+){0,2}(?:onset|diagnosis)|since|after|"
    r"from|ago|prior|before|of\s+(?:disease|diabetes|symptoms?|treatment|experience|follow)|"
    r"duration|history|in\s+(?:a\s+)?(?:first-degree\s+)?(?:relatives?|family|siblings?|parents?))\b",
    re.I,
)
_AGE_AT_ONSET_RE = re.compile(
    r"\b(?:age\s+(?:at|of)\s+(?:the\s+time\s+of\s+)?(?:[\w-]+\s+){0,2}(?:onset|diagnosis)"
    r"|onset\s+age|gestational\s+age)\b[^,;]*$",
    re.I,
)
_AGE_SMALL_UNIT_RE = re.compile(
    rf"(?<![\w.])(?:{OP})\s*{NUM}\s*(?:months?|weeks?|days?)\s+(?:of\s+age|old)\b", re.I
)
_PERSON_BEFORE_RE = re.compile(rf"\b{_PERSONS}\b[^,;.]*$", re.I)
_OF_AGE_AFTER_RE = re.compile(r"\d\s*(?:years?|months?|weeks?|days?)\s*(?:of\s+age|old)\b", re.I)
_ONSET_BEFORE_RE = re.compile(r"\b(?:onset|diagnos\w*|symptoms?|signs?|began|started|appeared)\b[^,;.]*$", re.I)
_BONE_AGE_RE = re.compile(r"\bbone\s+age\b[^;.]*$", re.I)
_AGE_AT_RE = re.compile(r"\bage\s+(?:at|of)\s+(?:the\s+)?(?:time\s+of\s+)?$", re.I)
_ANCHOR = (
    r"(?:(?:the\s+)?(?:first|initial|earliest)\s+)?(?:ALS\s+|disease\s+|clinical\s+|motor\s+|"
    r"muscle\s+|neurological\s+)?(?:symptoms?|weakness|signs?)\s+onset"
    r"|(?:the\s+)?onset\s+of\s+(?:the\s+)?(?:first\s+|initial\s+)?(?:ALS\s+|clinical\s+|motor\s+|"
    r"muscle\s+|disease\s+|neurological\s+)?(?:symptoms?|weakness|disease|ALS|illness|signs?|paresis)"
    r"|(?:disease|ALS|clinical|its|symptom)\s+onset"
    r"|(?:the\s+)?(?:first|initial)\s+(?:ALS\s+|clinical\s+|motor\s+)?(?:symptoms?|signs?|weakness)"
    r"|(?:the\s+)?(?:first\s+)?appearance\s+of\s+(?:ALS\s+)?(?:symptoms?|weakness)"
)
# "Insomnia symptoms for at least 3 months", "respiratory symptoms/signs for at least 24 hours"
_SYMPTOMS_FOR = (
    r"(?<!free\sof\s)(?<!without\s)(?<!\bno\s)symptoms?(?:\s*/\s*signs?)?(?=\s+for\s)"
    # "chronic low back pain for at least 3 months", "LBP for a minimum of 3 months": how long the
    # pain studied has lasted
    r"|(?<=\bchronic\s)(?:(?:[\w-]+\s+){0,3}?)(?:pain|LBP)(?=\s+for\s+(?:at\s+least|a\s+minimum\s+of|more\s+than|over|>|≥))"
)
_DURATION_KEY_RE = re.compile(
    r"\b(?:(?:disease|illness|symptoms?|pain|ALS|diabetes|DM|T[12]DM)\s+duration|duration\s+of\s+"
    r"(?:the\s+)?(?:(?:motor|clinical|neurological|first|ALS)\s+)?(?:disease|illness|symptoms?|pain|ALS|"
    r"diabetes(?:\s+mellitus)?|T[12]DM|weakness)"
    r"|(?<=of\s)duration"
    rf"|time\s+(?:since|from|after)\s+(?:the\s+)?(?:{_ANCHOR}|onset|diagnosis|(?:[\w-]+\s+){{0,2}}?injury)|{_ANCHOR}|{_SYMPTOMS_FOR}"
    # "CNS injury > 3 months", "spinal cord injury at least 12 months": the time since the injury studied
    r"|(?:spinal\s+cord|SCI|CNS|brain|nerve|spinal)\s+injury(?=\s*(?:[<>≤≥=]|at\s+least|more\s+than|less\s+than|"
    r"greater\s+than)))\b",
    re.I,
)
_DURATION_AFTER_RE = re.compile(  # "≤ 24 months from symptom onset", "within 2 years of onset"
    r"(?<![\w.])(?=[\w<>=])(?P<cmp>"
    rf"(?:(?:{OP})\s*|within\s+(?:the\s+)?(?:(?:last|past|first)\s+)?)?{NUM}"
    r"(?:\s*(?:-|to)\s*" + NUM + r")?\s*(?:years?|months?|weeks?|days?|hours?)\b"
    r"(?:\s+or\s+(?:less|fewer|more))?)\s+(?:from|since|after|of|following|post)\s+(?:the\s+)?"
    rf"(?:{_ANCHOR}|onset\b|(?:ALS\s+)?diagnosis\b(?!\s+of\s+(?!ALS\b|amyotrophic)))",
    re.I,
)
# "symptoms of DDD of the lumbar region of at least six (6) months duration", "pain of > 3
# months' duration": the time since the symptoms or the disease began
_OF_DURATION_RE = re.compile(
    rf"\bof\s+(?P<cmp>(?:(?:{OP})\s*)?{NUM}\s*(?:years?|months?|weeks?|days?)\b"
    r"(?:\s+or\s+(?:more|longer|less))?)['’]?s?\s+duration\b",
    re.I,
)
_CONDITION_HEAD_RE = re.compile(r"\b(?:symptoms?|signs?|pain|disease(?!-)|illness)\b", re.I)
_DIAGNOSED_RE = re.compile(
    r"\bdiagnos(?:ed|is)\b(?P<what>(?:\s+(?:with|of|as)\s+(?:type\s*[12]\b|(?<=[A-Za-z])\d(?=[A-Za-z])|"
    r"\([^()<>=;,.]{1,30}\)|[^,;.()\d<>=]){1,60}?)?)"  # ("... Type 2 Diabetes (T2D) within 24 months")
    r"(?:\s+(?:for|since|made|established|confirmed))?(?=\s*(?:[<>=]|at\s+least|more\s+than|"
    r"greater\s+than|over|within|less\s+than|no\s+more\s+than|not\s+more\s+than|(?<![A-Za-z])(?<!type\s)\d))",
    re.I,
)
_OTHER_DIAGNOSIS_RE = re.compile(
    r"malignan|cancer|tumou?r|carcinoma|history|stroke|infarction|infection|covid|unawareness|other|"
    r"prognosis|survival|life\s+expectancy|obtained|performed",  # ("a biopsy obtained no more than 6 months before")
    re.I,
)
# "diagnosed within 16 weeks before screening" dates the studied disease only when nothing in
# the criterion points to another condition (a history, a recent or second diagnosis)
_NOT_STUDIED_RE = re.compile(
    r"malignan|cancer|tumou?r|carcinoma|history|stroke|infarction|infection|covid|unawareness|other|"
    r"\b(?:recent(?:ly)?|newly|another|additional|concurrent|second|prior|previous(?:ly)?|"
    r"pregnan\w*)\b",
    re.I,
)
# "≤ 72 hours from onset of COVID-19 symptoms in the index participant": someone else's onset
_OTHER_PERSON_RE = re.compile(
    r"[^,;.()]{0,60}?\b(?:index\s+(?:participant|patient|case|subject)|household\s+(?:member|contact)|"
    r"family\s+member|partner|relative|sibling|parent|mother|caregiver)s?\b",
    re.I,
)
_TIME_UNITS = frozenset({"years", "months", "weeks", "days", "hours"})
# A criterion that opens with the disease studied and says how long it has lasted:
# "Rheumatoid arthritis (RA) for ≥ 6 months, diagnosed ...", "Subject has had stable plaque
# psoriasis for at least 6 months". Not a treatment, a habit or a residence ("Stable dose of
# methotrexate for ≥ 3 months", "Smoking for 10 years").
_DISEASE_FOR_RE = re.compile(
    rf"^{_BULLET}(?:(?:subjects?|patients?|participants?)\s+(?:has|have|with)\s+(?:had\s+)?|"
    r"(?:a\s+)?(?:documented\s+|confirmed\s+|clinical\s+|established\s+)?(?:diagnosis|history)\s+of\s+)?"
    r"(?P<what>[A-Za-z][^.;:<>=≥≤]{1,70}?)\s+for\s+(?=(?:at\s+least|a\s+minimum\s+of|more\s+than|"
    r"longer\s+than|over|>=?|≥)\s*\d)",
    re.I,
)
_DISEASE_WORD_RE = re.compile(
    r"\b(?:\w+(?:itis|osis|iasis|a?emia|pathy|plegia)|disease|disorder|syndrome|migraine|epilepsy|diabetes|"
    r"asthma|headache|insomnia|depression|failure|fibrillation|hypertension|sclerosis|ALS|RA|COPD|T2DM?)\b",
    re.I,
)
_NOT_A_DISEASE_RE = re.compile(
    r"dose|treat|therap|\buse\b|taking|medication|drug|\bon\b|smok|resid|contracep|regimen|"
    r"abstin|remission|stable\s+disease|free\b|without|no\s+(?:sign|evidence)|history\s+of\s+(?!\w+\s+for)",
    re.I,
)


# "≥ 27.0 kg/m² and presence of at least 1 ... comorbidity": kg/m² is a BMI unit, read without
# a keyword when the criterion names no BMI (a named one is read, or rejected, by its keyword)
_BMI_UNIT_RE = re.compile(r"kg\s*/\s*(?:m|sq)|kilo(?:gram)?s?\s*(?:/|per\b)\s*(?:square|met)", re.I)
_BMI_NAMED_RE = re.compile(r"\bBMI\b|body\s*mass|Quetelet", re.I)
_BMI_NF_RE = re.compile(
    rf"(?<![\w.])(?=[\w<>=])(?:(?:between|from)\s+)?(?:(?:{OP})\s*)?{NUM}"
    rf"(?:\s*(?:-|to|and)\s*(?:(?:{OP})\s*)?{NUM})?(?=\s*(?:kg\s*/\s*(?:m|sq)|kilo))",
    re.I,
)


def bmi_unit_first(
    text: str, low: str, starts: set[int], taken: list[tuple[int, int]]
) -> list[Comparison]:
    if not has(low, "kg", "kilo") or not _BMI_UNIT_RE.search(text) or _BMI_NAMED_RE.search(text):
        return []
    return [x for c in _unit_first(text, _BMI_NF_RE, ("kg/m2",), taken) for x in chain(text, c, starts)]


def _unit_first(text: str, pattern: re.Pattern[str], units: tuple[str, ...], taken: list[tuple[int, int]]):
    """The comparisons at ``pattern``'s matches stated in one of ``units``, not read already and
    not a condition or a subgroup's limit."""
    for m in pattern.finditer(text):
        c = comparison(text, m.start())
        if c is None or c.unit not in units or overlaps(taken, c.start, c.end):
            continue
        if not (CONDITION_RE.search(text, max(0, m.start() - 60), m.start())
                or FOR_WHOM_RE.search(text, max(0, m.start() - 40), m.start())):
            yield c


# "BMI > 35 or > 130 kg body weight": a weight named after its number (an operator first)
_WEIGHT_NF_RE = re.compile(
    rf"(?<![\w.])(?:{OP})\s*{NUM}\s*(?:kg|kilo(?:gram)?s?|lbs?|pounds)\.?\s+(?:of\s+)?(?:total\s+)?(?:body\s*)?weight\b"
    r"(?!\s*(?:loss|gain|change|reduction|increase|decrease|fluctuation|variation|lost|gained))",
    re.I,
)


def weight_unit_first(
    text: str, low: str, starts: set[int], taken: list[tuple[int, int]]
) -> list[Comparison]:
    if "weight" not in low or not has(low, "kg", "kilo", "lb", "pound"):
        return []
    return list(_unit_first(text, _WEIGHT_NF_RE, ("kg", "lb"), taken))


# Cheap cues, tested on the lower-cased text before a regex scans it: each lists words that
# every match of the guarded patterns contains.
_AGE_CUES = ("year", "yr", "y/o")  # _AGE_NF_RE ends in a year unit
_ANCHOR_CUES = ("onset", "symptom", "sign", "weakness", "appearance", "injury", "chronic")  # every _ANCHOR (+ injury, chronic pain)
_DURATION_CUES = ("duration", "diagnos", *_ANCHOR_CUES)  # _DURATION_KEY_RE: all but "diagnos",
# unless "time" and "diagnosis" both occur ("time since diagnosis")
# The number-first patterns start with an optional operator phrase, so a plain finditer tries
# ~100 phrases at every word of the text. Each match ends near a unit ("years", "months"), so
# ``_near`` searches only the stretch around each unit: same matches, a fraction of the work.
_YEAR_UNIT_RE = re.compile(r"(?:years?|yrs?|y/o)\b", re.I)
# "... from | since | ... (the) <first word of an _ANCHOR, 'onset' or 'diagnosis'>"
_ANCHOR_HEAD_RE = re.compile(
    r"\b(?:from|since|after|of|following|post)\s+(?:the\s+)?(?:first|initial|earliest|ALS|disease|"
    r"clinical|motor|muscle|neurological|symptoms?|weakness|signs?|onset|its|symptom|appearance|"
    r"diagnosis)\b",
    re.I,
)
_REACH = 200  # characters a match may start before its unit (and end after it)


def _near(pattern: re.Pattern[str], unit: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches contain a match of ``unit``."""
    end = 0
    for u in unit.finditer(text):
        if u.end() <= end:
            continue
        m = pattern.search(text, max(end, u.start() - _REACH), u.end() + _REACH)
        if m is not None:
            end = m.end()
            yield m


# An age stated without "years" ("be 18 or older", "aged 65 and over", "patients 59 and younger":
# "older", "younger" say it is one) or with the suffix before the unit ("80 or more years old")
_WORDED_AGE_RE = re.compile(
    r"\b(?:be|are|is|aged|patients?|participants?|subjects?|adults?)\s+(?P<v>\d{1,2})\s+(?:or|and)\s+"
    r"(?:(?P<ge>older|over)|younger|under)\b(?!\s+than)(?!\s*:)"
    r"|(?<![\w.])(?P<v2>\d{1,3})\s+or\s+(?:(?P<ge2>more|older|over|above)|less|younger|under|below)\s+"
    r"years?\s*(?:-?\s*old|of\s+age)\b"
    # the whole criterion: "18 and over", "65 or younger."
    rf"|^{_BULLET}(?P<v3>\d{{1,2}})\s+(?:and|or)\s+(?:(?P<ge3>over|older|above)|under|younger)\s*\.?\s*$",
    re.I,
)

# the whole criterion an operator and a bare number: "Over 18", "Under 65."
_WHOLE_BARE_AGE_RE = re.compile(
    rf"^{_BULLET}(?:(?P<gt>over|above|older\s+than)|under|below|younger\s+than)\s+(?P<v>\d{{1,2}})\s*\.?\s*$", re.I
)

# "Karnofsky ≥ 60 (patients over 10 years of age)": the age names the group another limit is for
_SUBGROUP_IN_PARENS_RE = re.compile(
    rf"[\d%]\s*\(\s*(?:for\s+|in\s+)?{_PERSONS}\s*(?:aged\s*)?$", re.I
)
_PERSON_THAN_RE = re.compile(
    rf"\b{_PERSONS}"
    r"(?:\s+(?:is|are|who\s+are|must\s+be|aged?))?\s+(?P<cmp>younger|older)\s+than\s+(?P<v>\d{1,2})"
    r"(?=\s*(?:[.;,)]|$|(?:years?|yrs?)\b|(?P<months>months?\b)))",  # ("older than 16 months and younger than 8 years")
    re.I,
)


def age_number_first(
    text: str, low: str, starts: set[int], taken: list[tuple[int, int]]
) -> list[Comparison]:
    out: list[Comparison] = []
    for m in _WORDED_AGE_RE.finditer(text) if " or " in low or " and " in low else ():
        value = "v" if m["v"] else "v2" if m["v2"] else "v3"
        if FOR_WHOM_RE.search(text, max(0, m.start(value) - 40), m.start(value)):
            continue  # "(only applicable to subjects 11 and older)" names a subgroup
        if not overlaps(taken, m.start(value), m.end()):
            op = ">=" if m["ge"] or m["ge2"] or m["ge3"] else "<="
            out.append(Comparison(op, float(m[value]), None, "years", m.start(value), m.end()))
    if len(text) < 24 and (m := _WHOLE_BARE_AGE_RE.match(text)) and not overlaps(taken, m.start("v"), m.end()):
        out.append(Comparison(">" if m["gt"] else "<", float(m["v"]), None, "years", m.start(), m.end()))
    for m in _PERSON_THAN_RE.finditer(text) if "than" in low else ():
        # "Patient is younger than 10", "Individuals younger than 18.": a person's age, in years
        if not overlaps(taken, m.start("cmp"), m.end()) and not FOR_WHOM_RE.search(text, max(0, m.start() - 40), m.start()):
            op = "<" if m["cmp"].lower().startswith("younger") else ">"
            out.append(Comparison(op, float(m["v"]), None, "months" if m["months"] else "years", m.start("cmp"), m.end()))
    for m in _AGE_SMALL_UNIT_RE.finditer(text) if has(low, "of age", " old") else ():
        # "≤36 months of age at the time of first dose", "<300 days of age": an infant's age
        c = comparison(text, m.start())
        if m.group().lower().endswith("old") and not _PERSON_BEFORE_RE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "an MRI less than 6 months old" is the MRI's age
        if c is not None and c.unit in ("months", "weeks", "days") and not overlaps(taken, c.start, c.end) and not (
            AT_ONSET_AFTER_RE.match(text, m.end()) or FOR_WHOM_RE.search(text, max(0, m.start() - 40), m.start())
            or _ONSET_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())  # "symptom onset ≤ 6 months of age"
        ):
            out.append(c._replace(end=m.end()))
    if not has(low, *_AGE_CUES):
        return out
    for m in _near(_AGE_NF_RE, _YEAR_UNIT_RE, text):
        start = m.start()
        if overlaps(taken, start, m.end()):
            continue
        before = text[max(0, start - 40) : start]
        if (
            FOR_WHOM_RE.search(before)
            or _SUBGROUP_IN_PARENS_RE.search(before)
            or _AGE_NF_REJECT_RE.match(text, m.end())
            or _AGE_AT_ONSET_RE.search(before)
            or _BONE_AGE_RE.search(text, 0, start)  # "Bone age of boys < 15 years, of girls < 13 years"
        ):
            continue
        if m.group("op2") and m.group("op"):  # "≥ 18 and ≤ 80 years of age"
            end = closed(text, m.end(), "years")
            if end is None:
                continue
            ops = operator(m.group("op")), operator(m.group("op2"))
            low, high = number(m.group("v1")), number(m.group("v3"))
            # "between >= 18 and <= 55 years", "≥18 to ≤75 years of age": a range
            if ops == (">=", "<=") and low < high and (m.group("btw") or m.group("sep2").lower() == "to"):
                pair = [Comparison("between", low, high, "years", start, end)]
            else:  # "≥ 18 and ≤ 55 years of age": each bound with its operator, as stated
                pair = [Comparison(op, v, None, "years", start, end) for op, v in zip(ops, (low, high))]
        else:
            c = comparison(text, start)
            if c is None or c.unit not in ("years", None):
                continue
            pair = chain(text, c, starts)  # "under 18 years and over 70 of age"
        op_words = (m.group("op") or "").lower()
        suffix = text[m.end() : pair[-1].end].lower()
        cued = (
            m.group("tail")
            or "older" in op_words
            or "younger" in op_words
            or "older" in suffix
            or "younger" in suffix
            or _AGE_SUBJECT_RE.search(before)
            or _WHOLE_BEFORE_RE.fullmatch(text, 0, start)  # the whole criterion: "> 18 years"
            and (_WHOLE_AFTER_RE.fullmatch(text, pair[-1].end)
                 or pair[-1].op == "between" and _CLAUSE_AFTER_RE.match(text, pair[-1].end))
        )
        end = pair[-1].end
        if cued and not AT_ONSET_AFTER_RE.match(text, end) and not age_heading(text, start, end):
            out.extend(pair)
    return out


def durations(
    text: str, low: str, starts: set[int], taken: list[tuple[int, int]]
) -> list[Comparison]:
    found: list[Comparison] = []
    if " for " in low and (m := _DISEASE_FOR_RE.match(text)) and _DISEASE_WORD_RE.search(m["what"]) and not (
        _NOT_A_DISEASE_RE.search(m["what"])
    ):
        c = comparison(text, m.end())
        if c is not None and c.op in (">", ">=") and c.unit in _TIME_UNITS and not overlaps(taken, c.start, c.end):
            found.append(c._replace(start=m.start("what")))
    if not has(low, *_DURATION_CUES):
        return found
    key = has(low, "duration", *_ANCHOR_CUES) or "diagnosis" in low and "time" in low
    for m in _DURATION_KEY_RE.finditer(text) if key else ():
        if _AGE_AT_RE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "age at symptom onset of 40 years or older" is not a duration
        c = bound(text, m.end(), starts, within=True)
        if c is not None and not _OTHER_PERSON_RE.match(text, m.end()):
            found.extend(x._replace(start=m.start()) for x in chain(text, c, starts))
    after = has(low, "diagnos", *_ANCHOR_CUES)
    for m in _near(_DURATION_AFTER_RE, _ANCHOR_HEAD_RE, text) if after else ():
        c = comparison(text, m.start("cmp"), within=True)
        if c is not None and not _OTHER_PERSON_RE.match(text, m.end()):
            found.append(c._replace(end=max(c.end, m.end())))
    for m in _OF_DURATION_RE.finditer(text) if "duration" in low else ():
        clause = text.rfind(";", 0, m.start()) + 1
        if _CONDITION_HEAD_RE.search(text, max(clause, m.start() - 80), m.start()):
            c = comparison(text, m.start("cmp"))
            if c is not None:
                found.append(c._replace(end=max(c.end, m.end())))
    for m in _DIAGNOSED_RE.finditer(text) if "diagnos" in low else ():
        if _OTHER_DIAGNOSIS_RE.search(text, max(0, m.start() - 60), m.end()) or CONDITION_RE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue
        c = comparison(text, m.end(), within=True)
        als = ALS_RE.search(m.group("what")) or ALS_RE.search(text, max(0, m.start() - 12), m.start())
        if c is not None and (c.op in (">", ">=") or als or not _NOT_STUDIED_RE.search(text)):
            found.extend(x._replace(start=m.start()) for x in chain(text, c, starts))
    return [
        c
        for c in found
        # ("symptom onset ≤ 6 months of age" is an age at onset, not how long ago it was)
        if c.unit in _TIME_UNITS and not overlaps(taken, c.start, c.end) and not _OF_AGE_AFTER_RE.search(text, c.start, c.end + 8)
    ]
