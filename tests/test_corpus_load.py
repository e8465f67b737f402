"""Corpus tier: every real record in ../shared/ctgov-data loads, completely and idempotently."""

from __future__ import annotations

import duckdb
import orjson
import pytest

from pipeline.normalize.schemas import TABLES
from pipeline.landing import land_or_reject
from pipeline.run import load_local
from tests.conftest import corpus_files

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus():
    return [orjson.loads(path.read_bytes()) for path in corpus_files()]


@pytest.fixture(scope="module")
def loaded(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "w.duckdb"
    batches = [[land_or_reject(s) for s in corpus[i:i + 100]] for i in range(0, len(corpus), 100)]
    summary = load_local(batches, path, command="test", parameters={})
    return path, summary


def _len(value) -> int:
    return len(value) if isinstance(value, list) else 0


def test_nothing_is_quarantined(loaded, corpus):
    _, summary = loaded
    assert summary.quarantined == 0
    assert summary.new == len(corpus)


def test_every_array_has_as_many_rows(loaded, corpus):
    path, _ = loaded
    expected = {"studies": len(corpus), "eligibility": len(corpus), "conditions": 0, "arms": 0, "interventions": 0}
    for study in corpus:
        protocol = study["protocolSection"]
        expected["conditions"] += _len(protocol.get("conditionsModule", {}).get("conditions"))
        module = protocol.get("armsInterventionsModule", {})
        expected["arms"] += _len(module.get("armGroups"))
        expected["interventions"] += _len(module.get("interventions"))
    with duckdb.connect(str(path), read_only=True) as con:
        got = {table: con.execute(f'select count(*) from "{table}"').fetchone()[0] for table in expected}
    assert got == expected


def test_every_link_points_at_existing_rows(loaded, corpus):
    path, _ = loaded
    with duckdb.connect(str(path), read_only=True) as con:
        for table in TABLES:
            orphans = con.execute(f'select count(*) from "{table}" anti join studies using (nct_id)').fetchone()[0]
            assert orphans == 0, table
        dangling = con.execute(
            "select count(*) from arm_interventions ai"
            " anti join arms a on a.nct_id = ai.nct_id and a.ordinal = ai.arm_ordinal"
        ).fetchone()[0] + con.execute(
            "select count(*) from arm_interventions ai"
            " anti join interventions i on i.nct_id = ai.nct_id and i.ordinal = ai.intervention_ordinal"
        ).fetchone()[0]
        assert dangling == 0
        linked = set(con.execute(
            "select ai.nct_id, ai.intervention_ordinal, a.label from arm_interventions ai"
            " join arms a on a.nct_id = ai.nct_id and a.ordinal = ai.arm_ordinal"
        ).fetchall())
        unmatched = set(con.execute(
            "select nct_id, ordinal, label from unmatched_arm_labels where source = 'intervention.armGroupLabels'"
        ).fetchall())
    # every (intervention, arm label) pair the registry states is linked or reported unmatched
    for study in corpus:
        nct_id = study["protocolSection"]["identificationModule"]["nctId"]
        module = study["protocolSection"].get("armsInterventionsModule", {})
        for ordinal, intervention in enumerate(module.get("interventions", []), 1):
            for label in intervention.get("armGroupLabels", []):
                assert (nct_id, ordinal, label) in linked | unmatched, (nct_id, ordinal, label)


def test_a_second_load_changes_no_row(loaded, corpus):
    path, _ = loaded

    def snapshot():
        with duckdb.connect(str(path), read_only=True) as con:
            tables = {t: con.execute(f'select md5(string_agg(t::varchar, \'|\' order by t::varchar)) from "{t}" t')
                      .fetchone() for t in TABLES}
            tables["raw_studies"] = con.execute(
                "select count(*), md5(string_agg(content_hash, '|' order by nct_id, content_hash)) from raw_studies"
            ).fetchone()
            return tables

    before = snapshot()
    summary = load_local([[land_or_reject(s) for s in corpus]], path, command="test", parameters={})
    assert (summary.new, summary.changed, summary.unchanged) == (0, 0, len(corpus))
    assert snapshot() == before


def test_variants_replace_their_study(loaded):
    path, _ = loaded
    variants = [orjson.loads(p.read_bytes()) for p in corpus_files("variants/*.json")]
    summary = load_local([[land_or_reject(s) for s in variants]], path, command="test", parameters={})
    assert summary.quarantined == 0
    assert summary.new == 0
    with duckdb.connect(str(path), read_only=True) as con:
        # still one current version per study; older versions kept
        assert con.execute("select count(*) from (select nct_id from raw_studies where is_current"
                           " group by nct_id having count(*) > 1)").fetchone()[0] == 0
        assert con.execute("select count(*) from raw_studies where not is_current").fetchone()[0] == summary.changed
