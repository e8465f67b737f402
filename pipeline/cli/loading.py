"""Commands that write the warehouse: run (the API), load-bulk, rebuild, and the bench that times them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import bulk, config
from pipeline import run as runner
from pipeline.cli.app import EXIT_FAILURE, cli, exit_for, guard, lock_option, parse_nct_ids, warehouse_option
from pipeline.fetch import Fetcher, make_client
from pipeline.output import summary_text
from pipeline.terminal import progress_bar, stop_on_signal
from pipeline.workers import default_workers


workers_option = click.option(
    "--workers", type=click.IntRange(min=1), default=default_workers(), show_default=True,
    envvar=config.ENV_WORKERS, show_envvar=True, help="Processes that parse and normalize batches while this one loads them (1: all in this one).",
)


@cli.command()
@click.option("--base-url", default=config.DEFAULT_BASE_URL, envvar=config.ENV_BASE_URL, show_default=True,
              show_envvar=True, help="Registry API v2 base URL.")
@warehouse_option
@click.option("--condition", help="Essie expression for query.cond (replaces the default search).")
@click.option("--intervention", help="Essie expression for query.intr (replaces the default search).")
@click.option("--term", help="Essie expression for query.term (replaces the default search).")
@click.option("--nct", "nct_ids", multiple=True, callback=parse_nct_ids,
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
@workers_option
@click.option("--fail-on-quarantine", is_flag=True, help="Exit 3 when any study was quarantined.")
def run(base_url: str, warehouse: Path, condition: str | None, intervention: str | None, term: str | None,
        nct_ids: tuple[str, ...], min_interval: float, retries: int, timeout: float, max_response_mb: float,
        retry_base_delay: float, page_size: int, full: bool, recheck: int,
        max_removed_share: float, force: bool, lock_timeout: float, workers: int,
        fail_on_quarantine: bool) -> None:
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
        summary = guard(lambda: runner.run(search, warehouse, fetcher, sync=sync, lock_timeout_s=lock_timeout,
                                            progress=progress, should_stop=should_stop, workers=workers))
    click.echo(summary_text(summary, warehouse))
    exit_for(summary, fail_on_quarantine)


@cli.command("load-bulk")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@warehouse_option
@lock_option
@workers_option
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
    source = guard(lambda: bulk.open_source(path))
    with stop_on_signal() as should_stop, progress_bar() as progress:
        summary = guard(lambda: runner.load_local(
            bulk.iter_prepared(source, config.LOAD_BATCH_SIZE, workers), warehouse, command="load-bulk",
            parameters={"path": str(path), "kind": source.kind, "entries": source.count},
            lock_timeout_s=lock_timeout, progress=progress, should_stop=should_stop))
    click.echo(summary_text(summary, warehouse))
    exit_for(summary, fail_on_quarantine)


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
        summary = guard(lambda: runner.rebuild(warehouse, lock_timeout_s=lock_timeout, progress=progress))
    click.echo(summary_text(summary, warehouse))
    exit_for(summary, False)


@cli.command()
@click.option("--studies", "n", type=click.IntRange(min=10), default=20_000, show_default=True,
              help="How many studies to synthesize (600,000 is the whole registry).")
@click.option("--source", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=config.BENCH_SOURCE, show_default=True, help="Folder of real NCT*.json records to copy.")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=config.BENCH_CACHE,
              show_default=True, help="Where the synthesized corpus is kept between runs.")
@click.option("--skip-duckdb", is_flag=True, help="Skip the DuckDB read_json baseline.")
@click.option("--skip-api", is_flag=True, help="Skip the API path (pipeline run against a local registry).")
def bench(n: int, source: Path, cache: Path, skip_duckdb: bool, skip_api: bool) -> None:
    """Time a full bulk load against the parse floor, DuckDB's read_json and the API path, plus incremental loads.

    \b
    Prints studies/s, MB/s, peak memory, warehouse size and the ratios; asserts nothing.
    Examples:
      pipeline bench
      pipeline bench --studies 600000 --skip-duckdb --skip-api
    """
    from pipeline import bench as benchmark

    try:
        results = benchmark.run_benchmark(n, source, cache, skip_duckdb=skip_duckdb, skip_api=skip_api)
    except (FileNotFoundError, RuntimeError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_FAILURE)
    for line in benchmark.report(results):
        click.echo(line)
