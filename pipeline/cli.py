"""The `pipeline` command: parses arguments, calls one library function, prints the result.

Only this module turns the pipeline's exceptions into ``Error: ...`` and an exit code:
0 success, 1 failure, 2 bad usage, 3 finished but studies were quarantined (only with
--fail-on-quarantine), 130 interrupted (SIGINT/SIGTERM: stopped after the current batch).
"""

from __future__ import annotations

import json
import logging
import signal
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import click
import polars as pl

from pipeline import bulk, config, queries
from pipeline import run as runner
from pipeline.errors import PipelineError
from pipeline.fetch import Fetcher, make_client
from pipeline.landing import NCT_ID
from pipeline.logs import configure_logging
from pipeline.warehouse import open_warehouse

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
    with make_client(settings) as client, _stop_on_signal() as should_stop, _progress() as progress:
        fetcher = Fetcher(client, settings, fallback_client=lambda: make_client(settings, tls12=True))
        sync = runner.SyncOptions(full=full, recheck=recheck, max_removed_share=max_removed_share, force=force)
        summary = _guard(lambda: runner.run(search, warehouse, fetcher, sync=sync, lock_timeout_s=lock_timeout,
                                            progress=progress, should_stop=should_stop))
    _print_summary(summary, warehouse)
    _exit_for(summary, fail_on_quarantine)


@cli.command("load-bulk")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@warehouse_option
@lock_option
@click.option("--fail-on-quarantine", is_flag=True, help="Exit 3 when any study was quarantined.")
def load_bulk(path: Path, warehouse: Path, lock_timeout: float, fail_on_quarantine: bool) -> None:
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
    with _stop_on_signal() as should_stop, _progress() as progress:
        summary = _guard(lambda: runner.load_local(
            bulk.iter_batches(source, config.LOAD_BATCH_SIZE), warehouse, command="load-bulk",
            parameters={"path": str(path), "kind": source.kind, "entries": source.count},
            lock_timeout_s=lock_timeout, progress=progress, should_stop=should_stop))
    _print_summary(summary, warehouse)
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
@warehouse_option
@lock_option
def rebuild(warehouse: Path, lock_timeout: float) -> None:
    """Re-normalize every study from the raw JSON already in the warehouse (no network).

    \b
    Example:
      pipeline rebuild --warehouse data/warehouse.duckdb
    """
    with _progress() as progress:
        summary = _guard(lambda: runner.rebuild(warehouse, lock_timeout_s=lock_timeout, progress=progress))
    _print_summary(summary, warehouse)
    _exit_for(summary, False)


@cli.command()
@click.argument("sql_or_name", required=False)
@warehouse_option
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind $KEY in the query to VALUE (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
def query(sql_or_name: str | None, warehouse: Path, params: tuple[str, ...], fmt: str, list_queries: bool) -> None:
    """Run SQL, or a named query from sql/queries/NAME.sql, against the warehouse (read-only).

    \b
    Examples:
      pipeline query "select nct_id, brief_title from studies where overall_status = 'RECRUITING'"
      pipeline query trial_arms --param nct_id=NCT07118319 --format csv
      pipeline query --list
    """
    if list_queries:
        for named in queries.list_named():
            click.echo(f"{named.name}  ({', '.join('$' + p for p in named.parameters) or 'no parameters'})")
            click.echo("    " + named.description.replace("\n", "\n    "))
        return
    if not sql_or_name:
        raise click.UsageError("give a SQL statement or a query name (see --list)")
    bound = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        bound[key.strip()] = value
    frame = _guard(lambda: queries.run_query(warehouse, sql_or_name, bound))
    click.echo(render(frame, fmt))


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


def render(frame: pl.DataFrame, fmt: str) -> str:
    """A frame as a terminal table, CSV or JSON records."""
    if fmt == "csv":
        return frame.write_csv().rstrip("\n")
    if fmt == "json":
        return json.dumps(frame.to_dicts(), default=str, ensure_ascii=False, indent=2)
    with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=80, tbl_width_chars=200, tbl_hide_dataframe_shape=True,
                   tbl_hide_column_data_types=True):
        return str(frame)


def _print_summary(summary: runner.Summary, warehouse: Path) -> None:
    lines = [f"{summary.command} {summary.status} in {summary.duration_s:.1f}s -> {warehouse}"]
    if summary.note:
        lines.append(f"  {summary.note}")
    if summary.command == "rebuild":
        lines.append(f"  studies re-normalized {summary.rebuilt}, quarantined {summary.quarantined}")
    else:
        lines.append(
            f"  studies fetched {summary.fetched}: new {summary.new}, changed {summary.changed}, "
            f"unchanged {summary.unchanged}, quarantined {summary.quarantined}"
        )
    if summary.command == "run":
        lines.append(f"  registry data timestamp {summary.data_timestamp} (API {summary.api_version}); "
                     f"{summary.pages} pages, {summary.requests} requests, {summary.bytes_received / 1e6:.1f} MB")
        if summary.mode == "incremental" and summary.watermark_from:
            lines.append(f"  incremental since {summary.watermark_from} (watermark now {summary.watermark_to})")
        if summary.rechecked:
            lines.append(f"  re-checked {summary.rechecked} known studies: {summary.withdrawn} withdrawn from the "
                         f"registry, {summary.merged} merged into another NCT ID")
    if summary.changes:
        lines.append(f"  watched-field changes recorded: {summary.changes} (pipeline changes --since ...)")
    if summary.rebuilt and summary.command != "rebuild":
        lines.append(f"  normalizer changed: {summary.rebuilt} studies re-derived from raw_studies first")
    if summary.unmatched_arm_labels:
        lines.append(f"  arm/intervention labels that matched nothing: {summary.unmatched_arm_labels} "
                     "(see table unmatched_arm_labels)")
    if summary.unknown_fields:
        fields = ", ".join(f"{path} ({count})" for path, count in sorted(summary.unknown_fields.items()))
        lines.append(f"  fields this pipeline does not know yet (kept in raw_studies.raw): {fields}")
    if summary.not_found:
        lines.append(f"  not in the registry (404): {', '.join(summary.not_found)}")
    if summary.quarantined:
        lines.append("  quarantined studies: pipeline query \"select nct_id, reason from quarantine "
                     f"where run_id = {summary.run_id}\"")
    click.echo("\n".join(lines))


@contextmanager
def _stop_on_signal():
    """SIGINT/SIGTERM ask the run to stop after the current batch; a second SIGINT aborts."""
    requested = {"stop": False}

    def handle(signum, _frame):
        if requested["stop"] and signum == signal.SIGINT:
            raise KeyboardInterrupt
        requested["stop"] = True
        logging.getLogger("pipeline").warning("signal %s: stopping after the current batch", signum,
                                              extra={"event": "stop_requested"})

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield lambda: requested["stop"]
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def _progress():
    """A progress bar on a terminal; nothing otherwise (log lines tell schedulers what happens)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True) as bar:
        studies = bar.add_task("studies", total=None)
        pages = bar.add_task("pages", total=None)

        def update(what: str, count: int) -> None:
            if what == "page":
                bar.advance(pages, 1)
            else:
                bar.advance(studies, count)

        yield update


def main() -> None:
    cli(prog_name="pipeline")
