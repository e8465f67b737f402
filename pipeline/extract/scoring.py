"""Precision and recall of an extractor against a labelled set (used by ``pipeline eval``)."""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

# The labelled splits, oldest first: "dev" is tuned on; each later one was labelled blind and
# scored once before its errors could shape the rules (what each is now: evaluation.SPLIT_ROLES).
SPLITS: tuple[str, ...] = ("dev", "test", "test2", "test3", "test4", "test5", "test6")


def splits_of(path: Path) -> list[str]:
    """The splits a labelled file holds, in the order of ``SPLITS`` (others after)."""
    with path.open(encoding="utf-8") as fh:
        found = {json.loads(line)["split"] for line in fh if line.strip()}
    return [s for s in SPLITS if s in found] + sorted(found - set(SPLITS))


@dataclass(frozen=True)
class Score:
    """Counts for one task (and optionally one measure within it)."""

    task: str
    key: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        found = self.tp + self.fp
        return self.tp / found if found else None

    @property
    def recall(self) -> float | None:
        expected = self.tp + self.fn
        return self.tp / expected if expected else None


def compare(expected: Iterable[Hashable], found: Iterable[Hashable]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of two collections of facts.

    Facts are compared as multisets, so a fact stated twice must be found twice.
    """
    remaining: dict[Hashable, int] = {}
    for fact in expected:
        remaining[fact] = remaining.get(fact, 0) + 1
    tp = fp = 0
    for fact in found:
        if remaining.get(fact, 0) > 0:
            remaining[fact] -= 1
            tp += 1
        else:
            fp += 1
    return tp, fp, sum(remaining.values())
