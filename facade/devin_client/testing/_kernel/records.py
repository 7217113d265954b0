"""What the mock records while it serves: hits per operation, problems found, its own crashes.

Tests and soaks read these to prove things (every operation was reached, no response broke the
spec, no handler crashed); ``clear()`` forgets them, so each test or contract case sees only its
own requests and a failure names the operation at fault.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

__all__ = [
    "RESPONSE_ISSUES",
    "Crash",
    "Recorder",
    "ResponseValidationError",
    "ResponseValidationIssue",
]

RESPONSE_ISSUES = "response"
"""The ``kind`` of a response that broke the spec (:class:`ResponseValidationIssue`)."""


@dataclass(frozen=True)
class ResponseValidationIssue:
    """A response the mock sent that does not conform to the spec (a bug in the mock)."""

    operation_id: str
    status: int
    problems: tuple[str, ...]
    kind: str = RESPONSE_ISSUES

    def __str__(self) -> str:
        return f"{self.operation_id} -> {self.status}: " + "; ".join(self.problems)


class ResponseValidationError(AssertionError):
    """Raised (and recorded) when response validation is on and a response breaks the spec."""


@dataclass(frozen=True)
class Crash:
    """An unplanned error: where it happened (an operation id or ``METHOD /path``) and what."""

    where: str
    error: str

    def __str__(self) -> str:
        return f"{self.where}: {self.error}"


class Recorder:
    """Thread-safe records of one mock (the server thread writes, the test thread reads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._issues: list[object] = []
        self._crashes: list[Crash] = []
        self._hits: Counter[str] = Counter()

    def hit(self, operation_id: str) -> None:
        """Count one request routed to an operation (whatever its answer)."""
        with self._lock:
            self._hits[operation_id] += 1

    def issue(self, issue: object) -> None:
        """Record a problem (its ``str`` is what ``GET /_mock/issues`` shows; its ``kind``
        attribute, when it has one, is what ``?kind=`` filters on and what a test may allow)."""
        with self._lock:
            self._issues.append(issue)

    def crash(self, where: str, error: BaseException) -> None:
        """Record an unplanned error."""
        with self._lock:
            self._crashes.append(Crash(where, type(error).__name__))

    @property
    def issues(self) -> list[object]:
        """The problems recorded, oldest first."""
        with self._lock:
            return list(self._issues)

    @property
    def crashes(self) -> list[Crash]:
        """The unplanned errors recorded, oldest first."""
        with self._lock:
            return list(self._crashes)

    @property
    def hits(self) -> dict[str, int]:
        """Requests routed to each operation (operation id -> count), operations hit only."""
        with self._lock:
            return dict(self._hits)

    def clear(self) -> None:
        """Forget every record."""
        with self._lock:
            self._issues.clear()
            self._crashes.clear()
            self._hits.clear()
