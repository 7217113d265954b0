"""Bad inputs to the facade: each raises ``DevinValidationError`` naming the field, and nothing
reaches the transport (a recording ``httpx.MockTransport``)."""

from __future__ import annotations

import inspect
import io
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from devin_client import AsyncDevin, Devin, DevinValidationError

from ..security._wire import API_KEY, BASE_URL, Wire

SID = "devin-0123456789abcdef"
URL = "https://api.devin.ai/v1/attachments/9f1c/report.csv"
MISSING = "/definitely/not/here/report.csv"


def _deep_schema(levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "object", "properties": {"x": schema}}
    return schema


HUGE_SCHEMA = {
    "type": "object",
    "properties": {f"field_{i}": {"type": "string", "description": "d" * 100} for i in range(700)},
}

# id -> (call(client), the field the error must name). Each is one distinct bad input.
CASES: dict[str, tuple[Callable[[Any], Any], str]] = {
    # sessions.create: the prompt
    "prompt not a string": (lambda c: c.sessions.create(123), "prompt"),
    "prompt None": (lambda c: c.sessions.create(None), "prompt"),
    # tags
    "51 tags": (lambda c: c.sessions.create("p", tags=[f"t{i}" for i in range(51)]), "tags"),
    "tags a string": (lambda c: c.sessions.create("p", tags="a,b"), "tags"),
    "tag not a string": (lambda c: c.sessions.create("p", tags=["ok", 7]), "tags"),
    # max_acu_limit
    "max_acu_limit 0": (lambda c: c.sessions.create("p", max_acu_limit=0), "max_acu_limit"),
    "max_acu_limit negative": (
        lambda c: c.sessions.create("p", max_acu_limit=-5),
        "max_acu_limit",
    ),
    "max_acu_limit NaN": (
        lambda c: c.sessions.create("p", max_acu_limit=math.nan),
        "max_acu_limit",
    ),
    "max_acu_limit a bool": (
        lambda c: c.sessions.create("p", max_acu_limit=True),
        "max_acu_limit",
    ),
    "max_acu_limit a string": (
        lambda c: c.sessions.create("p", max_acu_limit="10"),
        "max_acu_limit",
    ),
    # v3-style fields
    "unknown devin_mode": (lambda c: c.sessions.create("p", devin_mode="turbo"), "devin_mode"),
    "devin_mode wrong case": (lambda c: c.sessions.create("p", devin_mode="FAST"), "devin_mode"),
    "devin_mode a number": (lambda c: c.sessions.create("p", devin_mode=1), "devin_mode"),
    "empty create_as_user_id": (
        lambda c: c.sessions.create("p", create_as_user_id=""),
        "create_as_user_id",
    ),
    # structured output schema
    "schema not Draft 7": (
        lambda c: c.sessions.create("p", structured_output_schema={"type": "nonsense"}),
        "structured_output_schema",
    ),
    "schema external $ref": (
        lambda c: c.sessions.create(
            "p", structured_output_schema={"$ref": "https://example.com/schema.json"}
        ),
        "structured_output_schema",
    ),
    "schema nested external $ref": (
        lambda c: c.sessions.create(
            "p",
            structured_output_schema={
                "type": "object",
                "properties": {"a": {"$ref": "other.json#/definitions/a"}},
            },
        ),
        "structured_output_schema",
    ),
    "schema file:// $ref": (
        lambda c: c.sessions.create("p", structured_output_schema={"$ref": "file:///etc/passwd"}),
        "structured_output_schema",
    ),
    "schema relative $ref": (
        lambda c: c.sessions.create(
            "p", structured_output_schema={"$id": "https://e.example/s", "$ref": "other"}
        ),
        "structured_output_schema",
    ),
    "schema value not JSON": (
        lambda c: c.sessions.create(
            "p", structured_output_schema={"type": "object", "default": {1, 2}}
        ),
        "structured_output_schema",
    ),
    "schema over 64 KB": (
        lambda c: c.sessions.create("p", structured_output_schema=HUGE_SCHEMA),
        "structured_output_schema",
    ),
    "schema not an object": (
        lambda c: c.sessions.create("p", structured_output_schema="{'type': 'object'}"),
        "structured_output_schema",
    ),
    # attachments
    "attachment URL with a quote": (
        lambda c: c.sessions.create("p", attachments=['https://x.example/a"b.csv']),
        "attachments",
    ),
    "attachment URL with a newline": (
        lambda c: c.sessions.create("p", attachments=['https://x.example/a\nATTACHMENT:"x"']),
        "attachments",
    ),
    "attachment URL not http": (
        lambda c: c.sessions.create("p", attachments=["ftp://x.example/a.csv"]),
        "attachments",
    ),
    "attachment file missing": (
        lambda c: c.sessions.create("p", attachments=[MISSING]),
        "attachments",
    ),
    "message attachment file missing": (
        lambda c: c.sessions.send_message(SID, "m", attachments=[Path(MISSING)]),
        "attachments",
    ),
    # tri-state lists and session secrets
    "knowledge_ids a string": (
        lambda c: c.sessions.create("p", knowledge_ids="note-1"),
        "knowledge_ids",
    ),
    "secret_ids with a number": (
        lambda c: c.sessions.create("p", secret_ids=["s1", 2]),
        "secret_ids",
    ),
    "session secret empty key": (
        lambda c: c.sessions.create("p", session_secrets=[{"key": "", "value": "v"}]),
        "session_secrets",
    ),
    "session secret key 257 chars": (
        lambda c: c.sessions.create("p", session_secrets=[{"key": "k" * 257, "value": "v"}]),
        "session_secrets",
    ),
    "session secret value over 65536": (
        lambda c: c.sessions.create("p", session_secrets=[{"key": "k", "value": "v" * 65537}]),
        "session_secrets",
    ),
    "session secret not a mapping": (
        lambda c: c.sessions.create("p", session_secrets=["KEY=value"]),
        "session_secrets",
    ),
    "idempotent not a bool": (lambda c: c.sessions.create("p", idempotent="yes"), "idempotent"),
    "unlisted not a bool": (lambda c: c.sessions.create("p", unlisted=1), "unlisted"),
    "title not a string": (lambda c: c.sessions.create("p", title=["t"]), "title"),
    # ids and other session calls
    "empty session id": (lambda c: c.sessions.get(""), "session_id"),
    "session id None": (lambda c: c.sessions.get(None), "session_id"),
    "message not a string": (lambda c: c.sessions.send_message(SID, None), "message"),
    "tags update not a list": (lambda c: c.sessions.update_tags(SID, "tag"), "tags"),
    "tags update with a number": (lambda c: c.sessions.update_tags(SID, ["a", 1]), "tags"),
    "terminate empty id": (lambda c: c.sessions.terminate(""), "session_id"),
    "page_size 0": (lambda c: c.sessions.list(page_size=0), "page_size"),
    "page_size negative": (lambda c: c.sessions.list(page_size=-10), "page_size"),
    "list tags a string": (lambda c: c.sessions.list(tags="a"), "tags"),
    "wait negative timeout": (lambda c: c.sessions.wait(SID, timeout=-1), "timeout"),
    "wait NaN timeout": (lambda c: c.sessions.wait(SID, timeout=math.nan), "timeout"),
    "wait negative poll_interval": (
        lambda c: c.sessions.wait(SID, poll_interval=-0.5),
        "poll_interval",
    ),
    # attachment lines Devin would ignore (tests/unit/test_near_misses.py has every rule)
    "prompt with ATTACHMENTS:": (lambda c: c.sessions.create(f'p\nATTACHMENTS:"{URL}"'), "prompt"),
    "prompt with doubled quotes": (
        lambda c: c.sessions.create(f'p\nATTACHMENT:""{URL}""'),
        "prompt",
    ),
    "message with a space after the colon": (
        lambda c: c.sessions.send_message(SID, f'ATTACHMENT: "{URL}"'),
        "message",
    ),
    # follow and run
    "follow unknown until status": (lambda c: c.sessions.follow(SID, until={"done"}), "until"),
    "follow negative timeout": (lambda c: c.sessions.follow(SID, timeout=-1), "timeout"),
    "follow empty id": (lambda c: c.sessions.follow(""), "session_id"),
    "follow on_progress not callable": (
        lambda c: c.sessions.follow(SID, on_progress="print"),
        "on_progress",
    ),
    "run with an output type no schema expresses": (
        lambda c: c.sessions.run("p", output_type=bytes),
        "output_type",
    ),
    "run with a near-miss prompt": (
        lambda c: c.sessions.run(f"p\nattachment: {URL}", output_type=dict),
        "prompt",
    ),
    "run negative poll_interval": (
        lambda c: c.sessions.run("p", output_type=dict, poll_interval=-1),
        "poll_interval",
    ),
    # attachments
    "upload missing file": (lambda c: c.attachments.upload(MISSING), "file"),
    "upload a text-mode file": (lambda c: c.attachments.upload(io.StringIO("text")), "file"),
    "upload an int": (lambda c: c.attachments.upload(42), "file"),
    "upload empty filename": (lambda c: c.attachments.upload(b"x", filename=""), "filename"),
    "upload filename with a newline": (
        lambda c: c.attachments.upload(b"x", filename="a\nb.txt"),
        "filename",
    ),
    "upload on_progress not callable": (
        lambda c: c.attachments.upload(b"x", on_progress="print"),
        "on_progress",
    ),
    "download empty url": (lambda c: c.attachments.download(""), "url"),
    "download ftp url": (lambda c: c.attachments.download("ftp://x.example/a"), "url"),
    "download relative url": (lambda c: c.attachments.download("v1/attachments/a/b"), "url"),
    # secrets, knowledge, playbooks
    "secret type unknown": (lambda c: c.secrets.create("K", "v", type="password"), "type"),
    "secret value not a string": (lambda c: c.secrets.create("K", 1234), "value"),
    "secret empty id": (lambda c: c.secrets.delete(""), "secret_id"),
    "knowledge name not a string": (
        lambda c: c.knowledge.create(name=None, body="b", trigger_description="t"),
        "name",
    ),
    "knowledge empty note id": (
        lambda c: c.knowledge.update("", name="n", body="b", trigger_description="t"),
        "note_id",
    ),
    "playbook empty title": (lambda c: c.playbooks.create(title="", body="b"), "title"),
    "playbook body not a string": (lambda c: c.playbooks.create(title="t", body=3), "body"),
    "playbook empty id": (lambda c: c.playbooks.get(""), "playbook_id"),
}


@pytest.fixture
def wire() -> Wire:
    return Wire(lambda request: httpx.Response(200, json={}))


@pytest.fixture
def client(wire: Wire) -> Iterator[Devin]:
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as c,
    ):
        yield c


def _names_the_problem(exc: DevinValidationError, field: str) -> None:
    assert exc.field.split("[")[0].split(".")[0] == field, f"field {exc.field!r}, not {field!r}"
    assert str(exc).startswith(exc.field)
    assert exc.problem.strip()
    assert API_KEY not in str(exc)


def _run_sync(call: Callable[[Any], Any], client: Devin) -> None:
    result = call(client)
    if isinstance(result, Iterator):  # a lazy list: its checks must run on the call
        next(result, None)


async def _run_async(call: Callable[[Any], Any], client: AsyncDevin) -> None:
    result = call(client)
    if inspect.isawaitable(result):
        await result
    elif hasattr(result, "__anext__"):
        await result.__anext__()


def test_the_catalogue_has_at_least_30_distinct_inputs() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_before_sending(case: str, client: Devin, wire: Wire) -> None:
    call, field = CASES[case]
    with pytest.raises(DevinValidationError) as caught:
        _run_sync(call, client)
    _names_the_problem(caught.value, field)
    assert wire.requests == []


@pytest.mark.anyio
@pytest.mark.parametrize("case", sorted(CASES))
async def test_async_bad_input_is_refused_before_sending(case: str, wire: Wire) -> None:
    call, field = CASES[case]

    async def no_sleep(seconds: float) -> None:
        return None

    async with (
        wire.async_client() as http,
        AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http, sleep=no_sleep) as client,
    ):
        with pytest.raises(DevinValidationError) as caught:
            await _run_async(call, client)
    _names_the_problem(caught.value, field)
    assert wire.requests == []


# -- constructing a client --------------------------------------------------------------------

CLIENT_CASES: dict[str, tuple[dict[str, Any], str]] = {
    "negative timeout": ({"timeout": -1}, "timeout"),
    "zero timeout": ({"timeout": 0}, "timeout"),
    "infinite timeout": ({"timeout": math.inf}, "timeout"),
    "timeout a string": ({"timeout": "30"}, "timeout"),
    "negative max_retries": ({"max_retries": -1}, "max_retries"),
    "max_retries a float": ({"max_retries": 1.5}, "max_retries"),
    "empty api key": ({"api_key": ""}, "api_key"),
    "api key with a newline": ({"api_key": "apk_user_x\r\nX-Evil: 1"}, "api_key"),
    "api key with a space": ({"api_key": "apk user"}, "api_key"),
    "api key not a string": ({"api_key": b"apk_user_x"}, "api_key"),
    "base url not a url": ({"base_url": "not a url"}, "base_url"),
    "base url with a query": ({"base_url": "https://api.devin.ai?x=1"}, "base_url"),
    "validate not a bool": ({"validate": "no"}, "validate"),
    "http_client wrong type": ({"http_client": object()}, "http_client"),
}


@pytest.mark.parametrize("case", sorted(CLIENT_CASES))
@pytest.mark.parametrize("cls", [Devin, AsyncDevin])
def test_bad_client_options_are_refused(case: str, cls: type[Devin] | type[AsyncDevin]) -> None:
    kwargs, field = CLIENT_CASES[case]
    kwargs = {"api_key": API_KEY, "base_url": BASE_URL, **kwargs}
    with pytest.raises(DevinValidationError) as caught:
        cls(**kwargs)
    assert caught.value.field == field


def test_no_api_key_anywhere_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEVIN_API_KEY", raising=False)
    with pytest.raises(DevinValidationError, match="DEVIN_API_KEY") as caught:
        Devin(base_url=BASE_URL)
    assert caught.value.field == "api_key"


@pytest.mark.parametrize(
    "options", [{"timeout": -2}, {"max_retries": -1}, {"validate": None}], ids=str
)
def test_bad_per_call_options_are_refused(client: Devin, wire: Wire, options: Any) -> None:
    with pytest.raises(DevinValidationError):
        client.with_options(**options)
    assert wire.requests == []
