"""One valid request for every v3 operation, made from the spec (required fields only), for
tests that need to get past input validation: permissions, isolation, hostile inputs."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from devin_client.testing._kernel.spec import load_document, load_spec

__all__ = ["V3Request", "v3_requests"]


@dataclass(frozen=True)
class V3Request:
    """A request that passes validation (ids in the path are made up: 404 past the checks)."""

    key: str  # "METHOD /path" as the spec writes it
    method: str
    path: str  # concrete, under the organisation given to :func:`v3_requests`
    json: Any = None
    files: Mapping[str, Any] | None = None

    def send_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``httpx.Client.request``."""
        kwargs: dict[str, Any] = {}
        if self.json is not None:
            kwargs["json"] = self.json
        if self.files is not None:
            kwargs["files"] = dict(self.files)
        return kwargs


def _minimal(schema: Any, document: Mapping[str, Any]) -> Any:
    while isinstance(schema, Mapping) and "$ref" in schema:
        node: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    if not isinstance(schema, Mapping):
        return None
    if "enum" in schema:
        return schema["enum"][0]
    if "anyOf" in schema:
        return _minimal(schema["anyOf"][0], document)
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {
            name: _minimal(props.get(name, {}), document) for name in schema.get("required", [])
        }
    return {"string": "x", "integer": 1, "number": 1, "boolean": True, "array": []}.get(
        str(kind), "x"
    )


# Fields a rule beyond the schema needs (a recurring schedule needs a cron frequency).
_EXTRA: Mapping[str, Mapping[str, Any]] = {
    "POST /v3/organizations/{org_id}/schedules": {"frequency": "0 3 * * *"},
}


@functools.cache
def _requests() -> tuple[tuple[str, str, str, Any, bool], ...]:
    document = load_document("devin_api_v3")
    found = []
    for op in load_spec("devin_api_v3").operations:
        body: Any = None
        upload = op.body_media_type == "multipart/form-data"
        if op.body_media_type == "application/json":
            raw = document["paths"][op.path][op.method.lower()]["requestBody"]
            schema = raw["content"]["application/json"]["schema"]
            body = {**_minimal(schema, document), **_EXTRA.get(op.key, {})}
        found.append((op.key, op.method, op.path, body, upload))
    return tuple(found)


def v3_requests(org_id: str) -> list[V3Request]:
    """A valid request for each of the v3 spec's operations, under ``org_id``."""
    out = []
    for key, method, template, body, upload in _requests():
        path = template.replace("{org_id}", org_id)
        for name in ("devin_id", "note_id", "playbook_id", "secret_id", "schedule_id"):
            path = path.replace("{" + name + "}", f"{name.split('_')[0]}-missing")
        path = path.replace("{uuid}", "00000000-0000-0000-0000-000000000000").replace(
            "{name}", "x.txt"
        )
        files = {"file": ("x.txt", b"x", "text/plain")} if upload else None
        out.append(V3Request(key, method, path, body, files))
    return out
