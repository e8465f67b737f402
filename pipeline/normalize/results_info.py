"""resultsSection module-level fields and moreInfoModule -> ``study_results`` (one row per
study with a results section).

The texts that belong to a whole results module (participant flow details, baseline
population, adverse-event threshold, time frame and description) are here rather than on
their module's tables, together with the limitations, the agreement between the principal
investigator and the sponsor, and the results point of contact.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.numbers import parsed, walked
from pipeline.normalize.schemas.results import STUDY_RESULTS
from pipeline.normalize.source import Columns, Study, sub
from pipeline.normalize.text import unescape

_MARKUP = (
    "flow_pre_assignment_details",
    "flow_recruitment_details",
    "baseline_population_description",
    "ae_description",
    "ae_all_cause_mortality_comment",
    "limitations_and_caveats",
    "agreement_other_details",
)


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    cols = Columns(walked(STUDY_RESULTS))
    for s in studies:
        results = s.results
        if not results:
            continue
        flow = sub(results, "participantFlowModule")
        baseline = sub(results, "baselineCharacteristicsModule")
        events = sub(results, "adverseEventsModule")
        more = sub(results, "moreInfoModule")
        agreement = sub(more, "certainAgreement")
        contact = sub(more, "pointOfContact")
        cols.add(
            s.nct_id,
            flow.get("preAssignmentDetails"),
            flow.get("recruitmentDetails"),
            flow.get("typeUnitsAnalyzed"),
            baseline.get("populationDescription"),
            baseline.get("typeUnitsAnalyzed"),
            events.get("frequencyThreshold"),
            events.get("timeFrame"),
            events.get("description"),
            events.get("allCauseMortalityComment"),
            sub(more, "limitationsAndCaveats").get("description"),
            agreement.get("piSponsorEmployee"),
            agreement.get("restrictionType"),
            agreement.get("restrictiveAgreement"),
            agreement.get("otherDetails"),
            contact.get("title"),
            contact.get("organization"),
            contact.get("email"),
            contact.get("phone"),
            contact.get("phoneExt"),
        )
    frame = cols.frame(walked(STUDY_RESULTS))
    return {
        "study_results": frame.with_columns(*parsed(STUDY_RESULTS), *(unescape(pl.col(n)) for n in _MARKUP))
        .select(STUDY_RESULTS.names())
    }
