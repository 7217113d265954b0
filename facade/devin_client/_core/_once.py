"""A value a client learns once, by a flow, and shares with its ``with_options`` copies.

The Devin API v3 client learns its organisation this way (``GET /v3/self``) when none was
given. ``learn`` is a flow step: the first call that needs the value fetches it; calls that
need it while that fetch is under way (other tasks of an ``AsyncDevin``, other threads of a
``Devin``) wait for it instead of sending their own. A fetch that fails is not remembered: the
waiting calls then try in turn (and most likely fail the same way, each with its own error).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ._flows import Callback, Flow

if TYPE_CHECKING:
    from ._pipeline import BaseClient

__all__ = ["Event", "Once", "learn"]

T = TypeVar("T")


class Event(Protocol):
    """``threading.Event`` for the sync client, ``anyio.Event`` for the async one."""

    def set(self) -> None: ...
    def wait(self) -> Any: ...


class Once(Generic[T]):
    """The value (``None`` until learned) and the fetch under way, if any.

    Args:
        value: The value when it is known from the start (given by the caller).
    """

    __slots__ = ("_lock", "_pending", "value")

    def __init__(self, value: T | None = None) -> None:
        self.value = value
        self._pending: Event | None = None
        self._lock = threading.Lock()  # held only to claim the fetch, never across a yield


def _wait(event: Event) -> Any:
    return event.wait()  # blocks (sync), or an awaitable the async driver awaits


def learn(client: BaseClient, once: Once[T], fetch: Callable[[], Flow[T]]) -> Flow[T]:
    """The value of ``once``: known, fetched now with ``fetch()``, or waited for while another
    call fetches it."""
    while True:
        value = once.value
        if value is not None:
            return value
        with once._lock:
            pending = once._pending
            mine = pending is None
            if pending is None:
                pending = once._pending = client._event()
        if not mine:
            yield Callback(_wait, pending)
            continue
        try:
            once.value = yield from fetch()
        finally:  # also when the fetch failed or was cancelled: the waiters try in turn
            with once._lock:
                once._pending = None
            pending.set()
