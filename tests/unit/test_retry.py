"""Retry policy: what is retried, how long it waits, and what is never sent twice."""

from __future__ import annotations

import email.utils

import httpx
import pytest
from devin_client import (
    APIConnectionError,
    APITimeoutError,
    AsyncDevin,
    Devin,
    InternalServerError,
    RateLimitError,
)
from devin_client._core import _constants as C
from devin_client._core._retry import (
    backoff_delay,
    parse_retry_after,
    retry_delay_after_error,
    retry_delay_for,
)

from .conftest import SESSION, AsyncSleeps, Recorder, Sleeps

CREATED = {"session_id": "devin-abc", "url": "https://app.devin.ai/sessions/abc"}


def test_backoff_grows_is_capped_and_jittered() -> None:
    assert backoff_delay(0, rand=lambda: 0.0) == C.INITIAL_RETRY_DELAY
    assert backoff_delay(1, rand=lambda: 0.0) == 2 * C.INITIAL_RETRY_DELAY
    assert backoff_delay(30, rand=lambda: 0.0) == C.MAX_RETRY_DELAY
    low = backoff_delay(0, rand=lambda: 0.999999)
    assert C.INITIAL_RETRY_DELAY * (1 - C.RETRY_JITTER) <= low < C.INITIAL_RETRY_DELAY


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"retry-after": "-4"}, 0.0),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "x", "retry-after": "2"}, 2.0),
        ({"retry-after": "soon"}, None),
        ({"retry-after": "nan"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(httpx.Headers(headers)) == expected


def test_parse_retry_after_http_date() -> None:
    date = email.utils.formatdate(1_000_030, usegmt=True)
    assert parse_retry_after(httpx.Headers({"retry-after": date}), now=1_000_000) == 30.0


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses(status: int) -> None:
    delay = retry_delay_for(status, {}, attempt=0, max_retries=2, retry_safe=True)
    assert delay is not None


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 413, 422])
def test_client_errors_are_not_retried(status: int) -> None:
    assert retry_delay_for(status, {}, attempt=0, max_retries=2, retry_safe=True) is None


def test_unsafe_requests_are_not_retried_after_a_response() -> None:
    assert retry_delay_for(503, {}, attempt=0, max_retries=2, retry_safe=False) is None
    assert retry_delay_for(429, {}, attempt=0, max_retries=2, retry_safe=False) is None


def test_retry_after_is_bounded() -> None:
    ok = httpx.Headers({"retry-after": str(C.MAX_RETRY_AFTER)})
    too_long = httpx.Headers({"retry-after": str(C.MAX_RETRY_AFTER + 1)})
    assert retry_delay_for(429, ok, attempt=0, max_retries=2, retry_safe=True) == C.MAX_RETRY_AFTER
    assert retry_delay_for(429, too_long, attempt=0, max_retries=2, retry_safe=True) is None


def test_budget() -> None:
    assert retry_delay_for(503, {}, attempt=2, max_retries=2, retry_safe=True) is None
    assert (
        retry_delay_after_error(httpx.ConnectError("x"), attempt=2, max_retries=2, retry_safe=True)
        is None
    )


@pytest.mark.parametrize(
    ("exc", "safe", "retried"),
    [
        (httpx.ConnectError("x"), False, True),  # never reached the server
        (httpx.ConnectTimeout("x"), False, True),
        (httpx.PoolTimeout("x"), False, True),
        (httpx.ReadError("x"), False, False),  # may have reached it
        (httpx.ReadTimeout("x"), False, False),
        (httpx.RemoteProtocolError("x"), False, False),
        (httpx.ReadError("x"), True, True),
        (httpx.ReadTimeout("x"), True, True),
        (httpx.UnsupportedProtocol("x"), True, False),
        (httpx.LocalProtocolError("x"), True, False),
    ],
)
def test_transport_errors(exc: httpx.HTTPError, safe: bool, retried: bool) -> None:
    delay = retry_delay_after_error(exc, attempt=0, max_retries=2, retry_safe=safe)
    assert (delay is not None) is retried


def test_get_is_retried_with_backoff(client: Devin, recorder: Recorder, sleeps: Sleeps) -> None:
    recorder.reply(httpx.Response(503), httpx.Response(502))
    recorder.route("GET", "/v1/sessions/devin-abc", SESSION)
    assert client.sessions.get("devin-abc").session_id == "devin-abc"
    assert len(recorder.requests) == 3
    assert len(sleeps) == 2
    assert 0 < sleeps[0] <= C.INITIAL_RETRY_DELAY
    assert sleeps[0] < sleeps[1] <= 2 * C.INITIAL_RETRY_DELAY


def test_retry_after_is_honoured(client: Devin, recorder: Recorder, sleeps: Sleeps) -> None:
    recorder.reply(httpx.Response(429, headers={"Retry-After": "2.5"}, json={"detail": "slow"}))
    recorder.route("GET", "/v1/sessions/devin-abc", SESSION)
    client.sessions.get("devin-abc")
    assert sleeps == [2.5]


def test_gives_up_after_max_retries(client: Devin, recorder: Recorder, sleeps: Sleeps) -> None:
    recorder.default = lambda request: httpx.Response(500, json={"detail": "boom"})
    with pytest.raises(InternalServerError):
        client.sessions.get("devin-abc")
    assert len(recorder.requests) == 3
    with pytest.raises(InternalServerError):
        client.with_options(max_retries=5).sessions.get("devin-abc")
    assert len(recorder.requests) == 3 + 6
    with pytest.raises(InternalServerError):
        client.with_options(max_retries=0).sessions.get("devin-abc")
    assert len(recorder.requests) == 3 + 6 + 1


def test_long_retry_after_raises_at_once(client: Devin, recorder: Recorder, sleeps: Sleeps) -> None:
    recorder.default = lambda r: httpx.Response(429, headers={"Retry-After": "3600"})
    with pytest.raises(RateLimitError) as info:
        client.sessions.get("devin-abc")
    assert info.value.retry_after == 3600.0
    assert len(recorder.requests) == 1
    assert sleeps == []


@pytest.mark.parametrize("status", [429, 500, 503])
def test_create_is_not_retried_unless_idempotent(
    client: Devin, recorder: Recorder, sleeps: Sleeps, status: int
) -> None:
    recorder.reply(httpx.Response(status, headers={"Retry-After": "1"}))
    with pytest.raises((RateLimitError, InternalServerError)):
        client.sessions.create("Fix the bug")
    assert len(recorder.requests) == 1
    recorder.reply(httpx.Response(status, headers={"Retry-After": "1"}))
    recorder.route("POST", "/v1/sessions", CREATED)
    assert client.sessions.create("Fix the bug", idempotent=True).session_id == "devin-abc"
    assert len(recorder.requests) == 3
    assert recorder.json()["idempotent"] is True


def test_create_read_failure_is_not_retried(client: Devin, recorder: Recorder) -> None:
    recorder.reply(httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError):
        client.sessions.create("Fix the bug")
    assert len(recorder.requests) == 1


def test_create_connect_failure_is_retried(
    client: Devin, recorder: Recorder, sleeps: Sleeps
) -> None:
    recorder.reply(httpx.ConnectError("refused"))
    recorder.route("POST", "/v1/sessions", CREATED)
    assert client.sessions.create("Fix the bug").session_id == "devin-abc"
    assert len(recorder.requests) == 2
    assert len(sleeps) == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.sessions.terminate("devin-abc"),
        lambda c: c.sessions.send_message("devin-abc", "hi"),
        lambda c: c.secrets.create("K", "V"),
        lambda c: c.secrets.delete("s-1"),
        lambda c: c.knowledge.create(name="n", body="b", trigger_description="t"),
        lambda c: c.knowledge.delete("n-1"),
        lambda c: c.playbooks.create(title="t", body="b"),
        lambda c: c.playbooks.delete("p-1"),
        lambda c: c.attachments.upload(b"data", filename="f.txt"),
    ],
)
def test_non_idempotent_writes_are_sent_once(
    client: Devin, recorder: Recorder, call: object
) -> None:
    recorder.default = lambda request: httpx.Response(503)
    with pytest.raises(InternalServerError):
        call(client)  # type: ignore[operator]
    assert len(recorder.requests) == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.sessions.update_tags("devin-abc", ["a"]),
        lambda c: c.knowledge.update("n-1", name="n", body="b", trigger_description="t"),
        lambda c: c.playbooks.update("p-1", title="t", body="b"),
        lambda c: c.secrets.list(),
        lambda c: c.playbooks.get("p-1"),
    ],
)
def test_idempotent_requests_are_retried(client: Devin, recorder: Recorder, call: object) -> None:
    recorder.default = lambda request: httpx.Response(503)
    with pytest.raises(InternalServerError):
        call(client)  # type: ignore[operator]
    assert len(recorder.requests) == 3


def test_connection_errors_exhaust_into_api_connection_error(
    client: Devin, recorder: Recorder, sleeps: Sleeps
) -> None:
    recorder.default = lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError) as info:
        client.sessions.get("devin-abc")
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert len(recorder.requests) == 3
    assert len(sleeps) == 2


@pytest.mark.anyio
async def test_async_retries_share_the_policy(
    aclient: AsyncDevin, recorder: Recorder, async_sleeps: AsyncSleeps
) -> None:
    recorder.reply(httpx.Response(429, headers={"Retry-After": "1.5"}), httpx.ConnectError("x"))
    recorder.route("GET", "/v1/sessions/devin-abc", SESSION)
    session = await aclient.sessions.get("devin-abc")
    assert session.session_id == "devin-abc"
    assert async_sleeps[0] == 1.5
    assert len(async_sleeps) == 2
    recorder.reply(httpx.Response(500))
    with pytest.raises(InternalServerError):
        await aclient.sessions.create("Fix the bug")
    assert len(recorder.requests) == 4
