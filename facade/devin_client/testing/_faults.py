"""Fault injection: a switchable policy the app consults before answering each API request.

Each :class:`Fault` is a small modifier that either replaces the response (429, 5xx, HTML page,
dropped connection) or alters the real one (slow, truncated JSON). The policy is thread-safe so a
test can switch faults while a server thread serves requests.
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Final, Literal, get_args

__all__ = ["FAULT_KINDS", "Fault", "FaultKind", "FaultPolicy", "operation_aliases"]

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

# Status each kind answers with unless ``status`` overrides it (``None``: the real handler's).
DEFAULT_STATUS: Final[Mapping[str, int | None]] = {
    "rate_limit": 429,
    "server_error": 500,
    "bad_gateway": 502,
    "unavailable": 503,
    "drop": None,
    "slow": None,
    "truncated_json": None,
    "html_error": 502,
}


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
        return self.status if self.status is not None else DEFAULT_STATUS[self.kind]

    def to_dict(self) -> dict[str, Any]:
        """JSON form (for the admin endpoints), with ``active`` telling whether it still fires."""
        return {**asdict(self), "active": not self.exhausted}


class FaultPolicy:
    """The set of active faults.

    Args:
        seed: Seed for the RNG behind ``rate`` (deterministic runs by default).
        operations: Known operation ids and ``"METHOD /path"`` aliases, to reject typos.

    Example:
        ``mock.faults.add("rate_limit", operation="create_session_endpoint_v1_sessions_post",
        count=1, retry_after=1.0)``
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


def operation_aliases(operations: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Map operationIds and ``"METHOD /path"`` to operationIds.

    Args:
        operations: ``(operation_id, method, path)`` triples.

    Returns:
        The alias table for :class:`FaultPolicy`.
    """
    table: dict[str, str] = {}
    for op_id, method, path in operations:
        table[op_id] = op_id
        table[f"{method.upper()} {path}"] = op_id
    return table
