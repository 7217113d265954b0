"""Devin API v1 specifics of the vendored spec and its overlay (the generic checks of every
API's pipeline are in test_pipeline.py)."""

from __future__ import annotations

from typing import Any

import apis
import merge_spec
import pytest
import yaml

API = apis.select(["devin-v1"])[0]

METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def _operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): op
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    }


@pytest.fixture(scope="module")
def vendored() -> dict[str, Any]:
    return yaml.safe_load(API.spec.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def merged() -> dict[str, Any]:
    return merge_spec.merged_spec(API)


def test_every_vendored_operation_and_schema_keeps_its_provenance_mark(vendored):
    marks = {"seen", "partial", "inferred", "legacy"}
    for key, op in _operations(vendored).items():
        assert op["x-devin-provenance"]["status"] in marks, key
    for name, schema in vendored["components"]["schemas"].items():
        assert schema["x-devin-provenance"]["status"] in marks, name


def test_seed_fragments_win_over_the_reference(vendored):
    """The seed fragments are newer than the reference; their limits must be in the file."""
    schemas = vendored["components"]["schemas"]
    tags = schemas["CreateSessionParams"]["properties"]["tags"]["anyOf"][0]
    assert tags["maxItems"] == 50
    secret = schemas["SessionSecretInput"]["properties"]
    assert (secret["key"]["minLength"], secret["key"]["maxLength"]) == (1, 256)
    assert secret["value"]["maxLength"] == 65536
    assert schemas["CreateSessionParams"]["properties"]["max_acu_limit"]["anyOf"][0] == {
        "exclusiveMinimum": 0,
        "type": "integer",
    }
    upload = vendored["paths"]["/v1/attachments"]["post"]["requestBody"]["content"]
    assert upload["multipart/form-data"]["schema"] == {
        "$ref": "#/components/schemas/Body_upload_attachment_customer_endpoint_v1_attachments_post"
    }


def test_the_three_wholesale_replacing_writes_are_the_only_idempotent_ones(merged):
    marked = {key for key, op in _operations(merged).items() if op.get("x-idempotent")}
    assert marked == {
        ("put", "/v1/sessions/{session_id}/tags"),
        ("put", "/v1/knowledge/{note_id}"),
        ("put", "/v1/playbooks/{playbook_id}"),
    }


def test_every_operation_documents_401_and_every_id_operation_404(merged):
    for (method, path), op in _operations(merged).items():
        assert "401" in op["responses"], (method, path)
        if "{" in path:
            assert "404" in op["responses"], (method, path)


def test_overlay_adds_the_v3_create_fields(merged):
    props = merged["components"]["schemas"]["CreateSessionParams"]["properties"]
    assert merged["components"]["schemas"]["DevinMode"]["enum"] == ["normal", "fast"]
    assert {"$ref": "#/components/schemas/DevinMode"} in props["devin_mode"]["anyOf"]
    assert {"type": "string"} in props["create_as_user_id"]["anyOf"]
    got = merged["components"]["schemas"]["GetSessionResponse"]["properties"]
    assert {"devin_mode", "create_as_user_id"} <= set(got)


def test_links_walk_a_session_from_create_to_terminate(merged):
    ops = _operations(merged)
    create_links = ops[("post", "/v1/sessions")]["responses"]["200"]["links"]
    targets = {link["operationId"] for link in create_links.values()}
    assert targets == {
        ops[key]["operationId"]
        for key in [
            ("get", "/v1/sessions/{session_id}"),
            ("post", "/v1/sessions/{session_id}/message"),
            ("put", "/v1/sessions/{session_id}/tags"),
            ("delete", "/v1/sessions/{session_id}"),
        ]
    }
    by_id = {op["operationId"] for op in ops.values()}
    for op in ops.values():
        for response in op["responses"].values():
            for link in response.get("links", {}).values():
                assert link["operationId"] in by_id
                assert set(link["parameters"]) == {"session_id"}
