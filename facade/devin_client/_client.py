"""``Devin`` and ``AsyncDevin``: configuration, the connection pool, and the resources.

The request pipeline (building, retries, error mapping, parsing) lives once in
``_transport.BaseClient._exchange``; the two classes here only drive it, with blocking calls or
with awaits. Resources are imported on first use so ``import devin_client`` stays light.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Awaitable, Callable
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

import httpx

from . import _constants as C
from . import _deadline
from ._body import ACCEPT_ENCODING, Collector, preread
from ._constants import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._exceptions import DevinValidationError
from ._transport import (
    _DEADLINE_KEY,
    NOT_GIVEN,
    BaseClient,
    Call,
    OtherEventLoop,
    default_ssl_context,
    hide_credentials,
)
from ._version import __version__

if TYPE_CHECKING:
    import asyncio

    from ._resources.attachments import AsyncAttachments, Attachments
    from ._resources.knowledge import AsyncKnowledge, Knowledge
    from ._resources.playbooks import AsyncPlaybooks, Playbooks
    from ._resources.secrets import AsyncSecrets, Secrets
    from ._resources.sessions import AsyncSessions, Sessions

__all__ = ["AsyncDevin", "Devin"]

T = TypeVar("T")


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The running asyncio loop, or ``None`` (under trio). asyncio is not imported for this:
    it is loaded whenever one of its loops runs (and importing it costs ~20 ms)."""
    module = sys.modules.get("asyncio")
    return None if module is None else module._get_running_loop()


USER_AGENT = f"devin-client/{__version__} python-httpx/{httpx.__version__}"
_POOL_HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING}
_RESOURCES = ("sessions", "attachments", "secrets", "knowledge", "playbooks")
_monotonic = time.monotonic


_TOO_LONG = "the request took longer than its timeout"


class _Expiry:
    """Cancel the current task after ``seconds`` (``None``: never); ``expired`` says whether
    it did, and the cancellation is then swallowed at the end of the ``with`` block.

    Under asyncio a plain timer is the cheapest way (this is ``asyncio.timeout`` without its
    bookkeeping: it runs for every request); under trio an anyio cancel scope does it.
    """

    __slots__ = ("_handle", "_scope", "_task", "expired")

    def __init__(self, loop: asyncio.AbstractEventLoop | None, seconds: float | None) -> None:
        self.expired = False
        self._handle: asyncio.TimerHandle | None = None
        self._scope: Any = None
        if seconds is None:
            return
        if loop is not None:
            self._task = sys.modules["asyncio"].current_task(loop)
            self._handle = loop.call_later(seconds, self._fire)
        else:
            import anyio

            self._scope = anyio.CancelScope(deadline=anyio.current_time() + seconds)

    def _fire(self) -> None:
        self.expired = True
        if self._task is not None:
            self._task.cancel()

    def __enter__(self) -> _Expiry:
        if self._scope is not None:
            self._scope.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if self._handle is not None:
            self._handle.cancel()
            if self.expired and self._task is not None:
                self._task.uncancel()
                return exc_type is sys.modules["asyncio"].CancelledError
            return False
        if self._scope is not None:
            swallowed = bool(self._scope.__exit__(exc_type, exc, tb))
            self.expired = self._scope.cancelled_caught
            return swallowed
        return False


def _read(response: httpx.Response, deadline: float | None) -> None:
    """Read a body into ``response.content``, bounded (``_body``), checking the deadline
    between chunks; the sockets of the client's own pool enforce it within a read too."""
    if response.is_stream_consumed:  # an in-process transport handed over the whole body
        preread(response, C.MAX_RESPONSE_BYTES)
        return
    collector = Collector(response)
    extensions = response.request.extensions
    phases = extensions.get("timeout")
    if deadline is not None and phases:
        # For a pool the deadline cannot reach (a caller's own): each read of the body waits
        # at most the time left (httpcore reads this when the body starts). Restored after:
        # a retry sends the same request.
        left = deadline - _monotonic()
        if left <= 0:
            response.close()
            raise httpx.TimeoutException(_TOO_LONG, request=response.request)
        extensions["timeout"] = {**phases, "read": min(phases.get("read") or left, left)}
    try:
        for chunk in response.iter_raw():
            collector.add(chunk)
            if deadline is not None and _monotonic() > deadline:
                raise httpx.TimeoutException(_TOO_LONG, request=response.request)
        collector.finish()
    finally:
        if phases:
            extensions["timeout"] = phases
        response.close()


async def _aread(response: httpx.Response) -> None:
    """``_read`` for ``AsyncDevin`` (the driver's cancel scope holds the deadline)."""
    if response.is_stream_consumed:
        preread(response, C.MAX_RESPONSE_BYTES)
        return
    collector = Collector(response)
    try:
        async for chunk in response.aiter_raw():
            collector.add(chunk)
        collector.finish()
    finally:
        await response.aclose()


async def _anyio_sleep(seconds: float) -> None:
    import anyio  # a dependency of httpx; imported late to keep `import devin_client` light

    await anyio.sleep(seconds)


class Devin(BaseClient):
    """A synchronous client for the Devin API v1.

    Args:
        api_key: The API key (``apk_user_...`` or ``apk_...``); defaults to the
            ``DEVIN_API_KEY`` environment variable.
        base_url: Defaults to ``DEVIN_BASE_URL``, then ``https://api.devin.ai``. A final
            ``/v1`` (as Devin's docs write it) is dropped: every path starts with it. Plain
            ``http://`` is refused unless the host is loopback or ``allow_insecure_http``.
        timeout: Seconds, or an ``httpx.Timeout``, for every request (default 60 s, 10 s to
            connect).
        max_retries: Retries of a failed retry-safe request (default 2); see the README.
        http_client: An ``httpx.Client`` to send through (proxies, custom transports). The
            caller keeps ownership: ``close()`` does not close it.
        validate: Check request bodies before sending, and 2xx response bodies, against the
            spec's JSON Schemas (default on).
        allow_insecure_http: Allow ``http://`` to a non-loopback host.
        sleep: The function used to wait between retries and polls (default ``time.sleep``);
            tests inject a fake so they never sleep.

    Raises:
        DevinValidationError: No API key, or an invalid argument.

    Example:
        >>> with Devin() as client:  # doctest: +SKIP
        ...     session = client.sessions.create("Fix the flaky test in tests/test_api.py")
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        validate: bool = True,
        allow_insecure_http: bool = False,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        api_key, base_url = hide_credentials(api_key, base_url)  # before anything can raise
        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            validate=validate,
            allow_insecure_http=allow_insecure_http,
        )
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise DevinValidationError("http_client", "must be an httpx.Client")
        self._owns_http = http_client is None
        if http_client is None:
            http_client = httpx.Client(
                timeout=self._timeout, headers=_POOL_HEADERS, verify=default_ssl_context()
            )
            _deadline.install(http_client)
        self._http: httpx.Client = http_client
        self._adopt_pool()
        self._sleep: Callable[[float], None] = time.sleep if sleep is None else sleep

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout = NOT_GIVEN,
        max_retries: int = NOT_GIVEN,
        validate: bool = NOT_GIVEN,
    ) -> Devin:
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
        new: Devin = self._copy_with(
            timeout=timeout, max_retries=max_retries, validate=validate, resources=_RESOURCES
        )
        return new

    def _request(self, call: Call[T]) -> T:
        exchange = self._exchange(call)
        send = self._http.send
        stream = call.stream
        current = _deadline.current
        deadline: float | None = None
        try:
            action: Any = next(exchange)
            while True:
                if type(action) is tuple:
                    request, budget = action
                    deadline = None if budget is None else _monotonic() + budget
                    token = current.set(deadline)
                    try:
                        response = send(request, stream=True)
                        if stream:
                            response.extensions[_DEADLINE_KEY] = deadline
                        else:
                            _read(response, deadline)
                    except Exception as exc:
                        action = exchange.throw(exc)
                        continue
                    finally:
                        current.reset(token)
                    action = exchange.send(response)
                elif isinstance(action, float):
                    self._sleep(action)
                    action = exchange.send(None)
                else:
                    token = current.set(deadline)
                    try:
                        _read(action, deadline)
                    except Exception as exc:
                        action = exchange.throw(exc)
                        continue
                    finally:
                        current.reset(token)
                    action = exchange.send(None)
        except StopIteration as done:
            value: T = done.value
            return value

    def close(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @cached_property
    def sessions(self) -> Sessions:
        """Create, inspect, message, tag, list, wait for and terminate sessions."""
        from ._resources.sessions import Sessions

        return Sessions(self)

    @cached_property
    def attachments(self) -> Attachments:
        """Upload and download attachment files."""
        from ._resources.attachments import Attachments

        return Attachments(self)

    @cached_property
    def secrets(self) -> Secrets:
        """List, create and delete organisation secrets."""
        from ._resources.secrets import Secrets

        return Secrets(self)

    @cached_property
    def knowledge(self) -> Knowledge:
        """List, create, update and delete knowledge notes."""
        from ._resources.knowledge import Knowledge

        return Knowledge(self)

    @cached_property
    def playbooks(self) -> Playbooks:
        """List, get, create, update and delete team playbooks."""
        from ._resources.playbooks import Playbooks

        return Playbooks(self)


class AsyncDevin(BaseClient):
    """An asynchronous client for the Devin API v1; the same API as ``Devin``, awaited.

    Args:
        api_key: The API key; defaults to ``DEVIN_API_KEY``.
        base_url: Defaults to ``DEVIN_BASE_URL``, then ``https://api.devin.ai`` (a final
            ``/v1`` is dropped, as for ``Devin``).
        timeout: Seconds, or an ``httpx.Timeout``, for every request (default 60 s).
        max_retries: Retries of a failed retry-safe request (default 2).
        http_client: An ``httpx.AsyncClient`` to send through; the caller keeps ownership.
        validate: Check request bodies before sending, and 2xx response bodies, against the
            spec's JSON Schemas (default on).
        allow_insecure_http: Allow ``http://`` to a non-loopback host.
        sleep: The coroutine function used to wait (default ``anyio.sleep``).

    Raises:
        DevinValidationError: No API key, or an invalid argument.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        validate: bool = True,
        allow_insecure_http: bool = False,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        api_key, base_url = hide_credentials(api_key, base_url)  # before anything can raise
        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            validate=validate,
            allow_insecure_http=allow_insecure_http,
        )
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise DevinValidationError("http_client", "must be an httpx.AsyncClient")
        self._owns_http = http_client is None
        if http_client is None:
            http_client = httpx.AsyncClient(
                timeout=self._timeout, headers=_POOL_HEADERS, verify=default_ssl_context()
            )
        self._http: httpx.AsyncClient = http_client
        self._adopt_pool()
        # The event loop of the last request, shared with with_options() copies: a failure in
        # another loop is explained (the pool's connections belong to the old one).
        self._loop: list[asyncio.AbstractEventLoop | None] = [None]
        self._sleep: Callable[[float], Awaitable[None]] = _anyio_sleep if sleep is None else sleep

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout = NOT_GIVEN,
        max_retries: int = NOT_GIVEN,
        validate: bool = NOT_GIVEN,
    ) -> AsyncDevin:
        """A copy of this client with other options, sharing its connection pool.

        Args:
            timeout: A new request timeout.
            max_retries: A new retry budget.
            validate: Turn validation before sending on or off.

        Returns:
            The new client (closing it does not close the shared pool).

        Raises:
            DevinValidationError: An invalid option.
        """
        new: AsyncDevin = self._copy_with(
            timeout=timeout, max_retries=max_retries, validate=validate, resources=_RESOURCES
        )
        return new

    async def _request(self, call: Call[T]) -> T:
        exchange = self._exchange(call)
        send = self._http.send
        stream = call.stream
        deadline: float | None = None
        loop = _running_loop()  # None under trio
        try:
            action: Any = next(exchange)
            while True:
                if type(action) is tuple:
                    request, budget = action
                    deadline = None if budget is None else _monotonic() + budget
                    response = None
                    try:
                        with _Expiry(loop, budget) as expiry:
                            response = await send(request, stream=True)
                            if not stream:
                                await _aread(response)
                        if expiry.expired:
                            if response is not None:
                                await response.aclose()
                            raise httpx.TimeoutException(_TOO_LONG, request=request)
                        if stream:
                            cast(httpx.Response, response).extensions[_DEADLINE_KEY] = deadline
                    except Exception as exc:
                        action = exchange.throw(self._in_loop(exc, loop))
                        continue
                    self._loop[0] = loop
                    action = exchange.send(response)
                elif isinstance(action, float):
                    await self._sleep(action)
                    action = exchange.send(None)
                else:
                    left = None if deadline is None else max(deadline - _monotonic(), 0.0)
                    try:
                        with _Expiry(loop, left) as expiry:
                            await _aread(action)
                        if expiry.expired:
                            await action.aclose()
                            raise httpx.TimeoutException(_TOO_LONG, request=action.request)
                    except Exception as exc:
                        action = exchange.throw(exc)
                        continue
                    action = exchange.send(None)
        except StopIteration as done:
            value: T = done.value
            return value

    def _in_loop(self, exc: Exception, loop: asyncio.AbstractEventLoop | None) -> Exception:
        # A pooled connection made in an event loop that has since ended fails with a
        # RuntimeError or an anyio error: say why.
        last = self._loop[0]
        if last is not None and last is not loop and not isinstance(exc, httpx.HTTPError):
            other = OtherEventLoop(str(exc) or type(exc).__name__)
            other.__cause__ = exc
            return other
        return exc

    async def close(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``)."""
        if not self._owns_http:
            return
        try:
            await self._http.aclose()
        except Exception as exc:
            # Connections made in an event loop that has ended cannot be closed from this one;
            # the pool is closed all the same.
            if not self._http.is_closed or not isinstance(
                self._in_loop(exc, _running_loop()), OtherEventLoop
            ):
                raise

    aclose = close

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @cached_property
    def sessions(self) -> AsyncSessions:
        """Create, inspect, message, tag, list, wait for and terminate sessions."""
        from ._resources.sessions import AsyncSessions

        return AsyncSessions(self)

    @cached_property
    def attachments(self) -> AsyncAttachments:
        """Upload and download attachment files."""
        from ._resources.attachments import AsyncAttachments

        return AsyncAttachments(self)

    @cached_property
    def secrets(self) -> AsyncSecrets:
        """List, create and delete organisation secrets."""
        from ._resources.secrets import AsyncSecrets

        return AsyncSecrets(self)

    @cached_property
    def knowledge(self) -> AsyncKnowledge:
        """List, create, update and delete knowledge notes."""
        from ._resources.knowledge import AsyncKnowledge

        return AsyncKnowledge(self)

    @cached_property
    def playbooks(self) -> AsyncPlaybooks:
        """List, get, create, update and delete team playbooks."""
        from ._resources.playbooks import AsyncPlaybooks

        return AsyncPlaybooks(self)
