"""split_criteria: eligibility criteria markdown -> (section, ordinal, level, parent, text) rows."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.criteria_text import Criterion, split_criteria

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "ctgov-data"


def rows(text: str | None) -> list[tuple[str, int, int, int | None, str]]:
    return [tuple(c) for c in split_criteria(text)]


def check_structure(criteria: list[Criterion]) -> None:
    """Ordinals run 1..n per section; a parent is an earlier row of the same section, one level up."""
    by_section: dict[str, dict[int, Criterion]] = {}
    for c in criteria:
        seen = by_section.setdefault(c.section, {})
        assert c.section in {"inclusion", "exclusion", "other"}
        assert c.ordinal == len(seen) + 1
        assert c.text and c.text == c.text.strip()
        if c.level == 0:
            assert c.parent_ordinal is None
        else:
            assert seen[c.parent_ordinal].level == c.level - 1
        seen[c.ordinal] = c


# --- small cases, named after their shape -------------------------------------------------


def test_none_and_blank_give_no_rows():
    assert rows(None) == []
    assert rows("") == []
    assert rows(" \n\n  \n") == []


def test_bulleted():
    text = "Inclusion Criteria:\n\n* Age 18 or older\n* ALS\n\nExclusion Criteria:\n\n* Pregnant"
    assert rows(text) == [
        ("inclusion", 1, 0, None, "Age 18 or older"),
        ("inclusion", 2, 0, None, "ALS"),
        ("exclusion", 1, 0, None, "Pregnant"),
    ]


def test_numbered_with_dot_paren_and_escaped_dot():
    text = "Inclusion Criteria:\n\n1. one\n2) two\n3\\. three\n10. ten"
    assert [r[4] for r in rows(text)] == ["one", "two", "three", "ten"]
    assert {r[2] for r in rows(text)} == {0}


def test_other_bullet_glyphs():
    text = "Exclusion criteria:\n\n- dash\n• dot\n+ plus\no letter o\n\\- escaped dash"
    assert [r[4] for r in rows(text)] == ["dash", "dot", "plus", "letter o", "escaped dash"]


def test_escaped_bullets_are_markers_and_escapes_stay_in_text():
    text = "Inclusion Criteria:\n\n\\* BMI \\< 18.5 kg/m²\n\\* FVC \\>= 70%"
    assert rows(text) == [
        ("inclusion", 1, 0, None, "BMI \\< 18.5 kg/m²"),
        ("inclusion", 2, 0, None, "FVC \\>= 70%"),
    ]


def test_bullet_wrapping_an_escaped_number_loses_both_markers():
    assert [r[4] for r in rows("* 1\\. Male\n* 2\\. Female")] == ["Male", "Female"]


def test_capital_initial_of_a_species_is_not_a_marker():
    assert rows("* H. pylori infection\n\nA. Any of these") == [
        ("other", 1, 0, None, "H. pylori infection"),
        ("other", 2, 0, None, "Any of these"),
    ]


def test_nested_by_indentation():
    text = (
        "Inclusion Criteria:\n\n"
        "1. Adequate organ function:\n\n"
        "   1. ANC ≥ 1.5\n"
        "   2. Platelets ≥ 100\n\n"
        "      * without transfusion\n"
        "2. ECOG 0-1\n"
    )
    assert rows(text) == [
        ("inclusion", 1, 0, None, "Adequate organ function:"),
        ("inclusion", 2, 1, 1, "ANC ≥ 1.5"),
        ("inclusion", 3, 1, 1, "Platelets ≥ 100"),
        ("inclusion", 4, 2, 3, "without transfusion"),
        ("inclusion", 5, 0, None, "ECOG 0-1"),
    ]


def test_different_bullets_directly_after_a_colon_nest_at_the_same_indent():
    text = "1. Adequate organ function:\n* ANC ≥ 1.5\n* Platelets ≥ 100\n2. ECOG 0-1"
    assert rows(text) == [
        ("other", 1, 0, None, "Adequate organ function:"),
        ("other", 2, 1, 1, "ANC ≥ 1.5"),
        ("other", 3, 1, 1, "Platelets ≥ 100"),
        ("other", 4, 0, None, "ECOG 0-1"),
    ]


def test_same_bullets_after_a_colon_stay_siblings():
    text = "* Adequate liver function:\n* ALT ≤ 2.5 x ULN\n* Bilirubin ≤ 1.5 x ULN"
    assert {r[2] for r in rows(text)} == {0}


def test_sub_headings_are_items_and_take_the_bullets_below_them():
    text = (
        "Inclusion Criteria:\n\n"
        "Patients must meet the following:\n\n"
        "* age 18-75\n"
        "* ALS\n\n"
        "For cohort B:\n\n"
        "* prior treatment\n\n"
        "A closing remark without a colon\n\n"
        "* a sibling, not a child\n"
    )
    assert rows(text) == [
        ("inclusion", 1, 0, None, "Patients must meet the following:"),
        ("inclusion", 2, 1, 1, "age 18-75"),
        ("inclusion", 3, 1, 1, "ALS"),
        ("inclusion", 4, 0, None, "For cohort B:"),
        ("inclusion", 5, 1, 4, "prior treatment"),
        ("inclusion", 6, 0, None, "A closing remark without a colon"),
        ("inclusion", 7, 0, None, "a sibling, not a child"),
    ]


def test_wrapped_lines_join_with_one_space():
    text = "Inclusion Criteria:\n* Women of childbearing\n  potential must use\ncontraception\n* Next"
    assert rows(text) == [
        ("inclusion", 1, 0, None, "Women of childbearing potential must use contraception"),
        ("inclusion", 2, 0, None, "Next"),
    ]


def test_indented_paragraph_after_a_blank_line_continues_its_item():
    text = "1. Contraception required.\n\n   A woman is of childbearing potential unless sterile.\n2. Next"
    assert rows(text) == [
        ("other", 1, 0, None, "Contraception required. A woman is of childbearing potential unless sterile."),
        ("other", 2, 0, None, "Next"),
    ]


def test_blank_lines_between_items():
    text = "Inclusion Criteria:\n\n* one\n\n* two\n\n\n* three"
    assert [r[:2] for r in rows(text)] == [("inclusion", 1), ("inclusion", 2), ("inclusion", 3)]


def test_no_headings_is_all_other():
    text = "Adults with ALS.\n\nAble to consent."
    assert rows(text) == [
        ("other", 1, 0, None, "Adults with ALS."),
        ("other", 2, 0, None, "Able to consent."),
    ]


def test_text_before_the_first_heading_is_other():
    text = "Participants must meet all criteria.\n\nInclusion Criteria:\n\n* ALS"
    assert [r[0] for r in rows(text)] == ["other", "inclusion"]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Inclusion criteria", "inclusion"),
        ("INCLUSION CRITERIA:", "inclusion"),
        ("Key Inclusion Criteria:", "inclusion"),
        ("Key Inclusion Criteria :", "inclusion"),
        ("**Inclusion Criteria:**", "inclusion"),
        ("## Inclusion Criteria", "inclusion"),
        ("* INCLUSION CRITERIA:", "inclusion"),
        ("Inclusion:", "inclusion"),
        ("Inclusion Criteriar:", "inclusion"),
        ("Criteria for inclusion:", "inclusion"),
        ("Inclusion Criteria includes:", "inclusion"),
        ("Exclusion criteria -", "exclusion"),
        ("Other exclusion criteria:", "exclusion"),
        ("III.6 EXCLUSION CRITERIA", "exclusion"),
        ("Ineligibility criteria", "exclusion"),
        ("Non-inclusion criteria:", "exclusion"),
        ("Critères de non-inclusion :", "exclusion"),
        ("Inclusion and Exclusion Criteria:", "other"),
    ],
)
def test_heading_forms(heading, section):
    assert rows(f"Preamble.\n\n{heading}\n\n* item") == [
        ("other", 1, 0, None, "Preamble."),
        (section, 1 if section != "other" else 2, 0, None, "item"),
    ]


def test_heading_with_text_after_its_separator():
    text = "Inclusion Criteria: - Informed consent\n\nExclusion Criteria: contra-indication"
    assert rows(text) == [
        ("inclusion", 1, 0, None, "Informed consent"),
        ("exclusion", 1, 0, None, "contra-indication"),
    ]


def test_qualified_heading_switches_section_and_is_kept_as_an_item():
    text = "Inclusion Criteria (Families):\n\n* a parent\n\nExclusion criteria for study arm 2:\n\n* prior surgery"
    assert rows(text) == [
        ("inclusion", 1, 0, None, "Inclusion Criteria (Families):"),
        ("inclusion", 2, 1, 1, "a parent"),
        ("exclusion", 1, 0, None, "Exclusion criteria for study arm 2:"),
        ("exclusion", 2, 1, 1, "prior surgery"),
    ]


def test_qualified_heading_as_a_bullet_loses_its_marker():
    assert rows("* Inclusion Criteria (Controls):\n\n  * healthy") == [
        ("inclusion", 1, 0, None, "Inclusion Criteria (Controls):"),
        ("inclusion", 2, 1, 1, "healthy"),
    ]


def test_qualified_heading_mid_paragraph_is_text():
    text = "Exclusion Criteria:\n\n* Patients who meet\nthe exclusion criteria for arm B:"
    assert rows(text) == [("exclusion", 1, 0, None, "Patients who meet the exclusion criteria for arm B:")]


def test_thematic_breaks_and_non_breaking_spaces():
    assert rows("*\u00a0one\n\n---\n\n2.\u00a0two") == [
        ("other", 1, 0, None, "one"),
        ("other", 2, 0, None, "two"),
    ]


def test_heading_run_into_the_line_before_it():
    text = (
        "Inclusion Criteria:\n\n"
        "* Approved by the Medical Advisory Board (MAB) Exclusion Criteria:• Disc height\n"
        "* Prior surgery"
    )
    assert rows(text) == [
        ("inclusion", 1, 0, None, "Approved by the Medical Advisory Board (MAB)"),
        ("exclusion", 1, 0, None, "Disc height"),
        ("exclusion", 2, 0, None, "Prior surgery"),
    ]
    assert [r[0] for r in rows("Patient Inclusion Criteria:\n\n* adult")] == ["inclusion"]


def test_sentence_mentioning_criteria_is_not_a_heading():
    text = (
        "Exclusion Criteria:\n\n* Patients not meeting all the inclusion criteria\n\nFurther inclusion criteria apply."
    )
    assert [r[0] for r in rows(text)] == ["exclusion", "exclusion"]


def test_eligibility_heading_is_inclusion_when_only_exclusion_is_named():
    text = "Eligibility criteria:\n\n* age 13-20\n\nExclusion criteria:\n\n* urgent care"
    assert [r[0] for r in rows(text)] == ["inclusion", "exclusion"]
    assert [r[0] for r in rows("Major Eligibility Criteria:\n\n* age 4-8")] == ["other"]


def test_empty_marker_is_dropped_and_its_children_move_up():
    assert rows("1.\n   * child\n2. next") == [
        ("other", 1, 0, None, "child"),
        ("other", 2, 0, None, "next"),
    ]


def test_tabs_and_crlf():
    assert rows("Inclusion Criteria:\r\n\r\n* a:\r\n\t* b\r\n") == [
        ("inclusion", 1, 0, None, "a:"),
        ("inclusion", 2, 1, 1, "b"),
    ]


# --- the flagship study ---------------------------------------------------------------------

FLAGSHIP_INCLUSION = [
    "18-75 years of age (inclusive of 18 and 75 years), regardless of gender;",
    "Diagnosed of definite or probable ALS according to the revised EI Escorial criteria;",
    "Respiratory function FVC at baseline was ≥70% of the predicted value (FVC%);",
    "Patients with birth-potential (both male and female) must agree to use effective non-drug contraceptive "
    "measures from the time of signing the informed consent until 6 months after the conclusion of the trial;",
    "Volunteer to participate in the clinical study, understand and sign the informed consent form.",
]
FLAGSHIP_EXCLUSION = [
    "Subject has signs and symptoms of neuromuscular weakness, and other causes of muscle weakness cannot be "
    "ruled out;",
    "Baseline body mass index (BMI) \\< 18.5 kg/m²;",
    "Primary lateral sclerosis presenting only with upper motor neuron symptoms;",
    "Significant psychiatric disorders that the investigator assesses may affect evaluation;",
    "Diseases causing neurological or muscular dysfunction, such as metabolic muscle diseases or myasthenia gravis;",
    "Diagnosed autoimmune diseases with uncontrolled severe arthritis or other conditions (e.g., lameness) that the "
    "investigator assesses may affect evaluation;",
    "Acute active infections requiring antibiotics, antivirals, or antifungals that occurred within the 2 weeks prior "
    "to screening and are not controlled;",
    "Subject diagnosed with active pulmonary tuberculosis or treated for suspected tuberculosis;",
    "Diagnosed severe pulmonary diseases that the investigator assesses may affect evaluation;",
    "Poorly controlled hypertension;",
    "Previous or detected cardiac abnormalities;",
    "A history of cirrhosis, chronic hepatitis, or liver function at screening;",
    "A history of chronic kidney disease;",
    "Previous history of bleeding, abnormal clotting, or being treated with anticoagulation;",
    "Active hepatitis B, active hepatitis C, human immunodeficiency virus (HIV) antibody or treponema pallidum "
    "antibody positive at screening;",
    "History of severe trauma or surgery and may affect the assessment judged by investigator;",
    "Subjects with contraindications to lumbar puncture, including menifestations of injection site infection or high "
    "intracranial pressure.",
    "Those who have had a malignant tumor within 5 years prior to screening or are undergoing antitumor therapy;",
    "Have participated in other clinical trials within 3 months prior to screening;",
    "Pregnant or breastfeeding women;",
    "Subject who is judged by the investigator to be unsuitable for the clinical trial.",
]


def test_flagship_nct07118319():
    text = (
        "Inclusion Criteria:\n\n"
        + "\n".join(f"{i}. {t}" for i, t in enumerate(FLAGSHIP_INCLUSION, 1))
        + "\n\nExclusion Criteria:\n\n"
        + "\n".join(f"{i}. {t}" for i, t in enumerate(FLAGSHIP_EXCLUSION, 1))
    )
    assert rows(text) == [("inclusion", i, 0, None, t) for i, t in enumerate(FLAGSHIP_INCLUSION, 1)] + [
        ("exclusion", i, 0, None, t) for i, t in enumerate(FLAGSHIP_EXCLUSION, 1)
    ]


# --- never lose text --------------------------------------------------------------------------

WORD = st.from_regex(r"[a-z]{3,9}", fullmatch=True).filter(
    lambda w: not any(k in w for k in ("clusi", "eligib", "criter"))
)
TOKEN = st.one_of(WORD, st.sampled_from(["\\<", "\\>=", "≥70%", "(FVC%);", "18.5", "kg/m²", "e.g."]))
MARKER = st.sampled_from(["", "* ", "- ", "\\* ", "\\- ", "• ", "1. ", "12) ", "3\\. ", "a. ", "(ii) ", "* 4\\. "])
HEADING = st.sampled_from(
    [
        "Inclusion Criteria:",
        "Exclusion Criteria:",
        "INCLUSION CRITERIA",
        "Key Exclusion Criteria:",
        "Exclusion criteria -",
        "Ineligibility criteria",
        "**Inclusion criteria:**",
    ]
)


@st.composite
def criteria_documents(draw) -> tuple[str, list[str]]:
    """Markdown-ish criteria text and the words it holds outside its headings."""
    lines: list[str] = []
    words: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        if draw(st.integers(0, 5)) == 0:
            lines += ["", draw(HEADING), ""]
            continue
        item = draw(st.lists(TOKEN, min_size=1, max_size=6))
        cut = draw(st.integers(1, len(item)))
        if draw(st.booleans()):  # a sub-heading ("... the following:")
            item[cut - 1] += ":"
        words += item
        indent = " " * draw(st.sampled_from([0, 0, 2, 3, 4, 6]))
        lines.append(indent + draw(MARKER) + " ".join(item[:cut]))
        if cut < len(item):  # a wrapped continuation line
            lines.append(" " * draw(st.sampled_from([0, 2, 5])) + " ".join(item[cut:]))
        lines += [""] * draw(st.integers(0, 2))
    return "\n".join(lines), words


@settings(max_examples=400, deadline=None)
@given(criteria_documents())
def test_every_word_outside_headings_lands_in_exactly_one_row(document):
    text, words = document
    criteria = split_criteria(text)
    assert Counter(w for c in criteria for w in c.text.split()) == Counter(words)
    check_structure(criteria)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab*-•1.)\\: \n\tIo")), max_size=80))
def test_arbitrary_text_never_raises_and_rows_are_well_formed(text):
    check_structure(split_criteria(text))


# --- the corpus -------------------------------------------------------------------------------

# Tokens a splitter may drop: list markers ("*", "1.", "1\.", "(a)", "o").
_MARKER_TOKEN = re.compile(r"\\?[*+\-•●○◦▪■□·➢►✓–—o]|\(?(?:\d{1,3}(?:\.\d{1,2})*|[A-Za-z]|[ivxIVX]{1,6})\\?[.)]")
# Lines a splitter may drop: short lines that read like a section heading.
_HEADING_LIKE = re.compile(r"clusi|eligib|criter", re.IGNORECASE)
_INLINE_HEADING = re.compile(
    r"\b(?:(?:key|main|study|subject|patient)\s+)?(?:inclusion|exclusion)\s+criteria\s*[:.\-]", re.IGNORECASE
)
_BOTH_HEADINGS = re.compile(
    r"^[#*\s]*(?:\w+\s+){0,2}(inclusion|exclusion)\s+criteria\b[^\n]{0,20}$", re.IGNORECASE | re.MULTILINE
)


def headed_sections(text: str) -> set[str]:
    """'inclusion'/'exclusion' for each such heading line with some text (not just a bare "-") below it."""
    pieces = _BOTH_HEADINGS.split(text)  # [before, kind, after, kind, after, ...]
    return {
        kind.lower()
        for kind, after in zip(pieces[1::2], pieces[2::2], strict=True)
        if any(not _MARKER_TOKEN.fullmatch(w) for w in after.split())
    }


def lost_and_invented(text: str, criteria: list[Criterion]) -> tuple[Counter[str], Counter[str]]:
    """Words of the input missing from the rows (outside headings and markers), and words the rows made up."""
    source: Counter[str] = Counter()
    optional: Counter[str] = Counter()
    for line in text.splitlines():
        kept = [w for w in line.split() if not _MARKER_TOKEN.fullmatch(w)]
        if len(kept) <= 15 and _HEADING_LIKE.search(line):
            optional.update(kept)
            continue
        for heading in _INLINE_HEADING.findall(line):
            optional.update(heading.split())
        source.update(w for w in _INLINE_HEADING.sub(" ", line).split() if not _MARKER_TOKEN.fullmatch(w))
    found = Counter(w for c in criteria for w in c.text.split() if not _MARKER_TOKEN.fullmatch(w))
    return source - found, found - source - optional


@pytest.mark.corpus
def test_corpus_splits_without_loss():
    files = sorted(CORPUS.glob("NCT*.json"))
    if not files:
        pytest.skip(f"no registry records at {CORPUS.resolve()} (the shared ctgov-data folder is absent)")
    with_other: list[str] = []
    studies = rows_total = 0
    for path in files:
        study = json.loads(path.read_text(encoding="utf-8"))
        text = study["protocolSection"].get("eligibilityModule", {}).get("eligibilityCriteria")
        criteria = split_criteria(text)
        studies += 1
        rows_total += len(criteria)
        check_structure(criteria)
        lost, invented = lost_and_invented(text or "", criteria)
        assert not lost, f"{path.name} lost {sorted(lost)[:10]}"
        assert not invented, f"{path.name} invented {sorted(invented)[:10]}"
        named = headed_sections(text or "")
        if named == {"inclusion", "exclusion"}:
            sections = {c.section for c in criteria}
            assert named <= sections, f"{path.name} gave sections {sorted(sections)}"
        if any(c.section == "other" for c in criteria):
            with_other.append(path.stem)
    print(  # shown with -s; a number to watch, not a pass/fail line
        f"\ncriteria corpus: {studies} studies, {rows_total} rows, "
        f"{len(with_other)} with 'other' rows: {' '.join(with_other)}"
    )
