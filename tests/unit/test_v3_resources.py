"""v3 attachments, knowledge, playbooks, secrets and schedules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from devin_api_v3.models import ScheduleCreateRequest, ScheduleUpdateRequest
from devin_client import DevinError, DevinValidationError, DownloadError, NotFoundError
from devin_client._v3 import schedules as v3_schedules
from devin_client.v3 import AsyncDevin, Devin

from .conftest import BASE_URL, ORG_PATH, V3_KEY, Recorder

ATTACHMENTS = f"{ORG_PATH}/attachments"
FILE_PATH = f"{ATTACHMENTS}/uuid-1/report.txt"
FILE_URL = f"{BASE_URL}{FILE_PATH}"
PRESIGNED = "https://files.example.net/bucket/report.txt?X-Signature=abc"
UPLOADED = {"attachment_id": "uuid-1", "name": "report.txt", "url": FILE_URL}


def _download_routes(recorder: Recorder) -> None:
    recorder.route("GET", FILE_PATH, lambda r: httpx.Response(307, headers={"Location": PRESIGNED}))
    recorder.route(
        "GET", "/bucket/report.txt", lambda r: httpx.Response(200, content=b"hello file")
    )


def _keys(recorder: Recorder) -> list[str | None]:
    return [r.headers.get("authorization") for r in recorder.requests]


# -- attachments -------------------------------------------------------------------------------


def test_upload_returns_the_attachment(v3: Devin, recorder: Recorder, tmp_path: Path) -> None:
    recorder.route("POST", ATTACHMENTS, UPLOADED)
    seen: list[int] = []
    uploaded = v3.attachments.upload(
        b"abc", filename="a.txt", on_progress=lambda s, t: seen.append(s)
    )
    assert (uploaded.attachment_id, uploaded.name, uploaded.url) == (
        "uuid-1",
        "report.txt",
        FILE_URL,
    )
    assert seen == [3]
    assert b'name="file"; filename="a.txt"' in recorder.bodies[-1]
    with pytest.raises(DevinValidationError, match="file"):
        v3.attachments.upload(tmp_path / "missing.txt")
    assert len(recorder.requests) == 2  # the lookup and the one upload


def test_download_follows_307_without_the_key(v3: Devin, recorder: Recorder) -> None:
    _download_routes(recorder)
    assert v3.attachments.download(FILE_URL) == b"hello file"
    assert [r.url.path for r in recorder.requests] == ["/v3/self", FILE_PATH, "/bucket/report.txt"]
    assert _keys(recorder) == [f"Bearer {V3_KEY}", f"Bearer {V3_KEY}", None]


def test_download_sends_the_key_only_to_this_organisations_attachments(
    v3: Devin, recorder: Recorder
) -> None:
    other = f"{BASE_URL}/v3/organizations/org-other/attachments/uuid-1/report.txt"
    recorder.default = lambda r: httpx.Response(200, content=b"x")
    v3.attachments.download(other)
    v3.attachments.download(f"{BASE_URL}{ORG_PATH}/sessions/devin-abc")
    v3.attachments.download("https://evil.example/steal")
    assert _keys(recorder) == [f"Bearer {V3_KEY}", None, None, None]  # the lookup, then none


def test_download_same_origin_redirect_keeps_the_key_only_for_attachments(
    v3: Devin, recorder: Recorder
) -> None:
    recorder.route(
        "GET", FILE_PATH, lambda r: httpx.Response(307, headers={"Location": f"{ATTACHMENTS}/u2/b"})
    )
    recorder.route(
        "GET",
        f"{ATTACHMENTS}/u2/b",
        lambda r: httpx.Response(307, headers={"Location": "/files/b"}),
    )
    recorder.route("GET", "/files/b", lambda r: httpx.Response(200, content=b"ok"))
    assert v3.attachments.download(FILE_PATH) == b"ok"
    assert _keys(recorder)[1:] == [f"Bearer {V3_KEY}", f"Bearer {V3_KEY}", None]


def test_download_to_a_folder_never_overwrites(
    v3: Devin, recorder: Recorder, tmp_path: Path
) -> None:
    _download_routes(recorder)
    path = v3.attachments.download(FILE_URL, tmp_path)
    assert path == tmp_path / "report.txt"
    assert path.read_bytes() == b"hello file"
    # Into a folder the API itself may still name the file (Content-Disposition): refused
    # once the answer is in, nothing written.
    with pytest.raises(DownloadError) as info:
        v3.attachments.download(FILE_URL, tmp_path)
    assert info.value.path == tmp_path / "report.txt"
    sent = len(recorder.requests)
    with pytest.raises(DownloadError):  # a file path is final: refused before sending
        v3.attachments.download(FILE_URL, path)
    assert len(recorder.requests) == sent
    assert v3.attachments.download(FILE_URL, tmp_path, overwrite=True) == path
    assert list(tmp_path.iterdir()) == [path]


def test_download_refuses_https_to_http(v3: Devin, recorder: Recorder) -> None:
    recorder.route(
        "GET", FILE_PATH, lambda r: httpx.Response(307, headers={"Location": "http://files.x/a"})
    )
    with pytest.raises(DownloadError, match="plain http"):
        v3.attachments.download(FILE_URL)


def test_download_errors(v3: Devin, recorder: Recorder) -> None:
    recorder.route(
        "GET", FILE_PATH, lambda r: httpx.Response(404, json={"title": "Not Found", "status": 404})
    )
    with pytest.raises(NotFoundError):
        v3.attachments.download(FILE_URL)
    recorder.default = lambda r: httpx.Response(307, headers={"Location": str(r.url) + "x"})
    with pytest.raises(DevinError, match="redirects"):
        v3.attachments.download("https://elsewhere.example/a")


@pytest.mark.anyio
async def test_async_upload_and_download(
    av3: AsyncDevin, recorder: Recorder, tmp_path: Path
) -> None:
    recorder.route("POST", ATTACHMENTS, UPLOADED)
    _download_routes(recorder)
    uploaded = await av3.attachments.upload(b"abc", filename="a.txt")
    assert await av3.attachments.download(uploaded.url) == b"hello file"
    path = await av3.attachments.download(uploaded.url, tmp_path / "r.txt")
    assert path.read_bytes() == b"hello file"
    assert "authorization" not in recorder.requests[-1].headers


# -- knowledge, playbooks, secrets ---------------------------------------------------------------

NOTE = {
    "access_type": "org",
    "body": "Format with ruff.",
    "created_at": 1700000000,
    "folder_id": None,
    "folder_path": "/",
    "is_enabled": True,
    "macro": None,
    "name": "Style",
    "note_id": "note-1",
    "org_id": None,
    "pinned_repo": None,
    "trigger": "editing Python",
    "updated_at": 1700000000,
}
PLAYBOOK = {
    "access_type": "org",
    "body": "1. Tag",
    "created_at": 1700000000,
    "created_by": "user-1",
    "macro": "!release",
    "org_id": None,
    "playbook_id": "playbook-1",
    "title": "Release",
    "updated_at": 1700000000,
    "updated_by": "user-1",
}
SECRET = {
    "access_type": "org",
    "created_at": 1700000000,
    "created_by": "user-1",
    "is_sensitive": True,
    "key": "NPM_TOKEN",
    "note": None,
    "secret_id": "secret-1",
    "secret_type": "key-value",
}


def _page(items: list[Any]) -> dict[str, Any]:
    return {"items": items, "end_cursor": None, "has_next_page": False}


def test_notes_and_folders(v3: Devin, recorder: Recorder) -> None:
    notes = f"{ORG_PATH}/knowledge/notes"
    recorder.route("GET", notes, _page([NOTE]))
    recorder.route("POST", notes, NOTE)
    for method in ("GET", "PUT", "DELETE"):
        recorder.route(method, f"{notes}/note-1", NOTE)
    recorder.route("GET", f"{ORG_PATH}/knowledge/folders", {"folders": [], "root_note_count": 1})
    knowledge = v3.knowledge
    created = knowledge.notes.create(
        name="Style", body="Format with ruff.", trigger="editing Python"
    )
    assert recorder.json() == {
        "name": "Style",
        "body": "Format with ruff.",
        "trigger": "editing Python",
    }
    assert [n.note_id for n in knowledge.notes.list(search="ruff")] == [created.note_id]
    assert recorder.requests[-1].url.params["search"] == "ruff"
    assert knowledge.notes.get("note-1").name == "Style"
    knowledge.notes.update("note-1", name="Style", body="b", trigger="t", is_enabled=False)
    assert recorder.json() == {"name": "Style", "body": "b", "trigger": "t", "is_enabled": False}
    assert knowledge.notes.delete("note-1").note_id == "note-1"
    assert knowledge.folders.list().root_note_count == 1
    with pytest.raises(DevinValidationError, match="note_id"):
        knowledge.notes.get("../x")


def test_playbooks(v3: Devin, recorder: Recorder) -> None:
    playbooks = f"{ORG_PATH}/playbooks"
    recorder.route("GET", playbooks, _page([PLAYBOOK]))
    recorder.route("POST", playbooks, PLAYBOOK)
    for method in ("GET", "PUT", "DELETE"):
        recorder.route(method, f"{playbooks}/playbook-1", PLAYBOOK)
    assert v3.playbooks.create(title="Release", body="1. Tag", macro="!release").macro == "!release"
    assert [p.title for p in v3.playbooks.list()] == ["Release"]
    assert v3.playbooks.get("playbook-1").playbook_id == "playbook-1"
    v3.playbooks.update("playbook-1", title="Release", body="2. Publish")
    assert recorder.json() == {"title": "Release", "body": "2. Publish"}
    v3.playbooks.delete("playbook-1")
    sent = len(recorder.requests)
    for macro in ("release", "!", "!re lease"):
        with pytest.raises(DevinValidationError, match="macro"):
            v3.playbooks.create(title="R", body="b", macro=macro)
    assert len(recorder.requests) == sent


def test_secrets_values_are_write_only(v3: Devin, recorder: Recorder) -> None:
    secrets = f"{ORG_PATH}/secrets"
    recorder.route("GET", secrets, _page([SECRET]))
    recorder.route("POST", secrets, SECRET)
    recorder.route("DELETE", f"{secrets}/secret-1", SECRET)
    created = v3.secrets.create("NPM_TOKEN", "npm-value", note="publishing")
    assert recorder.json() == {
        "key": "NPM_TOKEN",
        "type": "key-value",
        "value": "npm-value",
        "is_sensitive": True,
        "note": "publishing",
    }
    assert [s.key for s in v3.secrets.list()] == [created.key]
    assert v3.secrets.delete("secret-1").secret_id == "secret-1"
    with pytest.raises(DevinValidationError, match="type"):
        v3.secrets.create("K", "v", type="password")


# -- schedules -----------------------------------------------------------------------------------

SCHEDULE = {
    "agent": "devin",
    "consecutive_failures": 0,
    "created_at": "2026-01-01T00:00:00Z",
    "created_by": None,
    "enabled": True,
    "frequency": "0 9 * * 1-5",
    "last_error_at": None,
    "last_error_message": None,
    "last_executed_at": None,
    "name": "Daily triage",
    "notify_on": "failure",
    "org_id": "org-unit",
    "playbook": None,
    "prompt": "Triage new issues",
    "scheduled_session_id": "sched-1",
    "updated_at": "2026-01-01T00:00:00Z",
}


def test_schedules_create_update_get_delete(v3: Devin, recorder: Recorder) -> None:
    schedules = f"{ORG_PATH}/schedules"
    recorder.route("POST", schedules, SCHEDULE)
    for method in ("GET", "PATCH", "DELETE"):
        recorder.route(method, f"{schedules}/sched-1", SCHEDULE)
    v3.schedules.create(
        "Daily triage",
        "Triage new issues",
        frequency="0 9 * * 1-5",
        notify_on="always",
        tags=("t",),
    )
    assert recorder.json() == {
        "name": "Daily triage",
        "prompt": "Triage new issues",
        "frequency": "0 9 * * 1-5",
        "notify_on": "always",
        "tags": ["t"],
    }
    when = dt.datetime(2030, 1, 2, 9, 0, tzinfo=dt.UTC)
    v3.schedules.update("sched-1", playbook_id=None, enabled=False, scheduled_at=when)
    assert recorder.json() == {
        "playbook_id": None,  # a PATCH: null detaches the playbook, omitted keeps it
        "enabled": False,
        "scheduled_at": "2030-01-02T09:00:00+00:00",
    }
    assert recorder.requests[-1].method == "PATCH"
    assert v3.schedules.get("sched-1").scheduled_session_id == "sched-1"
    assert v3.schedules.delete("sched-1").name == "Daily triage"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.schedules.create("n", "p", agent="robot"), "agent"),
        (lambda c: c.schedules.create("n", "p", schedule_type="weekly"), "schedule_type"),
        (lambda c: c.schedules.create("n", "p", interval_count="2"), "interval_count"),
        (
            lambda c: c.schedules.create("n", "p", scheduled_at=dt.datetime(2030, 1, 1)),
            "scheduled_at",
        ),
        (lambda c: c.schedules.create("n", "p", colour="red"), "colour"),
        (lambda c: c.schedules.update("sched-1", notify_on="sometimes"), "notify_on"),
        (lambda c: c.schedules.get("."), "schedule_id"),
        (lambda c: c.schedules.list(page_size=201), "page_size"),
    ],
)
def test_schedule_bad_input_sends_nothing(
    v3: Devin, recorder: Recorder, call: Any, field: str
) -> None:
    with pytest.raises((DevinValidationError, TypeError), match=field):
        call(v3)
    assert recorder.requests == []


def test_schedules_list_pages_by_offset(v3: Devin, recorder: Recorder) -> None:
    items = [{**SCHEDULE, "scheduled_session_id": f"sched-{i}"} for i in range(5)]

    def page(request: httpx.Request) -> httpx.Response:
        offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
        chunk = items[offset : offset + limit]
        more = offset + limit < len(items)
        return httpx.Response(
            200, json={"items": chunk, "end_cursor": None, "has_next_page": more, "total": 5}
        )

    recorder.route("GET", f"{ORG_PATH}/schedules", page)
    assert [s.scheduled_session_id for s in v3.schedules.list(page_size=2)] == [
        f"sched-{i}" for i in range(5)
    ]
    assert [r.url.params["offset"] for r in recorder.requests[1:]] == ["0", "2", "4"]


def test_schedule_options_are_the_request_model_fields() -> None:
    def fields(cls: Any) -> set[str]:
        return {f.name for f in cls.__attrs_attrs__} - {"additional_properties"}

    assert set(v3_schedules.ScheduleOptions.__optional_keys__) == fields(ScheduleCreateRequest) - {
        "name",
        "prompt",
    }
    assert set(v3_schedules.ScheduleUpdate.__optional_keys__) == fields(ScheduleUpdateRequest)


def test_bodies_sent_are_json(v3: Devin, recorder: Recorder) -> None:
    recorder.route("POST", f"{ORG_PATH}/schedules", SCHEDULE)
    v3.schedules.create("n", "p", schedule_type="one_time", scheduled_at="2030-01-01T00:00:00Z")
    assert json.loads(recorder.bodies[-1])["scheduled_at"] == "2030-01-01T00:00:00Z"
