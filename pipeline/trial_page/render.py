"""A trial page (pipeline.trial_page.model.Page) as plain text, markdown or one self-contained HTML file."""

from __future__ import annotations

import html
import re

from pipeline.trial_page.model import Criteria, Entry, Fields, Page, Paragraph, Section

FORMATS = ("text", "markdown", "html")


def render_page(page: Page, fmt: str) -> str:
    if fmt == "text":
        return to_text(page)
    if fmt == "markdown":
        return to_markdown(page)
    if fmt == "html":
        return to_html(page)
    raise ValueError(f"unknown page format {fmt!r} (one of {', '.join(FORMATS)})")


def _fact(label: str, value: str) -> str:
    return f"{label} {value}"


def _criteria_lines(block: Criteria, number: str, bullet: str, indent: str) -> list[str]:
    """Top-level criteria numbered 1, 2, ... as on the page; nested ones indented bullets."""
    lines, count = [], 0
    for level, text in block.items:
        if level == 0:
            count += 1
            lines.append(number.format(n=count, text=text))
        else:
            lines.append(indent * level + bullet.format(text=text))
    return lines


# -- text: the registry page's own layout, one fact per paragraph ------------------------------


def to_text(page: Page) -> str:
    out = [page.title, *(_fact(label, value) for label, value in page.header)]
    for section in page.sections:
        out += [section.title, *([section.blurb] if section.blurb else [])]
        out += _text_blocks(section) if section.blocks else [section.empty]
    return "\n\n".join(out) + "\n"


def _text_blocks(section: Section) -> list[str]:
    out: list[str] = []
    for block in section.blocks:
        if isinstance(block, Fields):
            for label, value in block.pairs:
                out += [label, value]
        elif isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Criteria):
            out += [block.heading, "\n".join(_criteria_lines(block, "{n}. {text}", "- {text}", "   "))]
        else:
            out += _text_entry(block)
    return out


def _text_entry(entry: Entry) -> list[str]:
    facts = [_fact(label, value) for label, value in entry.facts]
    body = [*facts, *entry.lines] if entry.facts_first else [*entry.lines, *facts]
    out = ([entry.heading] if entry.heading else []) + body
    for child in entry.children:
        out += _text_entry(child)
    return out


# -- markdown ----------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md(text: str) -> str:
    """Text with the characters markdown would read as markup backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def to_markdown(page: Page) -> str:
    out = [f"# {md(page.title)}", "  \n".join(f"**{md(label)}** {md(value)}" for label, value in page.header)]
    for section in page.sections:
        out += [f"## {md(section.title)}", *([f"*{md(section.blurb)}*"] if section.blurb else [])]
        out += _markdown_blocks(section) if section.blocks else [md(section.empty)]
    return "\n\n".join(out) + "\n"


def _markdown_blocks(section: Section) -> list[str]:
    out: list[str] = []
    for block in section.blocks:
        if isinstance(block, Fields):
            out.append("\n".join(f"- **{md(label)}**: {md(value)}" for label, value in block.pairs))
        elif isinstance(block, Paragraph):
            out.append(md(block.text))
        elif isinstance(block, Criteria):
            out += [f"### {md(block.heading)}",
                    "\n".join(_criteria_lines(Criteria(block.heading, tuple((lv, md(t)) for lv, t in block.items)),
                                              "{n}. {text}", "- {text}", "    "))]
        else:
            out += _markdown_entry(block, 3)
    return out


def _markdown_entry(entry: Entry, depth: int) -> list[str]:
    facts = ["\n".join(f"- **{md(label)}** {md(value)}" for label, value in entry.facts)] if entry.facts else []
    lines = [md(line) for line in entry.lines]
    out = [f"{'#' * min(depth, 6)} {md(entry.heading)}"] if entry.heading else []
    out += [*facts, *lines] if entry.facts_first else [*lines, *facts]
    for child in entry.children:
        out += _markdown_entry(child, depth + 1)
    return out


# -- html: one file, inline CSS, every value escaped -------------------------------------------

_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; margin: 0;
       background: #f6f7f9; }
main { max-width: 920px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.55em; line-height: 1.25; margin: 0 0 8px; }
.header { color: #4a5561; margin-bottom: 20px; }
.header span { margin-right: 18px; }
section { background: #fff; border: 1px solid #dde2e8; border-radius: 8px; padding: 16px 20px; margin: 14px 0; }
h2 { font-size: 1.2em; margin: 0 0 4px; }
.blurb { color: #5c6773; font-size: .9em; margin: 0 0 12px; }
.empty { color: #5c6773; font-style: italic; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
dl.fields dt { font-weight: 600; color: #36414d; }
dl.fields dd { margin: 0; }
.entry { border-left: 3px solid #c8d3df; padding: 2px 0 2px 12px; margin: 10px 0; }
.entry .entry { border-left-color: #e3e8ee; margin-left: 6px; }
.entry h3, .entry h4, .entry h5 { font-size: 1em; margin: 0 0 2px; }
.entry p { margin: 2px 0; }
section > p, .entry p { white-space: pre-line; }
.fact .label { color: #5c6773; }
h3.criteria { font-size: 1em; margin: 12px 0 4px; }
ol, ul { margin: 0 0 8px; padding-left: 26px; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def to_html(page: Page) -> str:
    header = "".join(f'<span><strong>{_e(label)}</strong> {_e(value)}</span>' for label, value in page.header)
    sections = "\n".join(_html_section(section) for section in page.sections)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(page.nct_id)}: {_e(page.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{_e(page.title)}</h1>\n<div class=\"header\">{header}</div>\n{sections}\n</main>\n</body>\n</html>\n"
    )


def _anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _html_section(section: Section) -> str:
    body = "".join(_html_block(block) for block in section.blocks) if section.blocks \
        else f'<p class="empty">{_e(section.empty)}</p>'
    blurb = f'<p class="blurb">{_e(section.blurb)}</p>' if section.blurb else ""
    return f'<section id="{_anchor(section.title)}"><h2>{_e(section.title)}</h2>{blurb}{body}</section>'


def _html_block(block) -> str:
    if isinstance(block, Fields):
        return '<dl class="fields">' + "".join(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>"
                                             for label, value in block.pairs) + "</dl>"
    if isinstance(block, Paragraph):
        return f"<p>{_e(block.text)}</p>"
    if isinstance(block, Criteria):
        return f'<h3 class="criteria">{_e(block.heading)}</h3>' + _html_criteria(block)
    return _html_entry(block, 3)


def _html_criteria(block: Criteria) -> str:
    """Top-level criteria as an ordered list (numbered like the page); nested ones as bullets."""
    out, open_nested = ["<ol>"], False
    for level, text in block.items:
        if level == 0:
            if open_nested:
                out.append("</ul></li>")
                open_nested = False
            elif len(out) > 1:
                out.append("</li>")
            out.append(f"<li>{_e(text)}")
        else:
            if not open_nested:
                out.append("<ul>")
                open_nested = True
            out.append(f"<li>{_e(text)}</li>")
    out.append("</ul></li>" if open_nested else ("</li>" if len(out) > 1 else ""))
    out.append("</ol>")
    return "".join(out)


def _html_entry(entry: Entry, depth: int) -> str:
    facts = "".join(f'<p class="fact"><span class="label">{_e(label)}</span> {_e(value)}</p>'
                    for label, value in entry.facts)
    lines = "".join(f"<p>{_e(line)}</p>" for line in entry.lines)
    heading = f"<h{min(depth, 5)}>{_e(entry.heading)}</h{min(depth, 5)}>" if entry.heading else ""
    children = "".join(_html_entry(child, depth + 1) for child in entry.children)
    return f'<div class="entry">{heading}{facts + lines if entry.facts_first else lines + facts}{children}</div>'
