"""Running the mock on a real loopback socket: a uvicorn server in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn

__all__ = ["MockServer", "bind_socket", "uvicorn_config"]


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on ``host:port`` (0: a free port), ready to hand to uvicorn.

    Raises:
        OSError: The address cannot be bound.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio turns Nagle off only on sockets whose proto says TCP, and a
    # proto-0 listening socket would add a 40 ms delayed-ACK stall to every response.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


def uvicorn_config(app: Any, *, log_level: str = "warning", **kwargs: Any) -> uvicorn.Config:
    """The uvicorn settings the mock always runs with.

    h11 (pure Python, and the ``drop`` fault relies on its request cycle), no websockets, no
    lifespan noise, no access log, and a stop that waits at most a few seconds for requests
    still running (a ``slow`` fault's must not keep Ctrl-C waiting).
    """
    settings: dict[str, Any] = {"timeout_graceful_shutdown": 3, **kwargs}
    return uvicorn.Config(
        app,
        http="h11",
        ws="none",
        lifespan="off",
        log_level=log_level,
        access_log=False,
        server_header=False,
        date_header=False,
        **settings,
    )


class MockServer:
    """A uvicorn server for an ASGI app on a background thread; a context manager.

    Args:
        app: The ASGI app.
        host: Interface to bind (default loopback).
        port: Port to bind; 0 picks a free one.

    Attributes:
        host: The bound host.
        port: The bound port (known once started).
    """

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self.host = host
        self.port = port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None

    @property
    def base_url(self) -> str:
        """``http://<host>:<port>`` of the running server."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self, timeout: float = 10.0) -> MockServer:
        """Bind the socket and start serving.

        Args:
            timeout: Seconds to wait for the server to come up.

        Returns:
            ``self``.

        Raises:
            RuntimeError: The server did not start in time.
        """
        sock = bind_socket(self.host, self.port)
        self._sock = sock
        self.port = sock.getsockname()[1]
        server = uvicorn.Server(uvicorn_config(self.app))
        self._server = server
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="devin-mock", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the mock server did not start")
            time.sleep(0.005)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving and release the socket (safe to call twice)."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._server = None

    def __enter__(self) -> MockServer:
        if self._server is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
