"""Opening the warehouse: one writer at a time (a file lock), readers alongside, errors translated."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from filelock import FileLock, Timeout

from pipeline.config import DUCKDB_CHECKPOINT, DUCKDB_MEMORY_LIMIT
from pipeline.errors import WarehouseError, WarehouseLocked, WarehouseMissing
from pipeline.warehouse.bookkeeping import Bookkeeping
from pipeline.warehouse.loading import Loading


class Warehouse(Loading, Bookkeeping):
    """An open warehouse. Use ``open_warehouse`` (a context manager) to get one."""


@contextmanager
def open_warehouse(path: Path, *, read_only: bool = False, lock_timeout_s: float = 0.0) -> Iterator[Warehouse]:
    """Open (creating and migrating when writable) the warehouse at ``path``.

    A writer first takes ``<path>.lock``, waiting up to ``lock_timeout_s``: two runs never
    interleave. Readers take no lock of ours, but DuckDB refuses them while a writer has
    the file open; both cases raise WarehouseLocked with a message saying so.
    """
    path = Path(path)
    if read_only:
        if not path.exists():
            raise WarehouseMissing(f"no warehouse at {path}: run `pipeline run` (or pass --warehouse)")
        with _connect(path, read_only=True) as con:
            yield Warehouse(con, path, read_only=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path) + ".lock")
    try:
        lock.acquire(timeout=lock_timeout_s)
    except Timeout:
        raise WarehouseLocked(
            f"another pipeline run is writing {path} (lock {path}.lock held for more than {lock_timeout_s:g}s); "
            "try again when it finishes, or raise --lock-timeout"
        ) from None
    try:
        with _connect(path, read_only=False) as con:
            warehouse = Warehouse(con, path, read_only=False)
            warehouse.migrate()
            yield warehouse
    finally:
        lock.release()


@contextmanager
def _connect(path: Path, *, read_only: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    try:
        con = duckdb.connect(str(path), read_only=read_only, config={"memory_limit": DUCKDB_MEMORY_LIMIT,
                                                                   "checkpoint_threshold": DUCKDB_CHECKPOINT})
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseLocked(
                f"{path} is open for writing by another process (a pipeline run?); "
                f"DuckDB allows readers only when no writer holds the file. ({exc})"
            ) from None
        raise WarehouseError(f"cannot open {path}: {exc}") from None
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open {path}: {exc}") from None
    try:
        yield con
    finally:
        con.close()
