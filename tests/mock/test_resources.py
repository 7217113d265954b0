"""Attachments, secrets, knowledge and playbooks in the mock."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from devin_client.testing import DevinMock
from devin_client.testing._pytest_plugin import DevinMockFixture


@pytest.fixture
def api(devin_mock: DevinMockFixture) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=devin_mock.base_url, headers=devin_mock.headers) as client:
        yield client


def upload(api: httpx.Client, content: bytes, name: str = "data.csv") -> str:
    response = api.post("/v1/attachments", files={"file": (name, content, "text/csv")})
    assert response.status_code == 200, response.text
    url: str = response.json()
    return url


def test_upload_answers_a_json_string_url_and_keeps_the_bytes(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    url = upload(api, b"a,b\n1,2\n", name="dir/report final.csv")
    assert url.startswith(devin_mock.base_url + "/v1/attachments/")
    assert url.endswith("/report%20final.csv")
    (record,) = devin_mock.store.org(devin_mock.org_id).attachments.values()
    assert (record.name, record.size, record.read()) == ("report final.csv", 8, b"a,b\n1,2\n")


def test_download_redirects_to_another_origin_that_needs_no_key(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    url = upload(api, b"payload")
    redirect = api.get(url)
    assert redirect.status_code == 307
    location = httpx.URL(redirect.headers["Location"])
    assert location.host == "localhost"  # the API is 127.0.0.1: a different origin
    assert location.port == httpx.URL(devin_mock.base_url).port
    # httpx drops Authorization on a cross-origin redirect, as a careful client must.
    followed = api.get(url, follow_redirects=True)
    assert followed.content == b"payload"
    with httpx.Client() as anon:
        assert anon.get(location).content == b"payload"
        with_key = anon.get(location, headers=devin_mock.headers)
    assert with_key.status_code == 400


def test_presigned_url_expires_after_60_seconds(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    location = api.get(upload(api, b"x")).headers["Location"]
    devin_mock.store.advance_clock(59)
    assert httpx.get(location).status_code == 200
    devin_mock.store.advance_clock(2)
    expired = httpx.get(location)
    assert (expired.status_code, expired.json()) == (403, {"detail": "Request has expired"})
    tampered = httpx.get(location.replace("signature=", "signature=0"))
    assert tampered.status_code == 403


def test_download_of_unknown_or_foreign_attachment_is_404(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    url = upload(api, b"x")
    other = {"Authorization": f"Bearer {devin_mock.other_api_key}"}
    assert api.get(url, headers=other).status_code == 404
    assert api.get("/v1/attachments/nope/file.txt").status_code == 404


@pytest.mark.parametrize(
    ("files", "content", "kind"),
    [
        (None, b"", "missing"),
        ({"other": ("a.txt", b"x")}, None, "missing"),
        (None, b"garbage", "value_error"),
    ],
)
def test_broken_uploads_are_422(
    api: httpx.Client, files: dict[str, tuple[str, bytes]] | None, content: bytes | None, kind: str
) -> None:
    if files is not None:
        response = api.post("/v1/attachments", files=files)
    else:
        headers = {"Content-Type": "multipart/form-data; boundary=xx"}
        response = api.post("/v1/attachments", content=content, headers=headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == kind


def test_plain_field_instead_of_a_file_is_422(api: httpx.Client) -> None:
    response = api.post("/v1/attachments", data={"file": "not a file"}, files={"x": ("a", b"")})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]


def test_upload_over_the_cap_is_413_and_not_stored() -> None:
    mock = DevinMock(upload_limit=100_000)
    headers = {"Authorization": f"Bearer {next(iter(mock.keys))}"}
    with mock.serve() as server, httpx.Client(base_url=server.base_url, headers=headers) as api:
        ok = api.post("/v1/attachments", files={"file": ("ok.bin", b"x" * 100_000)})
        big = api.post("/v1/attachments", files={"file": ("big.bin", b"x" * 100_001)})
        huge = api.post("/v1/attachments", files={"file": ("huge.bin", b"x" * 1_000_000)})
    assert ok.status_code == 200
    for response in (big, huge):
        assert response.status_code == 413
        assert "upload limit" in response.json()["detail"]
    assert len(mock.store.org(next(iter(mock.keys.values()))).attachments) == 1
    mock.reset()  # closes the stored files


def test_secrets_never_return_values(devin_mock: DevinMockFixture, api: httpx.Client) -> None:
    body = {
        "type": "key-value",
        "key": "DB_PASS",
        "value": "hunter2",
        "sensitive": True,
        "note": "",
    }
    created = api.post("/v1/secrets", json=body)
    assert created.status_code == 201
    secret_id = created.json()["id"]
    listed = api.get("/v1/secrets")
    (item,) = listed.json()
    assert {k: item[k] for k in ("id", "type", "key")} == {
        "id": secret_id,
        "type": "key-value",
        "key": "DB_PASS",
    }
    assert set(item) == {"id", "type", "key", "created_at"}
    assert "hunter2" not in listed.text
    assert "hunter2" not in repr(devin_mock.store.org(devin_mock.org_id).secrets)
    duplicate = api.post("/v1/secrets", json=body)
    assert (duplicate.status_code, duplicate.json()) == (
        409,
        {"detail": "Secret name is not unique"},
    )
    assert api.delete(f"/v1/secrets/{secret_id}").json() == {
        "message": "Secret deleted successfully"
    }
    assert api.delete(f"/v1/secrets/{secret_id}").status_code == 404
    assert api.get("/v1/secrets").json() == []


def test_validation_errors_never_echo_secret_values(api: httpx.Client) -> None:
    secret = "s3cr3t-" + "x" * 65536
    response = api.post(
        "/v1/sessions", json={"prompt": "p", "session_secrets": [{"key": "K", "value": secret}]}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "string_too_long"
    assert "s3cr3t" not in response.text


def test_knowledge_with_folders(devin_mock: DevinMockFixture, api: httpx.Client) -> None:
    folder = devin_mock.store.add_folder(devin_mock.org_id, "Backend", "Server-side notes")
    note = {
        "name": "Style",
        "body": "Use ruff",
        "trigger_description": "When writing Python",
        "parent_folder_id": folder["id"],
    }
    created = api.post("/v1/knowledge", json=note).json()
    assert created["parent_folder_id"] == folder["id"]
    listing = api.get("/v1/knowledge").json()
    assert listing["folders"] == [folder]
    assert [k["id"] for k in listing["knowledge"]] == [created["id"]]
    updated = api.put(f"/v1/knowledge/{created['id']}", json={**note, "body": "Use ruff 0.17"})
    assert updated.json()["body"] == "Use ruff 0.17"
    assert updated.json()["created_at"] == created["created_at"]
    assert api.delete(f"/v1/knowledge/{created['id']}").status_code == 204
    assert api.delete(f"/v1/knowledge/{created['id']}").status_code == 404
    assert api.put(f"/v1/knowledge/{created['id']}", json=note).status_code == 404


def test_playbooks_crud_and_permission(devin_mock: DevinMockFixture, api: httpx.Client) -> None:
    created = api.post("/v1/playbooks", json={"title": "Deploy", "body": "Steps", "macro": "!dep"})
    playbook = created.json()
    assert (playbook["access_type"], playbook["status"]) == ("team", "published")
    pid = playbook["playbook_id"]
    assert api.put(f"/v1/playbooks/{pid}", json={"title": "D2", "body": "B"}).json() == {
        "status": "success"
    }
    assert api.get(f"/v1/playbooks/{pid}").json()["title"] == "D2"
    assert [p["playbook_id"] for p in api.get("/v1/playbooks").json()] == [pid]
    devin_mock.store.set_permissions(devin_mock.org_id, manage_playbooks=False)
    assert api.delete(f"/v1/playbooks/{pid}").status_code == 403
    assert api.post("/v1/playbooks", json={"title": "t", "body": "b"}).status_code == 403
    devin_mock.store.set_permissions(devin_mock.org_id, manage_playbooks=True)
    assert api.delete(f"/v1/playbooks/{pid}").json() == {"status": "success"}
    assert api.get(f"/v1/playbooks/{pid}").status_code == 404
    assert api.get("/v1/playbooks").json() == []
    empty_title = api.post("/v1/playbooks", json={"title": "", "body": "b"})
    assert empty_title.status_code == 422
