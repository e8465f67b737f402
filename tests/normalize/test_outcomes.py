"""outcomesModule -> outcomes."""

from __future__ import annotations

import pytest

from pipeline.normalize import outcomes
from tests.normalize.cases import record, rows


def outcome_rows(module: dict):
    return rows(outcomes.tables([record(outcomesModule=module)])["outcomes"])


def test_each_kind_is_numbered_on_its_own():
    module = {
        "primaryOutcomes": [{"measure": "Adverse events", "description": "CTCAE \\>= grade 3",
                             "timeFrame": "6 months"}],
        "secondaryOutcomes": [{"measure": "ALSFRS-R", "timeFrame": "Baseline, 6 months"},
                              {"measure": "FVC %", "timeFrame": "6 months"}],
        "otherOutcomes": [{"measure": "NfL", "timeFrame": "12 months"}],
    }
    assert outcome_rows(module) == [
        ("NCT00000001", "primary", 1, "Adverse events", "CTCAE >= grade 3", "6 months"),
        ("NCT00000001", "secondary", 1, "ALSFRS-R", None, "Baseline, 6 months"),
        ("NCT00000001", "secondary", 2, "FVC %", None, "6 months"),
        ("NCT00000001", "other", 1, "NfL", None, "12 months"),
    ]


def test_no_outcomes_module_gives_no_rows():
    assert outcome_rows({}) == []


def test_an_outcome_that_is_a_string_raises():
    with pytest.raises(AttributeError):
        outcome_rows({"primaryOutcomes": ["Adverse events"]})
