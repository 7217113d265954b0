"""schemathesis hooks shared by the in-process suite and `make contract` (SCHEMATHESIS_HOOKS).

One blind spot of query-string testing, handled here rather than by switching a check off: a
query string carries only text. schemathesis sometimes "negates" a query parameter into a value
whose wire form is perfectly valid: ``tags=5`` (the array ``["5"]``), ``limit=[0.0]`` (sent as
``limit=0.0``, an integer to JSON Schema), ``skip=0.0`` for ``integer | null``. No server can
reject what it cannot see, so negative_data_rejection would report failures no mock could fix.

``filter_case`` drops a negative case only when it is negative in the query alone *and* every
declared query parameter, read back from the wire the way FastAPI does, is valid. Every negative
case a server can detect (``limit=abc``, a missing key, a bad body) still runs.

Two things v3 needs that a schema cannot say, done by ``map_case``:

- every v3 route is under ``/v3/organizations/{org_id}``, and the suite's key belongs to one
  organisation: a made-up ``org_id`` is 403 whatever the rest of the request, so every case
  would test the organisation check alone. Each case whose path is not the negated part names
  the mock's demo organisation (another one's 403 is a boundary test of its own);
- a cursor is opaque, so the schema says "any string", yet a server refuses one it never issued
  (422): a made-up ``after`` is dropped from positive cases (they read the first page); the
  boundary tests send garbage cursors on purpose.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import jsonschema_rs
import schemathesis
from devin_client.testing import DEFAULT_ORG_ID
from schemathesis.core.parameters import ParameterLocation

_SPECS = [
    json.loads(resources.files(package).joinpath("openapi.json").read_text(encoding="utf-8"))
    for package in ("devin_api", "devin_api_v3")
]
_INTEGER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_BOOLEANS = {"1", "on", "t", "true", "y", "yes", "0", "off", "f", "false", "n", "no"}


def _query_params(path: str, method: str) -> dict[str, dict[str, Any]]:
    operation: dict[str, Any] = {}
    for spec in _SPECS:  # the specs' paths do not overlap (/v1/..., /v3/...)
        operation = spec["paths"].get(path, {}).get(method.lower(), {}) or operation
    return {p["name"]: p["schema"] for p in operation.get("parameters", []) if p["in"] == "query"}


def _allows(schema: dict[str, Any], kind: str) -> bool:
    return schema.get("type") == kind or any(_allows(s, kind) for s in schema.get("anyOf", []))


def _wire_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or isinstance(value, dict):
        return None  # not expressible as one text value: treat as unknowable
    return str(value)


def _read_back(text: str, schema: dict[str, Any]) -> Any:
    """What a FastAPI-style server makes of one query value."""
    integral = _allows(schema, "integer") and text in {"0", "1"}
    if _allows(schema, "boolean") and text.lower() in _BOOLEANS and not integral:
        return text.lower() in {"1", "on", "t", "true", "y", "yes"}
    if _allows(schema, "integer") and _INTEGER.match(text):
        number = float(text)
        if number.is_integer():
            return int(number)
    return text


def _wire_valid(value: Any, schema: dict[str, Any]) -> bool | None:
    items = value if isinstance(value, list) else [value]
    texts = [_wire_text(item) for item in items]
    if any(t is None for t in texts):
        return None
    if not texts:
        return True  # an empty list sends nothing: the parameter is absent
    if _allows(schema, "array"):
        item_schema = next(
            (s.get("items", {}) for s in [schema, *schema.get("anyOf", [])] if "items" in s), {}
        )
        seen: Any = [_read_back(t, item_schema) for t in texts if t is not None]
    else:
        seen = _read_back(texts[-1] or "", schema)
    return bool(jsonschema_rs.validator_for(schema).is_valid(seen))


def filter_case(context: Any, case: Any) -> bool:
    """Keep a case unless its only negation is invisible in the query string."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_negative:
        return True
    if not meta.is_negative_at(ParameterLocation.QUERY):
        return True
    others = (ParameterLocation.PATH, ParameterLocation.HEADER, ParameterLocation.BODY)
    if any(meta.is_negative_at(location) for location in others):
        return True
    query = meta.raw_containers.get(ParameterLocation.QUERY, case.query) or {}
    params = _query_params(case.operation.path, case.operation.method)
    for name, schema in params.items():
        if name in query and _wire_valid(query[name], schema) is False:
            return True  # a server can see this negation
    return False


def before_add_examples(context: Any, examples: list[Any]) -> None:
    """The spec's own examples name ``org-abc123def456``: they name the demo organisation too
    (the examples phase does not pass through ``map_case``)."""
    for case in examples:
        params = case.path_parameters
        if isinstance(params, dict) and "org_id" in params:
            params["org_id"] = DEFAULT_ORG_ID


def map_case(context: Any, case: Any) -> Any:
    """Name the demo organisation, and drop a made-up ``after`` cursor from a positive case
    (see the module docstring)."""
    meta = case.meta
    negative = meta is not None and meta.generation.mode.is_negative
    path_negated = negative and meta.is_negative_at(ParameterLocation.PATH)
    params = case.path_parameters
    if isinstance(params, dict) and "org_id" in params and not path_negated:
        params["org_id"] = DEFAULT_ORG_ID
    if not negative and isinstance(case.query, dict) and case.query.get("after") is not None:
        del case.query["after"]
    return case


if __name__ == "_schemathesis_hooks":  # loaded as a file by the schemathesis CLI
    schemathesis.hook(filter_case)
    schemathesis.hook(map_case)
    schemathesis.hook(before_add_examples)
