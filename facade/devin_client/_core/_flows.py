"""Flows: every decision above one request, written once for the sync and the async client.

A flow is a generator that yields *actions* and receives their results, as httpx's
``Auth.auth_flow`` does for a request and ``BaseClient._exchange`` does for one API call. It
does no I/O itself; the two drivers (``SyncClient._drive`` with blocking calls,
``AsyncClient._drive`` with awaits) perform the actions. The actions:

==========================  ============================================  ===================
yielded                     the driver                                    sends back
==========================  ============================================  ===================
``(request, budget)``,      what ``_pipeline`` says (``_exchange``'s own  the response
a ``float``, a response      actions: send, sleep, read an error body)
``Callback(fn, arg)``       calls ``fn(arg)``; awaits the result when it  the result
                            is awaitable (async driver)
``Stream(response, sink)``  reads the streamed body in bounded, decoded   ``None``
                            pieces within the attempt's deadline, calls
                            ``sink(piece)`` for each, closes the response
``Close(response)``         closes a streamed response unread             ``None``
``Emit(item)``              hands ``item`` to the caller (iterators)      ``None``
==========================  ============================================  ===================

Sending an API call is ``value = yield from client._exchange(call)``: the exchange's actions
pass through. An exception raised while performing an action is thrown into the flow at its
``yield`` (so a flow cleans up with ``try``/``except``); any other way the driver stops (a
``KeyboardInterrupt``, a cancellation) closes the flow, and the driver closes every streamed
response the flow was given and did not close.

A flow that emits is run with ``client._iterate(flow)`` (an iterator, or an async iterator);
any other with ``client._run(flow)``, which returns the flow's return value.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any, TypeVar

import httpx

from . import _constants as C
from ._body import too_large
from ._pipeline import body_failure

__all__ = ["Callback", "Close", "Emit", "Flow", "MemorySink", "Stream"]

T = TypeVar("T")

Flow = Generator[Any, Any, T]
"""A flow returning ``T`` (see the module docstring)."""


class Callback:
    """Call the user's ``fn(arg)`` (awaited when it returns an awaitable)."""

    __slots__ = ("arg", "fn")

    def __init__(self, fn: Callable[[Any], Any], arg: Any) -> None:
        self.fn = fn
        self.arg = arg


class Stream:
    """Read a streamed response's body into ``sink``, piece by piece, then close it."""

    __slots__ = ("response", "sink")

    def __init__(self, response: httpx.Response, sink: Callable[[bytes], Any]) -> None:
        self.response = response
        self.sink = sink


class Close:
    """Close a streamed response without reading its body (a redirect)."""

    __slots__ = ("response",)

    def __init__(self, response: httpx.Response) -> None:
        self.response = response


class Emit:
    """Hand ``item`` to the caller of an iterating flow."""

    __slots__ = ("item",)

    def __init__(self, item: Any) -> None:
        self.item = item


class MemorySink:
    """A ``Stream`` sink keeping the body in memory, at most ``MAX_RESPONSE_BYTES``; a larger
    body is a ``ResponseValidationError`` (stream it to a file instead)."""

    __slots__ = ("_limit", "_pieces", "_response", "_size")

    def __init__(self, response: httpx.Response) -> None:
        self._response = response
        self._limit = C.MAX_RESPONSE_BYTES
        self._pieces: list[bytes] = []
        self._size = 0

    def __call__(self, piece: bytes) -> None:
        self._size += len(piece)
        if self._size > self._limit:
            self._pieces.clear()
            raise body_failure(too_large(self._response, self._limit), self._response)
        self._pieces.append(piece)

    def content(self) -> bytes:
        """The whole body."""
        return b"".join(self._pieces)
