"""``timeout=`` bounds a whole request attempt: connect, send and every read together.

A loopback server that trickles one byte every 0.1 s (or reads the upload as slowly) never lets
a per-read timeout of 0.5 s fire; the call must still fail with ``APITimeoutError`` soon after
0.5 s. The server gives up after a few seconds, so an unprotected client finishes late instead
of hanging, and the test fails on the elapsed time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from devin_client import APITimeoutError, AsyncDevin, Devin

from ._slow_server import (
    read_body_slowly,
    slow_server,
    trickle_body,
    trickle_headers,
)
from ._wire import API_KEY

TIMEOUT = 0.5
SLACK = 1.0  # the call must end within TIMEOUT + SLACK (the server trickles for 5 s)
SID = "devin-1"

SCRIPTS = {
    "headers trickled": (trickle_headers(0.1), lambda c: c.sessions.get(SID)),
    "body trickled": (trickle_body(0.1), lambda c: c.sessions.get(SID)),
    "error body trickled": (trickle_body(0.1, status=500), lambda c: c.sessions.get(SID)),
    "download body trickled": (
        trickle_body(0.1),
        lambda c: c.attachments.download("/v1/attachments/u/f.bin"),
    ),
    "upload read slowly": (
        read_body_slowly(64 * 1024, 0.2),
        lambda c: c.attachments.upload(b"u" * (32 << 20), filename="big.bin"),
    ),
}


def _sync(base_url: str, call: Callable[[Any], Any], **options: Any) -> float:
    started = time.monotonic()
    with (
        Devin(API_KEY, base_url=base_url, timeout=TIMEOUT, max_retries=0, **options) as client,
        pytest.raises(APITimeoutError) as caught,
    ):
        call(client)
    assert isinstance(caught.value.__cause__, Exception)
    return time.monotonic() - started


async def _async(base_url: str, call: Callable[[Any], Any], **options: Any) -> float:
    started = time.monotonic()
    async with AsyncDevin(
        API_KEY, base_url=base_url, timeout=TIMEOUT, max_retries=0, **options
    ) as client:
        with pytest.raises(APITimeoutError):
            await call(client)
    return time.monotonic() - started


@pytest.mark.parametrize("case", list(SCRIPTS))
def test_a_trickling_server_cannot_hold_a_sync_call(case: str) -> None:
    script, call = SCRIPTS[case]
    with slow_server(script) as server:
        elapsed = _sync(server.base_url, call)
    assert elapsed < TIMEOUT + SLACK, f"{case}: the call took {elapsed:.1f} s"


@pytest.mark.anyio
@pytest.mark.parametrize("case", list(SCRIPTS))
async def test_a_trickling_server_cannot_hold_an_async_call(case: str) -> None:
    script, call = SCRIPTS[case]
    with slow_server(script) as server:
        elapsed = await _async(server.base_url, call)
    assert elapsed < TIMEOUT + SLACK, f"{case}: the call took {elapsed:.1f} s"


@pytest.mark.parametrize("case", ["body trickled", "error body trickled"])
def test_your_own_http_client_gets_the_deadline_between_reads(case: str) -> None:
    # Through a caller's httpx.Client the library cannot reach the sockets; it still checks
    # the deadline between the chunks of the body it reads.
    script, call = SCRIPTS[case]
    with slow_server(script) as server, httpx.Client() as http:
        elapsed = _sync(server.base_url, call, http_client=http)
    assert elapsed < TIMEOUT + SLACK, f"{case}: the call took {elapsed:.1f} s"


@pytest.mark.anyio
async def test_your_own_async_http_client_gets_the_whole_deadline() -> None:
    script, call = SCRIPTS["headers trickled"]
    with slow_server(script) as server:
        async with httpx.AsyncClient() as http:
            elapsed = await _async(server.base_url, call, http_client=http)
    assert elapsed < TIMEOUT + SLACK


def test_each_retry_gets_a_fresh_deadline() -> None:
    # timeout bounds each attempt; a retry-safe GET is tried 1 + max_retries times.
    script, _ = SCRIPTS["body trickled"]
    with slow_server(script) as server:
        started = time.monotonic()
        with (
            Devin(
                API_KEY, base_url=server.base_url, timeout=0.3, max_retries=1, sleep=lambda s: None
            ) as client,
            pytest.raises(APITimeoutError),
        ):
            client.sessions.get(SID)
        elapsed = time.monotonic() - started
        assert server.connections == 2
    assert 0.6 <= elapsed < 0.6 + SLACK


# -- sessions.wait(timeout=) is a deadline for the whole wait --------------------------------


class FakeClock:
    """The client's clock and sleep: sleeping advances the clock, nothing really waits."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


SESSION = {
    "session_id": SID,
    "status": "running",
    "status_enum": "working",
    "created_at": "2024-01-01T00:00:00Z",
    "updated_at": "2024-01-01T00:00:00Z",
}


def _wait_client(handler: Callable[[httpx.Request], httpx.Response], clock: FakeClock) -> Devin:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = Devin(
        API_KEY,
        base_url="https://api.devin.ai",
        http_client=http,
        max_retries=10,
        sleep=clock.sleep,
    )
    client._clock = clock
    return client


def _async_wait_client(
    handler: Callable[[httpx.Request], httpx.Response], clock: FakeClock
) -> AsyncDevin:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    client = AsyncDevin(
        API_KEY,
        base_url="https://api.devin.ai",
        http_client=http,
        max_retries=10,
        sleep=clock.asleep,
    )
    client._clock = clock
    return client


def _unavailable(request: httpx.Request) -> httpx.Response:
    return httpx.Response(503, json={"detail": "busy"}, headers={"retry-after": "4"})


def test_retries_inside_a_poll_stop_at_the_wait_deadline() -> None:
    from devin_client import WaitTimeoutError

    clock = FakeClock()
    start = clock.now
    client = _wait_client(_unavailable, clock)
    with pytest.raises(WaitTimeoutError) as caught:
        client.sessions.wait(SID, timeout=10, poll_interval=1)
    # Retry-After 4 s twice, then the last sleep is cut to the 2 s left: 10 s in all.
    assert clock.now - start == pytest.approx(10)
    assert caught.value.session is None  # no poll ever answered
    assert caught.value.timeout == 10
    assert SID in str(caught.value)


def test_the_wait_deadline_holds_after_a_session_was_seen() -> None:
    from devin_client import WaitTimeoutError

    clock = FakeClock()
    start = clock.now
    answers = iter([httpx.Response(200, json=SESSION)])

    def handler(request: httpx.Request) -> httpx.Response:
        return next(answers, None) or _unavailable(request)

    client = _wait_client(handler, clock)
    with pytest.raises(WaitTimeoutError) as caught:
        client.sessions.wait(SID, timeout=30, poll_interval=10)
    assert clock.now - start == pytest.approx(30)
    assert caught.value.session is not None
    assert caught.value.session.session_id == SID


def test_a_poll_request_gets_only_the_time_left_of_the_wait() -> None:
    clock = FakeClock()
    timeouts: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        timeouts.append(max(request.extensions["timeout"].values()))
        if len(timeouts) > 10:  # without the fake clock the wait would spin for real
            raise httpx.ConnectError("stop polling")
        return httpx.Response(200, json=SESSION)

    client = _wait_client(handler, clock)
    from devin_client import WaitTimeoutError

    with pytest.raises(WaitTimeoutError):
        client.sessions.wait(SID, timeout=25, poll_interval=10)
    # Polls at 0, 10 and 20 s: the last request may take 5 s at most, not the client's 60 s.
    assert timeouts[0] == 25
    assert timeouts[-1] == pytest.approx(5)
    assert len(timeouts) == 3


@pytest.mark.anyio
async def test_async_retries_inside_a_poll_stop_at_the_wait_deadline() -> None:
    from devin_client import WaitTimeoutError

    clock = FakeClock()
    start = clock.now
    client = _async_wait_client(_unavailable, clock)
    with pytest.raises(WaitTimeoutError) as caught:
        await client.sessions.wait(SID, timeout=10, poll_interval=1)
    assert clock.now - start == pytest.approx(10)
    assert caught.value.session is None


def test_timeout_zero_still_polls_once() -> None:
    from devin_client import WaitTimeoutError

    clock = FakeClock()
    client = _wait_client(lambda request: httpx.Response(200, json=SESSION), clock)
    with pytest.raises(WaitTimeoutError) as caught:
        client.sessions.wait(SID, timeout=0)
    assert caught.value.session is not None
    assert clock.sleeps == []
