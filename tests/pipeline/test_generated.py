"""The generated client: complete, typed, reproducible, free of the generator's known defects."""

from __future__ import annotations

import datetime
import difflib
import importlib
import io
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import devin_api
import httpx
import pytest
import python_multipart
import schemathesis
from devin_api import AuthenticatedClient, Client
from devin_api.api.attachments import upload_attachment_customer_endpoint_v1_attachments_post
from devin_api.models import UploadAttachmentBody
from devin_api.types import UNSET, File
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SPEC: dict[str, Any] = json.loads(
    resources.files("devin_api").joinpath("openapi.json").read_text(encoding="utf-8")
)
METHODS = ("get", "put", "post", "delete")
OPERATIONS = [
    (op["tags"][0].lower(), re.sub("_+", "_", op["operationId"]), method, path, op)
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    if method in METHODS
]


def _module(tag: str, name: str) -> Any:
    return importlib.import_module(f"devin_api.api.{tag}.{name}")


@pytest.mark.parametrize(("tag", "name"), [(t, n) for t, n, *_ in OPERATIONS])
def test_each_operation_has_sync_and_async_functions(tag, name):
    module = _module(tag, name)
    for fn in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
        assert callable(getattr(module, fn)), f"{name}.{fn}"


# --- round trips --------------------------------------------------------------------------------
# hypothesis-jsonschema is broken with current hypothesis, so spec-valid JSON is drawn through
# schemathesis' public API: each schema becomes the request body of a synthetic operation.


def _json_schema(content: dict[str, Any]) -> dict[str, Any] | None:
    media = content.get("application/json")
    return media.get("schema") if media else None


CASES: dict[str, tuple[str, Any]] = {}  # id -> (kind, target); kind "model" or "response"
SYNTHETIC: dict[str, Any] = {}
for _tag, _name, _method, _path, _op in OPERATIONS:
    body = _op.get("requestBody", {}).get("content", {})
    schema = _json_schema(body)
    if schema is not None:
        model = schema["$ref"].rsplit("/", 1)[1]
        CASES[f"request-{model}"] = ("model", model)
        SYNTHETIC[f"request-{model}"] = schema
    for status, response in _op["responses"].items():
        resolved = response
        if "$ref" in response:
            resolved = SPEC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        schema = _json_schema(resolved.get("content", {}))
        # Operations sharing a response schema (401, 404, 422...) parse it with the same
        # generated code, so each distinct schema is drawn once.
        if schema is not None and schema != {} and schema not in SYNTHETIC.values():
            key = f"response-{_name}-{status}"
            CASES[key] = ("response", (_tag, _name, int(status)))
            SYNTHETIC[key] = schema

GEN = schemathesis.openapi.from_dict(
    {
        "openapi": "3.1.0",
        "info": {"title": "round-trip", "version": "1"},
        "components": SPEC["components"],
        "paths": {
            f"/{key}": {
                "post": {
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": schema}},
                    },
                    "responses": {"200": {"description": "ok"}},
                }
            }
            for key, schema in SYNTHETIC.items()
        },
    }
)


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _same(expected: Any, actual: Any) -> bool:
    """Equal JSON, where two date-time strings for the same instant count as equal."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(
            _same(expected[k], actual[k]) for k in expected
        )
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(map(_same, expected, actual))
    if isinstance(expected, str) and isinstance(actual, str) and expected != actual:
        try:
            return datetime.datetime.fromisoformat(expected) == datetime.datetime.fromisoformat(
                actual
            )
        except ValueError:
            return False
    return type(expected) is type(actual) and expected == actual


def _roundtrip(kind: str, target: Any, body: Any) -> Any:
    if kind == "model":
        return getattr(devin_api.models, target).from_dict(body).to_dict()
    tag, name, status = target
    response = httpx.Response(
        status, content=json.dumps(body).encode(), headers={"content-type": "application/json"}
    )
    client = Client(base_url="http://devin.test")
    return _plain(_module(tag, name)._parse_response(client=client, response=response))


def test_round_trip_covers_every_request_and_response_schema():
    models = {target for kind, target in CASES.values() if kind == "model"}
    assert {"CreateSessionParams", "CreateSecretRequest", "CreatePlaybookRequest"} <= models
    responses = [target for kind, target in CASES.values() if kind == "response"]
    assert len(responses) >= 15


@pytest.mark.parametrize("key", sorted(CASES))
def test_generated_models_round_trip(key):
    kind, target = CASES[key]
    strategy = GEN[f"/{key}"]["POST"].as_strategy()

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=strategy)
    def check(case: Any) -> None:
        body = case.body
        original = json.loads(json.dumps(body))
        out = _roundtrip(kind, target, body)
        assert _same(original, out), (original, out)

    check()


# --- generator defects handled by the pipeline -----------------------------------------------


def _multipart_files(request: httpx.Request) -> dict[str, bytes]:
    content_type = request.headers["content-type"]
    boundary = content_type.split("boundary=", 1)[1].encode()
    files: dict[str, bytes] = {}
    current: dict[str, Any] = {}

    def on_part_begin() -> None:
        current.clear()
        current["data"] = io.BytesIO()

    def on_header_field(data: bytes, start: int, end: int) -> None:
        current["field"] = data[start:end].decode().lower()

    def on_header_value(data: bytes, start: int, end: int) -> None:
        if current["field"] == "content-disposition":
            current["name"] = re.search(rb'name="([^"]*)"', data[start:end]).group(1).decode()

    def on_part_data(data: bytes, start: int, end: int) -> None:
        current["data"].write(data[start:end])

    def on_part_end() -> None:
        files[current["name"]] = current["data"].getvalue()

    parser = python_multipart.MultipartParser(
        boundary,
        {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    parser.write(request.read())
    parser.finalize()
    return files


@given(payload=st.binary(max_size=2048))
@settings(max_examples=50, deadline=None, database=None)
def test_upload_survives_any_bytes_including_the_old_fixed_boundary(payload):
    data = b"head\r\n--+++\r\n" + payload + b"\r\n--+++--\r\ntail"
    seen: dict[str, Any] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["content_type"] = request.headers["content-type"]
        seen["files"] = _multipart_files(request)
        return httpx.Response(200, json="https://files.devin.test/a/data.bin")

    client = AuthenticatedClient(
        base_url="http://devin.test",
        token="k",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )
    body = UploadAttachmentBody(file=File(payload=io.BytesIO(data), file_name="data.bin"))
    response = upload_attachment_customer_endpoint_v1_attachments_post.sync_detailed(
        client=client, body=body
    )
    assert response.status_code == 200
    assert "boundary=+++" not in seen["content_type"]
    assert seen["files"] == {"file": data}


def test_no_generated_module_forces_a_multipart_boundary():
    package = Path(devin_api.__file__).parent
    assert not [p for p in package.rglob("*.py") if "boundary=" in p.read_text(encoding="utf-8")]


def test_generated_client_has_a_finite_default_timeout():
    for client in (
        Client(base_url="http://x"),
        AuthenticatedClient(base_url="http://x", token="k"),
    ):
        timeout = client.get_httpx_client().timeout
        assert timeout.read is not None
        assert timeout.connect is not None
        assert timeout.read <= 120


# Each overridden template's change from upstream, as templates/README.md documents it: the
# lines removed (exactly) and a marker of what was added. Anything else differing fails.
TEMPLATE_CHANGES = {
    "client.py.jinja": {
        "removed": 2,
        "added": ["httpx.Timeout(60.0, connect=10.0)"],
    },
    "endpoint_module.py.jinja": {
        "removed": 14,
        "added": ["OPERATION = Operation(", "def build_request(", "if headers:"],
    },
    "model.py.jinja": {
        "removed": 2,
        "added": ["x-secret", "_hidden"],
    },
    "types.py.jinja": {
        "removed": 2,
        "added": ["class Operation:", "class RequestArgs(TypedDict", 'return "UNSET"'],
    },
}


def test_overridden_templates_differ_from_upstream_only_where_documented():
    import openapi_python_client

    upstream = Path(openapi_python_client.__file__).parent / "templates"
    changed: dict[str, list[str]] = {}
    for ours in sorted((ROOT / "openapi" / "templates").glob("*.jinja")):
        theirs = (upstream / ours.name).read_text(encoding="utf-8").splitlines()
        diff = difflib.unified_diff(theirs, ours.read_text(encoding="utf-8").splitlines(), n=0)
        changed[ours.name] = [
            line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
    assert set(changed) == set(TEMPLATE_CHANGES)
    readme = (ROOT / "openapi" / "templates" / "README.md").read_text(encoding="utf-8")
    for name, expected in TEMPLATE_CHANGES.items():
        assert f"`{name}`" in readme, f"{name} is not documented in templates/README.md"
        removed = [line for line in changed[name] if line.startswith("-")]
        added = "\n".join(line for line in changed[name] if line.startswith("+"))
        assert len(removed) == expected["removed"], (name, removed)
        for marker in expected["added"]:
            assert marker in added, (name, marker)
    endpoint_removed = [x for x in changed["endpoint_module.py.jinja"] if x.startswith("-")]
    assert sum("boundary=+++" in line for line in endpoint_removed) == 2
    # model.py.jinja: properties marked x-secret (and the extra properties of their model) get
    # a repr that hides the value; nothing else changes.
    model_removed = [line for line in changed["model.py.jinja"] if line.startswith("-")]
    model_added = [line for line in changed["model.py.jinja"] if line.startswith("+")]
    assert [line[1:].strip() for line in model_removed] == [
        "{%- if config.docstrings_on_attributes and property.description -%}",
        "additional_properties: dict[str, {{ additional_property_type }}] = "
        "_attrs_field(init=False, factory=dict)",
    ]
    assert sum("x-secret" in line for line in model_added) == 2
    assert sum("_hidden" in line for line in model_added) == 3
    assert len(model_added) == 13


def test_unset_fields_are_not_sent_and_none_is():
    """The tri-state of knowledge_ids: omitted, None (use all) and [] (use none) differ."""
    from devin_api.models import CreateSessionParams

    assert "knowledge_ids" not in CreateSessionParams(prompt="p").to_dict()
    assert CreateSessionParams(prompt="p", knowledge_ids=None).to_dict()["knowledge_ids"] is None
    assert CreateSessionParams(prompt="p", knowledge_ids=[]).to_dict()["knowledge_ids"] == []
    assert CreateSessionParams(prompt="p").knowledge_ids is UNSET
