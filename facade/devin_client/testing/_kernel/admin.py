"""The admin API every mock has, under ``/_mock``, and the guard that keeps it on this machine.

Routes: ``GET /_mock/health``, ``POST /_mock/reset``, ``GET|POST|DELETE /_mock/faults``,
``DELETE /_mock/faults/{id}``, ``GET /_mock/issues`` (``?kind=response``: only responses that
broke the spec; an API adds kinds of its own), ``GET /_mock/stats``. An API adds its own
(scripting sessions, moving the clock...) as ordinary :class:`~.routes.Route` objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from .api import Reply
from .errors import HttpError
from .hosts import hostname_of, is_loopback, same_host
from .inputs import DIGITS
from .routes import Route, RouteCall

if TYPE_CHECKING:
    from starlette.requests import Request

    from .app import MockApp

__all__ = ["ADMIN_PREFIX", "kernel_routes", "refusal"]

ADMIN_PREFIX: Final = "/_mock"


def json_object(body: Any) -> dict[str, Any]:
    """An admin body that must be a JSON object.

    Raises:
        ValueError: It is not (answered 400).
    """
    if not isinstance(body, dict):
        raise ValueError("body must be a JSON object")
    return body


def kernel_routes(app: MockApp) -> list[Route]:
    """The admin routes of the kernel, working on ``app``."""

    def health(_call: RouteCall) -> Any:
        return {"status": "ok"}

    def reset(_call: RouteCall) -> Any:
        app.reset()
        return {"status": "ok"}

    def list_faults(_call: RouteCall) -> Any:
        return [f.to_dict() for f in app.faults.all]

    def add_fault(call: RouteCall) -> Any:
        return Reply(app.faults.add_from_dict(json_object(call.body)).to_dict(), status=201)

    def clear_faults(_call: RouteCall) -> Any:
        app.faults.clear()
        return {"status": "ok"}

    def remove_fault(call: RouteCall) -> Any:
        fault_id = call.params["fault_id"]
        if not DIGITS.fullmatch(fault_id):
            raise HttpError(404, "Not Found")
        app.faults.remove(int(fault_id))
        return {"status": "ok"}

    def issues(call: RouteCall) -> Any:
        kind = call.request.query_params.get("kind")
        found = app.records.issues
        if kind is not None:
            found = [i for i in found if getattr(i, "kind", None) == kind]
        return [str(i) for i in found]

    def stats(_call: RouteCall) -> Any:
        return {
            "unplanned_errors": len(app.records.crashes),
            "response_issues": len(app.records.issues),
            "faults": [f.to_dict() for f in app.faults.all],
            "hits": app.records.hits,
        }

    prefix = ADMIN_PREFIX
    return [
        Route(("GET",), f"{prefix}/health", health),
        Route(("POST",), f"{prefix}/reset", reset),
        Route(("GET",), f"{prefix}/faults", list_faults),
        Route(("POST",), f"{prefix}/faults", add_fault),
        Route(("DELETE",), f"{prefix}/faults", clear_faults),
        Route(("DELETE",), f"{prefix}/faults/{{fault_id}}", remove_fault),
        Route(("GET",), f"{prefix}/issues", issues),
        Route(("GET",), f"{prefix}/stats", stats),
    ]


def refusal(request: Request) -> str | None:
    """Why an admin request must be refused (403), or ``None``.

    The admin API has no key, so it is for this machine only. A browser can still be made to
    reach it: DNS rebinding (a page on ``attacker.example`` whose name now resolves to
    127.0.0.1 sends ``Host: attacker.example``) and cross-site requests (``Origin`` of another
    site). So the ``Host`` must be a loopback name or the address the connection arrived at
    (an IP literal on a socket; in-process, the URL's host), and an ``Origin``, when present,
    a loopback one.
    """
    server = request.scope.get("server") or (None, None)
    own = str(server[0]) if server[0] is not None else None

    def local(host: str | None) -> bool:
        return host is not None and (
            is_loopback(host) or (own is not None and same_host(host, own))
        )

    host_header = request.headers.get("host")
    if host_header is not None and not local(hostname_of(host_header)):
        return "the admin API answers only requests addressed to this machine (Host)"
    origin = request.headers.get("origin")
    if origin is not None:
        _scheme, sep, authority = origin.partition("://")
        if not sep or not local(hostname_of(authority)):
            return "the admin API refuses cross-site requests (Origin)"
    return None
