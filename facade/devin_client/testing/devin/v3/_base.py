"""What every v3 handler shares: RFC 9457 error bodies, the organisation and permission checks
every route makes before its handler runs, cursor paging, and timestamps.

A v3 handler is registered with the permission it needs::

    @handlers("GET /v3/organizations/{org_id}/sessions", needs=VIEW_SESSIONS)
    def list_sessions(call): ...

and only runs for a caller whose key belongs to the path's organisation (or is an enterprise
key) and holds that permission. Refusals are ``ProblemDetail`` bodies: 403 naming the missing
permission, 403 (or 404, see ``DevinBackend.foreign_org_status``) for another organisation's
path, 422 with ``errors`` for what the schema allows but a documented rule refuses, 409 for a
write to a session that has ended.
"""

from __future__ import annotations

import base64
import binascii
import functools
import inspect
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from typing import Any, Final, TypeVar

from starlette.responses import JSONResponse, Response

from ..._kernel.api import Call, Handler, Handlers, RegistrationError
from ..._kernel.errors import FieldError, Forbidden, HttpError
from ..._kernel.safe_json import load_json
from ..._kernel.spec import Operation, load_document
from .._shared import InvalidInput
from ..backend import DevinBackend, OrgState
from ..keys import ENTERPRISE
from ..sessions import SessionEnded

__all__ = [
    "NO_PERMISSION",
    "PACKAGE",
    "PROBLEMS",
    "ProblemDetails",
    "V3Handlers",
    "org",
    "paged",
    "seconds",
]

PACKAGE: Final = "devin_api_v3"
"""The generated package whose ``openapi.json`` is v3's contract."""

NO_PERMISSION: Final[tuple[str, ...]] = ()
"""``needs=`` of a route any valid v3 key may call (``/v3/self``)."""

T = TypeVar("T")
Needs = str | tuple[str, ...]


class ProblemDetails:
    """RFC 9457 bodies, as v3 declares them (``ProblemDetail``, sent as ``application/json``).

    ``type`` is ``about:blank``, ``title`` the status phrase, ``detail`` the reason; a 422 also
    carries ``errors``: the field errors in FastAPI's ``{loc, msg, type}`` shape. ``instance``
    is not sent (optional in the schema; the kernel's error formats do not see the request).
    """

    def error(self, status: int, detail: str, headers: Mapping[str, str] | None = None) -> Response:
        """A ``ProblemDetail`` for any refusal."""
        return JSONResponse(_problem(status, detail), status_code=status, headers=headers)

    def invalid(self, errors: list[FieldError]) -> Response:
        """422 with the field errors in ``errors``; ``detail`` names the first."""
        first = errors[0] if errors else None
        where = ".".join(str(p) for p in first["loc"]) if first else "request"
        detail = f"{where}: {first['msg']}" if first else "Request validation failed"
        if len(errors) > 1:
            detail += f" (and {len(errors) - 1} more)"
        body = {**_problem(422, detail), "errors": [dict(e) for e in errors]}
        return JSONResponse(body, status_code=422)


def _problem(status: int, detail: str) -> dict[str, Any]:
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    return {"type": "about:blank", "title": title, "status": status, "detail": detail}


PROBLEMS: Final = ProblemDetails()


class V3Handlers(Handlers[DevinBackend]):
    """v3's handler table: each handler says the permission it needs (``needs=``), and runs
    behind the organisation and permission checks.

    ``needs``: one permission, a tuple of permissions any one of which will do (the 403 names
    the first), or :data:`NO_PERMISSION`.
    """

    def __call__(
        self, key: str, *, needs: Needs | None = None
    ) -> Callable[[Handler[DevinBackend]], Handler[DevinBackend]]:
        """Register the decorated function as the handler of ``key``, checked."""
        if needs is None:
            raise RegistrationError(f"{key}: say the permission it needs (needs=...)")
        register = super().__call__(key)
        wanted = (needs,) if isinstance(needs, str) else tuple(needs)

        def decorate(handler: Handler[DevinBackend]) -> Handler[DevinBackend]:
            register(_checked(handler, wanted))
            return handler

        return decorate


def _checked(handler: Handler[DevinBackend], wanted: tuple[str, ...]) -> Handler[DevinBackend]:
    @functools.wraps(handler)
    def run(call: Call[DevinBackend]) -> Any:
        try:
            _admit(call, wanted)
            result = handler(call)
        except (InvalidInput, SessionEnded) as exc:
            return _refusal(exc)
        if inspect.iscoroutine(result):
            return _finish(result)
        return result

    return run


async def _finish(pending: Any) -> Any:
    try:
        return await pending
    except (InvalidInput, SessionEnded) as exc:
        return _refusal(exc)


def _refusal(exc: InvalidInput | SessionEnded) -> Response:
    if isinstance(exc, InvalidInput):
        return PROBLEMS.invalid([{"loc": list(exc.loc), "msg": exc.detail, "type": "value_error"}])
    # v1 answers a write to an ended session 400; v3 declares 409 for it (inferred).
    return PROBLEMS.error(409, "Session has ended (terminated, expired or errored)")


def _admit(call: Call[DevinBackend], wanted: tuple[str, ...]) -> None:
    principal = call.principal
    path_org = call.path.get("org_id")
    if path_org is not None and principal.org_id not in {path_org, ENTERPRISE}:
        if call.state.foreign_org_status == 404:
            raise HttpError(404, "Organization not found")
        raise HttpError(403, "The credential does not belong to this organization")
    if wanted and not any(principal.may(p) for p in wanted):
        raise Forbidden(wanted[0])


def org(call: Call[DevinBackend]) -> OrgState:
    """The state of the organisation in the call's path (already checked against the key)."""
    return call.state.org(call.path["org_id"])


def require(call: Call[DevinBackend], permission: str, field: str) -> None:
    """Refuse (403 naming ``permission``) a request whose ``field`` needs more than its route.

    Raises:
        HttpError: 403, the caller lacks ``permission``.
    """
    if not call.principal.may(permission):
        raise HttpError(403, f"Missing permission: {permission} (needed for {field})")


def seconds(moment: datetime) -> int:
    """A timestamp as v3 writes it: integer Unix seconds."""
    return int(moment.timestamp())


# ---- cursor paging -------------------------------------------------------------------------

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


_MICROSECOND: Final = timedelta(microseconds=1)


def micros(moment: datetime) -> int:
    """Exact microseconds since the epoch (a sort key that survives a JSON round trip)."""
    return (moment - _EPOCH) // _MICROSECOND


@functools.cache
def query_default(method: str, path: str, name: str) -> Any:
    """The spec's default of a query parameter (``first``: 100)."""
    operation = load_document(PACKAGE)["paths"][path][method.lower()]
    for param in operation.get("parameters", []):
        if param.get("in") == "query" and param.get("name") == name:
            return param.get("schema", {}).get("default")
    return None


def _default(operation: Operation, name: str) -> Any:
    return query_default(operation.method, operation.path, name)


def encode_cursor(kind: str, key: Sequence[int | str]) -> str:
    """An opaque cursor: base64 of ``{"kind", "after"}`` (as the docs' example is base64 JSON)."""
    text = json.dumps({"kind": kind, "after": list(key)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode()


def decode_cursor(cursor: str, kind: str) -> tuple[int, str]:
    """The position a cursor of this listing stands for.

    Raises:
        InvalidInput: Not a cursor this listing issued (garbage, or another listing's).
    """
    bad = InvalidInput(["query", "after"], "Invalid cursor: pass an end_cursor this listing gave")
    try:
        # Bounded: a cursor is client input (a deeply nested one must not crash the mock).
        data = load_json(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):  # BadJSON is a ValueError
        raise bad from None
    if not isinstance(data, dict) or data.get("kind") != kind:
        raise bad
    after = data.get("after")
    if (
        not isinstance(after, list)
        or len(after) != 2
        or type(after[0]) is not int
        or not isinstance(after[1], str)
    ):
        raise bad
    return after[0], after[1]


def paged(
    call: Call[DevinBackend],
    items: Sequence[T],
    *,
    kind: str,
    key: Callable[[T], tuple[int, str]],
    render: Callable[[T], Any],
    descending: bool = False,
) -> dict[str, Any]:
    """One page of a cursor listing (``first``, ``after``), in the ``PaginatedResponse`` shape.

    ``items`` are in display order, and ``key`` increases along it (decreases, with
    ``descending``), uniquely; a cursor names the last key a page showed, so a page starts
    right after it even when items were added or deleted meanwhile. ``end_cursor`` is ``null``
    and ``has_next_page`` false on the last page; ``total`` counts every item of the listing.

    Raises:
        InvalidInput: ``after`` is not a cursor of this listing.
    """
    first = call.query.get("first", _default(call.operation, "first"))
    after = call.query.get("after")
    start = 0
    if after is not None:
        position = decode_cursor(after, kind)
        start = next(
            (
                i
                for i, item in enumerate(items)
                if (key(item) < position if descending else key(item) > position)
            ),
            len(items),
        )
    page = list(items[start : start + first])
    more = start + first < len(items)
    return {
        "items": [render(item) for item in page],
        "end_cursor": encode_cursor(kind, key(page[-1])) if more and page else None,
        "has_next_page": more,
        "total": len(items),
    }


def offset_paged(
    call: Call[DevinBackend], items: Sequence[T], render: Callable[[T], Any]
) -> dict[str, Any]:
    """One page of an offset listing (``limit``, ``offset``: schedules) in the same envelope;
    ``end_cursor`` is always ``null`` (there is no cursor to follow; ``has_next_page`` says
    whether ``offset + limit`` has more)."""
    limit = call.query.get("limit", _default(call.operation, "limit"))
    offset = call.query.get("offset", _default(call.operation, "offset")) or 0
    page = list(items[offset : offset + limit])
    return {
        "items": [render(item) for item in page],
        "end_cursor": None,
        "has_next_page": offset + limit < len(items),
        "total": len(items),
    }
