"""v3 attachments, knowledge, playbooks, secrets, schedules and self in the mock; the objects
v1 made are the same objects through v3."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from devin_client.testing._pytest_plugin import DevinMockFixture


@pytest.fixture
def v3(devin_mock: DevinMockFixture) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=devin_mock.v3_org_url, headers=devin_mock.v3_headers) as client:
        yield client


@pytest.fixture
def v1(devin_mock: DevinMockFixture) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=devin_mock.base_url, headers=devin_mock.headers) as client:
        yield client


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


# ---- attachments --------------------------------------------------------------------------------


def test_upload_answers_id_name_url_and_download_redirects_to_a_presigned_url(
    devin_mock: DevinMockFixture, v1: httpx.Client, v3: httpx.Client
) -> None:
    upload = ok(v3.post("/attachments", files={"file": ("dir/report.csv", b"a,b\n", "text/csv")}))
    assert set(upload) == {"attachment_id", "name", "url"}
    assert upload["name"] == "report.csv"
    assert upload["url"] == (
        f"{devin_mock.v3_org_url}/attachments/{upload['attachment_id']}/report.csv"
    )
    redirect = v3.get(upload["url"])
    assert redirect.status_code == 307
    location = httpx.URL(redirect.headers["Location"])
    assert location.host == "localhost"  # another origin than the API's 127.0.0.1
    with httpx.Client() as anon:
        assert anon.get(location).content == b"a,b\n"
        assert anon.get(location, headers=devin_mock.v3_headers).status_code == 400
    # The same file through v1's path: one organisation, one store.
    v1_path = f"/v1/attachments/{upload['attachment_id']}/report.csv"
    assert v1.get(v1_path, follow_redirects=True).content == b"a,b\n"


def test_upload_without_a_file_is_422_and_an_unknown_download_404(v3: httpx.Client) -> None:
    missing = v3.post("/attachments", files={"other": ("x", b"x")})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["loc"] == ["body", "file"]
    unknown = v3.get("/attachments/00000000-0000-0000-0000-000000000000/x.txt")
    assert (unknown.status_code, unknown.json()["detail"]) == (404, "Attachment not found")


# ---- knowledge ----------------------------------------------------------------------------------

NOTE = {"name": "Style", "body": "Use ruff", "trigger": "When writing Python"}


def test_notes_crud_with_required_nullable_fields(v3: httpx.Client) -> None:
    created = ok(v3.post("/knowledge/notes", json=NOTE))
    assert created["note_id"].startswith("note-")
    for field in ("folder_id", "macro", "pinned_repo"):
        assert field in created
        assert created[field] is None
    assert (created["folder_path"], created["is_enabled"], created["access_type"]) == (
        "/",
        True,
        "org",
    )
    note_id = created["note_id"]
    assert ok(v3.get(f"/knowledge/notes/{note_id}")) == created
    replaced = ok(v3.put(f"/knowledge/notes/{note_id}", json={**NOTE, "is_enabled": False}))
    assert replaced["is_enabled"] is False
    assert replaced["created_at"] == created["created_at"]
    partial = v3.put(f"/knowledge/notes/{note_id}", json={"body": "only the body"})
    assert partial.status_code == 422  # PUT takes the create schema: every required field
    assert ok(v3.delete(f"/knowledge/notes/{note_id}"))["note_id"] == note_id
    assert v3.get(f"/knowledge/notes/{note_id}").status_code == 404
    assert v3.delete(f"/knowledge/notes/{note_id}").status_code == 404


def test_notes_are_v1_knowledge_and_folders_read_as_a_tree(
    devin_mock: DevinMockFixture, v1: httpx.Client, v3: httpx.Client
) -> None:
    folder = devin_mock.store.add_folder(devin_mock.org_id, "Backend")
    old = ok(
        v1.post(
            "/v1/knowledge",
            json={
                "name": "Old",
                "body": "From v1",
                "trigger_description": "Always",
                "parent_folder_id": folder["id"],
                "pinned_repo": "acme/api",
            },
        )
    )
    seen = ok(v3.get(f"/knowledge/notes/{old['id']}"))
    assert (seen["trigger"], seen["folder_id"], seen["folder_path"]) == (
        "Always",
        folder["id"],
        "/Backend",
    )
    ok(v3.post("/knowledge/notes", json=NOTE))
    assert v3.post("/knowledge/notes", json={**NOTE, "folder_id": "folder-nope"}).status_code == 404
    tree = ok(v3.get("/knowledge/folders"))
    assert tree == {
        "folders": [
            {
                "folder_id": folder["id"],
                "name": "Backend",
                "note_count": 1,
                "parent_folder_id": None,
                "path": "/Backend",
            }
        ],
        "root_note_count": 1,
    }

    def names(**params: str) -> list[str]:
        return [n["name"] for n in ok(v3.get("/knowledge/notes", params=params))["items"]]

    assert names() == ["Old", "Style"]
    assert names(search="RUFF") == ["Style"]
    assert names(pinned_repo="acme/api") == ["Old"]
    assert names(folder_path="/Backend") == ["Old"]
    # And a note made through v3 reads through v1.
    listed = ok(v1.get("/v1/knowledge"))["knowledge"]
    assert [k["trigger_description"] for k in listed] == ["Always", "When writing Python"]


# ---- playbooks ----------------------------------------------------------------------------------


def test_playbooks_crud_macro_rule_and_shared_with_v1(
    devin_mock: DevinMockFixture, v1: httpx.Client, v3: httpx.Client
) -> None:
    created = ok(v3.post("/playbooks", json={"title": "Deploy", "body": "Steps", "macro": "!dep"}))
    playbook_id = created["playbook_id"]
    assert playbook_id.startswith("playbook-")
    assert (created["access_type"], created["org_id"]) == ("org", devin_mock.org_id)
    bad = v3.post("/playbooks", json={"title": "t", "body": "b", "macro": "dep"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["body", "macro"]
    assert ok(v1.get(f"/v1/playbooks/{playbook_id}"))["macro"] == "!dep"
    replaced = ok(v3.put(f"/playbooks/{playbook_id}", json={"title": "D2", "body": "B"}))
    assert (replaced["title"], replaced["macro"]) == ("D2", None)
    made_in_v1 = ok(v1.post("/v1/playbooks", json={"title": "Old", "body": "b"}))["playbook_id"]
    listed = ok(v3.get("/playbooks"))["items"]
    assert [p["playbook_id"] for p in listed] == [playbook_id, made_in_v1]
    devin_mock.store.set_permissions(devin_mock.org_id, manage_playbooks=False)
    assert v3.delete(f"/playbooks/{playbook_id}").status_code == 403
    devin_mock.store.set_permissions(devin_mock.org_id, manage_playbooks=True)
    assert ok(v3.delete(f"/playbooks/{playbook_id}"))["title"] == "D2"
    assert v3.get(f"/playbooks/{playbook_id}").status_code == 404
    assert v1.get(f"/v1/playbooks/{playbook_id}").status_code == 404


# ---- secrets ------------------------------------------------------------------------------------


def test_secrets_never_show_their_value_and_are_v1_secrets(
    devin_mock: DevinMockFixture, v1: httpx.Client, v3: httpx.Client
) -> None:
    created = v3.post("/secrets", json={"key": "TOKEN", "type": "key-value", "value": "hunter2"})
    body = ok(created)
    assert "hunter2" not in created.text
    assert (body["is_sensitive"], body["note"], body["secret_type"]) == (True, None, "key-value")
    assert v3.post("/secrets", json={"key": "TOKEN", "type": "totp", "value": "x"}).status_code == (
        409
    )
    v1.post(
        "/v1/secrets",
        json={"type": "cookie", "key": "OLD", "value": "v1-value", "sensitive": False, "note": ""},
    )
    listing = v3.get("/secrets")
    assert "hunter2" not in listing.text
    assert "v1-value" not in listing.text
    assert [(s["key"], s["is_sensitive"]) for s in listing.json()["items"]] == [
        ("TOKEN", True),
        ("OLD", False),
    ]
    assert [s["key"] for s in ok(v1.get("/v1/secrets"))] == ["TOKEN", "OLD"]
    deleted = ok(v3.delete(f"/secrets/{body['secret_id']}"))
    assert deleted["secret_id"] == body["secret_id"]
    assert v3.delete(f"/secrets/{body['secret_id']}").status_code == 404
    assert "hunter2" not in repr(devin_mock.store.org(devin_mock.org_id).secrets)


# ---- schedules ----------------------------------------------------------------------------------


def _later(minutes: int) -> str:
    return (datetime.now(UTC) + timedelta(minutes=minutes)).isoformat()


def test_schedules_crud_iso_timestamps_and_patch_semantics(
    devin_mock: DevinMockFixture, v3: httpx.Client
) -> None:
    playbook = ok(v3.post("/playbooks", json={"title": "Nightly", "body": "b"}))
    created = ok(
        v3.post(
            "/schedules",
            json={
                "name": "Nightly",
                "prompt": "Run the checks",
                "frequency": "0 3 * * *",
                "playbook_id": playbook["playbook_id"],
            },
        )
    )
    schedule_id = created["scheduled_session_id"]
    assert schedule_id.startswith("sched-")
    assert (created["agent"], created["notify_on"], created["schedule_type"]) == (
        "devin",
        "failure",
        "recurring",
    )
    assert created["playbook"] == {"playbook_id": playbook["playbook_id"], "title": "Nightly"}
    datetime.fromisoformat(created["created_at"])  # ISO strings, unlike the rest of v3
    patched = ok(v3.patch(f"/schedules/{schedule_id}", json={"name": "Renamed"}))
    assert (patched["name"], patched["frequency"]) == ("Renamed", "0 3 * * *")
    detached = ok(v3.patch(f"/schedules/{schedule_id}", json={"playbook_id": None}))
    assert detached["playbook"] is None
    kept = ok(v3.patch(f"/schedules/{schedule_id}", json={"name": None}))
    assert kept["name"] == "Renamed"  # null leaves a non-nullable field as it was
    assert ok(v3.get(f"/schedules/{schedule_id}")) == kept
    deleted = ok(v3.delete(f"/schedules/{schedule_id}"))
    assert deleted["enabled"] is False
    assert v3.get(f"/schedules/{schedule_id}").status_code == 404
    assert ok(v3.get("/schedules"))["items"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "frequency"),
        ({"frequency": "every day"}, "frequency"),
        ({"schedule_type": "one_time"}, "scheduled_at"),
        ({"schedule_type": "one_time", "scheduled_at": "2001-01-01T00:00:00Z"}, "scheduled_at"),
        ({"frequency": "* * * * *", "interval_count": 0}, "interval_count"),
    ],
)
def test_schedule_rules_are_422_naming_the_field(
    v3: httpx.Client, body: dict[str, Any], field: str
) -> None:
    response = v3.post("/schedules", json={"name": "n", "prompt": "p", **body})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["loc"] == ["body", field]


def test_a_one_time_schedule_is_disabled_once_its_moment_passed(
    devin_mock: DevinMockFixture, v3: httpx.Client
) -> None:
    created = ok(
        v3.post(
            "/schedules",
            json={
                "name": "Once",
                "prompt": "p",
                "schedule_type": "one_time",
                "scheduled_at": _later(10),
            },
        )
    )
    assert created["enabled"] is True
    devin_mock.store.advance_clock(11 * 60)
    later = ok(v3.get(f"/schedules/{created['scheduled_session_id']}"))
    assert later["enabled"] is False
    assert later["last_executed_at"] == created["scheduled_at"]


def test_schedules_page_by_limit_and_offset(v3: httpx.Client) -> None:
    for i in range(5):
        ok(v3.post("/schedules", json={"name": f"s{i}", "prompt": "p", "frequency": "@daily"}))
    page = ok(v3.get("/schedules", params={"limit": 2, "offset": 2}))
    assert [s["name"] for s in page["items"]] == ["s2", "s3"]
    assert (page["has_next_page"], page["total"], page["end_cursor"]) == (True, 5, None)
    last = ok(v3.get("/schedules", params={"limit": 2, "offset": 4}))
    assert (len(last["items"]), last["has_next_page"]) == (1, False)


# ---- self ---------------------------------------------------------------------------------------


def test_self_names_the_organisation_or_none_for_an_enterprise_key(
    devin_mock: DevinMockFixture,
) -> None:
    me = httpx.get(f"{devin_mock.base_url}/v3/self", headers=devin_mock.v3_headers).json()
    assert me["principal_type"] == "service_user"
    assert me["org_id"] == devin_mock.org_id
    assert me["service_user_id"].startswith("service-user-")
    assert devin_mock.cog_api_key not in str(me)
    enterprise = {"Authorization": f"Bearer {devin_mock.enterprise_cog_api_key}"}
    assert httpx.get(f"{devin_mock.base_url}/v3/self", headers=enterprise).json()["org_id"] is None
    # An enterprise key reaches every organisation's routes.
    other = f"{devin_mock.base_url}/v3/organizations/{devin_mock.other_org_id}/sessions"
    assert httpx.get(other, headers=enterprise).status_code == 200
