"""find_doses: the rules added from the error analysis of test3 (one test per rule)."""

from __future__ import annotations

from pipeline.extract.doses import find_doses
from pipeline.extract.routes import find_routes


def facts(text: str) -> list[tuple]:
    return [tuple(d[:7]) for d in find_doses(text)]


def test_q8h_is_an_interval_of_hours():
    assert facts("co-administration of 2 g cefepime and 1 g nacubactam q8h (60 min. infusion)") == [
        (2.0, None, "g", None, None, "8 hours", None),
        (1.0, None, "g", None, None, "8 hours", None),
    ]


def test_cc_is_a_millilitre():
    assert facts("the physician injects 2.5 cc of PPP into the multifidus muscle") == [
        (2.5, None, "mL", None, None, None, "intramuscular")
    ]


def test_an_injection_with_a_volume_gives_that_volume():
    assert facts("perform an epidural injection with 2cc of 4x PL") == [(2.0, None, "mL", None, None, None, "epidural")]


def test_a_range_with_the_unit_on_both_ends():
    assert facts("5cc-10cc mixed with autograft bone") == [(5.0, 10.0, "mL", None, None, None, None)]


def test_an_amount_stated_twice_with_different_routes_is_one_dose_without_a_route():
    text = "an epidural injection with 1 cc of ropivacaine. Then an intra-articular injection with 1cc of PRP."
    assert facts(text) == [(1.0, None, "mL", None, None, None, None)]


def test_container_sizes_and_irrigation_volumes_are_no_doses():
    assert facts("suction of the wound by attaching 60cc suction syringes for 100 cc fluid") == []
    assert facts("Irrigation with 500 mL of the solution through the drain") == []


def test_saline_beside_its_own_total_is_a_dose():
    text = "30ml of normal saline will be administered bilaterally (total 60ml) to the erector spinae plane."
    assert facts(text) == [(30.0, None, "mL", None, None, None, None), (60.0, None, "mL", "total", None, None, None)]


def test_saline_beside_a_drug_is_a_diluent():
    assert facts("Dexamethasone 8 mg with 10 mL normal saline intravenously") == [
        (8.0, None, "mg", None, None, None, "intravenous")
    ]


def test_route_abbreviation_before_per_day():
    assert facts("Afatinib 40 mg p.o./day until tumour progression") == [(40.0, None, "mg", "day", None, None, "oral")]


def test_orally_active_is_a_property_not_a_route():
    assert find_routes("a potent, selective, orally active allosteric inhibitor") == []
    assert find_routes("orally bioavailable") == []


def test_lowercase_sc_beside_an_amount_is_subcutaneous():
    assert [r.route for r in find_routes("200 mg CZP sc every 2 weeks")] == ["subcutaneous"]


def test_followed_by_starts_a_new_phase():
    text = "Drug X 400 mg on Weeks 0, 2 and 4, followed by 200 mg every 2 weeks from Week 6 onwards."
    assert facts(text) == [(400.0, None, "mg", None, None, None, None), (200.0, None, "mg", None, None, "2 weeks", None)]


def test_for_the_first_days_is_a_duration():
    assert facts("90 mg once daily p.o. for the first 7 days") == [(90.0, None, "mg", None, 7, "1 day", "oral")]


def test_a_walk_or_an_app_is_no_drug():
    assert facts("Participants are asked to go for a 30 minute walk once per day at any time except after a meal.") == []
    assert facts("The app delivers ACT in 15- to 20-minute daily doses over the course of 12 weeks.") == []


def test_an_inn_stem_needs_three_letters_before_it():
    # "except" is no drug name ending in -cept, "April" none ending in -pril
    assert facts("Participants go out once per day except on Sundays.") == []


def test_a_drop_is_a_word_of_administration():
    assert facts("1 drop STN1012600 ophthalmic solution 0.002% once daily for 7 days") == [
        (None, None, None, None, 7, "1 day", None)
    ]


def test_counts_of_different_groups_give_no_schedule_but_keep_the_route():
    text = ("The vaccine will be administered intramuscularly as 1 dose to group A, and 2 doses to group B. "
            "Group C received 3 monthly injections.")
    assert facts(text) == [(None, None, None, None, None, None, "intramuscular")]
    assert facts("Group A received 3 monthly injections. Group B received 1 injection.") == []


def test_injections_of_one_session_are_one_dose():
    text = ("Two subcutaneous injections of Placebo as a loading dose on Day 1 followed by a single injection qw "
            "from Week 1 to Week 15.")
    assert facts(text) == [(None, None, None, None, None, "1 week", "subcutaneous")]


def test_a_reference_to_another_arms_amount_is_no_dose():
    assert facts("Corresponding volume to 100 mg/day or 2 mg/kg/day") == []


def test_a_schedule_after_parenthesised_amounts_is_said_of_every_drug():
    assert facts("Patients will receive QL1706 (5 mg/kg) plus bevacizumab (15 mg/kg) every 3 weeks.") == [
        (5.0, None, "mg", "kg", None, "3 weeks", None),
        (15.0, None, "mg", "kg", None, "3 weeks", None),
    ]
    text = "CT-2103 (175 mg/m2 IV infusion) and carboplatin (AUC 6) on day 1 of each 21-day cycle"
    assert facts(text) == [(175.0, None, "mg", "m2", None, "21 days", "intravenous")]


def test_a_drug_named_between_keeps_its_own_schedule():
    assert facts("Lenvatinib 20 mg orally once daily and Pembrolizumab 200 mg IV every 3 weeks") == [
        (20.0, None, "mg", None, None, "1 day", "oral"),
        (200.0, None, "mg", None, None, "3 weeks", "intravenous"),
    ]


def test_days_on_within_a_cycle_keep_the_daily_interval():
    assert facts("anlotinib (12 mg orally daily for 14 days every 21 days cycle)") == [
        (12.0, None, "mg", None, None, "1 day", "oral")
    ]


def test_weekly_on_days_1_8_and_15_stays_weekly():
    text = "30 mg/m2 IV through a weekly injection on Days 1, 8, and 15 of each 21-day cycle"
    assert facts(text) == [(30.0, None, "mg", "m2", None, "1 week", "intravenous")]
    # a cycle of several days without a stated weekly interval has none
    assert facts("100 mg/m2 on Days 1, 8, and 15 every 4 weeks") == [(100.0, None, "mg", "m2", None, None, None)]
