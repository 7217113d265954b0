"""``sessions.follow``: each new message once, in order, each status change, until settled.

No test sleeps: the client's sleep is a fake that moves a fake clock (the client's clock of
decisions), as the wait tests do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import httpx
import pytest
from devin_client import (
    AsyncDevin,
    Devin,
    DevinValidationError,
    MessageEvent,
    NotFoundError,
    StatusEvent,
    WaitTimeoutError,
)
from devin_client._core._follow import CursorMessages, follow
from devin_client._core._pipeline import Call
from devin_client._core._wait import settled_check

from .conftest import API_KEY, BASE_URL, SESSION

PATH = "/v1/sessions/devin-abc"


class Clock:
    """A fake clock; ``sleep`` moves it instead of sleeping."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


def _message(n: int, text: str, kind: str = "devin_message", **extra: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "event_id": f"event-{n}",
        "message": text,
        "timestamp": f"2024-01-01T00:00:{n:02d}Z",
        **extra,
    }


PROMPT = _message(0, "Fix the build", "initial_user_message")
LOOKING = _message(1, "Looking into it.")
CHANGING = _message(2, "Making the changes.")
DONE = _message(3, "Done.")

# What the server answers to each poll, in order (the last one again once the list runs out).
SCRIPT = [
    {"status_enum": "working", "messages": [PROMPT]},
    {"status_enum": "working", "messages": [PROMPT, LOOKING]},
    {"status_enum": "working", "messages": [PROMPT, LOOKING, CHANGING]},
    {"status_enum": "finished", "messages": [PROMPT, LOOKING, CHANGING, DONE]},
]


class Server:
    """Answers ``GET /v1/sessions/devin-abc`` from a script, counting the polls."""

    def __init__(self, script: Sequence[dict[str, Any] | int]) -> None:
        self.script = list(script)
        self.polls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.path == PATH
        body = self.script[min(self.polls, len(self.script) - 1)]
        self.polls += 1
        if isinstance(body, int):
            return httpx.Response(body, json={"detail": "no"})
        return httpx.Response(200, json={**SESSION, **body})


def _client(server: Callable[[httpx.Request], httpx.Response], clock: Clock) -> Devin:
    http = httpx.Client(transport=httpx.MockTransport(server))
    client = Devin(API_KEY, base_url=BASE_URL, http_client=http, sleep=clock.sleep)
    client._clock = clock
    return client


def _async_client(server: Callable[[httpx.Request], httpx.Response], clock: Clock) -> AsyncDevin:
    http = httpx.AsyncClient(transport=httpx.MockTransport(server))
    client = AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http, sleep=clock.asleep)
    client._clock = clock
    return client


def _summary(events: list[Any]) -> list[str]:
    out = []
    for event in events:
        if isinstance(event, MessageEvent):
            out.append(f"message {event.message.message}")
        else:
            assert isinstance(event, StatusEvent)
            out.append(f"status {event.status}")
    return out


EXPECTED = [
    "message Fix the build",
    "status working",
    "message Looking into it.",
    "message Making the changes.",
    "message Done.",
    "status finished",
]


def test_follow_yields_each_message_once_in_order_and_each_status_change() -> None:
    clock = Clock()
    server = Server(SCRIPT)
    events = list(_client(server, clock).sessions.follow("devin-abc"))
    assert _summary(events) == EXPECTED
    assert server.polls == 4
    assert clock.sleeps == [10.0, 10.0, 10.0]  # wait's default poll interval
    assert {e.session_id for e in events} == {"devin-abc"}
    final = events[-1]
    assert isinstance(final, StatusEvent)
    assert final.session.status_enum == "finished"  # the settled session
    assert final.detail is None
    assert isinstance(events[0], MessageEvent)
    assert events[0].message.type_ == "initial_user_message"


@pytest.mark.anyio
async def test_async_follow_yields_the_same_events() -> None:
    clock = Clock()
    server = Server(SCRIPT)
    client = _async_client(server, clock)
    events = [event async for event in client.sessions.follow("devin-abc", poll_interval=3)]
    assert _summary(events) == EXPECTED
    assert clock.sleeps == [3, 3, 3]


def test_messages_are_recognised_by_event_id_whatever_order_the_server_lists_them() -> None:
    # A server that lists the newest first, or repeats a list: nothing is yielded twice.
    script = [
        {"status_enum": "working", "messages": [LOOKING, PROMPT]},
        {"status_enum": "working", "messages": [CHANGING, LOOKING, PROMPT]},
        {"status_enum": "working", "messages": [CHANGING, LOOKING, PROMPT]},
        {"status_enum": "finished", "messages": [DONE, CHANGING, LOOKING, PROMPT]},
    ]
    events = list(_client(Server(script), Clock()).sessions.follow("devin-abc"))
    assert _summary(events) == [
        "message Looking into it.",
        "message Fix the build",
        "status working",
        "message Making the changes.",
        "message Done.",
        "status finished",
    ]


def test_messages_without_an_event_id_are_recognised_by_content() -> None:
    first = {**LOOKING, "event_id": ""}
    second = {**CHANGING, "event_id": ""}
    script = [
        {"status_enum": "working", "messages": [first]},
        {"status_enum": "working", "messages": [first, second]},
        {"status_enum": "finished", "messages": [first, second]},
    ]
    events = list(_client(Server(script), Clock()).sessions.follow("devin-abc"))
    assert _summary(events) == [
        "message Looking into it.",
        "status working",
        "message Making the changes.",
        "status finished",
    ]


def test_id_less_messages_are_neither_lost_nor_repeated_when_the_list_shifts() -> None:
    # A server that drops the oldest message once a new one comes (a window), then says the
    # same thing twice: by position, "Making the changes." was lost; an id-less message that
    # moves is not handed out again, a second one of the same content is.
    prompt, first, second, third = (
        {**m, "event_id": ""} for m in (PROMPT, LOOKING, CHANGING, DONE)
    )
    script = [
        {"status_enum": "working", "messages": [prompt, first]},
        {"status_enum": "working", "messages": [first, second]},
        {"status_enum": "working", "messages": [second, first]},
        {"status_enum": "finished", "messages": [first, second, first, third]},
    ]
    events = list(_client(Server(script), Clock()).sessions.follow("devin-abc"))
    assert _summary(events) == [
        "message Fix the build",
        "message Looking into it.",
        "status working",
        "message Making the changes.",
        "message Looking into it.",  # said a second time: a second message
        "message Done.",
        "status finished",
    ]


def test_a_session_without_messages_yields_its_statuses() -> None:
    script: list[dict[str, Any] | int] = [
        {"status_enum": "working"},
        {"status_enum": "blocked", "messages": []},
    ]
    events = list(_client(Server(script), Clock()).sessions.follow("devin-abc"))
    assert _summary(events) == ["status working", "status blocked"]


def test_only_changes_of_status_are_yielded_and_status_is_the_fallback() -> None:
    script: list[dict[str, Any] | int] = [
        {"status_enum": "working"},
        {"status_enum": "working"},
        {"status_enum": None, "status": "running"},
        {"status_enum": "suspend_requested"},
        {"status_enum": "expired"},
    ]
    events = list(_client(Server(script), Clock()).sessions.follow("devin-abc"))
    assert _summary(events) == [
        "status working",
        "status running",
        "status suspend_requested",
        "status expired",
    ]


def test_until_ends_the_follow_as_it_ends_a_wait() -> None:
    server = Server(SCRIPT)
    events = list(
        _client(server, Clock()).sessions.follow("devin-abc", until={"working"}, poll_interval=1)
    )
    assert _summary(events) == ["message Fix the build", "status working"]
    assert server.polls == 1
    server = Server(SCRIPT)
    client = _client(server, Clock())
    events = list(
        client.sessions.follow(
            "devin-abc", until=lambda s: len(s.messages or []) >= 3, poll_interval=1
        )
    )
    assert _summary(events)[-1] == "message Making the changes."
    assert server.polls == 3


def test_bad_arguments_are_refused_before_anything_is_sent() -> None:
    server = Server(SCRIPT)
    sessions = _client(server, Clock()).sessions
    with pytest.raises(DevinValidationError, match="unknown status 'finishd'"):
        sessions.follow("devin-abc", until={"finishd"})
    with pytest.raises(DevinValidationError, match="poll_interval"):
        sessions.follow("devin-abc", poll_interval=-1)
    with pytest.raises(DevinValidationError, match="session_id"):
        sessions.follow("../x")
    assert server.polls == 0


def test_the_timeout_is_a_deadline_for_the_whole_follow() -> None:
    clock = Clock()
    server = Server([{"status_enum": "working", "messages": [PROMPT]}])
    seen: list[Any] = []
    follow = _client(server, clock).sessions.follow("devin-abc", timeout=25, poll_interval=10)
    with pytest.raises(WaitTimeoutError) as info:
        seen.extend(follow)
    assert _summary(seen) == ["message Fix the build", "status working"]  # before the error
    assert clock.sleeps == [10, 10, 5]  # the last sleep is cut to the time left
    assert info.value.session.status_enum == "working"
    assert info.value.timeout == 25


def test_timeout_zero_polls_exactly_once() -> None:
    server = Server([{"status_enum": "working", "messages": [PROMPT]}])
    iterator = _client(server, Clock()).sessions.follow("devin-abc", timeout=0)
    assert _summary([next(iterator), next(iterator)]) == ["message Fix the build", "status working"]
    with pytest.raises(WaitTimeoutError):
        next(iterator)
    assert server.polls == 1


def test_a_failed_poll_ends_the_follow_with_its_error() -> None:
    server = Server([{"status_enum": "working", "messages": [PROMPT]}, 404])
    seen: list[Any] = []
    with pytest.raises(NotFoundError):
        seen.extend(_client(server, Clock()).sessions.follow("devin-abc", poll_interval=0))
    assert _summary(seen) == ["message Fix the build", "status working"]


def test_the_follow_is_lazy_and_stops_when_the_caller_stops() -> None:
    server = Server(SCRIPT)
    iterator = _client(server, Clock()).sessions.follow("devin-abc")
    assert server.polls == 0
    for event in iterator:
        assert _summary([event]) == ["message Fix the build"]
        break
    del iterator  # the generator is closed: no more polls
    assert server.polls == 1


def test_on_progress_is_called_after_each_poll() -> None:
    seen: list[str] = []
    client = _client(Server(SCRIPT), Clock())
    for _ in client.sessions.follow(
        "devin-abc", on_progress=lambda s: seen.append(str(s.status_enum))
    ):
        pass
    assert seen == ["working", "working", "working", "finished"]


# -- the cursor source (v3's messages endpoint), driven through the core flow ------------------


def test_the_cursor_source_reads_from_the_last_cursor_and_yields_each_message_once() -> None:
    messages = [{"event_id": f"m{i}", "message": f"message {i}"} for i in range(5)]
    visible = [2, 3, 5]  # how many messages exist at each poll
    state = {"poll": 0}
    pages: list[str | None] = []

    def server(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v3/session":
            state["poll"] += 1
            status = "exit" if state["poll"] == len(visible) else "running"
            return httpx.Response(200, json={"status": status})
        # Two messages a page; the cursor is the index of the next message; the mock's way:
        # no end_cursor on the last page.
        after = request.url.params.get("after")
        pages.append(after)
        start = int(after or 0)
        count = visible[state["poll"] - 1]
        items = messages[start : min(start + 2, count)]
        more = start + 2 < count
        cursor = str(start + 2) if more else None
        body = {"items": items, "end_cursor": cursor, "has_next_page": more}
        return httpx.Response(200, json=body)

    def page(after: str | None, deadline: float | None) -> Call[dict[str, Any]]:
        params = {} if after is None else {"after": after}
        request = {"method": "GET", "url": "/v3/messages", "params": params}
        return Call(None, request, parse=lambda r, check: r.json(), deadline=deadline)

    def poll(deadline: float | None) -> Call[dict[str, Any]]:
        request = {"method": "GET", "url": "/v3/session"}
        return Call(None, request, parse=lambda r, check: r.json(), deadline=deadline)

    source: CursorMessages[dict[str, Any], dict[str, Any]] = CursorMessages(
        page,
        items_of=lambda p: p["items"],
        end_cursor_of=lambda p: p["end_cursor"],
        has_next_of=lambda p: p["has_next_page"],
        event_id_of=lambda m: m["event_id"],
    )
    status_of: Callable[[Any], str] = lambda s: s["status"]  # noqa: E731
    done = settled_check(
        60, 0, {"exit"}, known=lambda: frozenset({"running", "exit"}), status_of=status_of
    )
    client = _client(server, Clock())
    flow = follow(
        client,
        "devin-1",
        poll,
        done,
        timeout=60,
        poll_interval=0,
        on_progress=None,
        status_of=status_of,
        detail_of=lambda s: "finished" if s["status"] == "exit" else None,
        source=source,
    )
    events = list(client._iterate(flow))
    assert [
        e.message["message"] if isinstance(e, MessageEvent) else f"{e.status}/{e.detail}"
        for e in events
    ] == [
        "message 0",
        "message 1",
        "running/None",
        "message 2",
        "message 3",
        "message 4",
        "exit/finished",
    ]
    # Poll 1 reads the first page; poll 2 reads it again (no cursor was answered yet) and the
    # next; poll 3 goes on from the last cursor answered.
    assert pages == [None, None, "2", "2", "4"]
