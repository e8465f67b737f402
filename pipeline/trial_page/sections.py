"""From a trial's rows to the sections of its page, in the registry page's order.

Empty sections carry the sentence the page would show ("Results pending", "No locations listed").
"""

from __future__ import annotations

from pipeline.trial_page.model import Block, Criteria, Entry, Fields, Page, Paragraph, Section


def _text(value) -> str:
    return "" if value is None else str(value)


def _lines(*values: str | None) -> tuple[str, ...]:
    return tuple(value for value in values if value)


def _yes_no(value) -> str:
    return {True: "Yes", False: "No"}.get(value, "")


def _pairs(*pairs: tuple[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple((label, _text(value)) for label, value in pairs if value not in (None, "", []))


def _with_type(text: str | None, kind: str | None) -> str | None:
    """A date or count with its type when the registry says it is only ESTIMATED."""
    if text and kind == "ESTIMATED":
        return f"{text} (estimated)"
    return text


def _phone(row: dict) -> str | None:
    if row["phone"] and row["phone_ext"]:
        return f"{row['phone']} ext. {row['phone_ext']}"
    return row["phone"]


def page_from_rows(rows: dict[str, list[dict]], related: list[tuple[str, str, float]] | None = None) -> Page:
    study = rows["study"][0]
    header = _pairs(("NCT ID:", study["nct_id"]), ("Last Updated:", study["last_update_text"]))
    sections = (
        _results(study, rows),
        _basic(study),
        Section("Brief Summary", "Review the sponsor-provided synopsis that highlights what the study is about "
                "and why it is being conducted.", _paragraphs(study["brief_summary"]), "No summary provided."),
        Section("Detailed Description", "Dive into the extended narrative that explains the scientific background, "
                "objectives, and procedures in greater depth.", _paragraphs(study["detailed_description"]),
                "No detailed description provided."),
        _conditions(rows),
        _design(study),
        _groups(rows),
        _interventions(rows),
        _outcomes(rows),
        _eligibility(rows),
        _sponsors(rows),
        _responsible_party(study, rows),
        _locations(rows),
        Section("Countries", "Review the countries where the study has at least one active or historical site.",
                tuple(Paragraph(row["country"]) for row in rows["countries"]), "No countries listed."),
        _central_contacts(rows),
        _facility_contacts(rows),
        _identifiers(rows),
        _related(related),
    )
    return Page(study["nct_id"], study["brief_title"] or study["nct_id"], header, sections)


def _paragraphs(text: str | None) -> tuple[Block, ...]:
    if not text:
        return ()
    return tuple(Paragraph(part.strip()) for part in text.split("\n\n") if part.strip())


def _results(study: dict, rows: dict) -> Section:
    blurb = ""  # the page gives this section no blurb
    if not (study["has_results"] or rows["ae_groups"] or rows["outcome_measures"]):
        return Section("Study Results", blurb, (
            Paragraph("Results pending"),
            Paragraph("The study team has not published outcome measurements, participant flow, or safety data "
                      "for this trial yet. Check back later for updates."),
        ))
    measures = rows["outcome_measures"]
    blocks: list[Block] = [Fields(_pairs(
        ("Results First Posted", study["results_posted_text"]),
        ("Outcome Measures", f"{len(measures)} reported" if measures else None),
        ("Participants With a Serious Adverse Event", _sum_of(rows["ae_groups"], "serious_num_affected",
                                                              "serious_num_at_risk")),
        ("Participants With Other Adverse Events", _sum_of(rows["ae_groups"], "other_num_affected",
                                                          "other_num_at_risk")),
        ("Deaths (All Causes)", _sum_of(rows["ae_groups"], "deaths_num_affected", "deaths_num_at_risk")),
    ))]
    primary = [m["title"] for m in measures if m["type"] == "PRIMARY"]
    if primary:
        blocks.append(Entry("Primary Outcome Measures", tuple(primary)))
    flow: dict[str, dict[str, str]] = {}
    for row in rows["flow"]:
        flow.setdefault(_text(row["title"]), {})[row["type"]] = _text(row["num_subjects"])
    if flow:
        blocks.append(Entry("Participant Flow", children=tuple(
            Entry(title, facts=_pairs(("Started", counts.get("STARTED")), ("Completed", counts.get("COMPLETED"))))
            for title, counts in flow.items())))
    if rows["serious_terms"]:
        blocks.append(Entry("Most Frequent Serious Adverse Events", tuple(
            f"{row['term']}: {row['affected']} participant{'' if row['affected'] == 1 else 's'}"
            if row["affected"] is not None else row["term"]
            for row in rows["serious_terms"])))
    blocks.append(Paragraph(f"Full results: https://clinicaltrials.gov/study/{study['nct_id']}?tab=results"))
    return Section("Study Results", blurb, tuple(blocks))


def _sum_of(groups: list[dict], affected: str, at_risk: str) -> str | None:
    known = [g for g in groups if g[affected] is not None]
    if not known:
        return None
    total = sum(g[affected] for g in known)
    risk = [g[at_risk] for g in known if g[at_risk] is not None]
    return f"{total} of {sum(risk)}" if len(risk) == len(known) else str(total)


def _basic(study: dict) -> Section:
    enrollment = (f"{study['enrollment']} participant{'' if study['enrollment'] == 1 else 's'}"
                  if study["enrollment"] is not None else None)
    return Section(
        "Basic Information",
        "Get a concise snapshot of the trial, including recruitment status, study phase, enrollment targets, "
        "and key timeline milestones.",
        (Fields(_pairs(
            ("Official Title", study["official_title"]),
            ("Acronym", study["acronym"]),
            ("Recruitment Status", study["overall_status"]),
            ("Why Stopped", study["why_stopped"]),
            ("Clinical Phase", ", ".join(study["phases"] or []) or None),
            ("Total Enrollment", _with_type(enrollment, study["enrollment_type"])),
            ("Study Classification", study["study_type"]),
            ("Study Start Date", _with_type(study["start_text"], study["start_date_type"])),
            ("Primary Completion Date", _with_type(study["primary_completion_text"],
                                                   study["primary_completion_date_type"])),
            ("Study Completion Date", _with_type(study["completion_text"], study["completion_date_type"])),
            ("First Posted", study["first_posted_text"]),
        )),),
        "No basic information provided.",
    )


def _conditions(rows: dict) -> Section:
    blocks: list[Block] = [Paragraph(row["name"]) for row in rows["conditions"]]
    if rows["keywords"]:
        blocks.append(Entry("Keywords", (", ".join(row["keyword"] for row in rows["keywords"]),)))
    return Section("Conditions", "See the medical conditions and disease areas that this research is targeting "
                   "or investigating.", tuple(blocks), "No conditions listed.")


def _design(study: dict) -> Section:
    return Section(
        "Study Design",
        "Understand how the trial is structured, including allocation methods, masking strategies, primary "
        "purpose, and other design elements.",
        tuple(b for b in [Fields(_pairs(
            ("Allocation Method", study["allocation"]),
            ("Intervention Model", study["intervention_model"]),
            ("Intervention Model Description", study["intervention_model_description"]),
            ("Primary Study Purpose", study["primary_purpose"]),
            ("Blinding Strategy", study["masking"]),
            ("Who Is Masked", ", ".join(study["masked_roles"] or []) or None),
            ("Observational Model", study["observational_model"]),
            ("Time Perspective", study["time_perspective"]),
        ))] if b.pairs),
        "No design information provided.",
    )


def _intervention_entry(row: dict, *, type_first: bool) -> Entry:
    facts = _pairs(("Intervention Type", row["type"]), ("Other Names:", row["other_names"]))
    lines = _lines(row["description"])
    # the page lists a group's interventions as name, type, description, and the
    # Interventions section as name, description, type
    return Entry(row["name"], lines, facts, facts_first=type_first)


def _groups(rows: dict) -> Section:
    by_ordinal = {row["ordinal"]: row for row in rows["interventions"]}
    linked: dict[int, list[dict]] = {}
    for link in rows["arm_interventions"]:
        linked.setdefault(link["arm_ordinal"], []).append(by_ordinal[link["intervention_ordinal"]])
    entries = tuple(
        Entry(arm["label"], _lines(arm["description"]), _pairs(("Group Type", arm["type"])),
              tuple(_intervention_entry(row, type_first=True) for row in linked.get(arm["ordinal"], [])))
        for arm in rows["arms"])
    return Section("Study Groups", "Review each arm or cohort in the study, along with the interventions and "
                   "objectives associated with them.", entries, "No study groups listed.")


def _interventions(rows: dict) -> Section:
    return Section("Interventions", "Learn about the drugs, procedures, or behavioral strategies being tested "
                   "and how they are applied within this trial.",
                   tuple(_intervention_entry(row, type_first=False) for row in rows["interventions"]),
                   "No interventions listed.")


def _outcomes(rows: dict) -> Section:
    return Section("Outcome Measures", "See what the study measures to judge safety and efficacy, and when.",
                   tuple(Entry(row["measure"], _lines(row["description"]),
                               _pairs(("Kind:", row["kind"]), ("Time Frame:", row["time_frame"])))
                         for row in rows["outcomes"]),
                   "No outcome measures listed.")


def _eligibility(rows: dict) -> Section:
    blocks: list[Block] = []
    headings = {"inclusion": "Inclusion Criteria", "exclusion": "Exclusion Criteria", "other": "Other Criteria"}
    for section, heading in headings.items():
        items = tuple((row["level"], row["text"]) for row in rows["criteria"] if row["section"] == section)
        if items:
            blocks.append(Criteria(heading, items))
    eligibility = rows["eligibility"][0] if rows["eligibility"] else None
    if eligibility:
        if not blocks and eligibility["criteria_text"]:
            blocks.append(Paragraph(eligibility["criteria_text"]))
        blocks.append(Fields(_pairs(
            ("Minimum Eligible Age", eligibility["minimum_age"] or "No minimum"),
            ("Maximum Eligible Age", eligibility["maximum_age"] or "No maximum"),
            ("Eligible Sex", eligibility["sex"]),
            ("Accepts Healthy Volunteers", _yes_no(eligibility["healthy_volunteers"])),
            ("Study Population", eligibility["study_population"]),
        )))
    return Section("Eligibility Criteria", "Check the participation requirements, including inclusion and "
                   "exclusion rules, age limits, and whether healthy volunteers are accepted.", tuple(blocks),
                   "No eligibility criteria provided.")


def _sponsors(rows: dict) -> Section:
    return Section("Sponsors", "Meet the organizations funding or collaborating on the study and learn about "
                   "their roles.",
                   tuple(Entry(row["name"], _lines(row["class"]), _pairs(("Sponsor Role", row["role"])))
                         for row in rows["sponsors"]),
                   "No sponsors listed.")


def _responsible_party(study: dict, rows: dict) -> Section:
    facts = _pairs(
        ("Responsibility Role", study["responsible_party_type"]),
        ("Investigator:", study["responsible_party_investigator_name"] or study["responsible_party_old_name_title"]),
        ("Title:", study["responsible_party_investigator_title"]),
        ("Affiliation:", study["responsible_party_investigator_affiliation"]
         or study["responsible_party_old_organization"]),
    )
    blocks: list[Block] = [Entry("", facts=facts)] if facts else []
    blocks += [Entry(row["name"], _lines(row["affiliation"]), _pairs(("Official Role:", row["role"])))
               for row in rows["officials"]]
    return Section("Responsible Party", "Identify the individual or organization who holds primary responsibility "
                   "for the study information submitted to regulators.", tuple(blocks),
                   "No responsible party listed.")


def _locations(rows: dict) -> Section:
    return Section("Locations", "Explore where the study is taking place and check the recruitment status at each "
                   "participating site.",
                   tuple(Entry(row["facility"] or "Unnamed site", _lines(row["place"]),
                               _pairs(("Site Status", row["status"])))
                         for row in rows["locations"]),
                   "No locations listed.")


def _contact(row: dict, role: str | None, extra: tuple[str, ...] = ()) -> Entry:
    lines = _lines(_phone(row), row["email"], *extra)
    return Entry(row["name"] or "Unnamed contact", lines, _pairs(("Role:", role)), facts_first=True)


def _central_contacts(rows: dict) -> Section:
    return Section("Central Contacts", "Reach out to these primary contacts for questions about participation or "
                   "study logistics.", tuple(_contact(row, row["role"]) for row in rows["central_contacts"]),
                   "No central contacts listed.")


def _facility_role(row: dict) -> str | None:
    # The registry page shows a site's CONTACT as its "primary" contact: the record once held
    # one primary and one backup contact per site, in that order, and API v2 calls both CONTACT.
    if row["role"] == "CONTACT":
        return "primary" if row["rank_in_role"] == 1 else "backup"
    return row["role"]


def _facility_contacts(rows: dict) -> Section:
    return Section("Facility Contacts", "Find local site contact details for specific facilities participating in "
                   "the trial.",
                   tuple(_contact(row, _facility_role(row), (f"Site: {row['facility']}",) if row["facility"] else ())
                         for row in rows["facility_contacts"]),
                   "No facility contacts listed.")


def _identifiers(rows: dict) -> Section:
    return Section("Other Identifiers", "Review additional registry numbers or institutional identifiers associated "
                   "with this trial.",
                   tuple(Entry(row["id_value"], _lines(row["domain"], row["link"]),
                               (("Identifier Type:", row["id_type"] or "-"), ("Identifier Source:", row["source"])))
                         for row in rows["identifiers"]),
                   "No other identifiers listed.")


def _related(related: list[tuple[str, str, float]] | None) -> Section:
    blurb = "Additional clinical trials that may be relevant based on similarity analysis."
    if related is None:
        return Section("More Related Trials", blurb, (), "Not computed (see pipeline similar).")
    return Section("More Related Trials", blurb,
                   tuple(Entry(f"{nct_id}: {title}", facts=(("Similarity", f"{score:.2f}"),))
                         for nct_id, title, score in related),
                   "No other trials in the warehouse.")
