"""The attempt deadline at the socket, for the connection pool a sync client (``Devin``) creates.

httpx has no total timeout: each socket read or write gets the whole read (or write) timeout,
so a server that trickles a byte just inside it can hold a request forever, headers included.
``AsyncDevin`` bounds an attempt with a cancel scope. A blocking call cannot be cancelled, so
``Devin`` puts the deadline where the waiting happens: its own pool's network backend is
wrapped so that every connect, read and write waits at most until the deadline of the attempt
in progress (``current``, set by the driver around the send and the body reads).

A caller's own ``httpx.Client`` keeps its backend: there the deadline is checked between the
chunks of the body, and each phase timeout is cut to the time left.
"""

from __future__ import annotations

import socket
import time
from contextvars import ContextVar
from typing import Any

__all__ = ["current", "install"]

# The monotonic deadline of the attempt in progress on this thread (or task), or None.
current: ContextVar[float | None] = ContextVar("devin_client_deadline", default=None)


def _cut(timeout: float | None, expired: type[Exception]) -> float | None:
    deadline = current.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the request took longer than its timeout")
    return left if timeout is None or left < timeout else timeout


def install(client: Any) -> bool:
    """Wrap the network backend of an ``httpx.Client``'s own connection pool.

    httpx offers no public way to choose the backend of the pool a client builds (passing a
    ``transport`` would also turn off the proxies from the environment), hence the private
    attributes. When they are not what this expects, nothing is changed and the client falls
    back to the checks between body chunks.

    Returns:
        Whether the backend was wrapped.
    """
    import httpcore

    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if not isinstance(pool, httpcore.ConnectionPool) or not isinstance(
        backend, httpcore.NetworkBackend
    ):
        return False
    pool._network_backend = _backend_class()(backend)
    return True


_BACKEND: Any = None


def _backend_class() -> Any:
    # Built on first use: httpcore is imported lazily, as httpx itself does.
    global _BACKEND
    if _BACKEND is not None:
        return _BACKEND
    import httpcore

    class DeadlineStream(httpcore.NetworkStream):
        def __init__(self, inner: httpcore.NetworkStream) -> None:
            self._inner = inner
            self._sock: socket.socket | None = inner.get_extra_info("socket")

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            # One recv per call: cutting its timeout bounds the read exactly.
            return self._inner.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            sock = self._sock
            if sock is None or current.get() is None:
                self._inner.write(buffer, _cut(timeout, httpcore.WriteTimeout))
                return
            # httpcore loops send() with the same timeout; a slow reader would keep it going.
            view = memoryview(buffer)
            while view:
                sock.settimeout(_cut(timeout, httpcore.WriteTimeout))
                try:
                    sent = sock.send(view)
                except TimeoutError as exc:
                    raise httpcore.WriteTimeout(exc) from exc
                except OSError as exc:
                    raise httpcore.WriteError(exc) from exc
                view = view[sent:]

        def close(self) -> None:
            self._inner.close()

        def start_tls(
            self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
        ) -> httpcore.NetworkStream:
            tls = self._inner.start_tls(
                ssl_context, server_hostname, _cut(timeout, httpcore.ConnectTimeout)
            )
            return DeadlineStream(tls)

        def get_extra_info(self, info: str) -> Any:
            return self._inner.get_extra_info(info)

    class DeadlineBackend(httpcore.NetworkBackend):
        def __init__(self, inner: httpcore.NetworkBackend) -> None:
            self._inner = inner

        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Any = None,
        ) -> httpcore.NetworkStream:
            stream = self._inner.connect_tcp(
                host,
                port,
                timeout=_cut(timeout, httpcore.ConnectTimeout),
                local_address=local_address,
                socket_options=socket_options,
            )
            return DeadlineStream(stream)

        def connect_unix_socket(
            self, path: str, timeout: float | None = None, socket_options: Any = None
        ) -> httpcore.NetworkStream:
            stream = self._inner.connect_unix_socket(
                path, timeout=_cut(timeout, httpcore.ConnectTimeout), socket_options=socket_options
            )
            return DeadlineStream(stream)

        def sleep(self, seconds: float) -> None:
            self._inner.sleep(seconds)

    _BACKEND = DeadlineBackend
    return _BACKEND
