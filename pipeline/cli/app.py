"""The `pipeline` command: parses arguments, calls one library function, prints the result.

Only this package turns the pipeline's exceptions into ``Error: ...`` and an exit code:
0 success, 1 failure, 2 bad usage, 3 finished but studies were quarantined (only with
--fail-on-quarantine), 130 interrupted (SIGINT/SIGTERM: stopped after the current batch).

The commands live in ``loading`` (run, load-bulk, rebuild, bench) and ``reading`` (query,
show, similar, status, changes, schema, report, export, eval); this module holds the group,
the shared options and the one place that turns errors into exit codes.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

import click

from pipeline import config
from pipeline import run as runner
from pipeline.errors import PipelineError
from pipeline.landing import NCT_ID
from pipeline.logs import configure_logging

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


def parse_nct_ids(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    ids = []
    for value in values:
        nct_id = value.strip().upper()
        if not NCT_ID.match(nct_id):
            raise click.BadParameter(f"{value!r} is not an NCT ID (NCT followed by 8 digits, e.g. NCT07118319)")
        ids.append(nct_id)
    return tuple(dict.fromkeys(ids))


def parse_nct_id(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    return parse_nct_ids(_ctx, _param, (value,))[0]


def guard(action: Callable):
    """Run ``action``; a pipeline error becomes `Error: ...` on stderr and exit 1."""
    try:
        return action()
    except PipelineError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_FAILURE)


def exit_for(summary: runner.Summary, fail_on_quarantine: bool) -> None:
    if summary.status == "interrupted":
        sys.exit(EXIT_INTERRUPTED)
    if fail_on_quarantine and summary.quarantined:
        sys.exit(EXIT_QUARANTINED)


def main() -> None:
    cli(prog_name="pipeline")
