"""Which studies the fake ClinicalTrials.gov server returns for a set of query parameters.

Pure functions over study dicts (API v2 shape). The real registry runs Essie, a full search
engine with ranking; the fake keeps only what a fetcher's tests need and rejects the rest with
a 400, so a test never passes by accident on syntax the fake silently ignored.

Search expressions (``query.cond``, ``query.intr``, ``query.titles``, ``query.term``):

- A *term* is a double-quoted phrase, or a run of bare words (``motor neuron disease``), and
  matches when it is a case-insensitive substring of the area's text.
- ``OR`` separates alternatives, ``AND`` (or plain adjacency of two terms) requires both,
  ``NOT`` negates, and parentheses group. Operators are upper case, as in Essie.
- So ``"amyotrophic lateral sclerosis" OR ALS OR (motor neuron AND disease)`` works.
- Essie operators with brackets (``AREA[...]``, ``EXPANSION[...]``) are refused with a 400.

Several ``query.*`` parameters and filters are ANDed. Results come in ``nctId`` order unless
``sort`` names a supported date field. Not emulated: relevance ranking, synonyms, stemming,
and the quirk that a ``query.*`` holding only NCT IDs makes the registry ignore all filters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

Study = dict[str, Any]
Node = tuple[Any, ...]

NCT_ID_PATTERN = re.compile(r"^[Nn][Cc][Tt]0*([1-9]\d{0,7})$")

# The 14 values of the registry's Status enum (api-v2.md §4).
OVERALL_STATUSES = frozenset(
    {
        "ACTIVE_NOT_RECRUITING", "COMPLETED", "ENROLLING_BY_INVITATION", "NOT_YET_RECRUITING",
        "RECRUITING", "SUSPENDED", "TERMINATED", "WITHDRAWN", "AVAILABLE", "NO_LONGER_AVAILABLE",
        "TEMPORARILY_NOT_AVAILABLE", "APPROVED_FOR_MARKETING", "WITHHELD", "UNKNOWN",
    }
)  # fmt: skip

# Date fields usable in `filter.advanced` RANGEs and in `sort`: piece name or dotted path ->
# path under protocolSection.
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "LastUpdatePostDate": ("statusModule", "lastUpdatePostDateStruct", "date"),
    "LastUpdateSubmitDate": ("statusModule", "lastUpdateSubmitDate"),
    "StudyFirstPostDate": ("statusModule", "studyFirstPostDateStruct", "date"),
    "protocolSection.statusModule.lastUpdatePostDateStruct.date": (
        "statusModule", "lastUpdatePostDateStruct", "date",
    ),
    "protocolSection.statusModule.lastUpdateSubmitDate": ("statusModule", "lastUpdateSubmitDate"),
}  # fmt: skip

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RANGE_TERM = re.compile(r"^AREA\[([^\]]+)\]RANGE\[\s*([^,\]]*?)\s*,\s*([^,\]]*?)\s*\]$")
_ESSIE_TOKEN = re.compile(r'\s*(\(|\)|"[^"]*"|[^\s()"]+)')
_OPERATORS = frozenset({"AND", "OR", "NOT"})


class QueryError(ValueError):
    """A request the registry would answer with 400; the message is the text/plain body."""


def normalize_nct_id(raw: str) -> str | None:
    """``nct123`` -> ``NCT00000123``; None when the ID is malformed."""
    match = NCT_ID_PATTERN.match(raw.strip())
    return f"NCT{int(match.group(1)):08d}" if match else None


def nct_id_of(study: Study) -> str:
    return study["protocolSection"]["identificationModule"]["nctId"]


def alias_ids_of(study: Study) -> list[str]:
    return study["protocolSection"]["identificationModule"].get("nctIdAliases") or []


def select_studies(
    studies: Sequence[Study], params: Mapping[str, str], aliases: Mapping[str, str]
) -> list[Study]:
    """The studies matching every search and filter in ``params``, in result order.

    ``studies`` must already be in nctId order; ``aliases`` maps alias IDs to canonical IDs.
    Raises QueryError for input the registry would reject.
    """
    tests: list[Callable[[Study], bool]] = []
    for name, area_text in SEARCH_AREAS.items():
        if params.get(name, "").strip():
            tests.append(_search_test(parse_essie(params[name]), area_text))
    if params.get("filter.ids", "").strip():
        wanted = resolve_ids(params["filter.ids"], aliases)
        tests.append(lambda study: nct_id_of(study) in wanted)
    if params.get("filter.overallStatus", "").strip():
        statuses = _parse_statuses(params["filter.overallStatus"])
        tests.append(lambda study: _overall_status(study) in statuses)
    if params.get("filter.advanced", "").strip():
        tests.append(parse_advanced(params["filter.advanced"]))
    selected = [study for study in studies if all(test(study) for test in tests)]
    if params.get("sort", "").strip():
        selected = sort_studies(selected, params["sort"])
    return selected


def resolve_ids(value: str, aliases: Mapping[str, str]) -> set[str]:
    """Canonical IDs for a comma- or pipe-separated ``filter.ids`` value (aliases match too)."""
    wanted: set[str] = set()
    for raw in filter(None, (part.strip() for part in re.split(r"[,|]", value))):
        nct_id = normalize_nct_id(raw)
        if nct_id is None:
            # The registry rejects the whole request when any one ID is malformed.
            raise QueryError(f"`{raw}` in parameter `filter.ids` has incorrect format")
        wanted.add(aliases.get(nct_id, nct_id))
    return wanted


# --- search areas ---------------------------------------------------------------------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _module(study: Study, name: str) -> dict[str, Any]:
    return (study.get("protocolSection") or {}).get(name) or {}


def condition_text(study: Study) -> str:
    """Conditions, keywords and condition MeSH terms."""
    conditions = _module(study, "conditionsModule")
    browse = (study.get("derivedSection") or {}).get("conditionBrowseModule") or {}
    meshes = [mesh.get("term") for mesh in browse.get("meshes") or []]
    return "\n".join(_strings([conditions.get("conditions"), conditions.get("keywords"), meshes]))


def intervention_text(study: Study) -> str:
    """Intervention names, other names and descriptions, and arm group labels."""
    module = _module(study, "armsInterventionsModule")
    parts = [
        [item.get(key) for key in ("name", "otherNames", "description")]
        for item in module.get("interventions") or []
    ]
    parts.append([arm.get("label") for arm in module.get("armGroups") or []])
    return "\n".join(_strings(parts))


def title_text(study: Study) -> str:
    """Brief title, official title and acronym."""
    ident = _module(study, "identificationModule")
    return "\n".join(_strings([ident.get(k) for k in ("briefTitle", "officialTitle", "acronym")]))


def study_text(study: Study) -> str:
    """Every string anywhere in the study."""
    return "\n".join(_strings(study))


SEARCH_AREAS: dict[str, Callable[[Study], str]] = {
    "query.cond": condition_text,
    "query.intr": intervention_text,
    "query.titles": title_text,
    "query.term": study_text,
}


def _search_test(node: Node, area_text: Callable[[Study], str]) -> Callable[[Study], bool]:
    return lambda study: essie_matches(node, area_text(study).lower())


# --- Essie-like expressions -----------------------------------------------------------------


def parse_essie(expression: str) -> Node:
    """Parse a search expression into ("or"|"and", [nodes]), ("not", node) or ("term", text)."""
    tokens: list[str] = []
    position = 0
    while expression[position:].strip():
        match = _ESSIE_TOKEN.match(expression, position)
        if match is None:
            raise QueryError(f"Error parsing query: unbalanced quote in `{expression}`")
        if "[" in match.group(1) or "]" in match.group(1):
            raise QueryError(
                f"Error parsing query: the fake ctgov server does not support Essie "
                f"operators such as `{match.group(1)}`"
            )
        tokens.append(match.group(1))
        position = match.end()
    parser = _EssieParser(tokens, expression)
    node = parser.parse_or()
    if parser.peek() is not None:
        raise parser.error()
    return node


def essie_matches(node: Node, text: str) -> bool:
    """Evaluate a parsed expression against lower-cased text."""
    kind = node[0]
    if kind == "term":
        return node[1] in text
    if kind == "not":
        return not essie_matches(node[1], text)
    results = (essie_matches(child, text) for child in node[1])
    return any(results) if kind == "or" else all(results)


class _EssieParser:
    """Recursive descent, precedence NOT > AND (explicit or implied) > OR."""

    def __init__(self, tokens: list[str], expression: str) -> None:
        self.tokens = tokens
        self.expression = expression
        self.position = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str | None:
        token = self.peek()
        self.position += 1
        return token

    def error(self) -> QueryError:
        found = "end of query" if self.peek() is None else f"`{self.peek()}`"
        return QueryError(f"Error parsing query: unexpected {found} in `{self.expression}`")

    def parse_or(self) -> Node:
        nodes = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            nodes.append(self.parse_and())
        return nodes[0] if len(nodes) == 1 else ("or", nodes)

    def parse_and(self) -> Node:
        nodes = [self.parse_not()]
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.take()
            nodes.append(self.parse_not())
        return nodes[0] if len(nodes) == 1 else ("and", nodes)

    def parse_not(self) -> Node:
        if self.peek() == "NOT":
            self.take()
            return ("not", self.parse_not())
        return self.parse_atom()

    def parse_atom(self) -> Node:
        token = self.peek()
        if token is None or token == ")" or token in _OPERATORS:
            raise self.error()
        self.take()
        if token == "(":
            node = self.parse_or()
            if self.take() != ")":
                raise QueryError(f"Error parsing query: missing `)` in `{self.expression}`")
            return node
        if token.startswith('"'):
            return ("term", token[1:-1].lower())
        words = [token]
        while self._is_bare_word(self.peek()):
            words.append(self.take())
        return ("term", " ".join(words).lower())

    @staticmethod
    def _is_bare_word(token: str | None) -> bool:
        return token is not None and token not in _OPERATORS and token[0] not in '()"'


# --- filters and sort -----------------------------------------------------------------------


def _overall_status(study: Study) -> str | None:
    return _module(study, "statusModule").get("overallStatus")


def _parse_statuses(value: str) -> set[str]:
    statuses = {part.strip() for part in re.split(r"[,|]", value) if part.strip()}
    unknown = sorted(statuses - OVERALL_STATUSES)
    if unknown:
        raise QueryError(f"Invalid value in parameter `overallStatus`: `{unknown[0]}`")
    return statuses


def date_of(study: Study, field: str) -> str | None:
    """The value of a DATE_FIELDS field, or None when the study lacks it."""
    value: Any = study.get("protocolSection") or {}
    for key in DATE_FIELDS[field]:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, str) else None


def parse_advanced(expression: str) -> Callable[[Study], bool]:
    """``AREA[<date field>]RANGE[<lo>, <hi>]`` terms joined by AND; bounds are dates, MIN, MAX."""
    ranges: list[tuple[str, str | None, str | None]] = []
    for part in re.split(r"\s+AND\s+", expression.strip()):
        term = part.strip().strip("()").strip()
        match = _RANGE_TERM.match(term)
        if match is None:
            raise QueryError(
                f"Error parsing query in advanced filter: `{term}` (the fake ctgov server "
                "supports only AREA[<date field>]RANGE[<from>, <to>] terms joined by AND)"
            )
        field, low, high = match.groups()
        if field not in DATE_FIELDS:
            raise QueryError(
                f"Error parsing query in advanced filter: Unknown area name: `{field}`"
            )
        ranges.append((field, _bound(low, "MIN"), _bound(high, "MAX")))

    def test(study: Study) -> bool:
        for field, low, high in ranges:
            value = date_of(study, field)
            # Inclusive bounds; ISO dates compare correctly as strings.
            if value is None or (low and value < low) or (high and value > high):
                return False
        return True

    return test


def _bound(value: str, open_word: str) -> str | None:
    if value.upper() == open_word:
        return None
    if not _FULL_DATE.match(value):
        raise QueryError(f"Error parsing query in advanced filter: bad RANGE bound `{value}`")
    return value


def sort_studies(studies: list[Study], value: str) -> list[Study]:
    """Sort by up to two date fields (``Field[:asc|desc]``, desc by default); missing go last."""
    items = [item.strip() for item in re.split(r"[,|]", value) if item.strip()]
    if len(items) > 2:
        raise QueryError("Parameter `sort` accepts at most 2 items")
    keys: list[tuple[str, bool]] = []
    for number, item in enumerate(items, start=1):
        field, _, direction = item.partition(":")
        if field == "@relevance":
            continue  # no ranking here: relevance order is nctId order
        if field not in DATE_FIELDS or direction not in ("", "asc", "desc"):
            raise QueryError(f"Item {number} in parameter `sort` has incorrect format")
        keys.append((field, direction != "asc"))
    ordered = list(studies)
    for field, descending in reversed(keys):  # stable sorts, least significant key first
        present = [s for s in ordered if date_of(s, field) is not None]
        missing = [s for s in ordered if date_of(s, field) is None]
        ordered = sorted(present, key=lambda s: date_of(s, field), reverse=descending) + missing
    return ordered
