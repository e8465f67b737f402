"""Corpus tier: the extractors read every real record in ../shared/ctgov-data without raising,
only ever answer in their vocabularies, and their tables load and join like the others."""

from __future__ import annotations

import duckdb
import orjson
import pytest

from pipeline.extract.cells import CELL_TYPES, SOURCES, TISSUE_ORIGINS, classify_cell_therapy
from pipeline.extract.doses import find_doses
from pipeline.extract.routes import ROUTES
from pipeline.extract.thresholds import MEASURES, find_thresholds
from pipeline.landing import land_or_reject
from pipeline.normalize.criteria_text import split_criteria
from pipeline.run import load_local
from tests.conftest import corpus_files

pytestmark = pytest.mark.corpus

OPERATORS = {">", ">=", "<", "<=", "=", "between"}
DOSE_UNITS = {"cells", "mg", "g", "µg", "ng", "mL", "IU"}
PERS = {"dose", "kg", "m2", "day", "total"}


@pytest.fixture(scope="module")
def corpus():
    return [orjson.loads(path.read_bytes()) for path in corpus_files()]


@pytest.fixture(scope="module")
def loaded(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("extracted") / "w.duckdb"
    batches = [[land_or_reject(s) for s in corpus[i:i + 100]] for i in range(0, len(corpus), 100)]
    return path, load_local(batches, path, command="test", parameters={})


def test_every_criterion_is_read_in_vocabulary(corpus):
    found = 0
    for data in corpus:
        text = data["protocolSection"].get("eligibilityModule", {}).get("eligibilityCriteria")
        for criterion in split_criteria(text):
            for t in find_thresholds(criterion.text):
                found += 1
                assert t.measure in MEASURES and t.operator in OPERATORS, t
                assert (t.value_max is not None) == (t.operator == "between"), t
                assert t.span, t
    assert found > 500  # the corpus states over a thousand thresholds


def test_every_arm_and_intervention_text_is_read_in_vocabulary(corpus):
    doses = cells = 0
    for data in corpus:
        module = data["protocolSection"].get("armsInterventionsModule", {})
        texts = [arm.get(key) for arm in module.get("armGroups", []) for key in ("label", "description")]
        texts += [i.get("description") for i in module.get("interventions", [])]
        for text in filter(None, texts):
            for d in find_doses(text):
                doses += 1
                assert d.unit in DOSE_UNITS | {None} and d.per in PERS | {None}, d
                assert d.route in (*ROUTES, None) and (d.number_of_doses is None or d.number_of_doses > 0), d
                assert (d.value is None) == (d.unit is None), d
        for i in module.get("interventions", []):
            c = classify_cell_therapy(i.get("name", ""), i.get("description"), i.get("otherNames"), None)
            if c is not None:
                cells += 1
                assert c.cell_type in CELL_TYPES and c.source in SOURCES and c.tissue_origin in TISSUE_ORIGINS, c
    assert doses > 300 and cells > 5


def test_the_corpus_loads_with_nothing_quarantined(loaded, corpus):
    _, summary = loaded
    assert (summary.quarantined, summary.new) == (0, len(corpus))


def test_extracted_rows_point_at_their_criteria_arms_and_interventions(loaded):
    path, _ = loaded
    with duckdb.connect(str(path), read_only=True) as con:
        def count(sql: str) -> int:
            return con.execute(sql).fetchone()[0]

        assert count("select count(*) from criterion_thresholds") > 500
        assert count("select count(*) from criterion_thresholds t anti join eligibility_criteria c"
                     " on c.nct_id = t.nct_id and c.section = t.section and c.ordinal = t.criterion_ordinal") == 0
        assert count("select count(*) from intervention_doses d anti join arms a"
                     " on a.nct_id = d.nct_id and a.ordinal = d.arm_ordinal where d.arm_ordinal is not null") == 0
        assert count("select count(*) from intervention_doses d anti join interventions i on i.nct_id = d.nct_id"
                     " and i.ordinal = d.intervention_ordinal where d.intervention_ordinal is not null") == 0
        assert count("select count(*) from cell_therapies c anti join interventions i"
                     " on i.nct_id = c.nct_id and i.ordinal = c.intervention_ordinal") == 0
        # the views answer on the whole corpus
        assert count("select count(*) from eligible_ranges") > 300
        assert count("select count(*) from arm_cell_doses where total_cells <= 0") == 0
