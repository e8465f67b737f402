"""`pipeline show`: a trial laid out like its registry page, from the warehouse alone."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import QueryError
from pipeline.landing import land_or_reject
from pipeline.run import load_local
from pipeline.trial_page import build_page, render_page
from tests.conftest import FIXTURES, corpus_record

# The registry page the flagship fixture was rebuilt from (a copy of ../shared/seed/).
PAGE = (FIXTURES / "NCT07118319-registry-page.txt").read_text()
# Every non-empty line of the page is a fact or a heading we must show. The page keeps the
# registry's markdown escape in "BMI \< 18.5"; the warehouse stores the criterion unescaped.
FACT_LINES = [line.strip().replace("\\<", "<") for line in PAGE.splitlines() if line.strip()]


@pytest.fixture
def loaded(flagship, warehouse_path):
    load_local([[land_or_reject(flagship)]], warehouse_path, command="test", parameters={})
    return warehouse_path


def show(warehouse_path, *args: str):
    return CliRunner().invoke(cli, ["show", "NCT07118319", "--warehouse", str(warehouse_path), *args])


def test_the_text_page_has_every_line_of_the_registry_page_in_its_order(loaded):
    result = show(loaded, "--related", "0")
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines() if line.strip()]
    assert len(FACT_LINES) == 140
    missing = [line for line in FACT_LINES if line not in lines]
    assert missing == []
    positions = [lines.index(line) for line in FACT_LINES]
    # repeated lines (the two regimens) are found at their first place; the rest keep the page's order
    unique = [p for line, p in zip(FACT_LINES, positions, strict=True) if FACT_LINES.count(line) == 1]
    assert unique == sorted(unique)


def test_empty_sections_say_so(loaded):
    output = show(loaded, "--related", "0").output
    assert "Study Results\n\nResults pending\n\nThe study team has not published" in output
    assert "Detailed Description\n\nDive into" in output and "No detailed description provided." in output
    assert "Outcome Measures" in output and "No outcome measures listed." in output


def test_a_trial_without_sites_or_contacts(flagship, warehouse_path):
    bare = copy.deepcopy(flagship)
    del bare["protocolSection"]["contactsLocationsModule"]
    load_local([[land_or_reject(bare)]], warehouse_path, command="test", parameters={})
    output = show(warehouse_path, "--related", "0").output
    for empty in ("No locations listed.", "No countries listed.", "No central contacts listed.",
                  "No facility contacts listed."):
        assert empty in output


def _markdown_text(markdown: str) -> str:
    """What a reader sees: markup and backslash escapes removed."""
    text = re.sub(r"\\(.)", r"\1", markdown.replace("**", ""))
    return re.sub(r"(?m)^(#+ |- )", "", text)


def test_markdown_has_every_fact(loaded):
    result = show(loaded, "--format", "markdown", "--related", "0")
    assert result.exit_code == 0
    assert result.output.startswith("# The Safety, Tolerability and Preliminary Efficacy")
    assert "## Eligibility Criteria" in result.output
    assert "Baseline body mass index (BMI) \\< 18.5 kg/m²;" in result.output  # escaped for markdown
    text = _markdown_text(result.output)
    assert [line for line in FACT_LINES if line not in text] == []


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.chunks.append(data.strip())


def test_html_has_every_fact_and_needs_nothing_else(loaded, tmp_path):
    out = tmp_path / "page.html"
    result = show(loaded, "--format", "html", "--out", str(out), "--related", "0")
    assert result.exit_code == 0, result.output
    page = out.read_text()
    parser = _Text()
    parser.feed(page)
    text = " ".join(parser.chunks)  # a label and its value are separate elements
    # criteria are numbered by the <ol>, not in the text
    facts = [re.sub(r"^\d+\. ", "", line) for line in FACT_LINES]
    assert [line for line in facts if line not in text] == []
    assert [tag for tag, _ in parser.tags].count("li") == 26
    assert not [attrs for tag, attrs in parser.tags if tag in ("script", "link", "img", "iframe")]
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page


def test_html_escapes_what_the_registry_sends(flagship, warehouse_path):
    hostile = copy.deepcopy(flagship)
    hostile["protocolSection"]["identificationModule"]["briefTitle"] = 'XS228CN <script>alert("x")</script> & co'
    load_local([[land_or_reject(hostile)]], warehouse_path, command="test", parameters={})
    page = render_page(build_page(warehouse_path, "NCT07118319"), "html")
    assert "<script>" not in page
    assert "XS228CN &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page


def test_results_are_summarized(warehouse_path):
    asthma = corpus_record("NCT00712335")
    load_local([[land_or_reject(asthma)]], warehouse_path, command="test", parameters={})
    text = render_page(build_page(warehouse_path, "NCT00712335"), "text")
    assert "Results pending" not in text
    for fact in ("Results First Posted\n\n2012-05-16", "Outcome Measures\n\n7 reported",
                 "Participants With a Serious Adverse Event\n\n0 of 75", "Sputum Neutrophil Percentages",
                 "Asthmatic Smoker Treated With Montelukast Only\n\nStarted 32\n\nCompleted 15",
                 "https://clinicaltrials.gov/study/NCT00712335?tab=results"):
        assert fact in text


def test_related_trials_close_the_page(loaded, flagship):
    similar = json.loads((FIXTURES / "als_ipsc_neural_progenitor_intrathecal_phase1.json").read_text())
    load_local([[land_or_reject(similar)]], loaded, command="test", parameters={})
    output = show(loaded).output
    tail = output[output.index("More Related Trials"):]
    assert "NCT09999001: Safety of Intrathecal iPSC-Derived Neural Progenitor Cells" in tail
    assert re.search(r"Similarity 0\.\d\d", tail)


def test_a_trial_not_in_the_warehouse(loaded):
    with pytest.raises(QueryError, match="NCT01234567 is not in the warehouse"):
        build_page(loaded, "NCT01234567")
    result = CliRunner().invoke(cli, ["show", "NCT01234567", "--warehouse", str(loaded)])
    assert result.exit_code == 1
    assert "Error: NCT01234567 is not in the warehouse" in result.output
