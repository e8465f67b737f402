"""pipeline.workers: batches prepared in worker processes come back complete and in order."""

from __future__ import annotations

import orjson
import pytest

from pipeline import workers
from pipeline.landing import reject
from pipeline.workers import as_batch, prepare_batches
from tests.support.trials import als_msc_trial


def _batch(first: int, count: int) -> workers.Batch:
    return as_batch([als_msc_trial(f"NCT0{first + n:07d}") for n in range(count)], f"batch {first}")


def test_batches_come_back_in_order_from_two_processes():
    batches = [_batch(start, 3) for start in (1000000, 2000000, 3000000, 4000000)]
    prepared = list(prepare_batches(batches, workers=2))
    assert [[s.nct_id for s in p.studies] for p in prepared] == [
        [f"NCT0{start + n:07d}" for n in range(3)] for start in (1000000, 2000000, 3000000, 4000000)
    ]
    assert all(p.frames["studies"].height == 3 for p in prepared)


def test_a_single_batch_is_prepared_here_without_starting_workers(monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for one batch")

    monkeypatch.setattr(workers, "ProcessPoolExecutor", no_pool)
    (prepared,) = prepare_batches([_batch(1000000, 2)], workers=2)
    assert [s.nct_id for s in prepared.studies] == ["NCT01000000", "NCT01000001"]


@pytest.mark.parametrize("count", [1, 3])
def test_rejects_made_before_and_by_the_workers_are_kept(count):
    entries, _ = _batch(1000000, 1)
    entries.append(("page 1 item 2", orjson.dumps({"protocolSection": {}})))
    earlier = reject("<unreadable entry x>", "cannot read x", None)
    batches = [(list(entries), [earlier]) for _ in range(count)]
    for prepared in prepare_batches(batches, workers=2):
        reasons = [r.reason for r in prepared.rejected]
        assert "cannot read x" in reasons
        assert any(r.startswith("page 1 item 2: ") for r in reasons), reasons
        assert [s.nct_id for s in prepared.studies] == ["NCT01000000"]


def test_a_page_is_split_into_batches_that_keep_every_study_and_reject_once():
    entries, _ = _batch(1000000, 5)
    earlier = reject("<unreadable entry x>", "cannot read x", None)
    halves = list(workers.split_batch((entries, [earlier]), 2))
    assert [len(e) for e, _ in halves] == [2, 2, 1]
    assert [e for part, _ in halves for e in part] == entries
    assert [len(r) for _, r in halves] == [1, 0, 0]
    # an empty page is still one (empty) batch, so it is counted and loaded like any other
    assert list(workers.split_batch(([], []), 2)) == [([], [])]
