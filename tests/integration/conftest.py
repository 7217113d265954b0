"""End-to-end fixtures: the facade against the served mock, as a sync and an async client."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from devin_client import AsyncDevin, Devin
from devin_client.testing._pytest_plugin import DevinMockFixture

Served = DevinMockFixture


@pytest.fixture
def served(devin_mock: DevinMockFixture) -> DevinMockFixture:
    """The mock plugin's ``devin_mock``: a served mock, reset for every test."""
    return devin_mock


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


class AsyncSleeps(list[float]):
    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=["sync", "async"])
async def client(request: pytest.FixtureRequest, served: Served) -> AsyncIterator[Any]:
    """A ``Devin`` or an ``AsyncDevin`` on the mock, with a recording fake sleep as ``.sleeps``."""
    seen: list[httpx.Request] = []
    if request.param == "sync":
        sync_http = httpx.Client(event_hooks={"request": [seen.append]})
        sleeps: list[float] = Sleeps()
        c: Any = Devin(
            served.api_key, base_url=served.base_url, http_client=sync_http, sleep=sleeps
        )
        c.sleeps, c.seen = sleeps, seen
        yield c
        sync_http.close()  # noqa: ASYNC212 (the sync client under test; nothing else runs)
    else:

        async def hook(r: httpx.Request) -> None:
            seen.append(r)

        async_http = httpx.AsyncClient(event_hooks={"request": [hook]})
        asleeps = AsyncSleeps()
        c = AsyncDevin(
            served.api_key, base_url=served.base_url, http_client=async_http, sleep=asleeps
        )
        c.sleeps, c.seen = asleeps, seen
        yield c
        await async_http.aclose()


async def resolve(value: Any) -> Any:
    """The result of a sync call, or of an awaited async one."""
    return await value if inspect.isawaitable(value) else value


async def collect(iterator: Any) -> list[Any]:
    """All items of a sync or async iterator."""
    if hasattr(iterator, "__aiter__"):
        return [item async for item in iterator]
    return list(iterator)
