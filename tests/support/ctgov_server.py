"""A fake ClinicalTrials.gov API v2 server on a real socket on 127.0.0.1, with fault injection.

End-to-end tests point the fetcher at ``srv.base_url``::

    with CtgovServer(studies=[study], aliases={"NCT00000001": "NCT07118319"}) as srv:
        srv.inject("studies", Fault.status(429, retry_after=1), times=2)
        srv.inject("studies", Fault.reset(), page=2)
        fetch_everything(base_url=srv.base_url)
        assert [r.status for r in srv.requests_for("studies")][:2] == [429, 429]

Endpoints (``/api/v2/...``): ``version``, ``studies``, ``studies/{nctId}`` and
``studies/download?format=json.zip``; any other path gets nginx's HTML 404. What each one
answers is in ``ctgov_registry``, how searches match in ``ctgov_search`` and the faults in
``ctgov_faults``. Every request, faulted or not, lands in ``srv.requests``.

The server is ``http.server.ThreadingHTTPServer`` (HTTP/1.1, keep-alive) on port 0, served
from a background thread, because some faults need the raw socket. Leaving the ``with`` block
wakes stalled handlers, closes open connections and re-raises any crash of the server code.
"""

from __future__ import annotations

import contextlib
import re
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.support.bulk_files import write_bulk_folder, write_bulk_zip
from tests.support.ctgov_faults import ENDPOINTS, Fault, FaultQueue
from tests.support.ctgov_registry import (
    FakeRegistry,
    Reply,
    maintenance_page,
    not_found_page,
    text_reply,
)

__all__ = ["CtgovServer", "Fault", "RecordedRequest", "write_bulk_folder", "write_bulk_zip"]

DEFAULT_DATA_TIMESTAMP = "2026-11-20T09:00:05"
API_PREFIX = "/api/v2"
_STUDY_PATH = re.compile(r"^/api/v2/studies/([^/]+)$")
_CHUNK = 64 * 1024
# One TLS context shared by every ``client()``: httpx otherwise builds one per client (~70 ms
# to load the CA bundle), and these clients only ever speak plain HTTP to 127.0.0.1.
_TLS = ssl.create_default_context()


@dataclass
class RecordedRequest:
    """One request as the server saw it. ``time`` is ``time.monotonic()`` on arrival."""

    method: str
    path: str
    params: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    time: float
    endpoint: str | None  # "version" | "studies" | "study" | "download" | None (other paths)
    page: int | None = None  # studies only: 1 without pageToken, then the token's page number
    fault: str | None = None  # Fault.name, when one was applied
    # Status line sent: 200 for reset/truncated/oversized; None while a stall is still waiting.
    status: int | None = None

    @property
    def flat_params(self) -> dict[str, str]:
        """Params with one value each (the last one)."""
        return {name: values[-1] for name, values in self.params.items()}

    def param(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[-1] if values else None


class CtgovServer:
    """The fake registry. Use as a context manager, or call ``start()`` and ``stop()``."""

    def __init__(
        self,
        studies: Iterable[dict[str, Any]] = (),
        *,
        aliases: Mapping[str, str] | None = None,
        data_timestamp: str = DEFAULT_DATA_TIMESTAMP,
        api_version: str = "2.0.5",
    ) -> None:
        self.registry = FakeRegistry(studies, aliases, data_timestamp, api_version)
        self.faults = FaultQueue()
        self._requests: list[RecordedRequest] = []
        self._crashes: list[BaseException] = []
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Self:
        self._stopping.clear()
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.fake = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake stalled handlers, close connections; raise if the server crashed."""
        if self._httpd is None:
            return
        self._stopping.set()
        self._httpd.shutdown()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            # OSError: already closed by its handler or by the client; nothing left to wake.
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()  # joins the handler threads
        self._httpd = None
        if self._crashes:
            raise RuntimeError("the fake ctgov server crashed") from self._crashes[0]

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the fake ctgov server is not running")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/api/v2``"""
        return self.origin + API_PREFIX

    def client(self, **options: Any) -> httpx.Client:
        """A plain ``httpx.Client`` on ``base_url`` (timeout 5 s unless given), for poking.

        Tests of the fetcher should build their client the way production does instead.
        """
        options.setdefault("timeout", 5)
        return httpx.Client(base_url=self.base_url, verify=_TLS, **options)

    # --- faults, data, log -------------------------------------------------------------------

    def inject(
        self,
        endpoint: str,
        fault: Fault,
        times: int = 1,
        *,
        page: int | None = None,
        with_token: bool = False,
    ) -> None:
        """Apply ``fault`` to the next ``times`` requests to ``endpoint`` that match.

        ``endpoint`` is "version", "studies", "study" or "download". ``page`` limits the fault
        to that page of a ``/studies`` walk (1 = the request without pageToken; other endpoints
        count as page 1); ``with_token`` to requests carrying a pageToken. When several armed
        faults match a request, the one armed first is used.
        """
        self.faults.arm(endpoint, fault, times, page, with_token)

    def pending_faults(self) -> list[tuple[str, Fault, int]]:
        """(endpoint, fault, remaining times) of faults not yet used up."""
        return self.faults.pending()

    def clear_faults(self) -> None:
        self.faults.clear()

    def set_studies(
        self,
        studies: Iterable[dict[str, Any]],
        *,
        aliases: Mapping[str, str] | None = None,
        data_timestamp: str | None = None,
    ) -> None:
        """Replace the data between two runs (changed, added or dropped studies).

        Page tokens already handed out stay valid; call ``expire_tokens()`` to kill them.
        """
        self.registry.set_studies(studies, aliases)
        if data_timestamp is not None:
            self.registry.set_data_timestamp(data_timestamp)

    def set_data_timestamp(self, data_timestamp: str) -> None:
        self.registry.set_data_timestamp(data_timestamp)

    def expire_tokens(self) -> None:
        """Forget every page token, as a data refresh might: following one then gets a 400."""
        self.registry.expire_tokens()

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of the request log, oldest first."""
        with self._lock:
            return list(self._requests)

    def requests_for(self, endpoint: str) -> list[RecordedRequest]:
        if endpoint not in ENDPOINTS:
            raise ValueError(f"endpoint must be one of {ENDPOINTS}, not {endpoint!r}")
        return [request for request in self.requests if request.endpoint == endpoint]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    # --- used by the handler -----------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _track(self, connection: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def _crashed(self, exc: BaseException) -> None:
        with self._lock:
            self._crashes.append(exc)


class _HTTPServer(ThreadingHTTPServer):
    fake: CtgovServer

    def server_bind(self) -> None:
        # HTTPServer.server_bind would resolve the host name (getfqdn), which can be slow.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # the client went away (e.g. after its read timeout): not a server bug
        traceback.print_exc()
        if exc is not None:
            self.fake._crashed(exc)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "istio-envoy"
    sys_version = ""
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: tests read ``srv.requests`` instead of a log."""

    def setup(self) -> None:
        super().setup()
        self.server.fake._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.fake._track(self.connection, add=False)

    def do_GET(self) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        endpoint, study_id = _route(url.path)
        record = RecordedRequest(
            method="GET",
            path=url.path,
            params=params,
            headers={name.lower(): value for name, value in self.headers.items()},
            time=time.monotonic(),
            endpoint=endpoint,
        )
        fault = None
        if endpoint is not None:
            record.page = fake.registry.page_of(params) if endpoint == "studies" else 1
            fault = fake.faults.take(endpoint, record.page, "pageToken" in params)
            record.fault = fault.name if fault else None
        fake._record(record)
        if fault is not None and fault.name == "stall" and not fault.mid_body:
            fake._stopping.wait(fault.seconds)
        reply = self._reply(endpoint, study_id, params, url.query, fault)
        record.status = reply.status
        try:
            self._send(reply, fault)
        except ConnectionError:
            self.close_connection = True  # the client gave up (timeout, size cap): expected

    def _reject_method(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        headers = {name.lower(): value for name, value in self.headers.items()}
        record = RecordedRequest(self.command, url.path, params, headers, time.monotonic(), None)
        record.status = 405
        self.server.fake._record(record)
        self._send(text_reply(405, "Method Not Allowed", (("Allow", "GET"),)), None)

    do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = _reject_method

    def _reply(
        self,
        endpoint: str | None,
        study_id: str | None,
        params: dict[str, list[str]],
        query: str,
        fault: Fault | None,
    ) -> Reply:
        registry = self.server.fake.registry
        name = fault.name if fault else None
        if fault is not None and name in ("status", "reject_token"):
            headers = (("Retry-After", fault.retry_after),) if fault.retry_after else ()
            return text_reply(fault.code, fault.body or "", headers)
        if fault is not None and name == "html":
            return maintenance_page(fault.code)
        if endpoint == "version":
            return registry.version(params)
        if endpoint == "studies":
            return registry.list_studies(params, token_loop=name == "token_loop")
        if endpoint == "download":
            return registry.download(params)
        if endpoint == "study" and study_id is not None:
            return registry.get_study(study_id, params, self.server.fake.base_url, query)
        return not_found_page()

    def _send(self, reply: Reply, fault: Fault | None) -> None:
        name = fault.name if fault else None
        if fault is not None and name == "oversized":
            self._send_oversized(reply, fault)
            return
        body = reply.body
        if fault is not None and name == "truncated":
            body = body[: _cut(body, fault.after_bytes)]
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        for header, value in reply.headers:
            self.send_header(header, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "HEAD":
            return
        if fault is not None and name == "reset":
            self.wfile.write(body[: _cut(body, fault.after_bytes)])
            self._reset_connection()
        elif fault is not None and name == "stall" and fault.mid_body:
            half = _cut(body, None)
            self.wfile.write(body[:half])
            self.server.fake._stopping.wait(fault.seconds)
            self.wfile.write(body[half:])
        else:
            self.wfile.write(body)

    def _send_oversized(self, reply: Reply, fault: Fault) -> None:
        head, tail = b'{"studies": [], "padding": "', b'"}'
        padding = max(fault.size - len(head) - len(tail), 0)
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", reply.content_type)
        if fault.declare_length:
            self.send_header("Content-Length", str(len(head) + padding + len(tail)))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        filler = [b"x" * min(_CHUNK, padding - start) for start in range(0, padding, _CHUNK)]
        for piece in [head, *filler, tail]:
            if fault.declare_length:
                self.wfile.write(piece)
            else:
                self.wfile.write(b"%X\r\n%s\r\n" % (len(piece), piece))
        if not fault.declare_length:
            self.wfile.write(b"0\r\n\r\n")

    def _reset_connection(self) -> None:
        """Abort with a TCP RST: SO_LINGER on with a zero timeout makes close() reset."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()  # the makefile() reader holds the descriptor open until closed
        self.connection.close()


def _route(path: str) -> tuple[str | None, str | None]:
    """(endpoint kind, study ID) for a request path; (None, None) for anything else."""
    if path == f"{API_PREFIX}/version":
        return "version", None
    if path == f"{API_PREFIX}/studies":
        return "studies", None
    if path == f"{API_PREFIX}/studies/download":
        return "download", None
    match = _STUDY_PATH.match(path)
    if match:
        return "study", match.group(1)
    return None, None


def _cut(body: bytes, after_bytes: int | None) -> int:
    """Where a partial body ends: ``after_bytes``, or half the body, always short of all of it."""
    wanted = len(body) // 2 if after_bytes is None else after_bytes
    return max(0, min(wanted, len(body) - 1))
