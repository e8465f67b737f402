"""The words around a comparison that tell it is no threshold, for ``pipeline.extract.thresholds``.

Shared by the keyword reader (``thresholds``) and the number-first readers
(``threshold_number_first``): a condition on the measure itself ("If creatinine 1.0-1.5 x
ULN"), a subgroup ("for patients ≥ 50 years of age, ..."), a value relative to a reference or
a change, an age in a definition of menopause, in a consent rule or heading a subgroup's rule,
an age at onset; and the ALS context of a criterion.
"""

from __future__ import annotations

import re

# a comparison inside a condition on the measure itself is not a threshold
CONDITION_RE = re.compile(
    r"\b(?:if|when|whenever|unless|in\s+case\s+of|under\s+the\s+condition\s+of|on\s+the\s+premise|"
    r"provided|providing|as\s+long\s+as|(?:only\s+)?applicable\s+to)\b[^,;:.()]*\(?$",
    re.I,
)
# "... for patients with serum creatinine levels above institutional ULN": a subgroup defined
# by the measure itself
SUBGROUP_BY_MEASURE_RE = re.compile(
    r"\b(?:for|in|among)\s+(?:patients|participants|subjects|those|individuals|people|women|men)\s+"
    r"(?:with|who\s+have|having)\s+(?:an?\s+|the\s+)?(?:baseline\s+)?$",
    re.I,
)
FOR_WHOM_RE = re.compile(
    r"\b(?:(?:if|when|for|applicable\s+to)\s+(?:[\w'’]+\s+){0,2}|in\s+(?:patients|participants|"
    r"subjects|children|adults|women|men|males|females|those|individuals|adolescents|infants)\s+)$",
    re.I,
)  # "for patients ≥ 50 years of age, ...", "or, in patients < 18 years, decrease in eGFR ..."
# "a weight of more than 45 kg (100 lbs.) over ideal body weight" is relative to a reference
RELATIVE_AFTER_RE = re.compile(
    r"\s*\)?\s*(?:\([^()]{0,30}\)\s*)?(?:over|above|below|under)\s+(?:the\s+|their\s+|his\s+|her\s+)?"
    r"(?:ideal|lean|usual|baseline|target|dry|pre-?[a-z]+)\b",
    re.I,
)
# "Increase in serum creatinine by ≥ 0.3 mg/dL" is a change ("... to ≥ 4.0 mg/dL" is a level)
CHANGE_BEFORE_RE = re.compile(
    r"\b(?:increase[sd]?|decrease[sd]?|rise|elevation|reduction|decline|change|drop|fall|loss|gain|worsening|"
    r"deterioration|improvement)\s+"
    r"(?:of|in)\s+(?:the\s+)?$",
    re.I,
)
TO_RE = re.compile(r"\bto\b", re.I)
# an age in a definition of menopause ("Women < 50 years old ... amenorrheic for 12 months")
# is not an eligibility age
MENOPAUSE_DEFINITION_RE = re.compile(
    r"amenorrh|\bno\s+(?:natural\s+)?(?:menstruation|menses|menstrual\s+periods?)\b", re.I
)
# ages of the minors or adults of a consent rule ("Subjects aged 7 - 17 years ... must be
# willing ... to provide ... assent", "... must have a parent, guardian or legally authorized
# representative") are not eligibility ages
CONSENT_RULE_RE = re.compile(r"\bassent\b|\bguardian|legally\s+authori[sz]ed", re.I)
# "Subjects age 11 and older: Subject is known to be pregnant ..." heads a subgroup rule
_SUBJECT_HEAD_RE = re.compile(
    r"(?:^|[.;]\s*)(?:(?:female|male|pediatric|paediatric|adult)\s+)?(?:subjects?|patients?|"
    r"participants?|children|women|men|adolescents?|females?|males?)\s+$",
    re.I,
)
_COLON_RE = re.compile(r"\s*:\s*\S")


def age_heading(text: str, start: int, end: int) -> bool:
    """The age at text[start:end] heads a rule for a subgroup ("Subjects age 11 and older: ...")."""
    head = _SUBJECT_HEAD_RE.search(text, max(0, start - 40), start)
    return bool(head and _COLON_RE.match(text, end))

# an age at onset or diagnosis ("Age 18 years or older at diagnosis") is no eligibility age
AT_ONSET_AFTER_RE = re.compile(
    r"\s*(?:at|of)\s+(?:the\s+)?(?:time\s+of\s+)?(?:[\w-]+\s+){0,2}(?:onset|diagnosis)\b", re.I
)

# the criterion is about ALS (a bare "progression rate" is then an ALSFRS-R slope)
ALS_RE = re.compile(r"\bALS\b|amyotrophic|motor\s+neuron|(?:Δ|\bdelta\s*)-?\s*FS\b", re.I)
ALS_CUES = ("als", "amyotrophic", "motor", "fs")  # cheap cues: every ALS_RE match contains one


def has(low: str, *words: str) -> bool:
    for w in words:  # a loop, not any(...): this runs a dozen times per criterion
        if w in low:
            return True
    return False


def overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """text[start:end] overlaps a comparison already read."""
    return any(s < end and start < e for s, e in taken)
