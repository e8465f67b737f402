"""Free-text extractors: numeric eligibility thresholds, doses, cell-therapy classes.

Pure functions from registry text to small typed records. No I/O, no Polars frames:
the normalizers in ``pipeline.normalize`` call them while building columns.
"""
