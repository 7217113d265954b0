"""The options of a client, checked: the key, the base URL, the timeout, the retry budget.

Also where credentials are hidden first thing (``hide_credentials``), so that no frame's
locals in a traceback (``pytest --showlocals``) show the key or a password in the URL.
"""

from __future__ import annotations

import functools
import math
import os
import re
import ssl
from collections.abc import Callable
from ipaddress import ip_address
from typing import Any, cast
from urllib.parse import urlsplit

import httpx

from . import _constants as C
from ._exceptions import DevinValidationError
from ._logging import logger
from ._redact import HiddenStr, redact_url

__all__ = [
    "check_validate",
    "default_ssl_context",
    "hide_credentials",
    "resolve_api_key",
    "resolve_base_url",
    "resolve_max_retries",
    "resolve_timeout",
    "total_timeout",
]


@functools.cache
def default_ssl_context() -> ssl.SSLContext:
    """The TLS context of every client the facade creates itself, built once per process.

    Building one loads the CA bundle (about 80-100 ms); httpx would do it for every client.
    It is read when the first client is created, so SSL_CERT_FILE / SSL_CERT_DIR set later
    in the process are not seen: pass your own ``http_client`` for that.
    """
    return httpx.create_ssl_context()


def total_timeout(timeout: httpx.Timeout) -> float | None:
    """How long one attempt may take end to end: the largest phase timeout (``None``: no limit).

    ``Devin(timeout=30)`` gives 30 s for connect, send and every read together;
    ``httpx.Timeout(60, connect=10)`` gives 60 s in all, at most 10 of them to connect.
    """
    phases = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if any(value is None for value in phases):
        return None
    return max(cast(float, value) for value in phases)


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_timeout(timeout: Any) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise DevinValidationError("timeout", "must be a number of seconds or an httpx.Timeout")
    if not math.isfinite(timeout) or timeout <= 0:
        raise DevinValidationError("timeout", "must be a finite number of seconds above 0")
    return httpx.Timeout(float(timeout))


def resolve_max_retries(max_retries: Any) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise DevinValidationError("max_retries", "must be an integer >= 0")
    return max_retries


class _UrlStr(str):
    """A URL whose ``repr`` (a traceback's locals) leaves out its userinfo."""

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(redact_url(str.__str__(self)))


def hide_credentials(api_key: Any, base_url: Any) -> tuple[Any, Any]:
    """The constructor's ``api_key`` and ``base_url``, rebound first thing so that no frame's
    locals (``pytest --showlocals``) show the key or a password in the URL."""
    return (
        HiddenStr(api_key) if isinstance(api_key, str) else api_key,
        _UrlStr(base_url) if isinstance(base_url, str) else base_url,
    )


# A version segment, as an API whose paths start with one (``/v1``, ``/v3``) writes it.
_VERSION = re.compile(r"/v\d{1,10}$")


def resolve_base_url(
    base_url: Any, allow_insecure_http: bool, path_prefix: Callable[[], str]
) -> str:
    """The base URL requests go to, checked; a final ``path_prefix()`` (``/v1``) is dropped,
    and so is a final version segment of another version of a versioned API (``/v1`` for the
    v3 client: one ``DEVIN_BASE_URL`` serves both)."""
    if base_url is None:
        base_url = _UrlStr(os.environ.get(C.BASE_URL_ENV) or C.DEFAULT_BASE_URL)
    if not isinstance(base_url, str):
        raise DevinValidationError("base_url", "must be a string")
    try:
        userinfo = "@" in urlsplit(base_url).netloc
    except ValueError:
        raise DevinValidationError("base_url", "is not a valid URL") from None
    if userinfo:
        # Never echoed (the userinfo is a credential), and checked before any local variable
        # holds the parts of the URL. The key goes in its own argument.
        raise DevinValidationError(
            "base_url",
            "must not contain a user name or password (user:password@); pass the API key "
            f"as api_key= or {C.API_KEY_ENV}",
        )
    try:
        parts = urlsplit(base_url)
        host = parts.hostname or ""
    except ValueError:
        raise DevinValidationError("base_url", "is not a valid URL") from None
    if parts.scheme not in ("http", "https") or not host or parts.query or parts.fragment:
        raise DevinValidationError("base_url", "must be an http:// or https:// URL with a host")
    if parts.scheme == "http" and not allow_insecure_http and not _is_loopback(host):
        raise DevinValidationError(
            "base_url",
            "plain http:// is only allowed for loopback hosts (the API key would travel in "
            "clear text); pass allow_insecure_http=True to override",
        )
    url: str = base_url.rstrip("/")
    prefix = path_prefix() if parts.path.strip("/") else ""
    if prefix and url.endswith(prefix):
        # Devin's docs write the API as https://api.devin.ai/v1, but every operation path
        # already starts with /v1: drop it rather than send /v1/v1/... and get a bare 404.
        logger.debug("base_url ends in %s, which every operation path starts with: dropped", prefix)
        url = url.removesuffix(prefix)
    elif prefix and _VERSION.fullmatch(prefix) and (other := _VERSION.search(url)):
        # Devin's docs write the API v1 as https://api.devin.ai/v1 and the v3 as .../v3: the
        # same DEVIN_BASE_URL must not send the other version's client to /v1/v3/... (a 404).
        logger.debug("base_url ends in %s, another version of the API: dropped", other[0])
        url = url[: other.start()]
    return url


def resolve_api_key(api_key: Any) -> str:
    if api_key is None:
        api_key = os.environ.get(C.API_KEY_ENV) or None
        api_key = HiddenStr(api_key) if api_key is not None else None
    if api_key is None:
        raise DevinValidationError(
            "api_key",
            f"no API key: pass api_key=... or set the {C.API_KEY_ENV} environment variable",
        )
    if not isinstance(api_key, str) or not api_key:
        raise DevinValidationError("api_key", "must be a non-empty string")
    # The key goes into a header: anything but printable ASCII without spaces is a paste error.
    if not api_key.isascii() or not api_key.isprintable() or " " in api_key:
        raise DevinValidationError("api_key", "must not contain whitespace or control characters")
    return HiddenStr(api_key)


def check_validate(validate: Any) -> bool:
    if not isinstance(validate, bool):
        raise DevinValidationError("validate", "must be True or False")
    return validate
