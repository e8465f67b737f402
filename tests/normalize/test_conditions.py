"""conditionsModule -> conditions and keywords."""

from __future__ import annotations

import pytest

from pipeline.normalize import conditions
from tests.normalize.cases import record, rows


def test_keywords_in_array_order():
    got = conditions.tables([record(conditionsModule={"conditions": ["ALS"], "keywords": ["iPSC", "motor neuron"]})])
    assert rows(got["keywords"]) == [("NCT00000001", 1, "iPSC"), ("NCT00000001", 2, "motor neuron")]
    assert rows(got["conditions"]) == [("NCT00000001", 1, "ALS")]


def test_no_keywords_gives_no_rows():
    assert conditions.tables([record(conditionsModule={"conditions": ["ALS"]})])["keywords"].height == 0


def test_keywords_as_a_string_raise():
    with pytest.raises(TypeError, match="keywords"):
        conditions.tables([record(conditionsModule={"keywords": "iPSC"})])
