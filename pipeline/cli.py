"""The `pipeline` command: parses arguments, calls one library function, prints the result.

Only this module turns the pipeline's exceptions into ``Error: ...`` and an exit code:
0 success, 1 failure, 2 bad usage, 3 finished but studies were quarantined (only with
--fail-on-quarantine), 130 interrupted (SIGINT/SIGTERM: stopped after the current batch).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

import click
import polars as pl

from pipeline import bulk, config, queries
from pipeline import run as runner
from pipeline.errors import PipelineError
from pipeline.fetch import Fetcher, make_client
from pipeline.landing import NCT_ID
from pipeline.logs import configure_logging
from pipeline.output import dictionary_markdown, render, summary_text
from pipeline.terminal import progress_bar, stop_on_signal
from pipeline.warehouse import data_dictionary, open_warehouse

EXIT_FAILURE = 1
EXIT_QUARANTINED = 3
EXIT_INTERRUPTED = 130

warehouse_option = click.option(
    "--warehouse",
    type=click.Path(dir_okay=False, path_type=Path),
    default=config.DEFAULT_WAREHOUSE,
    envvar=config.ENV_WAREHOUSE,
    show_default=True,
    show_envvar=True,
    help="DuckDB file of the warehouse.",
)
lock_option = click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    help="Seconds to wait for another run writing the same warehouse before giving up.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="ctgov-als-pipeline")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", envvar=config.ENV_LOG_FORMAT,
              show_envvar=True, help="Log lines on stderr: text for people, json for schedulers.")
@click.option("-v", "--verbose", is_flag=True, help="Log debug detail (every request).")
def cli(log_format: str, verbose: bool) -> None:
    """ClinicalTrials.gov API v2 -> DuckDB warehouse for ALS cell-therapy trials (or any slice).

    \b
    Example:
      pipeline run                       # the default "ALS cell therapies" search
      pipeline query "select nct_id, overall_status from studies"
    """
    configure_logging(log_format, logging.DEBUG if verbose else logging.INFO)


def _nct_ids(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    ids = []
    for value in values:
        nct_id = value.strip().upper()
        if not NCT_ID.match(nct_id):
            raise click.BadParameter(f"{value!r} is not an NCT ID (NCT followed by 8 digits, e.g. NCT07118319)")
        ids.append(nct_id)
    return tuple(dict.fromkeys(ids))


@cli.command()
@click.option("--base-url", default=config.DEFAULT_BASE_URL, envvar=config.ENV_BASE_URL, show_default=True,
              show_envvar=True, help="Registry API v2 base URL.")
@warehouse_option
@click.option("--condition", help="Essie expression for query.cond (replaces the default search).")
@click.option("--intervention", help="Essie expression for query.intr (replaces the default search).")
@click.option("--term", help="Essie expression for query.term (replaces the default search).")
@click.option("--nct", "nct_ids", multiple=True, callback=_nct_ids,
              help="Fetch this NCT ID by ID (repeatable; replaces the default search).")
@click.option("--min-interval", type=click.FloatRange(min=0), default=config.MIN_REQUEST_INTERVAL_S,
              envvar=config.ENV_RATE_LIMIT, show_default=True, show_envvar=True,
              help="Minimum seconds between two requests to the registry.")
@click.option("--retries", type=click.IntRange(min=1), default=config.RETRY_ATTEMPTS, envvar=config.ENV_RETRIES,
              show_default=True, show_envvar=True,
              help="Attempts per request on 429, 5xx, timeouts and resets (exponential backoff).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=config.READ_TIMEOUT_S, show_default=True,
              help="Seconds to wait for the registry to send data (a page of 1000 studies can be tens of MB).")
@click.option("--max-response-mb", type=click.FloatRange(min=0.001), default=config.MAX_RESPONSE_BYTES / 2**20,
              show_default=True, help="Refuse a response body larger than this (a normal page is about 20 MB).")
@click.option("--retry-base-delay", type=click.FloatRange(min=0), default=config.RETRY_BASE_S, hidden=True,
              help="First backoff delay in seconds (doubles per attempt).")
@click.option("--page-size", type=click.IntRange(1, 1000), default=config.PAGE_SIZE, hidden=True,
              help="Studies per search page (the registry caps it at 1000).")
@click.option("--full", is_flag=True,
              help="Ignore the watermark: fetch the whole search and re-check every known study.")
@click.option("--recheck", type=click.IntRange(min=0), default=config.RECHECK_PER_RUN, show_default=True,
              help="Known studies re-requested by ID per run to notice removals and merges.")
@click.option("--max-removed-share", type=click.FloatRange(0, 1), default=config.MAX_REMOVED_SHARE,
              show_default=True, help="Refuse to mark more than this share of the warehouse as gone.")
@click.option("--force", is_flag=True, help="Mark studies as gone even above --max-removed-share.")
@lock_option
@click.option("--fail-on-quarantine", is_flag=True, help="Exit 3 when any study was quarantined.")
def run(base_url: str, warehouse: Path, condition: str | None, intervention: str | None, term: str | None,
        nct_ids: tuple[str, ...], min_interval: float, retries: int, timeout: float, max_response_mb: float,
        retry_base_delay: float, page_size: int, full: bool, recheck: int,
        max_removed_share: float, force: bool, lock_timeout: float, fail_on_quarantine: bool) -> None:
    """Fetch studies from the registry, land the raw JSON, normalize and load them.

    \b
    Without search flags it runs the default "ALS cell therapies" search plus the
    watchlist (NCT07118319 and PIPELINE_WATCHLIST). Examples:
      pipeline run
      pipeline run --condition "spinal muscular atrophy" --intervention "gene therapy"
      pipeline run --nct NCT07118319 --nct NCT03280056 --warehouse data/two.duckdb
    """
    if condition or intervention or term or nct_ids:
        search = config.Search("ad-hoc", condition, intervention, term, nct_ids)
    else:
        search = config.default_search()
    settings = config.HttpSettings(base_url=base_url, min_request_interval_s=min_interval, retry_attempts=retries,
                                   read_timeout_s=timeout, max_response_bytes=int(max_response_mb * 2**20),
                                   retry_base_s=retry_base_delay, page_size=page_size)
    with make_client(settings) as client, stop_on_signal() as should_stop, progress_bar() as progress:
        fetcher = Fetcher(client, settings, fallback_client=lambda: make_client(settings, tls12=True))
        sync = runner.SyncOptions(full=full, recheck=recheck, max_removed_share=max_removed_share, force=force)
        summary = _guard(lambda: runner.run(search, warehouse, fetcher, sync=sync, lock_timeout_s=lock_timeout,
                                            progress=progress, should_stop=should_stop))
    click.echo(summary_text(summary, warehouse))
    _exit_for(summary, fail_on_quarantine)


@cli.command("load-bulk")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@warehouse_option
@lock_option
@click.option("--workers", type=click.IntRange(min=1), default=bulk.default_workers(), show_default=True,
              help="Processes that parse and normalize batches (the main one loads them).")
@click.option("--fail-on-quarantine", is_flag=True, help="Exit 3 when any study was quarantined.")
def load_bulk(path: Path, warehouse: Path, lock_timeout: float, workers: int, fail_on_quarantine: bool) -> None:
    """Load the registry's bulk download (ctg-studies.json.zip) or a folder of study JSON files.

    \b
    The zip is checked before anything is written (a cut-off download is refused) and
    streamed batch by batch, so memory does not grow with the number of studies.
    Examples:
      curl -o data/ctg-studies.json.zip "https://clinicaltrials.gov/api/v2/studies/download?format=json.zip"
      pipeline load-bulk data/ctg-studies.json.zip
      pipeline load-bulk path/to/folder-of-NCT-files/
    """
    source = _guard(lambda: bulk.open_source(path))
    with stop_on_signal() as should_stop, progress_bar() as progress:
        summary = _guard(lambda: runner.load_local(
            bulk.iter_prepared(source, config.LOAD_BATCH_SIZE, workers), warehouse, command="load-bulk",
            parameters={"path": str(path), "kind": source.kind, "entries": source.count},
            lock_timeout_s=lock_timeout, progress=progress, should_stop=should_stop))
    click.echo(summary_text(summary, warehouse))
    _exit_for(summary, fail_on_quarantine)


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

    click.echo(render(_guard(read), fmt))


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
@click.option("--studies", "n", type=click.IntRange(min=10), default=20_000, show_default=True,
              help="How many studies to synthesize (600,000 is the whole registry).")
@click.option("--source", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=config.BENCH_SOURCE, show_default=True, help="Folder of real NCT*.json records to copy.")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=config.BENCH_CACHE,
              show_default=True, help="Where the synthesized corpus is kept between runs.")
@click.option("--skip-duckdb", is_flag=True, help="Skip the DuckDB read_json baseline.")
def bench(n: int, source: Path, cache: Path, skip_duckdb: bool) -> None:
    """Time a full bulk load against the parse floor and DuckDB's read_json, plus incremental loads.

    \b
    Prints studies/s, MB/s, peak memory, warehouse size and the ratios; asserts nothing.
    Examples:
      pipeline bench
      pipeline bench --studies 600000 --skip-duckdb
    """
    from pipeline import bench as benchmark

    try:
        results = benchmark.run_benchmark(n, source, cache, skip_duckdb=skip_duckdb)
    except (FileNotFoundError, RuntimeError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_FAILURE)
    for line in benchmark.report(results):
        click.echo(line)


@cli.command()
@warehouse_option
@lock_option
def rebuild(warehouse: Path, lock_timeout: float) -> None:
    """Re-normalize every study from the raw JSON already in the warehouse (no network).

    \b
    Example:
      pipeline rebuild --warehouse data/warehouse.duckdb
    """
    with progress_bar() as progress:
        summary = _guard(lambda: runner.rebuild(warehouse, lock_timeout_s=lock_timeout, progress=progress))
    click.echo(summary_text(summary, warehouse))
    _exit_for(summary, False)


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
    frame = _guard(lambda: queries.run_query(warehouse, sql_or_name, bound))
    if out is None:
        click.echo(render(frame, fmt))
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        frame.write_parquet(out)
    else:
        out.write_text(render(frame, fmt) + "\n")
    click.echo(f"{frame.height} rows -> {out}", err=True)


def _nct_id(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    return _nct_ids(_ctx, _param, (value,))[0]


@cli.command()
@click.argument("nct_id", callback=_nct_id)
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
    page = _guard(lambda: trial_page.build_page(warehouse, nct_id, finder))
    text = trial_page.render_page(page, fmt)
    if out is None:
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(f"{nct_id} -> {out}", err=True)


@cli.command()
@click.argument("nct_id", callback=_nct_id)
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

    ranked = _guard(lambda: similarity.similar(warehouse, nct_id, limit))
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

    recent, counts = _guard(read)
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

    written = _guard(lambda: write_report(warehouse, out, all_trials=all_trials))
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

    written = _guard(lambda: write_export(warehouse, out, fmt, tables))
    count = len(written.objects)
    click.echo(f"{count} {'table or view' if count == 1 else 'tables and views'}, {written.rows} rows "
               f"-> {written.out}/ ({fmt})")


# -- helpers ----------------------------------------------------------------------------------


def _guard(action: Callable):
    """Run ``action``; a pipeline error becomes `Error: ...` on stderr and exit 1."""
    try:
        return action()
    except PipelineError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_FAILURE)


def _exit_for(summary: runner.Summary, fail_on_quarantine: bool) -> None:
    if summary.status == "interrupted":
        sys.exit(EXIT_INTERRUPTED)
    if fail_on_quarantine and summary.quarantined:
        sys.exit(EXIT_QUARANTINED)


@cli.command("eval")
@click.option("--task", type=click.Choice(["thresholds", "doses", "cells", "all"]), default="all", show_default=True,
              help="Which extractor to score.")
@click.option("--split", type=click.Choice(["dev", "test", "test2", "test3", "all"]), default="all",
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

def main() -> None:
    cli(prog_name="pipeline")
