"""The fake server's endpoints, paging and request log, observed through plain httpx."""

from __future__ import annotations

import io
import itertools
import time
import zipfile

import httpx
import pytest

from tests.support.ctgov_server import CtgovServer, Fault
from tests.support.study_dicts import page_ids, study

# --- endpoints ------------------------------------------------------------------------------


def test_version_reports_api_version_and_data_timestamp(client: httpx.Client) -> None:
    response = client.get("/version")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"apiVersion": "2.0.5", "dataTimestamp": "2026-11-20T09:00:05"}


def test_set_studies_replaces_data_and_timestamp(srv: CtgovServer, client: httpx.Client) -> None:
    srv.set_studies([study("NCT00000007")], data_timestamp="2026-11-23T09:00:04")

    assert page_ids(client.get("/studies")) == ["NCT00000007"]
    assert client.get("/version").json()["dataTimestamp"] == "2026-11-23T09:00:04"
    assert client.get("/studies/NCT00000001").status_code == 404


def test_study_is_returned_unwrapped(client: httpx.Client) -> None:
    response = client.get("/studies/NCT00000003")

    assert response.headers["content-type"] == "application/json"
    assert response.json() == study("NCT00000003")


def test_study_id_is_case_insensitive_and_zero_padding_optional(client: httpx.Client) -> None:
    assert client.get("/studies/nct3").json() == study("NCT00000003")


def test_alias_answers_301_to_the_canonical_study(srv: CtgovServer, client: httpx.Client) -> None:
    response = client.get("/studies/NCT00000009", params={"format": "json"})

    assert response.status_code == 301
    assert response.headers["location"] == f"{srv.base_url}/studies/NCT00000002?format=json"
    followed = client.get("/studies/NCT00000009", follow_redirects=True)
    assert followed.json()["protocolSection"]["identificationModule"]["nctId"] == "NCT00000002"


def test_alias_listed_in_the_study_also_redirects() -> None:
    canonical = study(
        "NCT07118319",
        identificationModule={"nctId": "NCT07118319", "nctIdAliases": ["NCT00000001"]},
    )
    with CtgovServer(studies=[canonical]) as srv, srv.client() as client:
        response = client.get("/studies/NCT00000001")

    assert response.status_code == 301
    assert response.headers["location"].endswith("/studies/NCT07118319")


def test_unknown_study_is_404_text(client: httpx.Client) -> None:
    response = client.get("/studies/NCT09999999")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/plain")
    assert "NCT09999999" in response.text


def test_malformed_study_id_is_400_text(client: httpx.Client) -> None:
    response = client.get("/studies/NCT12AB")

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "`NCT12AB` has incorrect format"


def test_other_paths_get_an_nginx_html_404(client: httpx.Client) -> None:
    response = client.get("/api/query/full_studies")

    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html"
    assert "<center>nginx</center>" in response.text


def test_unknown_parameter_is_400_text(client: httpx.Client) -> None:
    response = client.get("/studies", params={"query.bogus": "x"})

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "`query.bogus` is unknown parameter"


def test_unimplemented_real_parameter_says_so(client: httpx.Client) -> None:
    response = client.get("/studies", params={"fields": "NCTId"})

    assert response.status_code == 400
    assert "does not implement" in response.text


def test_json_keeps_non_ascii_as_utf8() -> None:
    meniere = study("NCT00000001", conditionsModule={"conditions": ["Ménière"]})
    with CtgovServer(studies=[meniere]) as srv, srv.client() as client:
        response = client.get("/studies/NCT00000001")

    assert "Ménière".encode() in response.content


def test_download_serves_the_bulk_zip(client: httpx.Client) -> None:
    response = client.get("/studies/download", params={"format": "json.zip"})

    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == "attachment; filename=ctg-studies.json.zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert sorted(names) == [f"0{n}/NCT0000000{n}.json" for n in range(1, 6)]


def test_download_refuses_filters(client: httpx.Client) -> None:
    response = client.get("/studies/download", params={"format": "json.zip", "filter.ids": "NCT1"})

    assert (response.status_code, response.text) == (
        400,
        "Invalid prefix in parameter name: filter.ids",
    )


# --- paging ---------------------------------------------------------------------------------


def test_pages_follow_tokens_until_the_token_is_absent(
    srv: CtgovServer, client: httpx.Client
) -> None:
    params = {"format": "json", "pageSize": "2", "countTotal": "true"}
    first = client.get("/studies", params=params).json()
    second = client.get("/studies", params={**params, "pageToken": first["nextPageToken"]}).json()
    third = client.get("/studies", params={**params, "pageToken": second["nextPageToken"]}).json()

    assert first["totalCount"] == 5
    assert "totalCount" not in second
    assert [len(page["studies"]) for page in (first, second, third)] == [2, 2, 1]
    assert "nextPageToken" not in third
    walked = [
        s["protocolSection"]["identificationModule"]["nctId"]
        for p in (first, second, third)
        for s in p["studies"]
    ]
    assert walked == [f"NCT0000000{n}" for n in range(1, 6)]
    assert [r.page for r in srv.requests_for("studies")] == [1, 2, 3]


def test_a_full_last_page_leads_to_an_empty_page(client: httpx.Client) -> None:
    first = client.get("/studies", params={"pageSize": "5"}).json()
    last = client.get("/studies", params={"pageSize": "5", "pageToken": first["nextPageToken"]})

    assert len(first["studies"]) == 5
    assert last.json() == {"studies": []}


def test_page_size_zero_means_ten_and_over_1000_is_clamped() -> None:
    many = [study(f"NCT{n:08d}") for n in range(1, 1006)]
    with CtgovServer(studies=many) as srv, srv.client() as client:
        assert len(page_ids(client.get("/studies", params={"pageSize": "0"}))) == 10
        assert len(page_ids(client.get("/studies"))) == 10
        assert len(page_ids(client.get("/studies", params={"pageSize": "5000"}))) == 1000


def test_later_pages_may_change_only_page_size_and_count_total(client: httpx.Client) -> None:
    first = client.get("/studies", params={"query.term": "NCT", "pageSize": "2"}).json()
    token = first["nextPageToken"]

    resized = client.get(
        "/studies",
        params={"query.term": "NCT", "pageSize": "3", "countTotal": "true", "pageToken": token},
    )
    changed = client.get(
        "/studies", params={"query.term": "nct", "pageSize": "2", "pageToken": token}
    )
    dropped = client.get("/studies", params={"pageSize": "2", "pageToken": token})

    assert page_ids(resized) == ["NCT00000003", "NCT00000004", "NCT00000005"]
    assert "totalCount" not in resized.json()
    for response in (changed, dropped):
        assert response.status_code == 400
        assert response.headers["content-type"].startswith("text/plain")
        assert "must be the same" in response.text


def test_unknown_and_expired_tokens_are_400(srv: CtgovServer, client: httpx.Client) -> None:
    token = client.get("/studies", params={"pageSize": "2"}).json()["nextPageToken"]
    srv.expire_tokens()

    for bad in ("not-a-token", token):
        response = client.get("/studies", params={"pageSize": "2", "pageToken": bad})
        assert response.status_code == 400
        assert "pageToken" in response.text


def test_requests_record_method_path_params_headers_and_time(
    srv: CtgovServer, client: httpx.Client
) -> None:
    client.get(
        "/studies",
        params={"query.cond": "ALS OR MND", "pageSize": "2"},
        headers={"User-Agent": "t/1"},
    )
    client.get("/version")

    first, second = srv.requests
    assert (first.method, first.path, first.endpoint) == ("GET", "/api/v2/studies", "studies")
    assert first.params == {"query.cond": ["ALS OR MND"], "pageSize": ["2"]}
    assert first.flat_params == {"query.cond": "ALS OR MND", "pageSize": "2"}
    assert first.headers["user-agent"] == "t/1"
    assert (first.status, first.fault) == (200, None)
    assert first.time <= second.time
    assert [r.endpoint for r in srv.requests] == ["studies", "version"]


def test_other_methods_are_recorded_and_refused(srv: CtgovServer, client: httpx.Client) -> None:
    assert client.post("/studies").status_code == 405
    assert client.head("/studies").status_code == 405
    assert client.get("/version").status_code == 200  # the connection is still in sync

    assert [(r.method, r.status) for r in srv.requests] == [
        ("POST", 405),
        ("HEAD", 405),
        ("GET", 200),
    ]


def test_a_crash_of_the_server_code_fails_the_test() -> None:
    unserializable = study("NCT00000001", conditionsModule={"conditions": {"a set"}})
    srv = CtgovServer(studies=[unserializable]).start()
    with srv.client() as client, pytest.raises(httpx.RemoteProtocolError):
        client.get("/studies/NCT00000001")

    with pytest.raises(RuntimeError, match="crashed"):
        srv.stop()


def test_inject_rejects_unknown_endpoint(srv: CtgovServer) -> None:
    with pytest.raises(ValueError, match="endpoint must be one of"):
        srv.inject("stats", Fault.status(500))


def test_requests_show_rate_spacing(srv: CtgovServer, client: httpx.Client) -> None:
    for _ in range(3):
        client.get("/version")
        time.sleep(0.05)

    times = [r.time for r in srv.requests]
    assert all(later - earlier >= 0.05 for earlier, later in itertools.pairwise(times))
