"""ClinicalTrials.gov API v2 ingestion: fetch -> raw landing -> pure normalizers -> DuckDB."""

__version__ = "0.1.0"
