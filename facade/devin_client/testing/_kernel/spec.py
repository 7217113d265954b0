"""An API's OpenAPI document, indexed for the kernel: operations, their inputs and answers.

Routes, request validation and (opt-in) response validation all come from the spec that a
generated package ships as ``<package>/openapi.json``; nothing here restates a constraint by
hand, and nothing here knows which API it reads.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jsonschema_rs

from .errors import FieldError, validation_errors

__all__ = [
    "Operation",
    "PathParam",
    "QueryParam",
    "Spec",
    "enum_values",
    "load_document",
    "load_spec",
]

_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options"})
# Both match in linear time: no two quantifiers can share the same digits (a pattern such as
# ``\d+\.?\d*`` backtracks quadratically on a long digit string and froze the mock).
_INT_RE = re.compile(r"[+-]?\d+")
_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# The texts pydantic (FastAPI) reads as a boolean in a query string, without regard to case.
_BOOLEANS = {
    **dict.fromkeys(("1", "on", "t", "true", "y", "yes"), True),
    **dict.fromkeys(("0", "off", "f", "false", "n", "no"), False),
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
    allows_boolean: bool = False

    def coerce(self, value: str) -> Any:
        """Coerce one raw query-string value the way FastAPI would before validation.

        Integers become ``int`` where the schema takes one, and ``true``/``false`` (``1``/``0``,
        ``yes``/``no``, ``on``/``off``, ``t``/``f``, ``y``/``n``, any case) ``bool`` where it
        takes a boolean; anything else stays a string, so the schema reports the type error. So
        does an integer too long for Python to convert (more than
        ``sys.get_int_max_str_digits()`` digits), as pydantic refuses one.
        """
        if self.allows_boolean:
            flag = _BOOLEANS.get(value.lower())
            if flag is not None and not (self.allows_integer and value in {"0", "1"}):
                return flag
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
class PathParam:
    """One path parameter of an operation, with its schema's validator.

    ``any_text``: the schema takes any string, so a path segment never fails it.
    """

    name: str
    validator: Any = field(repr=False)
    any_text: bool = False


@dataclass(frozen=True)
class Operation:
    """One operation of a spec: method, path template and how to validate its traffic.

    Attributes:
        key: ``"METHOD /path"`` as the spec writes it: how handlers, faults and records name it.
        success_status: The operation's one documented 2xx status, or ``None`` when it documents
            none or several (its handler then says which it answers).
        secured: Whether the spec asks for credentials (``security``, global or its own).
        binary_fields: For a multipart body, the fields that carry files.
    """

    operation_id: str
    method: str
    path: str
    query: tuple[QueryParam, ...] = field(repr=False)
    path_params: tuple[PathParam, ...] = field(default=(), repr=False)
    body_media_type: str | None = None
    body_validator: Any = field(default=None, repr=False)
    body_required: frozenset[str] = field(default=frozenset(), repr=False)
    binary_fields: frozenset[str] = field(default=frozenset(), repr=False)
    responses: Mapping[str, Any] = field(default_factory=dict, repr=False)
    success_status: int | None = None
    secured: bool = True

    @functools.cached_property
    def key(self) -> str:
        """``"METHOD /path"``, e.g. ``"GET /v1/sessions/{session_id}"``."""
        return f"{self.method} {self.path}"


class Spec:
    """One API's merged spec, indexed for the kernel.

    Args:
        document: The parsed OpenAPI document.
        name: What to call it in messages (the package it came from).
    """

    def __init__(self, document: Mapping[str, Any], name: str = "spec") -> None:
        self.document = document
        self.name = name
        self.components: Mapping[str, Any] = document.get("components", {})
        self._default_security = document.get("security", [])
        ops: list[Operation] = []
        for path, item in document["paths"].items():
            shared = [p for p in item.get("parameters", []) if isinstance(p, Mapping)]
            for method, op in item.items():
                if method in _METHODS:
                    ops.append(self._operation(path, method, op, shared))
        self.operations: tuple[Operation, ...] = tuple(ops)
        self.by_id: dict[str, Operation] = {op.operation_id: op for op in ops}
        self.by_key: dict[str, Operation] = {op.key: op for op in ops}
        self._response_validators: dict[tuple[str, int, str], Any] = {}
        self._has_body: dict[tuple[str, int], bool | None] = {}
        # Listing errors costs far more than finding one (the validator renders every value
        # it quotes): a request's lists are cut one past the largest item count the spec
        # constrains before its errors are listed, which leaves the same kinds of error.
        self._list_cap = 1 + max(_item_limits(self.components), default=0)

    def __repr__(self) -> str:
        return f"Spec({self.name!r}, {len(self.operations)} operations)"

    def request_errors(
        self, validator: Any, value: Any, prefix: list[str | int]
    ) -> list[FieldError]:
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

    def _operation(
        self, path: str, method: str, op: Mapping[str, Any], shared: list[Mapping[str, Any]]
    ) -> Operation:
        params = [self._resolve(p) for p in [*shared, *op.get("parameters", [])]]

        # Formats are checked in requests (``uri``, ``date-time``): FastAPI's models refuse a
        # value of the wrong format, so a mock that took one would pass a client's bug.
        def validator(param: Mapping[str, Any]) -> Any:
            return _validator(param.get("schema", {}), self.components, formats=True)

        query = tuple(
            QueryParam(
                name=p["name"],
                is_array=_allows_type(p.get("schema", {}), "array"),
                allows_integer=_allows_type(p.get("schema", {}), "integer"),
                validator=validator(p),
                allows_boolean=_allows_type(p.get("schema", {}), "boolean"),
            )
            for p in params
            if p.get("in") == "query"
        )
        path_params = tuple(
            PathParam(name=p["name"], validator=validator(p), any_text=_any_text(p.get("schema")))
            for p in params
            if p.get("in") == "path"
        )
        media: str | None = None
        body_validator = None
        required: frozenset[str] = frozenset()
        binary: frozenset[str] = frozenset()
        if "requestBody" in op:
            body = self._resolve(op["requestBody"])
            media, content = next(iter(body["content"].items()))
            schema = content.get("schema", {})
            body_validator = _validator(schema, self.components, formats=True)
            resolved = self._resolve(schema)
            required = frozenset(resolved.get("required", []))
            binary = frozenset(
                name
                for name, prop in resolved.get("properties", {}).items()
                if _is_binary(self._resolve(prop))
            )
        successes = [int(code) for code in op["responses"] if code.isdigit() and code[0] == "2"]
        security = op.get("security", self._default_security)
        return Operation(
            operation_id=op["operationId"],
            method=method.upper(),
            path=path,
            query=query,
            path_params=path_params,
            body_media_type=media,
            body_validator=body_validator,
            body_required=required,
            binary_fields=binary,
            responses=op["responses"],
            success_status=successes[0] if len(successes) == 1 else None,
            secured=bool(security) and all(requirement for requirement in security),
        )

    def _resolve(self, node: Any) -> Any:
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            node = self.ref(node["$ref"])
        return node

    def response_spec(self, operation: Operation, status: int) -> Mapping[str, Any] | None:
        """Return the (``$ref``-resolved) response object documented for a status, if any."""
        responses = operation.responses
        resp = responses.get(str(status)) or responses.get(f"{status // 100}XX")
        if resp is None:
            resp = responses.get("default")
        resolved: Mapping[str, Any] | None = self._resolve(resp)
        return resolved

    def documents_body(self, operation: Operation, status: int) -> bool | None:
        """Whether the spec documents a body for this answer (``None``: the status is not
        documented)."""
        key = (operation.key, status)
        if key not in self._has_body:
            documented = self.response_spec(operation, status)
            self._has_body[key] = bool(documented.get("content")) if documented else None
        return self._has_body[key]

    def ref(self, pointer: str) -> Any:
        """Resolve a local ``#/...`` JSON pointer."""
        return pointer_get(self.document, pointer)

    def response_validator(self, operation: Operation, status: int, media: str) -> Any:
        """Return a validator for one documented response body (formats checked too)."""
        key = (operation.key, status, media)
        validator = self._response_validators.get(key)
        if validator is None:
            resp = self.response_spec(operation, status) or {}
            schema = resp.get("content", {}).get(media, {}).get("schema", {})
            validator = _validator(schema, self.components, formats=True)
            self._response_validators[key] = validator
        return validator


# Keywords that say nothing about which strings a schema accepts.
_ANNOTATIONS = frozenset({"type", "title", "description", "example", "examples", "default"})


def _any_text(schema: Any) -> bool:
    return (
        isinstance(schema, Mapping)
        and schema.get("type") == "string"
        and set(schema) <= _ANNOTATIONS
    )


def _is_binary(schema: Any) -> bool:
    # OpenAPI 3.0 writes a file as ``format: binary``; 3.1 as ``contentMediaType``.
    return isinstance(schema, Mapping) and (
        schema.get("format") == "binary" or "contentMediaType" in schema
    )


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
    # Recursion is bounded: request values are at most safe_json.MAX_DEPTH deep.
    if isinstance(value, list):
        return [_cut_lists(v, cap) for v in value[:cap]]
    if isinstance(value, dict):
        return {k: _cut_lists(v, cap) for k, v in value.items()}
    return value


def _allows_type(schema: Mapping[str, Any], kind: str) -> bool:
    if schema.get("type") == kind:
        return True
    return any(_allows_type(sub, kind) for sub in schema.get("anyOf", []) + schema.get("oneOf", []))


def pointer_get(document: Mapping[str, Any], pointer: str) -> Any:
    """The node at a local JSON pointer (``#/components/schemas/X``)."""
    node: Any = document
    for part in pointer.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def enum_values(document: Mapping[str, Any], schema: str, prop: str) -> tuple[str, ...]:
    """The string values a schema's property documents, in the spec's order, through its
    ``$ref``, ``anyOf`` and ``oneOf`` (a spec that documents a new value needs no code change).

    Args:
        document: A merged spec.
        schema: A name under ``components/schemas``.
        prop: One of its properties.
    """
    found: list[str] = []
    pending: list[Any] = [document["components"]["schemas"][schema]["properties"][prop]]
    while pending:
        node = pending.pop(0)
        if not isinstance(node, Mapping):
            continue
        if isinstance(node.get("$ref"), str):
            pending.append(pointer_get(document, node["$ref"]))
        pending.extend(node.get("anyOf", []) + node.get("oneOf", []))
        found.extend(v for v in node.get("enum", []) if isinstance(v, str) and v not in found)
    return tuple(found)


@functools.cache
def load_document(package: str) -> Mapping[str, Any]:
    """The merged spec a generated package ships (``<package>/openapi.json``), parsed once.

    Args:
        package: The generated package's import name (``devin_api``, ...).

    Returns:
        The OpenAPI document (shared: do not modify it).
    """
    text = resources.files(package).joinpath("openapi.json").read_text(encoding="utf-8")
    document: Mapping[str, Any] = json.loads(text)
    return document


@functools.cache
def load_spec(package: str) -> Spec:
    """The indexed spec of a generated package, built once per process.

    Compiling the validators takes a moment, so every mock in a process shares one read-only
    copy; a test that needs to change an operation replaces it in its own mock's endpoints.

    Args:
        package: The generated package's import name.

    Returns:
        The indexed spec.
    """
    return Spec(load_document(package), name=package)
