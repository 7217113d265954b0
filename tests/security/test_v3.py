"""The security suite for ``devin_client.v3``: the ``cog_`` key and secret values never show
(errors, ProblemDetail fields, logs, reprs, frame locals), ids cannot change the endpoint, the
key goes only to the organisation's own attachment paths, and a slow server cannot hold a call
past its deadline (the organisation's lookup included)."""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from devin_client import (
    APITimeoutError,
    DevinError,
    DevinValidationError,
    DownloadError,
    ResponseValidationError,
)
from devin_client.v3 import AsyncDevin, Devin

from ._leaks import texts_of, with_locals
from ._slow_server import slow_server, trickle_body, trickle_headers
from ._wire import BASE_URL, Wire

KEY = "cog_V3_SECURITY_SENTINEL_KEY_0c4e9b"
SECRET = "V3-SECRET-VALUE-SENTINEL-61a2f8"
SESSION_SECRET = "V3-SESSION-SECRET-SENTINEL-9d03c7"
SENTINELS = (KEY, SECRET, SESSION_SECRET)
ORG = "org-security"
SELF = {"principal_type": "service_user", "service_user_id": "su", "service_user_name": "s"}


def leaks(text: str) -> list[str]:
    return [s for s in SENTINELS if s in text]


def _self(org: str | None = ORG) -> httpx.Response:
    return httpx.Response(200, json={**SELF, "org_id": org})


def _echo(request: httpx.Request) -> str:
    return f"{request.headers.get('authorization')} {request.content.decode('utf-8', 'replace')}"


def _problem(status: int, **members: Any) -> Callable[[httpx.Request], httpx.Response]:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v3/self":
            return _self()
        echo = _echo(request)
        body = {"type": "about:blank", "title": "Problem", "status": status}
        body.update({k: (v(echo) if callable(v) else v) for k, v in members.items()})
        return httpx.Response(status, json=body)

    return answer


# -- a server that echoes the request back, in every member of a ProblemDetail --------------

ECHOES: dict[str, Callable[[httpx.Request], httpx.Response]] = {
    "detail": _problem(400, detail=lambda e: f"bad: {e}"),
    "title": _problem(409, title=lambda e: e),
    "errors msg": _problem(
        422, detail="Validation failed", errors=lambda e: [{"loc": ["body"], "msg": e}]
    ),
    "errors input": _problem(
        422, errors=lambda e: [{"loc": ["body", "value"], "msg": "bad", "input": e}]
    ),
    "instance": _problem(404, instance=lambda e: e),
    "legacy 422": lambda r: (
        _self()
        if r.url.path == "/v3/self"
        else httpx.Response(422, json={"detail": [{"loc": ["x"], "msg": _echo(r), "type": "t"}]})
    ),
    "403 text": lambda r: (
        _self() if r.url.path == "/v3/self" else httpx.Response(403, text=_echo(r))
    ),
    "500 html": lambda r: (
        _self() if r.url.path == "/v3/self" else httpx.Response(500, html=f"<p>{_echo(r)}</p>")
    ),
}


def _calls(client: Devin) -> list[Callable[[], Any]]:
    return [
        lambda: client.secrets.create("TOKEN", SECRET),
        lambda: client.sessions.create(
            "p", session_secrets=[{"key": "K", "value": SESSION_SECRET}]
        ),
        lambda: client.sessions.get("devin-1"),
    ]


@pytest.mark.parametrize("echo", sorted(ECHOES))
def test_an_echoing_server_never_makes_an_error_show_the_key_or_secrets(echo: str) -> None:
    wire = Wire(ECHOES[echo])
    errors: list[DevinError] = []
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as client,
    ):
        for call in _calls(client):
            try:
                call()
            except DevinError as exc:
                errors.append(exc)
    assert len(errors) == 3, f"{echo}: a call did not fail"
    for exc in errors:
        fields = [getattr(exc, name, None) for name in ("body", "detail", "title", "errors")]
        text = texts_of(exc) + json.dumps(fields, default=repr)
        assert leaks(text) == [], text


def test_logs_reprs_and_locals_never_show_the_key_or_secrets(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(1)
    caplog.set_level(1, logger="devin_client")
    wire = Wire(_problem(409, detail=lambda e: e))
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as client,
        pytest.raises(DevinError) as caught,
    ):
        client.secrets.create("TOKEN", SECRET)
    reprs = repr(client) + repr(client.with_options(timeout=5)) + repr(client.sessions)
    logged = caplog.text + "".join(repr(r.__dict__) for r in caplog.records)
    assert any(r.levelno == logging.DEBUG for r in caplog.records)
    assert leaks(logged) == []
    assert leaks(reprs) == []
    locals_text = with_locals(caught.value)
    assert "self" in locals_text  # the locals really are printed
    assert leaks(locals_text) == []


@pytest.mark.anyio
async def test_the_async_client_never_shows_them_either() -> None:
    wire = Wire(ECHOES["errors msg"])

    async def no_sleep(seconds: float) -> None:
        return None

    async with (
        wire.async_client() as http,
        AsyncDevin(KEY, base_url=BASE_URL, http_client=http, sleep=no_sleep) as client,
    ):
        with pytest.raises(DevinError) as caught:
            await client.secrets.create("TOKEN", SECRET)
    assert leaks(texts_of(caught.value) + repr(caught.value.body)) == []  # type: ignore[attr-defined]


# -- ids cannot change the endpoint ---------------------------------------------------------

BAD_IDS = {
    "empty": "",
    "dot dot": "..",
    "slash": "a/b",
    "traversal": "../../self",
    "backslash": "..\\x",
    "newline": "devin-1\r\nX-Evil: 1",
    "nul": "devin-1\x00",
}

CALLS: dict[str, tuple[Callable[[Any, str], Any], str]] = {
    "sessions.get": (lambda c, i: c.sessions.get(i), "devin_id"),
    "sessions.terminate": (lambda c, i: c.sessions.terminate(i), "devin_id"),
    "sessions.archive": (lambda c, i: c.sessions.archive(i), "devin_id"),
    "sessions.unarchive": (lambda c, i: c.sessions.unarchive(i), "devin_id"),
    "sessions.attachments": (lambda c, i: c.sessions.attachments(i), "devin_id"),
    "sessions.wait": (lambda c, i: c.sessions.wait(i, poll_interval=0), "devin_id"),
    "sessions.messages.send": (lambda c, i: c.sessions.messages.send(i, "hi"), "devin_id"),
    "sessions.messages.list": (lambda c, i: next(c.sessions.messages.list(i)), "devin_id"),
    "sessions.tags.get": (lambda c, i: c.sessions.tags.get(i), "devin_id"),
    "sessions.tags.replace": (lambda c, i: c.sessions.tags.replace(i, ["a"]), "devin_id"),
    "sessions.tags.append": (lambda c, i: c.sessions.tags.append(i, ["a"]), "devin_id"),
    "sessions.insights.get": (lambda c, i: c.sessions.insights.get(i), "devin_id"),
    "sessions.insights.generate": (lambda c, i: c.sessions.insights.generate(i), "devin_id"),
    "knowledge.notes.get": (lambda c, i: c.knowledge.notes.get(i), "note_id"),
    "knowledge.notes.update": (
        lambda c, i: c.knowledge.notes.update(i, name="n", body="b", trigger="t"),
        "note_id",
    ),
    "knowledge.notes.delete": (lambda c, i: c.knowledge.notes.delete(i), "note_id"),
    "playbooks.get": (lambda c, i: c.playbooks.get(i), "playbook_id"),
    "playbooks.update": (lambda c, i: c.playbooks.update(i, title="t", body="b"), "playbook_id"),
    "playbooks.delete": (lambda c, i: c.playbooks.delete(i), "playbook_id"),
    "secrets.delete": (lambda c, i: c.secrets.delete(i), "secret_id"),
    "schedules.get": (lambda c, i: c.schedules.get(i), "schedule_id"),
    "schedules.update": (lambda c, i: c.schedules.update(i, enabled=False), "schedule_id"),
    "schedules.delete": (lambda c, i: c.schedules.delete(i), "schedule_id"),
}


@pytest.fixture
def wire() -> Wire:
    return Wire(lambda r: _self() if r.url.path == "/v3/self" else httpx.Response(200, json={}))


@pytest.fixture
def client(wire: Wire) -> Iterator[Devin]:
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as c,
    ):
        yield c


@pytest.mark.parametrize("bad", sorted(BAD_IDS))
@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_bad_id_is_refused_before_sending(call: str, bad: str, client: Devin, wire: Wire) -> None:
    do, field = CALLS[call]
    with pytest.raises(DevinValidationError) as caught:
        do(client, BAD_IDS[bad])
    assert caught.value.field == field
    assert wire.requests == []  # not even the organisation's lookup


@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_good_id_is_one_encoded_segment_in_the_organisation(
    call: str, client: Devin, wire: Wire
) -> None:
    do, _ = CALLS[call]
    with contextlib.suppress(DevinError):  # the canned {} does not parse: only the request counts
        do(client, "id with %2F, ?#& and é")
    sent = [r for r in wire.requests if r.url.path != "/v3/self"]
    assert sent, "nothing was sent"
    raw = sent[0].url.raw_path.decode()
    assert raw.startswith(f"/v3/organizations/{ORG}/"), raw
    assert "/id%20with%20%252F%2C%20%3F%23%26%20and%20%C3%A9" in raw, raw


@pytest.mark.parametrize("org", ["..", "../v1", "org/x", "", "org\nX-Evil: 1"], ids=repr)
def test_an_organisation_from_the_server_that_would_change_the_path_is_refused(
    org: str,
) -> None:
    wire = Wire(lambda r: _self(org))
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http) as client,
        pytest.raises(ResponseValidationError) as caught,
    ):
        client.sessions.get("devin-1")
    assert [r.url.path for r in wire.requests] == ["/v3/self"]
    assert "body.org_id: must " in str(caught.value)  # which field, and what is wrong with it


BAD_ATTACHMENT_URLS = {
    "uuid dot dot": f"{BASE_URL}/v3/organizations/{ORG}/attachments/%2e%2e/secrets",
    "name dot dot": f"{BASE_URL}/v3/organizations/{ORG}/attachments/abc/%2E%2E",
    "name with an encoded slash": f"{BASE_URL}/v3/organizations/{ORG}/attachments/a/..%2F..%2Fx",
    "name with a NUL": f"{BASE_URL}/v3/organizations/{ORG}/attachments/abc/a%00b.csv",
}


@pytest.mark.parametrize("case", sorted(BAD_ATTACHMENT_URLS))
def test_an_attachment_url_with_a_bad_segment_is_refused(case: str, wire: Wire) -> None:
    with (
        wire.sync_client() as http,
        Devin(KEY, org_id=ORG, base_url=BASE_URL, http_client=http) as client,
        pytest.raises(DevinValidationError, match="url"),
    ):
        client.attachments.download(BAD_ATTACHMENT_URLS[case])
    assert wire.requests == []


# -- downloads: the key only to this organisation's attachment paths ------------------------

PRESIGNED = "https://files.example.net/bucket/f.csv?X-Signature=abc"
OWN = f"{BASE_URL}/v3/organizations/{ORG}/attachments/u-1/f.csv"


def _keys(wire: Wire) -> list[tuple[str, str | None]]:
    return [
        (str(r.url.copy_with(query=None)), r.headers.get("authorization")) for r in wire.requests
    ]


def _download(route: Callable[[httpx.Request], httpx.Response], url: str) -> Wire:
    wire = Wire(route)
    with (
        wire.sync_client() as http,
        Devin(KEY, org_id=ORG, base_url=BASE_URL, http_client=http) as client,
    ):
        client.attachments.download(url)
    return wire


def test_the_presigned_host_never_gets_the_key() -> None:
    def route(r: httpx.Request) -> httpx.Response:
        if r.url.host == "api.devin.ai":
            return httpx.Response(307, headers={"Location": PRESIGNED})
        return httpx.Response(200, content=b"data")

    assert _keys(_download(route, OWN)) == [
        (OWN, f"Bearer {KEY}"),
        (PRESIGNED.split("?")[0], None),
    ]


@pytest.mark.parametrize(
    "url",
    [
        f"{BASE_URL}/v3/organizations/org-other/attachments/u-1/f.csv",
        f"{BASE_URL}/v3/organizations/{ORG}/secrets",
        f"{BASE_URL}/v3/self",
        f"{BASE_URL}/v1/attachments/u-1/f.csv",
        "https://api.devin.ai.evil.example/v3/organizations/org-security/attachments/u/f",
        f"http://api.devin.ai/v3/organizations/{ORG}/attachments/u-1/f.csv",
    ],
)
def test_no_other_url_gets_the_key(url: str) -> None:
    wire = _download(lambda r: httpx.Response(200, content=b"x"), url)
    assert [key for _, key in _keys(wire)] == [None]


def test_the_key_never_comes_back_once_the_chain_left_the_api() -> None:
    def route(r: httpx.Request) -> httpx.Response:
        if r.url.host == "api.devin.ai" and r.url.path.endswith("/u-1/f.csv"):
            return httpx.Response(307, headers={"Location": "https://elsewhere.example/hop"})
        if r.url.host == "elsewhere.example":
            return httpx.Response(307, headers={"Location": OWN.replace("u-1", "u-2")})
        return httpx.Response(200, content=b"x")

    assert [key for _, key in _keys(_download(route, OWN))] == [f"Bearer {KEY}", None, None]


def test_https_to_plain_http_is_refused() -> None:
    with pytest.raises(DownloadError, match="plain http"):
        _download(
            lambda r: httpx.Response(307, headers={"Location": "http://files.example.net/f"}), OWN
        )


# -- deadlines: a slow server cannot hold a call, the lookup included ------------------------

TIMEOUT = 0.5
SLACK = 1.0


@pytest.mark.parametrize(
    ("case", "org"),
    [("create, headers trickled", ORG), ("get, body trickled", ORG), ("lookup trickled", None)],
)
def test_a_trickling_server_cannot_hold_a_v3_call(case: str, org: str | None) -> None:
    script = trickle_headers(0.1) if "headers" in case else trickle_body(0.1)
    call: Callable[[Devin], Any] = (
        (lambda c: c.sessions.create("Not twice"))
        if case.startswith("create")
        else (lambda c: c.sessions.get("devin-1"))
    )
    with slow_server(script) as server:
        started = time.monotonic()
        with (
            Devin(KEY, org_id=org, base_url=server.base_url, timeout=TIMEOUT, max_retries=0) as c,
            pytest.raises(APITimeoutError),
        ):
            call(c)
        elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT + SLACK, f"{case}: {elapsed:.1f} s"


@pytest.mark.anyio
async def test_a_trickling_server_cannot_hold_an_async_v3_call() -> None:
    with slow_server(trickle_body(0.1)) as server:
        started = time.monotonic()
        async with AsyncDevin(
            KEY, base_url=server.base_url, timeout=TIMEOUT, max_retries=0
        ) as client:
            with pytest.raises(APITimeoutError):
                await client.sessions.create("Not twice")
        elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT + SLACK, f"{elapsed:.1f} s"


def test_a_wait_deadline_covers_the_lookup() -> None:
    """``wait(timeout=...)`` bounds each poll; the lookup before the first poll is an ordinary
    call (the client's timeout)."""
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    session = {
        "acus_consumed": 0, "created_at": 1, "org_id": ORG, "pull_requests": [],
        "session_id": "devin-1", "status": "running", "status_detail": "working", "tags": [],
        "updated_at": 1, "url": "https://app.devin.ai/sessions/1",
    }  # fmt: skip
    wire = Wire(
        lambda r: _self() if r.url.path == "/v3/self" else httpx.Response(200, json=session)
    )
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http, sleep=sleep) as c,
    ):
        c._clock = lambda: now[0]
        from devin_client import WaitTimeoutError

        with pytest.raises(WaitTimeoutError) as caught:
            c.sessions.wait("devin-1", timeout=30, poll_interval=10)
    assert now[0] == 30
    assert caught.value.session.status_detail == "working"
    assert [r.url.path for r in wire.requests].count("/v3/self") == 1
