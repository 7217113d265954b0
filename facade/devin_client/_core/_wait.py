"""Waiting for a session to settle: the checks of ``wait``'s arguments and the polling flow.

Any API whose sessions are read with one GET can use it: the API gives the call for one poll,
what "settled" means, and how to read a session's status.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any, TypeVar

from ._exceptions import DevinError, DevinValidationError, WaitTimeoutError
from ._flows import Callback, Flow

if TYPE_CHECKING:
    from ._pipeline import BaseClient, Call

__all__ = ["EachPoll", "WaitBudget", "poll_until", "settled_check"]

S = TypeVar("S")
T = TypeVar("T")


def settled_check(
    timeout: Any,
    poll_interval: Any,
    until: Any,
    *,
    known: Callable[[], frozenset[str]],
    status_of: Callable[[Any], str],
    labels_of: Callable[[Any], Collection[str]] | None = None,
) -> Callable[[Any], bool]:
    """Check ``wait``'s arguments before the first poll; the predicate of a settled session.

    Args:
        timeout: Seconds for the whole wait (a finite number >= 0).
        poll_interval: Seconds between polls (a finite number >= 0).
        until: The statuses that end the wait, or a function of the session.
        known: The statuses the spec knows (read only when ``until`` names statuses).
        status_of: A session's status, as ``until`` names them.
        labels_of: For an API whose sessions say their state in more than one field (v3:
            ``status`` and ``status_detail``): all of a session's labels; ``until`` then
            matches a session having any of them. ``status_of`` is not used then.

    Raises:
        DevinValidationError: A bad argument; an unknown status in ``until`` names the known
            ones (a typo would never match: the wait would poll until its timeout).
    """
    for name, value in (("timeout", timeout), ("poll_interval", poll_interval)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DevinValidationError(name, "must be a number of seconds")
        if not math.isfinite(value) or value < 0:
            raise DevinValidationError(name, "must be a finite number of seconds >= 0")
    if callable(until):
        predicate: Callable[[Any], bool] = until
        return predicate
    if isinstance(until, str) or not isinstance(until, Collection):
        raise DevinValidationError(
            "until", "must be a collection of statuses or a function of the session"
        )
    if not all(isinstance(s, str) for s in until):
        raise DevinValidationError("until", "must hold statuses (strings)")
    statuses = frozenset(until)
    names = known()
    listed = ", ".join(sorted(names))
    if not statuses:
        raise DevinValidationError("until", f"names no status; the known ones are {listed}")
    unknown = sorted(repr(s) for s in statuses if s not in names)
    if unknown:
        raise DevinValidationError(
            "until", f"unknown status {', '.join(unknown)}; the known ones are {listed}"
        )
    if labels_of is not None:
        return lambda session: not statuses.isdisjoint(labels_of(session))
    return lambda session: status_of(session) in statuses


class WaitBudget:
    """The deadline of a whole wait, shared by every call the wait makes (its polls, and the
    calls a follow makes between them, such as reading the messages of v3's cursor).

    Args:
        client: The client whose clock and pipeline are used.
        session_id: For the error when no poll answered.
        timeout: Seconds for the whole wait; ``0`` gives each call the client's own timeout.
        status_of: A session's status, for the error's message.

    Attributes:
        last: The last session a poll answered (``None`` before the first).
    """

    __slots__ = ("_client", "_session_id", "_status_of", "deadline", "last", "timeout")

    def __init__(
        self, client: BaseClient, session_id: str, timeout: float, status_of: Callable[[Any], str]
    ) -> None:
        self._client = client
        self._session_id = session_id
        self._status_of = status_of
        self.timeout = timeout
        self.deadline = client._clock() + timeout
        self.last: Any = None

    @property
    def call_deadline(self) -> float | None:
        """The deadline to build a call with (``None``: the client's own timeout)."""
        return None if self.timeout == 0 else self.deadline

    def left(self) -> float:
        """Seconds left (<= 0 once the deadline has passed)."""
        return self.deadline - self._client._clock()

    def expired(self) -> WaitTimeoutError:
        """The error of a wait that ran out of time, carrying the last session seen."""
        last = self.last
        if last is None:
            return WaitTimeoutError(None, self.timeout, session_id=self._session_id)
        return WaitTimeoutError(last, self.timeout, status=self._status_of(last))

    def exchange(self, call: Call[T]) -> Flow[T]:
        """Send a call built with ``call_deadline``; a call the deadline ended raises
        ``WaitTimeoutError`` (the API's own errors pass through)."""
        try:
            return (yield from self._client._exchange(call))
        except DevinError as exc:
            if call.expired:  # the deadline, not the API, ended the call
                raise self.expired() from exc
            raise


EachPoll = Callable[[S, WaitBudget], Flow[None]]
"""A flow run after each poll with the session it answered (``follow`` emits from it)."""


def poll_until(
    client: BaseClient,
    session_id: str,
    poll: Callable[[float | None], Call[S]],
    done: Callable[[S], bool],
    *,
    timeout: float,
    poll_interval: float,
    on_progress: Callable[[S], Any] | None,
    status_of: Callable[[S], str],
    each_poll: EachPoll[S] | None = None,
) -> Flow[S]:
    """The flow of ``wait``: poll until ``done(session)``, within a deadline for the whole wait.

    ``timeout`` is a deadline on the client's clock: each poll's request (retries and their
    backoff included) gets only the time left, and the wait raises ``WaitTimeoutError`` when
    it runs out, carrying the last session seen (``None`` when no poll answered in time).
    ``timeout=0`` polls exactly once, with the client's own timeout. ``on_progress`` is called
    with the session after every poll.

    Args:
        client: The client whose clock and pipeline are used.
        session_id: For the error when no poll answered.
        poll: The call of one poll, given its deadline (``None``: the client's timeout).
        done: Whether a session has settled.
        timeout: Seconds for the whole wait.
        poll_interval: Seconds between polls.
        on_progress: Called after every poll.
        status_of: A session's status, for the error's message.
        each_poll: A flow run after every poll (before ``on_progress``), given the session
            and the wait's budget (its calls go through ``budget.exchange``).

    Returns:
        The settled session.
    """
    budget = WaitBudget(client, session_id, timeout, status_of)
    while True:
        session = yield from budget.exchange(poll(budget.call_deadline))
        budget.last = session
        if each_poll is not None:
            yield from each_poll(session, budget)
        if on_progress is not None:
            yield Callback(on_progress, session)
        if done(session):
            return session
        remaining = budget.left()
        if remaining <= 0:
            raise budget.expired()
        yield float(min(poll_interval, remaining))
