"""pipeline.extract.routes: the per-route scan gated by stems reads what one scan with every pattern reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.extract import routes

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "ctgov-data"
LABELLED = Path(__file__).resolve().parents[1] / "labelled" / "doses.jsonl"
# one scan with every route's words, in the vocabulary's order: what word_routes must equal
_ALL_AT_ONCE = re.compile(
    "|".join(f"(?P<{name.replace('-', '_')}>{pattern})" for name, pattern in routes._WORDS.items()), re.IGNORECASE
)


def _reference(text: str) -> list[routes.Route]:
    return [routes.Route(m.lastgroup.replace("_", "-"), m.start(), m.end()) for m in _ALL_AT_ONCE.finditer(text)]


def _texts(source: str) -> list[str]:
    if source == "labelled":
        return [json.loads(line)["text"] for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = []
    for path in sorted(CORPUS.glob("NCT*.json")):
        module = json.loads(path.read_text(encoding="utf-8")).get("protocolSection", {}).get("armsInterventionsModule", {})
        texts += [a.get(k) or "" for a in module.get("armGroups", []) for k in ("label", "description")]
        texts += [i.get("description") or "" for i in module.get("interventions", [])]
    return texts


@pytest.mark.parametrize("source", ["labelled", pytest.param("corpus", marks=pytest.mark.corpus)])
def test_gated_scan_reads_what_one_scan_reads(source):
    if source == "corpus" and not CORPUS.is_dir():
        pytest.skip(f"corpus folder {CORPUS} is absent (it lives in ../shared beside the repo)")
    texts = _texts(source)
    assert [routes.word_routes(t) for t in texts] == [_reference(t) for t in texts]
    assert sum(bool(_reference(t)) for t in texts) >= 20


def test_every_route_has_stems_and_a_pattern():
    assert set(routes._STEMS) == set(routes.ROUTES)
    # a spelling of each route is found, whatever its stems
    for text, route in [("intrathecally", "intrathecal"), ("via lumbar puncture", "intrathecal"),
                        ("into the CSF", "intrathecal"), ("into a peripheral vein", "intravenous"),
                        ("by mouth", "oral"), ("per os", "oral"), ("into the knee", "intra-articular"),
                        ("Ommaya reservoir", "intracerebroventricular"), ("per rectum", "rectal"),
                        ("into a lymph node", "intranodal"), ("into the nucleus pulposus", "intradiscal")]:
        assert [r.route for r in routes.word_routes(text)] == [route], text
