"""Faults the fake ClinicalTrials.gov server can inject, and the queue that hands them out.

Build a fault with one of the ``Fault`` constructors and arm it with ``CtgovServer.inject``:

====================================  ===========================================================
``Fault.status(code, retry_after=)``  that status, text/plain body, optional ``Retry-After``
``Fault.reset(after_bytes=)``         200 headers + part of the body, then a TCP RST (SO_LINGER 0)
``Fault.stall(seconds, mid_body=)``   wait before answering (or after half the body), then answer
``Fault.html(status=200)``            an HTML maintenance page with ``content-type: text/html``
``Fault.truncated(keep_bytes=)``      the normal headers, but the body cut short (valid framing)
``Fault.oversized(size, declare=)``   a ``size``-byte JSON body, with Content-Length or chunked
``Fault.reject_token()``              400 text/plain, as the registry answers a dead page token
``Fault.token_loop()``                a normal page whose nextPageToken comes back forever
====================================  ===========================================================
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http import HTTPStatus

ENDPOINTS = ("version", "studies", "study", "download")

# Wording invented here: no source quotes the registry's text for a dead token.
TOKEN_REJECTED_MESSAGE = "Invalid or expired page token in parameter `pageToken`"


@dataclass(frozen=True)
class Fault:
    """One misbehaviour. Use the constructors; ``name`` is what the request log records."""

    name: str
    code: int = 200
    retry_after: str | None = None
    body: str | None = None
    seconds: float = 0.0
    mid_body: bool = False
    size: int = 0
    declare_length: bool = True
    after_bytes: int | None = None

    @classmethod
    def status(
        cls, code: int, *, retry_after: int | str | None = None, body: str | None = None
    ) -> Fault:
        """Answer ``code`` with a text/plain body (default: ``"503 Service Unavailable"``)."""
        text = body if body is not None else f"{code} {HTTPStatus(code).phrase}"
        after = None if retry_after is None else str(retry_after)
        return cls("status", code=code, retry_after=after, body=text)

    @classmethod
    def reset(cls, *, after_bytes: int | None = None) -> Fault:
        """Send the headers and ``after_bytes`` of the body (default half), then reset."""
        return cls("reset", after_bytes=after_bytes)

    @classmethod
    def stall(cls, seconds: float, *, mid_body: bool = False) -> Fault:
        """Sleep ``seconds`` before answering, or after sending half the body if ``mid_body``."""
        return cls("stall", seconds=seconds, mid_body=mid_body)

    @classmethod
    def html(cls, *, status: int = 200) -> Fault:
        """An edge/maintenance HTML page in place of the JSON."""
        return cls("html", code=status)

    @classmethod
    def truncated(cls, *, keep_bytes: int | None = None) -> Fault:
        """The normal status and content-type with only ``keep_bytes`` of the body (default half).

        Content-Length matches the cut body, so the transfer itself succeeds: on a JSON endpoint
        the client gets a 200 ``application/json`` that does not parse; on ``download`` a zip
        without its central directory.
        """
        return cls("truncated", after_bytes=keep_bytes)

    @classmethod
    def oversized(cls, size: int = 4 * 1024 * 1024, *, declare_length: bool = True) -> Fault:
        """A 200 body of exactly ``size`` bytes (valid JSON padding), streamed in chunks.

        With ``declare_length`` the size is announced in Content-Length; without it the body
        is sent chunked, so only counting the bytes read reveals it.
        """
        return cls("oversized", size=size, declare_length=declare_length)

    @classmethod
    def reject_token(cls, *, body: str = TOKEN_REJECTED_MESSAGE) -> Fault:
        """400 text/plain, as for an expired page token. Pair it with ``with_token=True``."""
        return cls("reject_token", code=400, body=body)

    @classmethod
    def token_loop(cls) -> Fault:
        """This page's nextPageToken, once followed, keeps coming back as its own next token."""
        return cls("token_loop")


@dataclass
class _Armed:
    endpoint: str
    fault: Fault
    remaining: int
    page: int | None
    with_token: bool

    def matches(self, endpoint: str, page: int | None, has_token: bool) -> bool:
        if endpoint != self.endpoint or (self.with_token and not has_token):
            return False
        return self.page is None or self.page == page


class FaultQueue:
    """Armed faults, handed out in the order they were armed to the requests they match."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: list[_Armed] = []

    def arm(
        self, endpoint: str, fault: Fault, times: int, page: int | None, with_token: bool
    ) -> None:
        if endpoint not in ENDPOINTS:
            raise ValueError(f"endpoint must be one of {ENDPOINTS}, not {endpoint!r}")
        if times < 1:
            raise ValueError(f"times must be at least 1, not {times}")
        if page is not None and page < 1:
            raise ValueError(f"page numbers start at 1, not {page}")
        with self._lock:
            self._armed.append(_Armed(endpoint, fault, times, page, with_token))

    def take(self, endpoint: str, page: int | None, has_token: bool) -> Fault | None:
        """The first armed fault matching this request, using up one of its ``times``."""
        with self._lock:
            for armed in self._armed:
                if armed.matches(endpoint, page, has_token):
                    armed.remaining -= 1
                    if armed.remaining == 0:
                        self._armed.remove(armed)
                    return armed.fault
        return None

    def pending(self) -> list[tuple[str, Fault, int]]:
        """(endpoint, fault, remaining times) for every fault not yet used up."""
        with self._lock:
            return [(armed.endpoint, armed.fault, armed.remaining) for armed in self._armed]

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()
