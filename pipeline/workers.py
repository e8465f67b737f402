"""Worker processes that prepare batches (land, normalize, extract) while this process loads.

Preparing is pure CPU and three quarters of a load; loading is DuckDB in this process. A
batch is (study files as (name, bytes) pairs, quarantine entries already made for it).
Batches go out in order and come back in order, at most ``window`` in flight, so memory
does not grow with their number. A source of a single batch (an ALS run is usually one
page) is prepared here: starting workers costs about a second of imports.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

import orjson

from pipeline.landing import Rejected
from pipeline.prepare import Prepared, prepare_files

Entry = tuple[str, bytes]
Batch = tuple[list[Entry], list[Rejected]]


def prepare_batches(batches: Iterable[Batch], workers: int) -> Iterator[Prepared]:
    """Prepared batches in the order given; ``workers`` > 1 prepares them in that many processes."""
    batches = iter(batches)
    head = list(itertools.islice(batches, 2))
    if workers <= 1 or len(head) < 2:
        for entries, rejected in itertools.chain(head, batches):
            yield _with(prepare_files(entries), rejected)
        return
    # spawn, not fork: the parent holds an open DuckDB connection and its threads
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_interrupts) as pool:
        pending: collections.deque[tuple[Future, list[Rejected]]] = collections.deque()
        for entries, rejected in itertools.chain(head, batches):
            pending.append((pool.submit(prepare_files, entries), rejected))
            if len(pending) >= workers:
                future, extra = pending.popleft()
                yield _with(future.result(), extra)
        while pending:
            future, extra = pending.popleft()
            yield _with(future.result(), extra)


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: this process stops after the batch in hand
    # (terminal.stop_on_signal); a worker dying mid-batch would only lose that batch's work.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def as_batch(studies: Iterable[object], where: str) -> Batch:
    """A batch of decoded studies (an API page): each goes to a worker as JSON, which lands it
    there (a study that cannot be landed is quarantined as "<where> item N: <reason>")."""
    return [(f"{where} item {number}", orjson.dumps(study)) for number, study in enumerate(studies, 1)], []


def split_batch(batch: Batch, size: int) -> Iterator[Batch]:
    """``batch`` in batches of at most ``size`` study files (an API page of 1,000 in halves: what
    is in flight in the workers and in this process is half as large); its quarantine entries
    go with the first."""
    entries, rejected = batch
    for start in range(0, max(len(entries), 1), size):
        yield entries[start : start + size], rejected if start == 0 else []


def _with(prepared: Prepared, rejected: list[Rejected]) -> Prepared:
    prepared.rejected.extend(rejected)
    return prepared


def default_workers() -> int:
    """The CPUs this process may run on."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
