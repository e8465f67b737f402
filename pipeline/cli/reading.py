"""Commands that read the warehouse (query, show, similar, status, changes, report, export) or
describe it (schema), and eval, which scores the text extractors."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import polars as pl

from pipeline import config, queries
from pipeline.cli.app import EXIT_FAILURE, cli, guard, parse_nct_id, warehouse_option
from pipeline.extract.scoring import SPLITS
from pipeline.output import dictionary_markdown, render
from pipeline.warehouse import data_dictionary, open_warehouse


@cli.command()
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]), required=True,
              help="Show changes detected on or after this date (YYYY-MM-DD).")
@warehouse_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def changes(since, warehouse: Path, fmt: str) -> None:
    """Show what changed in watched fields (status, enrollment, phases, dates, sites, arms, ages, criteria).

    \b
    Example:
      pipeline changes --since 2026-11-01
    """
    def read() -> pl.DataFrame:
        with open_warehouse(warehouse, read_only=True) as wh:
            return wh.changes_since(since)

    click.echo(render(guard(read), fmt))


@cli.command()
@click.argument("table", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "markdown"]), default="table", show_default=True)
def schema(table: str | None, fmt: str) -> None:
    """The data dictionary: every table and view, or one table's columns, with what they hold.

    \b
    Each column's comment names the API field it comes from. Examples:
      pipeline schema
      pipeline schema eligibility_criteria
      pipeline schema --format markdown > docs/data-dictionary.md
    """
    objects, columns = data_dictionary()
    if table is None:
        if fmt == "markdown":
            click.echo(dictionary_markdown(objects, columns))
        else:
            click.echo(render(objects, "table"))
        return
    chosen = columns.filter(pl.col("table_name") == table).drop("table_name")
    if chosen.is_empty():
        raise click.BadParameter(f"no table or view {table!r} (see `pipeline schema`)", param_hint="TABLE")
    about = objects.filter(pl.col("name") == table)["comment"][0]
    click.echo(f"{table}: {about}\n")
    click.echo(render(chosen, "markdown" if fmt == "markdown" else "table"))


@cli.command()
@click.argument("sql_or_name", required=False)
@warehouse_option
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind $KEY in the query to VALUE (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "parquet", "markdown"]), default="table",
              show_default=True, help="Output format; parquet needs --out.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the rows to this file instead of printing them.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
def query(sql_or_name: str | None, warehouse: Path, params: tuple[str, ...], fmt: str, out: Path | None,
          list_queries: bool) -> None:
    """Run SQL, or a named query from sql/queries/NAME.sql, against the warehouse (read-only).

    \b
    Examples:
      pipeline query "select nct_id, brief_title from studies where overall_status = 'RECRUITING'"
      pipeline query trial_arms --param nct_id=NCT07118319 --format csv
      pipeline query recruiting_sites_in_country --param country=China --format markdown
      pipeline query als_cell_therapy_landscape --format parquet --out data/landscape.parquet
      pipeline query --list
    """
    if list_queries:
        for named in queries.list_named():
            click.echo(f"{named.name}  ({', '.join('$' + p for p in named.parameters) or 'no parameters'})")
            click.echo("    " + named.description.replace("\n", "\n    "))
        return
    if not sql_or_name:
        raise click.UsageError("give a SQL statement or a query name (see --list)")
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet writes a file: add --out FILE.parquet")
    bound = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        bound[key.strip()] = value
    frame = guard(lambda: queries.run_query(warehouse, sql_or_name, bound))
    if out is None:
        click.echo(render(frame, fmt))
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        frame.write_parquet(out)
    else:
        out.write_text(render(frame, fmt) + "\n")
    click.echo(f"{frame.height} rows -> {out}", err=True)


@cli.command()
@click.argument("nct_id", callback=parse_nct_id)
@warehouse_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html"]), default="text", show_default=True,
              help="text as the registry page lays it out; html is one self-contained file.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the page to this file.")
@click.option("--related", type=click.IntRange(min=0), default=5, show_default=True,
              help="How many similar trials to list at the end (0: skip the similarity ranking).")
def show(nct_id: str, warehouse: Path, fmt: str, out: Path | None, related: int) -> None:
    """Show one trial laid out like its registry page, from the warehouse alone (read-only).

    \b
    Basic information, summary, conditions, design, groups with their interventions,
    eligibility with numbered criteria, sponsors, locations, contacts, identifiers and a
    short results summary ("Results pending" when there are none). Examples:
      pipeline show NCT07118319
      pipeline show NCT07118319 --format html --out NCT07118319.html
      pipeline show NCT07118319 --format markdown --related 0 > NCT07118319.md
    """
    from pipeline import similarity, trial_page

    finder = similarity.related_trials(warehouse, related) if related else None
    page = guard(lambda: trial_page.build_page(warehouse, nct_id, finder))
    text = trial_page.render_page(page, fmt)
    if out is None:
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(f"{nct_id} -> {out}", err=True)


@cli.command()
@click.argument("nct_id", callback=parse_nct_id)
@warehouse_option
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True, help="How many trials to list.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "markdown"]), default="table",
              show_default=True)
def similar(nct_id: str, warehouse: Path, limit: int, fmt: str) -> None:
    """Rank the warehouse's trials by similarity to one trial, with each component of the score.

    \b
    Components (0 = nothing shared, 1 = the same; null = NCT_ID has nothing to compare on):
    conditions and MeSH terms (Jaccard), cell type and source, route, phase, dose range (log
    scale), eligibility overlap, and TF-IDF text similarity of titles and summaries; score is
    their weighted mean (see `pipeline query --list`, similar_trials). Offline. Examples:
      pipeline similar NCT07118319
      pipeline similar NCT07118319 --limit 25 --format csv > similar.csv
    """
    from pipeline import similarity

    ranked = guard(lambda: similarity.similar(warehouse, nct_id, limit))
    if fmt == "table":
        ranked = ranked.with_columns(pl.col("brief_title").str.slice(0, 60))
    click.echo(render(ranked, fmt))


@cli.command()
@warehouse_option
@click.option("--runs", type=click.IntRange(min=1), default=10, show_default=True, help="How many recent runs to show.")
def status(warehouse: Path, runs: int) -> None:
    """Show the last runs and the row count of every table.

    \b
    Example:
      pipeline status --runs 5
    """
    def read() -> tuple[pl.DataFrame, pl.DataFrame]:
        with open_warehouse(warehouse, read_only=True) as wh:
            return wh.recent_runs(runs), wh.table_counts()

    recent, counts = guard(read)
    click.echo(f"Warehouse: {warehouse}\n\nRecent runs:")
    click.echo(render(recent, "table"))
    click.echo("\nRows per table:")
    click.echo(render(counts, "table"))


@cli.command()
@warehouse_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=config.DEFAULT_REPORT,
              show_default=True, help="The HTML file to write (replaced if it exists).")
@click.option("--all-trials", is_flag=True,
              help="Cover every trial in the warehouse, not only the ALS cell-therapy landscape.")
def report(warehouse: Path, out: Path, all_trials: bool) -> None:
    """Write one self-contained HTML page with the landscape table and charts (no server needed).

    \b
    The page holds the sortable landscape table, a timeline coloured by status, enrollment
    by phase, cell doses by cell type (log scale), sites by country and what the last run
    changed; its JavaScript is inlined, so it opens offline. Examples:
      pipeline report
      pipeline report --out /tmp/als.html --warehouse data/warehouse.duckdb
      pipeline report --all-trials --out data/all-trials.html
    """
    from pipeline.report import write_report

    written = guard(lambda: write_report(warehouse, out, all_trials=all_trials))
    click.echo(f"{written.trials} trials, {len(written.charts)} charts, {written.bytes / 1e6:.1f} MB -> {written.path}")


@cli.command()
@warehouse_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True,
              help="parquet keeps column types and comments; csv is for spreadsheets.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write (created; an earlier export there is replaced).")
@click.option("--table", "tables", multiple=True, metavar="NAME",
              help="Export only this table or view (repeatable; default: all of them).")
def export(warehouse: Path, fmt: str, out: Path, tables: tuple[str, ...]) -> None:
    """Write every table and view as one Parquet or CSV file each, with a data dictionary.

    \b
    Parquet files keep the column types and carry the table and column comments as
    key-value metadata; every export also writes export.json, README.md and
    data-dictionary.md. The folder appears only when complete. Examples:
      pipeline export --format parquet --out data/export
      pipeline export --format csv --out data/csv --table studies --table study_summary
    """
    from pipeline.export import export as write_export

    written = guard(lambda: write_export(warehouse, out, fmt, tables))
    count = len(written.objects)
    click.echo(f"{count} {'table or view' if count == 1 else 'tables and views'}, {written.rows} rows "
               f"-> {written.out}/ ({fmt})")


@cli.command("eval")
@click.option("--task", type=click.Choice(["thresholds", "doses", "cells", "all"]), default="all", show_default=True,
              help="Which extractor to score.")
@click.option("--split", type=click.Choice([*SPLITS, "all"]), default="all",
              show_default=True, help="Which labelled split; what each one is (tuned on, held out) is printed "
              "with its figures (all: each split, then pooled).")
@click.option("--errors", is_flag=True, help="Also list the labelled texts the extractor gets wrong.")
@click.option("--labelled", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=config.LABELLED_DIR, show_default=True,
              help="Folder holding thresholds.jsonl, doses.jsonl and cell_therapies.jsonl.")
def eval_command(task: str, split: str, errors: bool, labelled: Path) -> None:
    """Precision and recall of the text extractors on the hand-labelled sets (no warehouse).

    \b
    Thresholds per measure, doses per part (amount, schedule, route), cell therapies as
    accuracy. Report the held-out splits. Examples:
      pipeline eval
      pipeline eval --task doses --split test2 --errors
    """
    from pipeline.extract import evaluation

    try:
        text = evaluation.report(task, split, errors=errors, labelled_dir=labelled)
    except FileNotFoundError as exc:
        click.echo(f"Error: no labelled set {exc.filename}", err=True)
        sys.exit(EXIT_FAILURE)
    click.echo(text)
