"""Bounded resources: a response body is read with a cap on its *decoded* size (a small gzip
body that inflates to gigabytes costs no more than the cap), and ``sessions.list()`` ends on a
server that ignores ``offset`` without stopping early on one that caps ``limit``."""

from __future__ import annotations

import gzip
import itertools
import json
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from devin_client import (
    AsyncDevin,
    Devin,
    InternalServerError,
    ResponseValidationError,
)

from ._wire import API_KEY, BASE_URL

SESSION = {
    "session_id": "devin-1",
    "status": "running",
    "status_enum": "working",
    "created_at": "2024-01-01T00:00:00Z",
    "updated_at": "2024-01-01T00:00:00Z",
}


class Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that arrives in pieces, as from a socket (so httpx does not pre-read it)."""

    def __init__(self, data: bytes, size: int = 64 * 1024) -> None:
        self.data = data
        self.size = size

    def __iter__(self) -> Iterator[bytes]:
        for i in range(0, len(self.data), self.size):
            yield self.data[i : i + self.size]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk


def _padded_session(padding: int) -> bytes:
    # Valid JSON: whitespace is legal between tokens, so only the size is wrong with it.
    return json.dumps(SESSION).encode()[:-1] + b" " * padding + b"}"


def _gzip(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return compressor.compress(data) + compressor.flush()


def _client(body: bytes, status: int = 200, encoding: str | None = None) -> Devin:
    headers = {"content-type": "application/json"}
    if encoding:
        headers["content-encoding"] = encoding

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, stream=Chunks(body))

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return Devin(API_KEY, base_url=BASE_URL, http_client=http, max_retries=0)


BOMB = _gzip(_padded_session(80 << 20))  # ~80 KB on the wire, 80 MiB decoded


def test_a_gzip_bomb_over_the_cap_is_refused() -> None:
    assert len(BOMB) < 200_000
    with _client(BOMB, encoding="gzip") as client, pytest.raises(ResponseValidationError) as exc:
        client.sessions.get("devin-1")
    assert "MiB" in str(exc.value)


def test_a_body_over_the_cap_costs_no_more_than_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    from devin_client._core import _constants

    monkeypatch.setattr(_constants, "MAX_RESPONSE_BYTES", 1 << 20, raising=False)
    bomb = _gzip(_padded_session(32 << 20))
    with _client(bomb, encoding="gzip") as client:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseValidationError):
                client.sessions.get("devin-1")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 8 << 20, f"peak {peak / (1 << 20):.1f} MiB for a 1 MiB cap"


def test_a_layered_bomb_is_bounded_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from devin_client._core import _constants

    monkeypatch.setattr(_constants, "MAX_RESPONSE_BYTES", 1 << 20, raising=False)
    layered = _gzip(_gzip(_padded_session(64 << 20)))  # "gzip, gzip": a few KB
    assert len(layered) < 100_000
    with _client(layered, encoding="gzip, gzip") as client:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseValidationError):
                client.sessions.get("devin-1")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 8 << 20, f"peak {peak / (1 << 20):.1f} MiB for a 1 MiB cap"


def test_an_error_body_over_the_cap_still_gives_the_status(monkeypatch: pytest.MonkeyPatch) -> None:
    from devin_client._core import _constants

    monkeypatch.setattr(_constants, "MAX_RESPONSE_BYTES", 1 << 20, raising=False)
    with (
        _client(_gzip(b"x" * (16 << 20)), status=500, encoding="gzip") as client,
        pytest.raises(InternalServerError) as caught,
    ):
        client.sessions.get("devin-1")
    assert caught.value.body is None


def test_a_compressed_body_under_the_cap_is_read() -> None:
    for encoding, data in [
        ("gzip", _gzip(json.dumps(SESSION).encode())),
        ("deflate", zlib.compress(json.dumps(SESSION).encode())),
        ("gzip, gzip", gzip.compress(gzip.compress(json.dumps(SESSION).encode()))),
    ]:
        with _client(data, encoding=encoding) as client:
            assert client.sessions.get("devin-1").session_id == "devin-1", encoding


@pytest.mark.anyio
async def test_async_a_gzip_bomb_over_the_cap_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": "application/json", "content-encoding": "gzip"}
        return httpx.Response(200, headers=headers, stream=Chunks(BOMB))

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http) as client:
        with pytest.raises(ResponseValidationError):
            await client.sessions.get("devin-1")
    await http.aclose()


# -- sessions.list() paging ------------------------------------------------------------------


def _summary(n: int) -> dict[str, Any]:
    return {
        "session_id": f"devin-{n}",
        "status": "running",
        "title": None,
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
        "tags": [],
    }


class Server:
    """A list endpoint over ``total`` sessions with a quirk."""

    def __init__(self, total: int, *, cap: int | None = None, ignore_offset: bool = False):
        self.sessions = [_summary(n) for n in range(total)]
        self.cap = cap
        self.ignore_offset = ignore_offset
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.requests > 100:  # an endless listing: stop it so the test fails, not hangs
            return httpx.Response(400, json={"detail": "too many pages"})
        limit = int(request.url.params.get("limit", "100"))
        offset = 0 if self.ignore_offset else int(request.url.params.get("offset", "0"))
        if self.cap is not None:
            limit = min(limit, self.cap)
        return httpx.Response(200, json={"sessions": self.sessions[offset : offset + limit]})


def _ids(server: Server, page_size: int) -> list[str]:
    http = httpx.Client(transport=httpx.MockTransport(server))
    with Devin(API_KEY, base_url=BASE_URL, http_client=http) as client:
        pages = client.sessions.list(page_size=page_size)
        return [s.session_id for s in itertools.islice(pages, 500)]


async def _async_ids(server: Server, page_size: int) -> list[str]:
    http = httpx.AsyncClient(transport=httpx.MockTransport(server))
    async with AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http) as client:
        out = []
        async for summary in client.sessions.list(page_size=page_size):
            out.append(summary.session_id)
            if len(out) >= 500:
                break
        return out


ALL_25 = [f"devin-{n}" for n in range(25)]


def test_list_ends_when_the_server_ignores_offset() -> None:
    server = Server(25, cap=10, ignore_offset=True)
    assert _ids(server, page_size=10) == ALL_25[:10]  # each session once, then the end
    assert server.requests == 2


def test_list_does_not_stop_early_when_the_server_caps_limit() -> None:
    server = Server(25, cap=10)
    assert _ids(server, page_size=100) == ALL_25


def test_list_with_a_cap_that_divides_the_total() -> None:
    server = Server(30, cap=10)
    assert _ids(server, page_size=100) == [f"devin-{n}" for n in range(30)]


def test_list_still_stops_on_a_short_page_of_an_uncapped_server() -> None:
    server = Server(25)
    assert _ids(server, page_size=10) == ALL_25
    assert server.requests == 3  # 10 + 10 + 5: the short page ends it


def test_list_skips_sessions_a_shifted_page_repeats() -> None:
    server = Server(25)
    original = server.__call__

    def shifting(request: httpx.Request) -> httpx.Response:
        response = original(request)
        server.sessions.insert(0, _summary(100 + server.requests))  # a new session each time
        return response

    http = httpx.Client(transport=httpx.MockTransport(shifting))
    with Devin(API_KEY, base_url=BASE_URL, http_client=http) as client:
        ids = [s.session_id for s in itertools.islice(client.sessions.list(page_size=10), 500)]
    assert len(ids) == len(set(ids))
    assert set(ALL_25) <= set(ids)


@pytest.mark.anyio
async def test_async_list_ends_when_the_server_ignores_offset() -> None:
    assert await _async_ids(Server(25, cap=10, ignore_offset=True), page_size=10) == ALL_25[:10]


@pytest.mark.anyio
async def test_async_list_does_not_stop_early_when_the_server_caps_limit() -> None:
    assert await _async_ids(Server(25, cap=10), page_size=100) == ALL_25
