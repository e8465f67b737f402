"""The terminal side of long commands: SIGINT/SIGTERM between batches, a progress bar."""

from __future__ import annotations

import logging
import signal
import sys
from contextlib import contextmanager


@contextmanager
def stop_on_signal():
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
def progress_bar():
    """A progress bar on a terminal; nothing otherwise (log lines tell schedulers what happens)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

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
