"""The connection pool and the two drivers: ``SyncClient`` and ``AsyncClient``.

Every decision lives in flows (``_flows``): the exchange of one API call
(``_pipeline.BaseClient._exchange``) and the flows above it. The two classes here own the
connection pool (``close``, the context managers) and perform the flows' actions, with
blocking calls or with awaits: that is the only sync/async difference in the library. An
API's client classes (``devin_client._v1``) subclass them, name their ``ApiSpec`` and
``ErrorFormat``, and add their resources (``resource``), imported on first use so
``import devin_client`` stays light.
"""

from __future__ import annotations

import importlib
import sys
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

import httpx

from .. import _version
from . import _constants as C
from . import _deadline
from ._body import ACCEPT_ENCODING, Collector, preread
from ._config import default_ssl_context, hide_credentials
from ._exceptions import DevinValidationError
from ._flows import Callback, Close, Emit, Flow, Stream
from ._pipeline import DEADLINE, STREAM, BaseClient, OtherEventLoop, abody_chunks, body_chunks

if TYPE_CHECKING:
    import asyncio

__all__ = ["AsyncClient", "SyncClient", "resource"]

T = TypeVar("T")


def resource(module: str, name: str, doc: str) -> Any:
    """A resource of a client (``client.sessions``): the class ``name`` of ``module``, imported
    and made on first use, one per client (``with_options`` copies make their own)."""

    def make(client: BaseClient) -> Any:
        return getattr(importlib.import_module(module), name)(client)

    make.__doc__ = doc
    return cached_property(make)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The running asyncio loop, or ``None`` (under trio). asyncio is not imported for this:
    it is loaded whenever one of its loops runs (and importing it costs ~20 ms)."""
    module = sys.modules.get("asyncio")
    return None if module is None else module._get_running_loop()


USER_AGENT = f"devin-client/{_version.__version__} python-httpx/{httpx.__version__}"
_POOL_HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING}
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
    """``_read`` for ``AsyncClient`` (the driver's cancel scope holds the deadline)."""
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


P = TypeVar("P", httpx.Client, httpx.AsyncClient)


def _pool(client: BaseClient, given: Any, pool_type: type[P]) -> P:
    """The caller's pool (theirs to close), or a new one the client owns."""
    if given is not None and not isinstance(given, pool_type):
        raise DevinValidationError("http_client", f"must be an httpx.{pool_type.__name__}")
    client._owns_http = given is None
    pool: P = (
        pool_type(timeout=client._timeout, headers=_POOL_HEADERS, verify=default_ssl_context())
        if given is None
        else given
    )
    client._http = pool
    client._adopt_pool()
    return pool


def _emitted(result: Any) -> Any:
    if type(result) is Emit:
        raise TypeError("an iterating flow was run with _run(); use _iterate()")
    return result


class SyncClient(BaseClient):
    """A blocking client: its pool is an ``httpx.Client``; see ``devin_client.Devin`` for the
    arguments."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = C.DEFAULT_TIMEOUT,
        max_retries: int = C.DEFAULT_MAX_RETRIES,
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
        self._http: httpx.Client = _pool(self, http_client, httpx.Client)
        if self._owns_http:
            _deadline.install(self._http)
        self._sleep: Callable[[float], None] = time.sleep if sleep is None else sleep

    @staticmethod
    def _event() -> threading.Event:
        """An event a flow can wait for (``_once``): waiting blocks the thread."""
        return threading.Event()

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

    def _run(self, flow: Flow[T]) -> T:
        """Run a flow to its end; its return value."""
        result: T = _emitted(self._drive(flow))
        return result

    def _iterate(self, flow: Flow[Any]) -> Iterator[Any]:
        """Run a flow, yielding what it emits."""
        try:
            result = self._drive(flow)
            while type(result) is Emit:
                yield result.item
                result = self._drive(flow)
        finally:
            flow.close()

    def _drive(self, flow: Flow[Any], value: Any = None) -> Any:
        """The sync driver: perform the flow's actions (see ``_flows``) until it emits (the
        ``Emit`` is returned) or ends (its value is returned)."""
        send = self._http.send
        current = _deadline.current
        deadline: float | None = None
        opened: list[httpx.Response] = []
        try:
            action: Any = flow.send(value)
            while True:
                if type(action) is tuple:
                    request, budget = action
                    deadline = None if budget is None else _monotonic() + budget
                    token = current.set(deadline)
                    try:
                        response = send(request, stream=True)
                        if STREAM in request.extensions:
                            response.extensions[DEADLINE] = deadline
                            opened.append(response)
                        else:
                            _read(response, deadline)
                    except Exception as exc:
                        action = flow.throw(exc)
                        continue
                    finally:
                        current.reset(token)
                    action = flow.send(response)
                    continue
                kind = type(action)
                try:
                    if kind is float:
                        self._sleep(action)
                        result = None
                    elif kind is httpx.Response:
                        token = current.set(deadline)
                        try:
                            _read(action, deadline)
                        finally:
                            current.reset(token)
                        result = None
                    elif kind is Callback:
                        result = action.fn(action.arg)
                    elif kind is Stream:
                        chunks = body_chunks(action.response)
                        try:
                            for piece in chunks:
                                action.sink(piece)
                        finally:
                            chunks.close()
                        result = None
                    elif kind is Close:
                        action.response.close()
                        result = None
                    elif kind is Emit:
                        return action
                    else:
                        raise TypeError(f"a flow yielded {action!r}, which is no action")
                except Exception as exc:
                    action = flow.throw(exc)
                    continue
                action = flow.send(result)
        except StopIteration as done:
            return done.value
        except BaseException:
            flow.close()  # its cleanup runs now (a partial download is removed)
            raise
        finally:
            for response in opened:
                response.close()


class AsyncClient(BaseClient):
    """An asyncio (or trio) client: its pool is an ``httpx.AsyncClient``; see
    ``devin_client.AsyncDevin`` for the arguments."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = C.DEFAULT_TIMEOUT,
        max_retries: int = C.DEFAULT_MAX_RETRIES,
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
        self._http: httpx.AsyncClient = _pool(self, http_client, httpx.AsyncClient)
        # The event loop of the last request, shared with with_options() copies: a failure in
        # another loop is explained (the pool's connections belong to the old one).
        self._loop: list[asyncio.AbstractEventLoop | None] = [None]
        self._sleep: Callable[[float], Awaitable[None]] = _anyio_sleep if sleep is None else sleep

    @staticmethod
    def _event() -> Any:
        """An event a flow can wait for (``_once``): an ``anyio.Event``, awaited."""
        import anyio

        return anyio.Event()

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

    async def _run(self, flow: Flow[T]) -> T:
        """Run a flow to its end; its return value."""
        result: T = _emitted(await self._drive(flow))
        return result

    async def _iterate(self, flow: Flow[Any]) -> AsyncIterator[Any]:
        """Run a flow, yielding what it emits."""
        try:
            result = await self._drive(flow)
            while type(result) is Emit:
                yield result.item
                result = await self._drive(flow)
        finally:
            flow.close()

    async def _drive(self, flow: Flow[Any], value: Any = None) -> Any:
        """The async driver: ``SyncClient._drive`` with awaits; each attempt (send and body)
        is cancelled at its deadline."""
        send = self._http.send
        deadline: float | None = None
        loop = _running_loop()  # None under trio
        opened: list[httpx.Response] = []
        try:
            action: Any = flow.send(value)
            while True:
                if type(action) is tuple:
                    request, budget = action
                    deadline = None if budget is None else _monotonic() + budget
                    stream = STREAM in request.extensions
                    response = None
                    try:
                        with _Expiry(loop, budget) as expiry:
                            response = await send(request, stream=True)
                            if stream:
                                opened.append(response)
                            else:
                                await _aread(response)
                        if expiry.expired:
                            if response is not None:
                                await response.aclose()
                            raise httpx.TimeoutException(_TOO_LONG, request=request)
                        if stream:
                            cast(httpx.Response, response).extensions[DEADLINE] = deadline
                    except Exception as exc:
                        action = flow.throw(self._in_loop(exc, loop))
                        continue
                    self._loop[0] = loop
                    action = flow.send(response)
                    continue
                kind = type(action)
                try:
                    if kind is float:
                        await self._sleep(action)
                        result = None
                    elif kind is httpx.Response:
                        left = None if deadline is None else max(deadline - _monotonic(), 0.0)
                        with _Expiry(loop, left) as expiry:
                            await _aread(action)
                        if expiry.expired:
                            await action.aclose()
                            raise httpx.TimeoutException(_TOO_LONG, request=action.request)
                        result = None
                    elif kind is Callback:
                        result = action.fn(action.arg)
                        if _awaitable(result):
                            result = await result
                    elif kind is Stream:
                        chunks = abody_chunks(action.response)
                        try:
                            async for piece in chunks:
                                action.sink(piece)
                        finally:
                            await chunks.aclose()
                        result = None
                    elif kind is Close:
                        await action.response.aclose()
                        result = None
                    elif kind is Emit:
                        return action
                    else:
                        raise TypeError(f"a flow yielded {action!r}, which is no action")
                except Exception as exc:
                    action = flow.throw(exc)
                    continue
                action = flow.send(result)
        except StopIteration as done:
            return done.value
        except BaseException:
            flow.close()  # its cleanup runs now (a partial download is removed)
            raise
        finally:
            for response in opened:
                if not response.is_closed:
                    await response.aclose()


def _awaitable(value: Any) -> bool:
    import inspect

    return inspect.isawaitable(value)
