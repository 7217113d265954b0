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

__all__ = ["poll_until", "settled_check"]

S = TypeVar("S")


def settled_check(
    timeout: Any,
    poll_interval: Any,
    until: Any,
    *,
    known: Callable[[], frozenset[str]],
    status_of: Callable[[Any], str],
) -> Callable[[Any], bool]:
    """Check ``wait``'s arguments before the first poll; the predicate of a settled session.

    Args:
        timeout: Seconds for the whole wait (a finite number >= 0).
        poll_interval: Seconds between polls (a finite number >= 0).
        until: The statuses that end the wait, or a function of the session.
        known: The statuses the spec knows (read only when ``until`` names statuses).
        status_of: A session's status, as ``until`` names them.

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
    return lambda session: status_of(session) in statuses


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

    Returns:
        The settled session.
    """
    deadline = client._clock() + timeout
    polled: S | None = None
    while True:
        call = poll(None if timeout == 0 else deadline)
        try:
            session = yield from client._exchange(call)
        except DevinError as exc:
            if call.expired:  # the deadline, not the API, ended the poll
                status = None if polled is None else status_of(polled)
                raise WaitTimeoutError(
                    polled, timeout, session_id=session_id, status=status
                ) from exc
            raise
        if on_progress is not None:
            yield Callback(on_progress, session)
        polled = session
        if done(session):
            return session
        remaining = deadline - client._clock()
        if remaining <= 0:
            raise WaitTimeoutError(session, timeout, status=status_of(session))
        yield float(min(poll_interval, remaining))
