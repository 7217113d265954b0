"""The pagination strategies, through the real drivers: ``CursorPaging`` (first/after, as the
Devin API v3 pages) and ``OffsetPaging`` (limit/offset), both driven by ``paginate``.

A small cursor API is served by ``httpx.MockTransport``: ``GET /items?first=N&after=C``
answers ``{"items", "end_cursor", "has_next_page"}``.
"""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from devin_client import AsyncDevin, Devin
from devin_client._core._paging import CursorPaging, OffsetPaging, paginate
from devin_client._core._pipeline import Call
from devin_client._core._spec import Check

from .conftest import API_KEY, BASE_URL

ITEMS = [f"item-{n}" for n in range(7)]


def _page(response: httpx.Response, check: Check) -> Any:
    return SimpleNamespace(**response.json())


class CursorApi:
    """Pages of ``ITEMS``; the cursor is the index of the next item as text."""

    def __init__(self, *, stuck_at: str | None = None, more_without_cursor: bool = False) -> None:
        self.requests: list[httpx.Request] = []
        self.stuck_at = stuck_at  # answer this cursor again and again from there
        self.more_without_cursor = more_without_cursor

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if len(self.requests) > 50:  # a listing that never ends: fail, do not hang
            return httpx.Response(400, json={"detail": "too many pages"})
        first = int(request.url.params["first"])
        after = request.url.params.get("after")
        start = int(after) if after else 0
        items = ITEMS[start : start + first]
        end = start + len(items)
        more = end < len(ITEMS)
        cursor: str | None = str(end) if more else None
        if self.stuck_at is not None and after == self.stuck_at:
            cursor, more = self.stuck_at, True
        if self.more_without_cursor:
            cursor, more = None, True
        return httpx.Response(
            200, json={"items": items, "end_cursor": cursor, "has_next_page": more}
        )


def _cursor_paging(page_size: int) -> CursorPaging[Any, str]:
    def fetch(after: str | None, first: int) -> Call[Any]:
        params: dict[str, Any] = {"first": first}
        if after is not None:
            params["after"] = after
        return Call(None, {"method": "GET", "url": "/items", "params": params}, parse=_page)

    return CursorPaging(fetch, page_size, "items.list", key=lambda item: item)


def _sync_list(api: Any, paging: Any) -> list[Any]:
    http = httpx.Client(transport=httpx.MockTransport(api))
    with Devin(API_KEY, base_url=BASE_URL, http_client=http) as client:
        return list(client._iterate(paginate(client, paging)))


def test_cursor_paging_lists_every_item_in_order_following_the_cursors() -> None:
    api = CursorApi()
    assert _sync_list(api, _cursor_paging(3)) == ITEMS
    params = [dict(r.url.params) for r in api.requests]
    assert params == [{"first": "3"}, {"first": "3", "after": "3"}, {"first": "3", "after": "6"}]


def test_cursor_paging_stops_on_the_page_without_a_next_page() -> None:
    api = CursorApi()
    assert _sync_list(api, _cursor_paging(7)) == ITEMS
    assert len(api.requests) == 1


def test_cursor_paging_stops_when_a_page_has_no_cursor_to_follow() -> None:
    api = CursorApi(more_without_cursor=True)
    assert _sync_list(api, _cursor_paging(2)) == ITEMS[:2]
    assert len(api.requests) == 1


def test_cursor_paging_stops_on_a_repeated_cursor(caplog: pytest.LogCaptureFixture) -> None:
    api = CursorApi(stuck_at="4")
    with caplog.at_level(logging.WARNING, logger="devin_client"):
        items = _sync_list(api, _cursor_paging(2))
    assert items == ITEMS[:6]  # 0-1, 2-3, 4-5 (answering cursor 4 again), then the end
    assert len(api.requests) == 3
    assert "items.list: the server answered a cursor it had answered before" in caplog.text


def test_cursor_paging_is_lazy_and_stops_when_the_caller_does() -> None:
    api = CursorApi()
    http = httpx.Client(transport=httpx.MockTransport(api))
    with Devin(API_KEY, base_url=BASE_URL, http_client=http) as client:
        pages = client._iterate(paginate(client, _cursor_paging(2)))
        assert api.requests == []
        assert [next(pages), next(pages), next(pages)] == ITEMS[:3]
        pages.close()
    assert len(api.requests) == 2


def test_async_cursor_paging_lists_every_item_in_order() -> None:
    api = CursorApi()

    async def main() -> list[Any]:
        http = httpx.AsyncClient(transport=httpx.MockTransport(api))
        async with AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http) as client:
            return [item async for item in client._iterate(paginate(client, _cursor_paging(3)))]

    assert asyncio.run(main()) == ITEMS
    assert len(api.requests) == 3


class OffsetApi:
    """``GET /items?limit&offset`` over ``ITEMS``, capping ``limit`` at ``cap``."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        limit = min(int(request.url.params["limit"]), self.cap)
        offset = int(request.url.params["offset"])
        return httpx.Response(200, json={"items": ITEMS[offset : offset + limit]})


def _offset_paging(page_size: int) -> OffsetPaging[Any, str]:
    def fetch(offset: int, limit: int) -> Call[Any]:
        params = {"limit": limit, "offset": offset}
        return Call(None, {"method": "GET", "url": "/items", "params": params}, parse=_page)

    return OffsetPaging(fetch, lambda page: page.items, lambda item: item, page_size, "items")


def test_offset_paging_does_not_stop_at_a_page_the_server_capped() -> None:
    api = OffsetApi(cap=3)
    assert _sync_list(api, _offset_paging(100)) == ITEMS
    # 3 + 3 + 1: the short last page ends it (a page of 3 could have been a cap).
    assert [r.url.params["offset"] for r in api.requests] == ["0", "3", "6"]
