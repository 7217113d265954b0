"""End-to-end fixtures: the facade against the served mock, as a sync and an async client."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
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


@asynccontextmanager
async def open_client(api: str, kind: str, served: Served, **options: Any) -> AsyncIterator[Any]:
    """A client of ``api`` (``devin-v1``, ``devin-v3``), ``kind`` ``sync`` or ``async``, on the
    mock: every request it sends is recorded in ``.seen``; its sleeps in ``.sleeps``, never
    slept. The v3 client learns its organisation from the mock unless ``org_id=`` is given."""
    seen: list[httpx.Request] = []
    if api == "devin-v1":
        classes, key = (Devin, AsyncDevin), served.api_key
    else:
        from devin_client import v3

        classes, key = (v3.Devin, v3.AsyncDevin), served.cog_api_key  # type: ignore[attr-defined]
    options = {"base_url": served.base_url, **options}
    if kind == "sync":
        sync_http = httpx.Client(event_hooks={"request": [seen.append]})
        sleeps: list[float] = Sleeps()
        c: Any = classes[0](key, http_client=sync_http, sleep=sleeps, **options)
        c.sleeps, c.seen = sleeps, seen
        try:
            yield c
        finally:
            sync_http.close()  # noqa: ASYNC212 (the sync client under test; nothing else runs)
    else:

        async def hook(r: httpx.Request) -> None:
            seen.append(r)

        async_http = httpx.AsyncClient(event_hooks={"request": [hook]})
        asleeps = AsyncSleeps()
        c = classes[1](key, http_client=async_http, sleep=asleeps, **options)
        c.sleeps, c.seen = asleeps, seen
        try:
            yield c
        finally:
            await async_http.aclose()


@pytest.fixture(params=["sync", "async"])
async def client(request: pytest.FixtureRequest, served: Served) -> AsyncIterator[Any]:
    """A ``Devin`` or an ``AsyncDevin`` on the mock, with a recording fake sleep as ``.sleeps``."""
    async with open_client("devin-v1", request.param, served) as c:
        yield c


@pytest.fixture(params=["sync", "async"])
async def v3_client(request: pytest.FixtureRequest, served: Served) -> AsyncIterator[Any]:
    """A ``devin_client.v3`` ``Devin`` or ``AsyncDevin`` on the mock (the mock's all-permission
    ``cog_`` key; the organisation learned through ``GET /v3/self``)."""
    async with open_client("devin-v3", request.param, served) as c:
        yield c


async def resolve(value: Any) -> Any:
    """The result of a sync call, or of an awaited async one."""
    return await value if inspect.isawaitable(value) else value


async def collect(iterator: Any) -> list[Any]:
    """All items of a sync or async iterator."""
    if hasattr(iterator, "__aiter__"):
        return [item async for item in iterator]
    return list(iterator)
