"""Named normalisation steps an API's overlay can ask for, by id, under ``normalise:``.

A JSON Patch names one place; these steps say a rule that holds across a whole spec ("every
nullable path parameter", "every enum a response carries"), so they keep holding when a new
version of the vendored spec adds operations. Each step changes the spec in place, leaves a
mark (an ``x-normalised`` extension naming the step) on what it changed, and is a no-op on a
spec that already follows the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["STEPS"]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
Spec = dict[str, Any]


def _operations(spec: Spec) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if isinstance(item.get(method), dict):
                yield path, method, item[method]


def _mark(node: dict[str, Any], step: str) -> None:
    node.setdefault("x-normalised", [])
    if step not in node["x-normalised"]:
        node["x-normalised"].append(step)


def nullable_path_parameters(spec: Spec) -> None:
    """A path parameter published as ``anyOf: [T, {type: null}]`` becomes plain ``T``.

    FastAPI publishes ``str | None`` path parameters that way; openapi-python-client refuses
    ``None | str`` in a path and drops the whole endpoint. A path segment cannot be null, so the
    wire contract is unchanged.
    """
    parameters = [
        p for _, _, op in _operations(spec) for p in op.get("parameters", []) if "$ref" not in p
    ]
    parameters += [p for item in spec.get("paths", {}).values() for p in item.get("parameters", [])]
    parameters += list(spec.get("components", {}).get("parameters", {}).values())
    for param in parameters:
        if param.get("in") != "path":
            continue
        schema = param.get("schema", {})
        branches = schema.get("anyOf")
        if not isinstance(branches, list):
            continue
        kept = [b for b in branches if b != {"type": "null"}]
        if len(kept) != 1 or len(kept) == len(branches):
            continue
        plain = {k: v for k, v in schema.items() if k != "anyOf"}
        plain.update(kept[0])
        param["schema"] = plain
        _mark(param, "nullable-path-parameters")


def _refs(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)


def _closure(spec: Spec, roots: set[str]) -> set[str]:
    schemas = spec.get("components", {}).get("schemas", {})
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        found: set[str] = set()
        _refs(schemas[name], found)
        todo.extend(found)
    return seen


def _open(node: Any) -> Any:
    """``node`` with every string enum (at any depth) also accepting any other string."""
    if isinstance(node, list):
        return [_open(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "enum" in node and node.get("type") == "string" and "x-normalised" not in node:
        return {
            "anyOf": [node, {"type": "string"}],
            **{k: node[k] for k in ("title", "description") if k in node},
            "x-normalised": ["open-response-enums"],
        }
    out = {key: _open(value) for key, value in node.items()}
    branches = out.get("anyOf")
    if isinstance(branches, list):
        # anyOf [enum-or-string, null] flattens to anyOf [enum, string, null].
        flat: list[Any] = []
        for branch in branches:
            if isinstance(branch, dict) and branch.get("x-normalised") == ["open-response-enums"]:
                flat.extend(branch["anyOf"])
                out.setdefault("x-normalised", ["open-response-enums"])
            else:
                flat.append(branch)
        out["anyOf"] = flat
    return out


def open_response_enums(spec: Spec) -> None:
    """Every string enum in a schema only responses use also accepts any other string.

    The generator turns enums into strict Python enums whose ``from_dict`` raises on a value it
    does not know, so one new status from the server would break every read. Schemas that a
    request body or parameter uses keep their closed enums (a typo there is the caller's bug).
    """
    request: set[str] = set()
    response: set[str] = set()
    for _, _, op in _operations(spec):
        _refs(op.get("requestBody", {}), request)
        _refs(op.get("parameters", []), request)
        _refs(op.get("responses", {}), response)
    schemas = spec.get("components", {}).get("schemas", {})
    for name in sorted(_closure(spec, response) - _closure(spec, request)):
        schemas[name] = _open(schemas[name])


def guessed_operation_ids(spec: Spec) -> None:
    """An operation without ``operationId`` takes its ``x-devin-operationId-guess``, flagged.

    Without an id the generator derives a name from the path; a guess in the FastAPI pattern
    of its siblings keeps names uniform, and ``x-operationId-guessed: true`` keeps it honest.
    """
    for _, _, op in _operations(spec):
        guess = op.get("x-devin-operationId-guess")
        if "operationId" not in op and isinstance(guess, str) and guess:
            op["operationId"] = guess
            op["x-operationId-guessed"] = True
            _mark(op, "guessed-operation-ids")


STEPS: dict[str, Callable[[Spec], None]] = {
    "nullable-path-parameters": nullable_path_parameters,
    "open-response-enums": open_response_enums,
    "guessed-operation-ids": guessed_operation_ids,
}
