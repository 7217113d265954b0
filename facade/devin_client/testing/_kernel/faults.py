"""Fault injection: a switchable policy, and one small :class:`Modifier` per kind of fault.

Before answering a request for a spec operation, the kernel asks the policy for a fault; the
fault's modifier then wraps the real answer: it replaces it (429, 5xx, an HTML page), delays it,
cuts it, or drops the connection. A modifier gets the rest of the pipeline as ``call_next``, so
modifiers compose like middleware, and adding a kind of fault is one class here (and its name in
:data:`FaultKind`). The policy is thread-safe, so a test can switch faults while a server thread
serves requests. Faults never touch the admin API nor routes outside the specs.
"""

from __future__ import annotations

import asyncio
import math
import random
import threading
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from typing import Any, ClassVar, Final, Literal, get_args

import httpx
from starlette.requests import Request
from starlette.responses import Response

from .errors import ErrorFormat
from .inputs import drain

__all__ = [
    "FAULT_KINDS",
    "MODIFIERS",
    "Dropped",
    "Exchange",
    "Fault",
    "FaultKind",
    "FaultPolicy",
    "Modifier",
]

FaultKind = Literal[
    "rate_limit",
    "server_error",
    "bad_gateway",
    "unavailable",
    "drop",
    "slow",
    "truncated_json",
    "html_error",
]
FAULT_KINDS: Final[tuple[str, ...]] = get_args(FaultKind)


@dataclass
class Fault:
    """One fault switch.

    Attributes:
        kind: What goes wrong:
            ``rate_limit`` 429 with ``Retry-After``; ``server_error`` 500; ``bad_gateway`` 502;
            ``unavailable`` 503 (``Retry-After`` if ``retry_after`` is set); ``drop`` closes
            the connection without an answer (in-process: raises
            ``httpx.RemoteProtocolError``); ``slow`` waits ``delay`` seconds then answers
            normally; ``truncated_json`` answers the real status with the body cut in half;
            ``html_error`` answers an HTML error page (502 unless ``status`` is given).
        operation: An ``operationId`` (or ``"METHOD /path"``); ``None`` for every operation.
        count: How many matching requests it hits before switching itself off; ``None`` for
            no limit.
        rate: Probability of hitting a matching request (the policy's seeded RNG decides).
        retry_after: Seconds for the ``Retry-After`` header (429 defaults to 1).
        delay: Seconds of delay for ``slow``.
        status: Override the status code of the kinds that replace the response: an error
            status, 400 to 599 (a fault never answers success or a redirect).
        skip: Let this many matching requests through before the fault starts.
        hits: How many requests it has hit so far.
        id: Identifier for the admin endpoints.
    """

    kind: FaultKind
    operation: str | None = None
    count: int | None = None
    rate: float = 1.0
    retry_after: float | None = None
    delay: float = 1.0
    status: int | None = None
    skip: int = 0
    hits: int = 0
    id: int = field(default=0)

    def __post_init__(self) -> None:
        _check_types(asdict(self))
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; known: {', '.join(FAULT_KINDS)}")
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError("rate must be between 0 and 1")
        if (self.count is not None and self.count < 0) or self.skip < 0:
            raise ValueError("count and skip must be >= 0")
        for name in ("delay", "retry_after"):
            value = getattr(self, name)
            if value is not None and not (math.isfinite(value) and value >= 0):
                raise ValueError(f"{name} must be a finite number of seconds >= 0")
        if self.status is not None and not 400 <= self.status <= 599:
            raise ValueError(f"status must be an error status (400 to 599), not {self.status}")

    @property
    def exhausted(self) -> bool:
        """Whether the fault has used up its ``count``."""
        return self.count is not None and self.hits >= self.count

    def response_status(self) -> int | None:
        """Status this fault answers with, or ``None`` when the real handler answers."""
        return self.status if self.status is not None else MODIFIERS[self.kind].status

    def to_dict(self) -> dict[str, Any]:
        """JSON form (for the admin endpoints), with ``active`` telling whether it still fires."""
        return {**asdict(self), "active": not self.exhausted}


class FaultPolicy:
    """The set of active faults.

    Args:
        seed: Seed for the RNG behind ``rate`` (deterministic runs by default).
        operations: ``"METHOD /path"`` and operation ids -> operation ids, to reject typos.

    Example:
        ``mock.faults.add("rate_limit", operation="POST /v1/sessions", count=1,
        retry_after=1.0)``
    """

    def __init__(self, *, seed: int = 0, operations: Mapping[str, str] | None = None) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._rng = random.Random(seed)
        self._seed = seed
        self._next_id = 1
        # alias ("POST /v1/sessions") -> operationId; operationIds map to themselves.
        self._operations = dict(operations or {})

    def add(
        self,
        kind: FaultKind,
        *,
        operation: str | None = None,
        count: int | None = None,
        rate: float = 1.0,
        retry_after: float | None = None,
        delay: float = 1.0,
        status: int | None = None,
        skip: int = 0,
    ) -> Fault:
        """Switch a fault on.

        Args:
            kind: See :class:`Fault`.
            operation: An ``operationId`` or ``"METHOD /path"``; ``None`` for all operations.
            count: Hit at most this many requests (``None``: until cleared).
            rate: Probability of hitting each matching request.
            retry_after: ``Retry-After`` seconds (429: defaults to 1; 503: only when given).
            delay: Delay of ``slow`` in seconds.
            status: Status override for the response-replacing kinds.
            skip: Matching requests to let through first.

        Returns:
            The live :class:`Fault` (its ``hits`` counts what it did).

        Raises:
            ValueError: Unknown kind or operation, or an out-of-range number.
        """
        op_id = self._canonical(operation)
        with self._lock:
            fault = Fault(
                kind=kind,
                operation=op_id,
                count=count,
                rate=rate,
                retry_after=retry_after,
                delay=delay,
                status=status,
                skip=skip,
                id=self._next_id,
            )
            self._next_id += 1
            self._faults.append(fault)
            return fault

    def add_from_dict(self, data: Mapping[str, Any]) -> Fault:
        """Switch a fault on from its JSON form (``{"kind": ..., "operation": ..., ...}``).

        Raises:
            ValueError: Unknown keys, kind or operation, or wrong value types.
        """
        allowed = {"kind", "operation", "count", "rate", "retry_after", "delay", "status", "skip"}
        unknown = set(data) - allowed
        if unknown:
            raise ValueError(f"unknown fault keys: {sorted(unknown)}")
        if "kind" not in data:
            raise ValueError("'kind' is required")
        _check_types(data)
        return self.add(**data)

    def _canonical(self, operation: str | None) -> str | None:
        if operation is None or not self._operations:
            return operation
        try:
            return self._operations[operation]
        except KeyError:
            known = sorted(v for k, v in self._operations.items() if k == v)
            raise ValueError(
                f"unknown operation {operation!r}; use an operationId: {', '.join(known)}"
            ) from None

    def remove(self, fault: Fault | int) -> None:
        """Switch one fault off (by object or id)."""
        fault_id = fault if isinstance(fault, int) else fault.id
        with self._lock:
            self._faults = [f for f in self._faults if f.id != fault_id]

    def clear(self) -> None:
        """Switch every fault off and reseed the RNG."""
        with self._lock:
            self._faults.clear()
            self._rng = random.Random(self._seed)

    @property
    def all(self) -> list[Fault]:
        """Every fault added since the last :meth:`clear`, including used-up ones."""
        with self._lock:
            return list(self._faults)

    @property
    def active(self) -> list[Fault]:
        """The faults still switched on."""
        with self._lock:
            return [f for f in self._faults if not f.exhausted]

    def pick(self, operation_id: str) -> Fault | None:
        """Decide the fault (if any) for one request and count the hit.

        Args:
            operation_id: The request's operation.

        Returns:
            The first matching fault that fires, or ``None``.
        """
        with self._lock:
            for fault in self._faults:
                if fault.exhausted:
                    continue
                if fault.operation is not None and fault.operation != operation_id:
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                if fault.rate < 1.0 and self._rng.random() >= fault.rate:
                    continue
                fault.hits += 1
                return fault
            return None


_TYPES: Final[Mapping[str, tuple[type, ...]]] = {
    "kind": (str,),
    "operation": (str, type(None)),
    "count": (int, type(None)),
    "rate": (int, float),
    "retry_after": (int, float, type(None)),
    "delay": (int, float),
    "status": (int, type(None)),
    "skip": (int,),
    "hits": (int,),
    "id": (int,),
}


def _check_types(data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, bool) or not isinstance(value, _TYPES[key]):
            raise ValueError(f"fault {key!r} has the wrong type")


# ---- modifiers -------------------------------------------------------------------------------

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Next = Callable[[], Awaitable[Response]]


class Dropped(httpx.RemoteProtocolError):
    """The ``drop`` fault in-process: the error a real dropped connection gives."""


@dataclass
class Exchange:
    """What a modifier may touch: the raw ASGI channel and the API's error format."""

    scope: Scope
    receive: Receive
    send: Send  # the server's own send (``drop`` reaches the connection through it)
    errors: ErrorFormat

    async def drain(self) -> None:
        """Read and discard the request body (see :func:`.inputs.drain`)."""
        await drain(self.receive)


class Modifier:
    """One kind of fault: how it changes the answer to a request it hits.

    Attributes:
        kind: Its name in :data:`FAULT_KINDS`.
        status: The status it answers with unless the fault's ``status`` overrides it;
            ``None`` when the real handler answers.
    """

    kind: ClassVar[str]
    status: ClassVar[int | None] = None

    async def apply(self, fault: Fault, exchange: Exchange, call_next: Next) -> Response | None:
        """The answer to send (``None``: nothing is sent), given the rest of the pipeline."""
        return await call_next()


class _Replace(Modifier):
    """Answers an error instead of the handler (the status may be overridden)."""

    _DETAILS: ClassVar[Mapping[int, str]] = {
        429: "Too many requests; retry later",
        500: "Internal Server Error",
        502: "Bad Gateway",
        503: "Service temporarily unavailable",
    }
    default_retry_after: ClassVar[float | None] = None

    async def apply(self, fault: Fault, exchange: Exchange, call_next: Next) -> Response | None:
        await exchange.drain()
        status = fault.response_status() or 500
        retry_after = fault.retry_after
        if retry_after is None:
            retry_after = self.default_retry_after
        headers = {"Retry-After": _retry_after_text(retry_after)} if retry_after is not None else {}
        return self.answer(status, headers, exchange)

    def answer(self, status: int, headers: dict[str, str], exchange: Exchange) -> Response:
        """The replacing answer: the API's own error body."""
        return exchange.errors.error(status, self._DETAILS.get(status, "Injected fault"), headers)


class RateLimit(_Replace):
    """429 with ``Retry-After`` (``retry_after``, default 1 s)."""

    kind = "rate_limit"
    status = 429
    default_retry_after = 1.0


class ServerError(_Replace):
    """500."""

    kind = "server_error"
    status = 500


class BadGateway(_Replace):
    """502."""

    kind = "bad_gateway"
    status = 502


class Unavailable(_Replace):
    """503 (``Retry-After`` when ``retry_after`` is given)."""

    kind = "unavailable"
    status = 503


class HtmlError(_Replace):
    """An nginx-style HTML error page (502 unless ``status`` is given)."""

    kind = "html_error"
    status = 502

    def answer(self, status: int, headers: dict[str, str], exchange: Exchange) -> Response:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:  # a code with no standard phrase, e.g. 499
            phrase = "Error"
        html = (
            f"<html><head><title>{status} {phrase}</title></head>"
            f"<body><center><h1>{status} {phrase}</h1></center><hr>"
            "<center>nginx</center></body></html>"
        )
        return Response(html, status_code=status, headers=headers, media_type="text/html")


class Drop(Modifier):
    """Closes the connection without an answer (in-process: :class:`Dropped`)."""

    kind = "drop"

    async def apply(self, fault: Fault, exchange: Exchange, call_next: Next) -> Response | None:
        # uvicorn's send is a bound method of the request cycle, which holds the transport:
        # closing it ends the connection with no response at all, as a crashed proxy would.
        transport = getattr(getattr(exchange.send, "__self__", None), "transport", None)
        if transport is None:
            # In-process (httpx.ASGITransport): the same error a real dropped connection gives.
            url = str(Request(exchange.scope).url)
            request = httpx.Request(exchange.scope["method"], url)
            raise Dropped("Server disconnected without sending a response.", request=request)
        transport.close()
        while (await exchange.receive())["type"] != "http.disconnect":
            pass
        return None


class Slow(Modifier):
    """Waits ``delay`` seconds, then answers normally."""

    kind = "slow"

    async def apply(self, fault: Fault, exchange: Exchange, call_next: Next) -> Response | None:
        await asyncio.sleep(fault.delay)
        return await call_next()


class TruncatedJson(Modifier):
    """The real status, with the body cut in half."""

    kind = "truncated_json"

    async def apply(self, fault: Fault, exchange: Exchange, call_next: Next) -> Response | None:
        response = await call_next()
        body = bytes(response.body)
        cut = body[: max(1, len(body) // 2)] if len(body) > 1 else b"{"
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        return Response(cut, status_code=response.status_code, headers=headers)


MODIFIERS: Final[Mapping[str, Modifier]] = {
    m.kind: m()
    for m in (RateLimit, ServerError, BadGateway, Unavailable, Drop, Slow, TruncatedJson, HtmlError)
}
if set(MODIFIERS) != set(FAULT_KINDS):  # pragma: no cover - caught by any test run
    raise RuntimeError("every FaultKind needs a Modifier, and every Modifier a FaultKind")


def _retry_after_text(seconds: float) -> str:
    # Retry-After is delay-seconds (an integer) by RFC 9110; keep sub-second values readable.
    return str(int(seconds)) if float(seconds).is_integer() else f"{seconds:g}"
