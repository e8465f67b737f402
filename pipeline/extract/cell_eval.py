"""Score ``classify_cell_therapy`` against the labelled set ``tests/labelled/cell_therapies.jsonl``.

Each line: ``{"id", "nct_id", "source_of_text", "name", "description", "other_names",
"context", "expected": null | {"cell_type", "source", "tissue_origin", "genetically_modified"},
"split": "dev"|"test"}``.

Accuracy counts an intervention right when both say "not a cell therapy", or both classify
it with the same (cell_type, source). ``is_cell`` scores the None-vs-not decision as
precision/recall of finding cell therapies; per-field accuracies (cell_type, source,
tissue_origin, genetically_modified) are over the interventions both sides call cells.

    python -m pipeline.extract.cell_eval [--split dev|test] [--errors]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.extract.cells import classify_cell_therapy
from pipeline.config import LABELLED_DIR
from pipeline.extract.scoring import Score, compare

DEFAULT_PATH = LABELLED_DIR / "cell_therapies.jsonl"
FIELDS = ("cell_type", "source", "tissue_origin", "genetically_modified")


@dataclass(frozen=True)
class CellReport:
    """Accuracy of the classifier on one split of the labelled set."""

    total: int
    correct: int
    is_cell: Score
    type_and_source: Score
    field_accuracy: dict[str, float | None] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


def load(path: Path = DEFAULT_PATH, split: str | None = None) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [r for r in rows if split is None or r["split"] == split]


def evaluate(path: Path = DEFAULT_PATH, split: str | None = None) -> CellReport:
    correct = 0
    expected_cells: list[str] = []
    found_cells: list[str] = []
    expected_facts: list[tuple] = []
    found_facts: list[tuple] = []
    agree = {f: 0 for f in FIELDS}
    both = 0
    errors: list[dict] = []
    rows = load(path, split)
    for row in rows:
        got = classify_cell_therapy(row["name"], row["description"], row["other_names"], row["context"])
        found = got._asdict() if got else None
        expected = row["expected"]
        if expected:
            expected_cells.append(row["id"])
            expected_facts.append((row["id"], expected["cell_type"], expected["source"]))
        if found:
            found_cells.append(row["id"])
            found_facts.append((row["id"], found["cell_type"], found["source"]))
        if expected and found:
            both += 1
            for f in FIELDS:
                agree[f] += expected[f] == found[f]
        same = (expected is None and found is None) or (
            expected is not None
            and found is not None
            and (expected["cell_type"], expected["source"]) == (found["cell_type"], found["source"])
        )
        correct += same
        if not same or (expected and found and expected != found):
            errors.append({"id": row["id"], "name": row["name"], "expected": expected, "found": found,
                           "scored_wrong": not same})
    return CellReport(
        total=len(rows),
        correct=correct,
        is_cell=Score("cell_therapies", "is_cell", *compare(expected_cells, found_cells)),
        type_and_source=Score("cell_therapies", "type_and_source", *compare(expected_facts, found_facts)),
        field_accuracy={f: (agree[f] / both if both else None) for f in FIELDS},
        errors=errors,
    )


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Accuracy of the cell-therapy classifier on the labelled set.")
    parser.add_argument("--split", choices=["dev", "test"], help="only this split (default: each, then all)")
    parser.add_argument("--errors", action="store_true", help="list misclassified interventions")
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    print(f"{'split':6} {'n':>4} {'accuracy':>8} {'is_cell P':>9} {'is_cell R':>9} "
          + " ".join(f"{f[:13]:>13}" for f in FIELDS))
    for split in [args.split] if args.split else ["dev", "test", None]:
        r = evaluate(args.path, split)
        print(f"{split or 'all':6} {r.total:4} {_fmt(r.accuracy):>8} {_fmt(r.is_cell.precision):>9} "
              f"{_fmt(r.is_cell.recall):>9} " + " ".join(f"{_fmt(r.field_accuracy[f]):>13}" for f in FIELDS))
        if args.errors:
            for e in r.errors:
                mark = "WRONG" if e["scored_wrong"] else "field"
                print(f"  [{mark}] {e['id']} {e['name'][:70]!r}\n    expected {e['expected']}\n    found    {e['found']}")


if __name__ == "__main__":
    main()
