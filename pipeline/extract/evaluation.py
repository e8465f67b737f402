"""``pipeline eval``: score the extractors on the hand-labelled sets, split by split.

The scoring itself lives in the per-task modules (``threshold_eval``, ``dose_eval``,
``cell_eval``); this module picks the files and splits and lays the figures out as text.

Splits: "dev" is what the rules were tuned on. Later splits were labelled blind (before the
extractor was run on them) and scored once as held-out figures; a split whose errors were
then used to improve the rules is a tuning split from then on. What each split is now, per
task, is in ``SPLIT_ROLES`` and is printed with its figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.config import LABELLED_DIR
from pipeline.extract import cell_eval, dose_eval, threshold_eval
from pipeline.extract.scoring import Score, splits_of

TASKS: tuple[str, ...] = ("thresholds", "doses", "cells")
FILES = {"thresholds": "thresholds.jsonl", "doses": "doses.jsonl", "cells": "cell_therapies.jsonl"}
SPLIT_ROLES = {
    "thresholds": {
        "dev": "tuned on",
        "test": "held out when written (P 0.944, R 0.913), since used for error analysis",
        "test2": "held out, labelled blind (first run P 1.000, R 0.879; after the rules mined "
        "from dev, test and the corpus P 1.000, R 0.909)",
        "test3": "held out, labelled blind (first run P 1.000, R 0.932)",
    },
    "doses": {
        "dev": "tuned on",
        "test": "held out when written, since used for error analysis",
        "test2": "labelled blind (first run P 0.515, R 0.556), since used for error analysis",
        "test3": "labelled blind (first run P 0.706, R 0.720), since used for error analysis",
        "test4": "labelled blind, studies with no other labelled text (first run P 0.976, R 0.976), "
        "since open to error analysis",
        "test5": "labelled blind, dose texts of studies with other labelled texts "
        "(first run P 0.841, R 0.841), since used for error analysis",
        "test6": "labelled blind, every remaining amount text of the corpus "
        "(first run P 0.768, R 0.738), since used for error analysis",
    },
    "cells": {"dev": "tuned on", "test": "held out"},
}


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _score_table(first: str, scores: Sequence[Score]) -> list[str]:
    lines = [f"  {first:<22}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}"]
    for s in scores:
        lines.append(f"  {s.key:<22}{s.tp:>5}{s.fp:>5}{s.fn:>5}{_pct(s.precision):>11}{_pct(s.recall):>8}")
    return lines


def _thresholds(path: Path, split: str | None, errors: bool) -> list[str]:
    rows = threshold_eval.load(path, split)
    lines = [f"{len(rows)} criteria", *_score_table("measure", threshold_eval.evaluate(path, split))]
    if errors:
        misses = threshold_eval.errors(path, split)
        lines += ["  errors:", *("    " + line for line in threshold_eval.format_errors(misses).splitlines())]
    return lines


def _doses(path: Path, split: str | None, errors: bool) -> list[str]:
    rows = dose_eval.load(path, split)
    overall, parts, wrong = dose_eval.evaluate(path, split)
    lines = [f"{len(rows)} texts", *_score_table("part", [overall, *parts.values()])]
    if errors:
        lines.append("  errors:")
        for e in wrong:
            lines += [f"    {e['id']}: {e['text'][:200]!r}", f"      expected {e['expected']}",
                      f"      found    {e['found']}"]
    return lines


def _cells(path: Path, split: str | None, errors: bool) -> list[str]:
    r = cell_eval.evaluate(path, split)
    fields = ", ".join(f"{name} {_pct(value)}" for name, value in r.field_accuracy.items())
    lines = [
        f"{r.total} interventions",
        f"  accuracy (cell or not, then cell_type and source) {_pct(r.accuracy)} ({r.correct}/{r.total})",
        *_score_table("decision", [r.is_cell, r.type_and_source]),
        f"  field accuracy where both call it cells: {fields}",
    ]
    if errors:
        lines.append("  errors:")
        for e in r.errors:
            mark = "wrong" if e["scored_wrong"] else "field"
            lines += [f"    [{mark}] {e['id']} {e['name'][:80]!r}", f"      expected {e['expected']}",
                      f"      found    {e['found']}"]
    return lines


_SECTIONS = {"thresholds": _thresholds, "doses": _doses, "cells": _cells}


def report(task: str = "all", split: str = "all", *, errors: bool = False, labelled_dir: Path = LABELLED_DIR) -> str:
    """The eval figures as text: for each task, one table per split it holds (``split`` "all":
    every split on its own, then all of them pooled), and with ``errors`` the texts it gets wrong."""
    if task not in (*TASKS, "all"):
        raise ValueError(f"unknown task {task!r}: one of {', '.join(TASKS)} or all")
    out: list[str] = []
    names = TASKS if task == "all" else (task,)
    if task == "all" and any((labelled_dir / FILES[name]).exists() for name in TASKS):
        # a folder of one's own labels may hold only some tasks: score those, name the others
        out += [f"{name}: no {FILES[name]} in {labelled_dir} (skipped)" for name in TASKS
                if not (labelled_dir / FILES[name]).exists()]
        names = tuple(name for name in TASKS if (labelled_dir / FILES[name]).exists())
    for name in names:
        path = labelled_dir / FILES[name]
        available = splits_of(path)
        chosen: list[str | None] = [*available, None] if split == "all" else [split]
        for one in chosen:
            if one is not None and one not in available:
                out += [f"{name}, split {one}: no labelled rows", ""]
                continue
            role = SPLIT_ROLES[name].get(one, "labelled") if one else "every split"
            title = f"{name}, split {one or 'all'} ({role}): "
            body = _SECTIONS[name](path, one, errors)
            out += [title + body[0], *body[1:], ""]
    return "\n".join(out).rstrip("\n")
