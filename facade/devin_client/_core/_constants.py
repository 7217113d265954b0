"""Defaults, and the retry policy as data (the decisions that use it live in ``_retry``).

Shared by every API the library covers; facts about one operation (its retry safety, its
limits) are never here: they come from the spec.
"""

from __future__ import annotations

import httpx

DEFAULT_BASE_URL = "https://api.devin.ai"
API_KEY_ENV = "DEVIN_API_KEY"
BASE_URL_ENV = "DEVIN_BASE_URL"

# Every request has one: per attempt, end to end (see ``_pipeline.total_timeout``).
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)

# Retries: connection errors, these statuses and every 5xx.
DEFAULT_MAX_RETRIES = 2
RETRYABLE_STATUSES = frozenset({408, 429})
INITIAL_RETRY_DELAY = 0.5  # seconds before the first retry; doubles each time
MAX_RETRY_DELAY = 8.0  # cap of the exponential backoff
RETRY_JITTER = 0.25  # each delay is shortened by up to this fraction, at random
# A Retry-After longer than this is not waited for: the error is raised at once (it carries
# ``retry_after``), rather than blocking a caller for minutes or retrying too early.
MAX_RETRY_AFTER = 60.0

# sessions.wait(): Devin's docs recommend polling every 10-30 s.
DEFAULT_POLL_INTERVAL = 10.0
DEFAULT_WAIT_TIMEOUT = 3600.0
# Pages of messages ``follow`` reads after one poll at most: the next poll reads on from there
# (a server answering a next page forever must not hold a poll, nor a timeout=0 follow, forever).
FOLLOW_MAX_PAGES = 1000

# The largest response body read into memory, decoded (a compressed body counts inflated):
# generous for JSON, small enough that a hostile answer cannot exhaust memory. A larger body is
# a ResponseValidationError (or, on an error status, the error without its body).
MAX_RESPONSE_BYTES = 64 * 1024 * 1024

# Attachments.
MAX_REDIRECTS = 5
DOWNLOAD_CHUNK_SIZE = 1024 * 1024
# An upload from a stream with no size (a pipe, stdin) is first copied to a temporary file,
# kept in memory up to this size and on disk beyond, so that its length is known and a retry
# can read it again.
UPLOAD_SPOOL_MEMORY = 8 * 1024 * 1024
STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES = 64 * 1024

__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_POLL_INTERVAL",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WAIT_TIMEOUT",
    "DOWNLOAD_CHUNK_SIZE",
    "INITIAL_RETRY_DELAY",
    "MAX_REDIRECTS",
    "MAX_RESPONSE_BYTES",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "RETRYABLE_STATUSES",
    "RETRY_JITTER",
    "STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES",
    "UPLOAD_SPOOL_MEMORY",
]
