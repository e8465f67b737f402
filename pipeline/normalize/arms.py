"""armsInterventionsModule -> ``arms``, ``interventions``, ``arm_interventions``, ``intervention_other_names``.

The registry links the two lists by text, in both directions: each intervention lists the
labels of its arms (``armGroupLabels``), and each arm lists its interventions as
"Type: Name" strings (``interventionNames``, e.g. "Drug: Phesgo" for the DRUG "Phesgo").
A link found either way is kept. Interventions are identified by ordinal, never by name:
two interventions may share a name (NCT07118319 has two with different regimens), and
then an arm's "Type: Name" links it to both. A label that matches nothing is written to
``unmatched_arm_labels`` (and counted in the run summary), never dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.schemas import ARM_INTERVENTIONS, ARMS, INTERVENTIONS, UNMATCHED_ARM_LABELS
from pipeline.normalize.schemas.protocol import INTERVENTION_OTHER_NAMES
from pipeline.normalize.source import Columns, Study, items
from pipeline.normalize.text import unescape

# How interventionNames spell each InterventionType in their "Type: Name" prefix.
TYPE_DISPLAY = {
    "BEHAVIORAL": "Behavioral",
    "BIOLOGICAL": "Biological",
    "COMBINATION_PRODUCT": "Combination Product",
    "DEVICE": "Device",
    "DIAGNOSTIC_TEST": "Diagnostic Test",
    "DIETARY_SUPPLEMENT": "Dietary Supplement",
    "DRUG": "Drug",
    "GENETIC": "Genetic",
    "PROCEDURE": "Procedure",
    "RADIATION": "Radiation",
    "OTHER": "Other",
}
_PREFIX = r"^(?:" + "|".join(TYPE_DISPLAY.values()) + r"):\s*"

_LABELS = {"nct_id": pl.String, "ordinal": pl.Int32, "label": pl.String}


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    arms = Columns(ARMS)
    interventions = Columns(INTERVENTIONS)
    arm_refs = Columns(_LABELS)  # arm ordinal -> "Type: Name"
    intervention_refs = Columns(_LABELS)  # intervention ordinal -> arm label
    other_names = Columns(INTERVENTION_OTHER_NAMES)
    for s in studies:
        module = s.module("armsInterventionsModule")
        for ordinal, arm in enumerate(items(module, "armGroups"), 1):
            arms.add(s.nct_id, ordinal, arm.get("label"), arm.get("type"), arm.get("description"))
            for name in items(arm, "interventionNames"):
                arm_refs.add(s.nct_id, ordinal, name)
        for ordinal, intervention in enumerate(items(module, "interventions"), 1):
            interventions.add(s.nct_id, ordinal, intervention.get("type"), intervention.get("name"),
                              intervention.get("description"))
            for label in items(intervention, "armGroupLabels"):
                intervention_refs.add(s.nct_id, ordinal, label)
            for other_ordinal, name in enumerate(items(intervention, "otherNames"), 1):
                other_names.add(s.nct_id, ordinal, other_ordinal, name)

    arms_df = arms.frame(ARMS).with_columns(unescape(pl.col("description")))
    interventions_df = interventions.frame(INTERVENTIONS).with_columns(unescape(pl.col("description")))
    links, unmatched = link(arms_df, interventions_df, arm_refs.frame(_LABELS), intervention_refs.frame(_LABELS))
    return {
        "arms": arms_df,
        "interventions": interventions_df,
        "arm_interventions": links,
        "unmatched_arm_labels": unmatched,
        "intervention_other_names": other_names.frame(INTERVENTION_OTHER_NAMES),
    }


def link(
    arms: pl.DataFrame, interventions: pl.DataFrame, arm_refs: pl.DataFrame, intervention_refs: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(arm_interventions, unmatched_arm_labels) from the labels each side gives."""
    arm_keys = arms.select("nct_id", pl.col("ordinal").alias("arm_ordinal"), "label")
    by_label = intervention_refs.join(arm_keys, on=["nct_id", "label"], how="left")
    from_interventions = by_label.filter(pl.col("arm_ordinal").is_not_null()).select(
        "nct_id", "arm_ordinal", pl.col("ordinal").alias("intervention_ordinal")
    )

    keyed = interventions.select(
        "nct_id",
        pl.col("ordinal").alias("intervention_ordinal"),
        (pl.col("type").replace_strict(TYPE_DISPLAY, default=pl.col("type")) + ": " + pl.col("name")).alias("ref"),
        pl.col("name").alias("bare"),
    )
    refs = arm_refs.select("nct_id", pl.col("ordinal").alias("arm_ordinal"), pl.col("label").alias("ref"))
    exact = refs.join(keyed.drop("bare"), on=["nct_id", "ref"], how="left")
    # Fall back to the name alone when the "Type:" prefix disagrees with the intervention's type.
    loose = (
        exact.filter(pl.col("intervention_ordinal").is_null())
        .drop("intervention_ordinal")
        .with_columns(pl.col("ref").str.replace(_PREFIX, "").alias("bare"))
        .join(keyed.drop("ref"), on=["nct_id", "bare"], how="left")
        .drop("bare")
    )
    from_arms = pl.concat([exact.filter(pl.col("intervention_ordinal").is_not_null()), loose], how="diagonal")

    links = (
        pl.concat([from_interventions, from_arms.filter(pl.col("intervention_ordinal").is_not_null()).select(ARM_INTERVENTIONS.names())])
        .unique()
        .sort(["nct_id", "arm_ordinal", "intervention_ordinal"])
    )
    unmatched = pl.concat(
        [
            by_label.filter(pl.col("arm_ordinal").is_null()).select(
                "nct_id", pl.lit("intervention.armGroupLabels").alias("source"), "ordinal", "label"
            ),
            from_arms.filter(pl.col("intervention_ordinal").is_null()).select(
                "nct_id", pl.lit("armGroup.interventionNames").alias("source"),
                pl.col("arm_ordinal").alias("ordinal"), pl.col("ref").alias("label"),
            ),
        ]
    ).unique().sort(["nct_id", "source", "ordinal", "label"])
    return links.select(ARM_INTERVENTIONS.names()).cast(dict(ARM_INTERVENTIONS)), unmatched.cast(dict(UNMATCHED_ARM_LABELS))
