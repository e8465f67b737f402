"""What the fake ClinicalTrials.gov server answers when nothing goes wrong: no sockets here.

``FakeRegistry`` holds the studies, aliases, ``/version`` data and the page tokens handed out,
and turns (endpoint, params) into a ``Reply``. The behaviour follows api-v2.md:

- Unknown parameters give 400 text/plain "`query.bogus` is unknown parameter". Real
  parameters the fake does not implement (``fields``, ``query.locn``, ``filter.geo`` ...) also
  give a 400 that says so, rather than being ignored.
- ``pageSize`` defaults to 10, 0 means the default, and values above 1000 are clamped to 1000.
- A page that is exactly full carries a ``nextPageToken``, even when it is the last one; the
  token then leads to ``{"studies": []}`` with no token (the registry does this too).
- Pages after the first must repeat the first page's parameters except ``pageToken``,
  ``pageSize`` and ``countTotal``, or get a 400. ``totalCount`` comes only on the first page.
- Tokens stay valid until ``expire_tokens()``; an unknown token gets a 400.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tests.support.bulk_files import BULK_ZIP_NAME, bulk_zip_bytes
from tests.support.ctgov_faults import TOKEN_REJECTED_MESSAGE
from tests.support.ctgov_search import (
    SEARCH_AREAS,
    QueryError,
    Study,
    alias_ids_of,
    nct_id_of,
    normalize_nct_id,
    select_studies,
)

Params = Mapping[str, list[str]]

DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 1000
PAGING_PARAMS = frozenset({"pageToken", "pageSize", "countTotal"})
# Wording invented here: no source quotes the registry's text for changed parameters.
PARAMS_CHANGED_MESSAGE = (
    "Parameters of a next-page request must be the same as those of the first page, "
    "except `pageToken`, `pageSize` and `countTotal`"
)

_STUDIES_PARAMS = frozenset(
    {"format", "markupFormat", "filter.ids", "filter.advanced", "filter.overallStatus", "sort"}
    | set(SEARCH_AREAS)
    | PAGING_PARAMS
)
_SINGLE_STUDY_PARAMS = frozenset({"format", "markupFormat"})
# Real API v2 parameters (api-v2.md §1) that the fake knows but does not implement.
_REAL_UNIMPLEMENTED = frozenset(
    {
        "fields", "query.locn", "query.outc", "query.spons", "query.lead", "query.id",
        "query.patient", "filter.geo", "filter.synonyms", "aggFilters", "geoDecay",
    }
)  # fmt: skip
NGINX_404 = (
    "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
    "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
MAINTENANCE_PAGE = (
    "<!DOCTYPE html><html><head><title>ClinicalTrials.gov</title></head><body>"
    "<h1>Scheduled maintenance</h1><p>ClinicalTrials.gov is temporarily unavailable.</p>"
    "</body></html>"
)


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def json_reply(payload: Any, status: int = 200) -> Reply:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return Reply(status, "application/json", body)


def text_reply(status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", message.encode("utf-8"), headers)


def not_found_page() -> Reply:
    return Reply(404, "text/html", NGINX_404.encode("utf-8"))


def maintenance_page(status: int = 200) -> Reply:
    """The HTML an edge or maintenance page serves in place of JSON."""
    return Reply(status, "text/html", MAINTENANCE_PAGE.encode("utf-8"))


@dataclass(frozen=True)
class _Cursor:
    signature: tuple[tuple[str, tuple[str, ...]], ...]
    offset: int
    page: int
    loops: bool = False


def _signature(params: Params) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((k, tuple(v)) for k, v in params.items() if k not in PAGING_PARAMS))


def _last(params: Params, name: str) -> str | None:
    values = params.get(name)
    return values[-1] if values else None


class FakeRegistry:
    """The registry's data and paging state. Thread-safe: every public method takes the lock."""

    def __init__(
        self,
        studies: Iterable[Study],
        aliases: Mapping[str, str] | None,
        data_timestamp: str,
        api_version: str,
    ) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, _Cursor] = {}
        self.api_version = api_version
        self.data_timestamp = data_timestamp
        self._studies: list[Study] = []
        self._by_id: dict[str, Study] = {}
        self._aliases: dict[str, str] = {}
        self.set_studies(studies, aliases)

    def set_studies(self, studies: Iterable[Study], aliases: Mapping[str, str] | None) -> None:
        """Replace the data; ``aliases`` (alias -> canonical) adds to each study's nctIdAliases."""
        ordered = sorted(studies, key=nct_id_of)
        alias_map = {alias: nct_id_of(s) for s in ordered for alias in alias_ids_of(s)}
        alias_map.update(aliases or {})
        with self._lock:
            self._studies = ordered
            self._by_id = {nct_id_of(study): study for study in ordered}
            self._aliases = {normalize_nct_id(k) or k: v for k, v in alias_map.items()}

    def set_data_timestamp(self, data_timestamp: str) -> None:
        with self._lock:
            self.data_timestamp = data_timestamp

    def expire_tokens(self) -> None:
        with self._lock:
            self._tokens.clear()

    def page_of(self, params: Params) -> int | None:
        """1 for a first-page request, the token's page number after that, None if unknown."""
        token = _last(params, "pageToken")
        if token is None:
            return 1
        with self._lock:
            cursor = self._tokens.get(token)
        return cursor.page if cursor else None

    # --- endpoints ---------------------------------------------------------------------------

    def version(self, params: Params) -> Reply:
        error = _check_params(params, frozenset({"format"}))
        if error:
            return error
        with self._lock:
            payload = {"apiVersion": self.api_version, "dataTimestamp": self.data_timestamp}
        return json_reply(payload)

    def list_studies(self, params: Params, *, token_loop: bool = False) -> Reply:
        """One page of ``GET /studies``; ``token_loop`` makes its next token repeat forever."""
        error = _check_params(params, _STUDIES_PARAMS)
        if error:
            return error
        with self._lock:
            token = _last(params, "pageToken")
            cursor = _Cursor(_signature(params), 0, 1)
            if token is not None:
                known = self._tokens.get(token)
                if known is None:
                    return text_reply(400, TOKEN_REJECTED_MESSAGE)
                if known.signature != cursor.signature:
                    return text_reply(400, PARAMS_CHANGED_MESSAGE)
                cursor = known
            try:
                size = _page_size(_last(params, "pageSize"))
                count_total = _boolean(params, "countTotal")
                flat = {name: values[-1] for name, values in params.items()}
                matches = select_studies(self._studies, flat, self._aliases)
            except QueryError as exc:
                return text_reply(400, str(exc))
            page = matches[cursor.offset : cursor.offset + size]
            payload: dict[str, Any] = {}
            if count_total and token is None:
                payload["totalCount"] = len(matches)
            payload["studies"] = page
            next_offset = cursor.offset + len(page)
            if cursor.loops:
                payload["nextPageToken"] = token
            elif token_loop:
                payload["nextPageToken"] = self._new_token(cursor, next_offset, loops=True)
            elif len(page) == size:
                # A full page always gets a token, so a full last page leads to an empty one.
                payload["nextPageToken"] = self._new_token(cursor, next_offset)
            return json_reply(payload)

    def get_study(self, raw_id: str, params: Params, base_url: str, query: str) -> Reply:
        """``GET /studies/{nctId}``: the study itself, a 301 for an alias, 404 or 400."""
        error = _check_params(params, _SINGLE_STUDY_PARAMS)
        if error:
            return error
        nct_id = normalize_nct_id(raw_id)
        if nct_id is None:
            return text_reply(400, f"`{raw_id}` has incorrect format")
        with self._lock:
            study = self._by_id.get(nct_id)
            canonical = self._aliases.get(nct_id)
        if study is not None:
            return json_reply(study)
        if canonical is not None:
            # Since API 2.0.2 an alias (NCTIdAlias) redirects to the canonical record.
            location = f"{base_url}/studies/{canonical}" + (f"?{query}" if query else "")
            return text_reply(301, f"Moved Permanently: {location}", (("Location", location),))
        return text_reply(404, f"Study {nct_id} not found")

    def download(self, params: Params) -> Reply:
        """``GET /studies/download?format=json.zip``: the whole registry as the bulk zip."""
        for name in params:
            if name.split(".")[0] in ("query", "filter", "postFilter"):
                return text_reply(400, f"Invalid prefix in parameter name: {name}")
        error = _check_params(params, frozenset({"format"}), formats=("json.zip",))
        if error:
            return error
        with self._lock:
            body = bulk_zip_bytes(self._studies)
        disposition = f"attachment; filename={BULK_ZIP_NAME}"
        return Reply(200, "application/zip", body, (("Content-Disposition", disposition),))

    def _new_token(self, cursor: _Cursor, offset: int, *, loops: bool = False) -> str:
        token = secrets.token_urlsafe(10)
        self._tokens[token] = _Cursor(cursor.signature, offset, cursor.page + 1, loops)
        return token


def _check_params(
    params: Params, allowed: frozenset[str], formats: tuple[str | None, ...] = (None, "json")
) -> Reply | None:
    """A 400 for an unknown or unimplemented parameter or an unserved format, else None."""
    for name in params:
        if name in _REAL_UNIMPLEMENTED:
            return text_reply(
                400, f"`{name}` is a real API parameter the fake ctgov server does not implement"
            )
        if name not in allowed:
            return text_reply(400, f"`{name}` is unknown parameter")
    fmt = _last(params, "format")
    if fmt not in formats:
        served = " or ".join(f"`{f}`" for f in formats if f)
        return text_reply(
            400, f"Invalid value in parameter `format`: `{fmt}` (the fake serves {served})"
        )
    markup = _last(params, "markupFormat")
    if markup not in (None, "markdown", "legacy"):
        return text_reply(400, f"Invalid value in parameter `markupFormat`: `{markup}`")
    return None


def _page_size(value: str | None) -> int:
    if value is None:
        return DEFAULT_PAGE_SIZE
    try:
        size = int(value)
    except ValueError:
        raise QueryError(f"Invalid value in parameter `pageSize`: `{value}`") from None
    if size < 0:
        raise QueryError(f"Invalid value in parameter `pageSize`: `{value}`")
    # 0 means the default; above the maximum the registry clamps silently, with no 400.
    return min(size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def _boolean(params: Params, name: str) -> bool:
    value = _last(params, name)
    if value is None or value.lower() == "false":
        return False
    if value.lower() == "true":
        return True
    raise QueryError(f"Invalid value in parameter `{name}`: `{value}`")
