"""The HTML report: one self-contained page about the trials in the warehouse.

``write_report`` reads the warehouse read-only (named queries and views), builds Vega-Lite
charts with Altair and writes one HTML file with the Vega JavaScript inlined (bundled by
vl-convert), so the page opens from disk with no server and no network. Sections: the
landscape table (sortable, filterable), a timeline from start to completion coloured by
status, enrollment by phase, cell doses by cell type on a log scale, sites by country and
what the last run changed. A section with nothing to show says "No data" instead of a chart.

Charts are built in ``pipeline.report_charts``; this module reads, assembles and writes.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import altair as alt
import duckdb
import jinja2
import polars as pl
import vl_convert

from pipeline import __version__, queries
from pipeline import report_charts as charts
from pipeline import report_tables as tables
from pipeline.errors import ExportError, QueryError
from pipeline.warehouse import Warehouse, open_warehouse, utcnow

TEMPLATES = Path(__file__).parent / "templates"
RUN_CHANGES_SHOWN = 200  # the page lists at most this many field changes of the last run


@dataclass
class ReportData:
    all_trials: bool  # every trial in the warehouse, not only the ALS cell-therapy landscape
    landscape: pl.DataFrame  # one row per trial (named query als_cell_therapy_landscape)
    doses: pl.DataFrame  # one row per arm dose level (named query dose_levels)
    sites: pl.DataFrame  # one row per site of a landscape trial
    runs: pl.DataFrame  # the latest runs, newest first
    run_changes: pl.DataFrame  # watched-field changes recorded by the latest run (named query changes_since)
    new_trials: pl.DataFrame  # trials first landed by the latest run


@dataclass(frozen=True)
class Report:
    path: Path
    trials: int
    charts: tuple[str, ...]  # element ids of the charts drawn
    empty: tuple[str, ...]  # section ids that said "No data"
    bytes: int


def write_report(warehouse_path: Path, out: Path, *, all_trials: bool = False) -> Report:
    """Read the warehouse and write the report to ``out`` (atomically: temp file, then rename).

    By default the report covers the ALS cell-therapy landscape; ``all_trials`` covers every
    trial in the warehouse (for a warehouse of another slice of the registry).
    """
    with open_warehouse(warehouse_path, read_only=True) as warehouse:
        data = read_data(warehouse, all_trials=all_trials)
    page, chart_ids, empty = render(data, warehouse_path)
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(page)
        os.chmod(temp, 0o644)  # mkstemp makes it private; the report is for others to read
        os.replace(temp, out)
    except OSError as exc:
        raise ExportError(f"cannot write the report to {out}: {exc}") from None
    return Report(out, data.landscape.height, chart_ids, empty, out.stat().st_size)


# -- reading ----------------------------------------------------------------------------------


def read_data(warehouse: Warehouse, *, all_trials: bool = False) -> ReportData:
    landscape = _sql(warehouse, _ALL_TRIALS_SQL) if all_trials else _named(warehouse, "als_cell_therapy_landscape")
    trials = landscape.select("nct_id")
    runs = _sql(warehouse, _RUNS_SQL)
    run_changes = pl.DataFrame()
    if not runs.is_empty():
        latest = runs.row(0, named=True)
        run_changes = (_named(warehouse, "changes_since", {"since": latest["started_at"]})
                       .filter(pl.col("run_id") == latest["run_id"]).sort("nct_id", "field"))
    return ReportData(
        all_trials=all_trials,
        landscape=landscape,
        doses=_named(warehouse, "dose_levels").join(trials, on="nct_id", how="semi"),
        sites=_sql_with(warehouse, trials, "report_trials", _SITES_SQL),
        runs=runs,
        run_changes=run_changes,
        new_trials=_sql(warehouse, _NEW_TRIALS_SQL),
    )


def _named(warehouse: Warehouse, name: str, params: dict | None = None) -> pl.DataFrame:
    """Run a named query (sql/queries/NAME.sql) on the open read-only connection."""
    return _sql(warehouse, queries.load_named(name).sql, params)


def _sql(warehouse: Warehouse, sql: str, params: dict | None = None) -> pl.DataFrame:
    try:
        return warehouse.con.sql(sql, params=params or None).pl()
    except duckdb.Error as exc:
        raise QueryError(str(exc).strip()) from None


def _sql_with(warehouse: Warehouse, frame: pl.DataFrame, name: str, sql: str) -> pl.DataFrame:
    """Run ``sql`` with ``frame`` visible to it as the relation ``name``."""
    warehouse.con.register(name, frame)
    try:
        return _sql(warehouse, sql)
    finally:
        warehouse.con.unregister(name)


# Every trial in the warehouse with the landscape's columns (--all-trials).
_ALL_TRIALS_SQL = (
    "select * exclude (is_als, is_cell_therapy) from trial_landscape order by start_date desc nulls last, nct_id"
)

# Sites of the trials in the landscape (registered as report_trials).
_SITES_SQL = """
select l.nct_id, l.facility, l.city, l.country, l.status, s.overall_status, l.latitude, l.longitude
from locations as l
semi join report_trials as t on t.nct_id = l.nct_id
left join studies as s on s.nct_id = l.nct_id
"""

_RUNS_SQL = """
select run_id, command, status, started_at, finished_at, data_timestamp, studies_fetched, studies_new,
    studies_changed, studies_unchanged, studies_quarantined, error
from pipeline_runs
order by run_id desc
limit 5
"""

# A trial is new in a run when its first stored version was fetched during that run.
_NEW_TRIALS_SQL = """
with

latest_run as (
    select started_at, coalesce(finished_at, started_at + interval 1 day) as finished_at
    from pipeline_runs
    order by run_id desc
    limit 1
),

first_versions as (
    select nct_id, min(fetched_at) as first_fetched_at
    from raw_studies
    group by nct_id
),

final as (
    select f.nct_id, s.brief_title, s.overall_status
    from first_versions as f
    inner join latest_run as r on f.first_fetched_at between r.started_at and r.finished_at
    left join studies as s on s.nct_id = f.nct_id
    order by f.nct_id
)

select * from final
"""


# -- assembling -------------------------------------------------------------------------------


def render(data: ReportData, warehouse_path: Path) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The page's HTML, the ids of the charts on it and the ids of sections without data."""
    generated = utcnow()
    landscape = charts.prepare_landscape(data.landscape)
    built = {
        "timeline": charts.timeline(landscape, generated.date()),
        "enrollment": charts.enrollment_by_phase(landscape),
        "doses": charts.doses_by_cell_type(data.doses),
        "sites": charts.sites_by_country(data.sites),
    }
    specs = {f"chart-{key}": chart.to_dict() for key, chart in built.items() if chart is not None}
    sections = [
        {"id": "landscape", "title": "Landscape", "kind": "table", "filter": True,
         "table": tables.landscape_table(landscape), "empty": _no_trials(data),
         "note": "One row per trial. Click a column header to sort; type in the box to filter."},
        *[_chart_section(key, built[key]) for key in built],
        _run_section(data),
    ]
    page = _template().render(
        title="Trials in the warehouse" if data.all_trials else "ALS cell-therapy trials",
        subtitle=_subtitle(data, generated),
        tiles=tables.tiles(landscape, data.sites),
        sections=sections,
        specs=specs,
        vega_bundle=_vega_bundle(),
        vl_convert_version=vl_convert.__version__,
        vega_lite_version=alt.SCHEMA_VERSION.lstrip("v"),
        altair_version=alt.__version__,
        version=__version__,
        generated_at=generated.isoformat(sep=" ", timespec="seconds"),
        warehouse=str(warehouse_path),
    )
    empty = tuple(s["id"] for s in sections if s.get("chart_id") is None and not _has_rows(s))
    return page, tuple(specs), empty


def _no_trials(data: ReportData) -> str:
    if data.all_trials:
        return "no trials in the warehouse yet (run `pipeline run`)."
    return ("no ALS cell-therapy trial in the warehouse (run `pipeline run`; "
            "`pipeline report --all-trials` covers every trial of another slice).")


def _has_rows(section: dict) -> bool:
    if section["kind"] == "table":
        return bool(section["table"]["rows"])
    if section["kind"] == "run":
        return bool(section["run"])
    return False


def _chart_section(key: str, chart: alt.TopLevelMixin | None) -> dict:
    about = charts.SECTIONS[key]
    return {"id": key, "kind": "chart", "title": about["title"], "note": about["note"],
            "chart_id": f"chart-{key}" if chart is not None else None, "empty": about["empty"]}


def _run_section(data: ReportData) -> dict:
    section = {"id": "last-run", "kind": "run", "title": "What changed in the last run", "run": None,
               "empty": "the warehouse has no recorded run yet.",
               "note": "From pipeline_runs and study_changes; `pipeline changes --since DATE` lists older changes."}
    if data.runs.is_empty():
        return section
    section["run"] = tables.run_facts(data.runs)
    changed = data.run_changes.height
    more = changed > RUN_CHANGES_SHOWN
    section["tables"] = [
        {"title": f"New trials ({data.new_trials.height})", "table": tables.trials_table(data.new_trials),
         "empty": "No trial was new in this run."},
        {"title": f"Changed fields ({changed}{f', the first {RUN_CHANGES_SHOWN} shown' if more else ''})",
         "table": tables.changes_table(data.run_changes.head(RUN_CHANGES_SHOWN)),
         "empty": "No watched field changed in this run."},
        {"title": "Recent runs", "table": tables.runs_table(data.runs), "empty": ""},
    ]
    return section


def _subtitle(data: ReportData, generated: dt.datetime) -> str:
    finished = data.runs.filter(pl.col("status") == "succeeded")
    if finished.is_empty():
        return "No successful load yet."
    row = finished.row(0, named=True)
    stamp = row["data_timestamp"] or "not recorded"
    return (f"{data.landscape.height} trials from ClinicalTrials.gov; last successful load: run {row['run_id']} "
            f"({row['command']}) at {row['finished_at']:%Y-%m-%d %H:%M} UTC, registry data timestamp {stamp}.")


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env.get_template("report.html.j2")


@cache
def _vega_bundle() -> str:
    """Vega, Vega-Lite (the version Altair writes) and Vega-Embed as one script (about 0.9 MB)."""
    version = "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return vl_convert.javascript_bundle(vl_version=version)
