"""What an API package gives the kernel, and what the kernel gives its handlers.

An API package registers an :class:`Api`: its spec (the generated package's ``openapi.json``),
its handlers keyed by ``"METHOD /path"`` exactly as the spec writes it, its state, how a
request's credentials become a :class:`Principal` (organisation and permissions), how its error
bodies look, and any routes outside the spec. The kernel checks the handlers against the spec
when the :class:`Api` is built: an operation without a handler, or a handler for no operation,
stops the mock before it serves anything.

A handler takes a :class:`Call` and returns the body; the kernel answers the operation's one
documented 2xx status. A handler that answers something else returns a :class:`Reply` (or any
Starlette response), and one that refuses raises :class:`~.errors.HttpError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from .errors import PLAIN, ErrorFormat, Forbidden
from .spec import Operation, Spec

if TYPE_CHECKING:
    from starlette.datastructures import Headers
    from starlette.requests import Request

    from .records import Recorder
    from .routes import Route

__all__ = [
    "Api",
    "BearerAuth",
    "Call",
    "Handler",
    "Handlers",
    "Principal",
    "RegistrationError",
    "Reply",
    "State",
]


class State(Protocol):
    """An API's state: anything the admin API can empty."""

    def reset(self) -> None:
        """Forget everything."""
        ...


S = TypeVar("S", bound=State)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the organisation a key belongs to and what it may do.

    Args:
        org_id: The caller's organisation (its state's scope).
        key: The credential itself (never shown in ``repr``).
        permissions: What the key may do; ``None`` for everything.
    """

    org_id: str
    key: str = field(default="", repr=False)
    permissions: frozenset[str] | None = None

    def may(self, permission: str) -> bool:
        """Whether the caller holds ``permission``."""
        return self.permissions is None or permission in self.permissions

    def require(self, *permissions: str) -> None:
        """Refuse the call (403 naming the first one missing) unless it holds every permission.

        Raises:
            Forbidden: A permission is missing.
        """
        for permission in permissions:
            if not self.may(permission):
                raise Forbidden(permission)


ANONYMOUS = Principal(org_id="")


class Auth(Protocol):
    """Turns a request's headers into a :class:`Principal`, or refuses it."""

    detail: str
    headers: Mapping[str, str]

    def __call__(self, headers: Headers) -> Principal | None:
        """The caller, or ``None`` (401 with :attr:`detail` and :attr:`headers`)."""
        ...


class BearerAuth:
    """``Authorization: Bearer <key>``; ``lookup`` says who a key is (``None``: unknown).

    Args:
        lookup: Key -> principal, consulted on every request (so keys may change meanwhile).
    """

    detail = "Missing or invalid Authorization header"
    headers: Mapping[str, str] = {"WWW-Authenticate": "Bearer"}

    def __init__(self, lookup: Callable[[str], Principal | None]) -> None:
        self.lookup = lookup

    def __call__(self, headers: Headers) -> Principal | None:
        """The caller of a request with these headers, or ``None``."""
        scheme, _, token = (headers.get("authorization") or "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return None
        return self.lookup(token)


@dataclass(slots=True)
class Call(Generic[S]):
    """One validated request, as a handler sees it.

    Attributes:
        state: The API's state.
        principal: The caller (``org_id`` empty on an operation the spec leaves open).
        operation: The operation being served.
        path: Path parameters, decoded.
        query: Query parameters the spec declares and the request sent, coerced and valid.
        body: The JSON body, or for a multipart body a dict of its fields (files as Starlette
            ``UploadFile``); ``None`` without a body.
        request: The Starlette request (``base_url``, headers).
        records: The mock's records: ``call.records.issue(problem)`` reports a problem with the
            request (``GET /_mock/issues``; the pytest fixture fails the test on it).
    """

    state: S
    principal: Principal
    operation: Operation
    path: dict[str, str]
    query: dict[str, Any]
    body: Any
    request: Request
    records: Recorder


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer other than "the body, with the operation's one 2xx status".

    Attributes:
        body: The JSON body (sent only when the spec documents a body for the status).
        status: The status; ``None`` for the operation's documented 2xx.
        headers: Extra headers (``Location`` of a redirect...).
        text: Send ``body`` (a string) as ``text/plain`` instead of JSON: an answer that
            departs from the spec on purpose, because the user asked the mock for it (what
            a server is known to do, or what the docs read); response validation skips it.
    """

    body: Any = None
    status: int | None = None
    headers: Mapping[str, str] | None = None
    text: bool = False


Handler = Callable[[Call[S]], Any]
"""A handler: a :class:`Call` in; a body, a :class:`Reply` or a Starlette response out (an
``async def`` handler returns a coroutine of one of these)."""


class Handlers(dict[str, Handler[S]]):
    """A table of handlers keyed by ``"METHOD /path"``; one per resource module.

    Example:
        ``handlers = Handlers[Backend]()`` then ``@handlers("GET /v1/things/{thing_id}")``
        above ``def get_thing(call): ...``.
    """

    def __call__(self, key: str) -> Callable[[Handler[S]], Handler[S]]:
        """Register the decorated function as the handler of ``key``."""
        method, sep, path = key.partition(" ")
        if not sep or not method.isupper() or not path.startswith("/"):
            raise ValueError(f"a handler is keyed by 'METHOD /path', not {key!r}")

        def register(handler: Handler[S]) -> Handler[S]:
            if key in self:
                raise RegistrationError(f"two handlers for {key}")
            self[key] = handler
            return handler

        return register

    @classmethod
    def merge(cls, tables: Iterable[Mapping[str, Handler[S]]]) -> Handlers[S]:
        """One table from several; a key in two of them is an error."""
        merged: Handlers[S] = cls()
        for table in tables:
            for key, handler in table.items():
                merged(key)(handler)
        return merged


class RegistrationError(RuntimeError):
    """An API whose handlers and spec disagree; the mock does not start."""


@dataclass
class Api(Generic[S]):
    """One API as the kernel serves it.

    Args:
        name: Its name in messages (``devin-v1``).
        spec: Its spec (``load_spec("<generated package>")``).
        handlers: ``"METHOD /path"`` -> handler, one for every operation of the spec.
        state: What its handlers work on (``call.state``); emptied by ``POST /_mock/reset``.
        auth: How requests to operations the spec secures are authenticated.
        errors: How its error bodies look.
        routes: Its routes outside the spec (admin routes under ``/_mock``, ...).

    Raises:
        RegistrationError: An operation of the spec has no handler, a handler names no
            operation of the spec, or the spec secures operations and ``auth`` is missing.
    """

    name: str
    spec: Spec
    handlers: Mapping[str, Handler[S]]
    state: S
    auth: Auth | None = None
    errors: ErrorFormat = PLAIN
    routes: Sequence[Route] = ()

    def __post_init__(self) -> None:
        missing = [op for op in self.spec.operations if op.key not in self.handlers]
        unknown = sorted(set(self.handlers) - set(self.spec.by_key))
        problems = []
        bodies = {None, "application/json", "multipart/form-data"}
        odd = [
            f"{op.key} ({op.body_media_type})"
            for op in self.spec.operations
            if op.body_media_type not in bodies
        ]
        if odd:
            problems.append(f"request bodies the kernel cannot read: {', '.join(odd)}")
        if self.auth is None and any(op.secured for op in self.spec.operations):
            problems.append("the spec asks for credentials and no auth is given")
        if missing:
            listed = ", ".join(f"{op.key} ({op.operation_id})" for op in missing)
            problems.append(f"spec operations without a handler: {listed}")
        if unknown:
            problems.append(f"handlers that name no operation of the spec: {', '.join(unknown)}")
        if problems:
            raise RegistrationError(
                f"the mock of {self.name} ({self.spec.name}) cannot start: " + "; ".join(problems)
            )
