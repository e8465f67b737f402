"""`pipeline eval`: the figures it prints, its exit codes, on tiny labelled sets and the real ones."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli


def write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def labelled(tmp_path):
    write(tmp_path / "thresholds.jsonl", [
        {"id": "A#inclusion#1", "nct_id": "A", "section": "inclusion", "text": "Age 18 to 65 years", "split": "test",
         "expected": [{"measure": "age", "operator": "between", "value": 18, "value_max": 65, "unit": "years"}]},
        {"id": "A#exclusion#1", "nct_id": "A", "section": "exclusion", "text": "BMI > 35 kg/m2", "split": "test",
         "expected": [{"measure": "bmi", "operator": ">", "value": 30, "value_max": None, "unit": "kg/m2"}]},
    ])
    write(tmp_path / "doses.jsonl", [
        {"id": "B/arm_label/0", "nct_id": "B", "field": "arm_label", "text": "5.0×10^7 cells/person/dose",
         "split": "test2", "expected": [[5e7, None, "cells", "dose", None, None, None]]},
    ])
    write(tmp_path / "cell_therapies.jsonl", [
        {"id": "C/intervention/0", "nct_id": "C", "name": "Saline", "description": None, "other_names": [],
         "context": None, "expected": None, "split": "dev"},
    ])
    return tmp_path


def test_thresholds_per_measure_with_errors(labelled):
    result = CliRunner().invoke(cli, ["eval", "--task", "thresholds", "--split", "test", "--errors",
                                      "--labelled", str(labelled)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "thresholds, split test (held out when written (P 0.944, R 0.913), since used for error analysis): 2 criteria",
        "  measure                  tp   fp   fn  precision  recall",
        "  all                       1    1    1      0.500   0.500",
        "  age                       1    0    0      1.000   1.000",
        "  bmi                       0    1    1      0.000   0.000",
        "  errors:",
        "    A#exclusion#1: BMI > 35 kg/m2",
        "        missed  ('bmi', '>', 30.0, None, 'kg/m2')",
        "        wrong   ('bmi', '>', 35.0, None, 'kg/m2')",
    ]


def test_every_task_and_split(labelled):
    result = CliRunner().invoke(cli, ["eval", "--labelled", str(labelled)])
    assert result.exit_code == 0, result.output
    titles = [line for line in result.output.splitlines() if line and not line.startswith(" ")]
    assert titles == [
        "thresholds, split test (held out when written (P 0.944, R 0.913), since used for error analysis): 2 criteria",
        "thresholds, split all (every split): 2 criteria",
        "doses, split test2 (labelled blind (first run P 0.515, R 0.556), since used for error analysis): 1 texts",
        "doses, split all (every split): 1 texts",
        "cells, split dev (tuned on): 1 interventions",
        "cells, split all (every split): 1 interventions",
    ]
    assert "  accuracy (cell or not, then cell_type and source) 1.000 (1/1)" in result.output


def test_a_split_the_set_does_not_hold_says_so(labelled):
    result = CliRunner().invoke(cli, ["eval", "--task", "cells", "--split", "test", "--labelled", str(labelled)])
    assert (result.exit_code, result.output) == (0, "cells, split test: no labelled rows\n")


def test_an_unknown_task_is_bad_usage():
    result = CliRunner().invoke(cli, ["eval", "--task", "sites"])
    assert result.exit_code == 2
    assert "Invalid value for '--task'" in result.output


def test_a_missing_labelled_file_is_an_error(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "--task", "doses", "--labelled", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == f"Error: no labelled set {tmp_path / 'doses.jsonl'}\n"


def test_a_folder_with_only_some_tasks_scores_those(labelled):
    (labelled / "thresholds.jsonl").unlink()
    (labelled / "cell_therapies.jsonl").unlink()
    result = CliRunner().invoke(cli, ["eval", "--labelled", str(labelled)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"thresholds: no thresholds.jsonl in {labelled} (skipped)\n"
                                    f"cells: no cell_therapies.jsonl in {labelled} (skipped)\n")
    assert "doses, split test2 (" in result.output and "thresholds, split" not in result.output


def test_the_shipped_labelled_sets_are_scored():
    result = CliRunner().invoke(cli, ["eval"])
    assert result.exit_code == 0, result.output
    for title in ("thresholds, split test3 (held out, labelled blind (first run ",
                  "doses, split test3 (labelled blind (first run P 0.706, R 0.720), since used for error analysis)",
                  "doses, split test4 (labelled blind, studies with no other labelled text (first run ",
                  "doses, split test5 (labelled blind, dose texts of studies with other labelled texts (first run "
                  "P 0.841, R 0.841), since used for error analysis)",
                  "doses, split test6 (labelled blind, every remaining amount text of the corpus (first run "
                  "P 0.768, R 0.738), since used for error analysis)",
                  "cells, split test (held out): "):
        assert title in result.output
    assert "  fvc " in result.output and "  route " in result.output and "  accuracy " in result.output
