"""Schemas of the tables read out of registry free text (see schemas/__init__).

The extractors live in ``pipeline.extract``; these tables hold what they read, each row
with the words it was read from (``span``) so a reader can check it.
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.schemas.types import Bool, Float, Int, Str

CRITERION_THRESHOLDS = pl.Schema(
    {
        "nct_id": Str,
        "section": Str,
        "criterion_ordinal": Int,
        "ordinal": Int,
        "measure": Str,
        "operator": Str,
        "value": Float,
        "value_max": Float,
        "unit": Str,
        "span": Str,
    }
)

INTERVENTION_DOSES = pl.Schema(
    {
        "nct_id": Str,
        "arm_ordinal": Int,
        "intervention_ordinal": Int,
        "ordinal": Int,
        "source": Str,
        "value": Float,
        "value_max": Float,
        "unit": Str,
        "per": Str,
        "number_of_doses": Int,
        "interval": Str,
        "route": Str,
        "span": Str,
        "interval_days": Float,
    }
)

CELL_THERAPIES = pl.Schema(
    {
        "nct_id": Str,
        "intervention_ordinal": Int,
        "cell_type": Str,
        "source": Str,
        "tissue_origin": Str,
        "genetically_modified": Bool,
    }
)

TABLES: dict[str, pl.Schema] = {
    "criterion_thresholds": CRITERION_THRESHOLDS,
    "intervention_doses": INTERVENTION_DOSES,
    "cell_therapies": CELL_THERAPIES,
}
