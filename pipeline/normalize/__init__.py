"""Pure normalizers: registry study JSON -> one Polars frame per warehouse table.

No I/O, no DuckDB, no clock, no config. ``normalize`` takes a batch of studies and
returns every table of ``schemas.TABLES`` with exactly its declared schema.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize import arms, conditions, description, design, eligibility, identification, sponsors, status
from pipeline.normalize import contacts, derived, features, ipd, outcomes, oversight, references
from pipeline.normalize import intervention_texts
from pipeline.normalize import annotation, documents, results_baseline, results_events, results_flow, results_info, results_outcomes
from pipeline.normalize.schemas import STUDIES, TABLES
from pipeline.normalize.source import Study

__all__ = ["Study", "TABLES", "normalize", "NORMALIZE_ERRORS"]

# Modules that contribute columns to the one-row-per-study ``studies`` table, and
# modules that produce child tables.
_STUDY_PARTS = (identification, status, sponsors, oversight, description, design, ipd, derived)
_CHILD_TABLES = (conditions, arms, eligibility, identification, sponsors, outcomes, contacts, references, derived,
                 results_info, results_flow, results_baseline, results_outcomes, results_events, documents, annotation,
                 intervention_texts)

# What a malformed study can make a normalizer raise (a list where an object belongs, a
# string where a number belongs, ...). Anything else is a bug and is not caught.
NORMALIZE_ERRORS = (AttributeError, TypeError, ValueError, KeyError, pl.exceptions.PolarsError)


def normalize(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    """Every table for a batch of studies (each study appears once in the batch)."""
    parts = [part.study_columns(studies) for part in _STUDY_PARTS]
    # A study in hand is listed in the registry; the warehouse marks the ones that leave it.
    listed = [pl.lit("listed").alias("registry_status"), pl.lit(None, pl.Date).alias("registry_status_date")]
    frames = {"studies": pl.concat(parts, how="horizontal").with_columns(listed).select(STUDIES.names())}
    for module in _CHILD_TABLES:
        frames.update(module.tables(studies))
    frames["study_features"] = features.study_features(frames)
    out = {}
    for name, schema in TABLES.items():
        frame = frames[name]
        if frame.schema != schema:
            raise AssertionError(f"normalizer for {name} produced {frame.schema}, declared {schema}")
        out[name] = frame
    return out
