"""Serving a mock in the foreground until Ctrl-C: what a mock's command line runs.

Binds first (a port that cannot be bound is exit status 2, with the reason), prints the
machine-readable first line ``<name> listening on http://HOST:PORT`` (scripts start a mock on
port 0 and read it), warns when the interface is not loopback (the admin API has no key), and
runs uvicorn on the bound socket.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from .hosts import is_loopback
from .server import bind_socket, uvicorn_config

__all__ = ["serve"]


def serve(
    app: Any,
    *,
    name: str,
    host: str,
    port: int,
    summary: str,
    log_level: str = "warning",
    on_close: Callable[[], None] | None = None,
) -> int:
    """Serve ``app`` until the server stops.

    Args:
        app: The ASGI app.
        name: The command's name, first word of every line it prints.
        host: Interface to bind.
        port: Port to bind (0: a free one).
        summary: A second line to print (never a credential).
        log_level: uvicorn's log level.
        on_close: Called once the server has stopped.

    Returns:
        0 after a clean stop, 2 when the address cannot be bound. Ctrl-C propagates as
        ``KeyboardInterrupt`` once uvicorn has stopped.
    """
    import uvicorn

    try:
        sock = bind_socket(host, port)
    except OSError as exc:
        print(f"{name}: cannot bind {host}:{port}: {exc.strerror}", file=sys.stderr)
        return 2
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    if not is_loopback(host):
        print(
            f"{name}: warning: --host {host} is not a loopback address: other machines "
            "can reach the mock, its accepted API keys and the /_mock admin API (which has no "
            "auth and can reset state and inject faults). Use --host 127.0.0.1 unless you "
            "mean it.",
            file=sys.stderr,
            flush=True,
        )
    print(f"{name} listening on http://{shown}:{bound}", flush=True)
    print(f"  {summary}", flush=True)
    server = uvicorn.Server(uvicorn_config(app, log_level=log_level))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        if on_close is not None:
            on_close()
    return 0
