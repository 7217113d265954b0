"""Fixtures of the security suite: a recording transport, and a served two-organisation mock."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from devin_client import AsyncDevin, Devin
from devin_client.testing import DevinMock

from ._wire import API_KEY, BASE_URL, Wire

KEY_A = "apk_user_org_a_key_7d2e51"
KEY_B = "apk_user_org_b_key_93bc04"


@pytest.fixture
def wire() -> Wire:
    return Wire()


@pytest.fixture
def client(wire: Wire) -> Iterator[Devin]:
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as c,
    ):
        yield c


@pytest.fixture
async def aclient(wire: Wire) -> Any:
    async def no_sleep(seconds: float) -> None:
        return None

    async with (
        wire.async_client() as http,
        AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http, sleep=no_sleep) as c,
    ):
        yield c


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def two_orgs() -> Iterator[tuple[DevinMock, str]]:
    """A mock served on loopback with two organisations (KEY_A -> org-a, KEY_B -> org-b)."""
    mock = DevinMock(keys={KEY_A: "org-a", KEY_B: "org-b"}, upload_limit=64 * 1024)
    with mock.serve() as server:
        yield mock, server.base_url
    mock.reset()  # closes the stored attachment files
