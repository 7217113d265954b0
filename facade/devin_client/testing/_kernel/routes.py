"""Routing: spec operations to their endpoints, and a small table for routes outside the specs.

Both match raw (percent-encoded) path segments, so ``%2F`` stays inside a parameter, and both
tell a path nobody serves (404) from a path served for other methods (405 with ``Allow``).
Among templates that fit a path, the one with literal segments earliest wins
(``/sessions/insights`` before ``/sessions/{id}``), as OpenAPI asks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import unquote

if TYPE_CHECKING:
    from starlette.requests import Request

    from .api import Api, Handler
    from .spec import Operation

__all__ = ["Endpoint", "OperationRouter", "Route", "RouteCall", "RouteTable"]


@dataclass
class Endpoint:
    """A spec operation, the handler serving it and the API it belongs to.

    Mutable on purpose: a test of the tests may swap a handler or an operation's validators in
    its own mock (``mock.app.endpoints["POST /v1/sessions"].handler = broken``).
    """

    operation: Operation
    handler: Handler[Any]
    api: Api[Any]


@dataclass(slots=True)
class RouteCall:
    """A request to a route outside the specs.

    Attributes:
        request: The Starlette request.
        params: Path parameters, decoded.
        raw_path: The path as sent (percent-encoded).
        body: For POST, PUT and PATCH: the JSON body (``{}`` when empty); else ``None``.
    """

    request: Request
    params: dict[str, str]
    raw_path: str
    body: Any = None


@dataclass(frozen=True)
class Route:
    """One route outside the specs (every path under ``/_mock`` answers only this machine).

    Attributes:
        methods: The methods it answers (``("GET", "HEAD")``).
        path: Its template, e.g. ``"/_mock/faults/{fault_id}"``.
        handler: ``RouteCall`` -> a JSON value (200), a :class:`~.api.Reply` or a response.
    """

    methods: tuple[str, ...]
    path: str
    handler: Callable[[RouteCall], Any]


_T = TypeVar("_T")


@dataclass(frozen=True)
class _Template(Generic[_T]):
    literals: tuple[tuple[int, str], ...]  # (segment index, text)
    params: tuple[tuple[int, str], ...]  # (segment index, parameter name)
    entry: _T
    order: tuple[bool, ...]  # per segment, whether it is a parameter: literal-first sorts first

    def match(self, segments: list[str]) -> dict[str, str] | None:
        for index, text in self.literals:
            if segments[index] != text:
                return None
        params: dict[str, str] = {}
        for index, name in self.params:
            got = segments[index]
            if not got:
                return None
            params[name] = unquote(got, errors="replace")
        return params


class _Templates(Generic[_T]):
    """Templates grouped by segment count, most literal first."""

    def __init__(self, entries: Iterable[tuple[str, _T]]) -> None:
        self._groups: dict[int, list[_Template[_T]]] = {}
        for path, entry in entries:
            segments = path.split("/")
            literals = tuple((i, s) for i, s in enumerate(segments) if not s.startswith("{"))
            params = tuple((i, s[1:-1]) for i, s in enumerate(segments) if s.startswith("{"))
            order = tuple(s.startswith("{") for s in segments)
            group = self._groups.setdefault(len(segments), [])
            group.append(_Template(literals, params, entry, order))
        for group in self._groups.values():
            # Literal segments earliest first: /sessions/insights before /sessions/{id}.
            group.sort(key=lambda t: t.order)

    def candidates(self, raw_path: str) -> Iterator[tuple[dict[str, str], _T]]:
        """Every template the path fits, most literal first, with its parameters."""
        segments = raw_path.split("/")
        for template in self._groups.get(len(segments), ()):
            params = template.match(segments)
            if params is not None:
                yield params, template.entry


class OperationRouter:
    """Finds the endpoint serving a request among every registered API's operations."""

    def __init__(self, endpoints: Iterable[Endpoint]) -> None:
        endpoints = list(endpoints)
        self._templates = _Templates((e.operation.path, e) for e in endpoints)
        # Paths without parameters: one lookup (when no template of the same length is more
        # literal, which no template can be).
        self._static = {
            (e.operation.method, e.operation.path): e
            for e in endpoints
            if "{" not in e.operation.path
        }

    def resolve(self, method: str, raw_path: str) -> tuple[Endpoint | None, dict[str, str], str]:
        """Find the endpoint for a request.

        Args:
            method: The HTTP method (upper case).
            raw_path: The request path as sent (percent-encoded).

        Returns:
            ``(endpoint, path_params, allow)``: without an endpoint, ``allow`` lists the methods
            the path is served for (``""``: the path is unknown, 404; else 405). A method that
            the most literal fitting path lacks goes to a less literal one that has it
            (``DELETE /sessions/insights`` is ``DELETE /sessions/{id}``, as Starlette routes
            it), and ``allow`` lists the most literal path's methods only, as its path item
            documents them.
        """
        static = self._static.get((method, raw_path))
        if static is not None:
            return static, {}, ""
        allowed: set[str] = set()
        named: str | None = None
        for params, endpoint in self._templates.candidates(raw_path):
            if endpoint.operation.method == method:
                return endpoint, params, ""
            named = named or endpoint.operation.path
            if endpoint.operation.path == named:
                allowed.add(endpoint.operation.method)
        return None, {}, ", ".join(sorted(allowed))


class RouteTable:
    """The routes outside the specs (admin API, presigned downloads...)."""

    def __init__(self, routes: Iterable[Route]) -> None:
        self.routes = tuple(routes)
        self._templates = _Templates((r.path, r) for r in self.routes)

    def resolve(self, method: str, raw_path: str) -> tuple[Route | None, dict[str, str], str]:
        """Find the route for a request: ``(route, params, allow)`` as in the router above."""
        allowed: set[str] = set()
        for params, route in self._templates.candidates(raw_path):
            if method in route.methods:
                return route, params, ""
            allowed.update(route.methods)
        return None, {}, ", ".join(sorted(allowed))
