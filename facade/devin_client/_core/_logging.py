"""The ``devin_client`` logger: one DEBUG line per request and per response.

Lines carry the method, the URL, the status, the elapsed time and the request id; never a
header or a body, so the API key and secret values cannot leak into logs. URLs never show
their userinfo (``user:password@``), and URLs on another origin than the API (presigned
download links) are logged without their query string, which holds the signature.
"""

from __future__ import annotations

import logging

import httpx

__all__ = ["log_request", "log_response", "log_retry", "logger"]

logger = logging.getLogger("devin_client")


def _url(url: httpx.URL, api_origin: tuple[str, str, int | None]) -> str:
    if url.userinfo:
        url = url.copy_with(userinfo=b"")
    if (url.scheme, url.host, url.port) != api_origin and url.query:
        return str(url.copy_with(query=None)) + "?<redacted>"
    return str(url)


def log_request(
    request: httpx.Request, attempt: int, api_origin: tuple[str, str, int | None]
) -> None:
    """Log a request about to be sent (callers check ``logger.isEnabledFor(DEBUG)`` first)."""
    retry = f" (retry {attempt})" if attempt else ""
    logger.debug("request: %s %s%s", request.method, _url(request.url, api_origin), retry)


def log_response(
    response: httpx.Response, elapsed: float, api_origin: tuple[str, str, int | None]
) -> None:
    """Log a response as soon as its headers arrived."""
    request = response.request
    request_id = response.headers.get("x-request-id")
    logger.debug(
        "response: %s %s -> %d %s in %.1f ms%s",
        request.method,
        _url(request.url, api_origin),
        response.status_code,
        response.reason_phrase,
        elapsed * 1000.0,
        f" (request id {request_id})" if request_id else "",
    )


def log_retry(request: httpx.Request, reason: str, delay: float, attempt: int, limit: int) -> None:
    """Log a retry decision (INFO: a retry is worth knowing about even when not debugging)."""
    logger.info(
        "retrying %s %s in %.2f s (retry %d of %d) after %s",
        request.method,
        request.url.path,
        delay,
        attempt,
        limit,
        reason,
    )
