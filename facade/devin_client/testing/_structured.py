"""Structured output for finished sessions: a value that validates against the caller's schema.

``structured_output_schema`` is any JSON object the client sent (the spec only says "object"),
so it may be a real Draft 7 schema, a broken one, or one no value can satisfy. The mock builds a
small candidate from the schema's keywords and keeps it only if the schema's own validator
accepts it; external ``$ref`` is never fetched.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jsonschema_rs

__all__ = ["compile_output_schema", "example_for"]

_MAX_DEPTH = 8


def compile_output_schema(schema: Mapping[str, Any]) -> Any | None:
    """Compile a user-supplied schema offline, or return ``None`` if it is not a valid schema.

    Args:
        schema: The ``structured_output_schema`` sent on create.

    Returns:
        A ``jsonschema_rs`` validator, or ``None``.
    """
    try:
        if "$schema" in schema:
            return jsonschema_rs.validator_for(dict(schema), offline=True)
        # Draft 7 is what the docs promise when the schema names no dialect.
        return jsonschema_rs.Draft7Validator(dict(schema), offline=True)
    except Exception:
        return None


def example_for(schema: Mapping[str, Any]) -> tuple[bool, Any]:
    """Build a value that validates against ``schema``.

    Args:
        schema: A JSON Schema (Draft 7 or later).

    Returns:
        ``(True, value)`` when a valid value was found, ``(False, None)`` otherwise.
    """
    validator = compile_output_schema(schema)
    if validator is None:
        return False, None
    candidates = [_build(schema, schema, 0), {}, None, "", 0, True, []]
    for candidate in candidates:
        try:
            if validator.is_valid(candidate):
                return True, candidate
        except Exception:  # pathological schemas (e.g. regex engine limits)
            return False, None
    return False, None


def _build(schema: Any, root: Mapping[str, Any], depth: int) -> Any:
    if not isinstance(schema, Mapping) or depth > _MAX_DEPTH:
        return None
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        node: Any = root
        try:
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
        except (KeyError, TypeError, IndexError):
            return None
        return _build(node, root, depth + 1)
    for key in ("allOf", "anyOf", "oneOf"):
        subs = schema.get(key)
        if isinstance(subs, list) and subs:
            if key == "allOf":
                merged: dict[str, Any] = {}
                for sub in subs:
                    if isinstance(sub, Mapping):
                        merged.update(sub)
                return _build(merged, root, depth + 1)
            return _build(subs[0], root, depth + 1)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), kind[0] if kind else None)
    if kind is None:
        if "properties" in schema or "required" in schema:
            kind = "object"
        elif "items" in schema:
            kind = "array"
    if kind == "object":
        props_raw = schema.get("properties")
        props: Mapping[str, Any] = props_raw if isinstance(props_raw, Mapping) else {}
        required_raw = schema.get("required")
        required: list[Any] = required_raw if isinstance(required_raw, list) else []
        obj: dict[str, Any] = {}
        for name in required:
            if isinstance(name, str):
                obj[name] = _build(props.get(name, {}), root, depth + 1)
        return obj
    if kind == "array":
        count = schema.get("minItems", 0)
        count = count if isinstance(count, int) and 0 <= count <= 16 else 0
        items = schema.get("items", {})
        return [_build(items, root, depth + 1) for _ in range(count)]
    if kind == "string":
        length = schema.get("minLength", 0)
        length = length if isinstance(length, int) and 0 <= length <= 4096 else 0
        fmt = schema.get("format")
        if fmt == "date-time":
            return "2026-01-01T00:00:00+00:00"
        if fmt == "date":
            return "2026-01-01"
        if fmt in {"uri", "url"}:
            return "https://example.com/"
        if fmt == "email":
            return "devin@example.com"
        return "x" * max(length, 1 if length else 0) if length else "done"
    if kind in {"integer", "number"}:
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        if isinstance(low, int | float) and not isinstance(low, bool):
            value = int(low) + 1 if "exclusiveMinimum" in schema else int(low)
            return value if value >= low else value + 1
        return 1
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return None
