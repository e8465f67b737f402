"""outcomeMeasuresModule -> outcome_measures, outcome_groups, outcome_classes, outcome_categories,
outcome_measurements, outcome_denom_counts, outcome_analyses."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipeline.normalize import results_outcomes
from pipeline.normalize.source import Study
from tests.normalize.corpus_check import arr, batches, check_table, nct, py_number, record


def _analysis(p_value: str | None, **extra) -> dict:
    return {"groupIds": ["OG000", "OG001"], "pValue": p_value, "statisticalMethod": "ANCOVA", **extra}


MEASURE = {
    "type": "PRIMARY",
    "title": "Change in ALSFRS-R",
    "description": "Score \\>= 40",
    "reportingStatus": "POSTED",
    "paramType": "MEAN",
    "dispersionType": "95% Confidence Interval",
    "unitOfMeasure": "points",
    "timeFrame": "24 weeks",
    "groups": [{"id": "OG000", "title": "Drug"}, {"id": "OG001", "title": "Placebo"}],
    "denoms": [{"units": "Participants", "counts": [{"groupId": "OG000", "value": "20"},
                                                   {"groupId": "OG001", "value": "0"}]}],
    "classes": [{"categories": [{"measurements": [
        {"groupId": "OG000", "value": "-2.5", "lowerLimit": "-4.1", "upperLimit": "-0.9"},
        {"groupId": "OG001", "value": "NA", "lowerLimit": "NA", "upperLimit": "NA",
         "comment": "No participants analyzed"},
    ]}]}],
    "analyses": [
        _analysis("<0.001", paramType="Mean Difference", paramValue="1.6", ciPctValue="95", ciNumSides="TWO_SIDED",
                  ciLowerLimit="0.4", ciUpperLimit="2.8", testedNonInferiority=False,
                  estimateComment="Adjusted for age \\<= 65"),
        _analysis("0.05"),
        _analysis("NA"),
        _analysis("≤0.05"),
        _analysis("=0.247"),
    ],
}
NOT_POSTED = {"type": "SECONDARY", "title": "Survival", "reportingStatus": "NOT_POSTED",
              "anticipatedPostingDate": "2027-09"}


def _tables(*measures: dict) -> dict:
    module = {"outcomeMeasures": list(measures)}
    return results_outcomes.tables([Study("NCT00000001", {"resultsSection": {"outcomeMeasuresModule": module}})])


def test_measures_with_type_status_and_anticipated_posting_date():
    t = _tables(MEASURE, NOT_POSTED)
    assert t["outcome_measures"].select(
        "ordinal", "type", "description", "reporting_status", "anticipated_posting_date",
        "anticipated_posting_date_precision", "dispersion_type", "time_frame",
    ).rows() == [
        (1, "PRIMARY", "Score >= 40", "POSTED", None, None, "95% Confidence Interval", "24 weeks"),
        (2, "SECONDARY", None, "NOT_POSTED", dt.date(2027, 9, 1), "month", None, None),
    ]


def test_groups_belong_to_their_measure():
    t = _tables(MEASURE, {"title": "Other", "groups": [{"id": "OG000", "title": "All"}]})
    assert t["outcome_groups"].select("outcome_ordinal", "ordinal", "group_id", "title").rows() == [
        (1, 1, "OG000", "Drug"), (1, 2, "OG001", "Placebo"), (2, 1, "OG000", "All")]


def test_a_measurement_na_is_null_with_its_text_and_comment_kept():
    t = _tables(MEASURE)
    assert t["outcome_measurements"].select(
        "group_id", "value", "value_text", "lower_limit", "lower_limit_text", "upper_limit", "comment"
    ).rows() == [
        ("OG000", -2.5, "-2.5", -4.1, "-4.1", -0.9, None),
        ("OG001", None, "NA", None, "NA", None, "No participants analyzed"),
    ]
    assert t["outcome_denom_counts"].select("class_ordinal", "group_id", "count").rows() == [
        (None, "OG000", 20), (None, "OG001", 0)]


def test_p_values_split_into_number_and_operator():
    t = _tables(MEASURE)
    assert t["outcome_analyses"].select("ordinal", "p_value", "p_value_operator", "p_value_text").rows() == [
        (1, 0.001, "<", "<0.001"),
        (2, 0.05, None, "0.05"),
        (3, None, None, "NA"),
        (4, 0.05, "<=", "≤0.05"),
        (5, 0.247, "=", "=0.247"),
    ]


def test_an_analysis_keeps_every_field():
    first = _tables(MEASURE)["outcome_analyses"].row(0, named=True)
    assert first == {
        "nct_id": "NCT00000001", "outcome_ordinal": 1, "ordinal": 1, "group_ids": ["OG000", "OG001"],
        "group_description": None, "param_type": "Mean Difference", "param_value": 1.6, "param_value_text": "1.6",
        "dispersion_type": None, "dispersion_value": None, "dispersion_value_text": None,
        "statistical_method": "ANCOVA", "statistical_comment": None,
        "p_value": 0.001, "p_value_operator": "<", "p_value_text": "<0.001", "p_value_comment": None,
        "ci_num_sides": "TWO_SIDED", "ci_pct_value": 95.0, "ci_pct_value_text": "95",
        "ci_lower_limit": 0.4, "ci_lower_limit_text": "0.4", "ci_upper_limit": 2.8, "ci_upper_limit_text": "2.8",
        "ci_lower_limit_comment": None, "ci_upper_limit_comment": None,
        "estimate_comment": "Adjusted for age <= 65", "is_non_inferiority_tested": False,
        "non_inferiority_type": None, "non_inferiority_comment": None, "other_analysis_description": None,
    }


def test_group_ids_given_as_a_string_fail_the_study():
    with pytest.raises(TypeError, match="groupIds should be an array of strings"):
        _tables({"analyses": [{"groupIds": "OG000"}]})


# -- corpus tier ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_a_real_outcome_with_its_analysis_nct02513394():
    _, t = record("NCT02513394")
    assert t["outcome_measures"].height == 5
    assert t["outcome_measurements"].filter(outcome_ordinal=1).select("group_id", "value").rows() == [
        ("OG000", 84.2), ("OG001", 84.5)]
    analysis = t["outcome_analyses"].filter(outcome_ordinal=1).row(0, named=True)
    assert (analysis["param_type"], analysis["param_value"], analysis["p_value"]) == ("Hazard Ratio (HR)", 0.96, 0.65)
    assert (analysis["ci_lower_limit"], analysis["ci_upper_limit"], analysis["group_ids"]) == (0.81, 1.14,
                                                                                             ["OG000", "OG001"])
    assert analysis["estimate_comment"].endswith("(<=50 vs >50).")


def _measures(raw: dict):
    module = (raw.get("resultsSection") or {}).get("outcomeMeasuresModule") or {}
    return enumerate(arr(module, "outcomeMeasures"), 1)


def _categories(raw):
    for o, measure in _measures(raw):
        for c, klass in enumerate(arr(measure, "classes"), 1):
            for k, category in enumerate(arr(klass, "categories"), 1):
                yield o, c, k, category


def _denoms(raw):
    for o, measure in _measures(raw):
        owners = [(None, measure), *enumerate(arr(measure, "classes"), 1)]
        for c, owner in owners:
            for d, denom in enumerate(arr(owner, "denoms"), 1):
                for i, count in enumerate(arr(denom, "counts"), 1):
                    yield (nct(raw), o, c, d, denom.get("units"), i, count.get("groupId"), count.get("value"))


CORPUS = {
    "outcome_measures": (
        ["nct_id", "ordinal", "type", "title", "reporting_status", "param_type", "unit_of_measure", "time_frame"],
        lambda raw: [(nct(raw), o, m.get("type"), m.get("title"), m.get("reportingStatus"), m.get("paramType"),
                      m.get("unitOfMeasure"), m.get("timeFrame")) for o, m in _measures(raw)],
    ),
    "outcome_groups": (
        ["nct_id", "outcome_ordinal", "ordinal", "group_id", "title"],
        lambda raw: [(nct(raw), o, i, g.get("id"), g.get("title"))
                     for o, m in _measures(raw) for i, g in enumerate(arr(m, "groups"), 1)],
    ),
    "outcome_classes": (
        ["nct_id", "outcome_ordinal", "ordinal", "title"],
        lambda raw: [(nct(raw), o, c, k.get("title")) for o, m in _measures(raw)
                     for c, k in enumerate(arr(m, "classes"), 1)],
    ),
    "outcome_categories": (
        ["nct_id", "outcome_ordinal", "class_ordinal", "ordinal", "title"],
        lambda raw: [(nct(raw), o, c, k, category.get("title")) for o, c, k, category in _categories(raw)],
    ),
    "outcome_measurements": (
        ["nct_id", "outcome_ordinal", "class_ordinal", "category_ordinal", "ordinal", "group_id",
         "value_text", "spread_text", "lower_limit_text", "upper_limit_text"],
        lambda raw: [(nct(raw), o, c, k, i, x.get("groupId"), x.get("value"), x.get("spread"),
                      x.get("lowerLimit"), x.get("upperLimit"))
                     for o, c, k, category in _categories(raw) for i, x in enumerate(arr(category, "measurements"), 1)],
    ),
    "outcome_denom_counts": (
        ["nct_id", "outcome_ordinal", "class_ordinal", "denom_ordinal", "units", "ordinal", "group_id", "count_text"],
        lambda raw: list(_denoms(raw)),
    ),
    "outcome_analyses": (
        ["nct_id", "outcome_ordinal", "ordinal", "group_ids", "param_type", "param_value_text",
         "dispersion_value_text", "statistical_method", "p_value_text", "ci_num_sides", "ci_pct_value_text",
         "ci_lower_limit_text", "ci_upper_limit_text", "non_inferiority_type"],
        lambda raw: [(nct(raw), o, i, tuple(a["groupIds"]) if a.get("groupIds") is not None else None, a.get("paramType"),
                      a.get("paramValue"), a.get("dispersionValue"), a.get("statisticalMethod"), a.get("pValue"),
                      a.get("ciNumSides"), a.get("ciPctValue"), a.get("ciLowerLimit"), a.get("ciUpperLimit"),
                      a.get("nonInferiorityType"))
                     for o, m in _measures(raw) for i, a in enumerate(arr(m, "analyses"), 1)],
    ),
}


@pytest.mark.corpus
@pytest.mark.parametrize("table", list(CORPUS))
def test_every_corpus_record_matches_its_json(table):
    columns, rows = CORPUS[table]
    assert check_table(table, columns, rows) > 0


@pytest.mark.corpus
def test_every_corpus_p_value_is_its_text_without_the_comparison():
    for _, frames in batches():
        rows = frames["outcome_analyses"].filter(pl.col("p_value_text").is_not_null())
        for value, operator, text in rows.select("p_value", "p_value_operator", "p_value_text").rows():
            bare = text.lstrip("<>=≤≥ ")
            assert value == py_number(bare), text
            assert (operator or "") + bare == text.replace("≤", "<=").replace("≥", ">=").replace(" ", ""), text
