"""`pipeline report`: one self-contained HTML page, checked as written and as drawn by Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.landing import land_or_reject
from pipeline.report import write_report
from pipeline.run import load_local
from pipeline.warehouse import open_warehouse
from tests.conftest import ROOT, corpus_files
from tests.support.study_dicts import study
from tests.support.trials import als_msc_trial, unrelated_trial

ARTIFACTS = ROOT / "data" / "test-artifacts"
CHARTS = ("chart-timeline", "chart-enrollment", "chart-doses", "chart-sites")
CHROMIUM = Path("/usr/bin/chromium")


def neural_cell_trial(nct_id: str, *, status: str = "RECRUITING", phase: str = "PHASE1", start: str = "2022-04",
                      doses: tuple[str, ...] = ("1 x 10^6 cells", "1 x 10^7 cells"), country: str = "Germany",
                      enrollment: int = 18) -> dict:
    """An ALS trial of neural stem cells with one arm per dose level, given intrathecally three times."""
    labels = [f"Cohort {n}: {dose} intrathecally, every 4 weeks for 3 doses" for n, dose in enumerate(doses, 1)]
    return study(
        nct_id,
        statusModule={"overallStatus": status,
                      "startDateStruct": {"date": start, "type": "ACTUAL"},
                      "completionDateStruct": {"date": "2027-06", "type": "ESTIMATED"},
                      "lastUpdatePostDateStruct": {"date": "2026-01-05", "type": "ACTUAL"}},
        conditionsModule={"conditions": ["Amyotrophic Lateral Sclerosis"]},
        designModule={"studyType": "INTERVENTIONAL", "phases": [phase],
                      "enrollmentInfo": {"count": enrollment, "type": "ESTIMATED"}},
        armsInterventionsModule={
            "armGroups": [{"label": label, "type": "EXPERIMENTAL", "interventionNames": ["Biological: Neural stem cells"]}
                          for label in labels],
            "interventions": [{"type": "BIOLOGICAL", "name": "Neural stem cells",
                               "description": "Human fetal neural stem cells", "armGroupLabels": labels}],
        },
        contactsLocationsModule={"locations": [{"facility": "Uniklinik", "city": "Ulm", "country": country,
                                                "status": "RECRUITING"}]},
    )


def _load(path: Path, *studies: dict) -> None:
    load_local([[land_or_reject(s) for s in studies]], path, command="test", parameters={})


@pytest.fixture
def warehouse(flagship, warehouse_path):
    """The flagship, three synthetic ALS cell trials and an asthma trial; then a run that changes one."""
    _load(warehouse_path, flagship, neural_cell_trial("NCT09000001"),
          neural_cell_trial("NCT09000002", status="ACTIVE_NOT_RECRUITING", phase="PHASE2", start="2019-01-15",
                            doses=("5 x 10^7 cells",), country="Italy", enrollment=40),
          als_msc_trial("NCT09000003", sites=3), unrelated_trial("NCT09000004"))
    _load(warehouse_path, neural_cell_trial("NCT09000001", status="COMPLETED"))
    return warehouse_path


def test_the_report_holds_every_section_and_no_external_resource(warehouse, tmp_path):
    report = write_report(warehouse, tmp_path / "report.html")
    page = report.path.read_text()
    assert report.charts == CHARTS and report.empty == ()
    assert report.trials == 4  # the asthma trial is not in the ALS cell-therapy landscape
    for nct_id in ("NCT07118319", "NCT09000001", "NCT09000002", "NCT09000003"):
        assert f">{nct_id}</a>" in page
    assert "NCT09000004" not in page
    for title in ("Landscape", "Timeline", "Enrollment by phase", "Cell doses by cell type", "Sites by country",
                  "What changed in the last run"):
        assert f"<h2>{title}</h2>" in page
    assert "No data" not in page
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?(https?:)?//""", page)
    assert "vegaEmbed" in page and report.bytes > 500_000  # the Vega bundle is inlined


def test_the_last_run_section_shows_its_changes(warehouse, tmp_path):
    page = write_report(warehouse, tmp_path / "report.html").path.read_text()
    section = page[page.index('id="last-run"'):]
    assert "2 (test), succeeded" in section
    assert "overall status" in section
    assert "RECRUITING" in section and "COMPLETED" in section
    assert "New trials (0)" in section


def test_all_trials_covers_trials_outside_the_landscape(warehouse, tmp_path):
    report = write_report(warehouse, tmp_path / "report.html", all_trials=True)
    assert report.trials == 5
    assert ">NCT09000004</a>" in report.path.read_text()


def test_an_empty_warehouse_says_no_data_instead_of_charts(warehouse_path, tmp_path):
    with open_warehouse(warehouse_path):
        pass
    report = write_report(warehouse_path, tmp_path / "report.html")
    page = report.path.read_text()
    assert report.charts == ()
    assert report.empty == ("landscape", "timeline", "enrollment", "doses", "sites", "last-run")
    assert page.count('class="no-data"') == 6
    assert "No data: no ALS cell-therapy trial in the warehouse" in page


def test_a_trial_without_doses_or_sites_leaves_those_charts_empty(flagship, warehouse_path, tmp_path):
    trial = als_msc_trial("NCT09000005", sites=0)  # "Dose level 1": no amount to read
    _load(warehouse_path, trial)
    report = write_report(warehouse_path, tmp_path / "report.html")
    assert report.charts == ("chart-timeline", "chart-enrollment")
    assert report.empty == ("doses", "sites")


def test_the_cli_writes_the_report_and_says_where(warehouse, tmp_path):
    out = tmp_path / "sub" / "report.html"
    result = CliRunner().invoke(cli, ["report", "--warehouse", str(warehouse), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"4 trials, 4 charts, \d\.\d MB -> {re.escape(str(out))}\n", result.output)
    assert out.is_file() and not list(out.parent.glob(".*partial"))


def test_the_cli_names_a_missing_warehouse(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--warehouse", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "Error: no warehouse at" in result.output


# -- drawn by a real browser ------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright (no browser download); skipped when absent."""
    if not CHROMIUM.is_file() and shutil.which("chromium") is None:
        pytest.skip("headless browser tests need Debian's chromium (apt-get install -y chromium; .ci/run does it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency: uv sync")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM if CHROMIUM.is_file() else shutil.which("chromium")),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


def open_report(chromium, path: Path):
    """The page loaded from disk with every chart settled; (page, console errors, network requests)."""
    page = chromium.new_page(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    def block(route):
        requests.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^(https?|wss?)://"), block)  # the page must need nothing from the network
    page.goto(path.as_uri())
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart]')].every(el => el.dataset.rendered || el.classList.contains('failed'))",
        timeout=30_000,
    )
    return page, errors, requests


def _check_charts(page, expected: tuple[str, ...]) -> None:
    drawn = page.eval_on_selector_all(
        "[data-chart]",
        "els => els.map(el => [el.id, el.dataset.rendered || 'failed', el.querySelectorAll('svg').length,"
        " el.querySelectorAll('svg .mark-rect path, svg .mark-symbol path, svg .mark-rule line').length])",
    )
    assert [row[0] for row in drawn] == list(expected)
    for chart_id, rendered, svgs, marks in drawn:
        assert (rendered, svgs) == ("true", 1), chart_id
        assert marks > 0, f"{chart_id} drew no marks"


def test_every_chart_renders_in_headless_chromium(chromium, warehouse, tmp_path):
    report = write_report(warehouse, tmp_path / "report.html")
    page, errors, requests = open_report(chromium, report.path)
    try:
        assert errors == []
        assert requests == []
        _check_charts(page, CHARTS)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)

        # the landscape sorts on a header click (numbers by value) and filters on typing
        def first_column() -> list[str]:
            return page.eval_on_selector_all("#landscape-table tbody tr:not([hidden]) td:first-child",
                                             "cells => cells.map(c => c.textContent.trim())")

        page.click("#landscape-table th:has-text('Enrollment')")
        assert first_column() == ["NCT07118319", "NCT09000001", "NCT09000003", "NCT09000002"]  # 12, 18, 20, 40
        page.click("#landscape-table th:has-text('Enrollment')")
        assert first_column() == ["NCT09000002", "NCT09000003", "NCT09000001", "NCT07118319"]
        page.fill("input.filter", "xellsmart")
        assert first_column() == ["NCT07118319"]
    finally:
        page.close()


def test_an_empty_report_opens_without_errors(chromium, warehouse_path, tmp_path):
    with open_warehouse(warehouse_path):
        pass
    page, errors, requests = open_report(chromium, write_report(warehouse_path, tmp_path / "r.html").path)
    try:
        assert (errors, requests) == ([], [])
        assert page.locator(".no-data").count() == 6
    finally:
        page.close()


# -- corpus tier ------------------------------------------------------------------------------


@pytest.mark.corpus
def test_the_corpus_report_renders(chromium, tmp_path):
    records = [orjson.loads(path.read_bytes()) for path in corpus_files()]
    path = tmp_path / "corpus.duckdb"
    load_local([[land_or_reject(s) for s in records[i:i + 200]] for i in range(0, len(records), 200)], path,
               command="test", parameters={})
    report = write_report(path, tmp_path / "corpus.html", all_trials=True)
    assert report.trials == len(records)
    assert report.charts == CHARTS
    page, errors, requests = open_report(chromium, report.path)
    try:
        assert (errors, requests) == ([], [])
        _check_charts(page, CHARTS)
        assert page.locator("#landscape-table tbody tr").count() == len(records)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report-corpus.png"), full_page=True)
    finally:
        page.close()
