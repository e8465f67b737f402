"""participantFlowModule -> flow_groups, flow_periods, flow_milestones, flow_milestone_counts,
flow_drop_withdraws, flow_drop_withdraw_counts."""

from __future__ import annotations

import pytest

from pipeline.normalize import results_flow
from pipeline.normalize.source import Study
from tests.normalize.corpus_check import arr, check_table, nct, record

FLOW = {
    "recruitmentDetails": "Recruited in clinics",
    "groups": [
        {"id": "FG000", "title": "Drug", "description": "10 mg \\<daily\\>"},
        {"id": "FG001", "title": "Placebo"},
    ],
    "periods": [
        {
            "title": "Overall Study",
            "milestones": [
                {"type": "STARTED", "achievements": [
                    {"groupId": "FG000", "numSubjects": "1,204", "numUnits": "40"},
                    {"groupId": "FG001", "numSubjects": "NA", "comment": "not counted \\*"},
                ]},
                {"type": "COMPLETED", "comment": "All \\#1", "achievements": []},
            ],
            "dropWithdraws": [
                {"type": "Lost to Follow-up", "reasons": [{"groupId": "FG000", "numSubjects": "3"}]},
            ],
        },
        {"title": "Extension"},
    ],
}


def _tables(flow: dict) -> dict:
    return results_flow.tables([Study("NCT00000001", {"resultsSection": {"participantFlowModule": flow}})])


def test_groups_periods_and_milestones_keep_order_ids_and_unescaped_text():
    t = _tables(FLOW)
    assert t["flow_groups"].rows() == [
        ("NCT00000001", 1, "FG000", "Drug", "10 mg <daily>"),
        ("NCT00000001", 2, "FG001", "Placebo", None),
    ]
    assert t["flow_periods"].rows() == [("NCT00000001", 1, "Overall Study"), ("NCT00000001", 2, "Extension")]
    assert t["flow_milestones"].rows() == [
        ("NCT00000001", 1, 1, "STARTED", None),
        ("NCT00000001", 1, 2, "COMPLETED", "All #1"),
    ]


def test_counts_are_numbers_with_their_text_kept():
    t = _tables(FLOW)
    assert t["flow_milestone_counts"].rows() == [
        ("NCT00000001", 1, 1, 1, "FG000", 1204, "1,204", 40, "40", None),
        ("NCT00000001", 1, 1, 2, "FG001", None, "NA", None, None, "not counted *"),
    ]
    assert t["flow_drop_withdraws"].rows() == [("NCT00000001", 1, 1, "Lost to Follow-up", None)]
    assert t["flow_drop_withdraw_counts"].rows() == [("NCT00000001", 1, 1, 1, "FG000", 3, "3", None, None, None)]


def test_a_study_without_results_has_no_rows():
    t = results_flow.tables([Study("NCT00000002", {"protocolSection": {}})])
    assert all(frame.height == 0 for frame in t.values())


def test_a_string_where_periods_belong_fails_the_study():
    with pytest.raises(TypeError, match="periods should be an array"):
        _tables({"periods": "Overall Study"})


# -- corpus tier ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_a_real_flow_nct02513394():
    _, t = record("NCT02513394")
    assert t["flow_groups"]["group_id"].to_list() == ["FG000", "FG001"]
    counts = t["flow_milestone_counts"].filter(milestone_ordinal=1)
    assert counts.select("group_id", "num_subjects").rows() == [("FG000", 2896), ("FG001", 2900)]
    reasons = t["flow_drop_withdraws"].join(t["flow_drop_withdraw_counts"], left_on=["period_ordinal", "ordinal"],
                                            right_on=["period_ordinal", "drop_withdraw_ordinal"])
    assert reasons.filter(type="Withdrawal by Subject").select("group_id", "num_subjects").rows() == [
        ("FG000", 11), ("FG001", 23)]


def _flow(raw: dict) -> dict:
    return (raw.get("resultsSection") or {}).get("participantFlowModule") or {}


def _periods(raw):
    return enumerate(arr(_flow(raw), "periods"), 1)


CORPUS = {
    "flow_groups": (
        ["nct_id", "ordinal", "group_id", "title"],
        lambda raw: [(nct(raw), i, g.get("id"), g.get("title")) for i, g in enumerate(arr(_flow(raw), "groups"), 1)],
    ),
    "flow_periods": (
        ["nct_id", "ordinal", "title"],
        lambda raw: [(nct(raw), p, period.get("title")) for p, period in _periods(raw)],
    ),
    "flow_milestones": (
        ["nct_id", "period_ordinal", "ordinal", "type"],
        lambda raw: [(nct(raw), p, m, ms.get("type"))
                     for p, period in _periods(raw) for m, ms in enumerate(arr(period, "milestones"), 1)],
    ),
    "flow_milestone_counts": (
        ["nct_id", "period_ordinal", "milestone_ordinal", "ordinal", "group_id", "num_subjects_text", "num_units_text"],
        lambda raw: [(nct(raw), p, m, i, a.get("groupId"), a.get("numSubjects"), a.get("numUnits"))
                     for p, period in _periods(raw) for m, ms in enumerate(arr(period, "milestones"), 1)
                     for i, a in enumerate(arr(ms, "achievements"), 1)],
    ),
    "flow_drop_withdraws": (
        ["nct_id", "period_ordinal", "ordinal", "type"],
        lambda raw: [(nct(raw), p, d, dw.get("type"))
                     for p, period in _periods(raw) for d, dw in enumerate(arr(period, "dropWithdraws"), 1)],
    ),
    "flow_drop_withdraw_counts": (
        ["nct_id", "period_ordinal", "drop_withdraw_ordinal", "ordinal", "group_id", "num_subjects_text"],
        lambda raw: [(nct(raw), p, d, i, r.get("groupId"), r.get("numSubjects"))
                     for p, period in _periods(raw) for d, dw in enumerate(arr(period, "dropWithdraws"), 1)
                     for i, r in enumerate(arr(dw, "reasons"), 1)],
    ),
}


@pytest.mark.corpus
@pytest.mark.parametrize("table", list(CORPUS))
def test_every_corpus_record_matches_its_json(table):
    columns, rows = CORPUS[table]
    assert check_table(table, columns, rows) > 0
