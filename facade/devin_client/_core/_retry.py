"""Retry decisions: which failures are retried, and how long to wait. Pure functions.

Used by the one request loop (``_pipeline.BaseClient._exchange``) of every client, and
unit-tested directly.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping

import httpx

from . import _constants as C

__all__ = ["backoff_delay", "parse_retry_after", "retry_delay_after_error", "retry_delay_for"]

# Failures where the request never left this process: always safe to retry.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Failures where it may have reached the server: retried only for retry-safe requests.
# (UnsupportedProtocol, LocalProtocolError, DecodingError, ... are never retried.)
_MAYBE_SENT = (httpx.NetworkError, httpx.TimeoutException, httpx.RemoteProtocolError)


def backoff_delay(attempt: int, rand: Callable[[], float] = random.random) -> float:
    """The exponential backoff before retry number ``attempt + 1``, with jitter.

    Args:
        attempt: How many retries were already made (0 for the first retry).
        rand: A source of floats in [0, 1) (injectable for tests).

    Returns:
        Seconds: ``INITIAL_RETRY_DELAY * 2**attempt`` capped at ``MAX_RETRY_DELAY``, shortened
        by up to ``RETRY_JITTER`` of itself.
    """
    delay = min(C.INITIAL_RETRY_DELAY * 2.0**attempt, C.MAX_RETRY_DELAY)
    return delay * (1.0 - C.RETRY_JITTER * rand())


def parse_retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date).

    Args:
        headers: Response headers (case-insensitive mapping).
        now: The current Unix time, for HTTP dates (injectable for tests).

    Returns:
        Non-negative seconds, or ``None`` when absent or unreadable.
    """
    raw_ms = headers.get("retry-after-ms")
    if raw_ms is not None:
        try:
            value = float(raw_ms) / 1000.0
        except ValueError:
            value = -1.0
        if value >= 0.0 and value == value:  # rejects NaN
            return value
    raw = headers.get("retry-after")
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        value = when.timestamp() - (time.time() if now is None else now)
        return max(value, 0.0)
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return max(value, 0.0)


def retry_delay_for(
    status_code: int,
    headers: Mapping[str, str],
    *,
    attempt: int,
    max_retries: int,
    retry_safe: bool,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """Whether an error status is retried, and after how long.

    Args:
        status_code: The response status.
        headers: The response headers (for ``Retry-After``).
        attempt: Retries already made for this call.
        max_retries: The retry budget.
        retry_safe: Whether the request may be sent twice (reads, idempotent writes).
        rand: Jitter source.

    Returns:
        Seconds to wait before retrying, or ``None`` to raise the error now.
    """
    if attempt >= max_retries or not retry_safe:
        return None
    if status_code not in C.RETRYABLE_STATUSES and status_code < 500:
        return None
    retry_after = parse_retry_after(headers)
    if retry_after is not None:
        return retry_after if retry_after <= C.MAX_RETRY_AFTER else None
    return backoff_delay(attempt, rand)


def retry_delay_after_error(
    exc: httpx.HTTPError,
    *,
    attempt: int,
    max_retries: int,
    retry_safe: bool,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """Whether a transport failure is retried, and after how long.

    Args:
        exc: The httpx exception.
        attempt: Retries already made for this call.
        max_retries: The retry budget.
        retry_safe: Whether the request may be sent twice.
        rand: Jitter source.

    Returns:
        Seconds to wait before retrying, or ``None`` to raise now.
    """
    if attempt >= max_retries:
        return None
    if isinstance(exc, _NOT_SENT) or (retry_safe and isinstance(exc, _MAYBE_SENT)):
        return backoff_delay(attempt, rand)
    return None
