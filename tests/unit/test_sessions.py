"""Sessions: request bodies, attachments, pagination, waiting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from devin_api.models import DevinMode, SessionSecretInput
from devin_client import AsyncDevin, Devin, WaitTimeoutError

from .conftest import SESSION, AsyncSleeps, Recorder, Sleeps

CREATED = {"session_id": "devin-abc", "url": "https://app.devin.ai/sessions/abc"}


def test_create_sends_every_field(client: Devin, recorder: Recorder) -> None:
    recorder.route("POST", "/v1/sessions", {**CREATED, "is_new_session": True})
    created = client.sessions.create(
        "Fix the bug",
        idempotent=True,
        knowledge_ids=["k-1"],
        secret_ids=[],
        max_acu_limit=5,
        playbook_id="pb-1",
        session_secrets=[SessionSecretInput(key="A", value="1"), {"key": "B", "value": "2"}],
        snapshot_id="snap-1",
        structured_output_schema={"type": "object"},
        tags=("x", "y"),
        title="T",
        unlisted=True,
        devin_mode=DevinMode.FAST,
        create_as_user_id="user-7",
    )
    assert (created.session_id, created.is_new_session) == ("devin-abc", True)
    assert recorder.json() == {
        "prompt": "Fix the bug",
        "idempotent": True,
        "knowledge_ids": ["k-1"],
        "secret_ids": [],
        "max_acu_limit": 5,
        "playbook_id": "pb-1",
        "session_secrets": [
            {"key": "A", "value": "1", "sensitive": True},
            {"key": "B", "value": "2"},
        ],
        "snapshot_id": "snap-1",
        "structured_output_schema": {"type": "object"},
        "tags": ["x", "y"],
        "title": "T",
        "unlisted": True,
        "devin_mode": "fast",
        "create_as_user_id": "user-7",
    }
    request = recorder.requests[0]
    assert (request.method, request.url.path) == ("POST", "/v1/sessions")
    assert request.headers["content-type"] == "application/json"


def test_create_omits_what_was_not_given(client: Devin, recorder: Recorder) -> None:
    recorder.route("POST", "/v1/sessions", CREATED)
    client.sessions.create("p", devin_mode="normal")
    # False is the API's default for idempotent and unlisted: not sent.
    assert recorder.json() == {"prompt": "p", "devin_mode": "normal"}


def test_create_with_urls_and_files(client: Devin, recorder: Recorder, tmp_path: Path) -> None:
    recorder.route("POST", "/v1/sessions", CREATED)
    recorder.route(
        "POST", "/v1/attachments", lambda r: httpx.Response(200, json="https://files.x/u/log.txt")
    )
    log = tmp_path / "log.txt"
    log.write_text("boom")
    client.sessions.create("Why?", attachments=["https://x.io/a.png", log])
    paths = [r.url.path for r in recorder.requests]
    assert paths == ["/v1/attachments", "/v1/sessions"]
    assert recorder.json()["prompt"] == (
        'Why?\nATTACHMENT:"https://x.io/a.png"\nATTACHMENT:"https://files.x/u/log.txt"'
    )


def test_invalid_create_uploads_nothing(client: Devin, recorder: Recorder, tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("boom")
    with pytest.raises(ValueError, match="tags"):
        client.sessions.create("Why?", attachments=[log], tags=["t"] * 51)
    assert recorder.requests == []


def test_send_message_with_attachments(client: Devin, recorder: Recorder) -> None:
    recorder.route(
        "POST", "/v1/sessions/devin-abc/message", lambda r: httpx.Response(200, json=None)
    )
    assert client.sessions.send_message("devin-abc", "look", attachments=["https://x.io/b"]) is None
    assert recorder.json() == {"message": 'look\nATTACHMENT:"https://x.io/b"'}
    recorder.route(
        "POST", "/v1/sessions/devin-abc/message", {"detail": "Session is suspended; resuming"}
    )
    sent = client.sessions.send_message("devin-abc", "hello")
    assert sent is not None
    assert sent.detail.startswith("Session is suspended")


def test_tags_terminate_get(client: Devin, recorder: Recorder) -> None:
    recorder.route("PUT", "/v1/sessions/devin-abc/tags", {"detail": "Tags updated successfully"})
    recorder.route("DELETE", "/v1/sessions/devin-abc", {"detail": "Session terminated"})
    recorder.route("GET", "/v1/sessions/devin-abc", SESSION)
    assert client.sessions.update_tags("devin-abc", ["a", "b"]).detail.startswith("Tags")
    assert recorder.json() == {"tags": ["a", "b"]}
    assert client.sessions.terminate("devin-abc").detail == "Session terminated"
    assert client.sessions.get("devin-abc").status == "running"


def test_ids_are_quoted_into_the_path(client: Devin, recorder: Recorder) -> None:
    recorder.default = lambda r: httpx.Response(200, json={**SESSION, "session_id": "a b?c"})
    client.sessions.get("a b?c#d%2F")  # ("/" itself is refused: tests/badinput/test_ids.py)
    assert recorder.requests[0].url.raw_path == b"/v1/sessions/a%20b%3Fc%23d%252F"


def _summaries(start: int, count: int) -> dict[str, Any]:
    return {
        "sessions": [{**SESSION, "session_id": f"devin-{i}"} for i in range(start, start + count)]
    }


def test_list_pages_transparently(client: Devin, recorder: Recorder) -> None:
    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        limit = int(request.url.params["limit"])
        return httpx.Response(200, json=_summaries(offset, max(0, min(limit, 5 - offset))))

    recorder.route("GET", "/v1/sessions", page)
    ids = [
        s.session_id
        for s in client.sessions.list(page_size=2, tags=["t1", "t2"], user_email="a@b.c")
    ]
    assert ids == [f"devin-{i}" for i in range(5)]
    params = [dict(r.url.params.multi_items()) for r in recorder.requests]
    assert [p["offset"] for p in params] == ["0", "2", "4"]
    assert recorder.requests[0].url.params.get_list("tags") == ["t1", "t2"]
    assert params[0]["user_email"] == "a@b.c"


def test_list_is_lazy(client: Devin, recorder: Recorder) -> None:
    recorder.route("GET", "/v1/sessions", _summaries(0, 100))
    iterator = client.sessions.list()
    assert recorder.requests == []
    next(iterator)
    assert len(recorder.requests) == 1


def _progressing(statuses: list[dict[str, Any]]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        body = statuses.pop(0) if len(statuses) > 1 else statuses[0]
        return httpx.Response(200, json={**SESSION, **body})

    return handler


def test_wait_polls_until_settled(client: Devin, recorder: Recorder, sleeps: Sleeps) -> None:
    recorder.route(
        "GET",
        "/v1/sessions/devin-abc",
        _progressing(
            [{"status_enum": "working"}, {"status_enum": "working"}, {"status_enum": "blocked"}]
        ),
    )
    seen: list[str] = []
    session = client.sessions.wait(
        "devin-abc", on_progress=lambda s: seen.append(str(s.status_enum))
    )
    assert str(session.status_enum) == "blocked"
    assert seen == ["working", "working", "blocked"]
    assert sleeps == [10.0, 10.0]  # the default poll interval


def test_wait_falls_back_to_status(client: Devin, recorder: Recorder) -> None:
    recorder.route(
        "GET", "/v1/sessions/devin-abc", {**SESSION, "status_enum": None, "status": "finished"}
    )
    assert client.sessions.wait("devin-abc").status == "finished"


def test_wait_with_custom_until(client: Devin, recorder: Recorder, sleeps: Sleeps) -> None:
    recorder.route(
        "GET",
        "/v1/sessions/devin-abc",
        _progressing([{"status_enum": "working"}, {"status_enum": "suspend_requested"}]),
    )
    session = client.sessions.wait("devin-abc", until={"suspend_requested"}, poll_interval=1)
    assert str(session.status_enum) == "suspend_requested"
    assert sleeps == [1]
    done = client.sessions.wait("devin-abc", until=lambda s: s.status == "running")
    assert done.status == "running"


def test_wait_times_out_with_the_last_session(client: Devin, recorder: Recorder) -> None:
    recorder.route("GET", "/v1/sessions/devin-abc", SESSION)
    with pytest.raises(WaitTimeoutError) as info:
        client.sessions.wait("devin-abc", timeout=0)
    assert info.value.session.session_id == "devin-abc"
    assert info.value.timeout == 0
    assert "devin-abc" in str(info.value)


def test_create_and_wait(client: Devin, recorder: Recorder, sleeps: Sleeps) -> None:
    recorder.route("POST", "/v1/sessions", CREATED)
    recorder.route(
        "GET",
        "/v1/sessions/devin-abc",
        _progressing(
            [
                {"status_enum": "working"},
                {"status_enum": "finished", "structured_output": {"ok": True}},
            ]
        ),
    )
    session = client.sessions.create_and_wait("p", tags=["a"], poll_interval=2)
    assert session.structured_output == {"ok": True}
    assert sleeps == [2]


@pytest.mark.anyio
async def test_async_sessions(
    aclient: AsyncDevin, recorder: Recorder, async_sleeps: AsyncSleeps
) -> None:
    recorder.route("POST", "/v1/sessions", CREATED)
    recorder.route(
        "GET",
        "/v1/sessions/devin-abc",
        _progressing([{"status_enum": "working"}, {"status_enum": "finished"}]),
    )
    recorder.route("GET", "/v1/sessions", _summaries(0, 3))
    created = await aclient.sessions.create("p", devin_mode="fast")
    seen: list[str] = []

    async def progress(session: Any) -> None:
        seen.append(str(session.status_enum))

    session = await aclient.sessions.wait(created.session_id, on_progress=progress)
    assert str(session.status_enum) == "finished"
    assert seen == ["working", "finished"]
    assert async_sleeps == [10.0]
    assert [s.session_id async for s in aclient.sessions.list(page_size=10)] == [
        "devin-0",
        "devin-1",
        "devin-2",
    ]
    recorder.route("GET", "/v1/sessions/devin-abc", SESSION)
    with pytest.raises(WaitTimeoutError):
        await aclient.sessions.wait("devin-abc", timeout=0)


@pytest.mark.parametrize("method", ["create", "create_and_wait"])
def test_an_unknown_keyword_is_refused_as_python_refuses_it(
    client: Devin, recorder: Recorder, method: str
) -> None:
    with pytest.raises(
        TypeError, match=rf"^{method}\(\) got an unexpected keyword argument 'tag'$"
    ):
        getattr(client.sessions, method)("p", tag="typo")
    assert recorder.requests == []


@pytest.mark.anyio
async def test_async_create_refuses_an_unknown_keyword(
    aclient: AsyncDevin, recorder: Recorder
) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'poll_interval'"):
        await aclient.sessions.create("p", poll_interval=1)  # a create_and_wait keyword
    assert recorder.requests == []


def test_a_blank_prompt_is_valid_once_its_attachment_lines_are_added(
    client: Devin, recorder: Recorder, tmp_path: Path
) -> None:
    recorder.route("POST", "/v1/sessions", CREATED)
    recorder.route(
        "POST", "/v1/attachments", lambda r: httpx.Response(200, json="https://files.x/u/a.txt")
    )
    with pytest.raises(ValueError, match="prompt"):
        client.sessions.create("  ")
    (tmp_path / "a.txt").write_text("a")
    client.sessions.create("", attachments=[tmp_path / "a.txt"])
    assert recorder.json() == {"prompt": 'ATTACHMENT:"https://files.x/u/a.txt"'}
    with pytest.raises(ValueError, match="message"):
        client.sessions.send_message("devin-abc", "")


def test_the_body_checked_against_the_spec_is_the_body_sent(
    client: Devin, recorder: Recorder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With files to upload, the final prompt (with their URLs) is what is validated; the
    check made before uploading, on the prompt as given, is only an early refusal."""
    from devin_client._v1._client import SPEC

    checked: list[Any] = []
    real = SPEC.check_request

    def recording(op: Any, body: Any) -> None:
        checked.append(body)
        real(op, body)

    monkeypatch.setattr(SPEC, "check_request", recording)
    recorder.route("POST", "/v1/sessions", CREATED)
    recorder.route(
        "POST", "/v1/attachments", lambda r: httpx.Response(200, json="https://files.x/u/b.txt")
    )
    (tmp_path / "b.txt").write_text("b")
    client.sessions.create("Why?", attachments=[tmp_path / "b.txt"], tags=["t"])
    assert checked[-1] == recorder.json()
    assert checked[-1]["prompt"] == 'Why?\nATTACHMENT:"https://files.x/u/b.txt"'
