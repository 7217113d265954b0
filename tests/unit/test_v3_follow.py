"""``devin_client.v3`` ``sessions.follow``: the session polled as ``wait`` polls it, its messages
read from the messages listing's cursor, each message once, in order, each change of ``status``
or ``status_detail``, until the session settles by v3's model.

The server here is scripted per poll, and can page its messages the way the mock does (no
cursor on the last page), the way a server that always answers a cursor does, or badly: pages
that overlap, a cursor ignored (the whole list again), the same cursor answered twice. No test
sleeps: the client's sleep moves a fake clock.
"""

from __future__ import annotations

import base64
import inspect
import json
from collections.abc import Sequence
from typing import Any

import httpx
import pytest
from devin_client import (
    Devin,
    DevinValidationError,
    MessageEvent,
    NotFoundError,
    StatusEvent,
    WaitTimeoutError,
)
from devin_client.v3 import AsyncDevin as AsyncDevinV3
from devin_client.v3 import Devin as DevinV3

from .conftest import BASE_URL, ORG_PATH, SELF, V3_KEY, V3_SESSION

SESSION_PATH = f"{ORG_PATH}/sessions/devin-abc"
MESSAGES_PATH = f"{SESSION_PATH}/messages"


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


def _message(n: int, text: str, source: str = "devin") -> dict[str, Any]:
    return {"event_id": f"event-{n}", "source": source, "message": text, "created_at": 1700 + n}


PROMPT = _message(0, "Fix the build", "user")
LOOKING = _message(1, "Looking into it.")
CHANGING = _message(2, "Making the changes.")
DONE = _message(3, "Done.")
MESSAGES = [PROMPT, LOOKING, CHANGING, DONE]

# Per poll: (status, status_detail, how many of MESSAGES exist by then). The last repeats.
SCRIPT: list[tuple[str, str | None, int]] = [
    ("new", None, 1),
    ("running", "working", 2),
    ("running", "working", 3),
    ("running", "finished", 4),
]


def _cursor(index: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": index}).encode()).decode()


def _index(cursor: str) -> int:
    index = json.loads(base64.urlsafe_b64decode(cursor))["after"]
    assert isinstance(index, int)
    return index


class Server:
    """``GET`` the session (one scripted step per poll) and its messages (cursor pages).

    Args:
        script: The polls' states, as ``SCRIPT``.
        page: Messages per page (the client asks for more; a server may answer fewer).
        paging: ``"mock"``: no cursor on the last page; ``"always"``: a cursor on every page
            (``has_next_page`` false on the last); ``"overlap"``: each page starts one message
            before the cursor; ``"ignore"``: the cursor is ignored (the whole list each time);
            ``"stuck"``: the last page answers the cursor it was asked with; ``"doubled"``:
            each message twice on its page.
    """

    def __init__(
        self,
        script: Sequence[tuple[str, str | None, int] | int] = SCRIPT,
        *,
        page: int = 2,
        paging: str = "mock",
    ) -> None:
        self.script = list(script)
        self.page = page
        self.paging = paging
        self.polls = 0
        self.pages: list[str | None] = []  # the `after` of each messages request
        self.firsts: list[str | None] = []  # the `first` of each messages request

    def _step(self) -> tuple[str, str | None, int] | int:
        """The step of the last poll."""
        return self.script[min(self.polls, len(self.script)) - 1]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v3/self":
            return httpx.Response(200, json=SELF)
        if request.url.path == SESSION_PATH:
            self.polls += 1
            step = self._step()
            if isinstance(step, int):
                return httpx.Response(step, json={"title": "no", "status": step})
            status, detail, _ = step
            return httpx.Response(
                200, json={**V3_SESSION, "status": status, "status_detail": detail}
            )
        assert request.url.path == MESSAGES_PATH
        after = request.url.params.get("after")
        self.pages.append(after)
        self.firsts.append(request.url.params.get("first"))
        step = self._step()
        assert not isinstance(step, int)
        visible = MESSAGES[: step[2]]
        start = 0 if after is None or self.paging == "ignore" else _index(after) + 1
        if self.paging == "overlap" and start:
            start -= 1
        items = visible[start : start + self.page]
        more = start + self.page < len(visible)
        last = start + len(items) - 1
        if self.paging == "ignore":
            items, more, last = visible, False, len(visible) - 1
        if self.paging == "doubled":  # every message twice on its page
            items = [item for item in items for _ in (0, 1)]
        if more or self.paging in ("always", "overlap", "ignore"):
            cursor = _cursor(last) if items else after
        elif self.paging == "stuck":
            cursor = after
        else:
            cursor = None
        body = {"items": items, "end_cursor": cursor, "has_next_page": more, "total": None}
        return httpx.Response(200, json=body)


def _client(server: Server, clock: Clock) -> Any:
    http = httpx.Client(transport=httpx.MockTransport(server))
    client = DevinV3(V3_KEY, base_url=BASE_URL, http_client=http, sleep=clock.sleep)
    client._clock = clock
    return client


def _summary(events: list[Any]) -> list[str]:
    out = []
    for event in events:
        if isinstance(event, MessageEvent):
            out.append(f"message {event.message.message}")
        else:
            assert isinstance(event, StatusEvent)
            out.append(f"status {event.status}/{event.detail}")
    return out


EXPECTED = [
    "message Fix the build",
    "status new/None",
    "message Looking into it.",
    "status running/working",
    "message Making the changes.",
    "message Done.",
    "status running/finished",
]


@pytest.mark.parametrize("paging", ["mock", "always", "overlap", "ignore", "stuck", "doubled"])
def test_follow_yields_each_message_once_in_order_and_each_status_change(paging: str) -> None:
    clock = Clock()
    server = Server(paging=paging)
    events = list(_client(server, clock).sessions.follow("devin-abc"))
    assert _summary(events) == EXPECTED, paging
    assert server.polls == 4
    assert clock.sleeps == [10.0, 10.0, 10.0]  # wait's default poll interval
    assert {e.session_id for e in events} == {"devin-abc"}
    final = events[-1]
    assert isinstance(final, StatusEvent)
    assert (final.session.status, final.session.status_detail) == ("running", "finished")
    assert isinstance(events[0], MessageEvent)
    assert events[0].message.source == "user"


def test_messages_are_read_from_the_last_cursor_answered() -> None:
    server = Server(paging="always")
    list(_client(server, Clock()).sessions.follow("devin-abc", poll_interval=0))
    # Each poll reads on from the cursor of the last message the one before it saw.
    assert server.pages == [None, _cursor(0), _cursor(1), _cursor(2)]
    assert set(server.firsts) == {"100"}  # the spec's default page size


def test_a_server_without_a_cursor_on_its_last_page_is_read_again_from_the_last_one() -> None:
    server = Server(page=1)
    list(_client(server, Clock()).sessions.follow("devin-abc", poll_interval=0))
    # The mock's way: a page that is the last one has no end_cursor, so the next poll reads
    # from the last cursor answered (here, none yet, then message 0, then message 1, ...).
    assert server.pages[:2] == [None, None]
    assert server.pages[-1] == _cursor(2)


def test_status_changes_are_changes_of_status_or_detail() -> None:
    script: list[tuple[str, str | None, int] | int] = [
        ("running", "working", 0),
        ("running", "working", 0),
        ("running", "waiting_for_approval", 0),
        ("resuming", None, 0),
        ("suspended", "out_of_credits", 0),
        ("exit", None, 0),
    ]
    events = list(_client(Server(script), Clock()).sessions.follow("devin-abc", until={"exit"}))
    assert _summary(events) == [
        "status running/working",
        "status running/waiting_for_approval",
        "status resuming/None",
        "status suspended/out_of_credits",
        "status exit/None",
    ]


def test_until_ends_the_follow_as_it_ends_a_wait() -> None:
    server = Server()
    client = _client(server, Clock())
    events = list(client.sessions.follow("devin-abc", until={"working"}, poll_interval=1))
    assert _summary(events)[-1] == "status running/working"
    assert server.polls == 2
    server = Server()
    events = list(
        _client(server, Clock()).sessions.follow(
            "devin-abc", until=lambda s: s.status == "running", poll_interval=1
        )
    )
    assert server.polls == 2


@pytest.mark.parametrize(
    ("status", "detail"),
    [
        ("exit", None),
        ("error", None),
        ("suspended", "inactivity"),
        ("running", "waiting_for_user"),
        ("running", "waiting_for_approval"),
    ],
)
def test_the_follow_ends_where_wait_ends(status: str, detail: str | None) -> None:
    server = Server([("running", "working", 1), (status, detail, 2)])
    events = list(_client(server, Clock()).sessions.follow("devin-abc", poll_interval=0))
    assert _summary(events)[-1] == f"status {status}/{detail}"
    assert server.polls == 2


def test_bad_arguments_are_refused_before_anything_is_sent() -> None:
    server = Server()
    sessions = _client(server, Clock()).sessions
    with pytest.raises(DevinValidationError, match="unknown status 'finishd'"):
        sessions.follow("devin-abc", until={"finishd"})
    with pytest.raises(DevinValidationError, match="until"):
        sessions.follow("devin-abc", until={"blocked"})  # a v1 status
    with pytest.raises(DevinValidationError, match="poll_interval"):
        sessions.follow("devin-abc", poll_interval=-1)
    with pytest.raises(DevinValidationError, match="on_progress"):
        sessions.follow("devin-abc", on_progress="print")
    with pytest.raises(DevinValidationError, match="devin_id"):
        sessions.follow("../x")
    assert server.polls == 0
    assert server.pages == []


def test_the_timeout_is_a_deadline_for_the_whole_follow() -> None:
    clock = Clock()
    server = Server([("running", "working", 1)])
    seen: list[Any] = []
    follow = _client(server, clock).sessions.follow("devin-abc", timeout=25, poll_interval=10)
    with pytest.raises(WaitTimeoutError) as info:
        seen.extend(follow)
    assert _summary(seen) == ["message Fix the build", "status running/working"]
    assert clock.sleeps == [10, 10, 5]  # the last sleep is cut to the time left
    assert info.value.session.status_detail == "working"
    assert "running/working" in str(info.value)


def test_timeout_zero_polls_exactly_once() -> None:
    server = Server([("running", "working", 1)])
    iterator = _client(server, Clock()).sessions.follow("devin-abc", timeout=0)
    assert _summary([next(iterator), next(iterator)]) == [
        "message Fix the build",
        "status running/working",
    ]
    with pytest.raises(WaitTimeoutError):
        next(iterator)
    assert server.polls == 1


def test_a_server_with_endless_pages_does_not_hold_a_poll_forever() -> None:
    # Every page claims a next one, with a new cursor and the same message: a poll read
    # pages until the deadline (forever with timeout=0, whose calls have none).
    requests = {"messages": 0}

    def endless(request: httpx.Request) -> httpx.Response:
        if request.url.path == SESSION_PATH:
            return httpx.Response(200, json={**V3_SESSION, "status": "running"})
        if request.url.path == "/v3/self":
            return httpx.Response(200, json=SELF)
        requests["messages"] += 1
        if requests["messages"] > 5_000:  # the test's own guard
            return httpx.Response(404, json={"detail": "the client never stopped"})
        body = {
            "items": [PROMPT],
            "end_cursor": _cursor(requests["messages"]),
            "has_next_page": True,
            "total": None,
        }
        return httpx.Response(200, json=body)

    http = httpx.Client(transport=httpx.MockTransport(endless))
    client = DevinV3(V3_KEY, base_url=BASE_URL, http_client=http, sleep=Clock().sleep)
    iterator = client.sessions.follow("devin-abc", timeout=0)
    assert _summary([next(iterator), next(iterator)]) == [
        "message Fix the build",
        "status running/working",
    ]
    with pytest.raises(WaitTimeoutError):
        next(iterator)
    assert requests["messages"] <= 1_000


def test_a_failed_poll_ends_the_follow_with_its_error() -> None:
    server = Server([("running", "working", 1), 404])
    seen: list[Any] = []
    with pytest.raises(NotFoundError):
        seen.extend(_client(server, Clock()).sessions.follow("devin-abc", poll_interval=0))
    assert _summary(seen) == ["message Fix the build", "status running/working"]


def test_a_messages_page_that_fails_ends_the_follow_after_the_pages_before_it() -> None:
    # One message a page; the third page of the first round answers 404: the two messages
    # already read are handed out, then the error (they were read, then dropped with it).
    server = Server([("running", "working", 4)], page=1)

    def failing(request: httpx.Request) -> httpx.Response:
        if request.url.path == MESSAGES_PATH and len(server.pages) == 2:
            server.pages.append("failed")
            return httpx.Response(404, json={"detail": "gone"})
        return server(request)

    http = httpx.Client(transport=httpx.MockTransport(failing))
    client = DevinV3(V3_KEY, base_url=BASE_URL, http_client=http, sleep=Clock().sleep)
    seen: list[Any] = []
    with pytest.raises(NotFoundError):
        seen.extend(client.sessions.follow("devin-abc", poll_interval=0))
    assert _summary(seen) == ["message Fix the build", "message Looking into it."]


def test_the_follow_is_lazy_and_stops_when_the_caller_stops() -> None:
    server = Server()
    iterator = _client(server, Clock()).sessions.follow("devin-abc")
    assert server.polls == 0
    for event in iterator:
        assert _summary([event]) == ["message Fix the build"]
        break
    del iterator
    assert server.polls == 1


def test_on_progress_is_called_after_each_poll() -> None:
    seen: list[str] = []
    client = _client(Server(), Clock())
    for _ in client.sessions.follow("devin-abc", on_progress=lambda s: seen.append(s.status)):
        pass
    assert seen == ["new", "running", "running", "running"]


@pytest.mark.anyio
async def test_async_follow_yields_the_same_events() -> None:
    clock = Clock()
    server = Server(paging="overlap")
    http = httpx.AsyncClient(transport=httpx.MockTransport(server))
    async with AsyncDevinV3(V3_KEY, base_url=BASE_URL, http_client=http, sleep=clock.asleep) as c:
        c._clock = clock
        events = [e async for e in c.sessions.follow("devin-abc", poll_interval=3)]
    assert _summary(events) == EXPECTED
    assert clock.sleeps == [3, 3, 3]


def test_follow_takes_the_keywords_of_v1s_follow() -> None:
    # `devin sessions watch` calls either version's follow with the same keywords.
    with Devin("apk_x") as one, DevinV3("cog_x", org_id="org-x") as three:
        v1 = inspect.signature(one.sessions.follow)
        v3 = inspect.signature(three.sessions.follow)
    assert [p.kind for p in v1.parameters.values()] == [p.kind for p in v3.parameters.values()]
    keywords = [n for n, p in v1.parameters.items() if p.kind is p.KEYWORD_ONLY]
    assert keywords == [n for n, p in v3.parameters.items() if p.kind is p.KEYWORD_ONLY]
    assert keywords == ["timeout", "poll_interval", "until", "on_progress"]
    for name in ("timeout", "poll_interval"):
        assert v1.parameters[name].default == v3.parameters[name].default
