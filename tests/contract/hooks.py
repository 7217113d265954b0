"""schemathesis hooks shared by the in-process suite and `make contract` (SCHEMATHESIS_HOOKS).

One blind spot of query-string testing, handled here rather than by switching a check off: a
query string carries only text. schemathesis sometimes "negates" a query parameter into a value
whose wire form is perfectly valid: ``tags=5`` (the array ``["5"]``), ``limit=[0.0]`` (sent as
``limit=0.0``, an integer to JSON Schema), ``skip=0.0`` for ``integer | null``. No server can
reject what it cannot see, so negative_data_rejection would report failures no mock could fix.

``filter_case`` drops a negative case only when it is negative in the query alone *and* every
declared query parameter, read back from the wire the way FastAPI does, is valid. Every negative
case a server can detect (``limit=abc``, a missing key, a bad body) still runs.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import jsonschema_rs
import schemathesis
from schemathesis.core.parameters import ParameterLocation

_SPEC = json.loads(
    resources.files("devin_api").joinpath("openapi.json").read_text(encoding="utf-8")
)
_INTEGER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def _query_params(path: str, method: str) -> dict[str, dict[str, Any]]:
    operation = _SPEC["paths"].get(path, {}).get(method.lower(), {})
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


if __name__ == "_schemathesis_hooks":  # loaded as a file by the schemathesis CLI
    schemathesis.hook(filter_case)
