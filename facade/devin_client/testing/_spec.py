"""The merged OpenAPI spec as the mock's single source of truth.

Routes, request validation and (opt-in) response validation all come from the spec shipped in
``devin_api/openapi.json``; nothing here restates a constraint by hand.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import unquote

import jsonschema_rs

__all__ = [
    "Operation",
    "Spec",
    "load_document",
    "load_spec",
    "session_statuses",
]

# Both match in linear time: no two quantifiers can share the same digits (a pattern such as
# ``\d+\.?\d*`` backtracks quadratically on a long digit string and froze the mock).
_INT_RE = re.compile(r"[+-]?\d+")
_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")

# FastAPI-style ``type`` for a JSON-Schema type error, so 422 bodies look like the real API's.
_TYPE_ERROR_NAMES = {
    "string": "string_type",
    "integer": "int_type",
    "number": "float_type",
    "boolean": "bool_type",
    "array": "list_type",
    "object": "dict_type",
    "null": "none_required",
}


def _validator(schema: Mapping[str, Any], components: Mapping[str, Any], *, formats: bool) -> Any:
    # ``components`` rides along as a sibling so "#/components/..." refs resolve inside it;
    # it is not a JSON-Schema keyword and is otherwise ignored.
    root = {**schema, "components": components}
    return jsonschema_rs.Draft202012Validator(root, validate_formats=formats)


@dataclass(frozen=True)
class QueryParam:
    """One query parameter of an operation, with its schema's validator."""

    name: str
    is_array: bool
    allows_integer: bool
    validator: Any = field(repr=False)

    def coerce(self, value: str) -> Any:
        """Coerce one raw query-string value the way FastAPI would before validation.

        Integers become ``int`` where the schema takes one; anything else stays a string, so the
        schema reports the type error. So does an integer too long for Python to convert (more
        than ``sys.get_int_max_str_digits()`` digits), as pydantic refuses one.
        """
        if self.allows_integer and _NUMBER_RE.fullmatch(value):
            try:
                if _INT_RE.fullmatch(value):
                    return int(value)
                # JSON Schema counts an integral float ("60.0", "1e3") as an integer.
                number = float(value)
                if number.is_integer():
                    return int(number)
            except (ValueError, OverflowError):
                return value
        return value


@dataclass(frozen=True)
class Operation:
    """One operation of the spec: method, path template and how to validate its traffic."""

    operation_id: str
    method: str
    path: str
    _segments: tuple[str, ...] = field(repr=False)
    query: tuple[QueryParam, ...] = field(repr=False)
    body_media_type: str | None = None
    body_validator: Any = field(default=None, repr=False)
    responses: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def match(self, segments: list[str]) -> dict[str, str] | None:
        """Return the path parameters if ``segments`` (still percent-encoded) fit the template.

        Args:
            segments: The request path split on ``/`` (raw, so ``%2F`` stays inside a segment).

        Returns:
            Decoded path parameters, or ``None`` when the path does not fit.
        """
        if len(segments) != len(self._segments):
            return None
        params: dict[str, str] = {}
        for want, got in zip(self._segments, segments, strict=True):
            if want.startswith("{"):
                if not got:
                    return None
                params[want[1:-1]] = unquote(got, errors="replace")
            elif want != got:
                return None
        return params


class Spec:
    """The merged spec, indexed for the mock.

    Args:
        document: The parsed OpenAPI document.
    """

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self.components: Mapping[str, Any] = document["components"]
        ops: list[Operation] = []
        for path, item in document["paths"].items():
            for method, op in item.items():
                if method not in {"get", "put", "post", "delete", "patch", "head", "options"}:
                    continue
                ops.append(self._operation(path, method, op))
        self.operations: tuple[Operation, ...] = tuple(ops)
        self.by_id: dict[str, Operation] = {op.operation_id: op for op in ops}
        self._response_validators: dict[tuple[str, str], Any] = {}
        # Listing errors costs far more than finding one (the validator renders every value
        # it quotes): a request's lists are cut one past the largest item count the spec
        # constrains before its errors are listed, which leaves the same kinds of error.
        self._list_cap = 1 + max(_item_limits(self.components), default=0)

    def request_errors(self, validator: Any, value: Any, prefix: list[str | int]) -> list[Any]:
        """Validate a request value; FastAPI-style errors, in time linear in its size.

        Args:
            validator: The parameter's or body's validator.
            value: The parsed value.
            prefix: Location prefix, e.g. ``["body"]`` or ``["query", "limit"]``.

        Returns:
            The errors (empty when the value is valid).
        """
        if validator.is_valid(value):
            return []
        trimmed = _cut_lists(value, self._list_cap)
        return validation_errors(validator.iter_errors(trimmed), prefix)

    def _operation(self, path: str, method: str, op: Mapping[str, Any]) -> Operation:
        query = tuple(
            QueryParam(
                name=p["name"],
                is_array=_allows_type(p.get("schema", {}), "array"),
                allows_integer=_allows_type(p.get("schema", {}), "integer"),
                validator=_validator(p.get("schema", {}), self.components, formats=False),
            )
            for p in op.get("parameters", [])
            if p.get("in") == "query"
        )
        media: str | None = None
        body_validator = None
        if "requestBody" in op:
            media, content = next(iter(op["requestBody"]["content"].items()))
            body_validator = _validator(content.get("schema", {}), self.components, formats=False)
        return Operation(
            operation_id=op["operationId"],
            method=method.upper(),
            path=path,
            _segments=tuple(path.split("/")),
            query=query,
            body_media_type=media,
            body_validator=body_validator,
            responses=op["responses"],
        )

    def resolve(self, method: str, raw_path: str) -> tuple[Operation | None, dict[str, str], bool]:
        """Find the operation serving a request.

        Args:
            method: The HTTP method.
            raw_path: The request path as sent (percent-encoded).

        Returns:
            ``(operation, path_params, path_known)``: ``operation`` is ``None`` when no
            operation fits; ``path_known`` then tells a 405 (the path exists) from a 404.
        """
        segments = raw_path.split("/")
        path_known = False
        for op in self.operations:
            params = op.match(segments)
            if params is None:
                continue
            if op.method == method:
                return op, params, True
            path_known = True
        return None, {}, path_known

    def allowed_methods(self, raw_path: str) -> list[str]:
        """Return the methods the spec defines for a path (for the ``Allow`` header)."""
        segments = raw_path.split("/")
        return sorted({op.method for op in self.operations if op.match(segments) is not None})

    def response_spec(self, operation: Operation, status: int) -> Mapping[str, Any] | None:
        """Return the (``$ref``-resolved) response object documented for a status, if any."""
        resp = operation.responses.get(str(status)) or operation.responses.get(f"{status // 100}XX")
        if resp is None:
            resp = operation.responses.get("default")
        if resp is not None and "$ref" in resp:
            resp = self.ref(resp["$ref"])
        return resp

    def ref(self, pointer: str) -> Any:
        """Resolve a local ``#/...`` JSON pointer."""
        return _pointer(self.document, pointer)

    def response_validator(self, operation: Operation, status: int, media: str) -> Any:
        """Return a validator for one documented response body (formats checked too)."""
        key = (f"{operation.operation_id} {status}", media)
        validator = self._response_validators.get(key)
        if validator is None:
            resp = self.response_spec(operation, status) or {}
            schema = resp.get("content", {}).get(media, {}).get("schema", {})
            validator = _validator(schema, self.components, formats=True)
            self._response_validators[key] = validator
        return validator


def _item_limits(node: Any) -> Iterable[int]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            for key, value in item.items():
                if key in {"maxItems", "minItems"} and isinstance(value, int):
                    yield value
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def _cut_lists(value: Any, cap: int) -> Any:
    # Recursion is bounded: request values are at most _json.MAX_DEPTH deep.
    if isinstance(value, list):
        return [_cut_lists(v, cap) for v in value[:cap]]
    if isinstance(value, dict):
        return {k: _cut_lists(v, cap) for k, v in value.items()}
    return value


def _allows_type(schema: Mapping[str, Any], kind: str) -> bool:
    if schema.get("type") == kind:
        return True
    return any(_allows_type(sub, kind) for sub in schema.get("anyOf", []) + schema.get("oneOf", []))


@functools.cache
def load_document() -> Mapping[str, Any]:
    """The merged spec that ships inside the generated ``devin_api`` package, parsed once.

    Returns:
        The OpenAPI document (shared: do not modify it).
    """
    text = resources.files("devin_api").joinpath("openapi.json").read_text(encoding="utf-8")
    document: Mapping[str, Any] = json.loads(text)
    return document


def load_spec() -> Spec:
    """Load the merged spec that ships inside the generated ``devin_api`` package.

    Returns:
        The indexed spec.
    """
    return Spec(load_document())


@functools.cache
def session_statuses() -> tuple[str, ...]:
    """The documented values of a session's ``status_enum``, in the spec's order.

    Read from the ``status_enum`` property of ``GetSessionResponse`` (through its ``anyOf``
    and ``$ref``), so a spec that documents a new status needs no change here.

    Returns:
        The statuses, e.g. ``("working", "blocked", ...)``.
    """
    document = load_document()
    prop = document["components"]["schemas"]["GetSessionResponse"]["properties"]["status_enum"]
    found: list[str] = []
    pending: list[Any] = [prop]
    while pending:
        schema = pending.pop(0)
        if not isinstance(schema, Mapping):
            continue
        if isinstance(schema.get("$ref"), str):
            pending.append(_pointer(document, schema["$ref"]))
        pending.extend(schema.get("anyOf", []) + schema.get("oneOf", []))
        found.extend(v for v in schema.get("enum", []) if isinstance(v, str) and v not in found)
    return tuple(found)


def _pointer(document: Mapping[str, Any], pointer: str) -> Any:
    node: Any = document
    for part in pointer.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


# --------------------------------------------------------------------------------------------
# 422 bodies in FastAPI's shape, built from the validator's error kinds. Messages never quote the
# offending value: request bodies carry secrets (session_secrets, create secret) and the mock
# must not echo them.


def validation_errors(errors: Iterable[Any], prefix: list[str | int]) -> list[dict[str, Any]]:
    """Turn ``jsonschema_rs`` errors into FastAPI ``ValidationError`` items.

    Args:
        errors: Errors from ``Validator.iter_errors``.
        prefix: Location prefix, e.g. ``["body"]`` or ``["query", "limit"]``.

    Returns:
        A list of ``{"loc", "msg", "type"}`` dicts (never empty when ``errors`` is not).
    """
    out: list[dict[str, Any]] = []
    for err in errors:
        out.extend(_convert(err, prefix))
    return out


def _convert(err: Any, prefix: list[str | int]) -> list[dict[str, Any]]:
    loc: list[str | int] = [*prefix, *err.instance_path]
    kind = err.kind
    name = kind.name
    info = kind.as_dict()
    if name == "anyOf":
        # ``X | None`` fields: report why the non-null branch failed, as FastAPI does.
        branches = [b for b in info.get("context", []) if not _only_null_type(b)]
        if len(branches) == 1 and branches[0]:
            out: list[dict[str, Any]] = []
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
