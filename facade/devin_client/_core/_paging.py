"""Pagination as strategy objects, and the one flow that drives any of them.

A strategy knows one paging style: which call asks for the next page (``next_call``, ``None``
when there is none) and what a page adds (``take``: its new items; it decides whether another
page follows). ``paginate`` is the flow: it asks, takes and emits each item, so the sync and
async iterators are the same code (``client._iterate(paginate(client, strategy))``).

- ``OffsetPaging``: ``limit``/``offset`` pages with no total and no next link (the Devin API
  v1's session list);
- ``CursorPaging``: ``first``/``after`` pages that say ``end_cursor`` and ``has_next_page``
  (the Devin API v3's lists).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ._flows import Emit, Flow
from ._logging import logger

if TYPE_CHECKING:
    from ._pipeline import BaseClient, Call

__all__ = ["CursorPaging", "OffsetPaging", "Paging", "paginate"]

P = TypeVar("P")
I = TypeVar("I")  # noqa: E741 (an item)


class Paging(Protocol):
    """What ``paginate`` needs of a strategy."""

    def next_call(self) -> Call[Any] | None:
        """The call of the next page, or ``None`` when the listing is complete."""
        ...

    def take(self, page: Any) -> Iterable[Any]:
        """The items of a page to hand to the caller."""
        ...


def paginate(client: BaseClient, paging: Paging) -> Flow[None]:
    """The flow of a listing: every page the strategy asks for, every item it takes, emitted."""
    while (call := paging.next_call()) is not None:
        page = yield from client._exchange(call)
        for item in paging.take(page):
            yield Emit(item)


class OffsetPaging(Generic[P, I]):
    """``limit``/``offset`` paging for a server that answers only a page of items: no total,
    no next link, and maybe fewer than ``limit`` items per page (a cap of its own). So:

    - a page shorter than the longest page seen so far is the last one (the server's
      effective limit is at least that long); an empty page is always the last;
    - a page as long as the longest one may not be the last, even when it is shorter than
      ``page_size`` (the server caps ``limit``): one more page is asked for. So a listing
      shorter than ``page_size`` costs two requests, the second answering an empty page;
    - an item already taken is not taken again (a page shifted by an item created
      meanwhile), and a page with no new item at all ends the listing: the server ignores
      ``offset`` (it would answer the same page forever). A warning is logged then, as the
      listing may be incomplete;
    - when the pages say whether another follows (``more``: the v3 envelope's
      ``has_next_page`` and ``total``), a page that says none does end the listing.

    Args:
        fetch: The call of the page at ``(offset, limit)``.
        items: A page's items.
        key: An item's identity.
        page_size: Items asked for per page (``limit``).
        what: Named in the warning, e.g. ``"sessions.list"``.
        more: Whether another page follows the page (given the offset after it), for a server
            whose pages say so; ``None``: only the pages' lengths tell.
    """

    __slots__ = (
        "_fetch",
        "_items",
        "_key",
        "_more",
        "_what",
        "done",
        "longest",
        "offset",
        "page_size",
        "seen",
    )

    def __init__(
        self,
        fetch: Callable[[int, int], Call[P]],
        items: Callable[[P], Sequence[I]],
        key: Callable[[I], Hashable],
        page_size: int,
        what: str,
        *,
        more: Callable[[P, int], bool] | None = None,
    ) -> None:
        self._fetch = fetch
        self._items = items
        self._key = key
        self._more = more
        self._what = what
        self.page_size = page_size
        self.offset = 0
        self.longest = 0
        self.seen: set[Hashable] = set()
        self.done = False

    def next_call(self) -> Call[P] | None:
        """The call of the next page, or ``None`` when the listing is complete."""
        return None if self.done else self._fetch(self.offset, self.page_size)

    def take(self, page: P) -> list[I]:
        """The page's new items; sets ``done`` when no page follows."""
        items = self._items(page)
        count = len(items)
        key = self._key
        fresh = []
        for item in items:
            identity = key(item)
            if identity not in self.seen:
                self.seen.add(identity)
                fresh.append(item)
        if count and not fresh:
            logger.warning(
                "%s: the page at offset %d repeats items already listed (the server seems "
                "to ignore offset); stopping after %d items",
                self._what,
                self.offset,
                len(self.seen),
            )
        # A short first page may be a cap: only a shorter page than one already seen, or an
        # empty one, proves the end.
        if not fresh or count < self.longest:
            self.done = True
        self.longest = max(self.longest, count)
        self.offset += count
        if self._more is not None and not self._more(page, self.offset):
            self.done = True
        return fresh


class CursorPaging(Generic[P, I]):
    """``first``/``after`` cursor paging: each page says ``end_cursor`` (where the next page
    starts) and ``has_next_page``, as the generated ``PaginatedResponse`` models hold them.

    The listing ends on a page without a next page or without a cursor. It also ends, with a
    warning logged as it may be incomplete, when the server goes round in circles: a cursor
    already followed (the same cursor forever, or a cycle of them), or a page with no new item
    (empty, or only items already listed, under a fresh cursor each time: a server ignoring
    ``after``). An item already taken is not taken again.

    Args:
        fetch: The call of the page after cursor ``after`` (``None``: the first page), of at
            most ``first`` items.
        page_size: Items asked for per page (``first``).
        what: Named in the warning, e.g. ``"sessions.list"``.
        key: An item's identity (``session_id``, ``event_id``, ...).
    """

    __slots__ = ("_fetch", "_key", "_what", "after", "done", "page_size", "pages", "seen", "taken")

    def __init__(
        self,
        fetch: Callable[[str | None, int], Call[P]],
        page_size: int,
        what: str,
        *,
        key: Callable[[I], Hashable],
    ) -> None:
        self._fetch = fetch
        self._key = key
        self._what = what
        self.page_size = page_size
        self.after: str | None = None
        self.seen: set[str] = set()
        self.taken: set[Hashable] = set()
        self.pages = 0
        self.done = False

    def next_call(self) -> Call[P] | None:
        """The call of the next page, or ``None`` when the listing is complete."""
        return None if self.done else self._fetch(self.after, self.page_size)

    def take(self, page: Any) -> list[I]:
        """The page's new items; sets ``done`` when no page follows."""
        self.pages += 1
        fresh: list[I] = []
        for item in page.items:
            identity = self._key(item)
            if identity not in self.taken:
                self.taken.add(identity)
                fresh.append(item)
        cursor = page.end_cursor
        if page.has_next_page is not True or not isinstance(cursor, str) or not cursor:
            self.done = True
        elif cursor in self.seen or not fresh:
            logger.warning(
                "%s: %s; stopping after %d pages",
                self._what,
                "the server answered a cursor it had answered before"
                if cursor in self.seen
                else "the server says more pages follow, but this one lists no new item",
                self.pages,
            )
            self.done = True
        else:
            self.seen.add(cursor)
            self.after = cursor
        return fresh
