"""baselineCharacteristicsModule -> baseline_groups, baseline_measures, baseline_classes,
baseline_categories, baseline_measurements, baseline_denom_counts."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.normalize import results_baseline
from pipeline.normalize.source import Study
from tests.normalize.corpus_check import arr, check_table, nct, record

BASELINE = {
    "populationDescription": "All randomized",
    "groups": [{"id": "BG000", "title": "Drug"}, {"id": "BG001", "title": "Total", "description": "All \\*groups"}],
    "denoms": [{"units": "Participants", "counts": [{"groupId": "BG000", "value": "12"},
                                                   {"groupId": "BG001", "value": "1,012"}]}],
    "measures": [
        {
            "title": "Age",
            "paramType": "MEAN",
            "dispersionType": "STANDARD_DEVIATION",
            "unitOfMeasure": "years",
            "classes": [{"categories": [{"measurements": [
                {"groupId": "BG000", "value": "54.2", "spread": ".9"},
                {"groupId": "BG001", "value": "NA", "comment": "Not collected \\(site closed\\)"},
            ]}]}],
        },
        {
            "title": "Sex",
            "paramType": "COUNT_OF_PARTICIPANTS",
            "calculatePct": True,
            "denoms": [{"units": "Participants", "counts": [{"groupId": "BG000", "value": "11"}]}],
            "classes": [{
                "title": "Region",
                "denoms": [{"units": "Participants", "counts": [{"groupId": "BG000", "value": "10"}]}],
                "categories": [
                    {"title": "Female", "measurements": [{"groupId": "BG000", "value": "26,300",
                                                          "lowerLimit": "-1.5", "upperLimit": "2e3"}]},
                    {"title": "Male", "measurements": []},
                ],
            }],
        },
    ],
}


def _tables() -> dict:
    return results_baseline.tables([Study("NCT00000001", {"resultsSection": {"baselineCharacteristicsModule": BASELINE}})])


def test_groups_and_measures():
    t = _tables()
    assert t["baseline_groups"].rows() == [
        ("NCT00000001", 1, "BG000", "Drug", None),
        ("NCT00000001", 2, "BG001", "Total", "All *groups"),
    ]
    assert t["baseline_measures"].select("ordinal", "title", "param_type", "is_pct_calculated").rows() == [
        (1, "Age", "MEAN", None),
        (2, "Sex", "COUNT_OF_PARTICIPANTS", True),
    ]


def test_classes_and_categories_keep_their_position_even_untitled():
    t = _tables()
    assert t["baseline_classes"].rows() == [("NCT00000001", 1, 1, None), ("NCT00000001", 2, 1, "Region")]
    assert t["baseline_categories"].rows() == [
        ("NCT00000001", 1, 1, 1, None),
        ("NCT00000001", 2, 1, 1, "Female"),
        ("NCT00000001", 2, 1, 2, "Male"),
    ]


def test_measurements_are_numbers_next_to_their_text():
    t = _tables()
    assert t["baseline_measurements"].drop("nct_id").rows() == [
        (1, 1, 1, 1, "BG000", 54.2, "54.2", 0.9, ".9", None, None, None, None, None),
        (1, 1, 1, 2, "BG001", None, "NA", None, None, None, None, None, None, "Not collected (site closed)"),
        (2, 1, 1, 1, "BG000", 26300.0, "26,300", None, None, -1.5, "-1.5", 2000.0, "2e3", None),
    ]


def test_denominators_of_the_module_a_measure_and_a_class():
    t = _tables()
    assert t["baseline_denom_counts"].drop("nct_id").rows() == [
        (None, None, 1, "Participants", 1, "BG000", 12, "12"),
        (None, None, 1, "Participants", 2, "BG001", 1012, "1,012"),
        (2, None, 1, "Participants", 1, "BG000", 11, "11"),
        (2, 1, 1, "Participants", 1, "BG000", 10, "10"),
    ]


def test_a_measure_given_as_a_string_fails_the_study():
    bad = {"measures": [{"title": "Age", "classes": {"title": "not an array"}}]}
    with pytest.raises(TypeError, match="classes should be an array"):
        results_baseline.tables([Study("NCT00000001", {"resultsSection": {"baselineCharacteristicsModule": bad}})])


# -- corpus tier ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_a_real_baseline_nct00712335():
    raw, t = record("NCT00712335")
    module = raw["resultsSection"]["baselineCharacteristicsModule"]
    assert t["baseline_groups"]["group_id"].to_list() == [g["id"] for g in module["groups"]]
    total = t["baseline_denom_counts"].filter(pl.col("measure_ordinal").is_null(), group_id="BG005")
    assert total.select("units", "count").rows() == [("Participants", 105)]


def _module(raw: dict) -> dict:
    return (raw.get("resultsSection") or {}).get("baselineCharacteristicsModule") or {}


def _categories(raw):
    for m, measure in enumerate(arr(_module(raw), "measures"), 1):
        for c, klass in enumerate(arr(measure, "classes"), 1):
            for k, category in enumerate(arr(klass, "categories"), 1):
                yield m, c, k, category


def _denoms(raw):
    owners = [(None, None, _module(raw))]
    for m, measure in enumerate(arr(_module(raw), "measures"), 1):
        owners.append((m, None, measure))
        owners += [(m, c, klass) for c, klass in enumerate(arr(measure, "classes"), 1)]
    for m, c, owner in owners:
        for d, denom in enumerate(arr(owner, "denoms"), 1):
            for i, count in enumerate(arr(denom, "counts"), 1):
                yield (nct(raw), m, c, d, denom.get("units"), i, count.get("groupId"), count.get("value"))


CORPUS = {
    "baseline_groups": (
        ["nct_id", "ordinal", "group_id", "title"],
        lambda raw: [(nct(raw), i, g.get("id"), g.get("title")) for i, g in enumerate(arr(_module(raw), "groups"), 1)],
    ),
    "baseline_measures": (
        ["nct_id", "ordinal", "title", "param_type", "dispersion_type", "unit_of_measure"],
        lambda raw: [(nct(raw), i, m.get("title"), m.get("paramType"), m.get("dispersionType"), m.get("unitOfMeasure"))
                     for i, m in enumerate(arr(_module(raw), "measures"), 1)],
    ),
    "baseline_classes": (
        ["nct_id", "measure_ordinal", "ordinal", "title"],
        lambda raw: [(nct(raw), m, c, klass.get("title"))
                     for m, measure in enumerate(arr(_module(raw), "measures"), 1)
                     for c, klass in enumerate(arr(measure, "classes"), 1)],
    ),
    "baseline_categories": (
        ["nct_id", "measure_ordinal", "class_ordinal", "ordinal", "title"],
        lambda raw: [(nct(raw), m, c, k, category.get("title")) for m, c, k, category in _categories(raw)],
    ),
    "baseline_measurements": (
        ["nct_id", "measure_ordinal", "class_ordinal", "category_ordinal", "ordinal", "group_id",
         "value_text", "spread_text", "lower_limit_text", "upper_limit_text"],
        lambda raw: [(nct(raw), m, c, k, i, x.get("groupId"), x.get("value"), x.get("spread"),
                      x.get("lowerLimit"), x.get("upperLimit"))
                     for m, c, k, category in _categories(raw) for i, x in enumerate(arr(category, "measurements"), 1)],
    ),
    "baseline_denom_counts": (
        ["nct_id", "measure_ordinal", "class_ordinal", "denom_ordinal", "units", "ordinal", "group_id", "count_text"],
        lambda raw: list(_denoms(raw)),
    ),
}


@pytest.mark.corpus
@pytest.mark.parametrize("table", list(CORPUS))
def test_every_corpus_record_matches_its_json(table):
    columns, rows = CORPUS[table]
    assert check_table(table, columns, rows) > 0
