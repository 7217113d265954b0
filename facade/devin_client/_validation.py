"""Validation of request bodies before sending, against the spec's own JSON Schemas.

The schemas come from the merged spec shipped as ``devin_api/openapi.json``; each is compiled
with ``jsonschema_rs`` on first use and cached, so a valid body costs about a microsecond. The
limits (50 tags, ``max_acu_limit`` > 0, secret key and value lengths, the ``devin_mode`` enum)
are not copied here: they are whatever the spec says.

Also checked: the documented rules a schema cannot express. ``structured_output_schema`` must be
a valid Draft 7 schema, at most 64 KB serialised, with no external ``$ref``; and
``create_as_user_id`` must not be empty.

Successful response bodies are checked against the operation's response schema the same way
(``check_response``): the generated models' ``from_dict`` does not check types.

Messages name the field and the rule, never the offending value (it may be a secret).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ._constants import STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES
from ._exceptions import DevinValidationError

__all__ = [
    "MAX_REPORTED_DEPTH",
    "ResponseSchemaError",
    "check_body",
    "check_create_as_user_id",
    "check_response",
    "check_structured_output_schema",
    "session_statuses",
    "unsendable",
]

_spec: dict[str, Any] | None = None
_validators: dict[str, Any] = {}
_response_validators: dict[tuple[str, int], Any] = {}
_session_statuses: frozenset[str] | None = None

_TYPE_NAMES = {
    "array": "a list",
    "object": "a mapping",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a bool",
    "null": "None",
}
_DRAFT7_URIS = frozenset(
    {
        "http://json-schema.org/draft-07/schema#",
        "http://json-schema.org/draft-07/schema",
        "https://json-schema.org/draft-07/schema#",
        "https://json-schema.org/draft-07/schema",
    }
)


def _load_spec() -> dict[str, Any]:
    global _spec
    if _spec is None:
        from importlib.resources import files

        text = files("devin_api").joinpath("openapi.json").read_text(encoding="utf-8")
        _spec = json.loads(text)
    return _spec


def _spec_components() -> dict[str, Any]:
    components: dict[str, Any] = _load_spec()["components"]
    return components


def session_statuses() -> frozenset[str]:
    """The session statuses the spec knows: the enum of ``GetSessionResponse.status_enum``.

    Read through the ``$ref`` of that property, so an upstream rename of the enum schema or a
    new status needs no change here.
    """
    global _session_statuses
    if _session_statuses is None:
        schemas = _spec_components()["schemas"]
        prop = schemas["GetSessionResponse"]["properties"]["status_enum"]
        found: set[str] = set()
        for branch in [prop, *prop.get("anyOf", ())]:
            ref = branch.get("$ref", "")
            target = schemas[ref.rsplit("/", 1)[-1]] if ref else branch
            found.update(v for v in target.get("enum", ()) if isinstance(v, str))
        _session_statuses = frozenset(found)
    return _session_statuses


def _validator(schema_name: str) -> Any:
    validator = _validators.get(schema_name)
    if validator is None:
        import jsonschema_rs

        validator = jsonschema_rs.Draft202012Validator(
            {"$ref": f"#/components/schemas/{schema_name}", "components": _spec_components()}
        )
        _validators[schema_name] = validator
    return validator


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


def check_body(schema_name: str, body: Any, *, prefix: str = "") -> None:
    """Validate a request body against a component schema of the spec.

    Args:
        schema_name: The component name, e.g. ``"CreateSessionParams"``.
        body: The JSON-ready body (the generated model's ``to_dict()``).
        prefix: Prepended to field names in errors.

    Raises:
        DevinValidationError: The body breaks the schema, or holds a non-JSON value.
    """
    validator = _validator(schema_name)
    try:
        if validator.is_valid(body):
            return
        error = next(iter(validator.iter_errors(body)))
    except (ValueError, RecursionError):  # no JSON form, or nested too deeply to report on
        raise unsendable(body, prefix) from None
    path, problem = _problem(error)
    raise DevinValidationError(_field(path, prefix), problem)


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


def _external_refs(node: Any, found: list[str]) -> None:
    stack = [node]  # iterative: a schema nested thousands of levels must not overflow
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str) and not value.startswith("#"):
                    found.append(value)
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def check_structured_output_schema(schema: Any) -> None:
    """Apply the documented ``structured_output_schema`` rules.

    Args:
        schema: The schema the caller passed.

    Raises:
        DevinValidationError: Not a mapping, over 64 KB serialised, an external ``$ref``, or
            not a valid Draft 7 schema.
    """
    field = "structured_output_schema"
    if not isinstance(schema, Mapping):
        raise DevinValidationError(field, "must be a mapping (a JSON Schema object)")
    try:
        size = len(json.dumps(schema, ensure_ascii=False, separators=(",", ":")).encode())
    except RecursionError:
        raise DevinValidationError(field, "is nested too deeply to be sent as JSON") from None
    except (TypeError, ValueError):
        raise DevinValidationError(field, "holds a value that cannot be sent as JSON") from None
    if size > STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES:
        raise DevinValidationError(
            field, f"is {size} bytes serialised; the API accepts at most 64 KB (65536 bytes)"
        )
    declared = schema.get("$schema")
    if declared is not None and declared not in _DRAFT7_URIS:
        raise DevinValidationError(field, f"must be a Draft 7 schema, not {declared!r}")
    refs: list[str] = []
    _external_refs(schema, refs)
    if refs:
        raise DevinValidationError(
            field, f"must be self-contained; it has an external $ref {refs[0]!r}"
        )
    import jsonschema_rs

    try:
        jsonschema_rs.Draft7Validator(dict(schema))
    except jsonschema_rs.ValidationError as exc:
        where = "/".join(str(p) for p in exc.instance_path) or "(root)"
        raise DevinValidationError(
            field, f"is not a valid Draft 7 schema (at {where}: {exc.message})"
        ) from None
    except (ValueError, jsonschema_rs.ReferencingError) as exc:
        raise DevinValidationError(field, f"is not a valid Draft 7 schema ({exc})") from None


def check_create_as_user_id(value: Any) -> None:
    """``create_as_user_id``, when given, must name a user.

    Raises:
        DevinValidationError: An empty or blank string.
    """
    if isinstance(value, str) and not value.strip():
        raise DevinValidationError("create_as_user_id", "must not be empty")


def check_text(field: str, value: Any) -> None:
    """A prompt or message without attachments must say something.

    The spec allows an empty string, but a session or message with nothing in it is always a
    caller's bug (an unset variable, a template that rendered empty), and it costs a session.

    Raises:
        DevinValidationError: An empty or blank string.
    """
    if isinstance(value, str) and not value.strip():
        raise DevinValidationError(field, "must not be empty (or pass attachments)")


class ResponseSchemaError(ValueError):
    """A response body that breaks the spec's schema (reported as ``ResponseValidationError``).

    The message names the field and the rule, never a value.
    """


def _response_schema(operation: str, status: int) -> Any:
    for item in _load_spec()["paths"].values():
        for op in item.values():
            if not isinstance(op, dict) or op.get("operationId") != operation:
                continue
            responses = op.get("responses", {})
            # The exact status, else the first documented 2xx (an API answering 200 for 201).
            codes = [str(status), *sorted(c for c in responses if c.startswith("2"))]
            for code in codes:
                content = responses.get(code, {}).get("content", {})
                schema = content.get("application/json", {}).get("schema")
                if schema:
                    return schema
            return None
    return None


def check_response(operation: str, status: int, data: Any) -> None:
    """Check a decoded 2xx body against the operation's response schema in the spec.

    Args:
        operation: The operationId.
        status: The response status.
        data: The decoded JSON body.

    Raises:
        ResponseSchemaError: The body breaks the schema (wrong types, missing fields, ...).
    """
    key = (operation, status)
    if key in _response_validators:
        validator = _response_validators[key]
    else:
        schema = _response_schema(operation, status)
        validator = None
        if schema is not None:
            import jsonschema_rs

            validator = jsonschema_rs.Draft202012Validator(
                {
                    "$defs": {"response": schema},
                    "$ref": "#/$defs/response",
                    "components": _spec_components(),
                }
            )
        _response_validators[key] = validator
    if validator is None or validator.is_valid(data):
        return
    error = next(iter(validator.iter_errors(data)))
    path, problem = _problem(error)
    raise ResponseSchemaError(f"{_field(path, 'body')}: {problem}")
