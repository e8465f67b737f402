"""Routes of administration: one canonical lowercase name per route, found in free text.

Shared by the dose parser (``doses.py``: the route of a dose statement) and the
cell-therapy classifier (``cells.py`` does not need it yet, but a cell product's route is
read from the same words). Every canonical name is in ``ROUTES``; nothing else is returned.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Canonical name -> words that state it. Case-insensitive unless listed in _ABBREVIATIONS.
# Order matters only for readability: matches never overlap in practice, and each match
# is reported with its own position.
_WORDS: dict[str, str] = {
    "intrathecal": r"intra[-\s]?thecal(?:ly)?|lumbar\s+punctures?|spinal\s+taps?|in(?:to)?\s+the\s+(?:cerebro-?spinal\s+fluid|CSF|spinal\s+fluid)"
    r"|intra-?CSF",
    "intravenous": r"intra[-\s]?ven(?:e?ou|u)s(?:ly)?|peripheral\s+I\.?V\b\.?|into\s+(?:a|the)\s+(?:peripheral\s+)?vein|intravenous\s+drip",
    "intramuscular": r"intra[-\s]?muscular(?:ly)?|into\s+the\s+(?:\w+\s+){0,2}(?:muscles?|musculature)"
    r"|\bmuscle\s+injections?|\bin\s+the\s+(?:\w+\s+){0,2}(?:thigh|deltoid|gluteal)\s+muscle",
    "intraspinal": r"intra-?spinal(?:ly)?|into\s+the\s+(?:\w+\s+){0,2}spinal\s+cord|intra-?medullary\s+spinal",
    "intracerebroventricular": r"intra-?cerebro-?ventricular(?:ly)?|intra-?ventricular(?:ly)?"
    r"|Ommaya\s+reservoir",
    # with the registry's misspellings: "Subcutaneus injections", "sub cutaneous daily injection"
    "subcutaneous": r"sub[-\s]?cutane?(?:ou|u|o)s(?:ly)?",
    # "orally active", "orally bioavailable": a property of the drug, not how it is given
    # "an oral small molecule", "an oral inhibitor of PARP": a kind of drug, not how it is given
    # "until resumption of normal oral therapy": another regimen, after this one
    "oral": r"(?<!resumption\sof\s)(?<!resumption\sof\snormal\s)(?<!switch\sto\s)\boral(?:ly)?\b(?!\s+(?:cavity|mucosa|health|hygiene|surgery|surgeon|exam|active|available|"
    r"bioavailable|effective|small[-\s]molecule|inhibitor))"
    r"|by\s+mouth|\bper\s+os\b",
    "intranasal": r"intra-?nasal(?:ly)?|nasal\s+spray|(?:via|by)\s+(?:the\s+)?nasal\s+route",
    "intracerebral": r"intra-?cerebral(?:ly)?|intra-?parenchymal(?:ly)?|into\s+the\s+(?:motor\s+)?cortex"
    r"|intra-?putaminal|intra-?striatal",
    "intra-arterial": r"intra-?arterial(?:ly)?|intra-?carotid|via\s+(?:the\s+)?(?:hepatic|liver|femoral|carotid)\s+artery",
    "intradiscal": r"intra-?discal(?:ly)?|into\s+the\s+(?:[\w-]+\s+){0,2}(?:disc|nucleus\s+pulposus)",
    # ("will be injected into joints"; a needle put "into the facet joint" injects nothing)
    "intra-articular": r"intra-?articular(?:ly)?|into\s+the\s+(?:knee|joint)|(?<=injected\s)into\s+(?:the\s+)?(?:\w+\s+)?(?:knees?|joints?)\b",
    "intradermal": r"intra-?dermal(?:ly)?",
    "intratumoral": r"intra-?tumou?ral(?:ly)?",
    # "Caudal Levob 0.125%", "caudal block": a caudal epidural; not "caudal subsidence"
    "epidural": r"epidural(?:ly)?|\bcaudal(?:ly)?(?=\s+(?:epidural|block|injection|administration|route|"
    r"an(?:a)?esth|analges|adjuvant|drug|(?-i:[A-Z])))",
    "intravitreal": r"intra-?vitreal(?:ly)?",
    "inhaled": r"inhal(?:ed|ation)|nebuli[sz]ed|(?<=be\s)smoked|(?<=and\s)smoked",
    "topical": r"topical(?:ly)?",
    "transdermal": r"trans-?dermal(?:ly)?",
    "sublingual": r"sub-?lingual(?:ly)?",
    # cell products given into an organ: the heart (MSC in heart failure), the retina (RPE cells),
    # the bone (cord blood), a lesion or a lymph node (dendritic cell vaccines), the peritoneum
    "intracoronary": r"intra-?coronary",
    "intramyocardial": r"intra-?myocardial(?:ly)?",
    "transendocardial": r"trans-?endocardial(?:ly)?",
    "subretinal": r"sub-?retinal(?:ly)?(?!\s+(?:fluid|h(?:a)?emorrhage|fibrosis|scar|neovasc))",
    "intraosseous": r"intra-?osseous(?:ly)?",
    "intralesional": r"intra-?lesional(?:ly)?",
    "intranodal": r"intra-?nodal(?:ly)?|intra-?lymphatic(?:ally)?|into\s+(?:a\s+|the\s+)?lymph\s+nodes?",
    # "intraperitoneal metastases", "intravesical recurrence": where a disease is, not how a drug is given
    "intraperitoneal": r"intra-?peritoneal(?:ly)?(?!\s+(?:metasta|carcinomatosis|disease|spread|recurrence|"
    r"tumou?r|lesion|dissemination|adhesion|free\s+air|fluid))",
    "intravesical": r"intra-?vesical(?:ly)?(?!\s+(?:recurrence|tumou?r|disease))",
    "intrapleural": r"intra-?pleural(?:ly)?(?!\s+(?:effusion|fluid|air))",
    "intratracheal": r"intra-?tracheal(?:ly)?(?!\s+(?:intubation|tube))|endo-?tracheal(?:ly)?(?=\s+(?:administration|instillation|delivery))",
    "rectal": r"\brectal(?:ly)?\b(?=\s+(?:suppositor|administration|enema|route|gel|foam|tube|infusion|instillation)|ly)"
    r"|\brectally\b|\bper\s+rectum\b",
    "vaginal": r"\bvaginal(?=\s+(?:suppositor|administration|gel|cream|tablet|ring|insert|pessar|route|capsule|"
    r"applicat))|\bvaginally\b|\bper\s+vaginam\b",
}

# Abbreviations are case-sensitive and only count as a route next to a word of
# administration, a frequency ("ih, QD") or an amount: "IV" is also a Roman numeral ("stage IV",
# "Part IV"), "IT" a pronoun, "PO" a post office, "SC" a state.
_ABBREVIATIONS: dict[str, str] = {
    "intravenous": r"IVGTT|ivgtt|iv\.?gtt|I\.?V\.?|i\.v\.?|iv",  # IVGTT: an intravenous drip
    "intramuscular": r"I\.?M\.?|i\.m\.?",
    "subcutaneous": r"S\.?C\.?|s\.c\.?|sc|SQ|subQ|ih|i\.h\.?",  # "ih" (hypodermic) in Chinese prescriptions
    "oral": r"P\.?O\.?|p\.o\.?|po",
    "intrathecal": r"I\.?T\.?|i\.t\.?",
    "intracerebroventricular": r"ICV|i\.c\.v\.?",
}

ROUTES: tuple[str, ...] = tuple(_WORDS)
# Routes that are only ever a way of giving something: a statement of one says by itself that a
# sentence speaks of giving ("Intrathecal Autologous Bone Marrow TNC"), unlike "subcutaneous
# drains", "intravenous drug use" or "intramuscular haematoma" (``pipeline.extract.regimens``).
GIVING_ONLY: frozenset[str] = frozenset({
    "intrathecal", "intraspinal", "intracerebroventricular", "intradiscal", "intra-articular", "intratumoral",
    "intravitreal", "intralesional", "intranodal", "intracoronary", "intramyocardial", "transendocardial",
    "intratracheal",
})
# Words one of which every match of a route's words holds (lower-cased): a route whose words
# the text does not hold is not scanned. Most texts hold few of them, and a substring test costs
# far less than a scan (one scan with every route's pattern cost ~0.2 ms a text).
_STEMS: dict[str, tuple[str, ...]] = {
    "intrathecal": ("thecal", "lumbar", "spinal", "cerebro", "csf"),  # ("spinal fluid")
    "intravenous": ("ven", "periph", "vein"),
    "intramuscular": ("muscul", "muscle"),
    "intraspinal": ("spinal", "medullary"),
    "intracerebroventricular": ("ventricul", "ommaya"),
    "subcutaneous": ("cutan",),
    "oral": ("oral", "mouth", "per os"),
    "intranasal": ("nasal",),
    "intracerebral": ("cerebral", "parenchymal", "cortex", "putamin", "striatal"),
    "intra-arterial": ("arterial", "carotid", "artery"),
    "intradiscal": ("disc", "nucleus"),
    "intra-articular": ("articular", "knee", "joint"),
    "intradermal": ("dermal",),
    "intratumoral": ("tumo",),
    "epidural": ("epidural", "caudal"),
    "intravitreal": ("vitreal",),
    "inhaled": ("inhal", "nebuli", "smoked"),
    "topical": ("topical",),
    "transdermal": ("dermal",),
    "sublingual": ("lingual",),
    "intracoronary": ("coronary",),
    "intramyocardial": ("myocardial",),
    "transendocardial": ("endocardial",),
    "subretinal": ("retinal",),
    "intraosseous": ("osseous",),
    "intralesional": ("lesional",),
    "intranodal": ("nodal", "lymph"),
    "intraperitoneal": ("peritoneal",),
    "intravesical": ("vesical",),
    "intrapleural": ("pleural",),
    "intratracheal": ("tracheal",),
    "rectal": ("rectal", "rectum"),
    "vaginal": ("vagin",),
}
_WORD_RES: dict[str, re.Pattern[str]] = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _WORDS.items()}
_ORDER = {name: i for i, name in enumerate(_WORDS)}
_ABBREV_RE = re.compile(  # (every abbreviation starts with one of these letters)
    r"(?<![\w.])(?=[IiSsPp])(?:"
    + "|".join(f"(?P<{name.replace('-', '_')}>{pattern})" for name, pattern in _ABBREVIATIONS.items())
    + r")(?![\w])"
)
_GROUP_TO_ROUTE = {name.replace("-", "_"): name for name in ROUTES}

# An abbreviation counts only inside parentheses ("(IV)") or beside one of these.
_ADMIN_NEAR = re.compile(
    r"(?:infus|inject|admin|bolus|push|given|deliver|dose|dosing|route|over\s+\d|q\d|\bq[dwm]\b|\b[bt]id\b"
    r"|every|daily|weekly|\bon\s+(?:study\s+)?days?\s+\d"
    r"|once|twice|\d\s*(?:mg|µg|ug|mcg|g|mL|ml|IU|units?|cells)\b|/kg|/m2|/m²|/day|tablet|capsule)",
    re.IGNORECASE,
)
_ROMAN_BEFORE = re.compile(
    r"(?:stage|grade|phase|type|class|part|arm|cohort|group|level|step|period|section|schedule|table|figure|"
    r"category|tier|dose\s+level)\s*$",
    re.IGNORECASE,
)


_LISTED_BEFORE = re.compile(r"[,;]\s*$")
_BY_BEFORE = re.compile(r"\b(?:by|via)\s+$", re.IGNORECASE)  # "stem cells (SCLnow 19#) by i.v."
_LISTED_AFTER = re.compile(r"\s*(?:[,;)]|$)")


class Route(NamedTuple):
    """One statement of a route: its canonical name and its place in the text."""

    route: str
    start: int
    end: int


def _spells(before: str, abbreviation: str) -> bool:
    """True when the words just before ``abbreviation`` have it as their initials."""
    letters = [c.lower() for c in abbreviation if c.isalpha()]
    words = re.findall(r"[A-Za-z]+", before)[-len(letters) :]
    return len(letters) > 1 and len(words) == len(letters) and [w[0].lower() for w in words] == letters


def word_routes(text: str) -> list[Route]:
    """The routes ``text`` states in words (not abbreviations), in order. Only the routes whose
    stems the text holds are scanned; of matches that overlap, the first (then the route listed
    first) stands, as one scan with all the patterns would read them."""
    low = text.lower()
    matches = sorted(
        (m.start(), _ORDER[name], m.end(), name)
        for name, stems in _STEMS.items() if any(stem in low for stem in stems)
        for m in _WORD_RES[name].finditer(text)
    )
    found: list[Route] = []
    end = -1
    for start, _, stop, name in matches:
        if start >= end:
            found.append(Route(name, start, stop))
            end = stop
    return found


def find_routes(text: str) -> list[Route]:
    """Every route stated in ``text``, in order of appearance (abbreviations only in context)."""
    found = word_routes(text)
    for m in _ABBREV_RE.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        after = text[m.end() : m.end() + 30]
        if _ROMAN_BEFORE.search(before):
            continue
        # lower-case "iv", "po" only beside a word of administration: "(iv)" may number a list item
        in_parens = before.endswith("(") and after.startswith(")") and m.group() not in ("iv", "po")
        if in_parens and _spells(before[:-1], m.group()):
            continue  # "smoking cessation (SC)": the abbreviation of the words before it
        # one item of a comma list of a dose's parts: "2×10^7 hUC-MSC, IV, every week", "in 3 times, i.v.)"
        listed = m.group() not in ("iv", "po", "sc") and _LISTED_BEFORE.search(before) and _LISTED_AFTER.match(after)
        if in_parens or listed or _BY_BEFORE.search(before) or _ADMIN_NEAR.search(before[-20:]) or _ADMIN_NEAR.search(after[:20]):
            found.append(Route(_GROUP_TO_ROUTE[m.lastgroup or ""], m.start(), m.end()))
    found.sort(key=lambda r: r.start)
    return found
