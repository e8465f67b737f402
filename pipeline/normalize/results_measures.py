"""The shape baseline characteristics and outcome measures share: a measure's denominators,
classes, categories and per-group measurements, walked into four sets of columns.

A measure (e.g. "Age") has classes (rows of the registry's table, often one untitled class),
each class has categories (e.g. "Female", "Male"; often one untitled), and each category
has one measurement per group. Denominators ("Participants" analyzed per group) may be
given for the whole measure and again per class; ``class_ordinal`` is NULL for the
measure's own. ``measurements[].comment`` is markup (markdown escapes undone).
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from pipeline.normalize.numbers import parsed, walked
from pipeline.normalize.source import Columns, items
from pipeline.normalize.text import unescape


class MeasureColumns:
    """Columns of the classes, categories, measurements and denominator counts of a batch."""

    __slots__ = ("categories", "classes", "denoms", "measurements", "schemas")

    def __init__(self, classes: pl.Schema, categories: pl.Schema, measurements: pl.Schema, denoms: pl.Schema):
        self.schemas = (classes, categories, measurements, denoms)
        self.classes = Columns(classes)
        self.categories = Columns(categories)
        self.measurements = Columns(walked(measurements))
        self.denoms = Columns(walked(denoms))

    def add_denoms(self, nct_id: str, measure: int | None, klass: int | None, owner: Mapping) -> None:
        """The counts of ``owner["denoms"]`` (a module, a measure or a class)."""
        for d, denom in enumerate(items(owner, "denoms"), 1):
            units = denom.get("units")
            for ordinal, count in enumerate(items(denom, "counts"), 1):
                self.denoms.add(nct_id, measure, klass, d, units, ordinal, count.get("groupId"), count.get("value"))

    def add_measure(self, nct_id: str, measure: int, data: Mapping) -> None:
        """One measure's denominators, classes, categories and measurements."""
        self.add_denoms(nct_id, measure, None, data)
        for c, klass in enumerate(items(data, "classes"), 1):
            self.classes.add(nct_id, measure, c, klass.get("title"))
            self.add_denoms(nct_id, measure, c, klass)
            for k, category in enumerate(items(klass, "categories"), 1):
                self.categories.add(nct_id, measure, c, k, category.get("title"))
                for ordinal, m in enumerate(items(category, "measurements"), 1):
                    self.measurements.add(nct_id, measure, c, k, ordinal, m.get("groupId"), m.get("value"),
                                          m.get("spread"), m.get("lowerLimit"), m.get("upperLimit"), m.get("comment"))

    def frames(self, prefix: str) -> dict[str, pl.DataFrame]:
        """``{prefix}_classes``, ``_categories``, ``_measurements`` and ``_denom_counts``."""
        classes, categories, measurements, denoms = self.schemas
        return {
            f"{prefix}_classes": self.classes.frame(classes),
            f"{prefix}_categories": self.categories.frame(categories),
            f"{prefix}_measurements": self.measurements.frame(walked(measurements))
            .with_columns(*parsed(measurements), unescape(pl.col("comment")))
            .select(measurements.names()),
            f"{prefix}_denom_counts": self.denoms.frame(walked(denoms))
            .with_columns(*parsed(denoms))
            .select(denoms.names()),
        }
