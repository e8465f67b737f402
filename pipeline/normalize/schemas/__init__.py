"""The schema of every normalized table: the public interface for SQL users.

One ``pl.Schema`` per table, grouped by registry area in the modules of this package and
assembled here in load order. ``sql/schema/*.sql`` creates the same tables in DuckDB
(with a COMMENT on each table and column); ``tests/test_schemas.py`` fails if the two
ever disagree. Every table has ``nct_id`` and is replaced study by study.
"""

from __future__ import annotations

import polars as pl

from pipeline.normalize.schemas import core, extracted, protocol, results
from pipeline.normalize.schemas.core import (
    ARM_INTERVENTIONS,
    ARMS,
    CONDITIONS,
    ELIGIBILITY,
    ELIGIBILITY_CRITERIA,
    INTERVENTIONS,
    STUDIES,
    STUDY_FEATURES,
    UNMATCHED_ARM_LABELS,
)

TABLES: dict[str, pl.Schema] = {**core.TABLES, **protocol.TABLES, **results.TABLES, **extracted.TABLES}

__all__ = [
    "ARM_INTERVENTIONS",
    "ARMS",
    "CONDITIONS",
    "ELIGIBILITY",
    "ELIGIBILITY_CRITERIA",
    "INTERVENTIONS",
    "STUDIES",
    "STUDY_FEATURES",
    "TABLES",
    "UNMATCHED_ARM_LABELS",
]
