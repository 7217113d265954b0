"""``ApiSpec``: validation against the spec a generated package ships, and its facts.

Each generated package carries its merged spec as ``<package>/openapi.json``; an ``ApiSpec``
reads it on first use. Request bodies are checked against the JSON Schema of the operation's
request body, and successful response bodies against the schema of the operation's response
for that status (the generated models' ``from_dict`` does not check types). Operations are
found through the generated ``OPERATION`` facts (method and path), never by an id typed here.
Schemas are compiled with ``jsonschema_rs`` on first use and cached, so a valid body costs
about a microsecond. The limits (50 tags, ``max_acu_limit`` > 0, secret key and value
lengths, enums) are not copied anywhere: they are whatever the spec says.

Messages name the field and the rule, never the offending value (it may be a secret).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from ._exceptions import DevinValidationError

__all__ = [
    "MAX_REPORTED_DEPTH",
    "ApiSpec",
    "Check",
    "Operation",
    "ResponseSchemaError",
    "unsendable",
]

Check = Callable[[Any], None]
"""Checks a decoded response body (raises ``ResponseSchemaError``); given to parsers."""


class Operation(Protocol):
    """The facts a generated endpoint module states as ``OPERATION`` (each generated package
    has its own ``types.Operation`` class of this shape)."""

    @property
    def id(self) -> str: ...
    @property
    def method(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def retry_safe(self) -> bool: ...


_TYPE_NAMES = {
    "array": "a list",
    "object": "a mapping",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a bool",
    "null": "None",
}


def _skip(data: Any) -> None:
    return None


class ApiSpec:
    """The merged spec of one generated package, read when first needed.

    Args:
        package: The generated package's import name, e.g. ``"devin_api"``.
    """

    def __init__(self, package: str) -> None:
        self.package = package
        self._document: dict[str, Any] | None = None
        self._request_validators: dict[str, Any] = {}
        self._query_validators: dict[str, Any] = {}
        self._response_checks: dict[tuple[str, int], Check] = {}
        self._prefix: str | None = None

    def __repr__(self) -> str:
        return f"ApiSpec({self.package!r})"

    @property
    def document(self) -> dict[str, Any]:
        """The whole spec, as JSON."""
        if self._document is None:
            from importlib.resources import files

            text = files(self.package).joinpath("openapi.json").read_text(encoding="utf-8")
            self._document = json.loads(text)
        return self._document

    def _components(self) -> dict[str, Any]:
        components: dict[str, Any] = self.document.get("components", {})
        return components

    def operation(self, op: Operation) -> dict[str, Any]:
        """The spec's object for an operation (its parameters, request body, responses)."""
        found: dict[str, Any] = self.document["paths"][op.path][op.method.lower()]
        return found

    def path_prefix(self) -> str:
        """The first path segment every operation's path starts with (``"/v1"``), or ``""``."""
        if self._prefix is None:
            firsts = {path.split("/")[1] for path in self.document["paths"]}
            self._prefix = f"/{firsts.pop()}" if len(firsts) == 1 else ""
        return self._prefix

    def enum(self, schema: str, prop: str) -> frozenset[str]:
        """The string values a schema's property may take, read through ``$ref`` and
        ``anyOf`` (so an upstream rename of the enum schema, or a new value, needs no change
        in Python)."""
        schemas = self._components()["schemas"]
        node = schemas[schema]["properties"][prop]
        found: set[str] = set()
        for branch in [node, *node.get("anyOf", ())]:
            ref = branch.get("$ref", "")
            target = schemas[ref.rsplit("/", 1)[-1]] if ref else branch
            found.update(v for v in target.get("enum", ()) if isinstance(v, str))
        return frozenset(found)

    def _compile(self, schema: Any) -> Any:
        import jsonschema_rs

        return jsonschema_rs.Draft202012Validator(
            {"$defs": {"root": schema}, "$ref": "#/$defs/root", "components": self._components()}
        )

    def check_request(self, op: Operation, body: Any) -> None:
        """Validate a JSON request body against the operation's request body schema.

        Args:
            op: The generated ``OPERATION`` of the endpoint.
            body: The JSON-ready body (the generated model's ``to_dict()``).

        Raises:
            DevinValidationError: The body breaks the schema, or holds a non-JSON value.
        """
        validator = self._request_validators.get(op.id)
        if validator is None:
            content = self.operation(op).get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            validator = self._compile(schema if schema is not None else {})
            self._request_validators[op.id] = validator
        found = _first_problem(validator, body)
        if found is None:
            return
        if found is _UNSENDABLE:
            raise unsendable(body) from None
        path, problem = found
        raise DevinValidationError(_field(path), problem)

    def check_query(self, op: Operation, params: Mapping[str, Any]) -> None:
        """Validate query parameters (before ``build_request`` renders them) against the
        schemas of the operation's ``in: query`` parameters; a name it does not take is an
        error too.

        Args:
            op: The generated ``OPERATION`` of the endpoint.
            params: Parameter name to value, JSON-ready (lists for arrays).

        Raises:
            DevinValidationError: A parameter breaks its schema (named), or is unknown.
        """
        validator = self._query_validators.get(op.id)
        if validator is None:
            properties = {
                p["name"]: p.get("schema", {})
                for p in self.operation(op).get("parameters", ())
                if p.get("in") == "query"
            }
            schema = {"type": "object", "properties": properties, "additionalProperties": False}
            validator = self._query_validators[op.id] = self._compile(schema)
        found = _first_problem(validator, dict(params))
        if found is None:
            return
        if found is _UNSENDABLE:
            raise unsendable(params) from None
        path, problem = found
        raise DevinValidationError(_field(path), problem)

    def response_check(self, op: Operation, status: int) -> Check:
        """The check of a decoded 2xx body of ``op`` answered with ``status``: against the
        exact status's schema, else the first documented 2xx (an API answering 200 for 201);
        one that checks nothing when the spec documents no JSON body.

        The check raises ``ResponseSchemaError`` naming the field and the rule.
        """
        key = (op.id, status)
        check = self._response_checks.get(key)
        if check is None:
            check = self._response_checks[key] = self._make_response_check(op, status)
        return check

    def _make_response_check(self, op: Operation, status: int) -> Check:
        responses = self.operation(op).get("responses", {})
        codes = [str(status), *sorted(c for c in responses if c.startswith("2"))]
        for code in codes:
            content = responses.get(code, {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema:
                break
        else:
            return _skip
        validator = self._compile(schema)

        def check(data: Any) -> None:
            if validator.is_valid(data):
                return
            path, problem = _problem(next(iter(validator.iter_errors(data))))
            raise ResponseSchemaError(f"{_field(path, 'body')}: {problem}")

        return check


_UNSENDABLE: Any = object()


def _first_problem(validator: Any, body: Any) -> Any:
    """``None`` for a valid body, else the path and description of its first problem, or
    ``_UNSENDABLE`` (no JSON form, or nested too deeply to report on).

    jsonschema_rs takes no ``str`` subclass, and secret values are ``HiddenStr``: those bodies
    are checked as a plain copy, made here so that no frame of a traceback holds it.
    """
    try:
        try:
            if validator.is_valid(body):
                return None
            return _problem(next(iter(validator.iter_errors(body))))
        except ValueError:
            body = _plain(body)
            if validator.is_valid(body):
                return None
            return _problem(next(iter(validator.iter_errors(body))))
    except (ValueError, RecursionError):
        return _UNSENDABLE


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return value if type(value) is str else str.__str__(value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _field(path: Any, prefix: str = "") -> str:
    out = prefix
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "body"


def _problem(error: Any) -> tuple[list[Any], str]:
    """The instance path and a value-free description of one jsonschema_rs error."""
    kind = error.kind
    name: str = kind.name
    path = list(error.instance_path)
    data: dict[str, Any] = kind.as_dict() if name not in ("anyOf", "oneOfNotValid") else {}
    limit = data.get("limit")
    if name in ("anyOf", "oneOfNotValid"):
        return _best_branch(error, path)
    if name == "type":
        types = data.get("types") or []
        return path, "must be " + " or ".join(_TYPE_NAMES.get(t, t) for t in types)
    if name == "required":
        return [*path, data.get("property")], "is required"
    if name == "maxItems":
        return path, f"must have at most {limit} items"
    if name == "minItems":
        return path, f"must have at least {limit} items"
    if name == "maxLength":
        return path, f"must be at most {limit} characters long"
    if name == "minLength":
        return path, "must not be empty" if limit == 1 else f"must be at least {limit} characters"
    if name == "exclusiveMinimum":
        return path, f"must be greater than {limit}"
    if name == "minimum":
        return path, f"must be at least {limit}"
    if name == "exclusiveMaximum":
        return path, f"must be less than {limit}"
    if name == "maximum":
        return path, f"must be at most {limit}"
    if name == "enum":
        options = ", ".join(repr(o) for o in data.get("options") or [])
        return path, f"must be one of {options}"
    if name == "additionalProperties":
        return path, f"has unexpected fields {data.get('unexpected')}"
    return path, f"breaks the spec's {name!r} rule"


def _best_branch(error: Any, path: list[Any]) -> tuple[list[Any], str]:
    # For `anyOf: [{constraint}, {type: null}]` report the branch that got furthest: the
    # deepest error, and a rule broken rather than a type mismatch when depths tie.
    branches = [branch for branch in error.kind.context if branch]
    if not branches:
        return path, "matches none of the allowed forms"

    def score(branch: list[Any]) -> tuple[int, bool]:
        depth = max(len(e.instance_path) for e in branch)
        return depth, any(e.kind.name != "type" for e in branch)

    best = max(branches, key=score)
    if score(best)[1] or score(best)[0] > len(path):
        return _problem(best[0])
    types: list[str] = []
    for branch in branches:
        for e in branch:
            if e.kind.name == "type":
                types.extend(t for t in e.kind.as_dict().get("types", []) if t not in types)
    return path, "must be " + " or ".join(_TYPE_NAMES.get(t, t) for t in types)


# Nesting deeper than this is reported as such when a body fails to validate or to encode
# (jsonschema_rs cannot describe an error deeper than 255 levels, Python's json about 1000).
MAX_REPORTED_DEPTH = 250


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` nests lists and mappings more than ``limit`` levels (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, Mapping):
            children: Any = node.values()
        elif isinstance(node, list | tuple):
            children = node
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def unsendable(body: Any, prefix: str = "") -> DevinValidationError:
    """The error for a body that cannot be validated or encoded: the field nested too deeply,
    or the one holding a value with no JSON form."""
    items = list(body.items()) if isinstance(body, Mapping) else [(None, body)]
    for key, value in items:
        field = _field([] if key is None else [key], prefix)
        if _deeper_than(value, MAX_REPORTED_DEPTH):
            return DevinValidationError(field, "is nested too deeply to be sent as JSON")
        try:
            json.dumps(value)
        except RecursionError:
            return DevinValidationError(field, "is nested too deeply to be sent as JSON")
        except (TypeError, ValueError):
            return DevinValidationError(field, "holds a value that cannot be sent as JSON")
    return DevinValidationError(prefix or "body", "holds a value that cannot be sent as JSON")


class ResponseSchemaError(ValueError):
    """A response body that breaks the spec's schema (reported as ``ResponseValidationError``).

    The message names the field and the rule, never a value.
    """
