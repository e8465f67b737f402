"""Every section of NCT07118319's registry page answered by SQL from the warehouse."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from pipeline.landing import land_or_reject
from pipeline.run import load_local

PAGE_EXCLUSIONS = 21
DRUG = "Human Allogeneic Induced Pluripotent Stem Cells (iPSCs) -Derived Motor Neuron Progenitor Cells (XS228CN)"


@pytest.fixture
def con(flagship, warehouse_path):
    summary = load_local([[land_or_reject(flagship)]], warehouse_path, command="test", parameters={})
    assert summary.new == 1 and summary.quarantined == 0
    with duckdb.connect(str(warehouse_path), read_only=True) as connection:
        yield connection


def one(con, sql, params=None):
    rows = con.execute(sql, params or {}).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_basic_information(con):
    assert one(con, "select brief_title, overall_status, phases, enrollment, study_type from studies") == (
        "The Safety, Tolerability and Preliminary Efficacy of Derived Motor Neuron Progenitor Cells (XS228CN) "
        "in Subjects With Amyotrophic Lateral Sclerosis",
        "RECRUITING",
        ["PHASE1"],
        12,
        "INTERVENTIONAL",
    )


def test_dates_keep_their_precision(con):
    assert one(con, "select start_date, start_date_precision, completion_date, completion_date_precision,"
                    " last_update_posted_date, primary_completion_date from studies") == (
        dt.date(2025, 9, 15), "day", dt.date(2028, 9, 30), "day", dt.date(2025, 11, 21), None,
    )


def test_summary_and_condition(con):
    assert one(con, "select brief_summary from studies")[0].startswith(
        "A Phase I Study to Assess the Safety, Tolerability and Preliminary Efficacy")
    assert con.execute("select ordinal, name from conditions").fetchall() == [
        (1, "Amyotrophic Lateral Sclerosis (ALS)")]


def test_design(con):
    assert one(con, "select allocation, intervention_model, primary_purpose, masking from studies") == (
        "NON_RANDOMIZED", "SEQUENTIAL", "TREATMENT", "NONE")


def test_both_arms_with_their_dose_labels_and_route(con):
    assert con.execute("select ordinal, label, type, description from arms order by ordinal").fetchall() == [
        (1, "5.0×10^7 cells/person/dose", "EXPERIMENTAL", "intrathecal injection"),
        (2, "1.0×10^8 cells/person/dose", "EXPERIMENTAL", "intrathecal injection"),
    ]


def test_both_regimens_are_linked_to_both_arms(con):
    rows = con.execute(
        "select a.label, i.name, i.description from arm_interventions ai"
        " join arms a on a.nct_id = ai.nct_id and a.ordinal = ai.arm_ordinal"
        " join interventions i on i.nct_id = ai.nct_id and i.ordinal = ai.intervention_ordinal"
        " order by a.ordinal, i.ordinal"
    ).fetchall()
    assert rows == [
        ("5.0×10^7 cells/person/dose", DRUG, "Injection, once, 6 months"),
        ("5.0×10^7 cells/person/dose", DRUG, "Injection, every two weeks for four doses, 6 months"),
        ("1.0×10^8 cells/person/dose", DRUG, "Injection, once, 6 months"),
        ("1.0×10^8 cells/person/dose", DRUG, "Injection, every two weeks for four doses, 6 months"),
    ]
    assert one(con, "select count(*) from unmatched_arm_labels") == (0,)
    assert one(con, "select count(*), count(distinct type) from interventions where name = $n", {"n": DRUG}) == (2, 1)


def test_criteria_with_exact_text(con):
    counts = dict(con.execute("select section, count(*) from eligibility_criteria group by section").fetchall())
    assert counts == {"inclusion": 5, "exclusion": PAGE_EXCLUSIONS}
    assert one(con, "select text from eligibility_criteria where section = 'inclusion' and ordinal = 1") == (
        "18-75 years of age (inclusive of 18 and 75 years), regardless of gender;",)
    assert one(con, "select text from eligibility_criteria where section = 'inclusion' and ordinal = 3") == (
        "Respiratory function FVC at baseline was ≥70% of the predicted value (FVC%);",)
    assert one(con, "select text from eligibility_criteria where section = 'exclusion' and ordinal = 2") == (
        "Baseline body mass index (BMI) < 18.5 kg/m²;",)
    assert one(con, "select text from eligibility_criteria where section = 'exclusion' and ordinal = 21") == (
        "Subject who is judged by the investigator to be unsuitable for the clinical trial.",)
    assert one(con, "select count(*) from eligibility_criteria where level > 0") == (0,)


def test_ages_sex_and_healthy_volunteers(con):
    assert one(con, "select minimum_age, maximum_age, minimum_age_years, maximum_age_years, sex, healthy_volunteers"
                    " from eligibility") == ("18 Years", "75 Years", 18.0, 75.0, "ALL", False)


def test_sponsor(con):
    assert one(con, "select lead_sponsor_name, lead_sponsor_class from studies") == (
        "XellSmart Bio-Pharmaceutical (Suzhou) Co., Ltd.", "INDUSTRY")


def test_raw_json_is_landed_with_the_study(con, flagship):
    raw, current = one(con, "select raw, is_current from raw_studies where nct_id = 'NCT07118319'")
    assert current is True
    assert '"nctId":"NCT07118319"' in raw


def test_site_with_its_contact(con):
    assert con.execute("select ordinal, facility, city, state, country, status from locations").fetchall() == [
        (1, "Peking University Third Hospital", "Beijing", "Beijing Municipality", "China", "RECRUITING")]
    assert con.execute("select location_ordinal, ordinal, name, role, phone from location_contacts").fetchall() == [
        (1, 1, "Dongsheng Fan", "CONTACT", "+86 13701023871")]


def test_central_contact(con):
    assert con.execute("select ordinal, name, role, phone, email from central_contacts").fetchall() == [
        (1, "Michael LEE", "CONTACT", "+86 21 64027719", None)]


def test_identifiers(con):
    assert con.execute("select ordinal, source, id_value, id_type from identifiers order by ordinal").fetchall() == [
        (1, "org_study_id", "XS228-Allo-ALS-CN1/2-P01", None),
        (2, "secondary_id", "2025LP01221", "REGISTRY"),
    ]


def test_sponsor_row_and_responsible_party(con):
    assert con.execute("select ordinal, name, class, role from sponsors").fetchall() == [
        (1, "XellSmart Bio-Pharmaceutical (Suzhou) Co., Ltd.", "INDUSTRY", "lead")]
    assert one(con, "select responsible_party_type, responsible_party_investigator_name from studies") == (
        "SPONSOR", None)


def test_numeric_thresholds_of_the_criteria(con):
    rows = con.execute(
        "select t.section, t.criterion_ordinal, t.measure, t.operator, t.value, t.value_max, t.unit, c.text"
        " from criterion_thresholds t join eligibility_criteria c"
        " on c.nct_id = t.nct_id and c.section = t.section and c.ordinal = t.criterion_ordinal"
        " order by t.section desc, t.criterion_ordinal"
    ).fetchall()
    assert rows == [
        ("inclusion", 1, "age", "between", 18.0, 75.0, "years",
         "18-75 years of age (inclusive of 18 and 75 years), regardless of gender;"),
        ("inclusion", 3, "fvc", ">=", 70.0, None, "%",
         "Respiratory function FVC at baseline was ≥70% of the predicted value (FVC%);"),
        ("exclusion", 2, "bmi", "<", 18.5, None, "kg/m2", "Baseline body mass index (BMI) < 18.5 kg/m²;"),
    ]


def test_doses_route_and_both_regimens(con):
    rows = con.execute(
        "select arm_ordinal, intervention_ordinal, source, value, unit, per, number_of_doses, interval, route"
        " from intervention_doses order by arm_ordinal nulls last, intervention_ordinal"
    ).fetchall()
    assert rows == [
        (1, None, "arm.label", 5.0e7, "cells", "dose", None, None, "intrathecal"),
        (2, None, "arm.label", 1.0e8, "cells", "dose", None, None, "intrathecal"),
        (None, 1, "intervention.description", None, None, None, 1, None, None),  # "Injection, once"
        (None, 2, "intervention.description", None, None, None, 4, "2 weeks", None),  # every two weeks, four doses
    ]


def test_allogeneic_ipsc_motor_neuron_progenitors(con):
    assert con.execute("select intervention_ordinal, cell_type, source, tissue_origin, genetically_modified"
                       " from cell_therapies order by intervention_ordinal").fetchall() == [
        (1, "motor_neuron_progenitor", "allogeneic", "ipsc", False),
        (2, "motor_neuron_progenitor", "allogeneic", "ipsc", False),
    ]
