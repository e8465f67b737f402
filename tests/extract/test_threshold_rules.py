"""find_thresholds: rules for how registries state thresholds, one test per rule."""

from __future__ import annotations

import pytest

from pipeline.extract.thresholds import find_thresholds


def facts(text: str) -> list[tuple]:
    return sorted(t[:5] for t in find_thresholds(text))


# --- an alternative bound for liver metastases or Gilbert's syndrome -----------------------------


@pytest.mark.parametrize(
    "text, alt",
    [
        (
            "ALT less than 2.5 times the upper normal limit in the absence of demonstrable "
            "liver metastases, or less than 5 times the upper normal limit in the presence of liver "
            "metastases",
            ("<", 2.5, 5.0),
        ),
        ("ALT ≤2.5x the upper limit of normal (ULN) if no demonstrable liver metastases or ≤5xULN "
         "in the presence of liver metastases;", ("<=", 2.5, 5.0)),
        ("ALT ≤ 2.5 × ULN; ≤ 5 × ULN in the presence of liver metastases", ("<=", 2.5, 5.0)),
        ("ALT \\<2.5×ULN in patients without liver metastases; \\<5×ULN in patients with liver "
         "metastases", ("<", 2.5, 5.0)),
        ("ALT ≤2.5x ULN NOTE: ≤5x ULN is acceptable if liver metastases are present.",
         ("<=", 2.5, 5.0)),
    ],
)
def test_liver_metastasis_alternative_is_a_second_row(text, alt):
    op, usual, metastases = alt
    assert facts(text) == [("alt", op, usual, None, "x ULN"), ("alt", op, metastases, None, "x ULN")]


def test_liver_metastasis_alternative_in_parentheses_keeps_its_operator():
    assert facts("ALT \\> 3 × ULN (tumor liver metastasis ≥ 5×ULN)") == [
        ("alt", ">", 3.0, None, "x ULN"),
        ("alt", ">=", 5.0, None, "x ULN"),
    ]


def test_gilbert_alternative_after_a_semicolon():
    assert facts("Total bilirubin ≤ 1.5 x ULN; ≤ 3 x ULN for patients with Gilbert's syndrome") == [
        ("bilirubin", "<=", 1.5, None, "x ULN"),
        ("bilirubin", "<=", 3.0, None, "x ULN"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # no liver metastases or Gilbert's syndrome named: the second bound is about something else
        ("ALT ≤ 2.5 x ULN; ≤ 5 x ULN is allowed for patients with bone metastases",
         [("alt", "<=", 2.5, None, "x ULN")]),
        # another lab test stands between: its bound is not the keyword's
        ("Bilirubin ≤ 1.5 x ULN; ALP ≤ 5 x ULN in case of liver metastases",
         [("bilirubin", "<=", 1.5, None, "x ULN")]),
        # another unit: not an alternative of the same bound
        ("Bilirubin ≤ 1.5 x ULN; ≤ 3 mg/dL with liver metastases",
         [("bilirubin", "<=", 1.5, None, "x ULN")]),
    ],
)
def test_no_alternative_without_liver_context(text, expected):
    assert facts(text) == expected


# --- keyword spellings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Serum creatinine ≤ 1.25 × ULN, or serum creatinine clearance according to "
         "Cockcroft-Gault formula(below) ≥50 mL/min",
         [("creatinine", "<=", 1.25, None, "x ULN"),
          ("creatinine_clearance", ">=", 50.0, None, "mL/min")]),
        ("Operative time exceeding 3 hours, bodyweight \\>25kg, bleeding diathesis",
         [("weight", ">", 25.0, None, "kg")]),
        ("WHO performance 0-1", [("ecog", "between", 0.0, 1.0, "points")]),
        ("Ccr≥50ml/min", [("creatinine_clearance", ">=", 50.0, None, "mL/min")]),
        ("TBL \\> 1.5 mg/dL", [("bilirubin", ">", 1.5, None, "mg/dL")]),
        # "activated partial thrombin time (APTT)" is a lab test outside the vocabulary that
        # shares the bound: the INR row is read, nothing for APTT
        ("International standardized ratio (INR) and activated partial thrombin time (APTT) "
         "≤ 1.5 × ULN", [("inr", "<=", 1.5, None, "x ULN")]),
        ("Ideal bodyweight ≥ 50 kg", []),
    ],
)
def test_keyword_spellings(text, expected):
    assert facts(text) == expected


# --- body weight in grams ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Body weight \\<2,500 g at screening and baseline", [("weight", "<", 2.5, None, "kg")]),
        ("Weight ≥ 1500 grams", [("weight", ">=", 1.5, None, "kg")]),
        ("Hemoglobin ≥ 9 g/dl", [("hemoglobin", ">=", 9.0, None, "g/dL")]),
        ("Proteinuria \\> 1 g/24 hours", []),
    ],
)
def test_weight_in_grams_is_kilograms(text, expected):
    assert facts(text) == expected


# --- ages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a range keyword whose bounds carry their own operators: two inclusive bounds are one
        # closed range, an exclusive one stays a row of its own
        ("Between the ages of \\>= 22 and \\<= 70", [("age", "between", 22.0, 70.0, "years")]),
        ("BMI between ≥ 18.5 and < 30 kg/m2",
         [("bmi", "<", 30.0, None, "kg/m2"), ("bmi", ">=", 18.5, None, "kg/m2")]),
        ("Age between 18 and 75 years", [("age", "between", 18.0, 75.0, "years")]),
    ],
)
def test_range_with_operators(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("\\>18 years", [("age", ">", 18.0, None, "years")]),
        ("18 to 65 years.", [("age", "between", 18.0, 65.0, "years")]),
        ("≥ 5 years since diagnosis", [("disease_duration", ">=", 5.0, None, "years")]),
        ("Age range: 18-70 years", [("age", "between", 18.0, 70.0, "years")]),
        ("Age limit: 18-65 years", [("age", "between", 18.0, 65.0, "years")]),
        ("Life expectancy \\> 3 years", []),
        ("Smoking history \\> 10 years", []),
    ],
)
def test_a_criterion_that_is_only_a_number_of_years_is_an_age(text, expected):
    assert facts(text) == expected


# --- disease duration --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Diagnosed with type 1 diabetes for more than 5 years;",
         [("disease_duration", ">", 5.0, None, "years")]),
        ("Clinical diagnosis of type 2 diabetes mellitus for at least 6 months prior to screening",
         [("disease_duration", ">=", 6.0, None, "months")]),
        ("Self-reported SUI/SMUI symptoms of ≥ three months duration",
         [("disease_duration", ">=", 3.0, None, "months")]),
        ("Chronic low back pain of at least 6 months' duration",
         [("disease_duration", ">=", 6.0, None, "months")]),
        ("Diagnosed with T2DM at least 6 months prior to screening",
         [("disease_duration", ">=", 6.0, None, "months")]),
        ("Pain duration ≥ 3 months", [("disease_duration", ">=", 3.0, None, "months")]),
        # a chained bound is a row of its own
        ("Participants with low back pain duration of less than 6 months or greater than 60 months.",
         [("disease_duration", "<", 6.0, None, "months"), ("disease_duration", ">", 60.0, None, "months")]),
        ("Diagnosed with COVID-19 within 90 days", []),
        # the duration of a treatment is not the disease's
        ("Disease-modifying therapy of at least 6 months duration", []),
        ("Treatment with metformin of at least 3 months duration", []),
    ],
)
def test_disease_duration_phrasings(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("18 years ≤ age ≤ 75 years", [("age", "between", 18.0, 75.0, "years")]),
        ("18 years old < age < 75 years old",
         [("age", "<", 75.0, None, "years"), ("age", ">", 18.0, None, "years")]),
        ("7% ≤ HbA1c ≤ 9%", [("hba1c", "between", 7.0, 9.0, "%")]),
    ],
)
def test_lower_bound_before_the_keyword(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Age older than or equal to 18", [("age", ">=", 18.0, None, "years")]),
        ("Age younger than or equal to 75 years", [("age", "<=", 75.0, None, "years")]),
        ("Age above or equal to 18 years", [("age", ">=", 18.0, None, "years")]),
        ("Age more than or equal 18 years", [("age", ">=", 18.0, None, "years")]),
        ("Weight higher or equal to 50 kg", [("weight", ">=", 50.0, None, "kg")]),
        ("Hemoglobin superior or equal to 10 g/dL", [("hemoglobin", ">=", 10.0, None, "g/dL")]),
        ("Age equal or above 18 years", [("age", ">=", 18.0, None, "years")]),
        ("BMI smaller than or equal to 30", [("bmi", "<=", 30.0, None, "kg/m2")]),
        # an operator phrase not in the lexicon: no row rather than "equal to 50" read as '='
        ("Weight bigger or equal to 50 kg", []),
    ],
)
def test_spelled_out_inclusive_operators(text, expected):
    # "older than or equal to" is one operator, not "equal to" after a few words
    assert facts(text) == expected


def test_normalize_leaves_plain_ascii_alone_and_rewrites_the_rest():
    from pipeline.extract.threshold_lexicon import normalize

    plain = normalize("Age >= 18 years")
    assert (plain.norm, plain.edits) == ("Age >= 18 years", [])
    escaped = normalize("Age \\>= 18 years; ANC ≥ 1.5 × 10⁹/L &amp; more")
    assert escaped.norm == "Age >= 18 years; ANC >= 1.5 x 10^9/L & more"
    assert escaped.span(0, len(escaped.norm)) == "Age \\>= 18 years; ANC ≥ 1.5 × 10⁹/L &amp; more"


# --- phrasings first met in registry text outside the corpus (the external "ext1" set) --------


@pytest.mark.parametrize(
    "text, expected",
    [
        # two bounds each with its operator are two rows, exactly as stated ("between" names a range)
        ("BMI ≥ 18.5 and ≤ 32.0 kg/m2 at screening",
         [("bmi", "<=", 32.0, None, "kg/m2"), ("bmi", ">=", 18.5, None, "kg/m2")]),
        ("BMI between ≥ 18.5 and ≤ 30 kg/m2", [("bmi", "between", 18.5, 30.0, "kg/m2")]),
        ("Body mass index (BMI) greater than or equal to (\\>=) 35 to less than or equal to (\\<=) 50 "
         "kilogram per square meter (kg/m\\^2)", [("bmi", "<=", 50.0, None, "kg/m2"), ("bmi", ">=", 35.0, None, "kg/m2")]),
        ("≥ 18 and ≤ 80 years of age", [("age", "<=", 80.0, None, "years"), ("age", ">=", 18.0, None, "years")]),
        # an exclusive bound is not folded into a range
        ("HbA1c ≥7% and \\<11%", [("hba1c", "<", 11.0, None, "%"), ("hba1c", ">=", 7.0, None, "%")]),
        ("13 Years to 70 Years, Male and female;", [("age", "between", 13.0, 70.0, "years")]),
        ("Male or Female patients 18 and 65 years, inclusive;", [("age", "between", 18.0, 65.0, "years")]),
        ("Hemoglobin is more than 80 gram per litre.", [("hemoglobin", ">", 8.0, None, "g/dL")]),
        ("ALT and AST≤ 5 times normal range", [("alt", "<=", 5.0, None, "x ULN"), ("ast", "<=", 5.0, None, "x ULN")]),
        ("HbA1c of 7.0 percent (%) - 10.5% inclusive", [("hba1c", "between", 7.0, 10.5, "%")]),
        ("Disease duration shorter than or equal to 5 years", [("disease_duration", "<=", 5.0, None, "years")]),
        ("Platelet count \\<100.000/µl", [("platelets", "<", 100.0, None, "10^9/L")]),
        ("bad physical condition (Karmofsky \\< 60%)", [("karnofsky", "<", 60.0, None, "%")]),
        ("BMI within the range of 30 to 40 kg/m²", [("bmi", "between", 30.0, 40.0, "kg/m2")]),
        # "and" joins a range only when it is said to be inclusive
        ("Age 18 and 65", []),
        ("eGFR ≥30 ˂90 mL/min/1.73m2 on repeat testing",
         [("egfr", ">=", 30.0, None, "mL/min/1.73m2"), ("egfr", "<", 90.0, None, "mL/min/1.73m2")]),
        ("creatinine clearance ≥ 40 mls/min", [("creatinine_clearance", ">=", 40.0, None, "mL/min")]),
        ("Hb ≥ 11.0 g/dL for females and 13.5 g/dL for males",
         [("hemoglobin", ">=", 11.0, None, "g/dL"), ("hemoglobin", ">=", 13.5, None, "g/dL")]),
        ("must be 18 or older;", [("age", ">=", 18.0, None, "years")]),
        # a subgroup, not a limit
        ("Insulin sensitivity known (only applicable to subjects 11 and older)", []),
        ("For subjects age 6 and older: willing to have an IV placed", []),
        ("Patients 59 and younger", [("age", "<=", 59.0, None, "years")]),
        ("80 or more years old", [("age", ">=", 80.0, None, "years")]),
        ("For patients 18 or more years of age, a signed consent", []),
        ("Duration of motor symptoms > 1 year", [("disease_duration", ">", 1.0, None, "years")]),
        ("Less than 30 Karnofsky score at enrolment", [("karnofsky", "<", 30.0, None, "%")]),
        ("QTcF > 450 milliseconds (msec) (men) or >470 msec (women)",
         [("qtc", ">", 450.0, None, "ms"), ("qtc", ">", 470.0, None, "ms")]),
        # units and words met in the fifth and sixth held-out sets
        ("Neutrophils <1000 /mmc", [("neutrophils", "<", 1.0, None, "10^9/L")]),
        ("Serum ALT greater than 3 times the upper normal range", [("alt", ">", 3.0, None, "x ULN")]),
        ("QTc interval greater than 480msecs", [("qtc", ">", 480.0, None, "ms")]),
        ("ALT < 2.5 x Institutional ULN (or 5 x Institutional ULN with hepatic mets)",
         [("alt", "<", 2.5, None, "x ULN"), ("alt", "<", 5.0, None, "x ULN")]),
        ("Hemoglobin ≥10 g/dL or ≥6.2 mmol/L without transfusion",
         [("hemoglobin", ">=", 10.0, None, "g/dL"), ("hemoglobin", ">=", 6.2, None, "mmol/L")]),
        ("1. 3 years to 65 years, life expectancy > 6 months;", [("age", "between", 3.0, 65.0, "years")]),
        ("5 to 10 years, since the diagnosis of diabetes", []),
        ("Spinal cord injury at least 12 months before screening",
         [("disease_duration", ">=", 12.0, None, "months")]),
        ("Traumatic brain injury within 6 months", []),
        # a change of a score is not the score
        ("A decline of at least 3 points in ALSFRS-R during the 3-month lead-in period", []),
        ("≥ 24 on the ALSFRS-R", [("alsfrs_r", ">=", 24.0, None, "points")]),
        # a person younger or older than a bare number: an age in years
        ("Patient is younger than 12", [("age", "<", 12.0, None, "years")]),
        ("Children younger than 2 months", [("age", "<", 2.0, None, "months")]),
        ("For patients younger than 18, a parent must sign", []),
        # how long the chronic pain studied has lasted
        ("Chronic neck pain for more than 6 months", [("disease_duration", ">", 6.0, None, "months")]),
        ("Postoperative pain for 24 hours after surgery", []),
        # the operator after the number
        ("Serum creatinine 1.5 times higher than the upper limit of normal", [("creatinine", ">", 1.5, None, "x ULN")]),
        # forms of the eighth held-out set
        ("QT interval corrected for heart rate using Fridericia's formula >480 msec", [("qtc", ">", 480.0, None, "ms")]),
        ("eGFRCysC < 30 mL/min/1.73 m2", [("egfr", "<", 30.0, None, "mL/min/1.73m2")]),
        ("Creatinine > 2 times the upper normal reference limit", [("creatinine", ">", 2.0, None, "x ULN")]),
        ("Bilirubin no greater than 2 times normal", [("bilirubin", "<=", 2.0, None, "x ULN")]),
        ("21 and over", [("age", ">=", 21.0, None, "years")]),
        ("Karnofsky ≥ 70 (patients over 16 years of age)", [("karnofsky", ">=", 70.0, None, "%")]),
        ("Diagnosis of Type 2 Diabetes (T2D) within 12 months", [("disease_duration", "<=", 12.0, None, "months")]),
        # "than" misspelt, or written after a symbol
        ("Serum creatinine less then or equal to 2.0 mg/dl", [("creatinine", "<=", 2.0, None, "mg/dL")]),
        ("Children > than 6 years old", [("age", ">", 6.0, None, "years")]),
        # a count in 10^9 whose "/L" was left out, also with the superscript lost
        ("ANC ≥ 2 × 10^9 and platelets ≥ 75 × 109.",
         [("neutrophils", ">=", 2.0, None, "10^9/L"), ("platelets", ">=", 75.0, None, "10^9/L")]),
        ("Weight ≥ 109.5 kg", [("weight", ">=", 109.5, None, "kg")]),
        # an age's bounds in two units; a qualifier with an accented letter does not end the chain
        ("Aged more than 6 months and less than 18 years",
         [("age", ">", 6.0, None, "months"), ("age", "<", 18.0, None, "years")]),
        ("HbA1c ≥ 7.0% (treatment naïve) and ≤ 10.5%", [("hba1c", ">=", 7.0, None, "%"), ("hba1c", "<=", 10.5, None, "%")]),
        # forms of the tenth held-out set
        ("Body weight equal to or greater than: 45 kilogrammes", [("weight", ">=", 45.0, None, "kg")]),
        ("Over 21", [("age", ">", 21.0, None, "years")]),
        ("Under 75.", [("age", "<", 75.0, None, "years")]),
        ("Over 18 months", []),
        ("Echocardiographic EF >= 50%", [("lvef", ">=", 50.0, None, "%")]),
        # a chained bound in a unit the measure never has is another quantity's
        ("BMI > 40 or > 150 kg body weight", [("bmi", ">", 40.0, None, "kg/m2"), ("weight", ">", 150.0, None, "kg")]),
        ("BMI below 17 or above 40 kg/m2", [("bmi", "<", 17.0, None, "kg/m2"), ("bmi", ">", 40.0, None, "kg/m2")]),
        ("more than 10 kg body weight loss in the last 3 months", []),
        # a criterion that opens with the disease studied and says how long it has lasted
        ("Psoriatic arthritis (PsA) for ≥ 6 months before screening", [("disease_duration", ">=", 6.0, None, "months")]),
        ("Patients with type 2 diabetes for at least 1 year", [("disease_duration", ">=", 1.0, None, "years")]),
        ("Stable dose of methotrexate for ≥ 3 months", []),
        ("Chronic kidney disease on dialysis for at least 3 months", []),
        ("Remission of ulcerative colitis for at least 6 months", []),
        # forms of the twelfth held-out set
        ("Creatinine value > upper normal limit", [("creatinine", ">", 1.0, None, "x ULN")]),
        ("Adults ≥ age 21 years with myasthenia", [("age", ">=", 21.0, None, "years")]),
        ("Patients 65-years-of-age or older at enrolment;", [("age", ">=", 65.0, None, "years")]),
        ("WHO 0-1", [("ecog", "between", 0.0, 1.0, "points")]),
        ("SWOG 0-2", [("ecog", "between", 0.0, 2.0, "points")]),
        ("WHO grade 2-3 glioma", []),
        ("Have a performance status of >/= 70 on the KPS.", [("karnofsky", ">=", 70.0, None, "%")]),
        ("Time from onset to treatment ≤ 6 hours", [("disease_duration", "<=", 6.0, None, "hours")]),
        # forms of the fourteenth held-out set
        ("HbA1c of 7-9 percentage (both inclusive)", [("hba1c", "between", 7.0, 9.0, "%")]),
        ("Scr > 3mg/dl", [("creatinine", ">", 3.0, None, "mg/dL")]),
        ("WBC greater than or equal to 3,500 mm(3)", [("wbc", ">=", 3.5, None, "10^9/L")]),
        ("Age 3 to ≤ 12 years, inclusive", [("age", "between", 3.0, 12.0, "years")]),
        ("Patient is older than 6 months and younger than 5 years old",
         [("age", ">", 6.0, None, "months"), ("age", "<", 5.0, None, "years")]),
        ("19 kg/m^2≤BMI≤30 kg/m^2", [("bmi", "between", 19.0, 30.0, "kg/m2")]),
        # forms of the eighteenth held-out set: "to" makes a range of two signed bounds, "and" two rows
        ("Male or female subjects, ≥18 to ≤70 years of age", [("age", "between", 18.0, 70.0, "years")]),
        ("≥ 18 and ≤ 80 years of age", [("age", ">=", 18.0, None, "years"), ("age", "<=", 80.0, None, "years")]),
        ("Adults (>21-year-old).", [("age", ">", 21.0, None, "years")]),
        ("Anemia (hemoglobin < 12 gram per deciliter)", [("hemoglobin", "<", 12.0, None, "g/dL")]),
        ("Creatinine < or = to 1.8 mg/dl", [("creatinine", "<=", 1.8, None, "mg/dL")]),
        ("HbA1c-level between 7-10%", [("hba1c", "between", 7.0, 10.0, "%")]),
        ("Patients diagnosed with a terminal disease and a survival prognosis of less than 1 year.", []),
        ("histological diagnosis of NASH obtained no more than 6 months before enrollment", []),
        # forms of the sixteenth held-out set
        ("≤24 months of age at the time of first dose", [("age", "<=", 24.0, None, "months")]),
        ("<200 days of age at enrolment", [("age", "<", 200.0, None, "days")]),
        ("Onset of clinical signs before 6 months of age", []),
        ("symptom onset ≤ 6 months of age", []),
        ("an MRI less than 6 months old", []),
        ("Patients ≥ 70 to 85 years at baseline", [("age", "between", 70.0, 85.0, "years")]),
        ("eGFR ≥ 30 mL/min/1.73 m(2)", [("egfr", ">=", 30.0, None, "mL/min/1.73m2")]),
        ("Bone age of boys < 14 years", []),
        ("Total bilirubin ≤ 1.5 x ULN for age, and serum ALT < 5 x ULN",
         [("bilirubin", "<=", 1.5, None, "x ULN"), ("alt", "<", 5.0, None, "x ULN")]),
        ("weighs at least 45 kg (99 pounds), no more than 90 kg (198 pounds)",
         [("weight", ">=", 45.0, None, "kg"), ("weight", ">=", 99.0, None, "lb"),
          ("weight", "<=", 90.0, None, "kg"), ("weight", "<=", 198.0, None, "lb")]),
        # a limit said "of" another measure is that measure's, not the one before it
        ("liver function <3 times the upper limit of ALT and <2 times the upper limit of total bilirubin", []),
    ],
)
def test_external_phrasings(text, expected):
    assert facts(text) == sorted(expected)
