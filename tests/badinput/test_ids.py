"""Ids cannot change the endpoint (issue 9, class 6).

Every path parameter (session, secret, note and playbook ids, an attachment's uuid and name)
that is empty, ``.``, ``..``, or holds ``/``, ``\\`` or a control character is refused with a
``DevinValidationError`` naming the parameter, and nothing reaches the wire. Without the check,
``sessions.get("..")`` would be sent as ``GET /v1`` (httpx removes dot segments) and
``client.attachments.download(".../v1/attachments/%2e%2e/secrets")`` as an authenticated
``GET /v1/secrets``.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from devin_client import AsyncDevin, Devin, DevinValidationError

from ..security._wire import API_KEY, BASE_URL, Wire

SID = "devin-0123456789abcdef"

BAD_IDS = {
    "empty": "",
    "dot": ".",
    "dot dot": "..",
    "slash": "a/b",
    "leading slash": "/v1/secrets",
    "traversal": "../../v1/secrets",
    "backslash": "..\\secrets",
    "nul": "devin-1\x00",
    "newline": "devin-1\r\nX-Evil: 1",
    "tab": "devin\t1",
}

# name -> (call(client, bad_id), the parameter the error must name)
CALLS: dict[str, tuple[Callable[[Any, str], Any], str]] = {
    "sessions.get": (lambda c, i: c.sessions.get(i), "session_id"),
    "sessions.send_message": (lambda c, i: c.sessions.send_message(i, "hi"), "session_id"),
    "sessions.update_tags": (lambda c, i: c.sessions.update_tags(i, ["a"]), "session_id"),
    "sessions.terminate": (lambda c, i: c.sessions.terminate(i), "session_id"),
    "sessions.wait": (lambda c, i: c.sessions.wait(i, poll_interval=0), "session_id"),
    "secrets.delete": (lambda c, i: c.secrets.delete(i), "secret_id"),
    "knowledge.update": (
        lambda c, i: c.knowledge.update(i, name="n", body="b", trigger_description="t"),
        "note_id",
    ),
    "knowledge.delete": (lambda c, i: c.knowledge.delete(i), "note_id"),
    "playbooks.get": (lambda c, i: c.playbooks.get(i), "playbook_id"),
    "playbooks.update": (lambda c, i: c.playbooks.update(i, title="t", body="b"), "playbook_id"),
    "playbooks.delete": (lambda c, i: c.playbooks.delete(i), "playbook_id"),
}


@pytest.fixture
def wire() -> Wire:
    return Wire(lambda request: httpx.Response(200, json={}))


@pytest.fixture
def client(wire: Wire) -> Iterator[Devin]:
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as c,
    ):
        yield c


def _names(exc: DevinValidationError, field: str) -> None:
    assert exc.field == field, f"named {exc.field!r}, not {field!r}"
    assert str(exc).startswith(f"{field}: ")
    assert API_KEY not in str(exc)


@pytest.mark.parametrize("bad", sorted(BAD_IDS))
@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_bad_id_is_refused_before_sending(call: str, bad: str, client: Devin, wire: Wire) -> None:
    do, field = CALLS[call]
    with pytest.raises(DevinValidationError) as caught:
        do(client, BAD_IDS[bad])
    _names(caught.value, field)
    assert wire.requests == []


@pytest.mark.parametrize("bad", sorted(BAD_IDS))
@pytest.mark.parametrize("call", sorted(CALLS))
def test_async_a_bad_id_is_refused_before_sending(call: str, bad: str, wire: Wire) -> None:
    do, field = CALLS[call]

    async def no_sleep(seconds: float) -> None:
        return None

    async def run() -> None:
        async with (
            wire.async_client() as http,
            AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http, sleep=no_sleep) as c,
        ):
            result = do(c, BAD_IDS[bad])
            if inspect.isawaitable(result):
                await result

    with pytest.raises(DevinValidationError) as caught:
        asyncio.run(run())
    _names(caught.value, field)
    assert wire.requests == []


@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_good_id_is_sent_as_one_encoded_segment(call: str, client: Devin, wire: Wire) -> None:
    # The guard of the tests above: ids with reserved characters that are not separators are
    # fine, and each stays one percent-encoded path segment.
    do, _ = CALLS[call]
    with contextlib.suppress(Exception):  # the canned {} does not parse: only the request counts
        do(client, "id with %2F, ?#& and é")
    assert wire.requests, "nothing was sent"
    raw = wire.requests[0].url.raw_path.decode()
    assert "/id%20with%20%252F%2C%20%3F%23%26%20and%20%C3%A9" in raw, raw


# An attachment URL on the API's origin: its uuid and name segments are path parameters too
# (decoded once, then encoded again by the generated code).
BAD_ATTACHMENT_URLS = {
    "uuid dot dot": f"{BASE_URL}/v1/attachments/%2e%2e/secrets",
    "name dot dot": f"{BASE_URL}/v1/attachments/abc/%2E%2E",
    "name dot": f"{BASE_URL}/v1/attachments/abc/%2e",
    "name with an encoded slash": f"{BASE_URL}/v1/attachments/abc/..%2F..%2Fsecrets",
    "name with an encoded backslash": f"{BASE_URL}/v1/attachments/abc/a%5Cb.csv",
    "name with a NUL": f"{BASE_URL}/v1/attachments/abc/a%00b.csv",
    "name with a newline": f"{BASE_URL}/v1/attachments/abc/a%0Ab.csv",
    "api path uuid dot dot": "/v1/attachments/%2e%2e/secrets",
}


@pytest.mark.parametrize("case", sorted(BAD_ATTACHMENT_URLS))
def test_an_attachment_url_with_a_bad_segment_is_refused(
    case: str, client: Devin, wire: Wire
) -> None:
    with pytest.raises(DevinValidationError) as caught:
        client.attachments.download(BAD_ATTACHMENT_URLS[case])
    assert caught.value.field == "url"
    assert wire.requests == []


@pytest.mark.parametrize("case", sorted(BAD_ATTACHMENT_URLS))
def test_async_an_attachment_url_with_a_bad_segment_is_refused(case: str, wire: Wire) -> None:
    async def run() -> None:
        async with (
            wire.async_client() as http,
            AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http) as c,
        ):
            await c.attachments.download(BAD_ATTACHMENT_URLS[case])

    with pytest.raises(DevinValidationError) as caught:
        asyncio.run(run())
    assert caught.value.field == "url"
    assert wire.requests == []


@pytest.mark.parametrize("bad", ["..", "a/b"])
def test_validate_false_still_refuses_a_bad_id(bad: str, wire: Wire) -> None:
    # validate=False sends bodies unchecked; an id that changes the endpoint is never sent.
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, validate=False) as c,
        pytest.raises(DevinValidationError),
    ):
        c.sessions.terminate(bad)
    assert wire.requests == []
