"""`pipeline bench`: a smoke run at N = 200 (the benchmark asserts no timings; this checks it works)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import orjson
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.warehouse import open_warehouse

FIXTURES = Path(__file__).parent / "fixtures"
STEPS = ("parse floor", "duckdb read_json", "pipeline load-bulk", "pipeline run (API)", "incremental into large",
         "incremental into small")


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    source.mkdir()
    for path in FIXTURES.glob("*.json"):
        nct_id = orjson.loads(path.read_bytes())["protocolSection"]["identificationModule"]["nctId"]
        shutil.copyfile(path, source / f"{nct_id}.json")
    return source


def test_a_small_run_prints_every_step_and_ratio_and_fills_both_warehouses(tmp_path):
    cache = tmp_path / "cache"
    result = CliRunner().invoke(cli, ["bench", "--studies", "200", "--source", str(_source(tmp_path)),
                                      "--cache", str(cache)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    rows = {line[:26].strip(): line[26:].split() for line in result.output.splitlines()[1:7]}
    assert tuple(rows) == STEPS
    for step, figures in rows.items():
        studies, seconds, per_s, mb_s, peak = (float(x) for x in figures[:5])
        assert studies == 200 and seconds > 0 and per_s > 0 and mb_s > 0 and peak > 0, (step, figures)
    for ratio in ("ours / duckdb read_json time", "ours / parse floor time", "API path / bulk path time",
                  "incremental into large / into small time"):
        assert re.search(rf"^{re.escape(ratio)}:\s+\d+\.\d\d$", result.output, re.M), ratio
    # the API step loaded the same 200 studies into the same tables as a bulk load of the corpus
    # (the bulk step's own warehouse has since taken the incremental changes)
    bulk = tmp_path / "bulk.duckdb"
    assert CliRunner().invoke(cli, ["load-bulk", str(cache / "corpus-200"), "--warehouse", str(bulk)]).exit_code == 0
    checksums = []
    for path in (bulk, cache / "work" / "api.duckdb"):
        with open_warehouse(path, read_only=True) as wh:
            checksums.append(wh.table_checksums())
    assert checksums[0]["row_count"][0] == 200
    assert checksums[0].equals(checksums[1])


def test_the_synthesized_corpus_has_unique_ids_and_is_reused(tmp_path):
    from pipeline.bench import synthesize

    source = _source(tmp_path)
    corpus = synthesize(source, 50, tmp_path / "cache")
    files = sorted(corpus.glob("*/NCT*.json"))
    ids = {orjson.loads(p.read_bytes())["protocolSection"]["identificationModule"]["nctId"] for p in files}
    assert len(files) == len(ids) == 50
    assert {p.stem for p in files} == ids and all(p.parent.name == p.stem[-2:] for p in files)
    stamp = files[0].stat().st_mtime_ns
    assert synthesize(source, 50, tmp_path / "cache") == corpus and files[0].stat().st_mtime_ns == stamp


def test_a_source_without_records_is_a_clear_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["bench", "--studies", "10", "--source", str(tmp_path / "empty"),
                                      "--cache", str(tmp_path / "cache")])
    assert result.exit_code == 1
    assert "no NCT*.json records in" in result.output
