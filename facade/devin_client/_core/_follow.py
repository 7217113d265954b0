"""Following a session: its new messages and status changes as they happen, written once.

``follow`` is ``wait``'s polling (``_wait.poll_until``: the same ``until=``, deadline and
poll-interval rules) with a step after each poll that emits events: each message not handed
out before, in order, then a ``StatusEvent`` when the status differs from the last one seen
(the first poll always gives one). The iterator ends once the session settles; the last
``StatusEvent`` carries the settled session.

Where messages come from is a strategy, a *message source*:

- ``SessionMessages``: the polled session holds the whole list (the Devin API v1's
  ``GET /v1/sessions/{id}``); messages already handed out are recognised by ``event_id`` (by
  content when a message has none: not by position, which shifts when a server drops or
  inserts one).
- ``CursorMessages``: a messages endpoint read with ``first``/``after`` cursors (the Devin API
  v3's ``GET .../sessions/{devin_id}/messages``), from the last cursor it answered; each page's
  call gets the wait's deadline.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ._constants import FOLLOW_MAX_PAGES
from ._flows import Emit, Flow
from ._wait import WaitBudget, poll_until

if TYPE_CHECKING:
    from ._pipeline import BaseClient, Call

__all__ = [
    "CursorMessages",
    "MessageEvent",
    "MessageSource",
    "SessionMessages",
    "StatusEvent",
    "follow",
]

M = TypeVar("M")
S = TypeVar("S")
P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class MessageEvent(Generic[M]):
    """A message of the session, handed out once, in the session's order.

    Attributes:
        session_id: The session followed.
        message: The API's message model (v1: ``devin_api.models.SessionMessage``, with
            ``type``, ``message``, ``timestamp``, ``event_id``, ...).
    """

    session_id: str
    message: M


@dataclass(frozen=True, slots=True)
class StatusEvent(Generic[S]):
    """The session's status changed (the first poll always gives one).

    Attributes:
        session_id: The session followed.
        status: The new status, as ``until=`` names them (v1: ``status_enum``, else
            ``status``).
        session: The session as that poll answered it (the last event's is the settled
            session: its ``structured_output``, ``pull_request``, ...).
        detail: The API's finer status, when it has one (v3's ``status_detail``); ``None``
            for v1.
    """

    session_id: str
    status: str
    session: S
    detail: str | None = None


class MessageSource(Protocol):
    """Where ``follow`` gets the messages a poll has not handed out yet."""

    def new_messages(
        self, session: Any, budget: WaitBudget, hand_out: Callable[[Any], Emit]
    ) -> Flow[None]:
        """Hand out the session's messages not handed out before, in order: ``yield
        hand_out(message)`` for each, as soon as it is read (a flow: it may send calls, through
        ``budget.exchange``; a page that fails must not take the pages before it along)."""
        ...


class SessionMessages(Generic[S, M]):
    """Messages read from the polled session itself, which holds the whole list.

    A message without an id is recognised by its content and how many messages of the same
    content come before it in the list: one the server drops, inserts or moves does not make
    another be lost or handed out twice (an id-less message whose content is edited is a new
    message: nothing else tells it is the same).

    Args:
        messages_of: The session's messages, in order.
        event_id_of: A message's id (``None`` or ``""``: recognised by content instead).
        content_of: What a message says, for one without an id (``repr`` by default).
    """

    __slots__ = ("_content_of", "_event_id_of", "_messages_of", "seen")

    def __init__(
        self,
        messages_of: Callable[[S], Sequence[M]],
        event_id_of: Callable[[M], str | None],
        content_of: Callable[[M], Hashable] = repr,
    ) -> None:
        self._messages_of = messages_of
        self._event_id_of = event_id_of
        self._content_of = content_of
        self.seen: set[Hashable] = set()

    def new_messages(
        self, session: S, budget: WaitBudget, hand_out: Callable[[M], Emit]
    ) -> Flow[None]:
        """Hand out the messages of ``session`` not handed out before (no call is made)."""
        for message in self.take(self._messages_of(session)):
            yield hand_out(message)

    def take(self, messages: Sequence[M]) -> list[M]:
        """The messages not handed out before, marked as handed out."""
        fresh = []
        occurrences: dict[Hashable, int] = {}
        for message in messages:
            event_id = self._event_id_of(message)
            key: Hashable = event_id
            if not event_id:
                content = self._content_of(message)
                occurrences[content] = occurrences.get(content, 0) + 1
                key = ("content", content, occurrences[content])
            if key not in self.seen:
                self.seen.add(key)
                fresh.append(message)
        return fresh


class CursorMessages(Generic[P, M]):
    """Messages read from a cursor-paged endpoint, after each poll.

    Each round reads pages from the last cursor the endpoint answered (from the start until it
    answers one) until a page says there is no next page (or answers a cursor already read
    this round, or ``FOLLOW_MAX_PAGES`` pages were read), and hands out the messages whose id
    it has not handed out before (a server that answers no cursor on its last page, as the
    mock does, makes the next round read that page again: nothing is handed out twice).

    Args:
        page: The call of the page after cursor ``after`` (``None``: the first page), given
            the wait's deadline (``None``: the client's own timeout).
        items_of: A page's messages, in order.
        end_cursor_of: A page's ``end_cursor`` (``None`` when it has none).
        has_next_of: A page's ``has_next_page``.
        event_id_of: A message's id.
    """

    __slots__ = (
        "_end_cursor_of",
        "_event_id_of",
        "_has_next_of",
        "_items_of",
        "_page",
        "after",
        "seen",
    )

    def __init__(
        self,
        page: Callable[[str | None, float | None], Call[P]],
        *,
        items_of: Callable[[P], Sequence[M]],
        end_cursor_of: Callable[[P], str | None],
        has_next_of: Callable[[P], bool],
        event_id_of: Callable[[M], str],
    ) -> None:
        self._page = page
        self._items_of = items_of
        self._end_cursor_of = end_cursor_of
        self._has_next_of = has_next_of
        self._event_id_of = event_id_of
        self.after: str | None = None
        self.seen: set[str] = set()

    def new_messages(
        self, session: Any, budget: WaitBudget, hand_out: Callable[[M], Emit]
    ) -> Flow[None]:
        """Hand out the messages not handed out before, reading every page from the last
        cursor; each page's are handed out before the next page is read (a page that fails
        then ends the follow after them, not instead of them)."""
        cursors: set[str | None] = {self.after}
        for _ in range(FOLLOW_MAX_PAGES):  # then the next poll reads on from self.after
            page = yield from budget.exchange(self._page(self.after, budget.call_deadline))
            for message in self._items_of(page):
                event_id = self._event_id_of(message)
                if event_id not in self.seen:
                    self.seen.add(event_id)
                    yield hand_out(message)
            cursor = self._end_cursor_of(page)
            if not isinstance(cursor, str) or not cursor:
                return  # the last page: read again from self.after next round
            if cursor in cursors:  # no progress (or a server looping): next round goes on
                return
            cursors.add(cursor)
            self.after = cursor
            if not self._has_next_of(page):
                return


def follow(
    client: BaseClient,
    session_id: str,
    poll: Callable[[float | None], Call[S]],
    done: Callable[[S], bool],
    *,
    timeout: float,
    poll_interval: float,
    on_progress: Callable[[S], Any] | None,
    status_of: Callable[[S], str],
    detail_of: Callable[[S], str | None] | None = None,
    source: MessageSource,
) -> Flow[None]:
    """The flow of ``sessions.follow``: ``poll_until`` emitting ``MessageEvent`` and
    ``StatusEvent`` items (run it with ``client._iterate``).

    Args:
        client: The client whose clock and pipeline are used.
        session_id: The session followed (checked by the caller).
        poll: The call of one poll, given its deadline.
        done: Whether a session has settled (``settled_check``'s predicate).
        timeout: Seconds for the whole follow (the same deadline as ``wait``'s).
        poll_interval: Seconds between polls.
        on_progress: Called with the session after every poll's events.
        status_of: A session's status (``StatusEvent.status``).
        detail_of: A session's finer status (``StatusEvent.detail``: v3's ``status_detail``),
            or ``None`` for an API without one. A change of either is a status change.
        source: Where the messages come from.

    Raises:
        WaitTimeoutError: The session did not settle within ``timeout`` (raised by the
            iterator, after the events seen so far).
    """
    last: list[tuple[str, str | None]] = []

    def state_of(session: S) -> tuple[str, str | None]:
        return status_of(session), None if detail_of is None else detail_of(session)

    def label(session: S) -> str:  # for WaitTimeoutError: "running/waiting_for_user"
        status, detail = state_of(session)
        return status if detail is None else f"{status}/{detail}"

    def hand_out(message: Any) -> Emit:
        return Emit(MessageEvent(session_id, message))

    def each_poll(session: S, budget: WaitBudget) -> Flow[None]:
        yield from source.new_messages(session, budget, hand_out)
        state = state_of(session)
        if not last or last[0] != state:
            last[:] = [state]
            yield Emit(StatusEvent(session_id, state[0], session, state[1]))

    yield from poll_until(
        client,
        session_id,
        poll,
        done,
        timeout=timeout,
        poll_interval=poll_interval,
        on_progress=on_progress,
        status_of=label,
        each_poll=each_poll,
    )
