"""armsInterventionsModule -> intervention_other_names (arms and their links are tested via the flagship)."""

from __future__ import annotations

from pipeline.normalize import arms
from tests.normalize.cases import record, rows


def test_other_names_carry_their_intervention_ordinal():
    module = {"interventions": [
        {"type": "DRUG", "name": "Pembrolizumab", "otherNames": ["MK-3475", "Keytruda"]},
        {"type": "DRUG", "name": "Placebo"},
        {"type": "DRUG", "name": "Riluzole", "otherNames": ["Rilutek"]},
    ]}
    assert rows(arms.tables([record(armsInterventionsModule=module)])["intervention_other_names"]) == [
        ("NCT00000001", 1, 1, "MK-3475"),
        ("NCT00000001", 1, 2, "Keytruda"),
        ("NCT00000001", 3, 1, "Rilutek"),
    ]


def test_no_arms_module_gives_no_rows():
    got = arms.tables([record()])
    assert {name: frame.height for name, frame in got.items()} == dict.fromkeys(got, 0)
