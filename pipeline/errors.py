"""The pipeline's own error vocabulary.

httpx and DuckDB errors are translated into these where they enter our code, so callers
(and ``pipeline.cli``, the only place that turns them into exit codes) catch names they own.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose."""


class ApiError(PipelineError):
    """The registry could not be used. Carries the URL, the status and the body verbatim."""

    def __init__(self, message: str, *, url: str, status: int | None = None, body: str | None = None):
        self.url = url
        self.status = status
        self.body = body
        super().__init__(message)


class ApiUnavailable(ApiError):
    """Retries were exhausted on a transient failure (429, 5xx, timeout, reset, non-JSON)."""


class ApiRejected(ApiError):
    """A 4xx the registry will answer the same way again: bad parameter, unknown path."""


class ApiBlocked(ApiRejected):
    """403 from the registry's edge (a TLS or client-fingerprint block)."""


class StudyNotFound(ApiRejected):
    """GET /studies/{id} answered 404 for an ID that is well formed."""

    def __init__(self, message: str, *, url: str, nct_id: str, body: str | None = None):
        self.nct_id = nct_id
        super().__init__(message, url=url, status=404, body=body)


class ResponseTooLarge(ApiError):
    """A response body exceeded the configured cap."""


class PagingError(ApiError):
    """The page cursor misbehaved: a token loop, or a rejected token after a restart."""


class StudyRejected(PipelineError):
    """One study cannot be landed or normalized; it goes to quarantine with this reason."""

    def __init__(self, reason: str, *, nct_id: str | None = None):
        self.reason = reason
        self.nct_id = nct_id
        super().__init__(reason if nct_id is None else f"{nct_id}: {reason}")


class WarehouseError(PipelineError):
    """The DuckDB warehouse cannot be opened, migrated or written."""


class WarehouseLocked(WarehouseError):
    """Another run holds the warehouse."""


class WarehouseMissing(WarehouseError):
    """A read-only command was pointed at a warehouse file that does not exist."""


class QueryError(PipelineError):
    """A named query is unknown, a parameter is missing, or the SQL failed."""


class BulkFileError(PipelineError):
    """A bulk download is truncated, not a zip, or holds no study files."""


class MassDeletionRefused(PipelineError):
    """A run would mark too large a share of the warehouse as gone; it needs --force."""


class ExportError(PipelineError):
    """An export or report could not be written (bad output folder, unknown table, disk full)."""
