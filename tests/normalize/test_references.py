"""referencesModule -> references, reference_retractions, links, available_ipds."""

from __future__ import annotations

from pipeline.normalize import references
from tests.normalize.cases import record, rows


def tables(module: dict) -> dict:
    return references.tables([record(referencesModule=module)])


def test_references_with_a_retraction():
    module = {"references": [
        {"pmid": "12345678", "type": "BACKGROUND", "citation": "Doe J. A trial. Lancet. 2020."},
        {"type": "RESULT", "citation": "Smith A. Results. NEJM. 2022.",
         "retractions": [{"pmid": "33333333", "source": "NEJM. 2023;388:100."}]},
    ]}
    got = tables(module)
    assert rows(got["references"]) == [
        ("NCT00000001", 1, "12345678", "BACKGROUND", "Doe J. A trial. Lancet. 2020."),
        ("NCT00000001", 2, None, "RESULT", "Smith A. Results. NEJM. 2022."),
    ]
    assert rows(got["reference_retractions"]) == [("NCT00000001", 2, 1, "33333333", "NEJM. 2023;388:100.")]


def test_see_also_links_with_escaped_labels():
    module = {"seeAlsoLinks": [{"label": "Sponsor\\'s site", "url": "https://example.com"}]}
    assert rows(tables(module)["links"]) == [("NCT00000001", 1, "https://example.com", "Sponsor's site")]


def test_available_ipds():
    module = {"availIpds": [{"id": "V-123", "type": "Individual Participant Data Set", "url": "https://vivli.org",
                             "comment": "On request \\(see site\\)"}]}
    assert rows(tables(module)["available_ipds"]) == [
        ("NCT00000001", 1, "V-123", "Individual Participant Data Set", "https://vivli.org", "On request (see site)")]


def test_no_references_module_gives_no_rows():
    got = references.tables([record()])
    assert {name: frame.height for name, frame in got.items()} == dict.fromkeys(got, 0)
