"""`pipeline bench`: load speed and memory against two baselines, measured in one run.

Steps, on the same synthesized corpus (N real records copied under unique NCT IDs, in the
registry's bulk layout ``NN/NCTxxxxxxxx.json``, cached between runs):

1. parse floor: read every file and decode its JSON, nothing else;
2. baseline: DuckDB's own ``read_json`` loading the same files into one typed table;
3. ours: ``pipeline load-bulk`` into a fresh warehouse (every table, raw JSON landed);
4. incremental: 1,000 changed studies into the warehouse of step 3, and into one of 1,000.

Each step runs in its own process; peak memory is the largest sum of resident memory over
that process tree, sampled every 20 ms from /proc. Timings are wall clock. Nothing here
asserts anything: it prints figures side by side.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
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


# -- orchestration ------------------------------------------------------------------------------


def run_benchmark(n: int, source: Path, cache: Path, *, skip_duckdb: bool = False) -> list[Measurement]:
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
