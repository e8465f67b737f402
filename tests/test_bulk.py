"""`pipeline load-bulk`: the registry's json.zip or a folder, streamed, same rows as the API path."""

from __future__ import annotations

import zipfile

import duckdb
import orjson
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.normalize.schemas import TABLES
from tests.conftest import corpus_files
from tests.support.ctgov_server import CtgovServer, write_bulk_folder, write_bulk_zip
from tests.support.trials import als_msc_trial


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def rows(path) -> dict:
    with duckdb.connect(str(path), read_only=True) as con:
        out = {t: sorted(con.execute(f'select * from "{t}"').fetchall(), key=repr) for t in TABLES}
        out["raw_studies"] = sorted(con.execute("select nct_id, content_hash, is_current, raw from raw_studies").fetchall())
        return out


@pytest.fixture
def studies(flagship):
    return [flagship, *(als_msc_trial(f"NCT0100000{n}", arms=n % 3 + 1) for n in range(1, 8))]


def test_a_zip_loads_the_same_rows_as_the_api(studies, tmp_path):
    archive = write_bulk_zip(tmp_path / "ctg-studies.json.zip", studies)
    result = invoke("load-bulk", str(archive), "--warehouse", str(tmp_path / "bulk.duckdb"))
    assert result.exit_code == 0, result.output
    assert "studies fetched 8: new 8" in result.output
    with CtgovServer(studies=studies) as registry:
        api = invoke("run", "--base-url", registry.base_url, "--warehouse", str(tmp_path / "api.duckdb"),
                     "--min-interval", "0", "--term", "a", "--recheck", "0")
        assert "new 8" in api.output, api.output
    assert rows(tmp_path / "bulk.duckdb") == rows(tmp_path / "api.duckdb")


def test_a_folder_loads_too_and_twice_changes_nothing(studies, tmp_path):
    folder = write_bulk_folder(tmp_path / "studies", studies)
    warehouse = tmp_path / "w.duckdb"
    assert invoke("load-bulk", str(folder), "--warehouse", str(warehouse)).exit_code == 0
    before = rows(warehouse)
    again = invoke("load-bulk", str(folder), "--warehouse", str(warehouse))
    assert "new 0, changed 0, unchanged 8" in again.output
    assert rows(warehouse) == before


def test_a_truncated_zip_is_refused_before_anything_is_written(studies, tmp_path):
    archive = write_bulk_zip(tmp_path / "ctg-studies.json.zip", studies)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) * 2 // 3])  # a download cut off by a timeout
    warehouse = tmp_path / "w.duckdb"
    result = CliRunner().invoke(cli, ["load-bulk", str(archive), "--warehouse", str(warehouse)])
    assert result.exit_code == 1
    assert "is not a complete zip archive" in result.output and "nothing was loaded" in result.output
    assert not warehouse.exists()


def test_a_malformed_entry_is_quarantined_and_the_rest_loads(studies, tmp_path):
    archive = tmp_path / "ctg-studies.json.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for study in studies[:3]:
            nct_id = study["protocolSection"]["identificationModule"]["nctId"]
            zf.writestr(f"{nct_id[-2:]}/{nct_id}.json", orjson.dumps(study))
        zf.writestr("99/NCT09999999.json", b'{"protocolSection": {"identificationModule": {"nctId": "NCT0999')
    result = invoke("load-bulk", str(archive), "--warehouse", str(tmp_path / "w.duckdb"))
    assert "new 3, changed 0, unchanged 0, quarantined 1" in result.output
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        nct_id, reason = con.execute("select nct_id, reason from quarantine").fetchone()
    assert nct_id == "NCT09999999" and "not valid JSON" in reason


@pytest.mark.corpus
def test_the_corpus_as_a_bulk_zip_matches_a_per_file_load(tmp_path):
    studies = [orjson.loads(p.read_bytes()) for p in corpus_files()]
    archive = write_bulk_zip(tmp_path / "ctg-studies.json.zip", studies)
    folder = write_bulk_folder(tmp_path / "folder", studies)
    assert invoke("load-bulk", str(archive), "--warehouse", str(tmp_path / "zip.duckdb")).exit_code == 0
    assert invoke("load-bulk", str(folder), "--warehouse", str(tmp_path / "folder.duckdb")).exit_code == 0
    assert rows(tmp_path / "zip.duckdb") == rows(tmp_path / "folder.duckdb")


@pytest.mark.corpus
def test_the_corpus_through_the_api_matches_the_bulk_load(tmp_path):
    studies = [orjson.loads(p.read_bytes()) for p in corpus_files()]
    archive = write_bulk_zip(tmp_path / "ctg-studies.json.zip", studies)
    assert invoke("load-bulk", str(archive), "--warehouse", str(tmp_path / "bulk.duckdb")).exit_code == 0
    with CtgovServer(studies=studies) as registry:
        api = invoke("run", "--base-url", registry.base_url, "--warehouse", str(tmp_path / "api.duckdb"),
                     "--min-interval", "0", "--term", "e", "--recheck", "0", "--page-size", "100")
        assert f"studies fetched {len(studies)}: new {len(studies)}" in api.output, api.output
    assert rows(tmp_path / "bulk.duckdb") == rows(tmp_path / "api.duckdb")
