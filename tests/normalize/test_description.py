"""descriptionModule -> brief summary and detailed description on studies."""

from __future__ import annotations

from pipeline.normalize import description
from tests.normalize.cases import record


def test_detailed_description_has_its_markdown_escapes_undone():
    module = {"briefSummary": "Dose \\>= 5 mg", "detailedDescription": "1\\. Screening\n2\\. Dosing \\*daily\\*"}
    got = description.study_columns([record(descriptionModule=module)]).row(0, named=True)
    assert got == {"brief_summary": "Dose >= 5 mg", "detailed_description": "1. Screening\n2. Dosing *daily*"}


def test_no_detailed_description_is_null():
    got = description.study_columns([record(descriptionModule={"briefSummary": "x"})]).row(0, named=True)
    assert got["detailed_description"] is None
