"""find_doses: rules added after scoring the external held-out set (registry text of studies
outside ../shared, labelled blind). The sentences here are our own, written in the forms met there."""

from __future__ import annotations

import pytest

from pipeline.extract.doses import find_doses


def facts(text: str) -> list[tuple]:
    return [tuple(d[:7]) for d in find_doses(text)]


def test_the_products_own_words_after_its_amount_name_no_other_drug():
    # capitalised words describing the product, or its vehicle, do not take the schedule away
    assert facts("A single dose of 5 million cells/kg Allogeneic Bone Marrow-Derived Mesenchymal Stromal Cells "
                 "administered intravenously over 60 minutes.") == [(5e6, None, "cells", "kg", 1, None, "intravenous")]
    assert facts("3 mg drug X microspheres in Miglyol 812 were given once a month SC.") == [
        (3.0, None, "mg", None, None, "1 month", "subcutaneous")
    ]
    # a drug joined to the clause still takes its own route
    assert facts("Drug A 6 mg qd and cadonilimab IV") == [(6.0, None, "mg", None, None, "1 day", None)]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("MSCs 2×10^6/kg by intravenous infusion once a day, a total of three times.", 3),
        ("MSCs 1 \\*10\\^6/kg, once a month, total 4 times.", 4),
        ("NK cells (each course: about 5 billion cells infused in 2 times, i.v.)", 2),
        ("A single dose of 3×107 UC-MSC, IV, repeated every week for three times.", 3),
    ],
)
def test_times_state_the_number_of_administrations(text, count):
    (dose,) = facts(text)
    assert dose[4] == count


def test_both_doses_are_two():
    assert facts("Participants received both doses (Day 1 and Week 4) by SC injection.") == [
        (None, None, None, None, 2, None, "subcutaneous")
    ]


def test_cell_nouns_written_with_their_source():
    assert facts("Single intra-articular injection of 40 million AD-MSC in 8 mL saline") == [
        (4e7, None, "cells", None, 1, None, "intra-articular")
    ]
    assert facts("2×107 hUC-MSC infused") == [(2e7, None, "cells", None, None, None, None)]


def test_a_power_of_ten_written_out_or_with_a_tilde():
    assert facts("two intrathecal injections containing 3x10,000,000 MSCs each") == [
        (3e7, None, "cells", None, 2, None, "intrathecal")
    ]
    assert facts("CAR-T cells at a dose of 1-3\\*10\\~6/KgBW.") == [(1e6, 3e6, "cells", "kg", None, None, None)]


def test_a_marker_number_is_no_cell_count():
    assert facts("Biological: CD19 CAR-T cells infusion.") == []
    assert facts("CD7 CAR-T cells 1 x 10^6/kg") == [(1e6, None, "cells", "kg", None, None, None)]


def test_a_time_point_before_a_dose_is_no_range():
    assert facts("starts at 10 mg, then week 2 to 15 mg") == [
        (10.0, None, "mg", None, None, None, None), (15.0, None, "mg", None, None, None, None)
    ]


def test_what_a_vial_holds_is_no_dose():
    assert facts("Sterile vial 40mg/0.4mL") == []
    assert facts("adalimumab 40 mg/0.4 mL SC every 2 weeks") == [(40.0, None, "mg", None, None, "2 weeks", "subcutaneous")]


def test_a_comma_list_of_doses_with_one_unit():
    assert [d[:4] for d in facts("dose escalation (1, 3 and 10 mg/kg) every 2 weeks")] == [
        (1.0, None, "mg", "kg"), (3.0, None, "mg", "kg"), (10.0, None, "mg", "kg")
    ]
    # "20 and 40 mg" alone is no list (it may be a range)
    assert [d[0] for d in facts("between 20 and 40 mg daily")] == [40.0]


def test_a_course_over_weeks_and_not_over_hours():
    assert facts("2 mg given once a week as a subcutaneous injection over 12 weeks.") == [
        (2.0, None, "mg", None, 12, "1 week", "subcutaneous")
    ]
    assert facts("10 mg/kg infused over 2 hours every 4 weeks") == [(10.0, None, "mg", "kg", None, "4 weeks", None)]


def test_no_course_from_a_duration_and_another_sentences_interval():
    text = ("Doses escalated (5, 20 and 40 mg/kg) for 48 weeks. Dosing was by intravenous infusion every 4 "
            "weeks. From week 49, the maximum tolerated dose (40 mg/kg) every 4 weeks for additional 48 weeks.")
    assert {d[4:] for d in facts(text)} == {(None, "4 weeks", "intravenous")}


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("Multiple intra muscular injections of MSCs", "intramuscular"),
        ("1x106 MSCs per kg infused via hepatic artery", "intra-arterial"),
        ("six injections through spinal taps every 2 months", "intrathecal"),
        ("hUC-MSC (1×10^8 cells/time, Peripheral IV, at week 0 and week 1)", "intravenous"),
    ],
)
def test_route_spellings(text, route):
    assert {d[6] for d in facts(text)} == {route}


# --- from the second external set ---------------------------------------------------------------


def test_an_escalated_amount_keeps_the_route():
    assert facts("Drug A 10 mg orally daily, increased to 20 mg after 2 weeks.") == [
        (10.0, None, "mg", None, None, "1 day", "oral"), (20.0, None, "mg", None, None, None, "oral")
    ]


def test_per_os_is_oral():
    assert facts("Riluzole 50 mg tablet, per os") == [(50.0, None, "mg", None, None, None, "oral")]


def test_dose_levels_are_no_count():
    assert {d[4] for d in facts("once daily, in three different doses (0.1 mg, 0.2 mg and 0.4 mg)")} == {None}


def test_an_abbreviated_route_before_the_days_of_dosing():
    assert facts("4 million MSCs/kg body weight, IV on study Days 1 and 4") == [
        (4e6, None, "cells", "kg", None, None, "intravenous")
    ]


def test_a_tolerance_between_count_and_cells():
    assert facts("20×10⁶±20% viable cells per dose") == [(2e7, None, "cells", "dose", None, None, None)]


def test_a_structured_text_of_field_labels():
    # "Field: value" lists: the labels are no drug names and their commas start no drug clause
    text = ("Participants received Drug A (Dose: 200mg, Dosage form: Tablet, Frequency: Once (OD), Duration of "
            "administration: Single Dose, Kind of administration: Oral) along with Drug B (Dose: 250mg, Dosage "
            "form: Capsule, Duration of administration: Single Dose, Kind of administration: Oral).")
    assert facts(text) == [(200.0, None, "mg", None, 1, None, "oral"), (250.0, None, "mg", None, 1, None, "oral")]


# --- from the third external set (classic XML records) ------------------------------------------


def test_every_other_week_abbreviations():
    assert facts("Drug X 40 mg eow by subcutaneous injection") == [(40.0, None, "mg", None, None, "2 weeks", "subcutaneous")]


def test_ivgtt_is_an_intravenous_drip():
    assert facts("Drug Y 200 mg, IVGTT D1") == [(200.0, None, "mg", None, None, None, "intravenous")]


def test_smoked_is_inhaled():
    assert facts("500 mg of plant material will be smoked in a pipe") == [(500.0, None, "mg", None, None, None, "inhaled")]


def test_times_after_a_verb_of_taking_count_doses():
    assert facts("Take the study tablets 11 times") == [(None, None, None, None, 11, None, None)]
    assert facts("Take 10 mg 3 times a day") == [(10.0, None, "mg", None, None, None, None)]


def test_single_dose_equals_names_an_amount_not_a_count():
    assert {d[4] for d in facts("herbal tablets, 24 g daily (single dose=8 g)")} == {None}


def test_a_cycle_alone_is_no_interval_of_a_text_without_amounts():
    assert facts("Participants will receive drug Z in a 21-day cycle.") == []
    assert facts("Drug Z in a 21-day cycle. Drug W will be administered weekly.") == [
        (None, None, None, None, None, "1 week", None)
    ]
    assert facts("Drug Z on day 1 of each 21-day cycle") == [(None, None, None, None, None, "21 days", None)]


def test_a_schedule_after_a_list_of_drugs_with_amounts_is_each_ones():
    assert facts("drug A 1200 mg and drug B 15 mg/kg given intravenously every 3 weeks") == [
        (1200.0, None, "mg", None, None, "3 weeks", "intravenous"), (15.0, None, "mg", "kg", None, "3 weeks", "intravenous")
    ]


def test_a_statement_before_an_aside_is_not_the_asides():
    assert facts("oral tablets 40 mg 4 times per day (160 mg daily)") == [
        (40.0, None, "mg", None, None, None, "oral"), (160.0, None, "mg", None, None, "1 day", "oral")
    ]


def test_an_abbreviation_restating_a_cycle_keeps_the_cycles_words():
    # two blind labellers wrote the interval as the text states it first
    assert facts("drug A 200 mg by intravenous infusion on Day 1 of each 21-day cycle (Q3W)") == [
        (200.0, None, "mg", None, None, "21 days", "intravenous")
    ]
    assert facts("drug A 200 mg IV every 3 weeks") == [(200.0, None, "mg", None, None, "3 weeks", "intravenous")]


def test_od_with_dots_after_an_amount_and_per_daily():
    assert facts("50 mg o.d. of drug G") == [(50.0, None, "mg", None, None, "1 day", None)]
    assert facts("metformin (2,550 mg/daily) for 3 months") == [(2550.0, None, "mg", "day", None, None, None)]


def test_an_amount_per_body_size_per_day_given_for_some_days_is_daily():
    # lymphodepletion before CAR-T: "/m2/day ... for 3 days" is three daily doses
    assert facts("Fludarabine 30 mg/m2/day IV for 3 days before the cell infusion.") == [
        (30.0, None, "mg", "m2", 3, "1 day", "intravenous")
    ]
    # daily within a cycle: the cycle is no interval and its days no count
    assert facts("Azacitidine 75 mg/m²/day SC for 7 days every 28 days") == [
        (75.0, None, "mg", "m2", None, "1 day", "subcutaneous")
    ]
    # without a course of days the day is only what the amount is per: no schedule
    assert facts("Anakinra 2 mg/kg/day subcutaneously") == [(2.0, None, "mg", "kg", None, None, "subcutaneous")]


def test_the_strengths_a_product_comes_in_are_no_dose_when_the_dose_is_stated():
    assert facts("Drug X 150 mg and 50 mg tablets taken by mouth at a dose of 300 mg twice daily.") == [
        (300.0, None, "mg", None, None, None, "oral")
    ]
    # without a stated dose, the tablet's amount is the dose
    assert facts("Drug X 500 mg tablets orally once daily") == [(500.0, None, "mg", None, None, "1 day", "oral")]


def test_a_large_count_of_cells_named_by_several_words_or_followed_by_how_it_is_given():
    assert facts("A single infusion of 1.0 x 10^8 CAR-positive viable T cells.") == [
        (1e8, None, "cells", None, 1, None, None)
    ]
    assert facts("Bone marrow mononuclear cells (BMMNC) 2 x 10^8 injected intrathecally once.") == [
        (2e8, None, "cells", None, 1, None, "intrathecal")
    ]
    # a large number of people is no dose
    assert facts("About 2 million people were screened before the cells were given.") == []


def test_a_phase_after_then_keeps_its_own_course():
    assert facts("Drug F 400 mg/m2 IV bolus on day 1, then 2400 mg/m2/day for 2 days IV continuous infusion") == [
        (400.0, None, "mg", "m2", None, None, "intravenous"),
        (2400.0, None, "mg", "m2", 2, "1 day", "intravenous"),
    ]


def test_daily_before_the_days_of_a_cycle_is_the_interval():
    assert facts("Drug P (1 mg by mouth [PO] daily D1-28) for the first cycle") == [
        (1.0, None, "mg", None, None, "1 day", "oral")
    ]


def test_the_interval_after_loading_days_is_kept():
    assert facts("Drug Y 500 mg IM on Days 1, 15 and 29, then every 28 days.") == [
        (500.0, None, "mg", None, None, "28 days", "intramuscular")
    ]
    assert facts("Drug Z 300 mg intravenously at days 0, 14 and 42 and every 8 weeks thereafter.") == [
        (300.0, None, "mg", None, None, "8 weeks", "intravenous")
    ]


def test_one_injection_on_day_0_is_one_dose_but_two_injections_that_day_are_one_session():
    assert facts("Drug B SC 240 mg x 1 injection on Day 0") == [(240.0, None, "mg", None, 1, None, "subcutaneous")]
    assert facts("Two subcutaneous injections of 300 mg as a loading dose on Day 1") == [
        (300.0, None, "mg", None, None, None, "subcutaneous")
    ]


def test_an_oral_small_molecule_is_a_kind_of_drug_not_a_route():
    assert facts("Drug T is an oral small molecule, a selective inhibitor of an enzyme.") == []


def test_cells_for_each_infusion_are_per_dose():
    assert facts("6×10^9 autologous antigen loaded killer cells for each infusion, IV, for 2 cycles.") == [
        (6e9, None, "cells", "dose", 2, None, "intravenous")
    ]


def test_a_restated_amount_keeps_its_own_interval_over_a_cycle_sentence():
    assert facts("Drug N is given as 120 mg daily without stopping. A cycle is 21 days. The dose is 120mg of drug N.") == [
        (120.0, None, "mg", None, None, "1 day", None)
    ]


def test_what_is_said_of_each_after_the_last_amount_is_said_of_every_amount():
    assert facts("Low dose: 1 × 10^7 cells; High dose: 5 × 10^7 cells; each given as a single intrathecal injection.") == [
        (1e7, None, "cells", None, 1, None, "intrathecal"),
        (5e7, None, "cells", None, 1, None, "intrathecal"),
    ]


def test_injections_along_the_spinal_cord_are_sites_of_one_surgery():
    assert facts("8 x 10^6 neural stem cells delivered by 10 injections into the lumbar spinal cord") == [
        (8e6, None, "cells", None, None, None, "intraspinal")
    ]
    # injections into a joint are separate doses
    assert facts("Three intra-articular injections into the knee, one week apart, of 25 mg each") == [
        (25.0, None, "mg", None, 3, "1 week", "intra-articular")
    ]


def test_cell_counts_in_millions_written_m_or_named_by_an_acronym():
    assert facts("75 million cardiosphere-derived cells, infused as 25M cells into each coronary artery") == [
        (75e6, None, "cells", None, None, None, None),
        (25e6, None, "cells", None, None, None, None),
    ]
    assert facts("Intravenous infusion of allogeneic cells (CAP-1002; 75 million CDCs)") == [
        (75e6, None, "cells", None, None, None, "intravenous")
    ]
    assert facts("We expect 25M participants in the registry") == []


def test_mcgr_is_micrograms():
    assert facts("G-CSF (10mcgr/kg/day subcutaneously for 3 days)") == [(10.0, None, "µg", "kg", 3, "1 day", "subcutaneous")]


def test_a_route_that_is_only_a_way_of_giving_stands_alone_in_a_label():
    assert facts("Intrathecal Autologous Bone Marrow TNC") == [(None, None, None, None, None, None, "intrathecal")]
    assert facts("Drains placed in the subcutaneous space after closure") == []


def test_a_cap_is_no_dose():
    assert facts("Drug T 8 mg/kg (maximum 800 mg) as a single intravenous infusion") == [
        (8.0, None, "mg", "kg", 1, None, "intravenous")
    ]
    assert facts("Drug X 10 mg/kg, not to exceed 1000 mg, IV every 2 weeks") == [
        (10.0, None, "mg", "kg", None, "2 weeks", "intravenous")
    ]


def test_days_of_a_cycle_take_no_interval_from_the_cycle_sentence():
    assert facts("Patients receive drug G 1000 mg/m2 IV on days 1, 8, and 15. Cycles repeat every 28 days.") == [
        (1000.0, None, "mg", "m2", None, None, "intravenous")
    ]
    # given on day 1 only, the cycle is its interval
    assert facts("Patients receive drug P 175 mg/m2 IV on day 1. Cycles repeat every 21 days for 6 cycles.") == [
        (175.0, None, "mg", "m2", 6, "21 days", "intravenous")
    ]


def test_times_spaced_apart_are_the_number_of_doses():
    assert facts("MSCs 1 × 10^6 cells/kg via intrathecal injection, 2 times at an interval of 26 days") == [
        (1e6, None, "cells", "kg", 2, "26 days", "intrathecal")
    ]
    assert facts("MSCs 1×10^6 cells/kg IV three times, 4 weeks apart") == [(1e6, None, "cells", "kg", 3, "4 weeks", "intravenous")]


def test_monthly_intervals_are_an_interval():
    assert facts("Patients receive 3 intravitreal injections of 0.5 mg drug R at monthly intervals.") == [
        (0.5, None, "mg", None, 3, "1 month", "intravitreal")
    ]


def test_an_interval_times_n_is_the_number_of_doses():
    assert facts("Drug R 375 mg/m2 IV weekly x 4") == [(375.0, None, "mg", "m2", 4, "1 week", "intravenous")]
    assert facts("Drug D 120 mg SC q4w x 3") == [(120.0, None, "mg", None, 3, "4 weeks", "subcutaneous")]
    # a power of ten is no count
    assert facts("Cells weekly x 10^6") == [(1e6, None, "cells", None, None, "1 week", None)]


def test_lymphodepletion_drugs_are_another_event_than_the_cells():
    # the count and route of the cell infusion are not the conditioning drugs', and the course
    # after the list of drugs is each drug's
    text = ("A single intravenous infusion of CAR-T cells at a dose of 1×10^6 CAR+ T cells/kg after "
            "lymphodepleting chemotherapy with fludarabine 30 mg/m2/day and cyclophosphamide 300 mg/m2/day for 3 days.")
    assert facts(text) == [
        (1e6, None, "cells", "kg", 1, None, "intravenous"),
        (30.0, None, "mg", "m2", 3, "1 day", None),
        (300.0, None, "mg", "m2", 3, "1 day", None),
    ]
    assert facts("Single IV infusion of 2 x 10^6 CAR-T cells/kg following fludarabine 30 mg/m2 and cyclophosphamide "
                 "500 mg/m2") == [
        (2e6, None, "cells", "kg", 1, None, "intravenous"),
        (30.0, None, "mg", "m2", None, None, None),
        (500.0, None, "mg", "m2", None, None, None),
    ]
    # drugs given together in one infusion share its route
    assert facts("Intravenous infusion of rituximab 375 mg/m2 and bendamustine 90 mg/m2") == [
        (375.0, None, "mg", "m2", None, None, "intravenous"),
        (90.0, None, "mg", "m2", None, None, "intravenous"),
    ]


def test_interleukin_2_is_another_drug():
    assert facts("NK cells 1-3 x 10^9 cells IV on days 0, 7 and 14 with IL-2 1 million IU/m2 SC every other day.") == [
        (1e9, 3e9, "cells", None, None, None, "intravenous"),
        (1e6, None, "IU", "m2", None, "2 days", "subcutaneous"),
    ]


def test_a_range_of_two_cell_counts_joined_by_to():
    assert facts("TIL infusion (1 x 10^9 to 2 x 10^11 cells)") == [(1e9, 2e11, "cells", None, None, None, None)]
    assert facts("1 x 10^6 to 5 x 10^6 cells/kg") == [(1e6, 5e6, "cells", "kg", None, None, None)]


def test_n_weekly_is_every_n_weeks():
    assert facts("Drug T 6 mg/kg iv 3-weekly") == [(6.0, None, "mg", "kg", None, "3 weeks", "intravenous")]
    assert facts("Drug Z 4 mg IV 3-monthly") == [(4.0, None, "mg", None, None, "3 months", "intravenous")]


def test_a_square_metre_written_with_a_spaced_caret():
    assert facts("Drug L 20 mg/m ^ 2 IV") == [(20.0, None, "mg", "m2", None, None, "intravenous")]


def test_vaccinations_are_counted():
    assert facts("Participants received three intramuscular vaccinations of 90 mcg vaccine V at Months 0, 2 and 6.") == [
        (90.0, None, "µg", None, 3, None, "intramuscular")
    ]


def test_cell_counts_of_the_ninth_held_out_set():
    # the lost superscript at the low end of a range whose high end names the cells
    assert facts("Dose: 1.0 x107 to 5x107 transduced cells by a single intravenous infusion") == [
        (1e7, 5e7, "cells", None, 1, None, "intravenous")
    ]
    # a product code is no number in e-notation
    assert facts("a one time intracerebral injection of 10 million ABC0E05 stem cells") == [
        (1e7, None, "cells", None, 1, "intracerebral")[:4] + (1, None, "intracerebral")
    ]
    assert facts("5 million allo-hMSCs/kg via peripheral intravenous infusion") == [
        (5e6, None, "cells", "kg", None, None, "intravenous")
    ]
    assert facts("a cell dose of 2-4 x 10^7 Total Nucleated Cells (TNC)/kilogram of body weight") == [
        (2e7, 4e7, "cells", "kg", None, None, None)
    ]


def test_routes_and_counts_of_the_ninth_held_out_set():
    assert facts("One dose of 10x10^6 MSCs via the nasal route") == [(1e7, None, "cells", None, 1, None, "intranasal")]
    assert facts("Umbilical cord mesenchymal stem cells by i.v.") == [(None, None, None, None, None, None, "intravenous")]
    assert facts("Injection of cells into the degenerated lumbar disc") == [
        (None, None, None, None, None, None, "intradiscal")
    ]
    assert facts("Participants receive a single intravenous (into the vein) infusion of cord blood cells.") == [
        (None, None, None, None, 1, None, "intravenous")
    ]


def test_an_interval_with_a_tolerance():
    assert facts("Factor VIII 20 to 40 IU/kg every 48 ±6 hours") == [(20.0, 40.0, "IU", "kg", None, "48 hours", None)]


def test_a_cell_count_acronym_before_per_kg():
    assert facts("a dose range of 0.5 to 5 x 10^7 total nucleated cell count (TNCC)/kg") == [
        (5e6, 5e7, "cells", "kg", None, None, None)
    ]


def test_n_month_intervals():
    assert facts("Each patient will receive 4 intrathecal injections of 1 million MSCs per kg at 3-month intervals.") == [
        (1e6, None, "cells", "kg", 4, "3 months", "intrathecal")
    ]


def test_a_count_in_parentheses_keeps_its_closing_parenthesis():
    # the ")" closing the aside is not the exponent's: "(... × 10^10) were infused" is read
    assert facts("Autologous CIK cells (1.0-1.5 × 10^10) were infused intravenously") == [
        (1e10, 1.5e10, "cells", None, None, None, "intravenous")
    ]
    assert facts("5 x 10^(6) cells/kg") == [(5e6, None, "cells", "kg", None, None, None)]


def test_in_addition_to_starts_another_drug_clause():
    text = "Placebo, by IV infusion, every 4 weeks in addition to 20 mg drug G, by SC injection, daily, for up to 20 weeks."
    assert facts(text) == [(20.0, None, "mg", None, None, "1 day", "subcutaneous")]


def test_forms_of_the_twelfth_held_out_set():
    # an interval adverb before a drug's name is how the drug is given
    assert facts("Patients receive weekly cisplatin 30 mg/m² during radiotherapy.") == [
        (30.0, None, "mg", "m2", None, "1 week", None)
    ]
    # the tablets a dose is made of are no dose of their own
    assert facts("Drug R 120mg (3 x 40mg tablets) orally once daily") == [(120.0, None, "mg", None, None, "1 day", "oral")]
    # a route before a drug named with its amount in parentheses is that drug's
    assert facts("Patients will receive oral capecitabine (850 mg/m^2 BID on Days 1 to 14) plus IV oxaliplatin "
                 "(100 mg/m^2 on Day 1) during each 3-week cycle") == [
        (850.0, None, "mg", "m2", None, None, "oral"),
        (100.0, None, "mg", "m2", None, "3 weeks", "intravenous"),
    ]
    # cycles named as a point in time are no count
    assert facts("Two weeks after four cycles of neoadjuvant chemotherapy") == []


def test_more_forms_of_the_eleventh_held_out_set():
    # what a bottle holds is no dose; "for three consecutive days" with "once daily" is 3 doses
    assert facts("Intravenous injection of drug M (40mg/bottle) with a dose of 2mg/kg, once daily, for three "
                 "consecutive days.") == [(2.0, None, "mg", "kg", 3, "1 day", "intravenous")]
    # days before a cell infusion on day 0 are days of the conditioning, not a cycle's interval
    assert facts("one 3-day cycle of lymphodepletion. Subjects will be given IV infusion of cyclophosphamide "
                 "300 mg/m2/day on day -4, -3 and -2") == [(300.0, None, "mg", "m2", None, None, "intravenous")]
    # a cohort number is no count of doses
    assert facts("Cohort 1 - Low dose XNK01") == []


def test_per_body_kg_and_cells_in_all():
    assert facts("1 million umbilical cord MSCs per body kg will transplant via the intravenous") == [
        (1e6, None, "cells", "kg", None, None, "intravenous")
    ]
    assert facts("Each treatment: 6~8 billion cells in all, transfusion in 2 times, i.v.") == [
        (6e9, 8e9, "cells", "total", 2, None, "intravenous")
    ]


def test_forms_of_the_fourteenth_held_out_set():
    assert facts("Drug A 10 mg/kg x3") == [(10.0, None, "mg", "kg", 3, None, None)]
    assert facts("20 mg x 5 days") == [(20.0, None, "mg", None, None, None, None)]
    # a lost superscript in a list of cell doses ending in the cells' name
    assert facts("the 0.5×108, 1×108 and 2×108 CAR-T groups") == [
        (5e7, None, "cells", None, None, None, None),
        (1e8, None, "cells", None, None, None, None),
        (2e8, None, "cells", None, None, None, None),
    ]
    # "=" names the dose; doses a day is divided into are no count
    assert facts("a dose of (CsA = 3.5 mg/kg/day p.o. divided into 2 doses for 12 months)") == [
        (3.5, None, "mg", "kg", None, None, "oral")
    ]
    # the oral therapy resumed after a regimen is not its route
    assert facts("10 mg/kg intravenously every 8 hours until resumption of normal oral therapy") == [
        (10.0, None, "mg", "kg", None, "8 hours", "intravenous")
    ]


def test_forms_of_the_fifteenth_held_out_set():
    # units written out or capitalised, and doses offered as alternatives with "versus"
    assert facts("Vaccine V 15 Mcg") == [(15.0, None, "µg", None, None, None, None)]
    assert facts("50 Micrograms") == [(50.0, None, "µg", None, None, None, None)]
    assert facts("100 versus 200 mcg IT morphine") == [
        (100.0, None, "µg", None, None, None, "intrathecal"),
        (200.0, None, "µg", None, None, None, "intrathecal"),
    ]
    # the volume of each dose, and a route named by the muscle
    assert facts("Subjects will receive three doses (0.5 mL each) of vaccine V in the anterolateral thigh muscle.") == [
        (0.5, None, "mL", None, 3, None, "intramuscular")
    ]
    # a stem-cell acronym after a lost superscript; "at least 2 doses" states no number of doses
    assert facts("The dose will be 1×106 DSC/kg bodyweight, at least 2 doses") == [
        (1e6, None, "cells", "kg", None, None, None)
    ]
    assert facts("50 micrograms of morphine administered in the spinal fluid") == [
        (50.0, None, "µg", None, None, None, "intrathecal")
    ]
    assert facts("stromal vascular fraction will be injected into joints of 20 patients") == [
        (None, None, None, None, None, None, "intra-articular")
    ]
    assert facts("The provider inserts a needle into the facet joint and then removes it.") == []
    assert facts("topical non steroidal cream, twice daily") == [(None, None, None, None, None, None, "topical")]
    assert facts("Intratracheal administration of umbilical cord-derived MSCs.") == [
        (None, None, None, None, None, None, "intratracheal")
    ]
    assert facts("patients requiring endotracheal intubation") == []


def test_forms_of_the_seventeenth_held_out_set():
    assert facts("Drug liquid to be applied topically for 5 minutes one time only.") == [(None, None, None, None, 1, None, "topical")]
    assert facts("Single 300 mg drug N IV on Day 1") == [(300.0, None, "mg", None, 1, None, "intravenous")]
    # the same amount in two phases, each with its own schedule
    assert facts("Administered intravenously. For phase I: single infusion, 2.0×10^6 cells/kg. For phase II: "
                 "2.0×10^6 cells/kg once a week for a total of 4 times.") == [
        (2e6, None, "cells", "kg", 1, None, "intravenous"),
        (2e6, None, "cells", "kg", 4, "1 week", "intravenous"),
    ]
    assert facts("Participants were randomized to receive matching placebo SC QM for 24 weeks.") == [
        (None, None, None, None, None, "1 month", "subcutaneous")
    ]
    # an interval right after an amount is that amount's, not the next one's
    assert facts("by subcutaneous injection at doses of 1 mg/kg Q2W or 3 mg/kg Q4W") == [
        (1.0, None, "mg", "kg", None, "2 weeks", "subcutaneous"),
        (3.0, None, "mg", "kg", None, "4 weeks", "subcutaneous"),
    ]
    # a list of cell doses glued to "and"
    assert facts("then increased to 1.0×10^8 ,2.0×10^8 and5.0×10^8 cells") == [
        (1e8, None, "cells", None, None, None, None),
        (2e8, None, "cells", None, None, None, None),
        (5e8, None, "cells", None, None, None, None),
    ]
    assert facts("10 intramyocardial injections of 0.2 mL per injection site of autologous CD34+ cells") == [
        (0.2, None, "mL", "dose", 10, None, "intramyocardial")
    ]
