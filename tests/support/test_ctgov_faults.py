"""Each injectable fault, observed from an httpx client the way the fetcher would see it."""

from __future__ import annotations

import io
import json
import time
import zipfile

import httpx
import pytest

from tests.support.ctgov_server import CtgovServer, Fault

# --- faults ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [400, 403, 404, 500, 502, 503, 504])
def test_status_fault_answers_text_then_recovers(
    srv: CtgovServer, client: httpx.Client, code: int
) -> None:
    srv.inject("studies", Fault.status(code))

    faulted = client.get("/studies")
    healthy = client.get("/studies")

    assert faulted.status_code == code
    assert faulted.headers["content-type"].startswith("text/plain")
    assert "retry-after" not in faulted.headers
    assert healthy.status_code == 200
    assert [(r.fault, r.status) for r in srv.requests] == [("status", code), (None, 200)]


def test_429_with_retry_after_for_several_requests(srv: CtgovServer, client: httpx.Client) -> None:
    srv.inject("version", Fault.status(429, retry_after=1), times=2)

    responses = [client.get("/version") for _ in range(3)]

    assert [r.status_code for r in responses] == [429, 429, 200]
    assert responses[0].headers["retry-after"] == "1"
    assert responses[0].text == "429 Too Many Requests"
    assert srv.pending_faults() == []


def test_faults_are_used_in_the_order_armed(srv: CtgovServer, client: httpx.Client) -> None:
    srv.inject("study", Fault.status(503))
    srv.inject("study", Fault.status(429))

    codes = [client.get("/studies/NCT00000001").status_code for _ in range(3)]

    assert codes == [503, 429, 200]


def test_faults_apply_only_to_their_endpoint(srv: CtgovServer, client: httpx.Client) -> None:
    srv.inject("study", Fault.status(500))

    assert client.get("/version").status_code == 200
    assert client.get("/studies").status_code == 200
    assert client.get("/studies/NCT00000001").status_code == 500


def test_reset_mid_body_is_a_transport_error(srv: CtgovServer, client: httpx.Client) -> None:
    srv.inject("studies", Fault.reset())

    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        client.get("/studies")
    assert client.get("/studies").status_code == 200
    assert [r.fault for r in srv.requests] == ["reset", None]


def test_reset_can_be_streamed_to_see_the_partial_body(
    srv: CtgovServer, client: httpx.Client
) -> None:
    srv.inject("version", Fault.reset(after_bytes=10))
    received = b""

    with client.stream("GET", "/version") as response:
        assert response.status_code == 200
        with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
            for chunk in response.iter_raw():
                received += chunk

    assert len(received) <= 10


def test_stall_trips_the_read_timeout(srv: CtgovServer) -> None:
    srv.inject("version", Fault.stall(5))
    started = time.monotonic()

    with srv.client(timeout=httpx.Timeout(5, read=0.2)) as client:
        with pytest.raises(httpx.ReadTimeout):
            client.get("/version")
        assert client.get("/version").status_code == 200

    assert time.monotonic() - started < 2


def test_stall_mid_body_trips_the_read_timeout_after_headers(srv: CtgovServer) -> None:
    srv.inject("studies", Fault.stall(5, mid_body=True))

    with srv.client(timeout=httpx.Timeout(5, read=0.2)) as client:
        response = client.send(client.build_request("GET", "/studies"), stream=True)
        assert response.status_code == 200  # the headers arrived before the stall
        with pytest.raises(httpx.ReadTimeout):
            response.read()
        response.close()


def test_short_stall_still_answers(srv: CtgovServer, client: httpx.Client) -> None:
    srv.inject("version", Fault.stall(0.05))

    assert client.get("/version").json()["apiVersion"] == "2.0.5"


def test_html_page_with_200(srv: CtgovServer, client: httpx.Client) -> None:
    srv.inject("studies", Fault.html())

    response = client.get("/studies")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html"
    assert response.text.startswith("<!DOCTYPE html>")


def test_truncated_json_with_200(srv: CtgovServer, client: httpx.Client) -> None:
    srv.inject("studies", Fault.truncated())

    response = client.get("/studies")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_truncated_download_is_a_bad_zip(srv: CtgovServer, client: httpx.Client) -> None:
    srv.inject("download", Fault.truncated())

    response = client.get("/studies/download", params={"format": "json.zip"})

    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(response.content))


@pytest.mark.parametrize("declare_length", [True, False])
def test_oversized_body_streams_past_a_cap(
    srv: CtgovServer, client: httpx.Client, declare_length: bool
) -> None:
    size = 300_000
    srv.inject("studies", Fault.oversized(size, declare_length=declare_length))

    with client.stream("GET", "/studies") as response:
        declared = response.headers.get("content-length")
        read = 0
        for chunk in response.iter_bytes():
            read += len(chunk)
            if read > 100_000:
                break  # the client's cap: stop reading mid-body

    assert read > 100_000
    assert declared == (str(size) if declare_length else None)
    assert client.get("/studies").status_code == 200


def test_oversized_body_is_valid_json_of_the_declared_size(
    srv: CtgovServer, client: httpx.Client
) -> None:
    srv.inject("studies", Fault.oversized(200_000, declare_length=False))

    response = client.get("/studies")

    assert len(response.content) == 200_000
    assert response.json()["studies"] == []


def test_reject_token_only_on_a_later_page(srv: CtgovServer, client: httpx.Client) -> None:
    srv.inject("studies", Fault.reject_token(), with_token=True)

    first = client.get("/studies", params={"pageSize": "2"})
    second = client.get(
        "/studies", params={"pageSize": "2", "pageToken": first.json()["nextPageToken"]}
    )

    assert first.status_code == 200
    assert second.status_code == 400
    assert second.headers["content-type"].startswith("text/plain")
    assert "pageToken" in second.text


def test_fault_on_a_given_page_number(srv: CtgovServer, client: httpx.Client) -> None:
    srv.inject("studies", Fault.status(502), page=3)
    params = {"pageSize": "2"}

    token = client.get("/studies", params=params).json()["nextPageToken"]
    token = client.get("/studies", params={**params, "pageToken": token}).json()["nextPageToken"]
    third = client.get("/studies", params={**params, "pageToken": token})
    retried = client.get("/studies", params={**params, "pageToken": token})

    assert (third.status_code, retried.status_code) == (502, 200)
    assert [r.page for r in srv.requests] == [1, 2, 3, 3]


def test_token_loop_repeats_the_same_token(srv: CtgovServer, client: httpx.Client) -> None:
    srv.inject("studies", Fault.token_loop())
    params = {"pageSize": "2"}

    seen = [client.get("/studies", params=params).json()["nextPageToken"]]
    for _ in range(3):
        seen.append(
            client.get("/studies", params={**params, "pageToken": seen[-1]}).json()["nextPageToken"]
        )

    assert len(set(seen)) == 1
    assert srv.requests[0].fault == "token_loop"


def test_pending_faults_count_down(srv: CtgovServer, client: httpx.Client) -> None:
    fault = Fault.status(500)
    srv.inject("version", fault, times=3)

    client.get("/version")

    assert srv.pending_faults() == [("version", fault, 2)]
    srv.clear_faults()
    assert client.get("/version").status_code == 200
