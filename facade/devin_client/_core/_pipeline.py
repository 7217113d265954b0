"""The one request pipeline every client shares: ``Call`` and ``BaseClient._exchange``.

``BaseClient._exchange(call)`` is a generator holding every decision of one API call: it
checks the body against the spec and builds the request, yields it to be sent, receives the
response (or has the exception thrown into it), decides whether to retry and for how long to
wait (it yields the delay), maps errors and parses the body. It is a *flow* (``_flows``): the
two drivers of ``_client`` run it, with blocking calls or with awaits, and the flows above it
(waiting, paging, uploads and downloads) delegate to it with ``yield from``. So retry policy,
error mapping and parsing exist once.

What the exchange yields, and what the driver does with it:

- ``(request, budget)``: send the ``httpx.Request`` (always ``stream=True``) and, unless the
  call streams (``STREAM`` in the request's extensions), read its body with
  ``_body.Collector`` (bounded); all of it within ``budget`` seconds (``None``: no limit).
  Send back the response, or throw in the exception (a ``_body.BodyError``, an httpx
  exception, a timeout of the budget as ``httpx.TimeoutException``, or anything else the send
  raised: the exchange decides what reaches the user);
- a ``float``: sleep that many seconds, send back ``None``;
- an ``httpx.Response`` (streaming calls' error statuses): read its body the same way, within
  what is left of the attempt's budget, send back ``None`` (or throw in the exception).

``timeout`` bounds each attempt end to end: connect, send and every read together
(``total_timeout``). A call with a ``deadline`` (the polls of ``sessions.wait``) gets attempts
cut to the time left, and retry sleeps that would pass it are cut to it; when that ends the call
it is marked ``expired``, for the caller to turn into ``WaitTimeoutError``.

Which API a client speaks is two class attributes of its class: ``_spec`` (the ``ApiSpec`` its
bodies are checked against) and ``_error_format`` (how its error bodies read).
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import math
import time
from collections.abc import AsyncGenerator, Callable, Generator, Mapping, Sequence
from functools import cached_property
from time import perf_counter
from typing import Any, ClassVar, Generic, Self, TypeVar, cast

import httpx

from . import _constants as C
from . import _deadline
from ._body import ACCEPT_ENCODING, BodyError, Collector, preread
from ._config import (
    check_validate,
    hide_credentials,
    resolve_api_key,
    resolve_base_url,
    resolve_max_retries,
    resolve_timeout,
    total_timeout,
)
from ._exceptions import (
    APIConnectionError,
    APITimeoutError,
    DevinError,
    DevinValidationError,
    ErrorFormat,
    ResponseValidationError,
    status_error,
)
from ._logging import log_request, log_response, log_retry, logger
from ._redact import HiddenStr, Redactor, redact_url, url_secrets
from ._retry import parse_retry_after, retry_delay_after_error, retry_delay_for
from ._spec import ApiSpec, Check, Operation, ResponseSchemaError

__all__ = [
    "DEADLINE",
    "HTTPX_ERRORS",
    "NOT_GIVEN",
    "STREAM",
    "BaseClient",
    "Call",
    "OtherEventLoop",
    "abody_chunks",
    "body_chunks",
    "body_failure",
    "connection_error",
]

T = TypeVar("T")

# Every exception httpx raises while sending or reading; all are translated.
HTTPX_ERRORS = (httpx.HTTPError, httpx.StreamError, httpx.InvalidURL)
_DEBUG = logging.DEBUG
# Exceptions from these packages raised by a send are transport failures (h11 refusing a
# body whose length changed, an httpcore error a custom transport did not map, ...).
_TRANSPORT_PACKAGES = frozenset({"h11", "h2", "httpcore", "anyio", "ssl", "socket", "asyncio"})
# In a streaming call's request extensions: the driver leaves the body unread.
STREAM = "devin_client.stream"
# Where the driver leaves the attempt's deadline on a streamed response, for body_chunks().
DEADLINE = "devin_client.deadline"
_URL_CACHE_SIZE = 256  # parsed API URLs kept per client


class OtherEventLoop(Exception):
    """Thrown in by the async driver: a send failed in an event loop other than the last one."""


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


def _unchecked(data: Any) -> None:
    return None


class Call(Generic[T]):
    """One API operation to perform: what to send, and how to read a successful answer.

    Args:
        operation: The generated ``OPERATION`` of the endpoint (its id for messages, its
            retry safety, its schemas), or ``None`` for a URL outside the API (a presigned
            download link).
        request: ``method``, ``url`` and body/params, as the endpoint's generated
            ``build_request`` gives them (or by hand, for a URL outside the API).
        parse: Turns a 2xx response into the return value, given the check of its decoded
            body against the operation's response schema (a no-op when the client does not
            validate); any KeyError, ValueError, TypeError or AttributeError it raises becomes
            ``ResponseValidationError``.
        retry_safe: May the request be sent twice? Defaults to the operation's
            ``retry_safe`` (a GET, or a write the spec marks idempotent); for a URL outside
            the API, to whether it is a GET.
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
        operation: Operation | None,
        request: Mapping[str, Any],
        *,
        parse: Callable[[httpx.Response, Check], T],
        retry_safe: bool | None = None,
        secrets: Sequence[str] = (),
        stream: bool = False,
        authenticated: bool = True,
        deadline: float | None = None,
    ) -> None:
        self.operation = operation
        self.method: str = request["method"].upper()
        self.url: str = request["url"]
        self.json: Any = request.get("json")
        self.params: dict[str, Any] | None = request.get("params")
        self.files: Any = request.get("files")
        self.headers: dict[str, str] | None = request.get("headers")
        self.parse = parse
        if retry_safe is None:
            retry_safe = operation.retry_safe if operation is not None else self.method == "GET"
        self.retry_safe = retry_safe
        self.secrets = secrets
        self.stream = stream
        self.authenticated = authenticated
        self.deadline = deadline
        self.expired = False


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


def _timed_out(request: httpx.Request | None) -> httpx.TimeoutException:
    return httpx.TimeoutException("the request took longer than its timeout", request=request)


def body_failure(exc: Exception, response: httpx.Response) -> DevinError:
    """The user's error for a body that could not be read: one the client refuses (a
    ``BodyError``: too large, a coding it did not ask for) or a failed connection."""
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
    response. Failures are raised as ``DevinError``.

    Raises:
        APITimeoutError: The attempt's deadline passed.
        APIConnectionError: The connection failed.
        ResponseValidationError: A coding the client did not ask for, or one that does not
            decode.
    """
    deadline: float | None = response.extensions.get(DEADLINE)
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
        raise body_failure(exc, response) from exc
    finally:
        response.close()


async def abody_chunks(response: httpx.Response) -> AsyncGenerator[bytes, None]:
    """``body_chunks`` for ``AsyncClient``: each read is cancelled at the attempt's deadline."""
    import anyio

    deadline: float | None = response.extensions.get(DEADLINE)
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
        raise body_failure(exc, response) from exc
    finally:
        await response.aclose()


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


class BaseClient:
    """Configuration and the request pipeline every client shares (``SyncClient`` and
    ``AsyncClient`` add the connection pool and the driver).

    A subclass names its API with two class attributes: ``_spec`` and ``_error_format``.
    """

    _spec: ClassVar[ApiSpec]
    _error_format: ClassVar[ErrorFormat] = ErrorFormat()
    _http: Any
    _event: Callable[[], Any]  # an event flows can wait for (each driver class gives its own)

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
        self._api_key = resolve_api_key(api_key)
        self._base_url = resolve_base_url(base_url, allow_insecure_http, self._spec.path_prefix)
        self._timeout = resolve_timeout(timeout)
        self._max_retries = resolve_max_retries(max_retries)
        self._validate = check_validate(validate)
        self._owns_http = True
        url = httpx.URL(self._base_url)
        self._api_origin: tuple[str, str, int | None] = (url.scheme, url.host, url.port)
        # Per-request headers are costly in httpx (~15 us each): only the key goes per request;
        # the User-Agent is a default header of the pool the client creates. A HiddenStr: no
        # repr (locals in a traceback, vars(client)) shows it.
        self._headers: dict[str, str] = {"Authorization": HiddenStr(f"Bearer {self._api_key}")}
        self._anonymous_headers: dict[str, str] = {}
        self._request_timeout: Any = httpx.USE_CLIENT_DEFAULT
        self._total: float | None = total_timeout(self._timeout)
        self._secrets: tuple[str, ...] = (self._api_key,)
        self._urls: dict[str, httpx.URL] = {}  # shared with with_options() copies
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

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout = NOT_GIVEN,
        max_retries: int = NOT_GIVEN,
        validate: bool = NOT_GIVEN,
    ) -> Self:
        """A copy of this client with other options, sharing its connection pool.

        Use it per call: ``client.with_options(max_retries=5).sessions.get(session_id)``.

        Args:
            timeout: A new request timeout.
            max_retries: A new retry budget.
            validate: Turn validation before sending on or off.

        Returns:
            The new client (closing it does not close the shared pool).

        Raises:
            DevinValidationError: An invalid option.
        """
        new = object.__new__(type(self))
        # Resources are cached per client (``cached_property``): the copy makes its own.
        cls = type(self)
        new.__dict__.update(
            (k, v)
            for k, v in self.__dict__.items()
            if not isinstance(getattr(cls, k, None), cached_property)
        )
        if timeout is not NOT_GIVEN:
            new._timeout = resolve_timeout(timeout)
            new._sync_timeout()
        if max_retries is not NOT_GIVEN:
            new._max_retries = resolve_max_retries(max_retries)
        if validate is not NOT_GIVEN:
            new._validate = check_validate(validate)
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

    def _is_api_origin(self, url: httpx.URL) -> bool:
        return (url.scheme, url.host, url.port) == self._api_origin

    # -- the pipeline --------------------------------------------------------------------

    def _headers_for(self, call: Call[Any]) -> dict[str, str]:
        headers = self._headers if call.authenticated else self._anonymous_headers
        return {**call.headers, **headers} if call.headers else headers

    def _build(self, call: Call[Any]) -> httpx.Request:
        # The body as it will be sent is what is checked against the spec.
        if call.json is not None and self._validate and call.operation is not None:
            self._spec.check_request(call.operation, call.json)
        # No local variable holds the headers: a traceback printed with its locals
        # (pytest --showlocals) would show the key.
        url = call.url
        try:
            request: httpx.Request = self._http.build_request(
                call.method,
                self._api_url(url) if url[:1] == "/" else url,
                json=call.json,
                params=call.params or None,  # {} would cost httpx a URL re-parse
                files=call.files,
                headers=self._headers_for(call),
                timeout=self._request_timeout,
            )
        except RecursionError:  # json.dumps: nested deeper than the encoder goes
            from ._spec import unsendable

            raise unsendable(call.json) from None
        except (TypeError, ValueError) as exc:  # json.dumps: unsupported type, NaN
            raise DevinValidationError("body", f"cannot be sent as JSON: {exc}") from None
        except httpx.InvalidURL as exc:
            raise DevinValidationError("url", f"is not a valid URL: {exc}") from None
        if call.stream:
            request.extensions[STREAM] = True
        if not call.authenticated:
            # Not even a default header of a caller-supplied pool goes to another origin.
            request.headers.pop("Authorization", None)
        if "@" in url and request.url.userinfo:
            _userinfo_to_header(request)
        return request

    def _api_url(self, path: str) -> httpx.URL:
        """The URL of an API path, parsed once: parsing is a good part of what httpx spends
        building a request, and a client asks for the same few paths again and again."""
        url = self._urls.get(path)
        if url is None:
            if len(self._urls) >= _URL_CACHE_SIZE:
                self._urls.clear()
            url = self._urls[path] = httpx.URL(self._base_url + path)
        return url

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

    def _check(self, call: Call[Any], status: int) -> Check:
        if not self._validate or call.operation is None:
            return _unchecked
        return self._spec.response_check(call.operation, status)

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
                    raise body_failure(exc, response) from exc
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
                    return call.parse(response, self._check(call, status))
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
                    error_format=self._error_format,
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
