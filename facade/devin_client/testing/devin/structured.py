"""Structured output for finished sessions: a value that validates against the caller's schema.

``structured_output_schema`` is any JSON object the client sent (the spec only says "object"),
so it may be a real Draft 7 schema, a broken one, one no value can satisfy, or one built to make
a validator work for minutes. The mock builds a small candidate from the schema's keywords and
keeps it only if the schema's own validator accepts it; external ``$ref`` is never fetched.

One organisation's schema must never freeze the mock for everyone, and the validator is native
code that holds the GIL, so every step has a budget fixed in advance rather than a timeout:

- the schema itself: at most :data:`MAX_SCHEMA_VALUES` JSON values, :data:`MAX_SCHEMA_DEPTH`
  levels and :data:`MAX_PATTERNS` regular expressions, each compiled under small size and
  backtracking limits;
- the candidate: at most :data:`BUILD_BUDGET` values;
- checking candidates: every (subschema, value) pair a validator could visit is counted first
  (``anyOf`` chains through ``$ref`` make that exponential), and a candidate whose count goes
  past :data:`CHECK_BUDGET` is not checked at all.

When a budget runs out the mock gives up: ``example_for`` answers ``(False, None)`` and the
session's ``structured_output`` stays ``null``. The store calls this once per session, on
create, off the event loop.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from typing import Any, Final

import jsonschema_rs

__all__ = ["MAX_SCHEMA_BYTES", "compile_output_schema", "example_for", "schema_problem"]

MAX_SCHEMA_BYTES: Final = 64 * 1024
"""The documented limit of ``structured_output_schema`` ("Max 64KB"), in bytes of compact
UTF-8 JSON (as the client measures it)."""
MAX_SCHEMA_VALUES: Final = 20_000
MAX_SCHEMA_DEPTH: Final = 64
MAX_PATTERNS: Final = 32  # a pattern can cost ~10 ms to compile even under the limits below
BUILD_BUDGET: Final = 10_000
CHECK_BUDGET: Final = 100_000
_MAX_DEPTH: Final = 8  # schema hops the candidate builder follows
_MAX_ITEMS: Final = 16  # largest minItems honoured
_MAX_STRING: Final = 4096  # largest minLength honoured

# Well above what real patterns need (``^[\w\s]{0,200}$`` is ~130 KiB compiled).
_PATTERNS: Final = jsonschema_rs.FancyRegexOptions(
    backtrack_limit=10_000, size_limit=256 * 1024, dfa_size_limit=1024 * 1024
)

# Keywords whose subschemas apply to the same value, and to the children of a value.
_SAME_VALUE_LISTS: Final = ("allOf", "anyOf", "oneOf")
_SAME_VALUE_ONE: Final = ("not", "if", "then", "else")
_SAME_VALUE_MAPS: Final = ("dependencies", "dependentSchemas")
_REFS: Final = ("$ref", "$recursiveRef", "$dynamicRef")
_PROPERTY_ONE: Final = ("additionalProperties", "unevaluatedProperties")
_ITEM_ONE: Final = ("additionalItems", "unevaluatedItems", "contains")

logger = logging.getLogger("devin_client.testing")


class _OutOfBudget(Exception):
    """A budget ran out."""


class _Budget:
    def __init__(self, units: int) -> None:
        self.left = units

    def spend(self, units: int = 1) -> None:
        self.left -= units
        if self.left < 0:
            raise _OutOfBudget


def schema_problem(schema: Mapping[str, Any]) -> str | None:
    """Why a ``structured_output_schema`` breaks the documented rules, or ``None``.

    The rules: at most :data:`MAX_SCHEMA_BYTES` serialised, and self-contained (no ``$ref``
    that is not a local ``#...`` pointer). Whether it is a valid Draft 7 schema is not checked
    here: the docs do not say the API refuses one that is not.
    """
    size = len(json.dumps(schema, ensure_ascii=False, separators=(",", ":")).encode())
    if size > MAX_SCHEMA_BYTES:
        return f"is {size} bytes; the limit is 64 KB ({MAX_SCHEMA_BYTES} bytes)"
    stack: list[Any] = [schema]  # iterative: request bodies are depth-bounded, but cheaply so
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key in _REFS and isinstance(value, str) and not value.startswith("#"):
                    return "must be self-contained: an external $ref is not allowed"
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return None


def compile_output_schema(schema: Mapping[str, Any]) -> Any | None:
    """Compile a user-supplied schema offline, or return ``None`` if it is not a valid schema.

    Patterns are compiled under small size and backtracking limits, so a pattern that is
    valid but expensive makes the schema count as unusable here.

    Args:
        schema: The ``structured_output_schema`` sent on create.

    Returns:
        A ``jsonschema_rs`` validator, or ``None``.
    """
    try:
        if "$schema" in schema:
            return jsonschema_rs.validator_for(
                dict(schema), offline=True, pattern_options=_PATTERNS
            )
        # Draft 7 is what the docs promise when the schema names no dialect.
        return jsonschema_rs.Draft7Validator(dict(schema), offline=True, pattern_options=_PATTERNS)
    except Exception:
        return None


def example_for(schema: Mapping[str, Any]) -> tuple[bool, Any]:
    """Build a value that validates against ``schema``, within fixed budgets.

    Args:
        schema: A JSON Schema (Draft 7 or later).

    Returns:
        ``(True, value)`` when a valid value was found, ``(False, None)`` otherwise (no value
        fits, the schema is not a schema, or it is too costly to try).
    """
    try:
        return _example_for(schema)
    except Exception:  # a sample that cannot be made is not the caller's problem
        logger.warning("mock: no structured_output generated (unexpected schema)", exc_info=True)
        return False, None


def _example_for(given: Mapping[str, Any]) -> tuple[bool, Any]:
    # Plain dicts and lists from here on (a copy: the walks below test types by identity).
    schema = json.loads(json.dumps(given, allow_nan=False))
    if not isinstance(schema, dict):
        return False, None
    reason = _too_costly(schema)
    if reason is not None:
        logger.info("mock: no structured_output generated: the schema has %s", reason)
        return False, None
    validator = compile_output_schema(schema)
    if validator is None:
        return False, None
    candidates: list[Any] = []
    try:
        candidates.append(_build(schema, schema, 0, _Budget(BUILD_BUDGET)))
    except _OutOfBudget:
        logger.info("mock: structured_output candidate too large; trying minimal values")
    candidates += [{}, None, "", 0, True, []]
    check = _Budget(CHECK_BUDGET)
    for candidate in candidates:
        try:
            _count_visits(schema, candidate, check)
        except _OutOfBudget:
            logger.info("mock: no structured_output generated: checking it would cost too much")
            return False, None
        try:
            if validator.is_valid(candidate):
                return True, candidate
        except Exception:  # pathological schemas (e.g. regex engine limits)
            return False, None
    return False, None


# ---- the schema's own size ----------------------------------------------------------------


def _too_costly(schema: dict[str, Any]) -> str | None:
    """Why the schema is too large to try (iterative: depth is bounded, not the stack)."""
    values = 0
    patterns = 0
    stack: list[tuple[Any, int]] = [(schema, 0)]
    while stack:
        node, depth = stack.pop()
        values += 1
        if values > MAX_SCHEMA_VALUES:
            return f"more than {MAX_SCHEMA_VALUES} values"
        if depth > MAX_SCHEMA_DEPTH:
            return f"more than {MAX_SCHEMA_DEPTH} levels"
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns += 1
            if isinstance(node.get("patternProperties"), dict):
                patterns += len(node["patternProperties"])
            if patterns > MAX_PATTERNS:
                return f"more than {MAX_PATTERNS} patterns"
            stack.extend((child, depth + 1) for child in node.values())
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node)
    return None


# ---- what checking a value may cost ---------------------------------------------------------


class _Node:
    """What one schema object applies, gathered once however often it is visited."""

    __slots__ = ("every_item", "every_property", "items", "names", "prefix", "props", "same")

    def __init__(self, node: dict[str, Any], root: dict[str, Any]) -> None:
        self.same = list(_same_value_subschemas(node, root))
        props = node.get("properties")
        self.props: dict[str, Any] = props if isinstance(props, dict) else {}
        self.every_property = [node[k] for k in _PROPERTY_ONE if k in node]
        patterned = node.get("patternProperties")
        if isinstance(patterned, dict):
            self.every_property += list(patterned.values())
        self.names = node.get("propertyNames")
        self.items = node.get("items")
        prefix = node.get("prefixItems")
        self.prefix: list[Any] = prefix if isinstance(prefix, list) else []
        self.every_item = [node[k] for k in _ITEM_ONE if k in node]


def _count_visits(root: dict[str, Any], value: Any, budget: _Budget) -> None:
    """Count, within ``budget``, the (subschema, value) pairs a validator may visit.

    An over-estimate: every applicator is followed as if nothing short-circuits. Each visit
    costs one unit plus the size of the node's own lists and maps (``required``, ``enum``,
    ``properties``...). Raises ``_OutOfBudget`` when the count goes past the budget.
    """
    seen: dict[int, tuple[int, _Node]] = {}
    stack: list[tuple[Any, Any]] = [(root, value)]
    while stack:
        node, item = stack.pop()
        if type(node) is not dict:
            budget.spend()
            continue
        known = seen.get(id(node))
        if known is None:
            weight = 1 + sum(len(v) for v in node.values() if type(v) in (list, dict))
            known = seen[id(node)] = (weight, _Node(node, root))
        weight, info = known
        budget.spend(weight)
        for sub in info.same:
            stack.append((sub, item))
        if type(item) is dict:
            for key, child in item.items():
                if key in info.props:
                    stack.append((info.props[key], child))
                for sub in info.every_property:
                    stack.append((sub, child))
                if info.names is not None:
                    stack.append((info.names, key))
        elif type(item) is list:
            for index, child in enumerate(item):
                if type(info.items) is list:
                    if index < len(info.items):
                        stack.append((info.items[index], child))
                elif info.items is not None:
                    stack.append((info.items, child))
                if index < len(info.prefix):
                    stack.append((info.prefix[index], child))
                for sub in info.every_item:
                    stack.append((sub, child))


def _same_value_subschemas(node: dict[str, Any], root: dict[str, Any]) -> Iterator[Any]:
    for key in _SAME_VALUE_LISTS:
        subs = node.get(key)
        if isinstance(subs, list):
            yield from subs
    for key in _SAME_VALUE_ONE:
        if key in node:
            yield node[key]
    for key in _SAME_VALUE_MAPS:
        deps = node.get(key)
        if isinstance(deps, dict):
            yield from (d for d in deps.values() if isinstance(d, dict | bool))
    for key in _REFS:
        ref = node.get(key)
        if isinstance(ref, str):
            target = _resolve(ref, root)
            # Anchors and dynamic refs are not resolved here: count the whole schema instead.
            yield root if target is None else target


def _resolve(ref: str, root: dict[str, Any]) -> Any | None:
    if ref == "#":
        return root
    if not ref.startswith("#/"):
        return None
    node: Any = root
    try:
        for part in ref[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            node = node[int(key)] if isinstance(node, list) else node[key]
    except (KeyError, TypeError, IndexError, ValueError):
        return None
    return node


# ---- the candidate --------------------------------------------------------------------------


def _build(schema: Any, root: dict[str, Any], depth: int, budget: _Budget) -> Any:
    budget.spend()
    if not isinstance(schema, Mapping) or depth > _MAX_DEPTH:
        return None
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        return _build(_resolve(ref, root), root, depth + 1, budget)
    for key in _SAME_VALUE_LISTS:
        subs = schema.get(key)
        if isinstance(subs, list) and subs:
            if key == "allOf":
                merged: dict[str, Any] = {}
                for sub in subs:
                    if isinstance(sub, Mapping):
                        merged.update(sub)
                return _build(merged, root, depth + 1, budget)
            return _build(subs[0], root, depth + 1, budget)
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
                obj[name] = _build(props.get(name, {}), root, depth + 1, budget)
        return obj
    if kind == "array":
        count = schema.get("minItems", 0)
        count = count if isinstance(count, int) and 0 <= count <= _MAX_ITEMS else 0
        items = schema.get("items", {})
        return [_build(items, root, depth + 1, budget) for _ in range(count)]
    if kind == "string":
        length = schema.get("minLength", 0)
        length = length if isinstance(length, int) and 0 <= length <= _MAX_STRING else 0
        budget.spend(length // 256)
        fmt = schema.get("format")
        if fmt == "date-time":
            return "2026-01-01T00:00:00+00:00"
        if fmt == "date":
            return "2026-01-01"
        if fmt in {"uri", "url"}:
            return "https://example.com/"
        if fmt == "email":
            return "devin@example.com"
        return "x" * length if length else "done"
    if kind in {"integer", "number"}:
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        if isinstance(low, int | float) and not isinstance(low, bool):
            value = int(low) + 1 if "exclusiveMinimum" in schema else int(low)
            return value if value >= low else value + 1
        return 1
    if kind == "boolean":
        return True
    return None
