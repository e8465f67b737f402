"""Tiny API v2 study dicts for tests, and a reader for the IDs on a page of results."""

from __future__ import annotations

from typing import Any

import httpx


def study(nct_id: str, **modules: Any) -> dict[str, Any]:
    """A minimal API v2 study; keyword arguments are extra protocolSection modules."""
    return {
        "protocolSection": {"identificationModule": {"nctId": nct_id}, **modules},
        "hasResults": False,
    }


def posted(nct_id: str, date: str) -> dict[str, Any]:
    """A study whose last update was posted on ``date`` (yyyy-mm-dd)."""
    return study(
        nct_id, statusModule={"lastUpdatePostDateStruct": {"date": date, "type": "ACTUAL"}}
    )


def page_ids(response: httpx.Response) -> list[str]:
    """The nctIds of a ``GET /studies`` page, in order."""
    return [
        s["protocolSection"]["identificationModule"]["nctId"] for s in response.json()["studies"]
    ]
