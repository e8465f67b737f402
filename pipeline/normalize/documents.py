"""documentSection.largeDocumentModule -> ``documents`` (one row per uploaded protocol, SAP
or consent form) and ``document_sections`` (the study-level ``noSap`` statement)."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipeline.normalize.dates import full_date
from pipeline.normalize.schemas.results import DOCUMENT_SECTIONS, DOCUMENTS
from pipeline.normalize.source import Columns, Study, items, sub

# Where the registry serves an uploaded document: the last two digits of the NCT ID, the
# NCT ID, then the filename (e.g. .../large-docs/94/NCT02513394/Prot_SAP_000.pdf).
LARGE_DOCS_URL = "https://cdn.clinicaltrials.gov/large-docs/"

_RAW = {
    **{name: dtype for name, dtype in DOCUMENTS.items() if name not in ("document_date", "uploaded_at", "url")},
    "date_raw": pl.String,
    "upload_raw": pl.String,
}


def tables(studies: Sequence[Study]) -> dict[str, pl.DataFrame]:
    sections = Columns(DOCUMENT_SECTIONS)
    docs = Columns(_RAW)
    for s in studies:
        module = sub(s.document, "largeDocumentModule")
        if not module:
            continue
        sections.add(s.nct_id, module.get("noSap"))
        for ordinal, doc in enumerate(items(module, "largeDocs"), 1):
            docs.add(s.nct_id, ordinal, doc.get("typeAbbrev"), doc.get("hasProtocol"), doc.get("hasSap"),
                     doc.get("hasIcf"), doc.get("label"), doc.get("filename"), doc.get("size"), doc.get("date"),
                     doc.get("uploadDate"))
    nct_id = pl.col("nct_id")
    return {
        "document_sections": sections.frame(DOCUMENT_SECTIONS),
        "documents": docs.frame(_RAW)
        .with_columns(
            full_date("date_raw", "document_date"),
            # uploadDate is "yyyy-MM-ddTHH:mm" (minutes, no zone).
            pl.col("upload_raw").str.to_datetime("%Y-%m-%dT%H:%M", time_unit="us", strict=False).alias("uploaded_at"),
            pl.concat_str(pl.lit(LARGE_DOCS_URL), nct_id.str.slice(-2), pl.lit("/"), nct_id, pl.lit("/"),
                          pl.col("filename")).alias("url"),
        )
        .select(DOCUMENTS.names()),
    }
