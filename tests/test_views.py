"""sql/views: eligible_ranges and arm_cell_doses on loaded studies (real DuckDB, load_local)."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.landing import land_or_reject
from pipeline.run import load_local
from tests.support.study_dicts import study

RANGES = ("select measure, unit, lower_value, is_lower_inclusive, upper_value, is_upper_inclusive,"
          " has_other_units, is_empty_range, threshold_count from eligible_ranges where nct_id = $id order by measure, unit")
CELL_DOSES = ("select arm_ordinal, intervention_ordinal, cells_per_dose, number_of_doses, interval, route, total_cells,"
              " dose_from, schedule_from from arm_cell_doses where nct_id = $id")


def load(path, *studies) -> duckdb.DuckDBPyConnection:
    summary = load_local([[land_or_reject(s) for s in studies]], path, command="test", parameters={})
    assert summary.quarantined == 0
    return duckdb.connect(str(path), read_only=True)


@pytest.fixture
def flagship_con(flagship, warehouse_path):
    with load(warehouse_path, flagship) as con:
        yield con


def test_flagship_eligible_ranges(flagship_con):
    assert flagship_con.execute(RANGES, {"id": "NCT07118319"}).fetchall() == [
        ("age", "years", 18.0, True, 75.0, True, False, False, 1),
        ("bmi", "kg/m2", 18.5, True, None, None, False, False, 1),  # exclusion "BMI < 18.5"
        ("fvc", "%", 70.0, True, None, None, False, False, 1),
    ]


def test_flagship_total_cells_per_arm_and_regimen(flagship_con):
    assert flagship_con.execute(CELL_DOSES + " order by arm_ordinal, total_cells", {"id": "NCT07118319"}).fetchall() == [
        (1, 1, 5.0e7, 1, None, "intrathecal", 5.0e7, "arm", "intervention"),
        (1, 2, 5.0e7, 4, "2 weeks", "intrathecal", 2.0e8, "arm", "intervention"),
        (2, 1, 1.0e8, 1, None, "intrathecal", 1.0e8, "arm", "intervention"),
        (2, 2, 1.0e8, 4, "2 weeks", "intrathecal", 4.0e8, "arm", "intervention"),
    ]


CRITERIA = """Inclusion Criteria:

* Age >= 18 years
* Age 16 to 80 years
* BMI >= 20 kg/m2
* Serum creatinine <= 1.5 mg/dL

Exclusion Criteria:

* BMI > 35 kg/m2
* BMI <= 20 kg/m2
* Age > 75 years
* Serum creatinine > 130 µmol/L
* ALT between 2 and 3 x ULN
"""


def test_exclusions_are_inverted_and_bounds_tightened(warehouse_path):
    with load(warehouse_path, study("NCT00000009", eligibilityModule={"eligibilityCriteria": CRITERIA})) as con:
        got = con.execute(RANGES, {"id": "NCT00000009"}).fetchall()
    assert got == [
        # age >= 18, 16-80 and not > 75: [18, 75]
        ("age", "years", 18.0, True, 75.0, True, False, False, 3),
        # >= 20 (inclusion) and not <= 20 (exclusion): > 20 wins the tie; not > 35: <= 35
        ("bmi", "kg/m2", 20.0, False, 35.0, True, False, False, 3),
        # two units of one measure stay apart and say so
        ("creatinine", "mg/dL", None, None, 1.5, True, True, False, 1),
        ("creatinine", "umol/L", None, None, 130.0, True, True, False, 1),
        # an exclusion "between" leaves a hole, not a range: no row for alt
    ]


def test_cell_doses_from_an_arm_and_from_an_intervention(warehouse_path):
    module = {
        "armGroups": [
            {"label": "Low", "description": "2 x 10^7 cells intrathecally every 3 months for a total of 4 injections",
             "interventionNames": ["Biological: MSC"]},
            {"label": "Standard", "description": "MSC as described", "interventionNames": ["Biological: MSC-B"]},
            {"label": "Per kg", "description": "1 x 10^6 cells/kg intravenously, once",
             "interventionNames": ["Biological: MSC"]},
        ],
        "interventions": [
            {"type": "BIOLOGICAL", "name": "MSC", "description": "Autologous mesenchymal stem cells",
             "armGroupLabels": ["Low", "Per kg"]},
            {"type": "BIOLOGICAL", "name": "MSC-B", "description": "Allogeneic mesenchymal stem cells, "
             "60 million cells per injection, two injections one month apart", "armGroupLabels": ["Standard"]},
        ],
    }
    with load(warehouse_path, study("NCT00000010", armsInterventionsModule=module)) as con:
        got = con.execute(CELL_DOSES + " order by arm_ordinal", {"id": "NCT00000010"}).fetchall()
    assert got == [
        (1, 1, 2e7, 4, "3 months", "intrathecal", 8e7, "arm", "arm"),
        (2, 2, 6e7, 2, "1 month", None, 1.2e8, "intervention", "intervention"),
        # arm 3 gives cells per kg: no total without the body weight
    ]
