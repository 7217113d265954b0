"""A response that is not JSON, truncated, of the wrong types, or an HTML error page gives a
typed error (``ResponseValidationError`` for a 2xx, an ``APIStatusError`` for an error status),
never a raw exception, for every operation, sync and async.

The well-formed bodies the bad ones are derived from are captured from the mock itself.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from devin_client import (
    AsyncDevin,
    Devin,
    DevinError,
    InternalServerError,
    ResponseValidationError,
)
from devin_client.testing import DevinMock

from ._wire import API_KEY, BASE_URL, Wire

SID = "devin-0123456789abcdef"
NOTE = {"name": "n", "body": "b", "trigger_description": "t"}

# name -> call(client); works for Devin and AsyncDevin (a coroutine for the latter).
OPERATIONS: dict[str, Callable[[Any], Any]] = {
    "sessions.create": lambda c: c.sessions.create("p", idempotent=True),
    "sessions.get": lambda c: c.sessions.get(SID),
    "sessions.list": lambda c: _drain(c.sessions.list()),
    "sessions.send_message": lambda c: c.sessions.send_message(SID, "m"),
    "sessions.update_tags": lambda c: c.sessions.update_tags(SID, ["t"]),
    "sessions.terminate": lambda c: c.sessions.terminate(SID),
    "attachments.upload": lambda c: c.attachments.upload(b"data", filename="d.txt"),
    "secrets.list": lambda c: c.secrets.list(),
    "secrets.create": lambda c: c.secrets.create("K", "v"),
    "secrets.delete": lambda c: c.secrets.delete("secret-1"),
    "knowledge.list": lambda c: c.knowledge.list(),
    "knowledge.create": lambda c: c.knowledge.create(**NOTE),
    "knowledge.update": lambda c: c.knowledge.update("note-1", **NOTE),
    "playbooks.list": lambda c: c.playbooks.list(),
    "playbooks.get": lambda c: c.playbooks.get("playbook-1"),
    "playbooks.create": lambda c: c.playbooks.create(title="t", body="b"),
    "playbooks.update": lambda c: c.playbooks.update("playbook-1", title="t", body="b"),
    "playbooks.delete": lambda c: c.playbooks.delete("playbook-1"),
}
# send_message answers null (or nothing) when the message was simply delivered.
VALID_EMPTY = {"sessions.send_message"}


def _drain(items: Any) -> Any:
    if hasattr(items, "__aiter__"):

        async def collect() -> list[Any]:
            return [item async for item in items]

        return collect()
    return list(items)


def _capture_real_bodies() -> dict[str, Any]:
    """Run every operation against the mock and keep the JSON each one answered."""
    bodies: dict[str, Any] = {}
    last: list[httpx.Response] = []
    mock = DevinMock()
    key = next(iter(mock.keys))

    def hook(response: httpx.Response) -> None:
        response.read()
        last.append(response)

    with (
        mock.serve() as server,
        httpx.Client(event_hooks={"response": [hook]}) as http,
        Devin(key, base_url=server.base_url, http_client=http) as c,
    ):
        sid = c.sessions.create("capture", tags=["x"]).session_id
        bodies["sessions.create"] = last[-1].json()
        c.sessions.get(sid)
        bodies["sessions.get"] = last[-1].json()
        list(c.sessions.list())
        bodies["sessions.list"] = last[-1].json()
        c.sessions.send_message(sid, "m")
        bodies["sessions.send_message"] = last[-1].json() if last[-1].content else None
        c.sessions.update_tags(sid, ["y"])
        bodies["sessions.update_tags"] = last[-1].json()
        c.attachments.upload(b"x", filename="x.txt")
        bodies["attachments.upload"] = last[-1].json()
        secret = c.secrets.create("K", "v")
        bodies["secrets.create"] = last[-1].json()
        c.secrets.list()
        bodies["secrets.list"] = last[-1].json()
        note = c.knowledge.create(**NOTE)
        bodies["knowledge.create"] = last[-1].json()
        c.knowledge.update(note.id, **NOTE)
        bodies["knowledge.update"] = last[-1].json()
        c.knowledge.list()
        bodies["knowledge.list"] = last[-1].json()
        playbook = c.playbooks.create(title="t", body="b")
        bodies["playbooks.create"] = last[-1].json()
        c.playbooks.get(playbook.playbook_id)
        bodies["playbooks.get"] = last[-1].json()
        c.playbooks.update(playbook.playbook_id, title="t2", body="b2")
        bodies["playbooks.update"] = last[-1].json()
        c.playbooks.list()
        bodies["playbooks.list"] = last[-1].json()
        c.playbooks.delete(playbook.playbook_id)
        bodies["playbooks.delete"] = last[-1].json()
        c.secrets.delete(secret.id)
        bodies["secrets.delete"] = last[-1].json()
        c.sessions.terminate(sid)
        bodies["sessions.terminate"] = last[-1].json()
    mock.reset()
    return bodies


REAL_BODIES = _capture_real_bodies()


def wrong_types(value: Any) -> Any:
    """The same document with every scalar swapped for another JSON type."""
    if isinstance(value, dict):
        return {k: wrong_types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [wrong_types(v) for v in value] or [12345]
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, int | float):
        return "many"
    if isinstance(value, str):
        return 12345
    return {"unexpected": "object"}  # null -> an object


def _truncated(op: str) -> bytes:
    text = json.dumps(REAL_BODIES[op])
    return text[: max(1, len(text) // 2)].encode()


HTML = "<html><head><title>Error</title></head><body><h1>Oops</h1></body></html>"
BAD_2XX: dict[str, Callable[[str], httpx.Response]] = {
    "not json": lambda op: httpx.Response(200, text="Service is up"),
    "truncated json": lambda op: httpx.Response(
        200, content=_truncated(op), headers={"content-type": "application/json"}
    ),
    "html page": lambda op: httpx.Response(200, html=HTML),
    "empty body": lambda op: httpx.Response(200, content=b""),
    "json null": lambda op: httpx.Response(200, json=None),
    "json number": lambda op: httpx.Response(200, json=42),
    "wrong top-level type": lambda op: httpx.Response(
        200, json={} if isinstance(REAL_BODIES[op], list | str) else []
    ),
}
WRONG_TYPES = {
    "wrong types": lambda op: httpx.Response(200, json=wrong_types(REAL_BODIES[op])),
}


def _expect_typed(op: str, kind: str, outcome: BaseException | None) -> None:
    if outcome is None:
        assert op in VALID_EMPTY, f"{op} accepted a {kind} body"
        assert kind in ("empty body", "json null"), f"{op} accepted a {kind} body"
        return
    assert isinstance(outcome, ResponseValidationError), f"{op}, {kind}: {outcome!r}"
    assert outcome.status_code == 200
    assert outcome.message


def _call_sync(op: str, handler: Callable[[httpx.Request], httpx.Response]) -> BaseException | None:
    wire = Wire(handler)
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as client,
    ):
        try:
            OPERATIONS[op](client)
        except DevinError as exc:
            return exc
    return None


async def _call_async(
    op: str, handler: Callable[[httpx.Request], httpx.Response]
) -> BaseException | None:
    async def no_sleep(seconds: float) -> None:
        return None

    wire = Wire(handler)
    async with (
        wire.async_client() as http,
        AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http, sleep=no_sleep) as client,
    ):
        try:
            result = OPERATIONS[op](client)
            if inspect.isawaitable(result):
                await result
        except DevinError as exc:
            return exc
    return None


@pytest.mark.parametrize("kind", sorted(BAD_2XX))
@pytest.mark.parametrize("op", sorted(OPERATIONS))
def test_malformed_2xx_gives_a_typed_error(op: str, kind: str) -> None:
    _expect_typed(op, kind, _call_sync(op, lambda request: BAD_2XX[kind](op)))


@pytest.mark.anyio
@pytest.mark.parametrize("kind", sorted(BAD_2XX))
@pytest.mark.parametrize("op", sorted(OPERATIONS))
async def test_async_malformed_2xx_gives_a_typed_error(op: str, kind: str) -> None:
    _expect_typed(op, kind, await _call_async(op, lambda request: BAD_2XX[kind](op)))


DATA_OPS = sorted(set(OPERATIONS) - {"sessions.send_message", "knowledge.delete"})


@pytest.mark.parametrize("op", DATA_OPS)
def test_wrong_types_give_a_typed_error(op: str) -> None:
    _expect_typed(op, "wrong types", _call_sync(op, lambda r: WRONG_TYPES["wrong types"](op)))


@pytest.mark.anyio
@pytest.mark.parametrize("op", DATA_OPS)
async def test_async_wrong_types_give_a_typed_error(op: str) -> None:
    outcome = await _call_async(op, lambda r: WRONG_TYPES["wrong types"](op))
    _expect_typed(op, "wrong types", outcome)


@pytest.mark.parametrize("status", [500, 502, 503, 504])
@pytest.mark.parametrize("op", sorted(OPERATIONS))
def test_an_html_error_page_gives_internal_server_error(op: str, status: int) -> None:
    outcome = _call_sync(op, lambda request: httpx.Response(status, html=HTML))
    assert isinstance(outcome, InternalServerError), repr(outcome)
    assert outcome.status_code == status
    assert "<html" not in outcome.message.split(":", 1)[0]


@pytest.mark.anyio
@pytest.mark.parametrize("op", sorted(OPERATIONS))
async def test_async_html_error_page_gives_internal_server_error(op: str) -> None:
    outcome = await _call_async(op, lambda request: httpx.Response(502, html=HTML))
    assert isinstance(outcome, InternalServerError), repr(outcome)


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(307),  # no Location
        httpx.Response(302, headers={"Location": ""}),
    ],
    ids=["no location", "empty location"],
)
def test_a_download_redirect_without_location_is_a_typed_error(response: httpx.Response) -> None:
    wire = Wire(lambda request: response)
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http) as c,
        pytest.raises(ResponseValidationError),
    ):
        c.attachments.download(f"{BASE_URL}/v1/attachments/u/n.txt")


def test_a_connection_cut_mid_body_is_a_typed_error() -> None:
    class Cut(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield b'{"session_id": "devin-1", '
            raise httpx.ReadError("connection reset by peer")

    wire = Wire(lambda r: httpx.Response(200, stream=Cut()))
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as c,
    ):
        with pytest.raises(DevinError):
            c.sessions.get(SID)
        with pytest.raises(DevinError):
            c.attachments.download(f"{BASE_URL}/v1/attachments/u/n.txt")
