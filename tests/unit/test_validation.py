"""Validation before sending: spec-schema limits, documented rules, Python types. Nothing sent."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from devin_client import Devin, DevinValidationError

from .conftest import Recorder

CREATED = {"session_id": "devin-abc", "url": "https://app.devin.ai/sessions/abc"}

BAD_CREATES: list[tuple[dict[str, Any], str]] = [
    ({"tags": ["t"] * 51}, "tags"),
    ({"tags": "a"}, "tags"),
    ({"tags": ["a", 5]}, "tags[1]"),
    ({"max_acu_limit": 0}, "max_acu_limit"),
    ({"max_acu_limit": -3}, "max_acu_limit"),
    ({"max_acu_limit": "5"}, "max_acu_limit"),
    ({"max_acu_limit": True}, "max_acu_limit"),
    ({"knowledge_ids": "k-1"}, "knowledge_ids"),
    ({"session_secrets": [{"key": "", "value": "v"}]}, "session_secrets[0].key"),
    ({"session_secrets": [{"key": "k" * 257, "value": "v"}]}, "session_secrets[0].key"),
    ({"session_secrets": [{"key": "k", "value": "v" * 65537}]}, "session_secrets[0].value"),
    ({"session_secrets": [{"key": "k"}]}, "session_secrets[0].value"),
    ({"session_secrets": ["k=v"]}, "session_secrets[0]"),
    ({"devin_mode": "turbo"}, "devin_mode"),
    ({"create_as_user_id": ""}, "create_as_user_id"),
    ({"create_as_user_id": "   "}, "create_as_user_id"),
    ({"title": 5}, "title"),
    ({"unlisted": "yes"}, "unlisted"),
    ({"structured_output_schema": {"type": 5}}, "structured_output_schema"),
    ({"structured_output_schema": {"$ref": "https://x/s.json"}}, "structured_output_schema"),
    (
        {"structured_output_schema": {"properties": {"a": {"$ref": "other.json#/a"}}}},
        "structured_output_schema",
    ),
    (
        {"structured_output_schema": {"$schema": "https://json-schema.org/draft/2020-12/schema"}},
        "structured_output_schema",
    ),
    ({"structured_output_schema": {"description": "x" * 70_000}}, "structured_output_schema"),
    ({"structured_output_schema": "{}"}, "structured_output_schema"),
    ({"tags": [object()]}, "tags"),
    ({"attachments": ["/no/such/file.txt"]}, "attachments[0]"),
    ({"attachments": ["https://ok.example/a", 'https://x/"quoted"']}, "attachments[1]"),
    ({"attachments": "https://x/a"}, "attachments"),
]


@pytest.mark.parametrize(("kwargs", "field"), BAD_CREATES)
def test_bad_create_is_refused_before_sending(
    client: Devin, recorder: Recorder, kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(DevinValidationError) as info:
        client.sessions.create("Fix the bug", **kwargs)
    assert info.value.field == field
    assert isinstance(info.value, ValueError)
    assert recorder.requests == []


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_prompt_or_message_is_refused(
    client: Devin, recorder: Recorder, text: str
) -> None:
    with pytest.raises(DevinValidationError, match="must not be empty") as info:
        client.sessions.create(text)
    assert info.value.field == "prompt"
    with pytest.raises(DevinValidationError, match="must not be empty") as info:
        client.sessions.send_message("devin-1", text)
    assert info.value.field == "message"
    assert recorder.requests == []


def test_attachments_alone_make_a_prompt(client: Devin, recorder: Recorder) -> None:
    recorder.route(
        "POST", "/v1/sessions", {"session_id": "devin-1", "url": "https://app.devin.ai/s/1"}
    )
    client.sessions.create("", attachments=["https://files.example/a.csv"])
    (request,) = recorder.requests
    assert json.loads(request.content)["prompt"] == 'ATTACHMENT:"https://files.example/a.csv"'


def test_validate_false_sends_an_empty_prompt(recorder: Recorder) -> None:
    recorder.route(
        "POST", "/v1/sessions", {"session_id": "devin-1", "url": "https://app.devin.ai/s/1"}
    )
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    with Devin("k", http_client=http, validate=False) as unchecked:
        unchecked.sessions.create("")
    assert json.loads(recorder.requests[0].content)["prompt"] == ""


def test_messages_never_echo_secret_values(client: Devin) -> None:
    with pytest.raises(DevinValidationError) as info:
        client.sessions.create("p", session_secrets=[{"key": "k", "value": "hunter2" * 10_000}])
    assert "hunter2" not in str(info.value)


def test_limits_come_from_the_spec(client: Devin, recorder: Recorder) -> None:
    recorder.route("POST", "/v1/sessions", CREATED)
    client.sessions.create(
        "p",
        tags=["t"] * 50,
        max_acu_limit=1,
        session_secrets=[{"key": "k" * 256, "value": "v" * 65536}],
        devin_mode="fast",
        create_as_user_id="user-1",
        structured_output_schema={
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "properties": {"a": {"$ref": "#/definitions/a"}},
            "definitions": {"a": {"type": "string"}},
        },
    )
    assert len(recorder.requests) == 1


def test_validate_false_sends_as_given(client: Devin, recorder: Recorder) -> None:
    recorder.route("POST", "/v1/sessions", CREATED)
    client.with_options(validate=False).sessions.create("p", tags=["t"] * 51, max_acu_limit=0)
    body = recorder.json()
    assert len(body["tags"]) == 51
    assert body["max_acu_limit"] == 0
    off = Devin("apk_x", validate=False, http_client=client._http)
    off.sessions.create("p", devin_mode="turbo")
    assert recorder.json()["devin_mode"] == "turbo"


def test_non_json_values_fail_before_sending_even_without_validation(
    client: Devin, recorder: Recorder
) -> None:
    with pytest.raises(DevinValidationError):
        client.with_options(validate=False).sessions.create("p", tags=[object()])  # type: ignore[list-item]
    assert recorder.requests == []


CALLS: list[tuple[Callable[[Devin], Any], str]] = [
    (lambda c: c.sessions.get(""), "session_id"),
    (lambda c: c.sessions.get(None), "session_id"),
    (lambda c: c.sessions.terminate(""), "session_id"),
    (lambda c: c.sessions.send_message("devin-1", 5), "message"),
    (lambda c: c.sessions.send_message("", "m"), "session_id"),
    (lambda c: c.sessions.update_tags("devin-1", "a"), "tags"),
    (lambda c: c.sessions.update_tags("devin-1", [1]), "tags[0]"),
    (lambda c: c.sessions.list(page_size=0), "page_size"),
    (lambda c: c.sessions.list(tags="a"), "tags"),
    (lambda c: c.sessions.wait("devin-1", timeout=-1), "timeout"),
    (lambda c: c.sessions.wait("devin-1", poll_interval=-1), "poll_interval"),
    (lambda c: c.sessions.wait("devin-1", until="finished"), "until"),
    (lambda c: c.secrets.create("k", "v", type="password"), "type"),
    (lambda c: c.secrets.create("k", 5), "value"),
    (lambda c: c.secrets.delete(""), "secret_id"),
    (lambda c: c.knowledge.create(name=1, body="b", trigger_description="t"), "name"),
    (lambda c: c.knowledge.update("", name="n", body="b", trigger_description="t"), "note_id"),
    (lambda c: c.knowledge.delete(""), "note_id"),
    (lambda c: c.playbooks.create(title="", body="b"), "title"),
    (lambda c: c.playbooks.update("p-1", title="t", body=""), "body"),
    (lambda c: c.playbooks.get(""), "playbook_id"),
    (lambda c: c.attachments.upload("/no/such/file"), "file"),
    (lambda c: c.attachments.upload(12), "file"),
    (lambda c: c.attachments.upload(b"x", filename=""), "filename"),
    (lambda c: c.attachments.download(""), "url"),
    (lambda c: c.attachments.download("ftp://x/y"), "url"),
]


@pytest.mark.parametrize(("call", "field"), CALLS)
def test_bad_arguments(
    client: Devin, recorder: Recorder, call: Callable[[Devin], Any], field: str
) -> None:
    with pytest.raises(DevinValidationError) as info:
        call(client)
    assert info.value.field == field
    assert recorder.requests == []


def test_text_mode_file_is_refused(client: Devin, recorder: Recorder, tmp_path: Any) -> None:
    path = tmp_path / "a.txt"
    path.write_text("hello")
    with path.open() as text, pytest.raises(DevinValidationError, match="binary"):
        client.attachments.upload(text)  # type: ignore[arg-type]
    assert recorder.requests == []


def test_tri_state_knowledge_and_secret_ids(client: Devin, recorder: Recorder) -> None:
    recorder.route("POST", "/v1/sessions", CREATED)
    client.sessions.create("p")
    assert "knowledge_ids" not in recorder.json()
    assert "secret_ids" not in recorder.json()
    client.sessions.create("p", knowledge_ids=None, secret_ids=None)
    assert recorder.json()["knowledge_ids"] is None
    assert recorder.json()["secret_ids"] is None
    client.sessions.create("p", knowledge_ids=[], secret_ids=())
    assert recorder.json()["knowledge_ids"] == []
    assert recorder.json()["secret_ids"] == []
    client.sessions.create("p", knowledge_ids=["k"], secret_ids=["s"])
    assert recorder.json()["knowledge_ids"] == ["k"]
    assert json.loads(recorder.bodies[-1])["secret_ids"] == ["s"]
