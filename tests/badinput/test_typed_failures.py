"""Every failure is a ``DevinError``: hostile nesting, protocol garbage, a closed client, an
async client moved to another event loop, and uploads of pipes or of files that change size.

None of these may surface as ``RecursionError``, ``RuntimeError``, an h11/httpcore/httpx
exception or a content-length mismatch.
"""

from __future__ import annotations

import inspect
import io
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from devin_client import (
    APIConnectionError,
    APIStatusError,
    AsyncDevin,
    Devin,
    DevinError,
    DevinValidationError,
    InternalServerError,
    ResponseValidationError,
)
from devin_client.testing import DevinMock

from ..security._slow_server import answer, slow_server
from ..security._wire import API_KEY, BASE_URL, Wire
from ..security.test_bad_responses import OPERATIONS

DEPTHS = [200, 990, 5_000, 100_000]


def _nested_list(depth: int) -> list[Any]:
    root: list[Any] = []
    node = root
    for _ in range(depth):
        child: list[Any] = []
        node.append(child)
        node = child
    return root


def _nested_dict(depth: int) -> dict[str, Any]:
    root: dict[str, Any] = {}
    node = root
    for _ in range(depth):
        child: dict[str, Any] = {}
        node["a"] = child
        node = child
    return root


def _deep_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


async def _resolve(value: Any) -> Any:
    if inspect.isawaitable(value):
        return await value
    return value


# -- deeply nested JSON in a response ---------------------------------------------------


@pytest.mark.parametrize("depth", [5_000, 100_000])
@pytest.mark.parametrize("status", [200, 500])
@pytest.mark.parametrize("op", list(OPERATIONS))
def test_deeply_nested_response_is_a_devin_error(op: str, status: int, depth: int) -> None:
    body = _deep_json(depth)
    if status == 200 and op != "attachments.upload":
        body = b'{"session_id":' + body + b"}"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body, headers={"content-type": "application/json"})

    wire = Wire(handler)
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, max_retries=0) as client,
        pytest.raises(DevinError) as caught,
    ):
        OPERATIONS[op](client)
    expected = ResponseValidationError if status == 200 else InternalServerError
    assert isinstance(caught.value, expected), repr(caught.value)


@pytest.mark.anyio
@pytest.mark.parametrize("status", [200, 500])
async def test_async_deeply_nested_response_is_a_devin_error(status: int) -> None:
    body = _deep_json(100_000)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body, headers={"content-type": "application/json"})

    wire = Wire(handler)
    async with (
        wire.async_client() as http,
        AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http, max_retries=0) as client,
    ):
        with pytest.raises((ResponseValidationError, APIStatusError)):
            await client.sessions.get("devin-1")


def test_a_deep_but_legal_structured_output_is_read() -> None:
    # Nesting the JSON decoder can handle is not refused for its depth alone.
    session = {
        "session_id": "devin-1",
        "status": "running",
        "status_enum": "finished",
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z",
        "structured_output": _nested_dict(50),
    }
    wire = Wire(lambda request: httpx.Response(200, json=session))
    with wire.sync_client() as http, Devin(API_KEY, base_url=BASE_URL, http_client=http) as c:
        assert c.sessions.get("devin-1").structured_output == _nested_dict(50)


ODD_ERROR_BODIES: dict[str, tuple[int, Any]] = {
    "422 loc a number": (422, {"detail": [{"loc": 5, "msg": "bad"}]}),
    "422 loc null": (422, {"detail": [{"loc": None, "msg": "bad"}]}),
    "422 loc a string": (422, {"detail": [{"loc": "body", "msg": "bad"}]}),
    "422 items not objects": (422, {"detail": [1, "two", None]}),
    "422 detail deep": (422, {"detail": [{"loc": ["body"], "msg": _nested_dict(900)}]}),
    "500 detail deep": (500, {"detail": _nested_dict(900)}),
    "400 detail an object": (400, {"detail": {"why": ["x"]}}),
}


@pytest.mark.parametrize("case", list(ODD_ERROR_BODIES))
def test_an_error_body_of_any_shape_gives_its_status_error(case: str) -> None:
    status, body = ODD_ERROR_BODIES[case]
    wire = Wire(lambda request: httpx.Response(status, json=body))
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, max_retries=0) as client,
        pytest.raises(APIStatusError) as caught,
    ):
        client.sessions.get("devin-1")
    assert caught.value.status_code == status


# -- deeply nested caller input ---------------------------------------------------------

DEEP_INPUTS: dict[str, Callable[[Any, int], Any]] = {
    "structured_output_schema": lambda c, d: c.sessions.create(
        "p", structured_output_schema={"type": "object", "properties": _nested_dict(d)}
    ),
    "schema default": lambda c, d: c.sessions.create(
        "p", structured_output_schema={"type": "array", "default": _nested_list(d)}
    ),
    "tags": lambda c, d: c.sessions.create("p", tags=_nested_list(d)),
    "session secret value": lambda c, d: c.sessions.create(
        "p", session_secrets=[{"key": "K", "value": _nested_list(d)}]
    ),
    "knowledge body": lambda c, d: c.knowledge.create(
        name="n", body=_nested_list(d), trigger_description="t"
    ),
    "secret value": lambda c, d: c.secrets.create("K", _nested_list(d)),
}


@pytest.mark.parametrize("validate", [True, False])
@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("case", list(DEEP_INPUTS))
def test_deeply_nested_input_is_refused_before_sending(
    case: str, depth: int, validate: bool
) -> None:
    wire = Wire(lambda request: httpx.Response(500))
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, validate=validate) as client,
        pytest.raises((DevinValidationError, APIStatusError)) as caught,
    ):
        DEEP_INPUTS[case](client, depth)
    if isinstance(caught.value, DevinValidationError):
        assert caught.value.field
        assert wire.requests == []
    else:
        # Shallow enough to be JSON and valid for this field: it was sent, and the 500 came
        # back as a typed error.
        assert depth < 1000


@pytest.mark.anyio
@pytest.mark.parametrize("case", list(DEEP_INPUTS))
async def test_async_deeply_nested_input_is_refused(case: str) -> None:
    wire = Wire(lambda request: httpx.Response(500))
    async with (
        wire.async_client() as http,
        AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http) as client,
    ):
        with pytest.raises(DevinValidationError):
            await DEEP_INPUTS[case](client, 100_000)
    assert wire.requests == []


# -- protocol errors ----------------------------------------------------------------------

GARBAGE = {
    "not http": b"SSH-2.0-OpenSSH_9.6\r\n\r\n",
    "bad status line": b"HTTP/1.1 OK\r\n\r\n",
    "invalid header": b"HTTP/1.1 200 OK\r\nno colon here\r\ncontent-length: 2\r\n\r\n{}",
    "bad content-length": b"HTTP/1.1 200 OK\r\ncontent-length: nope\r\n\r\n{}",
    "short body": b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{}",
    "bad chunking": b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n",
    "bad gzip": b"HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: 4\r\n\r\nnope",
}


@pytest.mark.parametrize("case", list(GARBAGE))
def test_a_server_talking_garbage_gives_a_devin_error(case: str) -> None:
    with (
        slow_server(answer(GARBAGE[case])) as server,
        Devin(API_KEY, base_url=server.base_url, max_retries=0) as client,
        pytest.raises(DevinError) as caught,
    ):
        client.sessions.get("devin-1")
    assert isinstance(caught.value, APIConnectionError | ResponseValidationError)
    assert caught.value.__cause__ is not None


@pytest.mark.anyio
@pytest.mark.parametrize("case", list(GARBAGE))
async def test_async_a_server_talking_garbage_gives_a_devin_error(case: str) -> None:
    with slow_server(answer(GARBAGE[case])) as server:
        async with AsyncDevin(API_KEY, base_url=server.base_url, max_retries=0) as client:
            with pytest.raises((APIConnectionError, ResponseValidationError)):
                await client.sessions.get("devin-1")


def test_a_header_h11_refuses_to_send_is_a_devin_error() -> None:
    # A default header of the caller's own pool that h11 refuses (a NUL in a value).
    with slow_server(answer(b"HTTP/1.1 204 No Content\r\n\r\n")) as server:
        http = httpx.Client(headers={"X-Trace": "a\x00b"})
        with (
            http,
            Devin(API_KEY, base_url=server.base_url, http_client=http) as client,
            pytest.raises(DevinError) as caught,
        ):
            client.sessions.get("devin-1")
    assert isinstance(caught.value, APIConnectionError)


# -- a closed client ------------------------------------------------------------------------


def test_a_closed_client_says_so() -> None:
    client = Devin(API_KEY, base_url="http://127.0.0.1:9")
    copy = client.with_options(max_retries=0)
    client.close()
    for c in (client, copy):
        with pytest.raises(DevinError, match="closed"):
            c.sessions.get("devin-1")
        with pytest.raises(DevinError, match="closed"):
            c.attachments.download("/v1/attachments/u/f.txt")


@pytest.mark.anyio
async def test_a_closed_async_client_says_so() -> None:
    client = AsyncDevin(API_KEY, base_url="http://127.0.0.1:9")
    await client.close()
    with pytest.raises(DevinError, match="closed"):
        await client.sessions.get("devin-1")


def test_a_closed_caller_pool_says_so() -> None:
    http = httpx.Client()
    http.close()
    with (
        Devin(API_KEY, base_url="http://127.0.0.1:9", http_client=http) as client,
        pytest.raises(DevinError, match="closed"),
    ):
        client.sessions.get("devin-1")


# -- an async client used in a second event loop --------------------------------------------


_TWO_LOOPS = """
import asyncio
from devin_client import AsyncDevin, DevinError
from devin_client.testing import DevinMock

mock = DevinMock()
with mock.serve() as server:
    client = AsyncDevin(next(iter(mock.keys)), base_url=server.base_url)

    async def create():
        return (await client.sessions.create("hi")).session_id

    for _ in range(3):
        try:
            asyncio.run(create())
            print("created")
        except DevinError as exc:
            print("typed error:", exc)
    asyncio.run(client.close())
    print("closed")
mock.reset()
"""


def test_an_async_client_reused_in_another_event_loop() -> None:
    # In a process of its own: the first loop's connections cannot be closed from another
    # loop (by anyone), and the collector warns about their sockets whenever it gets to them.
    done = subprocess.run(
        [sys.executable, "-c", _TWO_LOOPS], capture_output=True, text=True, timeout=60
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stderr
    assert lines[0] == "created"
    assert lines[-2] == "created"  # the client recovers
    assert lines[-1] == "closed"
    for line in lines[1:-2]:
        assert line == "created" or ("typed error:" in line and "event loop" in line), line


# -- uploads of pipes and of files that change size -----------------------------------------


@pytest.fixture
def served() -> Any:
    mock = DevinMock()
    key = next(iter(mock.keys))
    with mock.serve() as server:
        yield key, server.base_url
    mock.reset()


def _pipe(data: bytes) -> io.BufferedReader:
    read_end, write_end = os.pipe()

    def feed() -> None:
        try:
            with os.fdopen(write_end, "wb") as out:
                for i in range(0, len(data), 4096):
                    out.write(data[i : i + 4096])
        except BrokenPipeError:  # the reader gave up (the test fails on that, not here)
            pass

    threading.Thread(target=feed, daemon=True).start()
    return os.fdopen(read_end, "rb")


class NoSeek(io.RawIOBase):
    """A stdin-like stream: read() only, no seek, tell or fileno."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def seekable(self) -> bool:
        return False


class Growing(io.FileIO):
    """A file that another process keeps appending to while it is uploaded."""

    def read(self, size: int = -1) -> bytes:
        with open(self.name, "ab") as other_writer:
            other_writer.write(b"+" * 70_000)
        return super().read(size)


class Shrinking(io.FileIO):
    def read(self, size: int = -1) -> bytes:
        os.truncate(self.name, 10)
        return super().read(size)


DATA = bytes(range(256)) * 1200  # 300 KiB


@pytest.mark.parametrize("kind", ["pipe", "no seek"])
def test_uploading_a_stream_without_a_size_works(kind: str, served: Any) -> None:
    key, base_url = served
    source = _pipe(DATA) if kind == "pipe" else NoSeek(DATA)
    seen: list[tuple[int, int | None]] = []
    with Devin(key, base_url=base_url) as client, source:
        url = client.attachments.upload(
            source, filename="stream.bin", on_progress=lambda s, t: seen.append((s, t))
        )
        assert client.attachments.download(url) == DATA
    assert seen[-1][0] == len(DATA)


@pytest.mark.anyio
async def test_async_uploading_a_pipe_works(served: Any) -> None:
    key, base_url = served
    async with AsyncDevin(key, base_url=base_url) as client:
        with _pipe(DATA) as source:
            url = await client.attachments.upload(source, filename="stream.bin")
        assert await client.attachments.download(url) == DATA


def test_uploading_a_growing_file_sends_what_was_there(served: Any, tmp_path: Path) -> None:
    key, base_url = served
    path = tmp_path / "build.log"
    path.write_bytes(DATA)
    with Devin(key, base_url=base_url) as client, Growing(path, "rb") as source:
        url = client.attachments.upload(source)
        assert client.attachments.download(url) == DATA


def test_uploading_a_file_that_shrinks_is_a_devin_error(served: Any, tmp_path: Path) -> None:
    key, base_url = served
    path = tmp_path / "build.log"
    path.write_bytes(DATA)
    with (
        Devin(key, base_url=base_url) as client,
        Shrinking(path, "rb") as source,
        pytest.raises(DevinError, match=r"build\.log"),
    ):
        client.attachments.upload(source)
