"""Fixtures for the facade's unit tests: clients over a recording ``httpx.MockTransport``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from devin_client import AsyncDevin, Devin

API_KEY = "apk_user_unit_test_key_0123456789"
BASE_URL = "https://api.devin.ai"

SESSION = {
    "session_id": "devin-abc",
    "status": "running",
    "status_enum": "working",
    "created_at": "2024-01-01T00:00:00Z",
    "updated_at": "2024-01-01T00:00:00Z",
}

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport handler that records requests and replays queued or routed responses."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.bodies: list[bytes] = []
        self.queue: list[httpx.Response | Exception] = []
        self.routes: dict[tuple[str, str], Handler] = {}
        self.default: Handler = lambda request: httpx.Response(404, json={"detail": "Not Found"})

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.bodies.append(request.read())
        if self.queue:
            item = self.queue.pop(0)
            if isinstance(item, Exception):
                raise item
            return item
        route = self.routes.get((request.method, request.url.path))
        return route(request) if route else self.default(request)

    def reply(self, *items: httpx.Response | Exception) -> None:
        self.queue.extend(items)

    def route(self, method: str, path: str, handler: Handler | dict[str, Any] | list[Any]) -> None:
        if callable(handler):
            self.routes[(method, path)] = handler
        else:
            payload = handler
            self.routes[(method, path)] = lambda request: httpx.Response(200, json=payload)

    def json(self, index: int = -1) -> Any:
        return json.loads(self.bodies[index])


class Sleeps(list[float]):
    """An injected sleep: records the delays instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


class AsyncSleeps(list[float]):
    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(recorder: Recorder, sleeps: Sleeps) -> Iterator[Devin]:
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    with Devin(API_KEY, base_url=BASE_URL, http_client=http, sleep=sleeps) as c:
        yield c
    http.close()


@pytest.fixture
def async_sleeps() -> AsyncSleeps:
    return AsyncSleeps()


@pytest.fixture
async def aclient(recorder: Recorder, async_sleeps: AsyncSleeps) -> Any:
    http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    async with AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http, sleep=async_sleeps) as c:
        yield c
    await http.aclose()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# -- the Devin API v3 ----------------------------------------------------------------------

V3_KEY = "cog_unit_test_service_user_key_0123456789"
ORG = "org-unit"
ORG_PATH = f"/v3/organizations/{ORG}"
SELF = {
    "principal_type": "service_user",
    "service_user_id": "service-user-1",
    "service_user_name": "ci",
    "org_id": ORG,
}
V3_SESSION = {
    "acus_consumed": 0.0,
    "created_at": 1700000000,
    "org_id": ORG,
    "pull_requests": [],
    "session_id": "devin-abc",
    "status": "running",
    "status_detail": "working",
    "tags": [],
    "updated_at": 1700000000,
    "url": "https://app.devin.ai/sessions/abc",
}


@pytest.fixture
def v3(recorder: Recorder, sleeps: Sleeps) -> Iterator[Any]:
    """A ``devin_client.v3.Devin`` whose organisation is learned from ``GET /v3/self``."""
    from devin_client.v3 import Devin as DevinV3

    recorder.route("GET", "/v3/self", SELF)
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    with DevinV3(V3_KEY, base_url=BASE_URL, http_client=http, sleep=sleeps) as c:
        yield c
    http.close()


@pytest.fixture
async def av3(recorder: Recorder, async_sleeps: AsyncSleeps) -> Any:
    """A ``devin_client.v3.AsyncDevin``, organisation learned from ``GET /v3/self``."""
    from devin_client.v3 import AsyncDevin as AsyncDevinV3

    recorder.route("GET", "/v3/self", SELF)
    http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    async with AsyncDevinV3(V3_KEY, base_url=BASE_URL, http_client=http, sleep=async_sleeps) as c:
        yield c
    await http.aclose()


def problem(status: int, title: str, detail: str | None = None, **extra: Any) -> httpx.Response:
    """An RFC 9457 ProblemDetail answer."""
    body = {"type": "about:blank", "title": title, "status": status, **extra}
    if detail is not None:
        body["detail"] = detail
    return httpx.Response(status, json=body)
