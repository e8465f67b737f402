"""find_doses: the rules added from the error analysis of test3, test5 and test6 (one test per rule)."""

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


def test_a_cycle_length_is_the_interval_of_the_drugs_given_on_day_1():
    assert facts("docetaxel 75 mg/m2, intravenously (IV) on Day 1 of each 21-day treatment cycle") == [
        (75.0, None, "mg", "m2", None, "21 days", "intravenous")
    ]
    assert facts("pemetrexed (500 mg/m2 on day 1) in a 3-week cycle for up to four cycles") == [
        (500.0, None, "mg", "m2", None, "3 weeks", None)
    ]
    # "q d 21" is every 21 days, for each drug of the clause given on day 1 only
    assert facts("Cisplatinum 75 mg/m2 d 1 Pemetrexed 500 mg/m2 d 1 q d 21") == [
        (75.0, None, "mg", "m2", None, "21 days", None), (500.0, None, "mg", "m2", None, "21 days", None)]
    assert facts("Cisplatinum 40 mg/m2 d 1 + d 8 Pemetrexed 500 mg/m2 d 1 q d 21") == [
        (40.0, None, "mg", "m2", None, None, None), (500.0, None, "mg", "m2", None, "21 days", None)]


def test_a_cycle_is_the_schedule_of_a_drug_without_days_of_its_own():
    text = "Subjects receive AK104 15mg/kg intravenously (IV) plus anlotinib 1-14days of every 3-week cycle (Q3W)"
    assert facts(text) == [(15.0, None, "mg", "kg", None, "3 weeks", "intravenous")]
    text = ("Paclitaxel (175 mg/m2, 3 hr IV infusion) and carboplatin (AUC 6) (30 minute IV infusion) "
            "on day 1 of each 21-day cycle")
    assert facts(text) == [(175.0, None, "mg", "m2", None, "21 days", "intravenous")]


def test_cycles_in_plural_of_an_oral_drug_are_no_interval():
    assert facts("will be treated with neratinib tablets in 28-day cycles") == []
    text = "PD-1 inhibitors follow radiotherapy, with a treatment cycle of 3 weeks. On D1 it is given intravenously"
    assert facts(text) == [
        (None, None, None, None, None, "3 weeks", "intravenous")]


def test_od_is_once_daily():
    assert facts("Empagliflozin 10 mg OD + Vitamin D3 (2000 IU)") == [
        (10.0, None, "mg", None, None, "1 day", None), (2000.0, None, "IU", None, None, None, None)]


def test_a_single_iv_administration_is_one_dose():
    assert facts("GE-145-320 mg I/mL as a single iv. administration.") == [
        (None, None, None, None, 1, None, "intravenous")]


def test_a_number_of_cycles_counts_the_doses_of_the_drugs_given_once_per_cycle():
    text = "Duration: 3wks x 4 cycles = 12 wks Vinorelbine 25mg/m2 D1,8, Cisplatin 75mg/m2 D1 q3wks"
    assert facts(text) == [(25.0, None, "mg", "m2", None, None, None), (75.0, None, "mg", "m2", 4, "3 weeks", None)]
    assert facts("MK-3475 200 mg will be administered as four cycles of 3-weeks regimen") == [
        (200.0, None, "mg", None, 4, "3 weeks", None)]
    # ceilings and ranges of cycles are no count; a count in another drug's parentheses is its own
    assert facts("pemetrexed 500 mg/m2 + cisplatin 75 mg/m2 on day one of 21-day cycle, with total of 4-6 cycles.") == [
        (500.0, None, "mg", "m2", None, "21 days", None), (75.0, None, "mg", "m2", None, "21 days", None)]
    text = "pemetrexed 500mg/m2 (D1, Q3w) + Carboplatin AUC5/ Cisplatin 75mg/m2 (D1, Q3w*4 cycles)"
    assert facts(text) == [
        (500.0, None, "mg", "m2", None, "3 weeks", None), (75.0, None, "mg", "m2", 4, "3 weeks", None)]


def test_days_spaced_by_the_interval_keep_it():
    assert facts("PEG-rhG-CSF group B(q10d):6mg d1,11,subcutaneously injected") == [
        (6.0, None, "mg", None, None, "10 days", "subcutaneous")]
    assert facts("paclitaxel (135mg/m2 by IV infusion on Day 1 of each 21-28 day cycle)") == [
        (135.0, None, "mg", "m2", None, None, "intravenous")]


# --- a schedule stated once for several doses (test6) -------------------------------------------


def test_a_dotted_route_abbreviation_does_not_end_the_sentence():
    assert facts("semaglutide s.c. 2.4 mg once weekly") == [(2.4, None, "mg", None, None, "1 week", "subcutaneous")]


def test_a_statement_after_parentheses_in_an_amounts_clause_is_that_amounts():
    assert facts("BEBT-109 orally at an initial dose of 240mg (120mg bid) once daily.") == [
        (240.0, None, "mg", None, None, "1 day", "oral"), (120.0, None, "mg", None, None, None, "oral")]


def test_amounts_in_parentheses_in_an_amounts_clause_take_its_interval_and_route():
    text = ("semaglutide s.c. 2.4 mg and placebo matched to semaglutide OW after a dose escalation period "
            "(0.25 mg for weeks 0-4, 0.5 mg for weeks 5-8) for 52 weeks")
    assert facts(text) == [
        (2.4, None, "mg", None, 52, "1 week", "subcutaneous"),
        (0.25, None, "mg", None, None, "1 week", "subcutaneous"),
        (0.5, None, "mg", None, None, "1 week", "subcutaneous"),
    ]
    # the amount of the word before the parentheses is that word's drug's
    assert facts("Drug A 10 mg daily and aspirin (100 mg)") == [
        (10.0, None, "mg", None, None, "1 day", None), (100.0, None, "mg", None, None, None, None)]
    # and parentheses that name a drug of their own are no step of the amount before them
    assert facts("Drug A 10 mg orally (Drug B 5 mg)") == [
        (10.0, None, "mg", None, None, None, "oral"), (5.0, None, "mg", None, None, None, None)]


def test_a_trailing_schedule_of_a_joined_list_is_every_drugs():
    text = "Empagliflozin 10 mg oral tablets + Vitamin D3 ( 2000 IU ) + Vitamin K2 ( 100 mcg) Once Daily for 3-6 months"
    assert facts(text) == [
        (10.0, None, "mg", None, None, "1 day", "oral"),
        (2000.0, None, "IU", None, None, "1 day", None),
        (100.0, None, "µg", None, None, "1 day", None),
    ]
    # a clause that states its own keeps it, and then the trailing one is the last clause's alone
    assert facts("Drug 10 mg weekly + Vitamin D3 ( 2000 IU ) Once Daily") == [
        (10.0, None, "mg", None, None, "1 week", None), (2000.0, None, "IU", None, None, "1 day", None)]


def test_an_interval_named_a_cycle_is_no_interval_beside_another():
    text = "8 mg orally QD every 21 days (3 weeks) for up to 4 cycles in the induction phase"
    assert facts(text) == [(8.0, None, "mg", None, None, "1 day", "oral")]


def test_the_phase_after_followed_by_takes_the_route_of_the_phase_before():
    text = "8 mg orally QD for 4 cycles, followed by 20 mg QD for up to 31 cycles"
    assert [d[6] for d in facts(text)] == ["oral", "oral"]
    # not when it names another drug
    assert facts("Drug A 8 mg orally QD, followed by Drug B 20 mg QD")[1][6] is None


def test_doses_k_times_a_day_at_24_over_k_hours_have_that_interval():
    text = "Olaparib will be given orally BID, administrated with a 12 hour interval. Dose levels: 25mg BID, 50mg BID."
    assert facts(text) == [
        (25.0, None, "mg", None, None, "12 hours", "oral"), (50.0, None, "mg", None, None, "12 hours", "oral")]
    assert facts("Drug 100 mg BID with a 12-hour interval") == [(100.0, None, "mg", None, None, "12 hours", None)]
    # a BID without the hours has no interval
    assert facts("Drug 100 mg BID") == [(100.0, None, "mg", None, None, None, None)]


def test_the_same_amount_for_different_groups_is_a_dose_per_group():
    text = "Group A(q7d):6mg d1,8,subcutaneously injected; Group B(q10d):6mg d1,11,subcutaneously injected"
    assert facts(text) == [
        (6.0, None, "mg", None, None, "7 days", "subcutaneous"), (6.0, None, "mg", None, None, "10 days", "subcutaneous")]


def test_days_of_a_cycle_after_plus_leave_the_first_drugs_interval():
    text = "Subjects receive AK104 10mg/kg intravenously (IV) every 2-week cycle plus anlotinib on Day 1-14 of every 3-week cycle"
    assert facts(text) == [(10.0, None, "mg", "kg", None, "2 weeks", "intravenous")]


def test_ih_is_subcutaneous_beside_a_frequency():
    assert facts("Endostar, ih, QD，day 1 of cycle 1; Endostar, ih, QD，day 2-15 of cycle 3;") == [
        (None, None, None, None, None, "1 day", "subcutaneous")]
    assert find_routes("the ih was high") == []


def test_a_sentence_without_amounts_gives_its_course_to_the_amounts_that_take_its_interval():
    text = ("Erlotinib is given at the dose of 150 mg daily. The combination of pemetrexed and cisplatin will be "
            "administered for 4 cycles in total by each cycle of 21 days. Pemetrexed 500 mg/m2 will be diluted in "
            "100 ml of saline. Cisplatin 75 mg/m2 will be diluted in 150 ml of saline.")
    assert facts(text) == [
        (150.0, None, "mg", None, None, "1 day", None),
        (500.0, None, "mg", "m2", 4, "21 days", None),
        (75.0, None, "mg", "m2", 4, "21 days", None),
    ]


def test_per_day_after_the_amounts_words_is_per_day():
    text = "diet counseling plus 4.5 g of resistant starch from green banana biomass, per day, during six months."
    assert facts(text) == [(4.5, None, "g", "day", None, None, None)]
    assert facts("Kanglaite injection 200ml by IV infusion per day") == [(200.0, None, "mL", "day", None, None, "intravenous")]
    # several doses a day are no amount per day
    assert facts("Drug 100 mg twice per day") == [(100.0, None, "mg", None, None, None, None)]
