"""oversightModule -> DMC and FDA flags on studies."""

from __future__ import annotations

from pipeline.normalize import oversight
from tests.normalize.cases import record


def test_every_flag_maps_to_its_column():
    module = {"oversightHasDmc": True, "isFdaRegulatedDrug": False, "isFdaRegulatedDevice": True,
              "isUnapprovedDevice": True, "isPpsd": False, "isUsExport": True, "fdaaa801Violation": True}
    assert oversight.study_columns([record(oversightModule=module)]).row(0, named=True) == {
        "has_dmc": True,
        "is_fda_regulated_drug": False,
        "is_fda_regulated_device": True,
        "is_unapproved_device": True,
        "is_ppsd": False,
        "is_us_export": True,
        "fdaaa801_violation": True,
    }


def test_flags_left_out_are_null_not_false():
    got = oversight.study_columns([record(oversightModule={"oversightHasDmc": False})]).row(0, named=True)
    assert got["has_dmc"] is False
    assert got["is_fda_regulated_drug"] is None
