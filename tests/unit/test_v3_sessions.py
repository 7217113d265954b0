"""v3 sessions: request bodies, attachments, cursor pages, waiting by status and status_detail."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from devin_api_v3.models import DevinMode, SessionCreateRequest, SessionSecretInput
from devin_client import BadRequestError, DevinValidationError, WaitTimeoutError
from devin_client._v3 import sessions as v3_sessions
from devin_client._v3._client import SPEC
from devin_client.v3 import AsyncDevin, Devin

from .conftest import ORG_PATH, V3_SESSION, Recorder, Sleeps

SESSIONS = f"{ORG_PATH}/sessions"
SESSION_PATH = f"{SESSIONS}/devin-abc"
UPLOADED = {
    "attachment_id": "att-1",
    "name": "log.txt",
    "url": f"https://api.devin.ai{ORG_PATH}/attachments/u-1/log.txt",
}


def _posts(recorder: Recorder) -> list[Any]:
    pairs = zip(recorder.requests, recorder.bodies, strict=True)
    return [json.loads(body) for request, body in pairs if request.method == "POST"]


# -- create ------------------------------------------------------------------------------------


def test_create_sends_every_field(v3: Devin, recorder: Recorder) -> None:
    recorder.route("POST", SESSIONS, V3_SESSION)
    created = v3.sessions.create(
        "Fix the bug",
        bypass_approval=True,
        child_playbook_id="playbook-2",
        create_as_user_id="user-7",
        devin_mode=DevinMode.FAST,
        knowledge_ids=None,
        max_acu_limit=5,
        platform="windows",
        playbook_id="playbook-1",
        repos=("acme/api",),
        resumable=False,
        secret_ids=[],
        session_links=["devin-parent"],
        session_secrets=[SessionSecretInput(key="A", value="1"), {"key": "B", "value": "2"}],
        structured_output_required=False,
        structured_output_schema={"type": "object"},
        tags=("x", "y"),
        title="T",
    )
    assert (created.session_id, created.status) == ("devin-abc", "running")
    assert recorder.json() == {
        "prompt": "Fix the bug",
        "bypass_approval": True,
        "child_playbook_id": "playbook-2",
        "create_as_user_id": "user-7",
        "devin_mode": "fast",
        "knowledge_ids": None,
        "max_acu_limit": 5,
        "platform": "windows",
        "playbook_id": "playbook-1",
        "repos": ["acme/api"],
        "resumable": False,
        "secret_ids": [],
        "session_links": ["devin-parent"],
        "session_secrets": [
            {"key": "A", "value": "1", "sensitive": True},
            {"key": "B", "value": "2"},
        ],
        "structured_output_required": False,
        "structured_output_schema": {"type": "object"},
        "tags": ["x", "y"],
        "title": "T",
    }
    assert recorder.requests[-1].url.path == SESSIONS


def test_create_options_are_the_request_model_fields() -> None:
    fields = {f.name for f in SessionCreateRequest.__attrs_attrs__} - {"additional_properties"}
    expected = (fields - {"prompt", "attachment_urls"}) | {"attachments"}
    assert set(v3_sessions.CreateOptions.__optional_keys__) == expected


def test_create_sends_only_what_was_given(v3: Devin, recorder: Recorder) -> None:
    recorder.route("POST", SESSIONS, V3_SESSION)
    v3.sessions.create("p", devin_mode="normal", title=None)
    assert recorder.json() == {"prompt": "p", "devin_mode": "normal"}


def test_unknown_create_keywords_are_a_type_error(v3: Devin, recorder: Recorder) -> None:
    with pytest.raises(TypeError, match="idempotent"):
        v3.sessions.create("p", idempotent=True)  # type: ignore[call-arg]
    assert recorder.requests == []


def test_attachments_go_to_attachment_urls_after_uploads(
    v3: Devin, recorder: Recorder, tmp_path: Path
) -> None:
    recorder.route("POST", SESSIONS, V3_SESSION)
    recorder.route("POST", f"{ORG_PATH}/attachments", UPLOADED)
    log = tmp_path / "log.txt"
    log.write_text("boom")
    v3.sessions.create("Why does it fail?", attachments=["https://x.io/a.png", log])
    assert [f"{r.method} {r.url.path}" for r in recorder.requests] == [
        "GET /v3/self",
        f"POST {ORG_PATH}/attachments",
        f"POST {SESSIONS}",
    ]
    assert b'filename="log.txt"' in recorder.bodies[1]
    assert recorder.json() == {
        "prompt": "Why does it fail?",  # no ATTACHMENT lines: v3 takes attachment_urls
        "attachment_urls": ["https://x.io/a.png", UPLOADED["url"]],
    }


def test_a_blank_prompt_needs_attachments(v3: Devin, recorder: Recorder) -> None:
    with pytest.raises(DevinValidationError, match="prompt"):
        v3.sessions.create("   ")
    assert recorder.requests == []
    recorder.route("POST", SESSIONS, V3_SESSION)
    v3.sessions.create("", attachments=["https://x.io/a.png"])
    assert recorder.json() == {"prompt": "", "attachment_urls": ["https://x.io/a.png"]}


def test_invalid_create_uploads_nothing(v3: Devin, recorder: Recorder, tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("boom")
    with pytest.raises(DevinValidationError, match="devin_mode"):
        v3.sessions.create("Why?", attachments=[log], devin_mode="turbo")
    with pytest.raises(DevinValidationError, match=r"attachments\[0\]"):
        v3.sessions.create("Why?", attachments=[tmp_path / "missing.txt"])
    with pytest.raises(DevinValidationError, match="structured_output_schema"):
        v3.sessions.create("Why?", structured_output_schema={"$ref": "https://x.io/s.json"})
    assert recorder.requests == []


def test_session_secret_values_never_reach_an_error(v3: Devin, recorder: Recorder) -> None:
    secret = "s3cret-value-that-must-not-leak"
    recorder.route(
        "POST",
        SESSIONS,
        lambda r: httpx.Response(
            400, json={"title": "Bad Request", "status": 400, "detail": f"bad {secret}"}
        ),
    )
    with pytest.raises(BadRequestError) as info:
        v3.sessions.create("p", session_secrets=[{"key": "K", "value": secret}])
    assert secret not in str(info.value)
    assert secret not in json.dumps(info.value.body)


# -- one call each -------------------------------------------------------------------------------


def test_get_terminate_archive_unarchive(v3: Devin, recorder: Recorder) -> None:
    for method, path in [
        ("GET", SESSION_PATH),
        ("DELETE", SESSION_PATH),
        ("POST", f"{SESSION_PATH}/archive"),
        ("POST", f"{SESSION_PATH}/unarchive"),
    ]:
        recorder.route(method, path, V3_SESSION)
    v3.sessions.get("devin-abc")
    v3.sessions.terminate("devin-abc")
    v3.sessions.terminate("devin-abc", archive=True)
    v3.sessions.archive("devin-abc")
    v3.sessions.unarchive("devin-abc")
    sent = [(r.method, r.url.path, dict(r.url.params)) for r in recorder.requests[1:]]
    assert sent == [
        ("GET", SESSION_PATH, {}),
        ("DELETE", SESSION_PATH, {}),
        ("DELETE", SESSION_PATH, {"archive": "true"}),
        ("POST", f"{SESSION_PATH}/archive", {}),
        ("POST", f"{SESSION_PATH}/unarchive", {}),
    ]
    with pytest.raises(DevinValidationError, match="archive"):
        v3.sessions.terminate("devin-abc", archive="yes")  # type: ignore[arg-type]


def test_session_attachments_are_a_list(v3: Devin, recorder: Recorder) -> None:
    item = {**UPLOADED, "source": "devin", "content_type": "text/plain"}
    recorder.route("GET", f"{SESSION_PATH}/attachments", [item, {**item, "source": "robot"}])
    files = v3.sessions.attachments("devin-abc")
    assert [(f.name, f.source) for f in files] == [("log.txt", "devin"), ("log.txt", "robot")]


def test_tags_get_replace_append(v3: Devin, recorder: Recorder) -> None:
    for method in ("GET", "PUT", "POST"):
        recorder.route(method, f"{SESSION_PATH}/tags", {"tags": ["a", "b"]})
    assert v3.sessions.tags.get("devin-abc").tags == ["a", "b"]
    v3.sessions.tags.replace("devin-abc", ("a",))
    v3.sessions.tags.append("devin-abc", ["b"])
    assert _posts(recorder) == [{"tags": ["b"]}]
    assert json.loads(recorder.bodies[2]) == {"tags": ["a"]}
    with pytest.raises(DevinValidationError, match="tags"):
        v3.sessions.tags.replace("devin-abc", "a")


def test_messages_send_with_attachments(v3: Devin, recorder: Recorder, tmp_path: Path) -> None:
    recorder.route("POST", f"{SESSION_PATH}/messages", V3_SESSION)
    recorder.route("POST", f"{ORG_PATH}/attachments", UPLOADED)
    log = tmp_path / "log.txt"
    log.write_text("boom")
    v3.sessions.messages.send("devin-abc", "look", attachments=[log], message_as_user_id="u-1")
    assert recorder.json() == {
        "message": "look",
        "attachment_urls": [UPLOADED["url"]],
        "message_as_user_id": "u-1",
    }
    with pytest.raises(DevinValidationError, match="message"):
        v3.sessions.messages.send("devin-abc", " ")
    with pytest.raises(DevinValidationError, match="message_as_user_id"):
        v3.sessions.messages.send("devin-abc", "hi", message_as_user_id="")


def test_insights_get_generate(v3: Devin, recorder: Recorder) -> None:
    insight = {
        **V3_SESSION,
        "num_devin_messages": 2,
        "num_user_messages": 1,
        "session_size": "xs",
        "analysis": None,
    }
    recorder.route("GET", f"{SESSION_PATH}/insights", insight)
    recorder.route(
        "POST",
        f"{SESSION_PATH}/insights/generate",
        {"session_id": "devin-abc", "status": "started"},
    )
    assert v3.sessions.insights.get("devin-abc").num_devin_messages == 2
    assert v3.sessions.insights.generate("devin-abc").status == "started"


# -- cursor pages --------------------------------------------------------------------------------


def _cursor(n: int) -> str:
    return base64.b64encode(json.dumps({"offset": n}).encode()).decode()


def _paged(items: list[dict[str, Any]]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("after")
        start = json.loads(base64.b64decode(after))["offset"] if after else 0
        first = int(request.url.params["first"])
        end = start + first
        more = end < len(items)
        return httpx.Response(
            200,
            json={
                "items": items[start:end],
                "end_cursor": _cursor(end) if more else None,
                "has_next_page": more,
                "total": None,
            },
        )

    return handler


def test_list_follows_every_cursor(v3: Devin, recorder: Recorder) -> None:
    sessions = [{**V3_SESSION, "session_id": f"devin-{i}"} for i in range(5)]
    recorder.route("GET", SESSIONS, _paged(sessions))
    found = v3.sessions.list(
        page_size=2,
        tags=["a", "b"],
        origins=["api", "cli"],
        category="bug_fixing",
        created_after=1700000000,
        is_archived=False,
    )
    assert [s.session_id for s in found] == [f"devin-{i}" for i in range(5)]
    pages = [r.url.params for r in recorder.requests[1:]]
    assert [p.get("after") for p in pages] == [None, _cursor(2), _cursor(4)]
    assert {p["first"] for p in pages} == {"2"}
    assert pages[0].get_list("tags") == ["a", "b"]
    assert pages[0].get_list("origins") == ["api", "cli"]
    assert (pages[0]["category"], pages[0]["created_after"]) == ("bug_fixing", "1700000000")
    assert pages[0]["is_archived"] == "false"


def test_list_is_lazy(v3: Devin, recorder: Recorder) -> None:
    recorder.route("GET", SESSIONS, _paged([V3_SESSION]))
    iterator = v3.sessions.list()
    assert recorder.requests == []
    assert next(iterator).session_id == "devin-abc"


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"origins": ["carrier-pigeon"]}, r"origins\[0\]"),
        ({"category": "gardening"}, "category"),
        ({"created_after": "yesterday"}, "created_after"),
        ({"is_archived": "no"}, "is_archived"),
        ({"session_ids": [1, 2]}, r"session_ids\[0\]"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": 201}, "page_size"),
        ({"page_size": 2.5}, "page_size"),
    ],
)
def test_list_filters_are_checked_against_the_spec(
    v3: Devin, recorder: Recorder, filters: dict[str, Any], field: str
) -> None:
    with pytest.raises(DevinValidationError, match=field):
        v3.sessions.list(**filters)
    assert recorder.requests == []


def test_list_filters_are_the_operation_query_parameters() -> None:
    def query(path: str) -> set[str]:
        op = SPEC.document["paths"][path]["get"]
        return {p["name"] for p in op["parameters"] if p["in"] == "query"} - {"first", "after"}

    assert set(v3_sessions.ListFilters.__optional_keys__) == query(
        "/v3/organizations/{org_id}/sessions"
    )
    assert set(v3_sessions.SessionFilters.__optional_keys__) == query(
        "/v3/organizations/{org_id}/sessions/insights"
    )


def test_a_cursor_answered_twice_ends_the_listing(v3: Devin, recorder: Recorder) -> None:
    recorder.route(
        "GET",
        SESSIONS,
        {"items": [V3_SESSION], "end_cursor": "same", "has_next_page": True},
    )
    # the first page, and the one after "same" (repeating it): the session once
    assert len(list(v3.sessions.list())) == 1
    assert len(recorder.requests) == 3


def test_messages_list_every_page_oldest_first(v3: Devin, recorder: Recorder) -> None:
    messages = [
        {
            "event_id": f"e{i}",
            "source": "user" if i % 2 else "devin",
            "message": f"m{i}",
            "created_at": 1700000000 + i,
        }
        for i in range(3)
    ]
    recorder.route("GET", f"{SESSION_PATH}/messages", _paged(messages))
    assert [m.message for m in v3.sessions.messages.list("devin-abc", page_size=1)] == [
        "m0",
        "m1",
        "m2",
    ]
    assert len(recorder.requests) == 4


def test_insights_list_pages_with_filters(v3: Devin, recorder: Recorder) -> None:
    insight = {
        **V3_SESSION,
        "num_devin_messages": 1,
        "num_user_messages": 1,
        "session_size": "s",
        "analysis": None,
    }
    recorder.route(
        "GET",
        f"{SESSIONS}/insights",
        _paged([{**insight, "session_id": f"devin-{n}"} for n in range(3)]),
    )
    assert len(list(v3.sessions.insights.list(page_size=2, tags=["t"]))) == 3
    assert recorder.requests[1].url.params["tags"] == "t"
    with pytest.raises(TypeError, match="devin_id"):
        v3.sessions.insights.list(devin_id="devin-abc")  # type: ignore[call-arg]


@pytest.mark.anyio
async def test_async_list_and_messages(av3: AsyncDevin, recorder: Recorder) -> None:
    recorder.route(
        "GET", SESSIONS, _paged([{**V3_SESSION, "session_id": f"devin-{n}"} for n in range(3)])
    )
    assert len([s async for s in av3.sessions.list(page_size=2)]) == 3


# -- wait ----------------------------------------------------------------------------------------


def _progressing(states: list[tuple[str, str | None]]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        status, detail = states.pop(0) if len(states) > 1 else states[0]
        return httpx.Response(200, json={**V3_SESSION, "status": status, "status_detail": detail})

    return handler


@pytest.mark.parametrize(
    ("states", "settled"),
    [
        ([("running", "working"), ("running", "finished")], ("running", "finished")),
        (
            [("running", "working"), ("running", "waiting_for_user")],
            ("running", "waiting_for_user"),
        ),
        ([("new", None), ("running", "waiting_for_approval")], ("running", "waiting_for_approval")),
        ([("claimed", None), ("exit", None)], ("exit", None)),
        ([("running", "working"), ("error", None)], ("error", None)),
        ([("resuming", None), ("suspended", "inactivity")], ("suspended", "inactivity")),
        ([("resuming", "finished"), ("running", "finished")], ("running", "finished")),
    ],
)
def test_wait_settles_by_status_and_detail(
    v3: Devin,
    recorder: Recorder,
    sleeps: Sleeps,
    states: list[tuple[str, str | None]],
    settled: tuple[str, str | None],
) -> None:
    recorder.route("GET", SESSION_PATH, _progressing(list(states)))
    seen: list[str] = []
    session = v3.sessions.wait("devin-abc", on_progress=lambda s: seen.append(str(s.status)))
    assert (session.status, session.status_detail) == settled
    assert len(seen) == 2
    assert sleeps == [10.0]


def test_wait_until_statuses_and_details(v3: Devin, recorder: Recorder, sleeps: Sleeps) -> None:
    recorder.route(
        "GET",
        SESSION_PATH,
        _progressing([("running", "waiting_for_user"), ("running", "finished")]),
    )
    # waiting_for_user settles by default, but not when only "finished" or "exit" will do
    session = v3.sessions.wait("devin-abc", until={"finished", "exit"}, poll_interval=1)
    assert session.status_detail == "finished"
    assert sleeps == [1]
    assert v3.sessions.wait("devin-abc", until=["running"]).status == "running"
    assert v3.sessions.wait("devin-abc", until=lambda s: s.acus_consumed == 0).session_id


@pytest.mark.parametrize(
    ("until", "problem"),
    [
        ({"finishd"}, "unknown status 'finishd'"),
        ({"blocked"}, "unknown status 'blocked'"),  # a v1 status
        (set(), "names no status"),
        ("finished", "collection"),
        ([1], "strings"),
    ],
)
def test_wait_until_is_checked_first(
    v3: Devin, recorder: Recorder, until: Any, problem: str
) -> None:
    with pytest.raises(DevinValidationError, match=problem):
        v3.sessions.wait("devin-abc", until=until)
    assert recorder.requests == []


def test_wait_times_out_with_status_and_detail(v3: Devin, recorder: Recorder) -> None:
    recorder.route("GET", SESSION_PATH, V3_SESSION)
    with pytest.raises(WaitTimeoutError) as info:
        v3.sessions.wait("devin-abc", timeout=0)
    assert info.value.session.status_detail == "working"
    assert "last status: running/working" in str(info.value)


def test_the_settled_names_are_the_specs() -> None:
    statuses, details = (SPEC.enum("SessionResponse", f) for f in ("status", "status_detail"))
    assert v3_sessions.SETTLED_STATUSES.issubset(statuses)
    assert v3_sessions.SETTLED_DETAILS.issubset(details)


def test_create_and_wait(v3: Devin, recorder: Recorder) -> None:
    recorder.route("POST", SESSIONS, V3_SESSION)
    recorder.route("GET", SESSION_PATH, _progressing([("running", "working"), ("exit", None)]))
    session = v3.sessions.create_and_wait("Do it", tags=["t"], poll_interval=0)
    assert session.status == "exit"
    assert recorder.json(1) == {"prompt": "Do it", "tags": ["t"]}
    with pytest.raises(DevinValidationError, match="until"):
        v3.sessions.create_and_wait("Do it", until={"nope"})
    assert sum(r.method == "POST" for r in recorder.requests) == 1


@pytest.mark.anyio
async def test_async_wait_with_a_coroutine_callback(av3: AsyncDevin, recorder: Recorder) -> None:
    recorder.route(
        "GET", SESSION_PATH, _progressing([("running", "working"), ("suspended", "user_request")])
    )
    seen: list[str] = []

    async def progress(session: Any) -> None:
        seen.append(str(session.status))

    session = await av3.sessions.wait("devin-abc", on_progress=progress)
    assert (session.status, seen) == ("suspended", ["running", "suspended"])
