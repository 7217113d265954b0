"""Errors: what a handler raises, what validation finds, and how an API writes them down.

The kernel finds a request invalid as a list of :class:`FieldError` (FastAPI's ``loc``, ``msg``,
``type``), and handlers refuse with :class:`HttpError`; each API turns those into its own body
through its :class:`ErrorFormat` (Devin v1: FastAPI's ``{"detail": ...}``; Devin v3: RFC 9457
problem details; another vendor: its envelope). Messages never quote the offending value:
request bodies carry secrets and the mock must not echo them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final, Protocol, TypedDict

from starlette.responses import JSONResponse, Response

__all__ = [
    "Aborted",
    "ErrorFormat",
    "FastApiErrors",
    "FieldError",
    "Forbidden",
    "HttpError",
    "validation_errors",
]


class FieldError(TypedDict):
    """One reason a request is invalid, in FastAPI's shape."""

    loc: list[str | int]
    msg: str
    type: str


class Aborted(Exception):
    """A streamed response that cannot complete for a planned reason: the connection is cut."""


class HttpError(Exception):
    """A refusal a handler (or the state behind it) raises; the API's format renders it.

    Args:
        status: HTTP status code.
        detail: The human-readable reason (never a secret value).
        headers: Extra response headers.
    """

    def __init__(self, status: int, detail: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = dict(headers or {})


class Forbidden(HttpError):
    """403 naming the permission the caller lacks."""

    def __init__(self, permission: str) -> None:
        super().__init__(403, f"Missing permission: {permission}")
        self.permission = permission


class ErrorFormat(Protocol):
    """How one API writes its error bodies."""

    def error(self, status: int, detail: str, headers: Mapping[str, str] | None = None) -> Response:
        """Any refusal: 401, 403, 404, 405, 409, 413, an injected fault, a crash."""
        ...

    def invalid(self, errors: list[FieldError]) -> Response:
        """422: the request does not match the spec."""
        ...


class FastApiErrors:
    """FastAPI's bodies: ``{"detail": "text"}``, and ``{"detail": [FieldError, ...]}`` for 422.

    The kernel answers in this form where no API is concerned (admin routes, unknown paths).
    """

    def error(self, status: int, detail: str, headers: Mapping[str, str] | None = None) -> Response:
        """``{"detail": detail}``."""
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)

    def invalid(self, errors: list[FieldError]) -> Response:
        """``{"detail": [{"loc", "msg", "type"}, ...]}`` with status 422."""
        return JSONResponse({"detail": errors}, status_code=422)


PLAIN: Final = FastApiErrors()

# FastAPI-style ``type`` for a JSON-Schema type error, so 422 bodies look like the real API's.
_TYPE_ERROR_NAMES: Final = {
    "string": "string_type",
    "integer": "int_type",
    "number": "float_type",
    "boolean": "bool_type",
    "array": "list_type",
    "object": "dict_type",
    "null": "none_required",
}


def body_error(msg: str, kind: str, *path: str | int) -> FieldError:
    """A :class:`FieldError` located in the body (``["body", *path]``)."""
    return {"loc": ["body", *path], "msg": msg, "type": kind}


def validation_errors(errors: Iterable[Any], prefix: list[str | int]) -> list[FieldError]:
    """Turn ``jsonschema_rs`` errors into FastAPI ``ValidationError`` items.

    Args:
        errors: Errors from ``Validator.iter_errors``.
        prefix: Location prefix, e.g. ``["body"]`` or ``["query", "limit"]``.

    Returns:
        A list of ``{"loc", "msg", "type"}`` dicts (never empty when ``errors`` is not).
    """
    out: list[FieldError] = []
    for err in errors:
        out.extend(_convert(err, prefix))
    return out


def _convert(err: Any, prefix: list[str | int]) -> list[FieldError]:
    loc: list[str | int] = [*prefix, *err.instance_path]
    kind = err.kind
    name = kind.name
    info = kind.as_dict()
    if name == "anyOf":
        # ``X | None`` fields: report why the non-null branch failed, as FastAPI does.
        branches = [b for b in info.get("context", []) if not _only_null_type(b)]
        if len(branches) == 1 and branches[0]:
            out: list[FieldError] = []
            for sub in branches[0]:
                out.extend(_convert(sub, prefix))
            return out
        return [{"loc": loc, "msg": "Input does not match any allowed type", "type": "union"}]
    if name == "required":
        return [{"loc": [*loc, str(info["property"])], "msg": "Field required", "type": "missing"}]
    if name == "type":
        types = info.get("types") or [info.get("type")]
        first = str(types[0]) if types else "value"
        return [
            {
                "loc": loc,
                "msg": f"Input should be a valid {first}",
                "type": _TYPE_ERROR_NAMES.get(first, "type_error"),
            }
        ]
    limit = info.get("limit")
    simple = {
        "maxLength": ("string_too_long", f"String should have at most {limit} characters"),
        "minLength": ("string_too_short", f"String should have at least {limit} characters"),
        "maxItems": ("too_long", f"List should have at most {limit} items"),
        "minItems": ("too_short", f"List should have at least {limit} items"),
        "exclusiveMinimum": ("greater_than", f"Input should be greater than {limit}"),
        "minimum": ("greater_than_equal", f"Input should be greater than or equal to {limit}"),
        "exclusiveMaximum": ("less_than", f"Input should be less than {limit}"),
        "maximum": ("less_than_equal", f"Input should be less than or equal to {limit}"),
    }
    if name in simple:
        kind_type, msg = simple[name]
        return [{"loc": loc, "msg": msg, "type": kind_type}]
    if name == "format":
        return [
            {
                "loc": loc,
                "msg": f"Input should be a valid {info.get('format')}",
                "type": "value_error",
            }
        ]
    if name == "enum":
        options = " or ".join(repr(o) for o in info.get("options", []))
        return [{"loc": loc, "msg": f"Input should be {options}", "type": "enum"}]
    return [{"loc": loc, "msg": f"Input failed the {name!r} constraint", "type": "value_error"}]


def _only_null_type(branch: list[Any]) -> bool:
    return len(branch) == 1 and branch[0].kind.name == "type" and _is_null_expect(branch[0])


def _is_null_expect(err: Any) -> bool:
    info = err.kind.as_dict()
    types = info.get("types") or [info.get("type")]
    return list(types) == ["null"]
