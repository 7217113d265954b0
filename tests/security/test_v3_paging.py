"""v3 listings end, whatever the server's pages say (issue 9's bounded-resources class, on v3).

Each v3 listing is run through a server that goes round in circles: the bundled mock's real
pages, tampered with on the way back. A server that ignores ``after`` but hands out a fresh
``end_cursor`` every time, or that answers empty pages saying more follow, or (schedules,
``limit``/``offset``) one that ignores ``offset``: the listing gives each item once and ends
with a warning, in a few requests, instead of asking forever.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from devin_client.v3 import AsyncDevin, Devin

MAX_REQUESTS = 40  # a listing still asking past this never ends: the test fails, not hangs

# listing -> (call(client, session_id), each item's identity)
LISTINGS: dict[str, tuple[Callable[[Any, str], Any], str]] = {
    "sessions.list": (lambda c, s: c.sessions.list(page_size=2), "session_id"),
    "sessions.messages.list": (lambda c, s: c.sessions.messages.list(s), "event_id"),
    "sessions.insights.list": (lambda c, s: c.sessions.insights.list(), "session_id"),
    "secrets.list": (lambda c, s: c.secrets.list(), "secret_id"),
    "knowledge.notes.list": (lambda c, s: c.knowledge.notes.list(), "note_id"),
    "playbooks.list": (lambda c, s: c.playbooks.list(), "playbook_id"),
    "schedules.list": (lambda c, s: c.schedules.list(), "scheduled_session_id"),
}


class Circling:
    """Forwards to the mock; rewrites every list page to say that another page follows.

    ``mode``: ``"fresh"`` drops ``after``/``offset`` (the first page again) and answers a new
    cursor each time; ``"empty"`` answers no items and a new cursor each time."""

    def __init__(self, base_url: str, mode: str) -> None:
        self.upstream = httpx.Client(base_url=base_url)
        self.mode = mode
        self.lists = 0
        self.counter = itertools.count()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        params = {k: v for k, v in request.url.params.multi_items() if k not in ("after", "offset")}
        answer = self.upstream.request(
            request.method,
            request.url.path,
            params=params,
            headers={"authorization": request.headers["authorization"]},
            content=request.content,
        )
        body = answer.json() if answer.content else None
        if request.method != "GET" or not isinstance(body, dict) or "items" not in body:
            return httpx.Response(
                answer.status_code,
                content=answer.content,
                headers={"content-type": answer.headers["content-type"]},
            )
        self.lists += 1
        if self.lists > MAX_REQUESTS:
            return httpx.Response(400, json={"title": "too many pages", "status": 400})
        if self.mode == "empty" and self.lists > 1:
            body["items"] = []
        body.update(end_cursor=f"cursor-{next(self.counter)}", has_next_page=True, total=None)
        return httpx.Response(200, json=body)


@pytest.fixture
def session_id(devin_mock: Any) -> str:
    """The mock's organisation with two of everything a v3 listing lists."""
    with Devin(devin_mock.cog_api_key, base_url=devin_mock.base_url) as client:
        first = client.sessions.create("One")
        client.sessions.create("Two")
        client.sessions.create("Three")
        client.sessions.messages.send(first.session_id, "More")
        for n in range(2):
            client.secrets.create(f"KEY_{n}", "value")
            client.knowledge.notes.create(name=f"n{n}", body="b", trigger="t")
            client.playbooks.create(title=f"p{n}", body="b")
            client.schedules.create(f"s{n}", "p", frequency="0 2 * * *")
        return first.session_id


def _sync(devin_mock: Any, mode: str, listing: str, session_id: str) -> tuple[list[Any], int]:
    server = Circling(devin_mock.base_url, mode)
    http = httpx.Client(transport=httpx.MockTransport(server))
    call, key = LISTINGS[listing]
    with (
        server.upstream,
        http,
        Devin(devin_mock.cog_api_key, base_url=devin_mock.base_url, http_client=http) as client,
    ):
        ids = [getattr(item, key) for item in call(client, session_id)]
    return ids, server.lists


@pytest.mark.parametrize("mode", ["fresh", "empty"])
@pytest.mark.parametrize("listing", sorted(LISTINGS))
def test_a_listing_ends_when_the_server_goes_round_in_circles(
    listing: str,
    mode: str,
    devin_mock: Any,
    session_id: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="devin_client"):
        ids, requests = _sync(devin_mock, mode, listing, session_id)
    assert requests <= 3  # the first page, then one that shows no progress
    assert ids
    assert len(ids) == len(set(ids))
    if (listing, mode) != ("schedules.list", "empty"):  # an empty offset page is just the end
        assert listing in caplog.text  # a warning says the listing may be incomplete


def test_async_a_listing_ends_when_the_server_answers_fresh_cursors(
    devin_mock: Any, session_id: str
) -> None:
    server = Circling(devin_mock.base_url, "fresh")

    async def main() -> list[str]:
        async def forward(request: httpx.Request) -> httpx.Response:
            await request.aread()
            return await asyncio.to_thread(server, request)

        http = httpx.AsyncClient(transport=httpx.MockTransport(forward))
        async with (
            http,
            AsyncDevin(
                devin_mock.cog_api_key, base_url=devin_mock.base_url, http_client=http
            ) as client,
        ):
            return [s.session_id async for s in client.sessions.list(page_size=2)]

    with server.upstream:
        ids = asyncio.run(main())
    assert len(ids) == 2
    assert len(set(ids)) == 2
    assert server.lists == 2


def test_an_honest_server_still_lists_everything(devin_mock: Any, session_id: str) -> None:
    with Devin(devin_mock.cog_api_key, base_url=devin_mock.base_url) as client:
        assert len(list(client.sessions.list(page_size=1))) == 3
        assert len(list(client.schedules.list(page_size=1))) == 2
        assert len(list(client.secrets.list(page_size=1))) == 2
