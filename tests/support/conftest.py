"""Fixtures for the fake-server tests: five studies (one with an alias) and a client."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.ctgov_server import CtgovServer
from tests.support.study_dicts import study

FIVE = [study(f"NCT0000000{n}") for n in (5, 3, 1, 4, 2)]


@pytest.fixture
def srv() -> Iterator[CtgovServer]:
    """NCT00000001..5, served out of order; NCT00000009 is an alias of NCT00000002."""
    with CtgovServer(studies=FIVE, aliases={"NCT00000009": "NCT00000002"}) as server:
        yield server


@pytest.fixture
def client(srv: CtgovServer) -> Iterator[httpx.Client]:
    with srv.client() as http:
        yield http
