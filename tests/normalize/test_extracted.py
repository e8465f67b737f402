"""criterion_thresholds, intervention_doses and cell_therapies: inline cases and NCT07118319."""

from __future__ import annotations

import json

import polars as pl
import pytest

from pipeline.normalize import eligibility, intervention_texts, normalize
from pipeline.normalize.source import Study
from tests.conftest import FIXTURES
from tests.normalize.cases import record, rows

CRITERIA = (
    "Inclusion Criteria:\n\n* Age 18 to 65 years\n* ECOG 0 or 1\n\n"
    "Exclusion Criteria:\n\n* Pregnancy\n* ALT or AST \\> 3 x ULN"
)

ARMS_MODULE = {
    "armGroups": [
        {"label": "Low dose", "description": "MSC 1 x 10^6 cells/kg intravenously, once",
         "interventionNames": ["Biological: MSC"]},
        {"label": "1 x 10^8 cells", "description": "Intrathecal injection every 3 months for a total of 4 injections",
         "interventionNames": ["Biological: MSC"]},
        {"label": "Placebo", "description": "Saline intravenously, once", "interventionNames": ["Drug: Placebo"]},
        {"label": "Combination", "description": "MSC 2 x 10^6 cells/kg with placebo",
         "interventionNames": ["Biological: MSC", "Drug: Placebo"]},
        {"label": "NK arm", "description": "NK510 (allogeneic natural killer cells) 1×10\\^9 NK cells/dose "
         "intravenously, once a week for a total of six weeks", "interventionNames": ["Biological: NK510"]},
    ],
    "interventions": [
        {"type": "BIOLOGICAL", "name": "MSC", "description": "Autologous bone marrow mesenchymal stem cells",
         "armGroupLabels": ["Low dose", "1 x 10^8 cells", "Combination"]},
        {"type": "DRUG", "name": "Placebo", "description": "Saline", "armGroupLabels": ["Placebo", "Combination"]},
        {"type": "BIOLOGICAL", "name": "NK510", "description": "Given as described in the arm",
         "armGroupLabels": ["NK arm"]},
    ],
}


@pytest.fixture(scope="module")
def texts():
    return intervention_texts.tables([record(armsInterventionsModule=ARMS_MODULE)])


@pytest.fixture(scope="module")
def flagship_tables():
    data = json.loads((FIXTURES / "NCT07118319.json").read_text())
    return normalize([Study("NCT07118319", data)])


# --- criterion_thresholds ----------------------------------------------------------------------


def test_thresholds_join_their_criterion_and_keep_the_stated_operator():
    got = eligibility.tables([record(eligibilityModule={"eligibilityCriteria": CRITERIA})])
    assert rows(got["criterion_thresholds"]) == [
        ("NCT00000001", "inclusion", 1, 1, "age", "between", 18.0, 65.0, "years", "Age 18 to 65 years"),
        ("NCT00000001", "inclusion", 2, 1, "ecog", "between", 0.0, 1.0, "points", "ECOG 0 or 1"),
        ("NCT00000001", "exclusion", 2, 1, "alt", ">", 3.0, None, "x ULN", "ALT or AST > 3 x ULN"),
        ("NCT00000001", "exclusion", 2, 2, "ast", ">", 3.0, None, "x ULN", "ALT or AST > 3 x ULN"),
    ]
    criteria = got["eligibility_criteria"]
    joined = got["criterion_thresholds"].join(
        criteria, left_on=["nct_id", "section", "criterion_ordinal"], right_on=["nct_id", "section", "ordinal"],
        how="anti",
    )
    assert joined.is_empty()


def test_no_criteria_text_gives_no_thresholds():
    got = eligibility.tables([record(eligibilityModule={"sex": "ALL"})])
    assert got["criterion_thresholds"].is_empty()


# --- intervention_doses ------------------------------------------------------------------------


def test_an_arm_dose_names_its_intervention_only_when_the_arm_links_to_one(texts):
    doses = texts["intervention_doses"].filter(pl.col("value").is_not_null())
    assert doses.select("arm_ordinal", "intervention_ordinal", "value", "per").rows() == [
        (1, 1, 1e6, "kg"),
        (2, 1, 1e8, None),
        (4, None, 2e6, "kg"),  # "Combination" links to MSC and Placebo
        (5, 3, 1e9, "dose"),
    ]


def test_an_arm_label_amount_takes_the_schedule_and_route_of_its_description(texts):
    arm2 = texts["intervention_doses"].filter(pl.col("arm_ordinal") == 2)
    assert arm2.drop("nct_id").rows() == [
        (2, 1, 1, "arm.label", 1e8, None, "cells", None, 4, "3 months", "intrathecal", "1 x 10^8 cells", 3 * 30.4375),
    ]


def test_an_arm_without_an_amount_keeps_its_schedule_row(texts):
    arm3 = texts["intervention_doses"].filter(pl.col("arm_ordinal") == 3)
    assert arm3.drop("nct_id").rows() == [
        (3, 2, 1, "arm.description", None, None, None, None, 1, None, "intravenous", "intravenously, once", None),
    ]


def test_spans_lose_their_markdown_escapes(texts):
    nk = texts["intervention_doses"].filter(pl.col("arm_ordinal") == 5)
    assert nk.select("span", "number_of_doses", "interval", "route", "interval_days").rows() == [
        ("1×10^9 NK cells/dose", 6, "1 week", "intravenous", 7.0)]


# --- cell_therapies ------------------------------------------------------------------------------


def test_cell_products_are_classified_and_drugs_are_not(texts):
    assert rows(texts["cell_therapies"]) == [
        ("NCT00000001", 1, "msc", "autologous", "bone_marrow", False),
        ("NCT00000001", 3, "nk", "allogeneic", "unknown", False),  # code name read through its arm
    ]


def test_no_arms_module_gives_no_extracted_rows():
    got = intervention_texts.tables([record()])
    assert {name: frame.height for name, frame in got.items()} == {"intervention_doses": 0, "cell_therapies": 0}


def test_a_description_that_is_not_text_is_an_error():
    module = {"interventions": [{"type": "DRUG", "name": "X", "description": ["10 mg"]}]}
    with pytest.raises(TypeError, match="intervention.description should be a string"):
        intervention_texts.tables([record(armsInterventionsModule=module)])


# --- NCT07118319 -------------------------------------------------------------------------------


def test_flagship_thresholds(flagship_tables):
    assert flagship_tables["criterion_thresholds"].drop("nct_id", "span").rows() == [
        ("inclusion", 1, 1, "age", "between", 18.0, 75.0, "years"),
        ("inclusion", 3, 1, "fvc", ">=", 70.0, None, "%"),
        ("exclusion", 2, 1, "bmi", "<", 18.5, None, "kg/m2"),
    ]


def test_flagship_doses(flagship_tables):
    assert flagship_tables["intervention_doses"].drop("nct_id", "span").rows() == [
        (1, None, 1, "arm.label", 5.0e7, None, "cells", "dose", None, None, "intrathecal", None),
        (2, None, 1, "arm.label", 1.0e8, None, "cells", "dose", None, None, "intrathecal", None),
        (None, 1, 1, "intervention.description", None, None, None, None, 1, None, None, None),
        (None, 2, 1, "intervention.description", None, None, None, None, 4, "2 weeks", None, 14.0),
    ]


def test_flagship_cell_therapies(flagship_tables):
    assert rows(flagship_tables["cell_therapies"]) == [
        ("NCT07118319", 1, "motor_neuron_progenitor", "allogeneic", "ipsc", False),
        ("NCT07118319", 2, "motor_neuron_progenitor", "allogeneic", "ipsc", False),
    ]
