"""Bad inputs to ``devin_client.v3``: each raises ``DevinValidationError`` naming the field (or,
for an unknown keyword, a ``TypeError`` as Python gives), and nothing reaches the transport:
not the call, and not the ``GET /v3/self`` a client that has still to learn its organisation
would send first.

Limits and enums are the v3 spec's (``first`` 1..200, ``devin_mode`` ``normal``/``fast``, the
list filters' enums and types, 50 tags a tags call, secret key/value lengths, schedule enums...)
plus the documented rules no schema states (a blank prompt, a Draft 7 self-contained
``structured_output_schema``, a playbook macro, ids that would change the endpoint).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import io
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from devin_client import DevinValidationError
from devin_client.v3 import AsyncDevin, Devin

from ..security._wire import BASE_URL, Wire

V3_KEY = "cog_BADINPUT_SENTINEL_KEY_5e0a7b"
SID = "devin-0123456789abcdef"
ORG = "org-badinput"
FILE = f"{BASE_URL}/v3/organizations/{ORG}/attachments/9f1c/report.csv"
MISSING = "/definitely/not/here/report.csv"

HUGE_SCHEMA = {
    "type": "object",
    "properties": {f"field_{i}": {"type": "string", "description": "d" * 100} for i in range(700)},
}


@dataclasses.dataclass
class _Answer:
    text: str


@dataclasses.dataclass
class _Stamped:
    when: dt.datetime  # no JSON Schema type


# id -> (call(client), the field the error must name). Each is one distinct bad input.
CASES: dict[str, tuple[Callable[[Any], Any], str]] = {
    # sessions.create
    "prompt not a string": (lambda c: c.sessions.create(123), "prompt"),
    "prompt blank": (lambda c: c.sessions.create(" \n "), "prompt"),
    "unknown devin_mode": (lambda c: c.sessions.create("p", devin_mode="turbo"), "devin_mode"),
    "devin_mode v3-only preview": (
        lambda c: c.sessions.create("p", devin_mode="ultra"),
        "devin_mode",
    ),
    "devin_mode a number": (lambda c: c.sessions.create("p", devin_mode=2), "devin_mode"),
    "tags a string": (lambda c: c.sessions.create("p", tags="a,b"), "tags"),
    "repos with a number": (lambda c: c.sessions.create("p", repos=["acme/api", 3]), "repos"),
    "resumable not a bool": (lambda c: c.sessions.create("p", resumable="no"), "resumable"),
    "resumable None": (lambda c: c.sessions.create("p", resumable=None), "resumable"),
    "structured_output_required a string": (
        lambda c: c.sessions.create("p", structured_output_required="yes"),
        "structured_output_required",
    ),
    "max_acu_limit a float": (lambda c: c.sessions.create("p", max_acu_limit=2.5), "max_acu_limit"),
    "platform a number": (lambda c: c.sessions.create("p", platform=7), "platform"),
    "bypass_approval a string": (
        lambda c: c.sessions.create("p", bypass_approval="true"),
        "bypass_approval",
    ),
    "session_links a string": (
        lambda c: c.sessions.create("p", session_links="devin-1"),
        "session_links",
    ),
    "empty create_as_user_id": (
        lambda c: c.sessions.create("p", create_as_user_id=" "),
        "create_as_user_id",
    ),
    "schema external $ref": (
        lambda c: c.sessions.create("p", structured_output_schema={"$ref": "https://e.x/s.json"}),
        "structured_output_schema",
    ),
    "schema not Draft 7": (
        lambda c: c.sessions.create("p", structured_output_schema={"type": "nonsense"}),
        "structured_output_schema",
    ),
    "schema over 64 KB": (
        lambda c: c.sessions.create("p", structured_output_schema=HUGE_SCHEMA),
        "structured_output_schema",
    ),
    "session secret key 257 chars": (
        lambda c: c.sessions.create("p", session_secrets=[{"key": "k" * 257, "value": "v"}]),
        "session_secrets",
    ),
    "session secret without value": (
        lambda c: c.sessions.create("p", session_secrets=[{"key": "K"}]),
        "session_secrets",
    ),
    "attachment URL too long": (
        lambda c: c.sessions.create("p", attachments=["https://x.example/" + "a" * 2100]),
        "attachment_urls",
    ),
    "attachment URL with a quote": (
        lambda c: c.sessions.create("p", attachments=['https://x.example/a"b']),
        "attachments",
    ),
    "attachment file missing": (
        lambda c: c.sessions.create("p", attachments=[MISSING]),
        "attachments",
    ),
    "attachments a single string": (
        lambda c: c.sessions.create("p", attachments="https://x.example/a"),
        "attachments",
    ),
    # one session
    "empty devin id": (lambda c: c.sessions.get(""), "devin_id"),
    "devin id with a slash": (lambda c: c.sessions.archive("devin-1/../x"), "devin_id"),
    "terminate archive not a bool": (lambda c: c.sessions.terminate(SID, archive=1), "archive"),
    "51 tags appended": (
        lambda c: c.sessions.tags.append(SID, [f"t{i}" for i in range(51)]),
        "tags",
    ),
    "tags replaced with a number": (lambda c: c.sessions.tags.replace(SID, ["a", 1]), "tags"),
    "message blank": (lambda c: c.sessions.messages.send(SID, "  "), "message"),
    "message not a string": (lambda c: c.sessions.messages.send(SID, None), "message"),
    "message attachment missing": (
        lambda c: c.sessions.messages.send(SID, "m", attachments=[Path(MISSING)]),
        "attachments",
    ),
    "message_as_user_id empty": (
        lambda c: c.sessions.messages.send(SID, "m", message_as_user_id=""),
        "message_as_user_id",
    ),
    # attachment lines Devin would ignore (tests/unit/test_near_misses.py has every rule)
    "prompt with ATTACHMENTS:": (lambda c: c.sessions.create(f'p\nATTACHMENTS:"{FILE}"'), "prompt"),
    "prompt with the docs' doubled quotes": (
        lambda c: c.sessions.create(f'p\nATTACHMENT:""{FILE}""'),
        "prompt",
    ),
    "message with a space after the colon": (
        lambda c: c.sessions.messages.send(SID, f'ATTACHMENT: "{FILE}"'),
        "message",
    ),
    "message with the line after text": (
        lambda c: c.sessions.messages.send(SID, f'see ATTACHMENT:"{FILE}"', attachments=[FILE]),
        "message",
    ),
    # listings: filters and pages checked against the spec's query parameters
    "page_size 0": (lambda c: c.sessions.list(page_size=0), "page_size"),
    "page_size 201": (lambda c: c.sessions.list(page_size=201), "page_size"),
    "page_size a float": (lambda c: c.sessions.messages.list(SID, page_size=1.5), "page_size"),
    "unknown origin": (lambda c: c.sessions.list(origins=["carrier-pigeon"]), "origins"),
    "unknown category": (lambda c: c.sessions.list(category="gardening"), "category"),
    "created_after a string": (
        lambda c: c.sessions.list(created_after="2024-01-01"),
        "created_after",
    ),
    "is_archived a string": (lambda c: c.sessions.insights.list(is_archived="no"), "is_archived"),
    "session_ids a string of ids": (lambda c: c.sessions.list(session_ids=[1]), "session_ids"),
    "notes search not a string": (lambda c: c.knowledge.notes.list(search=5), "search"),
    "playbooks page_size 1000": (lambda c: c.playbooks.list(page_size=1000), "page_size"),
    "schedules page_size 0": (lambda c: c.schedules.list(page_size=0), "page_size"),
    # wait
    "wait until a typo": (lambda c: c.sessions.wait(SID, until={"finishd"}), "until"),
    "wait until a v1 status": (lambda c: c.sessions.wait(SID, until={"blocked"}), "until"),
    "wait NaN timeout": (lambda c: c.sessions.wait(SID, timeout=math.nan), "timeout"),
    "wait on_progress not callable": (
        lambda c: c.sessions.wait(SID, on_progress="print"),
        "on_progress",
    ),
    "create_and_wait negative poll_interval": (
        lambda c: c.sessions.create_and_wait("p", poll_interval=-1),
        "poll_interval",
    ),
    # follow
    "follow until a typo": (lambda c: c.sessions.follow(SID, until={"finishd"}), "until"),
    "follow negative timeout": (lambda c: c.sessions.follow(SID, timeout=-1), "timeout"),
    "follow on_progress not callable": (
        lambda c: c.sessions.follow(SID, on_progress=1),
        "on_progress",
    ),
    "follow devin id with a slash": (lambda c: c.sessions.follow("devin-1/x"), "devin_id"),
    # run: everything checked before the session is created
    "run output_type with no schema": (
        lambda c: c.sessions.run("p", output_type=_Stamped),
        "output_type",
    ),
    "run output_type not a type": (lambda c: c.sessions.run("p", output_type=42), "output_type"),
    "run output_type a list (v3 outputs an object)": (
        lambda c: c.sessions.run("p", output_type=list[_Answer]),
        "output_type",
    ),
    "run with a near-miss prompt": (
        lambda c: c.sessions.run(f"p\nATTACHMENT:{FILE}", output_type=_Answer),
        "prompt",
    ),
    "run NaN poll_interval": (
        lambda c: c.sessions.run("p", output_type=_Answer, poll_interval=math.nan),
        "poll_interval",
    ),
    "run unknown devin_mode": (
        lambda c: c.sessions.run("p", output_type=_Answer, devin_mode="turbo"),
        "devin_mode",
    ),
    # attachments
    "upload missing file": (lambda c: c.attachments.upload(MISSING), "file"),
    "upload a text-mode file": (lambda c: c.attachments.upload(io.StringIO("t")), "file"),
    "upload filename with a newline": (
        lambda c: c.attachments.upload(b"x", filename="a\nb"),
        "filename",
    ),
    "download ftp url": (lambda c: c.attachments.download("ftp://x.example/a"), "url"),
    "download into a missing folder": (
        lambda c: c.attachments.download(FILE, "/no/such/folder/"),
        "dest",
    ),
    "download overwrite not a bool": (
        lambda c: c.attachments.download(FILE, overwrite="yes"),
        "overwrite",
    ),
    # knowledge, playbooks, secrets, schedules
    "note name not a string": (
        lambda c: c.knowledge.notes.create(name=None, body="b", trigger="t"),
        "name",
    ),
    "note trigger missing on update": (
        lambda c: c.knowledge.notes.update("note-1", name="n", body="b", trigger=None),
        "trigger",
    ),
    "note is_enabled a string": (
        lambda c: c.knowledge.notes.create(name="n", body="b", trigger="t", is_enabled="y"),
        "is_enabled",
    ),
    "note id dot dot": (lambda c: c.knowledge.notes.get(".."), "note_id"),
    "playbook macro without bang": (
        lambda c: c.playbooks.create(title="t", body="b", macro="release"),
        "macro",
    ),
    "playbook title not a string": (lambda c: c.playbooks.create(title=1, body="b"), "title"),
    "secret type unknown": (lambda c: c.secrets.create("K", "v", type="password"), "type"),
    "secret value not a string": (lambda c: c.secrets.create("K", 1234), "value"),
    "secret is_sensitive a string": (
        lambda c: c.secrets.create("K", "v", is_sensitive="no"),
        "is_sensitive",
    ),
    "schedule agent unknown": (lambda c: c.schedules.create("n", "p", agent="robot"), "agent"),
    "schedule notify_on unknown": (
        lambda c: c.schedules.update("sched-1", notify_on="sometimes"),
        "notify_on",
    ),
    "schedule type unknown": (
        lambda c: c.schedules.create("n", "p", schedule_type="weekly"),
        "schedule_type",
    ),
    "schedule naive datetime": (
        lambda c: c.schedules.create("n", "p", scheduled_at=dt.datetime(2030, 1, 1)),
        "scheduled_at",
    ),
    "schedule interval_count a string": (
        lambda c: c.schedules.create("n", "p", interval_count="2"),
        "interval_count",
    ),
    "schedule name missing": (lambda c: c.schedules.create(None, "p"), "name"),
}

# Keywords the API does not take: a TypeError, as Python gives for a named parameter.
UNKNOWN_KEYWORDS: dict[str, Callable[[Any], Any]] = {
    "create idempotent (a v1 field)": lambda c: c.sessions.create("p", idempotent=True),
    "create prompt typo": lambda c: c.sessions.create("p", promt="x"),
    "list limit (a v1 parameter)": lambda c: c.sessions.list(limit=10),
    "insights list devin_id": lambda c: c.sessions.insights.list(devin_id=SID),
    "schedule update unknown field": lambda c: c.schedules.update("sched-1", colour="red"),
    "run until (run waits until settled)": lambda c: c.sessions.run(
        "p", output_type=_Answer, until={"exit"}
    ),
    "follow page_size": lambda c: c.sessions.follow(SID, page_size=10),
}


@pytest.fixture
def wire() -> Wire:
    return Wire(lambda request: httpx.Response(200, json={}))


@pytest.fixture
def client(wire: Wire) -> Iterator[Devin]:
    # No org_id: the client would ask GET /v3/self first, and must not even do that.
    with (
        wire.sync_client() as http,
        Devin(V3_KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as c,
    ):
        yield c


def _names_the_problem(exc: DevinValidationError, field: str) -> None:
    assert exc.field.split("[")[0].split(".")[0] == field, f"field {exc.field!r}, not {field!r}"
    assert str(exc).startswith(exc.field)
    assert exc.problem.strip()
    assert V3_KEY not in str(exc)


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
        AsyncDevin(V3_KEY, base_url=BASE_URL, http_client=http, sleep=no_sleep) as client,
    ):
        with pytest.raises(DevinValidationError) as caught:
            await _run_async(call, client)
    _names_the_problem(caught.value, field)
    assert wire.requests == []


@pytest.mark.parametrize("case", sorted(UNKNOWN_KEYWORDS))
def test_an_unknown_keyword_is_a_type_error(case: str, client: Devin, wire: Wire) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        _run_sync(UNKNOWN_KEYWORDS[case], client)
    assert wire.requests == []


@pytest.mark.parametrize("case", ["unknown devin_mode", "page_size 201", "51 tags appended"])
def test_a_client_that_knows_its_organisation_sends_nothing_either(case: str, wire: Wire) -> None:
    call, field = CASES[case]
    with (
        wire.sync_client() as http,
        Devin(V3_KEY, org_id=ORG, base_url=BASE_URL, http_client=http) as client,
        pytest.raises(DevinValidationError) as caught,
    ):
        _run_sync(call, client)
    _names_the_problem(caught.value, field)
    assert wire.requests == []


# -- constructing a client --------------------------------------------------------------------

CLIENT_CASES: dict[str, tuple[dict[str, Any], str]] = {
    "empty org_id": ({"org_id": ""}, "org_id"),
    "org_id with a slash": ({"org_id": "org-a/../org-b"}, "org_id"),
    "org_id dot dot": ({"org_id": ".."}, "org_id"),
    "org_id with a newline": ({"org_id": "org-a\n"}, "org_id"),
    "org_id not a string": ({"org_id": 42}, "org_id"),
    "api key with a newline": ({"api_key": "cog_x\r\nX-Evil: 1"}, "api_key"),
    "base url with a query": ({"base_url": "https://api.devin.ai?x=1"}, "base_url"),
    "zero timeout": ({"timeout": 0}, "timeout"),
}


@pytest.mark.parametrize("case", sorted(CLIENT_CASES))
@pytest.mark.parametrize("cls", [Devin, AsyncDevin])
def test_bad_client_options_are_refused(case: str, cls: type[Devin] | type[AsyncDevin]) -> None:
    kwargs, field = CLIENT_CASES[case]
    kwargs = {"api_key": V3_KEY, "base_url": BASE_URL, **kwargs}
    with pytest.raises(DevinValidationError) as caught:
        cls(**kwargs)
    assert caught.value.field == field
    assert V3_KEY not in str(caught.value)


def test_a_bad_organisation_in_the_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEVIN_ORG_ID", "../org-b")
    with pytest.raises(DevinValidationError) as caught:
        Devin(V3_KEY, base_url=BASE_URL)
    assert caught.value.field == "org_id"
