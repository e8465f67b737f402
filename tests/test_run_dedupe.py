"""A run loads each study once, remembered by the warehouse (raw_studies.last_seen_at), not by a
set that would grow with the registry."""

from __future__ import annotations

import copy
import datetime as dt

from pipeline.landing import land_or_reject
from pipeline.run import load_local
from pipeline.warehouse import open_warehouse


def _edited(study: dict) -> dict:
    edited = copy.deepcopy(study)
    edited["protocolSection"]["identificationModule"]["briefTitle"] += " (edited)"
    return edited


def test_a_study_met_twice_in_one_run_is_loaded_once(flagship, warehouse_path):
    pages = [[land_or_reject(flagship)], [land_or_reject(flagship), land_or_reject(flagship)]]
    summary = load_local(pages, warehouse_path, command="test", parameters={})
    assert (summary.fetched, summary.new, summary.duplicates) == (1, 1, 2)
    again = load_local([[land_or_reject(flagship)]], warehouse_path, command="test", parameters={})
    assert (again.fetched, again.unchanged, again.duplicates) == (1, 1, 0)  # a new run sees it afresh


def test_a_newer_version_later_in_the_same_run_is_loaded(flagship, warehouse_path):
    edited = _edited(flagship)
    summary = load_local([[land_or_reject(flagship)], [land_or_reject(edited)]], warehouse_path,
                         command="test", parameters={})
    assert (summary.new, summary.changed, summary.duplicates) == (1, 1, 0)
    with open_warehouse(warehouse_path, read_only=True) as warehouse:
        title = warehouse.con.execute("select brief_title from studies").fetchone()[0]
    assert title.endswith("(edited)")


def test_rechecks_skip_what_this_run_has_seen(flagship, warehouse_path):
    load_local([[land_or_reject(flagship)]], warehouse_path, command="test", parameters={})
    with open_warehouse(warehouse_path) as warehouse:
        long_ago = dt.datetime(2000, 1, 1)
        assert warehouse.least_recently_confirmed(10, seen_since=dt.datetime(2100, 1, 1)) == ["NCT07118319"]
        assert warehouse.least_recently_confirmed(10, seen_since=long_ago) == []
