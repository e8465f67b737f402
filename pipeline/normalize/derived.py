"""derivedSection (the registry's own additions) -> miscInfoModule columns on ``studies``,
``mesh_terms``, ``browse_leaves``, ``browse_branches`` and ``submission_infos``.

The condition and intervention browse modules have the same shape; each row says which
one it came from in ``domain``.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.dates import full_date, partial_date
from pipeline.normalize.schemas.protocol import BROWSE_BRANCHES, BROWSE_LEAVES, MESH_TERMS, SUBMISSION_INFOS
from pipeline.normalize.source import Columns, Study, items, strings, sub

# domain -> derivedSection key
BROWSE_MODULES = (("condition", "conditionBrowseModule"), ("intervention", "interventionBrowseModule"))

_RAW = {
    "version_holder_raw": pl.String,
    "removed_countries": pl.List(pl.String),
    "estimated_results_first_submit_raw": pl.String,
    "first_mcp_posted_raw": pl.String,
    "first_mcp_posted_date_type": pl.String,
    "model_min_bmi": pl.Float64,
    "model_max_bmi": pl.Float64,
}

_SUBMISSION_DATES = ("release_date", "unrelease_date", "reset_date")
# The submission dates are parsed after the walk, like every other date.
_SUBMISSIONS_RAW = {name: pl.String if name in _SUBMISSION_DATES else dtype for name, dtype in SUBMISSION_INFOS.items()}


def study_columns(studies: Sequence[Study]) -> pl.DataFrame:
    cols = Columns(_RAW)
    for s in studies:
        misc = sub(s.derived, "miscInfoModule")
        tracking = sub(misc, "submissionTracking")
        first_mcp = sub(tracking, "firstMcpInfo", "postDateStruct")
        # modelPredictions is in the registry's records but not in its 2.0.5 OpenAPI spec.
        bmi = sub(misc, "modelPredictions", "bmiLimits")
        cols.add(
            misc.get("versionHolder"),
            strings(misc, "removedCountries"),
            tracking.get("estimatedResultsFirstSubmitDate"),
            first_mcp.get("date"),
            first_mcp.get("type"),
            bmi.get("minBmi"),
            bmi.get("maxBmi"),
        )
    return cols.frame(_RAW).with_columns(
        full_date("version_holder_raw", "version_holder_date"),
        full_date("estimated_results_first_submit_raw", "estimated_results_first_submit_date"),
        *partial_date("first_mcp_posted_raw", "first_mcp_posted_date"),
    ).drop("version_holder_raw", "estimated_results_first_submit_raw", "first_mcp_posted_raw")


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    meshes = Columns(MESH_TERMS)
    leaves = Columns(BROWSE_LEAVES)
    branches = Columns(BROWSE_BRANCHES)
    submissions = Columns(_SUBMISSIONS_RAW)
    for s in studies:
        for domain, key in BROWSE_MODULES:
            browse = sub(s.derived, key)
            # One numbering per domain: the matched descriptors, then their tree ancestors.
            ordinal = 0
            for is_ancestor, array in ((False, "meshes"), (True, "ancestors")):
                for mesh in items(browse, array):
                    ordinal += 1
                    meshes.add(s.nct_id, domain, ordinal, mesh.get("id"), mesh.get("term"), is_ancestor)
            for ordinal, leaf in enumerate(items(browse, "browseLeaves"), 1):
                leaves.add(s.nct_id, domain, ordinal, leaf.get("id"), leaf.get("name"), leaf.get("asFound"),
                           leaf.get("relevance"))
            for ordinal, branch in enumerate(items(browse, "browseBranches"), 1):
                branches.add(s.nct_id, domain, ordinal, branch.get("abbrev"), branch.get("name"))
        tracking = sub(s.derived, "miscInfoModule", "submissionTracking")
        for ordinal, info in enumerate(items(tracking, "submissionInfos"), 1):
            submissions.add(s.nct_id, ordinal, info.get("releaseDate"), info.get("unreleaseDate"),
                            info.get("unreleaseDateUnknown"), info.get("resetDate"), info.get("mcpReleaseN"))
    return {
        "mesh_terms": meshes.frame(MESH_TERMS),
        "browse_leaves": leaves.frame(BROWSE_LEAVES),
        "browse_branches": branches.frame(BROWSE_BRANCHES),
        "submission_infos": submissions.frame(_SUBMISSIONS_RAW).with_columns(
            full_date(name, name) for name in _SUBMISSION_DATES
        ),
    }
