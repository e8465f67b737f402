"""Split ``eligibilityModule.eligibilityCriteria`` (CommonMark) into one row per criterion.

The registry serves the criteria as one markdown string, typically
``"Inclusion Criteria:\\n\\n* item\\n* item\\n\\nExclusion Criteria:\\n\\n* item"``, but records
vary. ``split_criteria`` reads it line by line (one precompiled regex per line, no loop per
character) with these rules:

Sections
    A *section heading* is a line that, once a list marker, ``#`` and ``**`` are stripped, is
    an inclusion or exclusion keyword ("Inclusion Criteria", "INCLUSION CRITERIA:",
    "Exclusion criteria -", "Inclusion:", "Ineligibility criteria", "Non-inclusion criteria",
    "Criteria for exclusion", "Critères d'inclusion"), optionally after up to three generic
    words ("Key", "Main", "Subject", "Other", ...). Heading lines are not criteria. Text after
    a separator on the same line ("Exclusion Criteria: contra-indication") is parsed as the
    first line of the section. "Eligibility criteria" and "Inclusion and exclusion criteria"
    are headings of section ``other``, except that an "Eligibility criteria" section counts as
    ``inclusion`` when the text has an exclusion heading but no inclusion heading. Text before
    any heading is ``other``. Some records lost their line breaks ("... (MAB) Exclusion
    Criteria:• Patient has ..."), so a capitalised "Inclusion Criteria:" or "Exclusion
    Criteria:" after the 30th character of a line starts a new line there.

    A *qualified heading* starts a paragraph and names inclusion or exclusion criteria with
    more words: a heading with a parenthesised qualifier ("Inclusion Criteria (Families):"),
    or a paragraph (not a list item) of at most twelve words that ends in ``:``
    ("Additional exclusion criteria for study arm 2:"). It switches the section and, because
    its qualifier is information, is also emitted as a level-0 item.

Items
    A list item starts at a marker followed by a space: ``*``, ``-``, ``+`` (also
    backslash-escaped, as the registry writes ``\\*``), ``•``-style glyphs, ``o``, numbers
    with ``.`` or ``)`` (also ``1\\.``), letters (``a.``, ``(b)``; a capital letter only when
    the next character is not lower case, so "H. pylori" stays text) and roman numerals. A
    bullet directly followed by a number (``* 1\\. Male``) loses both markers. A
    non-marker line after a blank line (or first in its section) starts a paragraph item.
    Backslash escapes stay in ``text``; ``pipeline.normalize.text.unescape`` undoes them.

Continuation
    A non-marker line directly after a non-blank line is a wrapped line of the item above
    (CommonMark's lazy continuation). After a blank line, a non-marker line indented further
    than an open item's marker continues that item (a second paragraph of it); otherwise it
    starts a new level-0 paragraph item. Continuations are joined with one space. Thematic
    breaks and setext underlines (``---``, ``***``, ``===``) carry no text and are skipped.

Nesting (conservative)
    An item nests under an open item when its marker is indented further than that item's
    marker or first character. At the same indentation it nests only when the line directly
    before it (blank lines aside) ends in ``:`` and the new item uses a different marker
    style (for example ``*`` bullets under "1. Adequate organ function:" or under the
    paragraph "Patients must meet the following:"); its siblings of the same style follow
    it there, and the parent's own style closes the group. Anything else at the same
    indentation is a sibling. Paragraphs never nest by the colon rule.

``ordinal`` counts every emitted row in order of appearance within a section; ``level`` is
the depth below the nearest emitted ancestor and ``parent_ordinal`` that ancestor's ordinal.
Items whose text is empty (a bare ``7.``) are not emitted; their children move up.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

__all__ = ["Criterion", "split_criteria"]


class Criterion(NamedTuple):
    """One criterion: ``section`` is 'inclusion', 'exclusion' or 'other'."""

    section: str
    ordinal: int
    level: int
    parent_ordinal: int | None
    text: str


# A list marker and the spaces after it. Escaped forms (\*, \-, \+, 1\.) are how the
# registry's markdown writer protects literal markers; they are markers all the same.
_MARKER = re.compile(
    r"""
    (?:
        (?P<bullet>\\?[*+\-]|[•●○◦▪■□·➢►✓–—]|o(?=[ ]))
      | (?P<num>\d{1,3}(?:\.\d{1,2})*)(?P<num_delim>\\?[.)])
      | \((?P<paren>\d{1,3}|[a-zA-Z]|[ivxIVX]{1,6})\)
      | (?P<roman>[ivx]{2,6}|[IVX]{2,6})(?P<roman_delim>\\?[.)])
      | (?P<lower>[a-z])(?P<lower_delim>\\?[.)])
      | (?P<upper>[A-Z])(?P<upper_delim>\\?[.)])(?=[ ]+(?:[^a-z ]|$)|$)
    )
    (?:[ \u00a0]+|$)
    """,
    re.VERBOSE,
)

# "* 1\. Male or female": a bullet wrapping an escaped (or plain) number.
_INNER_NUMBER = re.compile(r"\d{1,3}\\?[.)](?:[ \u00a0]+|$)")

# Heading keywords. ``kind`` decides the section; prefixes are generic words that add nothing.
_GENERIC = (
    r"key|main|major|minor|general|principal|primary|basic|standard|common|specific|other|"
    r"additional|further|subject|patient|participant|volunteer|study|trial|the|all"
)
_KIND = (
    r"inclusi[oó]n\s*(?:and|&|/|or)\s*exclusi[oó]n|inclusi[oó]n|exclusi[oó]n|ineligibility"
    r"|non[\s-]?inclusion|non[\s-]?eligibility|eligibility"
)
_HEADING = re.compile(
    rf"""
    (?:(?:\d{{1,2}}|[IVX]{{1,4}})(?:\.\d{{1,2}})*\.?\s+)?   # outline number: "III.6 EXCLUSION CRITERIA"
    (?:(?:{_GENERIC})s?\s+){{0,3}}
    (?:
        (?P<kind>{_KIND})s?(?:\s+criteri[a-z]*|\s+requirements?)?
      | criteri[a-z]*\s+(?:for|of)\s+(?P<kind_after>{_KIND})
      | crit[eéè]res?\s+d(?:e\s+|['’]\s*)(?P<kind_fr>{_KIND})
      | criterios?\s+de\s+(?P<kind_es>{_KIND})
    )
    (?P<qualifier>\s*\([^)]*\))?
    (?:\s+(?:includes?|are|is)(?:\s+as\s+follows)?|\s+as\s+follows)?
    \s*(?P<sep>[:：.\-–—]*)\s*
    (?P<rest>.*)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A paragraph that names inclusion/exclusion criteria among other words.
# A heading run into the text before it, in records whose line breaks were lost.
# The spaces are found first; the conditions on what precedes them (30 characters of the same
# line, not "Key") are checked only there (_RUN_INTO): tried at every position, they cost more
# than the rest of the splitting.
_EMBEDDED = re.compile(r"[ ]+(?=(?:Key |KEY )?(?:Inclusion|Exclusion|INCLUSION|EXCLUSION) (?:Criteria|CRITERIA) ?:)")
_RUN_INTO = re.compile(r"(?<=[^\n]{30})(?<=\S)(?<!\bKey)(?<!\bKEY)")
_QUALIFIED = re.compile(
    r"\b(?:(?:in|ex)clusion\s+criteri|ineligibility|non[\s-]?inclusion|criteria\s+for\s+(?:in|ex)clusion)",
    re.IGNORECASE,
)
_DECORATION = re.compile(r"^(?:#{1,6}[ ]+|[*_]{2,3}(?=\S))|(?<=\S)[*_]{2,3}$|[ ]+#+$")
_RULE = re.compile(r"[ ]*(?:(?:[*_\-=][ ]*){3,})$")
_HEADING_HINT = ("clusi", "eligib", "criter", "crit\u00e8r", "crit\u00e9r")
_COLONS = (":", "\uff1a")


def _section(keyword: str) -> str:
    """Section named by a heading keyword; 'eligibility' is resolved once the text is read."""
    word = keyword.lower()
    if "inclusi" in word and "exclusi" in word:
        return "other"
    if "exclusi" in word or "non" in word or "inelig" in word:
        return "exclusion"
    if "inclusi" in word:
        return "inclusion"
    return "eligibility"


def _heading(body: str, low: str) -> tuple[str, str, bool] | None:
    """(section, inline rest, qualified) when ``body`` is a section heading, else None."""
    if not any(hint in low for hint in _HEADING_HINT):
        return None
    stripped = _DECORATION.sub("", body)
    marker = _MARKER.match(stripped)
    if marker and marker.end() < len(stripped):
        stripped = stripped[marker.end() :]
    stripped = _DECORATION.sub("", stripped)
    m = _HEADING.fullmatch(stripped)
    if m is not None:
        section = _section(m["kind"] or m["kind_after"] or m["kind_fr"] or m["kind_es"])
        rest = m["rest"].rstrip("*_ ")
        if not rest:
            return section, "", m["qualifier"] is not None
        if m["sep"]:
            return section, rest, False
    if marker is None and body.endswith(_COLONS) and len(body.split()) <= 12:
        found = _QUALIFIED.search(body)
        if found is not None:
            return _section(found.group()), "", True
    return None


class _Open(NamedTuple):
    """An item that can still take children or continuation paragraphs."""

    node: int
    indent: int
    style: str


def _style(m: re.Match[str]) -> str:
    """Marker style: items of one style at one indentation are siblings."""
    if m["bullet"]:
        return m["bullet"].lstrip("\\")
    if m["num"]:
        return "1" + m["num_delim"].lstrip("\\")
    if m["paren"]:
        return "(1)"
    if m["roman"]:
        return "i" + m["roman_delim"].lstrip("\\")
    if m["lower"]:
        return "a" + m["lower_delim"].lstrip("\\")
    return "A" + m["upper_delim"].lstrip("\\")


def _break_embedded(text: str, match: re.Match[str]) -> str:
    """A line break for spaces before an embedded heading that follows 30 characters of its line."""
    return "\n" if _RUN_INTO.match(text, match.start()) else match.group(0)


def split_criteria(text: str | None) -> list[Criterion]:
    """Split a study's eligibility criteria markdown into ordered, nested criteria rows."""
    if not text or text.isspace():
        return []
    if "riteria" in text or "RITERIA" in text:
        text = _EMBEDDED.sub(functools.partial(_break_embedded, text), text)
    sections: list[str] = []
    parents: list[int] = []  # index into the node lists, -1 for none
    parts: list[list[str]] = []
    stack: list[_Open] = []
    section = "other"
    last = -1  # the node a wrapped line continues, -1 after a heading or at the start
    blank_before = True
    seen: set[str] = set()

    def add(body: str, parent: int, indent: int, style: str) -> None:
        nonlocal last
        sections.append(section)
        parents.append(parent)
        parts.append([body] if body else [])
        stack.append(_Open(len(parts) - 1, indent, style))
        last = len(parts) - 1

    for raw in text.splitlines():
        line = raw.expandtabs(4).rstrip() if "\t" in raw else raw.rstrip()
        body = line.lstrip()
        if not body:
            blank_before = True
            continue
        if _RULE.match(body):
            blank_before = True
            continue
        indent = len(line) - len(body)
        heading = _heading(body, body.lower())
        if heading is not None and heading[2] and not blank_before:
            heading = None  # a qualified heading starts a paragraph; mid-paragraph it is text
        if heading is not None:
            section, rest, qualified = heading
            seen.add(section)
            stack.clear()
            last = -1
            blank_before = True
            if not qualified:
                if not rest:
                    continue
                body, indent = rest, 0
        marker = _MARKER.match(body)
        if marker is not None:
            style = _style(marker)
            content = body[marker.end() :].strip()
            if marker["bullet"]:
                inner = _INNER_NUMBER.match(content)
                if inner is not None:
                    content = content[inner.end() :]
            parent = -1
            while stack:
                top = stack[-1]
                if top.indent < indent:
                    parent = top.node
                    break
                if top.indent > indent:
                    stack.pop()
                    continue
                if top.style == style:
                    stack.pop()
                    parent = stack[-1].node if stack else -1
                    break
                if top.node == last and parts[last] and parts[last][-1].endswith(_COLONS):
                    parent = top.node
                    break
                stack.pop()
            add(content, parent, indent, style)
        elif not blank_before and last >= 0:
            parts[last].append(body)
        else:
            while stack and stack[-1].indent >= indent:
                stack.pop()
            if stack:
                last = stack[-1].node
                parts[last].append(body)
            else:
                add(body, -1, indent, "")
        blank_before = False

    eligibility_is = "inclusion" if "exclusion" in seen and "inclusion" not in seen else "other"
    return _number([eligibility_is if s == "eligibility" else s for s in sections], parents, parts)


def _number(sections: list[str], parents: list[int], parts: list[list[str]]) -> list[Criterion]:
    """Give ordinals per section, dropping empty items and re-parenting their children."""
    ordinal_of = [0] * len(parts)
    level_of = [0] * len(parts)
    counters: dict[str, int] = {}
    rows: list[Criterion] = []
    for i, pieces in enumerate(parts):
        parent = parents[i]
        while parent >= 0 and not ordinal_of[parent]:
            parent = parents[parent]
        if not pieces:
            parents[i] = parent
            continue
        ordinal = counters.get(sections[i], 0) + 1
        counters[sections[i]] = ordinal
        ordinal_of[i] = ordinal
        level_of[i] = level_of[parent] + 1 if parent >= 0 else 0
        rows.append(
            Criterion(
                sections[i],
                ordinal,
                level_of[i],
                ordinal_of[parent] if parent >= 0 else None,
                " ".join(pieces),
            )
        )
    return rows
