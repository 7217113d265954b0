"""One organisation can neither read nor change another's data through the mock's v3 routes.

Org A creates a session, an upload, a secret, a note, a playbook and a schedule through v3.
Org B's key on org A's paths gets 403 on every route, whatever the request; org B's key on its
own paths with org A's ids gets 404 on every route that takes an id; org B's lists show none
of org A's data; org B's v1 key cannot reach it through v1 either; afterwards org A's data is
unchanged. (Raw HTTP: this is the mock's isolation; the v3 library has its own tests.)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from devin_client.testing import DevinMock

from ..mock._v3_requests import V3Request, v3_requests

COG_A, COG_B = "cog_org_a_key_1f93", "cog_org_b_key_77aa"
APK_A, APK_B = "apk_user_org_a_v1_key", "apk_user_org_b_v1_key"


@dataclass
class OrgA:
    session_id: str
    attachment_id: str
    attachment_url: str
    secret_id: str
    note_id: str
    playbook_id: str
    schedule_id: str


def _ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[DevinMock, str, OrgA]]:
    keys = {COG_A: "org-a", COG_B: "org-b", APK_A: "org-a", APK_B: "org-b"}
    mock = DevinMock(keys=keys, validate_responses=True)
    with (
        mock.serve() as server,
        httpx.Client(
            base_url=f"{server.base_url}/v3/organizations/org-a",
            headers={"Authorization": f"Bearer {COG_A}"},
        ) as a,
    ):
        upload = _ok(a.post("/attachments", files={"file": ("a.txt", b"org A's bytes")}))
        data = OrgA(
            session_id=_ok(a.post("/sessions", json={"prompt": "A's task", "tags": ["a-only"]}))[
                "session_id"
            ],
            attachment_id=upload["attachment_id"],
            attachment_url=upload["url"],
            secret_id=_ok(a.post("/secrets", json={"key": "A", "type": "key-value", "value": "s"}))[
                "secret_id"
            ],
            note_id=_ok(
                a.post("/knowledge/notes", json={"name": "A", "body": "A", "trigger": "t"})
            )["note_id"],
            playbook_id=_ok(a.post("/playbooks", json={"title": "A", "body": "A steps"}))[
                "playbook_id"
            ],
            schedule_id=_ok(
                a.post("/schedules", json={"name": "A", "prompt": "p", "frequency": "@daily"})
            )["scheduled_session_id"],
        )
        yield mock, server.base_url, data
    mock.close()


def _with_ids(request: V3Request, data: OrgA) -> str:
    ids = {
        "devin-missing": data.session_id,
        "note-missing": data.note_id,
        "playbook-missing": data.playbook_id,
        "secret-missing": data.secret_id,
        "schedule-missing": data.schedule_id,
        "00000000-0000-0000-0000-000000000000/x.txt": f"{data.attachment_id}/a.txt",
    }
    path = request.path
    for made_up, real in ids.items():
        path = path.replace(made_up, real)
    return path


A_PATHS = [r for r in v3_requests("org-a") if "{org_id}" in r.key]
B_PATHS = [r for r in v3_requests("org-b") if "{org_id}" in r.key and "-missing" in r.path]
B_PATHS += [r for r in v3_requests("org-b") if "{uuid}" in r.key]


def _send(base_url: str, key: str, request: V3Request, path: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"}
    return httpx.request(request.method, base_url + path, headers=headers, **request.send_kwargs())


@pytest.mark.parametrize("request_", A_PATHS, ids=[r.key for r in A_PATHS])
def test_org_bs_key_on_org_as_paths_is_403(
    served: tuple[DevinMock, str, OrgA], request_: V3Request
) -> None:
    _, base_url, data = served
    response = _send(base_url, COG_B, request_, _with_ids(request_, data))
    assert response.status_code == 403, response.text
    assert response.json()["status"] == 403


@pytest.mark.parametrize("request_", B_PATHS, ids=[r.key for r in B_PATHS])
def test_org_as_ids_under_org_bs_own_paths_are_404(
    served: tuple[DevinMock, str, OrgA], request_: V3Request
) -> None:
    _, base_url, data = served
    response = _send(base_url, COG_B, request_, _with_ids(request_, data))
    assert response.status_code == 404, response.text


def test_org_bs_lists_show_none_of_org_as_data(served: tuple[DevinMock, str, OrgA]) -> None:
    _, base_url, data = served
    with httpx.Client(
        base_url=f"{base_url}/v3/organizations/org-b", headers={"Authorization": f"Bearer {COG_B}"}
    ) as b:
        for path in (
            "/sessions",
            "/sessions/insights",
            "/secrets",
            "/knowledge/notes",
            "/playbooks",
        ):
            assert _ok(b.get(path))["items"] == [], path
        assert _ok(b.get("/schedules"))["items"] == []
        assert _ok(b.get("/sessions", params={"tags": "a-only"}))["items"] == []
        assert _ok(b.get("/knowledge/folders"))["root_note_count"] == 0
    # Nor through v1, with org B's v1 key.
    v1_b = {"Authorization": f"Bearer {APK_B}"}
    assert httpx.get(f"{base_url}/v1/sessions/{data.session_id}", headers=v1_b).status_code == 404
    v1_path = f"{base_url}/v1/attachments/{data.attachment_id}/a.txt"
    assert httpx.get(v1_path, headers=v1_b).status_code == 404


def test_org_a_is_unchanged_after_org_bs_attempts(served: tuple[DevinMock, str, OrgA]) -> None:
    _, base_url, data = served
    for request in A_PATHS:
        _send(base_url, COG_B, request, _with_ids(request, data))
    with httpx.Client(
        base_url=f"{base_url}/v3/organizations/org-a", headers={"Authorization": f"Bearer {COG_A}"}
    ) as a:
        session = _ok(a.get(f"/sessions/{data.session_id}"))
        assert session["tags"] == ["a-only"]
        assert session["status"] != "exit"
        assert session["is_archived"] is False
        messages = _ok(a.get(f"/sessions/{data.session_id}/messages"))["items"]
        assert [m["source"] for m in messages].count("user") == 1
        assert [s["secret_id"] for s in _ok(a.get("/secrets"))["items"]] == [data.secret_id]
        assert _ok(a.get(f"/knowledge/notes/{data.note_id}"))["body"] == "A"
        assert _ok(a.get(f"/playbooks/{data.playbook_id}"))["body"] == "A steps"
        assert _ok(a.get(f"/schedules/{data.schedule_id}"))["name"] == "A"
        downloaded = a.get(data.attachment_url, follow_redirects=True)
        assert downloaded.content == b"org A's bytes"
    # Org A's own v1 key sees the same session: one state per organisation, two versions.
    v1_a = {"Authorization": f"Bearer {APK_A}"}
    assert httpx.get(f"{base_url}/v1/sessions/{data.session_id}", headers=v1_a).status_code == 200
