"""The plain data structure of a trial page: sections of fields, paragraphs, entries and criteria."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fields:
    """Label over value, as the page's Basic Information ("Recruitment Status" / "RECRUITING")."""
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Entry:
    """One arm, intervention, sponsor, site, contact or identifier: a heading, plain lines and
    inline facts ("Group Type EXPERIMENTAL"; a label ending in ':' reads "Role: CONTACT")."""
    heading: str
    lines: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    children: tuple[Entry, ...] = ()
    facts_first: bool = False


@dataclass(frozen=True)
class Criteria:
    """A numbered list of criteria; items are (level, text), level 0 numbered, deeper bulleted."""
    heading: str
    items: tuple[tuple[int, str], ...]


Block = Fields | Paragraph | Entry | Criteria


@dataclass(frozen=True)
class Section:
    title: str
    blurb: str
    blocks: tuple[Block, ...]
    empty: str = "None listed."


@dataclass(frozen=True)
class Page:
    nct_id: str
    title: str
    header: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...] = field(default_factory=tuple)
