"""The one request pipeline shared by ``Devin`` and ``AsyncDevin``.

``BaseClient._exchange`` is a generator holding every decision: it builds the request, yields
it to be sent, receives the response (or has the httpx exception thrown into it), decides
whether to retry and for how long to wait (it yields the delay), maps errors and parses the
body. The two clients only drive it: ``Devin._request`` with blocking calls, ``AsyncDevin._request``
with awaits. So retry policy, error mapping and parsing exist once.

What the exchange yields, and what the driver does with it:

- an ``httpx.Request``: send it (``stream=call.stream``), send back the response, or throw in
  the httpx exception;
- a ``float``: sleep that many seconds, send back ``None``;
- an ``httpx.Response`` (streaming calls only): read its body, send back ``None``.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import math
import os
import ssl
from collections.abc import Callable, Generator, Mapping, Sequence
from ipaddress import ip_address
from time import perf_counter
from typing import Any, Generic, TypeVar, cast
from urllib.parse import urlsplit

import httpx

from . import _constants as C
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    DevinValidationError,
    ResponseValidationError,
    status_error,
)
from ._logging import log_request, log_response, log_retry, logger
from ._redact import HiddenStr, Redactor, redact_url, url_secrets
from ._retry import parse_retry_after, retry_delay_after_error, retry_delay_for
from ._validation import ResponseSchemaError

__all__ = [
    "HTTPX_ERRORS",
    "NOT_GIVEN",
    "BaseClient",
    "Call",
    "connection_error",
    "default_ssl_context",
    "hide_credentials",
]

T = TypeVar("T")

# Every exception httpx raises while sending or reading; all are translated.
HTTPX_ERRORS = (httpx.HTTPError, httpx.StreamError, httpx.InvalidURL)
_DEBUG = logging.DEBUG


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


class Call(Generic[T]):
    """One API operation to perform: what to send, and how to read a successful answer.

    Args:
        kwargs: ``method``, ``url`` and body/params, as built by the generated
            ``build_request`` of the operation (or by hand for absolute download URLs).
        operation: The spec's operationId (for retry safety and messages).
        parse: Turns a 2xx response into the return value, given whether to check the body
            against the spec's response schema; any KeyError, ValueError, TypeError or
            AttributeError it raises becomes ``ResponseValidationError``.
        retry_safe: May the request be sent twice? Defaults to: GET, or an idempotent write
            listed in ``_constants.IDEMPOTENT_WRITES``.
        secrets: Strings to scrub from error messages (secret values in the body).
        stream: Return the unread streaming response (2xx and 3xx) instead of parsing.
        authenticated: Send the ``Authorization`` header (only ever to the API's origin).
    """

    __slots__ = (
        "authenticated",
        "files",
        "headers",
        "json",
        "method",
        "operation",
        "params",
        "parse",
        "retry_safe",
        "secrets",
        "stream",
        "url",
    )

    def __init__(
        self,
        kwargs: Mapping[str, Any],
        *,
        operation: str,
        parse: Callable[[httpx.Response, bool], T],
        retry_safe: bool | None = None,
        secrets: Sequence[str] = (),
        stream: bool = False,
        authenticated: bool = True,
    ) -> None:
        self.method: str = kwargs["method"].upper()
        self.url: str = kwargs["url"]
        self.json: Any = kwargs.get("json")
        self.params: dict[str, Any] | None = kwargs.get("params")
        self.files: Any = kwargs.get("files")
        self.headers: dict[str, str] | None = kwargs.get("headers")
        self.operation = operation
        self.parse = parse
        if retry_safe is None:
            retry_safe = self.method == "GET" or operation in C.IDEMPOTENT_WRITES
        self.retry_safe = retry_safe
        self.secrets = secrets
        self.stream = stream
        self.authenticated = authenticated


@functools.cache
def default_ssl_context() -> ssl.SSLContext:
    """The TLS context of every client the facade creates itself, built once per process.

    Building one loads the CA bundle (about 80-100 ms); httpx would do it for every client.
    It is read when the first client is created, so SSL_CERT_FILE / SSL_CERT_DIR set later
    in the process are not seen: pass your own ``http_client`` for that.
    """
    return httpx.create_ssl_context()


def connection_error(
    exc: Exception, request: httpx.Request | None, secrets: Sequence[str] = ()
) -> APIConnectionError:
    """Translate an httpx exception into ``APIConnectionError`` / ``APITimeoutError``.

    The message names the method and the URL without its query (a presigned URL's signature)
    or userinfo. ``secrets`` (and the URL's userinfo) are scrubbed from the message and from
    the text of ``exc`` and its causes, which a traceback prints: a proxy's or h11's message
    may quote the request.
    """
    where = ""
    if request is not None:
        secrets = (*secrets, *url_secrets(request.url))
        where = f" ({request.method} {redact_url(request.url.copy_with(query=None))})"
    redactor = Redactor(secrets)
    redactor.exception_chain(exc)
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request timed out{where}", request=request)
    detail = redactor.text(str(exc) or type(exc).__name__)
    return APIConnectionError(f"connection error{where}: {detail}", request=request)


def _bad_body(
    call: Call[Any],
    request: httpx.Request,
    response: httpx.Response,
    exc: Exception,
    secrets: Sequence[str],
) -> ResponseValidationError:
    # Say what broke without quoting the body: it may echo the request (and its secrets).
    if isinstance(exc, ResponseSchemaError | json.JSONDecodeError):
        why = str(exc)
    elif isinstance(exc, KeyError):
        why = f"missing field {exc}"
    else:
        why = f"a field has the wrong form ({type(exc).__name__})"
    message = (
        f"{call.method} {request.url.path} answered {response.status_code} with a body that "
        f"does not match the spec: {why}"
    )
    redactor = Redactor(secrets)
    redactor.exception_chain(exc)  # e.g. a ValueError quoting a value of the body
    return ResponseValidationError(redactor.text(message), response=response)


def _userinfo_to_header(request: httpx.Request) -> None:
    """Send a URL's ``user:password@`` as httpx would (Basic auth), but keep it out of the
    request's URL, which httpx's own log line, ``repr(request)`` and error texts print."""
    url = request.url
    token = base64.b64encode(f"{url.username}:{url.password}".encode()).decode("ascii")
    request.url = url.copy_with(userinfo=b"")
    request.headers["Authorization"] = HiddenStr(f"Basic {token}")


def _error_secrets(client: BaseClient, call: Call[Any]) -> tuple[str, ...]:
    """What an error of ``call`` must not show: the key, the call's secret values, and the
    userinfo of its URL (moved out of the request by ``_userinfo_to_header``)."""
    secrets = (*client._secrets, *call.secrets)
    return (*secrets, *url_secrets(call.url)) if "@" in call.url else secrets


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _resolve_timeout(timeout: Any) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise DevinValidationError("timeout", "must be a number of seconds or an httpx.Timeout")
    if not math.isfinite(timeout) or timeout <= 0:
        raise DevinValidationError("timeout", "must be a finite number of seconds above 0")
    return httpx.Timeout(float(timeout))


def _resolve_max_retries(max_retries: Any) -> int:
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


# Every operation path of the spec starts with it (tests/badinput/test_new_user.py checks).
_API_VERSION_SUFFIX = "/v1"


def _resolve_base_url(base_url: Any, allow_insecure_http: bool) -> str:
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
    if url.endswith(_API_VERSION_SUFFIX):
        # Devin's docs write the API as https://api.devin.ai/v1, but every operation path
        # already starts with /v1: drop it rather than send /v1/v1/... and get a bare 404.
        logger.debug("base_url ends in /v1, which every operation path starts with: dropped")
        url = url.removesuffix(_API_VERSION_SUFFIX)
    return url


def _resolve_api_key(api_key: Any) -> str:
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


class BaseClient:
    """Configuration and the request pipeline shared by ``Devin`` and ``AsyncDevin``."""

    _http: Any

    def __init__(
        self,
        api_key: str | None,
        *,
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        validate: bool,
        allow_insecure_http: bool,
    ) -> None:
        api_key, base_url = hide_credentials(api_key, base_url)
        self._api_key = _resolve_api_key(api_key)
        self._base_url = _resolve_base_url(base_url, allow_insecure_http)
        self._timeout = _resolve_timeout(timeout)
        self._max_retries = _resolve_max_retries(max_retries)
        if not isinstance(validate, bool):
            raise DevinValidationError("validate", "must be True or False")
        self._validate = validate
        self._owns_http = True
        url = httpx.URL(self._base_url)
        self._api_origin: tuple[str, str, int | None] = (url.scheme, url.host, url.port)
        self._base_path = url.path.rstrip("/")
        # Per-request headers are costly in httpx (~15 us each): only the key goes per request;
        # the User-Agent is a default header of the pool the client creates. A HiddenStr: no
        # repr (locals in a traceback, vars(client)) shows it.
        self._headers: dict[str, str] = {"Authorization": HiddenStr(f"Bearer {self._api_key}")}
        self._anonymous_headers: dict[str, str] = {}
        self._request_timeout: Any = httpx.USE_CLIENT_DEFAULT
        self._secrets: tuple[str, ...] = (self._api_key,)

    # -- public, read-only configuration ------------------------------------------------

    @property
    def base_url(self) -> str:
        """The API base URL requests go to."""
        return self._base_url

    @property
    def timeout(self) -> httpx.Timeout:
        """The timeout applied to every request."""
        return self._timeout

    @property
    def max_retries(self) -> int:
        """How many times a failed retry-safe request is retried."""
        return self._max_retries

    @property
    def validate(self) -> bool:
        """Whether request and response bodies are checked against the spec's schemas."""
        return self._validate

    def __repr__(self) -> str:
        # Never the key; never raises, even on a client whose __init__ failed (a traceback
        # printed with its locals shows that half-built object).
        base_url, max_retries, validate = (
            getattr(self, name, "?") for name in ("_base_url", "_max_retries", "_validate")
        )
        name = type(self).__name__
        return f"{name}(base_url={base_url!r}, max_retries={max_retries}, validate={validate})"

    def _copy_with(
        self, *, timeout: Any, max_retries: Any, validate: Any, resources: Sequence[str]
    ) -> Any:
        new = object.__new__(type(self))
        new.__dict__.update({k: v for k, v in self.__dict__.items() if k not in resources})
        if timeout is not NOT_GIVEN:
            new._timeout = _resolve_timeout(timeout)
            new._sync_timeout()
        if max_retries is not NOT_GIVEN:
            new._max_retries = _resolve_max_retries(max_retries)
        if validate is not NOT_GIVEN:
            if not isinstance(validate, bool):
                raise DevinValidationError("validate", "must be True or False")
            new._validate = validate
        new._owns_http = False  # the original client owns (and closes) the connection pool
        return new

    def _sync_timeout(self) -> None:
        # Pass the timeout per request only when the pool's own differs (it costs ~10 us).
        same = self._http.timeout == self._timeout
        self._request_timeout = httpx.USE_CLIENT_DEFAULT if same else self._timeout

    def _base_url_path(self) -> str:
        return self._base_path

    def _is_api_origin(self, url: httpx.URL) -> bool:
        return (url.scheme, url.host, url.port) == self._api_origin

    # -- the pipeline --------------------------------------------------------------------

    def _headers_for(self, call: Call[Any]) -> dict[str, str]:
        headers = self._headers if call.authenticated else self._anonymous_headers
        return {**call.headers, **headers} if call.headers else headers

    def _build(self, call: Call[Any]) -> httpx.Request:
        # No local variable holds the headers: a traceback printed with its locals
        # (pytest --showlocals) would show the key.
        url = call.url if call.url[:1] != "/" else self._base_url + call.url
        try:
            request: httpx.Request = self._http.build_request(
                call.method,
                url,
                json=call.json,
                params=call.params,
                files=call.files,
                headers=self._headers_for(call),
                timeout=self._request_timeout,
            )
        except (TypeError, ValueError) as exc:  # json.dumps: unsupported type, NaN
            raise DevinValidationError("body", f"cannot be sent as JSON: {exc}") from None
        except httpx.InvalidURL as exc:
            raise DevinValidationError("url", f"is not a valid URL: {exc}") from None
        if not call.authenticated:
            # Not even a default header of a caller-supplied pool goes to another origin.
            request.headers.pop("Authorization", None)
        if "@" in url and request.url.userinfo:
            _userinfo_to_header(request)
        return request

    def _exchange(self, call: Call[T]) -> Generator[Any, Any, T]:
        """Send ``call`` with retries; see the module docstring for the protocol."""
        request = self._build(call)
        max_retries = self._max_retries
        debug = logger.isEnabledFor(_DEBUG)
        attempt = 0
        started = 0.0
        while True:
            if debug:
                log_request(request, attempt, self._api_origin)
                started = perf_counter()
            try:
                response: httpx.Response = yield request
            except HTTPX_ERRORS as exc:
                delay = None
                if isinstance(exc, httpx.HTTPError):
                    delay = retry_delay_after_error(
                        exc, attempt=attempt, max_retries=max_retries, retry_safe=call.retry_safe
                    )
                if delay is None:
                    raise connection_error(exc, request, _error_secrets(self, call)) from exc
                attempt += 1
                log_retry(request, type(exc).__name__, delay, attempt, max_retries)
                yield delay
                continue
            if debug:
                log_response(response, perf_counter() - started, self._api_origin)
            status = response.status_code
            if 200 <= status < 300 or (call.stream and 300 <= status < 400):
                if call.stream:
                    return cast(T, response)
                try:
                    return call.parse(response, self._validate)
                except (KeyError, ValueError, TypeError, AttributeError) as exc:
                    secrets = _error_secrets(self, call)
                    raise _bad_body(call, request, response, exc, secrets) from exc
            if call.stream:
                try:
                    yield response  # the driver reads the (small) error body
                except HTTPX_ERRORS as exc:
                    raise connection_error(exc, request, _error_secrets(self, call)) from exc
            delay = retry_delay_for(
                status,
                response.headers,
                attempt=attempt,
                max_retries=max_retries,
                retry_safe=call.retry_safe,
            )
            if delay is None:
                raise status_error(
                    response,
                    retry_after=parse_retry_after(response.headers),
                    secrets=_error_secrets(self, call),
                )
            attempt += 1
            log_retry(request, f"status {status}", delay, attempt, max_retries)
            yield delay
