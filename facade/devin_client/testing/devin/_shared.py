"""What every organisation's resources share: one lock, one clock, ids, and refusals."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any, Final

from .._kernel.errors import HttpError

__all__ = ["InvalidInput", "NotFound", "Shared", "StoreError", "iso", "new_id"]

# How far the clock may move in one call, and in all: datetimes end at year 9999.
_MAX_CLOCK_STEP: Final = 10 * 365 * 86400.0
_MAX_CLOCK_OFFSET: Final = 100 * 365 * 86400.0


class StoreError(HttpError):
    """A request the state refuses; carries the HTTP status and the ``detail`` text.

    Args:
        status: HTTP status code for the response.
        detail: The reason (each API renders it in its own error body).
    """

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(status, detail)


class InvalidInput(StoreError):
    """422: a request the schema allows but a documented rule refuses (a cron expression that is
    not one, a date in the past...).

    Args:
        loc: Where, as a validation error locates it (``["body", "frequency"]``).
        detail: What is wrong (never quoting a value).
    """

    def __init__(self, loc: list[str | int], detail: str) -> None:
        super().__init__(422, detail)
        self.loc = loc


class NotFound(StoreError):
    """An id that does not exist in the caller's organisation."""

    def __init__(self, what: str) -> None:
        super().__init__(404, f"{what} not found")


class Shared:
    """One lock for all state (the server thread and the test thread both use it), the mock's
    clock (wall time plus an offset tests move) and the sessions' pace (seconds of that clock
    per scripted step; ``None``: steps move only per read)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.clock_offset = 0.0
        self.pace: float | None = None
        # Scripts waiting for the next session created (in an organisation, or in any: None).
        self.next_scripts: list[tuple[str | None, list[Any]]] = []

    def timestamp(self) -> float:
        """The mock's clock as a Unix timestamp."""
        return time.time() + self.clock_offset

    def now(self) -> datetime:
        """The mock's clock, in UTC."""
        return datetime.fromtimestamp(self.timestamp(), tz=UTC)

    def advance_clock(self, seconds: float) -> None:
        """Move the clock (see :meth:`~.backend.DevinBackend.advance_clock`).

        Raises:
            ValueError: Not a finite number, more than 10 years at once, or a clock more than
                100 years away from the wall clock.
        """
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            raise ValueError("the clock moves by a number of seconds")
        if not abs(seconds) <= _MAX_CLOCK_STEP:  # also false for NaN and infinities
            raise ValueError("the clock moves by a finite number of seconds, up to 10 years")
        with self.lock:
            offset = self.clock_offset + float(seconds)
            if abs(offset) > _MAX_CLOCK_OFFSET:
                raise ValueError("the clock stays within 100 years of the wall clock")
            self.clock_offset = offset


def iso(moment: datetime) -> str:
    """A datetime as the API writes it."""
    return moment.isoformat()


def new_id(prefix: str) -> str:
    """A fresh id with a resource prefix (``secret-…``, ``note-…``)."""
    return f"{prefix}{uuid.uuid4().hex}"
