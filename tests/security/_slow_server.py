"""A loopback HTTP server that misbehaves on purpose: it trickles, stalls or talks garbage.

Each connection gets ``script(connection)``, run on its own daemon thread. The server stops
every script after ``give_up`` seconds (closing the socket), so a client that is not protected
still finishes, just late: the tests then fail on the elapsed time instead of hanging.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Script = Callable[["Connection"], None]


class Stop(Exception):
    """Raised inside a script when the server shuts down or the client went away."""


class Connection:
    def __init__(self, sock: socket.socket, stop: threading.Event, give_up: float) -> None:
        self.sock = sock
        self._stop = stop
        self._until = time.monotonic() + give_up

    def _check(self) -> None:
        if self._stop.is_set() or time.monotonic() > self._until:
            raise Stop

    def send(self, data: bytes) -> None:
        self._check()
        try:
            self.sock.sendall(data)
        except OSError:
            raise Stop from None

    def trickle(self, data: bytes, interval: float) -> None:
        """Send ``data`` one byte at a time, ``interval`` seconds apart."""
        for i in range(len(data)):
            self.send(data[i : i + 1])
            self.pause(interval)

    def pause(self, seconds: float) -> None:
        self._check()
        if self._stop.wait(seconds):
            raise Stop

    def read_request_head(self) -> bytes:
        """Read up to the end of the request headers (the body, if any, is left unread)."""
        data = b""
        self.sock.settimeout(0.2)
        while b"\r\n\r\n" not in data:
            self._check()
            try:
                chunk = self.sock.recv(1)
            except TimeoutError:
                continue
            except OSError:
                raise Stop from None
            if not chunk:
                raise Stop
            data += chunk
        return data

    def read_slowly(self, size: int, interval: float) -> None:
        """Read the request body ``size`` bytes at a time, ``interval`` seconds apart, forever."""
        self.sock.settimeout(0.2)
        while True:
            self.pause(interval)
            try:
                if not self.sock.recv(size):
                    raise Stop
            except TimeoutError:
                continue
            except OSError:
                raise Stop from None


class SlowServer:
    def __init__(self, script: Script, give_up: float) -> None:
        self.script = script
        self.give_up = give_up
        self.stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                sock, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            thread = threading.Thread(target=self._run, args=(sock,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _run(self, sock: socket.socket) -> None:
        with sock, contextlib.suppress(Stop):
            self.script(Connection(sock, self.stop, self.give_up))

    def close(self) -> None:
        self.stop.set()
        self._accept.join(2)
        self.listener.close()
        for thread in self._threads:
            thread.join(2)


@contextmanager
def slow_server(script: Script, give_up: float = 5.0) -> Iterator[SlowServer]:
    server = SlowServer(script, give_up)
    server._accept.start()
    try:
        yield server
    finally:
        server.close()


# -- scripts --------------------------------------------------------------------------------

SESSION_JSON = (
    b'{"session_id":"devin-1","status":"running","status_enum":"working",'
    b'"created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z"}'
)


def head(status: int = 200, length: int = len(SESSION_JSON), extra: bytes = b"") -> bytes:
    reason = {200: b"OK", 500: b"Internal Server Error"}.get(status, b"X")
    return b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n%s\r\n" % (
        status,
        reason,
        length,
        extra,
    )


def trickle_headers(interval: float) -> Script:
    """Answer with the status line and headers one byte at a time."""

    def script(conn: Connection) -> None:
        conn.read_request_head()
        conn.trickle(head() + SESSION_JSON, interval)

    return script


def trickle_body(interval: float, status: int = 200) -> Script:
    """Send the headers at once, then a long body one byte at a time."""

    def script(conn: Connection) -> None:
        conn.read_request_head()
        body = b'{"detail":"' + b"x" * 10_000 + b'"}'
        conn.send(head(status, len(body)))
        conn.trickle(body, interval)

    return script


def read_body_slowly(size: int, interval: float) -> Script:
    """Read the request headers, then the body a few bytes at a time (never answering)."""

    def script(conn: Connection) -> None:
        conn.read_request_head()
        conn.read_slowly(size, interval)

    return script


def answer(raw: bytes) -> Script:
    """Read the request head, send ``raw`` and close."""

    def script(conn: Connection) -> None:
        conn.read_request_head()
        conn.send(raw)

    return script
