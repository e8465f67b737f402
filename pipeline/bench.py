"""`pipeline bench`: load speed and memory against two baselines, measured in one run.

Steps, on the same synthesized corpus (N real records copied under unique NCT IDs, in the
registry's bulk layout ``NN/NCTxxxxxxxx.json``, cached between runs):

1. parse floor: read every file and decode its JSON, nothing else;
2. baseline: DuckDB's own ``read_json`` loading the same files into one typed table;
3. ours: ``pipeline load-bulk`` into a fresh warehouse (every table, raw JSON landed);
4. ours through the API: ``pipeline run`` against a registry served from 127.0.0.1 (pages
   of 1,000 studies, no rate limit) into another fresh warehouse;
5. incremental: 1,000 changed studies into the warehouse of step 3, and into one of 1,000.

Each step runs in its own process; peak memory is the largest sum of resident memory over
that process tree, sampled every 20 ms from /proc. Timings are wall clock. Nothing here
asserts anything: it prints figures side by side.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import orjson

INCREMENT = 1000  # changed studies in the incremental step


@dataclass(frozen=True)
class Measurement:
    step: str
    studies: int
    seconds: float
    peak_rss_mb: float
    input_mb: float
    output_mb: float | None = None

    @property
    def studies_per_s(self) -> float:
        return self.studies / self.seconds if self.seconds else float("inf")

    @property
    def mb_per_s(self) -> float:
        return self.input_mb / self.seconds if self.seconds else float("inf")


# -- corpus ----------------------------------------------------------------------------------


def source_studies(source: Path) -> list[bytes]:
    """The real records to copy: every NCT*.json directly under ``source``."""
    files = sorted(Path(source).glob("NCT*.json"))
    if not files:
        raise FileNotFoundError(f"no NCT*.json records in {source} to build the benchmark corpus from")
    return [path.read_bytes() for path in files]


def synthesize(source: Path, n: int, cache: Path) -> Path:
    """N studies in the bulk layout under ``cache``; reused when already complete."""
    target = cache / f"corpus-{n}"
    marker = target / ".complete"
    if marker.exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    records = [orjson.loads(raw) for raw in source_studies(source)]
    for index in range(n):
        study = records[index % len(records)]
        nct_id = f"NCT{90000000 + index:08d}"  # unique, and outside the real ID range
        ident = {**study["protocolSection"]["identificationModule"], "nctId": nct_id}
        copy = {**study, "protocolSection": {**study["protocolSection"], "identificationModule": ident}}
        folder = target / nct_id[-2:]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{nct_id}.json").write_bytes(orjson.dumps(copy, option=orjson.OPT_INDENT_2))
    marker.write_text(str(n))
    return target


def changed_copies(corpus: Path, count: int, out: Path) -> Path:
    """``count`` studies of the corpus with a changed status and enrollment, in the same layout."""
    shutil.rmtree(out, ignore_errors=True)
    for path in sorted(corpus.glob("*/NCT*.json"))[:count]:
        study = orjson.loads(path.read_bytes())
        status = study["protocolSection"].setdefault("statusModule", {})
        status["overallStatus"] = "TERMINATED" if status.get("overallStatus") != "TERMINATED" else "COMPLETED"
        design = study["protocolSection"].setdefault("designModule", {})
        design["enrollmentInfo"] = {"count": 1 + (design.get("enrollmentInfo") or {}).get("count", 0), "type": "ACTUAL"}
        target = out / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(orjson.dumps(study))
    return out


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


# -- measuring a step --------------------------------------------------------------------------


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    stack = [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, ()))
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def measure(step: str, args: list[str], studies: int, input_mb: float, output: Path | None = None) -> Measurement:
    """Run ``args`` as a process; its wall time and peak tree RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"benchmark step {step!r} failed ({process.returncode}): {err.decode()[-2000:]}")
    size = output.stat().st_size / 1e6 if output and output.exists() else None
    return Measurement(step, studies, seconds, peak / 1024, input_mb, size)


def _python(*code_args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.bench", *code_args]


def _pipeline(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "--log-format", "json", *args]


# -- the steps run in child processes ----------------------------------------------------------


def parse_floor(corpus: Path) -> int:
    count = 0
    for path in sorted(corpus.glob("*/NCT*.json")):
        orjson.loads(path.read_bytes())
        count += 1
    return count


def duckdb_read_json(corpus: Path, database: Path) -> None:
    """DuckDB loading every file into one table typed from the registry's field tree."""
    import duckdb

    from pipeline.api_fields import FIELD_TREE

    columns = {name: _duckdb_type(name, sub) for name, sub in FIELD_TREE.items()}
    with duckdb.connect(str(database)) as con:
        con.execute("set preserve_insertion_order = false")
        con.execute(
            "create table studies as select * from read_json($files, format = 'auto', columns = $columns,"
            " maximum_object_size = 104857600)",
            {"files": str(corpus / "*" / "NCT*.json"), "columns": columns},
        )


_LISTS = {  # array-valued fields of the tree (from /studies/metadata types ending in [])
    "nctIdAliases", "secondaryIdInfos", "collaborators", "conditions", "keywords", "phases", "whoMasked",
    "armGroups", "interventionNames", "interventions", "armGroupLabels", "otherNames", "primaryOutcomes",
    "secondaryOutcomes", "otherOutcomes", "stdAges", "centralContacts", "overallOfficials", "locations", "contacts",
    "references", "retractions", "seeAlsoLinks", "availIpds", "infoTypes", "groups", "periods", "milestones",
    "achievements", "dropWithdraws", "reasons", "denoms", "counts", "measures", "classes", "categories",
    "measurements", "outcomeMeasures", "analyses", "groupIds", "eventGroups", "seriousEvents", "otherEvents",
    "stats", "unpostedEvents", "violationEvents", "largeDocs", "removedCountries", "submissionInfos", "meshes",
    "ancestors", "browseLeaves", "browseBranches",
}


def _duckdb_type(name: str, sub: dict | None) -> str:
    if sub is None:
        inner = "VARCHAR"
    else:
        inner = "STRUCT(" + ", ".join(f'"{k}" {_duckdb_type(k, v)}' for k, v in sub.items()) + ")"
    return inner + "[]" if name in _LISTS else inner


@contextmanager
def local_registry(corpus: Path, page_size: int = 1000) -> Iterator[str]:
    """The corpus served like the registry's API v2 (/version, /studies pages with
    nextPageToken) from a thread on 127.0.0.1; yields the base URL."""
    files = sorted(corpus.glob("*/NCT*.json"))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            path, _, query = self.path.partition("?")
            if path.endswith("/version"):
                body = b'{"apiVersion": "2.0.5", "dataTimestamp": "2026-01-01T00:00:00"}'
            else:
                token = dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("pageToken", "0")
                start = int(token) * page_size
                studies = b",".join(file.read_bytes() for file in files[start:start + page_size])
                more = start + page_size < len(files)
                tail = f',"nextPageToken":"{int(token) + 1}"' if more else ""
                body = b'{"studies":[' + studies + b"]" + tail.encode() + b"}"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/v2"
    finally:
        server.shutdown()
        server.server_close()


# -- orchestration ------------------------------------------------------------------------------


def run_benchmark(n: int, source: Path, cache: Path, *, skip_duckdb: bool = False,
                  skip_api: bool = False) -> list[Measurement]:
    cache.mkdir(parents=True, exist_ok=True)
    corpus = synthesize(source, n, cache)
    mb = folder_mb(corpus)
    work = cache / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    results = [measure("parse floor", _python("parse", str(corpus)), n, mb)]
    if not skip_duckdb:
        target = work / "read_json.duckdb"
        results.append(measure("duckdb read_json", _python("read-json", str(corpus), str(target)), n, mb, target))
    big = work / "big.duckdb"
    results.append(measure("pipeline load-bulk", _pipeline("load-bulk", str(corpus), "--warehouse", str(big)), n, mb,
                           big))
    if not skip_api:
        api = work / "api.duckdb"
        with local_registry(corpus) as base_url:
            results.append(measure("pipeline run (API)", _pipeline(
                "run", "--base-url", base_url, "--term", "benchmark", "--min-interval", "0", "--recheck", "0",
                "--max-response-mb", "1000", "--warehouse", str(api)), n, mb, api))
    changes = changed_copies(corpus, min(INCREMENT, n), work / "changed")
    change_mb = folder_mb(changes)
    count = min(INCREMENT, n)
    results.append(measure("incremental into large", _pipeline("load-bulk", str(changes), "--warehouse", str(big)),
                           count, change_mb, big))
    small = work / "small.duckdb"  # a warehouse holding only the 1,000 studies that then change
    subprocess.run(_pipeline("load-bulk", str(corpus_subset(corpus, count, work / "subset")), "--warehouse",
                             str(small)), check=True, capture_output=True)
    results.append(measure("incremental into small", _pipeline("load-bulk", str(changes), "--warehouse", str(small)),
                           count, change_mb, small))
    return results


def corpus_subset(corpus: Path, count: int, out: Path) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    for path in sorted(corpus.glob("*/NCT*.json"))[:count]:
        target = out / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return out


def report(results: list[Measurement]) -> Iterator[str]:
    by_step = {m.step: m for m in results}
    yield f"{'step':<26}{'studies':>9}{'seconds':>10}{'studies/s':>11}{'MB/s':>9}{'peak RSS MB':>13}{'size MB':>10}"
    for m in results:
        size = f"{m.output_mb:10.1f}" if m.output_mb is not None else f"{'':>10}"
        yield (f"{m.step:<26}{m.studies:>9}{m.seconds:>10.2f}{m.studies_per_s:>11.0f}{m.mb_per_s:>9.1f}"
               f"{m.peak_rss_mb:>13.0f}{size}")
    ours = by_step["pipeline load-bulk"].seconds
    yield ""
    if "duckdb read_json" in by_step:
        yield f"ours / duckdb read_json time:              {ours / by_step['duckdb read_json'].seconds:.2f}"
    yield f"ours / parse floor time:                   {ours / by_step['parse floor'].seconds:.2f}"
    if "pipeline run (API)" in by_step:
        yield f"API path / bulk path time:                 {by_step['pipeline run (API)'].seconds / ours:.2f}"
    yield (f"incremental into large / into small time:  "
           f"{by_step['incremental into large'].seconds / by_step['incremental into small'].seconds:.2f}")


def main(argv: list[str]) -> None:
    """Child-process entry points of the steps that are not `pipeline` commands."""
    step, *rest = argv
    if step == "parse":
        print(json.dumps({"studies": parse_floor(Path(rest[0]))}))
    elif step == "read-json":
        duckdb_read_json(Path(rest[0]), Path(rest[1]))
    else:
        raise SystemExit(f"unknown benchmark step {step!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
