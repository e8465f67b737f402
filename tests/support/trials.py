"""Small ALS trials in API v2 shape for end-to-end tests (named after what they exercise)."""

from __future__ import annotations

from tests.support.study_dicts import study


def als_msc_trial(nct_id: str, *, arms: int = 1, status: str = "COMPLETED", posted: str = "2026-01-05",
                  sites: int = 1, enrollment: int = 20) -> dict:
    """An ALS trial of autologous mesenchymal stem cells with ``arms`` arms and ``sites`` sites."""
    labels = [f"Dose level {n}" for n in range(1, arms + 1)]
    return study(
        nct_id,
        statusModule={
            "overallStatus": status,
            "startDateStruct": {"date": "2019-03", "type": "ACTUAL"},
            "lastUpdatePostDateStruct": {"date": posted, "type": "ACTUAL"},
        },
        conditionsModule={"conditions": ["Amyotrophic Lateral Sclerosis"]},
        designModule={"studyType": "INTERVENTIONAL", "phases": ["PHASE2"],
                      "enrollmentInfo": {"count": enrollment, "type": "ESTIMATED"}},
        armsInterventionsModule={
            "armGroups": [
                {"label": label, "type": "EXPERIMENTAL", "interventionNames": ["Biological: Autologous MSC"]}
                for label in labels
            ],
            "interventions": [{"type": "BIOLOGICAL", "name": "Autologous MSC", "armGroupLabels": labels}],
        },
        eligibilityModule={"eligibilityCriteria": "Inclusion Criteria:\n\n* ALS\n\nExclusion Criteria:\n\n* Pregnancy",
                           "minimumAge": "6 Months", "sex": "ALL"},
        contactsLocationsModule={"locations": [{"facility": f"Site {n}", "city": "Boston", "country": "United States"}
                                               for n in range(1, sites + 1)]},
    )


def unrelated_trial(nct_id: str) -> dict:
    return study(nct_id, conditionsModule={"conditions": ["Asthma"]},
                 armsInterventionsModule={"interventions": [{"type": "DRUG", "name": "Salbutamol"}]})


def with_alias(trial: dict, *aliases: str) -> dict:
    """``trial`` after the registry merged ``aliases`` into it."""
    ident = trial["protocolSection"]["identificationModule"]
    return {**trial, "protocolSection": {**trial["protocolSection"],
                                         "identificationModule": {**ident, "nctIdAliases": list(aliases)}}}
