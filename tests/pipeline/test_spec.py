"""The vendored spec, the overlay and the merged spec that ships in devin_api."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import merge_spec  # noqa: E402

OPERATIONS = {
    ("get", "/v1/sessions"): "list_sessions_endpoint_v1_sessions_get",
    ("post", "/v1/sessions"): "create_session_endpoint_v1_sessions_post",
    ("get", "/v1/sessions/{session_id}"): "get_session_endpoint_v1_sessions__session_id__get",
    ("delete", "/v1/sessions/{session_id}"): (
        "terminate_session_endpoint_v1_sessions__session_id__delete"
    ),
    ("post", "/v1/sessions/{session_id}/message"): (
        "post_message_to_session_v1_sessions__session_id__message_post"
    ),
    (
        "put",
        "/v1/sessions/{session_id}/tags",
    ): "edit_session_tags_v1_sessions__session_id__tags_put",
    ("post", "/v1/attachments"): "upload_attachment_customer_endpoint_v1_attachments_post",
    ("get", "/v1/attachments/{uuid}/{name}"): (
        "download_attachment_customer_endpoint_v1_attachments__uuid___name__get"
    ),
    ("get", "/v1/secrets"): "list_secrets_v1_secrets_get",
    ("post", "/v1/secrets"): "create_secret_v1_secrets_post",
    ("delete", "/v1/secrets/{secret_id}"): "delete_secret_v1_secrets__secret_id__delete",
    ("get", "/v1/knowledge"): "get_all_knowledge_v1_knowledge_get",
    ("post", "/v1/knowledge"): "create_knowledge_v1_knowledge_post",
    ("put", "/v1/knowledge/{note_id}"): "update_knowledge_v1_knowledge__note_id__put",
    ("delete", "/v1/knowledge/{note_id}"): "delete_knowledge_v1_knowledge__note_id__delete",
    ("get", "/v1/playbooks"): "get_playbooks_v1_playbooks_get",
    ("post", "/v1/playbooks"): "create_playbook_v1_playbooks_post",
    ("get", "/v1/playbooks/{playbook_id}"): "get_playbook_v1_playbooks__playbook_id__get",
    ("put", "/v1/playbooks/{playbook_id}"): "update_playbook_v1_playbooks__playbook_id__put",
    ("delete", "/v1/playbooks/{playbook_id}"): "delete_playbook_v1_playbooks__playbook_id__delete",
}
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
    return yaml.safe_load((ROOT / "openapi" / "devin-v1.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def merged() -> dict[str, Any]:
    return merge_spec.merged_spec()


def test_vendored_spec_has_the_20_operations_with_their_published_ids(vendored):
    ops = _operations(vendored)
    assert {key: op["operationId"] for key, op in ops.items()} == OPERATIONS


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


def test_provenance_records_the_vendored_files_checksum():
    digest = hashlib.sha256((ROOT / "openapi" / "devin-v1.yaml").read_bytes()).hexdigest()
    assert digest in (ROOT / "openapi" / "PROVENANCE.md").read_text(encoding="utf-8")


def test_merged_spec_is_a_valid_openapi_document(merged):
    validate(merged)


def test_overlay_changes_each_have_a_unique_id_and_a_reason():
    overlay = yaml.safe_load((ROOT / "openapi" / "overlay.yaml").read_text(encoding="utf-8"))
    ids = [change["id"] for change in overlay["changes"]]
    assert len(ids) == len(set(ids))
    for change in overlay["changes"]:
        assert len(change["reason"].split()) >= 8, change["id"]
        assert change["patch"], change["id"]


def test_overlay_leaves_the_vendored_operations_in_place(vendored, merged):
    assert {k: op["operationId"] for k, op in _operations(merged).items()} == OPERATIONS
    for key, op in _operations(vendored).items():
        merged_op = _operations(merged)[key]
        for status, response in op["responses"].items():
            assert merged_op["responses"][status]["description"] == response["description"]


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
        OPERATIONS[("get", "/v1/sessions/{session_id}")],
        OPERATIONS[("post", "/v1/sessions/{session_id}/message")],
        OPERATIONS[("put", "/v1/sessions/{session_id}/tags")],
        OPERATIONS[("delete", "/v1/sessions/{session_id}")],
    }
    by_id = {op["operationId"] for op in ops.values()}
    for op in ops.values():
        for response in op["responses"].values():
            for link in response.get("links", {}).values():
                assert link["operationId"] in by_id
                assert set(link["parameters"]) == {"session_id"}


def test_the_package_ships_the_merged_spec(merged):
    shipped = resources.files("devin_api").joinpath("openapi.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == merged


def test_generator_and_ruff_are_pinned_exactly():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"openapi-python-client==\d+\.\d+\.\d+"', pyproject)
    assert re.search(r'"ruff==\d+\.\d+\.\d+"', pyproject)
