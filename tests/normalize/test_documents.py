"""documentSection.largeDocumentModule -> documents, document_sections."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.normalize import documents
from pipeline.normalize.source import Study
from tests.normalize.corpus_check import arr, batches, check_table, nct, record

PROTOCOL_AND_ICF = {
    "noSap": True,
    "largeDocs": [
        {"typeAbbrev": "Prot", "hasProtocol": True, "hasSap": False, "hasIcf": False, "label": "Study Protocol",
         "date": "2020-12-23", "uploadDate": "2021-11-10T11:05", "filename": "Prot_000.pdf", "size": 2719041},
        {"typeAbbrev": "ICF", "hasProtocol": False, "hasSap": False, "hasIcf": True, "date": "2021",
         "uploadDate": "garbled", "filename": "ICF_001.pdf"},
    ],
}


def _tables(module: dict) -> dict:
    return documents.tables([Study("NCT02513394", {"documentSection": {"largeDocumentModule": module}})])


def test_each_document_with_its_flags_dates_size_and_url():
    assert _tables(PROTOCOL_AND_ICF)["documents"].rows() == [
        ("NCT02513394", 1, "Prot", True, False, False, "Study Protocol", dt.date(2020, 12, 23),
         dt.datetime(2021, 11, 10, 11, 5), "Prot_000.pdf", 2719041,
         "https://cdn.clinicaltrials.gov/large-docs/94/NCT02513394/Prot_000.pdf"),
        ("NCT02513394", 2, "ICF", False, False, True, None, None, None, "ICF_001.pdf", None,
         "https://cdn.clinicaltrials.gov/large-docs/94/NCT02513394/ICF_001.pdf"),
    ]


def test_no_sap_is_one_row_per_study_with_the_module():
    t = documents.tables([
        Study("NCT00000001", {"documentSection": {"largeDocumentModule": PROTOCOL_AND_ICF}}),
        Study("NCT00000002", {"documentSection": {"largeDocumentModule": {"largeDocs": []}}}),
        Study("NCT00000003", {}),
    ])
    assert t["document_sections"].rows() == [("NCT00000001", True), ("NCT00000002", None)]


def test_a_size_sent_as_text_fails_the_study():
    with pytest.raises(TypeError):
        _tables({"largeDocs": [{"filename": "a.pdf", "size": "12 MB"}]})


# -- corpus tier ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_a_real_document_nct02513394():
    _, t = record("NCT02513394")
    assert t["documents"].select("type_abbrev", "has_protocol", "has_sap", "size_bytes", "uploaded_at").rows() == [
        ("Prot_SAP", True, True, 2719041, dt.datetime(2021, 11, 10, 11, 5))]


def _module(raw: dict) -> dict:
    return (raw.get("documentSection") or {}).get("largeDocumentModule") or {}


CORPUS = {
    "document_sections": (
        ["nct_id", "has_no_sap"],
        lambda raw: [(nct(raw), _module(raw).get("noSap"))] if _module(raw) else [],
    ),
    "documents": (
        ["nct_id", "ordinal", "type_abbrev", "has_protocol", "has_sap", "has_icf", "label", "filename", "size_bytes"],
        lambda raw: [(nct(raw), i, d.get("typeAbbrev"), d.get("hasProtocol"), d.get("hasSap"), d.get("hasIcf"),
                      d.get("label"), d.get("filename"), d.get("size"))
                     for i, d in enumerate(arr(_module(raw), "largeDocs"), 1)],
    ),
}


@pytest.mark.corpus
@pytest.mark.parametrize("table", list(CORPUS))
def test_every_corpus_record_matches_its_json(table):
    columns, rows = CORPUS[table]
    assert check_table(table, columns, rows) > 0


@pytest.mark.corpus
def test_every_corpus_document_date_is_its_text():
    for raws, frames in batches():
        want = sorted((nct(raw), i, d.get("date"), d.get("uploadDate"))
                      for raw in raws for i, d in enumerate(arr(_module(raw), "largeDocs"), 1))
        got = sorted((n, i, str(date), stamp.strftime("%Y-%m-%dT%H:%M"))
                     for n, i, date, stamp in frames["documents"].select("nct_id", "ordinal", "document_date",
                                                                         "uploaded_at").rows())
        assert got == want
