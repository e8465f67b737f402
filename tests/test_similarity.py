"""`pipeline similar`: trials ranked by similarity to one trial, each component shown."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import QueryError
from pipeline.landing import land_or_reject
from pipeline.run import load_local
from pipeline.similarity import COMPONENTS, similar
from tests.conftest import FIXTURES, corpus_record
from tests.support.trials import unrelated_trial

SIMILAR = "als_ipsc_neural_progenitor_intrathecal_phase1.json"  # NCT09999001: ALS, iPSC neural progenitors
UNRELATED = "NCT00712335"  # a real asthma drug trial, read from ../shared/ctgov-data (corpus tier)


@pytest.fixture
def three(flagship, warehouse_path):
    studies = [flagship, json.loads((FIXTURES / SIMILAR).read_text()), corpus_record(UNRELATED)]
    load_local([[land_or_reject(s) for s in studies]], warehouse_path, command="test", parameters={})
    return warehouse_path


def test_the_similar_trial_ranks_above_an_unrelated_one_everywhere(flagship, warehouse_path):
    studies = [flagship, json.loads((FIXTURES / SIMILAR).read_text()), unrelated_trial("NCT02000000")]
    load_local([[land_or_reject(s) for s in studies]], warehouse_path, command="test", parameters={})
    ranked = similar(warehouse_path, "NCT07118319").to_dicts()
    assert [row["nct_id"] for row in ranked] == ["NCT09999001", "NCT02000000"]
    assert ranked[0]["score"] > 0.5 > ranked[1]["score"]


def test_the_similar_trial_ranks_above_the_unrelated_one(three):
    ranked = similar(three, "NCT07118319").to_dicts()
    assert [row["nct_id"] for row in ranked] == ["NCT09999001", "NCT00712335"]
    assert [row["rank"] for row in ranked] == [1, 2]
    assert ranked[0]["score"] > 0.6
    assert ranked[1]["score"] < 0.1


def test_the_components_explain_the_ranking(three):
    als, asthma = similar(three, "NCT07118319").to_dicts()
    # same condition, phase and route; allogeneic iPSC cells of the neural family; overlapping doses
    assert {c: als[c] for c in ("conditions", "cell_source", "route", "phase")} == {
        "conditions": 1.0, "cell_source": 1.0, "route": 1.0, "phase": 1.0}
    # {motor_neuron_progenitor, neural} against {neural_progenitor, neural}
    assert als["cell_type"] == pytest.approx(1 / 3, abs=1e-3)
    assert 0.5 < als["dose"] < 1 and 0.5 < als["eligibility"] < 1 and als["text"] > 0.3
    assert als["shared"] == "amyotrophic lateral sclerosis; neural; allogeneic, ipsc; cns, intrathecal"
    # the asthma trial shares nothing but part of the eligible population
    nothing = ("conditions", "cell_type", "cell_source", "route", "phase", "dose")
    assert {c: asthma[c] for c in nothing} == dict.fromkeys(nothing, 0.0)
    assert asthma["text"] < 0.05 and asthma["shared"] is None
    # the flagship fixture has no MeSH terms, so that component cannot be compared
    assert als["mesh"] is None and asthma["mesh"] is None


def test_the_score_is_the_weighted_mean_of_the_components(three):
    weights = {"conditions": .20, "mesh": .10, "cell_type": .15, "cell_source": .05, "route": .10, "phase": .10,
               "dose": .10, "eligibility": .05, "text": .15}
    assert set(weights) == set(COMPONENTS)
    for row in similar(three, "NCT07118319").to_dicts():
        known = {c: w for c, w in weights.items() if row[c] is not None}
        assert row["score"] == pytest.approx(sum(w * row[c] for c, w in known.items()) / sum(known.values()), abs=2e-3)


def test_components_the_target_lacks_are_left_out(three):
    ranked = similar(three, "NCT00712335").to_dicts()
    assert {row["nct_id"] for row in ranked} == {"NCT07118319", "NCT09999001"}
    # the asthma trial has no cell product and no cell dose
    assert all(row["cell_type"] is None and row["dose"] is None for row in ranked)
    assert all(row["mesh"] == 0.0 for row in ranked)  # it has MeSH terms; the ALS fixtures have none


def test_limit_and_unknown_trial(three):
    assert similar(three, "NCT07118319", limit=1)["nct_id"].to_list() == ["NCT09999001"]
    with pytest.raises(QueryError, match="NCT01234567 is not in the warehouse"):
        similar(three, "NCT01234567")


def test_the_command_prints_the_table_with_every_component(three):
    result = CliRunner().invoke(cli, ["similar", "NCT07118319", "--warehouse", str(three), "--format", "csv"])
    assert result.exit_code == 0, result.output
    header, first, second = result.output.splitlines()
    assert header == "rank,nct_id,brief_title,score," + ",".join(COMPONENTS) + ",shared"
    assert first.startswith("1,NCT09999001,") and second.startswith("2,NCT00712335,")
    table = CliRunner().invoke(cli, ["similar", "NCT07118319", "--warehouse", str(three), "--limit", "1"])
    assert table.exit_code == 0 and "NCT09999001" in table.output and "NCT00712335" not in table.output
