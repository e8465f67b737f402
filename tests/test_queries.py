"""Named queries and ad-hoc SQL, read-only, with bound parameters."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import QueryError
from pipeline.queries import declared_parameters, list_named, run_query
from pipeline.landing import land_or_reject
from pipeline.run import load_local


@pytest.fixture
def loaded(flagship, warehouse_path):
    load_local([[land_or_reject(flagship)]], warehouse_path, command="test", parameters={})
    return warehouse_path


def test_parameters_are_found_outside_strings_and_comments():
    sql = "-- uses $ignored\nselect '$not_me', $nct_id, $nct_id::varchar, $year from t where x = $$dollar$$"
    assert declared_parameters(sql) == ("nct_id", "year")


def test_every_named_query_has_a_header_and_runs(loaded):
    for named in list_named():
        assert named.description, f"{named.name} has no header comment"
        params = {name: "NCT07118319" for name in named.parameters}
        run_query(loaded, named.name, params)


def test_trial_arms_lists_both_regimens_under_both_arms(loaded):
    rows = run_query(loaded, "trial_arms", {"nct_id": "NCT07118319"})
    assert rows.height == 4
    assert rows["intervention_description"].to_list() == [
        "Injection, once, 6 months", "Injection, every two weeks for four doses, 6 months"] * 2


def test_trial_criteria_numbers_them_like_the_registry_page(loaded):
    rows = run_query(loaded, "trial_criteria", {"nct_id": "NCT07118319"})
    assert rows.group_by("section", maintain_order=True).len().rows() == [("inclusion", 5), ("exclusion", 21)]


def test_values_are_bound_not_formatted(loaded):
    hostile = "NCT07118319' or '1'='1"
    assert run_query(loaded, "select count(*) as n from studies where nct_id = $id", {"id": hostile})["n"][0] == 0


def test_the_warehouse_is_opened_read_only(loaded):
    with pytest.raises(QueryError, match="read-only"):
        run_query(loaded, "delete from studies")


def test_unknown_names_and_extra_parameters_are_errors(loaded):
    with pytest.raises(QueryError, match="no named query 'nope'"):
        run_query(loaded, "nope")
    with pytest.raises(QueryError, match="takes no parameter"):
        run_query(loaded, "recruiting_trials", {"nct_id": "x"})


def test_query_list_shows_names_parameters_and_descriptions():
    out = CliRunner().invoke(cli, ["query", "--list"]).output
    assert "trial_arms  ($nct_id)" in out and "Arms of one trial" in out
