"""The one request pipeline shared by ``Devin`` and ``AsyncDevin``.

``BaseClient._exchange`` is a generator holding every decision: it builds the request, yields
it to be sent, receives the response (or has the httpx exception thrown into it), decides
whether to retry and for how long to wait (it yields the delay), maps errors and parses the
body. The two clients only drive it: ``Devin._request`` with blocking calls, ``AsyncDevin._request``
with awaits. So retry policy, error mapping and parsing exist once.

What the exchange yields, and what the driver does with it:

- ``(request, budget)``: send the ``httpx.Request`` (always ``stream=True``) and, unless the
  call streams, read its body with ``_body.Collector`` (bounded); all of it within ``budget``
  seconds (``None``: no limit). Send back the response, or throw in the exception (a
  ``_body.BodyError``, an httpx exception, a timeout of the budget as
  ``httpx.TimeoutException``, or anything else the send raised: the exchange decides what
  reaches the user);
- a ``float``: sleep that many seconds, send back ``None``;
- an ``httpx.Response`` (streaming calls' error statuses): read its body the same way, within
  what is left of the attempt's budget, send back ``None`` (or throw in the exception).

``timeout`` bounds each attempt end to end: connect, send and every read together
(``total_timeout``). A call with a ``deadline`` (the polls of ``sessions.wait``) gets attempts
cut to the time left, and retry sleeps that would pass it are cut to it; when that ends the call
it is marked ``expired``, for the caller to turn into ``WaitTimeoutError``.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import logging
import math
import os
import ssl
import time
from collections.abc import AsyncGenerator, Callable, Generator, Mapping, Sequence
from ipaddress import ip_address
from time import perf_counter
from typing import Any, Generic, TypeVar, cast
from urllib.parse import urlsplit

import httpx

from . import _constants as C
from . import _deadline
from ._body import ACCEPT_ENCODING, BodyError, Collector, preread, too_large
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    DevinError,
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
    "OtherEventLoop",
    "abody_chunks",
    "aread_body",
    "body_chunks",
    "connection_error",
    "default_ssl_context",
    "hide_credentials",
    "read_body",
    "total_timeout",
]

T = TypeVar("T")

# Every exception httpx raises while sending or reading; all are translated.
HTTPX_ERRORS = (httpx.HTTPError, httpx.StreamError, httpx.InvalidURL)
_DEBUG = logging.DEBUG
# Exceptions from these packages raised by a send are transport failures (h11 refusing a
# body whose length changed, an httpcore error a custom transport did not map, ...).
_TRANSPORT_PACKAGES = frozenset({"h11", "h2", "httpcore", "anyio", "ssl", "socket", "asyncio"})
# Where the driver leaves the attempt's deadline on a streamed response, for body_chunks().
_DEADLINE_KEY = "devin_client.deadline"


class OtherEventLoop(Exception):
    """Thrown in by the async driver: a send failed in an event loop other than the last one."""


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
        deadline: A time on the client's clock the whole call (retries and their sleeps
            included) must end by; ``expired`` is set when it ended the call.
    """

    __slots__ = (
        "authenticated",
        "deadline",
        "expired",
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
        deadline: float | None = None,
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
        self.deadline = deadline
        self.expired = False


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
    """Translate a transport exception into ``APIConnectionError`` / ``APITimeoutError``.

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
    if isinstance(exc, OtherEventLoop):
        return APIConnectionError(
            f"connection error{where}: the connection pool was used in another event loop "
            "(an AsyncDevin is bound to the event loop it is used in: create one per "
            "asyncio.run); the failed connection is dropped, later calls use new ones",
            request=request,
        )
    detail = redactor.text(str(exc) or type(exc).__name__)
    return APIConnectionError(f"connection error{where}: {detail}", request=request)


def _is_transport_failure(exc: BaseException) -> bool:
    if isinstance(exc, (*HTTPX_ERRORS, OSError, OtherEventLoop)):
        return True
    return type(exc).__module__.partition(".")[0] in _TRANSPORT_PACKAGES


def total_timeout(timeout: httpx.Timeout) -> float | None:
    """How long one attempt may take end to end: the largest phase timeout (``None``: no limit).

    ``Devin(timeout=30)`` gives 30 s for connect, send and every read together;
    ``httpx.Timeout(60, connect=10)`` gives 60 s in all, at most 10 of them to connect.
    """
    phases = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if any(value is None for value in phases):
        return None
    return max(cast(float, value) for value in phases)


def _timed_out(request: httpx.Request | None) -> httpx.TimeoutException:
    return httpx.TimeoutException("the request took longer than its timeout", request=request)


def _body_failure(exc: Exception, response: httpx.Response) -> DevinError:
    if isinstance(exc, BodyError):
        return ResponseValidationError(
            f"{response.request.method} {response.request.url.path} answered "
            f"{response.status_code} with a body the client will not read: {exc.problem}",
            response=response,
        )
    return connection_error(exc, response.request)


def body_chunks(response: httpx.Response) -> Generator[bytes, None, None]:
    """The decoded body of a streamed response (a download), in bounded pieces.

    Reads within what is left of the attempt's deadline (see ``_deadline``), and closes the
    response. For the resources: failures are raised as ``DevinError``.

    Raises:
        APITimeoutError: The attempt's deadline passed.
        APIConnectionError: The connection failed.
        ResponseValidationError: A coding the client did not ask for, or one that does not
            decode.
    """
    deadline: float | None = response.extensions.get(_DEADLINE_KEY)
    try:
        if preread(response, None):
            content = response.content
            for i in range(0, len(content), C.DOWNLOAD_CHUNK_SIZE):
                yield content[i : i + C.DOWNLOAD_CHUNK_SIZE]
            return
        collector = Collector(response)
        decoder = collector.decoder
        raw = response.iter_raw()
        while True:
            token = _deadline.current.set(deadline)
            try:
                chunk = next(raw, None)
            finally:
                _deadline.current.reset(token)
            if chunk is None:
                break
            if deadline is not None and time.monotonic() > deadline:
                raise _timed_out(response.request)
            yield from decoder.feed(chunk)
        yield from decoder.finish()
    except (BodyError, *HTTPX_ERRORS) as exc:
        raise _body_failure(exc, response) from exc
    finally:
        response.close()


async def abody_chunks(response: httpx.Response) -> AsyncGenerator[bytes, None]:
    """``body_chunks`` for ``AsyncDevin``: each read is cancelled at the attempt's deadline."""
    import anyio

    deadline: float | None = response.extensions.get(_DEADLINE_KEY)
    try:
        if preread(response, None):
            content = response.content
            for i in range(0, len(content), C.DOWNLOAD_CHUNK_SIZE):
                yield content[i : i + C.DOWNLOAD_CHUNK_SIZE]
            return
        collector = Collector(response)
        decoder = collector.decoder
        raw = response.aiter_raw().__aiter__()
        while True:
            left = math.inf if deadline is None else deadline - time.monotonic()
            if left <= 0:
                raise _timed_out(response.request)
            chunk = None
            with anyio.move_on_after(left) as scope, contextlib.suppress(StopAsyncIteration):
                chunk = await raw.__anext__()
            if scope.cancelled_caught:
                raise _timed_out(response.request)
            if chunk is None:
                break
            for piece in decoder.feed(chunk):
                yield piece
        for piece in decoder.finish():
            yield piece
    except (BodyError, *HTTPX_ERRORS) as exc:
        raise _body_failure(exc, response) from exc
    finally:
        await response.aclose()


def read_body(response: httpx.Response) -> bytes:
    """The whole decoded body of a streamed response (a download into memory), at most
    ``MAX_RESPONSE_BYTES``; a larger one is a ``ResponseValidationError`` (stream it to a file
    instead)."""
    limit = C.MAX_RESPONSE_BYTES
    pieces: list[bytes] = []
    size = 0
    chunks = body_chunks(response)
    try:
        for piece in chunks:
            size += len(piece)
            if size > limit:
                raise _body_failure(too_large(response, limit), response)
            pieces.append(piece)
    finally:
        chunks.close()
    return b"".join(pieces)


async def aread_body(response: httpx.Response) -> bytes:
    """``read_body`` for ``AsyncDevin``."""
    limit = C.MAX_RESPONSE_BYTES
    pieces: list[bytes] = []
    size = 0
    chunks = abody_chunks(response)
    try:
        async for piece in chunks:
            size += len(piece)
            if size > limit:
                raise _body_failure(too_large(response, limit), response)
            pieces.append(piece)
    finally:
        await chunks.aclose()
    return b"".join(pieces)


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
    elif isinstance(exc, RecursionError):
        why = "the JSON is nested too deeply"
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
        self._total: float | None = total_timeout(self._timeout)
        self._secrets: tuple[str, ...] = (self._api_key,)
        # The clock of decisions (wait deadlines, time left for an attempt); tests set a fake
        # one with the fake ``sleep``. Sockets are always timed with the real monotonic clock.
        self._clock: Callable[[], float] = time.monotonic

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
        self._total = total_timeout(self._timeout)

    def _adopt_pool(self) -> None:
        """Settings that depend on the pool: the timeout, and asking only for the content
        codings ``_body`` can decode in bounded pieces (a pool with brotli or zstandard
        installed would ask for those too)."""
        self._sync_timeout()
        if self._http.headers.get("accept-encoding") != ACCEPT_ENCODING:
            self._headers = {**self._headers, "Accept-Encoding": ACCEPT_ENCODING}
            self._anonymous_headers = {"Accept-Encoding": ACCEPT_ENCODING}

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
        except RecursionError:  # json.dumps: nested deeper than the encoder goes
            from ._validation import unsendable

            raise unsendable(call.json) from None
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

    def _budget(self, call: Call[Any], request: httpx.Request) -> float | None:
        """Seconds this attempt may take: the timeout, cut to what the call's deadline leaves."""
        total = self._total
        if call.deadline is None:
            return total
        left = call.deadline - self._clock()
        if left <= 0:
            call.expired = True
            raise APITimeoutError(
                f"no time left for the request ({request.method} {request.url.path})",
                request=request,
            )
        if total is not None and total <= left:
            return total
        # Cut each phase too, for pools the deadline cannot reach (a caller's own client).
        phases = self._timeout.as_dict()
        request.extensions["timeout"] = {
            name: left if value is None else min(value, left) for name, value in phases.items()
        }
        return left

    def _sleep_before_retry(self, call: Call[Any], delay: float) -> float | None:
        """The delay to sleep before retrying, or ``None`` when the call's deadline leaves no
        time for another attempt (then the sleep is cut to the deadline and the call ends)."""
        if call.deadline is None:
            return delay
        left = call.deadline - self._clock()
        if delay < left:
            return delay
        call.expired = True
        return None

    def _failure(
        self, exc: Exception, request: httpx.Request, call: Call[Any]
    ) -> DevinError | None:
        """What a failed send means for the user; ``None``: not a transport failure (e.g. a
        progress callback's own exception), raised as it is."""
        if isinstance(exc, DevinError):
            return exc
        if isinstance(exc, RuntimeError) and self._http.is_closed:
            return DevinError(
                "this client is closed (close() was called, or its `with` block ended): "
                "create a new client"
            )
        if _is_transport_failure(exc):
            return connection_error(exc, request, _error_secrets(self, call))
        return None

    def _exchange(self, call: Call[T]) -> Generator[Any, Any, T]:
        """Send ``call`` with retries; see the module docstring for the protocol."""
        request = self._build(call)
        max_retries = self._max_retries
        debug = logger.isEnabledFor(_DEBUG)
        attempt = 0
        started = 0.0
        while True:
            budget = self._total if call.deadline is None else self._budget(call, request)
            if debug:
                log_request(request, attempt, self._api_origin)
                started = perf_counter()
            try:
                response: httpx.Response = yield (request, budget)
            except BodyError as exc:
                response = exc.response
                if 200 <= response.status_code < 300:
                    raise _body_failure(exc, response) from exc
                response._content = b""  # an error status still counts; its body is dropped
            except Exception as exc:
                error = self._failure(exc, request, call)
                if error is None or error is exc:
                    raise
                if call.deadline is not None and self._clock() >= call.deadline:
                    call.expired = True
                delay = None
                if isinstance(exc, httpx.HTTPError) and not call.expired:
                    delay = retry_delay_after_error(
                        exc, attempt=attempt, max_retries=max_retries, retry_safe=call.retry_safe
                    )
                if delay is None:
                    raise error from exc
                wait = self._sleep_before_retry(call, delay)
                if wait is None:
                    yield from self._sleep_to_deadline(call)
                    raise error from exc
                attempt += 1
                log_retry(request, type(exc).__name__, wait, attempt, max_retries)
                yield wait
                continue
            if debug:
                log_response(response, perf_counter() - started, self._api_origin)
            status = response.status_code
            if 200 <= status < 300 or (call.stream and 300 <= status < 400):
                if call.stream:
                    return cast(T, response)
                try:
                    return call.parse(response, self._validate)
                except (KeyError, ValueError, TypeError, AttributeError, RecursionError) as exc:
                    secrets = _error_secrets(self, call)
                    raise _bad_body(call, request, response, exc, secrets) from exc
            if call.stream:
                try:
                    yield response  # the driver reads the error body (bounded)
                except BodyError:
                    response._content = b""
                except Exception as exc:
                    error = self._failure(exc, request, call)
                    if error is None or error is exc:
                        raise
                    raise error from exc
            delay = retry_delay_for(
                status,
                response.headers,
                attempt=attempt,
                max_retries=max_retries,
                retry_safe=call.retry_safe,
            )
            wait = None if delay is None else self._sleep_before_retry(call, delay)
            if wait is None:
                error = status_error(
                    response,
                    retry_after=parse_retry_after(response.headers),
                    secrets=_error_secrets(self, call),
                )
                if delay is not None:  # the deadline, not the policy, ends the call
                    yield from self._sleep_to_deadline(call)
                raise error
            attempt += 1
            log_retry(request, f"status {status}", wait, attempt, max_retries)
            yield wait

    def _sleep_to_deadline(self, call: Call[Any]) -> Generator[float, None, None]:
        assert call.deadline is not None
        left = call.deadline - self._clock()
        if left > 0:
            yield float(left)
