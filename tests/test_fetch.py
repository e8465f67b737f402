"""The fetcher against httpx.MockTransport: paging, retries, errors, aliases, rate limit."""

from __future__ import annotations

import httpx
import pytest

from pipeline.config import HttpSettings
from pipeline.errors import (
    ApiBlocked,
    ApiRejected,
    ApiUnavailable,
    PagingError,
    ResponseTooLarge,
    StudyNotFound,
)
from pipeline.fetch import Fetcher, Verdict, classify, parse_retry_after

BASE = "https://registry.test/api/v2"


def study(nct_id: str) -> dict:
    return {"protocolSection": {"identificationModule": {"nctId": nct_id}}, "hasResults": False}


class FakeClock:
    """A clock that only moves when the fetcher sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def make_fetcher(handler, clock: FakeClock | None = None, **overrides) -> tuple[Fetcher, FakeClock]:
    clock = clock or FakeClock()
    settings = HttpSettings(base_url=BASE, min_request_interval_s=overrides.pop("interval", 0.0), **overrides)
    client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    return Fetcher(client, settings, clock=clock.time, sleep=clock.sleep), clock


def json_response(payload, status: int = 200, **headers) -> httpx.Response:
    return httpx.Response(status, json=payload, headers=headers)


def text_response(status: int, body: str, **headers) -> httpx.Response:
    return httpx.Response(status, text=body, headers={"content-type": "text/plain", **headers})


# -- classification ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "content_type", "verdict"),
    [
        (200, "application/json", Verdict.OK),
        (200, "text/html; charset=utf-8", Verdict.RETRY),
        (429, "text/plain", Verdict.RETRY),
        (500, "text/plain", Verdict.RETRY),
        (502, "text/html", Verdict.RETRY),
        (503, "", Verdict.RETRY),
        (504, "text/plain", Verdict.RETRY),
        (400, "text/plain", Verdict.FATAL),
        (403, "text/html", Verdict.FATAL),
        (404, "text/plain", Verdict.FATAL),
    ],
)
def test_classify_sorts_every_response_once(status, content_type, verdict):
    assert classify(status, content_type) is verdict


def test_retry_after_reads_seconds_and_http_dates():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == pytest.approx(10.0)
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


# -- paging -----------------------------------------------------------------------------------


def test_pages_follow_tokens_with_identical_parameters_until_the_token_is_absent():
    seen = []
    pages = {
        None: {"studies": [study("NCT00000001"), study("NCT00000002")], "nextPageToken": "t1"},
        "t1": {"studies": [study("NCT00000002"), study("NCT00000003")], "nextPageToken": "t2"},
        "t2": {"studies": []},  # the token of an exactly full page leads to an empty last page
    }

    def handler(request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        seen.append(params)
        return json_response(pages[params.get("pageToken")])

    fetcher, _ = make_fetcher(handler)
    got = list(fetcher.iter_pages({"query.cond": "ALS", "query.intr": '"stem cell" OR MSC'}))
    assert [len(page.studies) for page in got] == [2, 2, 0]
    without_token = [{k: v for k, v in p.items() if k != "pageToken"} for p in seen]
    assert all(p == without_token[0] for p in without_token)
    assert without_token[0] == {"query.cond": "ALS", "query.intr": '"stem cell" OR MSC', "pageSize": "1000"}
    assert [p.get("pageToken") for p in seen] == [None, "t1", "t2"]


def test_a_null_token_ends_the_walk_like_an_absent_one():
    fetcher, _ = make_fetcher(lambda r: json_response({"studies": [study("NCT00000001")], "nextPageToken": None}))
    assert len(list(fetcher.iter_pages({"query.term": "x"}))) == 1


def test_a_token_seen_twice_is_a_loop_and_fails():
    fetcher, _ = make_fetcher(lambda r: json_response({"studies": [], "nextPageToken": "same"}))
    with pytest.raises(PagingError, match="twice"):
        list(fetcher.iter_pages({"query.term": "x"}))


def test_a_rejected_page_token_restarts_the_walk_from_page_one():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        token = request.url.params.get("pageToken")
        calls.append(token)
        if token == "expired" and calls.count("expired") == 1:
            return text_response(400, "Invalid page token")
        if token is None:
            return json_response({"studies": [study("NCT00000001")], "nextPageToken": "expired"})
        return json_response({"studies": [study("NCT00000002")]})

    fetcher, _ = make_fetcher(handler)
    ids = [s["protocolSection"]["identificationModule"]["nctId"] for p in fetcher.iter_pages({"query.term": "x"})
           for s in p.studies]
    assert calls == [None, "expired", None, "expired"]
    assert ids == ["NCT00000001", "NCT00000001", "NCT00000002"]  # the run dedupes by nctId


# -- retries ----------------------------------------------------------------------------------


def test_transient_failures_are_retried_with_backoff_then_succeed():
    answers = iter([
        text_response(503, "Service Unavailable"),
        httpx.Response(200, text="<html>maintenance</html>", headers={"content-type": "text/html"}),
        httpx.Response(200, content=b'{"studies": [', headers={"content-type": "application/json"}),
        json_response({"apiVersion": "2.0.5", "dataTimestamp": "2026-11-20T09:00:05"}),
    ])
    fetcher, clock = make_fetcher(lambda r: next(answers))
    assert fetcher.version()["dataTimestamp"] == "2026-11-20T09:00:05"
    assert len(clock.sleeps) == 3
    # exponential: 1, 2, 4 seconds with +-25% jitter
    for expected, slept in zip([1, 2, 4], clock.sleeps, strict=True):
        assert expected * 0.75 <= slept <= expected * 1.25


def test_retry_after_is_honoured():
    answers = iter([text_response(429, "Too Many Requests", **{"retry-after": "17"}), json_response({"apiVersion": "2"})])
    fetcher, clock = make_fetcher(lambda r: next(answers))
    fetcher.version()
    assert clock.sleeps == [17.0]


def test_timeouts_and_connection_errors_are_retried():
    errors = iter([httpx.ReadTimeout("slow"), httpx.ConnectError("refused"), httpx.RemoteProtocolError("reset")])

    def handler(request):
        try:
            raise next(errors)
        except StopIteration:
            return json_response({"apiVersion": "2"})

    fetcher, clock = make_fetcher(handler)
    assert fetcher.version() == {"apiVersion": "2"}
    assert len(clock.sleeps) == 3


def test_retries_exhausted_name_the_url_and_the_last_answer():
    fetcher, clock = make_fetcher(lambda r: text_response(502, "Bad Gateway from the edge"), retry_attempts=3)
    with pytest.raises(ApiUnavailable) as info:
        fetcher.version()
    message = str(info.value)
    assert f"{BASE}/version" in message and "3 attempts" in message and "Bad Gateway from the edge" in message
    assert info.value.status == 502
    assert len(clock.sleeps) == 2


def test_client_errors_are_not_retried_and_show_the_registry_text_verbatim():
    calls = []

    def handler(request):
        calls.append(request)
        return text_response(400, "Error parsing query in advanced filter: Unknown area name: `NotARealField`")

    fetcher, clock = make_fetcher(handler)
    with pytest.raises(ApiRejected) as info:
        list(fetcher.iter_pages({"filter.advanced": "AREA[NotARealField]x"}))
    assert len(calls) == 1 and clock.sleeps == []
    assert "answered 400: Error parsing query in advanced filter: Unknown area name: `NotARealField`" in str(info.value)


def test_forbidden_is_blocked_and_switches_to_the_tls12_client_once():
    fetcher, _ = make_fetcher(lambda r: text_response(403, "Forbidden"))
    with pytest.raises(ApiBlocked):
        fetcher.version()

    ok = httpx.Client(transport=httpx.MockTransport(lambda r: json_response({"apiVersion": "2"})))
    blocked, clock = make_fetcher(lambda r: text_response(403, "Forbidden"))
    blocked._fallback_client = lambda: ok
    assert blocked.version() == {"apiVersion": "2"}


# -- single studies -----------------------------------------------------------------------------


def test_an_alias_redirects_and_the_record_comes_back_under_its_canonical_id():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/NCT00000009"):
            return httpx.Response(301, headers={"location": f"{BASE}/studies/NCT07118319"})
        return json_response(study("NCT07118319"))

    fetcher, _ = make_fetcher(handler)
    got = fetcher.study("NCT00000009")
    assert got["protocolSection"]["identificationModule"]["nctId"] == "NCT07118319"


def test_an_unknown_study_is_not_found_with_its_id():
    fetcher, _ = make_fetcher(lambda r: text_response(404, "Study not found"))
    with pytest.raises(StudyNotFound) as info:
        fetcher.study("NCT09999999")
    assert info.value.nct_id == "NCT09999999"
    assert "404: Study not found" in str(info.value)


# -- limits -----------------------------------------------------------------------------------


def test_the_rate_limit_spaces_requests():
    fetcher, clock = make_fetcher(lambda r: json_response({"apiVersion": "2"}), interval=1.0)
    started = clock.now
    for _ in range(4):
        fetcher.version()
    assert clock.now - started == pytest.approx(3.0)
    assert clock.sleeps == [1.0, 1.0, 1.0]


def test_a_body_over_the_cap_fails_without_retrying():
    big = b'{"studies": [' + b" " * 5000 + b"]}"
    fetcher, clock = make_fetcher(
        lambda r: httpx.Response(200, content=big, headers={"content-type": "application/json"}),
        max_response_bytes=1000,
    )
    with pytest.raises(ResponseTooLarge, match="1,000-byte cap"):
        fetcher.version()
    assert clock.sleeps == []


def test_requests_carry_a_user_agent_naming_the_project():
    from pipeline.fetch import make_client

    seen = []
    settings = HttpSettings(base_url=BASE, min_request_interval_s=0)
    client = make_client(settings, transport=httpx.MockTransport(lambda r: seen.append(r) or json_response({})))
    Fetcher(client, settings).version()
    assert seen[0].headers["user-agent"].startswith("ctgov-als-pipeline/")


# -- read-ahead ---------------------------------------------------------------------------------


def _pages(n: int, log: list, fetching=None):
    from pipeline.fetch import Page

    for number in range(1, n + 1):
        log.append(f"fetch {number}")
        if fetching is not None:
            fetching(number)
        yield Page(number, BASE, [study(f"NCT0000000{number}")], None, 10)


def test_read_ahead_fetches_the_next_page_while_the_caller_loads_this_one():
    import threading

    from pipeline.fetch import read_ahead

    log: list[str] = []
    second_requested = threading.Event()
    pages = _pages(3, log, lambda n: n == 2 and second_requested.set())
    got = []
    for page in read_ahead(pages):
        if page.number == 1:
            # still "loading" page 1: page 2 is already being fetched
            assert second_requested.wait(timeout=10)
        got.append(page.number)
    assert got == [1, 2, 3]


def test_read_ahead_raises_the_fetch_error_in_order():
    from pipeline.fetch import read_ahead

    def failing():
        yield from _pages(2, [])
        raise ApiUnavailable("boom", url=BASE)

    got = []
    with pytest.raises(ApiUnavailable, match="boom"):
        for page in read_ahead(failing()):
            got.append(page.number)
    assert got == [1, 2]


def test_read_ahead_stops_fetching_when_the_caller_stops():
    from pipeline.fetch import read_ahead

    log: list[str] = []
    for page in read_ahead(_pages(50, log)):
        if page.number == 2:
            break
    assert len(log) <= 4  # at most the pages in flight when the caller stopped
