"""Orders the stages of a command and counts what happened.

source (API pages, GET by ID, raw_studies) -> landing -> normalize (pure) -> warehouse.
Each batch (one registry page) is one transaction, so a run stopped at any moment leaves
the warehouse as it was after the last committed batch.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import orjson
import polars as pl

from pipeline import config
from pipeline import sync as sync_rules
from pipeline.config import Search
from pipeline.errors import PipelineError, StudyNotFound
from pipeline.fetch import Fetcher, read_ahead
from pipeline.landing import RawStudy, Rejected, land_or_reject
from pipeline.prepare import Prepared, prepare
from pipeline.warehouse import Warehouse, open_warehouse
from pipeline.warehouse.base import utcnow
from pipeline.workers import Batch, as_batch, prepare_batches, split_batch

log = logging.getLogger("pipeline.run")

Progress = Callable[[str, int], None]  # (what happened, how many studies)


@dataclass
class Summary:
    """What a command did; printed for people, stored as JSON in pipeline_runs."""

    command: str
    run_id: int | None = None
    status: str = "running"
    fetched: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    quarantined: int = 0
    duplicates: int = 0
    unmatched_arm_labels: int = 0
    not_found: list[str] = field(default_factory=list)
    pages: int = 0
    requests: int = 0
    bytes_received: int = 0
    api_version: str | None = None
    data_timestamp: str | None = None
    duration_s: float = 0.0
    rebuilt: int = 0
    mode: str | None = None  # full | incremental
    watermark_from: dt.date | None = None
    watermark_to: dt.date | None = None
    rechecked: int = 0
    withdrawn: int = 0
    merged: int = 0
    changes: int = 0
    unknown_fields: dict[str, int] = field(default_factory=dict)  # path -> studies carrying it
    note: str | None = None
    error: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _never() -> bool:
    return False


@dataclass
class BatchLoader:
    """Lands, dedupes, compares, normalizes and loads batches of studies into one warehouse."""

    warehouse: Warehouse
    summary: Summary
    progress: Progress | None = None
    # A study stored with last_seen_at at or after this was loaded earlier in this run: the
    # warehouse remembers what a run has seen, so memory does not grow with the registry.
    started_at: dt.datetime = field(default_factory=utcnow)

    def load(self, batch: Prepared | Iterable[RawStudy | Rejected]) -> None:
        """Load one batch: prepared elsewhere (bulk workers) or landed items prepared here."""
        prepared = batch if isinstance(batch, Prepared) else prepare(list(batch))
        versions = self.warehouse.current_versions(list({r.nct_id for r in prepared.studies}))
        fresh: list[RawStudy] = []
        in_batch: set[str] = set()
        for raw in prepared.studies:
            version = versions.get(raw.nct_id)
            # (only the same version: a clock that ran ahead must not make a change look seen)
            seen = version is not None and version[1] >= self.started_at and version[0] == raw.content_hash
            if raw.nct_id in in_batch or seen:
                self.summary.duplicates += 1  # pages can overlap; a study is loaded once per run
            else:
                in_batch.add(raw.nct_id)
                fresh.append(raw)
        self.summary.fetched += len(fresh)
        stored = {nct_id: version[0] for nct_id, version in versions.items()}
        changed = [r for r in fresh if stored.get(r.nct_id) != r.content_hash]
        unchanged = [r for r in fresh if stored.get(r.nct_id) == r.content_hash]
        frames = prepared.frames
        if len(changed) < len(prepared.studies):  # keep only the rows of the studies we load
            ids = [r.nct_id for r in changed]
            frames = {name: frame.filter(pl.col("nct_id").is_in(ids)) for name, frame in frames.items()}
        changed_ids = {r.nct_id for r in changed}
        for nct_id, path in prepared.unknown:
            if nct_id in changed_ids:
                self.summary.unknown_fields[path] = self.summary.unknown_fields.get(path, 0) + 1
        rejected = prepared.rejected
        self.summary.changes += self.warehouse.load_batch(changed, frames, unchanged, rejected, self.summary.run_id,
                                                          previous=stored)
        self.summary.new += sum(1 for r in changed if r.nct_id not in stored)
        self.summary.changed += sum(1 for r in changed if r.nct_id in stored)
        self.summary.unchanged += len(unchanged)
        self.summary.quarantined += len(rejected)
        self.summary.unmatched_arm_labels += frames["unmatched_arm_labels"].height
        for item in rejected:
            log.warning("quarantined %s: %s", item.nct_id or "a study", item.reason,
                        extra={"event": "quarantined", "nct_id": item.nct_id, "reason": item.reason})
        if self.progress:
            self.progress("studies", len(fresh) + len(rejected))


def search_parameters(search: Search) -> dict:
    return {"search": search.name, **search.query_params(), "nct_ids": list(search.nct_ids)}


@contextmanager
def _recorded(warehouse: Warehouse, summary: Summary, parameters: dict, started: float) -> Iterator[None]:
    """Record the command in pipeline_runs: 'running' now, its outcome and summary at the end."""
    killed = warehouse.close_stale_runs()
    if killed:
        log.warning("%d earlier run(s) had been killed mid-way; this run completes their work", killed,
                    extra={"event": "stale_runs", "count": killed})
    summary.run_id = warehouse.start_run(summary.command, parameters, api_version=summary.api_version,
                                         data_timestamp=summary.data_timestamp)
    try:
        yield
        if summary.status == "running":
            summary.status = "succeeded"
    except PipelineError as exc:
        summary.status, summary.error = "failed", str(exc)
        raise
    finally:
        summary.duration_s = round(time.monotonic() - started, 3)
        warehouse.finish_run(summary.run_id, summary.status, summary.as_dict(), summary.error)


@dataclass(frozen=True)
class SyncOptions:
    """How a run reconciles with what the warehouse already holds."""

    full: bool = False  # ignore the watermark and re-check every known study
    recheck: int = config.RECHECK_PER_RUN  # known studies re-requested by ID each run
    max_removed_share: float = config.MAX_REMOVED_SHARE
    force: bool = False  # allow marking more than max_removed_share as gone


def run(
    search: Search,
    warehouse_path: Path,
    fetcher: Fetcher,
    *,
    sync: SyncOptions = SyncOptions(),
    lock_timeout_s: float = 0.0,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = _never,
    workers: int = 1,
) -> Summary:
    """Fetch a search (and its NCT IDs) from the registry into the warehouse.

    The registry is asked for /version before the warehouse is opened, so an unreachable
    API leaves the warehouse untouched (the ApiError names the URL that failed). The
    search's watermark moves only after every batch of the run has committed. ``workers``
    processes prepare the search's pages when it has more than one.
    """
    started = time.monotonic()
    summary = Summary("run")
    version = fetcher.version()
    summary.api_version = version.get("apiVersion")
    summary.data_timestamp = version.get("dataTimestamp")
    key = sync_rules.search_key(search)
    with open_warehouse(warehouse_path, lock_timeout_s=lock_timeout_s) as warehouse:
        ensure_normalized(warehouse, summary)
        state = None if sync.full else warehouse.sync_state(key)
        known = warehouse.known_ids(search.nct_ids)
        unchanged_registry = state is not None and state["data_timestamp"] == summary.data_timestamp
        summary.mode = "full" if state is None else "incremental"
        with _recorded(warehouse, summary, {**search_parameters(search), "mode": summary.mode}, started):
            loader = BatchLoader(warehouse, summary, progress)
            stopped = functools.partial(_stop, summary, should_stop)
            try:
                if unchanged_registry:
                    summary.note = f"registry unchanged since run {state['last_run_id']} (dataTimestamp " \
                                   f"{summary.data_timestamp}): nothing to fetch"
                    log.info(summary.note, extra={"event": "nothing_to_fetch"})
                else:
                    watermark = state["watermark_date"] if state else None
                    summary.watermark_from = watermark
                    newest = _fetch_search(fetcher, search, watermark, loader, progress, stopped, workers)
                    if search.nct_ids and known and not stopped():
                        _fetch_known_ids(fetcher, sorted(known), watermark, loader, stopped)
                if search.nct_ids and not stopped():
                    loader.load(_fetch_by_id(fetcher, [i for i in search.nct_ids if i not in known], summary))
                if not unchanged_registry and not stopped():
                    _recheck(fetcher, warehouse, loader, sync, stopped)
            finally:
                summary.requests, summary.bytes_received = fetcher.requests_sent, fetcher.bytes_received
            if summary.status == "running" and not unchanged_registry:
                summary.watermark_to = sync_rules.newest([newest], watermark)
                warehouse.save_sync_state(key, search.name, search.query_params(), summary.watermark_to,
                                          summary.data_timestamp, summary.run_id)
    return summary


def _stop(summary: Summary, should_stop: Callable[[], bool]) -> bool:
    if summary.status == "running" and should_stop():
        summary.status = "interrupted"
    return summary.status == "interrupted"


def _fetch_search(fetcher: Fetcher, search: Search, watermark, loader: BatchLoader, progress: Progress | None,
                  stopped: Callable[[], bool], workers: int):
    """Page through the search (its delta since ``watermark`` when there is one); the newest post date seen.

    Pages are fetched a page ahead in a thread and prepared in ``workers`` processes while
    this one loads, so network time hides processing time.
    """
    if not search.has_query:
        return None
    params = dict(search.query_params())
    if watermark is not None:
        params["filter.advanced"] = sync_rules.delta_filter(watermark)
    newest = None

    def batches() -> Iterator[Batch]:
        nonlocal newest
        for page in read_ahead(fetcher.iter_pages(params)):
            loader.summary.pages += 1
            if progress:
                progress("page", len(page.studies))
            newest = sync_rules.newest(
                (sync_rules.last_update_posted(s) for s in page.studies if isinstance(s, dict)), newest
            )
            log.info("page %d: %d studies", page.number, len(page.studies),
                     extra={"event": "page", "page": page.number, "studies": len(page.studies), "bytes": page.nbytes})
            batch = as_batch(page.studies, f"page {page.number}")
            del page  # the decoded page is not needed while its batch is prepared and loaded
            yield from split_batch(batch, config.LOAD_BATCH_SIZE)
            del batch
            if stopped():
                return

    for prepared in prepare_batches(batches(), workers):
        loader.load(prepared)
    return newest


def _fetch_known_ids(fetcher: Fetcher, nct_ids: Sequence[str], watermark, loader: BatchLoader,
                     stopped: Callable[[], bool]) -> None:
    """Watchlist studies already stored: only those posted since the watermark (all on a full run)."""
    for chunk in _chunks(nct_ids, config.IDS_PER_REQUEST):
        params = {"filter.ids": ",".join(chunk)}
        if watermark is not None:
            params["filter.advanced"] = sync_rules.delta_filter(watermark)
        for page in fetcher.iter_pages(params):
            loader.load(land_or_reject(study) for study in page.studies)
        if stopped():
            return


def _recheck(fetcher: Fetcher, warehouse: Warehouse, loader: BatchLoader, sync: SyncOptions,
             stopped: Callable[[], bool]) -> None:
    """Re-request known studies by ID; mark the ones the registry no longer returns."""
    limit = warehouse.study_count() if sync.full else sync.recheck
    asked = warehouse.least_recently_confirmed(limit, seen_since=loader.started_at)
    withdrawn: list[str] = []
    merged: dict[str, str] = {}
    for chunk in _chunks(asked, config.IDS_PER_REQUEST):
        studies = [s for page in fetcher.iter_pages({"filter.ids": ",".join(chunk)}) for s in page.studies]
        found = sync_rules.classify_recheck(chunk, [s for s in studies if isinstance(s, dict)])
        loader.load(land_or_reject(study) for study in studies)
        withdrawn += found.withdrawn
        merged.update(found.merged)
        if stopped():
            return
    loader.summary.rechecked = len(asked)
    sync_rules.guard_mass_removal(len(withdrawn), warehouse.study_count(), sync.max_removed_share, sync.force)
    warehouse.mark_removed(withdrawn, merged, loader.summary.run_id)
    loader.summary.withdrawn, loader.summary.merged = len(withdrawn), len(merged)
    for nct_id in withdrawn:
        log.warning("%s is no longer returned by the registry: marked withdrawn_from_registry", nct_id,
                    extra={"event": "withdrawn_from_registry", "nct_id": nct_id})
    for alias, canonical in merged.items():
        log.warning("%s is now an alias of %s: its rows moved there", alias, canonical,
                    extra={"event": "merged", "nct_id": alias, "canonical_nct_id": canonical})


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def load_local(
    batches: Iterable[Prepared | Sequence[RawStudy | Rejected]],
    warehouse_path: Path,
    *,
    command: str,
    parameters: dict,
    lock_timeout_s: float = 0.0,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = _never,
) -> Summary:
    """Load studies that are already here (bulk files, fixtures), batch by batch, no network."""
    started = time.monotonic()
    summary = Summary(command)
    with open_warehouse(warehouse_path, lock_timeout_s=lock_timeout_s) as warehouse:
        ensure_normalized(warehouse, summary)
        with _recorded(warehouse, summary, parameters, started):
            loader = BatchLoader(warehouse, summary, progress)
            for batch in batches:
                loader.load(batch)
                if should_stop():
                    summary.status = "interrupted"
                    break
    return summary


def _fetch_by_id(fetcher: Fetcher, nct_ids: Sequence[str], summary: Summary) -> list[RawStudy | Rejected]:
    items = []
    for nct_id in nct_ids:
        try:
            items.append(land_or_reject(fetcher.study(nct_id)))
        except StudyNotFound:
            summary.not_found.append(nct_id)
            log.warning("%s is not in the registry (404)", nct_id, extra={"event": "not_found", "nct_id": nct_id})
    return items


def ensure_normalized(warehouse: Warehouse, summary: Summary) -> None:
    """Re-derive every table from raw_studies when they were written by an older normalizer."""
    stored = warehouse.get_meta("normalizer_version")
    if stored == str(config.NORMALIZER_VERSION):
        return
    if stored is not None:
        log.info("normalizer changed (%s -> %s): rebuilding from raw_studies", stored, config.NORMALIZER_VERSION,
                 extra={"event": "auto_rebuild"})
        summary.rebuilt = _rebuild(warehouse)
    warehouse.set_meta("normalizer_version", str(config.NORMALIZER_VERSION))


def rebuild(warehouse_path: Path, *, lock_timeout_s: float = 0.0, progress: Progress | None = None) -> Summary:
    """Re-normalize every current study from the raw JSON in the warehouse (no network)."""
    started = time.monotonic()
    summary = Summary("rebuild")
    with open_warehouse(warehouse_path, lock_timeout_s=lock_timeout_s) as warehouse:
        with _recorded(warehouse, summary, {}, started):
            summary.rebuilt = _rebuild(warehouse, summary, progress)
            warehouse.set_meta("normalizer_version", str(config.NORMALIZER_VERSION))
    return summary


def _rebuild(warehouse: Warehouse, summary: Summary | None = None, progress: Progress | None = None) -> int:
    count = 0
    for batch in warehouse.iter_current_raw(config.LOAD_BATCH_SIZE):
        prepared = prepare([RawStudy(nct_id, orjson.loads(text), text, content_hash)
                            for nct_id, content_hash, text in batch])
        warehouse.replace_tables([row[0] for row in batch], prepared.frames)
        if prepared.rejected:
            warehouse.load_batch([], {}, (), prepared.rejected, summary.run_id if summary else None)
        if summary:
            summary.quarantined += len(prepared.rejected)
            summary.unmatched_arm_labels += prepared.frames["unmatched_arm_labels"].height
        count += len(prepared.studies)
        if progress:
            progress("studies", len(batch))
    return count
