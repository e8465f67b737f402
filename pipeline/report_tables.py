"""The tables, tiles and run facts of the HTML report (``pipeline.report``).

A table is handed to the template as ``{"columns": [{label, numeric}], "rows": [[cell]]}``
where a cell is ``{text, sort, href, color}``: ``sort`` is the value the page's sort uses
(numbers and ISO dates), ``href`` makes the text a link and ``color`` puts a status dot
before it. Text is escaped by the template.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pipeline.report_charts import REGISTRY_STUDY_URL, STATUS_COLORS, status_label

LONG_VALUE_CHARS = 240  # a changed criteria text is cut to this many characters on the page
ENROLLING = ("RECRUITING", "NOT_YET_RECRUITING", "ENROLLING_BY_INVITATION")


@dataclass(frozen=True)
class Column:
    label: str
    text: pl.Expr
    sort: pl.Expr | None = None
    numeric: bool = False
    wide: bool = False  # long text: give the column room instead of a narrow tall cell
    nowrap: bool = False  # dates: keep on one line
    href: pl.Expr | None = None
    color: pl.Expr | None = None


def table(frame: pl.DataFrame, columns: list[Column]) -> dict:
    """The frame as the template's table: display text, sort keys, links and status dots."""
    cells = frame.select(
        expr.alias(f"{part}{i}")
        for i, column in enumerate(columns)
        for part, expr in (
            ("text", column.text.cast(pl.String).fill_null("")),
            ("sort", pl.lit(None, pl.String) if column.sort is None else column.sort.cast(pl.String)),
            ("href", pl.lit(None, pl.String) if column.href is None else column.href),
            ("color", pl.lit(None, pl.String) if column.color is None else column.color),
        )
    )
    # The template needs one dict per cell: this loop only reshapes for rendering.
    rows = [
        [{part: row[f"{part}{i}"] for part in ("text", "sort", "href", "color")} for i in range(len(columns))]
        for row in cells.iter_rows(named=True)
    ]
    columns_out = [{"label": c.label, "numeric": c.numeric, "css": "num" if c.numeric else "wide" if c.wide else "nowrap" if c.nowrap else ""}
                   for c in columns]
    return {"columns": columns_out, "rows": rows}


def _link(nct_id: str = "nct_id") -> Column:
    return Column("NCT ID", pl.col(nct_id), href=pl.lit(REGISTRY_STUDY_URL) + pl.col(nct_id))


def _status(code: str = "overall_status") -> Column:
    label = status_label(pl.col(code))
    return Column("Status", label, color=label.replace_strict(STATUS_COLORS, default="#999999"))


def _date(column: str, label: str) -> Column:
    """A registry date as precise as it was given: '2025-09' for a month, '2025' for a year."""
    precision = pl.col(f"{column}_precision")
    text = (pl.when(precision == "year").then(pl.col(column).dt.strftime("%Y"))
            .when(precision == "month").then(pl.col(column).dt.strftime("%Y-%m"))
            .otherwise(pl.col(column).dt.strftime("%Y-%m-%d")))
    return Column(label, text, sort=pl.col(column).dt.strftime("%Y-%m-%d"), nowrap=True)


def landscape_table(landscape: pl.DataFrame) -> dict:
    """One row per trial of the landscape (see report_charts.prepare_landscape)."""
    columns = [
        _link(),
        Column("Title", pl.col("brief_title"), wide=True),
        Column("Phase", pl.col("phase_label")),
        _status(),
        Column("Cell type", pl.col("cell_type_label")),
        Column("Source", pl.col("sources").str.replace_all(" | ", ", ", literal=True)),
        Column("Route", pl.col("routes").str.replace_all(" | ", ", ", literal=True)),
        Column("Dose levels", pl.col("dose_levels").str.replace_all(" | ", "; ", literal=True),
               sort=pl.col("max_cells_per_dose")),
        Column("Enrollment", pl.col("enrollment").cast(pl.String)
               + pl.when(pl.col("enrollment_type") == "ESTIMATED").then(pl.lit(" (est.)")).otherwise(pl.lit("")),
               sort=pl.col("enrollment"), numeric=True),
        _date("start_date", "Start"),
        _date("completion_date", "Completion"),
        Column("Lead sponsor", pl.col("lead_sponsor_name")),
        Column("Countries", pl.col("countries").str.replace_all(" | ", ", ", literal=True)),
    ]
    return table(landscape, columns)


def trials_table(trials: pl.DataFrame) -> dict:
    return table(trials, [_link(), Column("Title", pl.col("brief_title")), _status()])


def changes_table(changes: pl.DataFrame) -> dict:
    def cut(column: str) -> pl.Expr:
        value = pl.col(column)
        return (pl.when(value.str.len_chars() > LONG_VALUE_CHARS)
                .then(value.str.slice(0, LONG_VALUE_CHARS) + "…").otherwise(value).fill_null("(none)"))

    return table(changes, [
        _link(), Column("Title", pl.col("brief_title"), wide=True),
        Column("Field", pl.col("field").str.replace_all("_", " ")),
        Column("Before", cut("old_value")), Column("After", cut("new_value")),
    ])


def runs_table(runs: pl.DataFrame) -> dict:
    def when(column: str, label: str) -> Column:
        return Column(label, pl.col(column).dt.strftime("%Y-%m-%d %H:%M"), nowrap=True)

    def count(column: str, label: str) -> Column:
        return Column(label, pl.col(column), sort=pl.col(column), numeric=True)

    return table(runs, [
        count("run_id", "Run"), Column("Command", pl.col("command")), Column("Status", pl.col("status")),
        when("started_at", "Started (UTC)"), when("finished_at", "Finished (UTC)"),
        Column("Registry data timestamp", pl.col("data_timestamp")),
        count("studies_fetched", "Fetched"), count("studies_new", "New"), count("studies_changed", "Changed"),
        count("studies_unchanged", "Unchanged"), count("studies_quarantined", "Quarantined"),
        Column("Error", pl.col("error")),
    ])


def run_facts(runs: pl.DataFrame) -> list[tuple[str, str]]:
    """(label, value) of the latest run, newest first in ``runs``."""
    run = runs.row(0, named=True)
    facts = [
        ("Run", f"{run['run_id']} ({run['command']}), {run['status']}"),
        ("Started", f"{run['started_at']:%Y-%m-%d %H:%M:%S} UTC"),
        ("Finished", f"{run['finished_at']:%Y-%m-%d %H:%M:%S} UTC" if run["finished_at"] else "not finished"),
        ("Registry data timestamp", run["data_timestamp"] or "not recorded"),
        ("Studies", ", ".join(f"{run[f'studies_{key}'] or 0} {key}"
                              for key in ("fetched", "new", "changed", "unchanged", "quarantined"))),
    ]
    if run["error"]:
        facts.append(("Error", run["error"]))
    return facts


def tiles(landscape: pl.DataFrame, sites: pl.DataFrame) -> list[dict[str, str]]:
    """The headline numbers at the top of the page."""
    enrolling = landscape.filter(pl.col("overall_status").is_in(ENROLLING)).height
    participants = landscape["enrollment"].sum() or 0
    return [
        {"value": f"{landscape.height:,}", "label": "trials"},
        {"value": f"{enrolling:,}", "label": "recruiting or about to"},
        {"value": f"{participants:,}", "label": "participants planned or enrolled"},
        {"value": f"{sites.height:,}", "label": "sites"},
        {"value": f"{sites['country'].drop_nulls().n_unique():,}", "label": "countries"},
    ]
