"""HTTP access to the ClinicalTrials.gov API v2: paging, retries, rate limit, fetch by ID.

Knows JSON and NCT IDs, not tables. The caller hands in the ``httpx.Client`` (tests pass
``httpx.MockTransport``), the clock and the sleep function, so nothing here reaches for
globals. Every response is classified once, in ``classify``: ok, retryable or fatal.
"""

from __future__ import annotations

import logging
import queue
import random
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from enum import Enum
from urllib.parse import urlsplit, urlunsplit

import httpx
import orjson
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from pipeline.config import HttpSettings
from pipeline.errors import (
    ApiBlocked,
    ApiRejected,
    ApiUnavailable,
    PagingError,
    ResponseTooLarge,
    StudyNotFound,
)

log = logging.getLogger("pipeline.fetch")

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_TOKEN_RESTARTS = 2  # a rejected nextPageToken restarts the walk from page 1 at most this often


class Verdict(Enum):
    OK = "ok"
    RETRY = "retry"
    FATAL = "fatal"


@dataclass(frozen=True)
class Page:
    """One page of a search: its studies as decoded JSON objects."""

    number: int
    url: str
    studies: list[dict]
    total_count: int | None
    nbytes: int


class _Transient(Exception):
    """A failure worth retrying; tenacity sees only this, callers see ApiUnavailable."""

    def __init__(self, message: str, *, url: str, status: int | None, body: str | None, retry_after: float | None = None):
        super().__init__(message)
        self.url = url
        self.status = status
        self.body = body
        self.retry_after = retry_after


def redact(url: str) -> str:
    """The URL without a password, should a user put credentials in --base-url."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def classify(status: int, content_type: str) -> Verdict:
    """Sort a response: 2xx JSON is ok; 429/5xx and a 2xx that is not JSON retry; other 4xx fail."""
    if 200 <= status < 300:
        # The registry sometimes serves an HTML maintenance/edge page with status 200.
        return Verdict.OK if "json" in content_type.lower() else Verdict.RETRY
    if status in RETRYABLE_STATUS:
        return Verdict.RETRY
    return Verdict.FATAL


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def tls12_context() -> ssl.SSLContext:
    """TLS pinned to 1.2: the registry's edge has answered 403 to some httpx TLS 1.3 clients."""
    context = ssl.create_default_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    return context


def make_client(settings: HttpSettings, *, tls12: bool = False, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The client used against the real registry (HTTP/1.1, redirects followed, named UA)."""
    return httpx.Client(
        headers={"User-Agent": settings.user_agent, "Accept": "application/json"},
        timeout=httpx.Timeout(settings.read_timeout_s, connect=settings.connect_timeout_s),
        follow_redirects=True,  # an NCT alias answers 301 to its canonical record
        verify=tls12_context() if tls12 else True,
        transport=transport,
    )


class RateLimiter:
    """At most one request per ``interval`` seconds (client side, as robots.txt asks)."""

    def __init__(self, interval: float, clock: Callable[[], float], sleep: Callable[[float], None]):
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._last: float | None = None

    def wait(self) -> None:
        if self.interval > 0 and self._last is not None:
            remaining = self._last + self.interval - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last = self.clock()


class Fetcher:
    """Talks to one registry base URL. Not thread-safe; one per run."""

    def __init__(
        self,
        client: httpx.Client,
        settings: HttpSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        fallback_client: Callable[[], httpx.Client] | None = None,
    ):
        self.client = client
        self.settings = settings
        self.base_url = settings.base_url.rstrip("/")
        self._sleep = sleep
        self._limiter = RateLimiter(settings.min_request_interval_s, clock, sleep)
        self._fallback_client = fallback_client
        self.requests_sent = 0
        self.bytes_received = 0

    # -- one request -------------------------------------------------------------------

    def get_json(self, path: str, params: Mapping[str, str | int] | None = None) -> tuple[object, int]:
        """GET base_url + path, retried as configured; returns (decoded JSON, body size)."""
        try:
            return self._retrying()(self._get_once, path, params)
        except _Transient as exc:
            raise ApiUnavailable(
                f"{redact(exc.url)} failed after {self.settings.retry_attempts} attempts: {exc}",
                url=exc.url,
                status=exc.status,
                body=exc.body,
            ) from None
        except ApiBlocked:
            if self._fallback_client is None:
                raise
            log.warning("blocked (403); retrying once with TLS 1.2", extra={"event": "tls12_fallback"})
            self.client = self._fallback_client()
            self._fallback_client = None
            return self.get_json(path, params)

    def _retrying(self) -> Retrying:
        settings = self.settings
        return Retrying(
            stop=stop_after_attempt(max(1, settings.retry_attempts)),
            wait=self._wait,
            retry=retry_if_exception_type(_Transient),
            sleep=self._sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )

    def _wait(self, state: RetryCallState) -> float:
        """Exponential backoff with +-25% jitter, or the server's Retry-After when it sends one."""
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Transient) and exc.retry_after is not None:
            return min(exc.retry_after, self.settings.retry_after_cap_s)
        base = min(self.settings.retry_max_s, self.settings.retry_base_s * 2 ** (state.attempt_number - 1))
        return base * random.uniform(0.75, 1.25)

    @staticmethod
    def _log_retry(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        log.warning(
            "retrying after %s (attempt %d)",
            exc,
            state.attempt_number,
            extra={"event": "retry", "attempt": state.attempt_number, "url": getattr(exc, "url", None)},
        )

    def _get_once(self, path: str, params: Mapping[str, str | int] | None) -> tuple[object, int]:
        self._limiter.wait()
        request = self.client.build_request("GET", self.base_url + path, params=params)
        url = str(request.url)
        self.requests_sent += 1
        try:
            response = self.client.send(request, stream=True)
            try:
                body = self._read_capped(response, url)
            finally:
                response.close()
        except httpx.TimeoutException as exc:
            raise _Transient(f"timed out ({type(exc).__name__})", url=url, status=None, body=None) from None
        except httpx.TransportError as exc:
            raise _Transient(f"connection failed ({type(exc).__name__}: {exc})", url=url, status=None, body=None) from None
        final_url = str(response.url)
        self.bytes_received += len(body)
        content_type = response.headers.get("content-type", "")
        verdict = classify(response.status_code, content_type)
        if verdict is Verdict.FATAL:
            self._raise_fatal(response.status_code, final_url, _text(body), path)
        if verdict is Verdict.RETRY:
            if 200 <= response.status_code < 300:
                raise _Transient(
                    f"answered {response.status_code} with {content_type or 'no content-type'} instead of JSON",
                    url=final_url, status=response.status_code, body=_text(body)[:500],
                )
            raise _Transient(
                f"answered {response.status_code}: {_text(body)[:500]}",
                url=final_url,
                status=response.status_code,
                body=_text(body),
                retry_after=parse_retry_after(response.headers.get("retry-after")),
            )
        try:
            return orjson.loads(body), len(body)
        except orjson.JSONDecodeError as exc:
            # A truncated or corrupted page is retried, never loaded in part.
            raise _Transient(f"answered {response.status_code} with malformed JSON ({exc})", url=final_url,
                             status=response.status_code, body=None) from None

    def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        cap = self.settings.max_response_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise ResponseTooLarge(f"{redact(url)} declared {int(declared):,} bytes, over the {cap:,}-byte cap", url=url,
                                   status=response.status_code)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise ResponseTooLarge(f"{redact(url)} sent more than the {cap:,}-byte cap", url=url,
                                       status=response.status_code)
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _raise_fatal(status: int, url: str, body: str, path: str) -> None:
        # Error bodies are text/plain: show them verbatim.
        message = f"{redact(url)} answered {status}: {body.strip() or '(empty body)'}"
        if status == 403:
            raise ApiBlocked(message, url=url, status=status, body=body)
        if status == 404 and path.startswith("/studies/NCT"):
            raise StudyNotFound(message, url=url, nct_id=path.rsplit("/", 1)[-1], body=body)
        raise ApiRejected(message, url=url, status=status, body=body)

    # -- endpoints ------------------------------------------------------------------------

    def version(self) -> dict:
        """GET /version: ``{"apiVersion": ..., "dataTimestamp": ...}``."""
        data, _ = self.get_json("/version")
        if not isinstance(data, dict):
            raise ApiRejected(f"{self.base_url}/version did not answer a JSON object", url=self.base_url + "/version")
        return data

    def study(self, nct_id: str) -> dict:
        """GET /studies/{nct_id}. An alias is redirected and comes back under its canonical ID."""
        data, _ = self.get_json(f"/studies/{nct_id}")
        if not isinstance(data, dict):
            url = f"{self.base_url}/studies/{nct_id}"
            raise ApiRejected(f"{url} did not answer a JSON object", url=url)
        return data

    def iter_pages(self, params: Mapping[str, str | int]) -> Iterator[Page]:
        """Walk a search with nextPageToken, resending identical parameters on every page.

        Stops when no token comes back (an empty last page is normal). A token seen twice
        is a loop and fails; a token the registry rejects with 400 restarts the walk from
        page 1 (the caller dedupes by nctId), at most MAX_TOKEN_RESTARTS times.
        """
        base = {**params, "pageSize": self.settings.page_size}
        restarts = 0
        while True:
            try:
                yield from self._walk(base)
                return
            except _TokenRejected as exc:
                restarts += 1
                if restarts > MAX_TOKEN_RESTARTS:
                    raise PagingError(f"page token rejected {restarts} times; last: {exc.cause}", url=exc.cause.url,
                                      status=exc.cause.status, body=exc.cause.body) from None
                log.warning("page token rejected; restarting the walk from page 1",
                            extra={"event": "paging_restart", "url": exc.cause.url})

    def _walk(self, base: Mapping[str, str | int]) -> Iterator[Page]:
        token: str | None = None
        seen_tokens: set[str] = set()
        number = 0
        while True:
            params = dict(base)
            if token is not None:
                params["pageToken"] = token
            number += 1
            try:
                data, nbytes = self.get_json("/studies", params)
            except ApiRejected as exc:
                if token is not None and exc.status == 400:
                    raise _TokenRejected(exc) from None
                raise
            url = f"{self.base_url}/studies"
            if not isinstance(data, dict) or not isinstance(data.get("studies", []), list):
                raise PagingError(f"{url} page {number} is not a page of studies", url=url)
            yield Page(number, url, data.get("studies") or [], data.get("totalCount"), nbytes)
            token = data.get("nextPageToken")  # absent (or null) on the last page
            if not token:
                return
            if token in seen_tokens:
                raise PagingError(f"{url} returned page token {token!r} twice: the cursor loops", url=url)
            seen_tokens.add(token)


class _TokenRejected(Exception):
    def __init__(self, cause: ApiRejected):
        self.cause = cause


def _text(body: bytes) -> str:
    return body.decode("utf-8", errors="replace")


class _Ended:
    """End of a read-ahead stream, with the producer's exception if it failed."""

    def __init__(self, error: BaseException | None = None):
        self.error = error


def read_ahead(pages: Iterator[Page], depth: int = 1) -> Iterator[Page]:
    """Fetch up to ``depth`` pages ahead in a background thread while the caller loads.

    Network time then hides processing time. Errors are raised where the page would have
    been yielded; when the caller stops early, the thread stops before its next request.
    """
    buffer: queue.Queue = queue.Queue(maxsize=max(1, depth))
    stop = threading.Event()

    def produce() -> None:
        try:
            for page in pages:
                buffer.put(page)
                if stop.is_set():
                    break
        except BaseException as exc:  # handed to the consumer, who raises it
            buffer.put(_Ended(exc))
            return
        buffer.put(_Ended())

    thread = threading.Thread(target=produce, name="read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item = buffer.get()
            if isinstance(item, _Ended):
                if item.error is not None:
                    raise item.error
                return
            held = [item]
            del item  # while suspended, hold no page the caller has let go of
            yield held.pop()
    finally:
        stop.set()
        while thread.is_alive():  # let the producer finish its current request and leave
            try:
                buffer.get(timeout=0.05)
            except queue.Empty:
                pass
