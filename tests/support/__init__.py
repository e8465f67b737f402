"""Test support: a fake ClinicalTrials.gov API v2 server with faults, and bulk-file builders."""
