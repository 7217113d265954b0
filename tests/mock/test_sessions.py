"""Sessions in the mock: auth, isolation, life cycle, scripting, idempotency, listing."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import jsonschema_rs
import pytest
from devin_client.testing import BLOCK_DIRECTIVE, Step
from devin_client.testing._pytest_plugin import DevinMockFixture


@pytest.fixture
def api(devin_mock: DevinMockFixture) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=devin_mock.base_url, headers=devin_mock.headers) as client:
        yield client


def create(api: httpx.Client, **body: object) -> str:
    response = api.post("/v1/sessions", json={"prompt": "Fix the build", **body})
    assert response.status_code == 200, response.text
    session_id: str = response.json()["session_id"]
    return session_id


def test_missing_or_unknown_key_is_401(devin_mock: DevinMockFixture) -> None:
    with httpx.Client(base_url=devin_mock.base_url) as anon:
        missing = anon.get("/v1/sessions")
        unknown = anon.get("/v1/sessions", headers={"Authorization": "Bearer apk_nope"})
        wrong_scheme = anon.get("/v1/sessions", headers={"Authorization": devin_mock.api_key})
    for response in (missing, unknown, wrong_scheme):
        assert response.status_code == 401
        assert response.json() == {"detail": "Missing or invalid Authorization header"}
        assert response.headers["WWW-Authenticate"] == "Bearer"


def test_one_orgs_ids_are_404_to_another(devin_mock: DevinMockFixture, api: httpx.Client) -> None:
    session_id = create(api)
    other = {"Authorization": f"Bearer {devin_mock.other_api_key}"}
    assert api.get(f"/v1/sessions/{session_id}", headers=other).status_code == 404
    assert api.delete(f"/v1/sessions/{session_id}", headers=other).status_code == 404
    assert api.get("/v1/sessions", headers=other).json() == {"sessions": []}
    assert api.get(f"/v1/sessions/{session_id}").status_code == 200


def test_default_life_is_working_working_finished_one_step_per_get(api: httpx.Client) -> None:
    session_id = create(api)
    seen = []
    for _ in range(4):
        body = api.get(f"/v1/sessions/{session_id}").json()
        seen.append((body["status_enum"], len(body["messages"])))
    assert seen == [("working", 2), ("working", 3), ("finished", 4), ("finished", 4)]
    first, *devin = body["messages"]
    assert first["type"] == "initial_user_message"
    assert first["message"] == "Fix the build"
    assert {m["type"] for m in devin} == {"devin_message"}


def test_prompt_directive_blocks_and_a_message_resumes(api: httpx.Client) -> None:
    session_id = create(api, prompt=f"Ask me first {BLOCK_DIRECTIVE}")
    statuses = [api.get(f"/v1/sessions/{session_id}").json()["status_enum"] for _ in range(3)]
    assert statuses == ["working", "blocked", "blocked"]
    sent = api.post(f"/v1/sessions/{session_id}/message", json={"message": "Use main"})
    assert sent.status_code == 200
    assert sent.json() is None
    after = [api.get(f"/v1/sessions/{session_id}").json() for _ in range(2)]
    assert [a["status_enum"] for a in after] == ["working", "finished"]
    assert any(
        m["type"] == "user_message" and m["message"] == "Use main" for m in after[-1]["messages"]
    )


def test_structured_output_validates_against_the_given_schema(api: httpx.Client) -> None:
    schema = {
        "type": "object",
        "properties": {
            "pr_url": {"type": "string", "format": "uri"},
            "files": {"type": "array", "items": {"type": "string"}, "minItems": 2},
            "score": {"type": "integer", "minimum": 3},
            "kind": {"enum": ["fix", "feature"]},
        },
        "required": ["pr_url", "files", "score", "kind"],
        "additionalProperties": False,
    }
    session_id = create(api, structured_output_schema=schema)
    bodies = [api.get(f"/v1/sessions/{session_id}").json() for _ in range(3)]
    assert [b["structured_output"] for b in bodies[:2]] == [None, None]
    output = bodies[-1]["structured_output"]
    assert bodies[-1]["status_enum"] == "finished"
    jsonschema_rs.Draft7Validator(schema).validate(output)


def test_script_session_drives_statuses_messages_and_output(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    session_id = create(api)
    devin_mock.store.script_session(
        session_id,
        [
            Step("working", "Reading the repo"),
            Step("blocked", "Which branch?", pull_request_url="https://github.com/o/r/pull/1"),
            {"status_enum": "finished", "structured_output": {"answer": 42}},
        ],
    )
    bodies = [api.get(f"/v1/sessions/{session_id}").json() for _ in range(3)]
    assert [b["status_enum"] for b in bodies] == ["working", "blocked", "finished"]
    assert [b["status"] for b in bodies] == ["running", "blocked", "finished"]
    assert bodies[1]["messages"][-1]["message"] == "Which branch?"
    assert bodies[2]["pull_request"] == {"url": "https://github.com/o/r/pull/1"}
    assert bodies[2]["structured_output"] == {"answer": 42}


def test_script_through_the_admin_endpoint(devin_mock: DevinMockFixture, api: httpx.Client) -> None:
    session_id = create(api)
    scripted = api.post(
        f"/_mock/sessions/{session_id}/script",
        json={"steps": [{"status_enum": "expired", "message": "Timed out"}]},
    )
    assert scripted.json() == {"pending": 1}
    assert api.get(f"/v1/sessions/{session_id}").json()["status_enum"] == "expired"
    refused = api.post(f"/v1/sessions/{session_id}/message", json={"message": "hello?"})
    assert refused.status_code == 400
    bad = api.post(f"/_mock/sessions/{session_id}/script", json={"steps": [{"oops": 1}]})
    assert bad.status_code == 400


def test_suspended_session_answers_a_detail(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    session_id = create(api)
    devin_mock.store.script_session(session_id, [Step("suspend_requested")])
    api.get(f"/v1/sessions/{session_id}")
    sent = api.post(f"/v1/sessions/{session_id}/message", json={"message": "wake up"})
    assert sent.status_code == 200
    assert "suspended" in sent.json()["detail"]


def test_terminate_twice_is_400_and_messages_are_refused(api: httpx.Client) -> None:
    session_id = create(api)
    first = api.delete(f"/v1/sessions/{session_id}")
    assert first.json() == {"detail": "Session terminated successfully"}
    second = api.delete(f"/v1/sessions/{session_id}")
    assert (second.status_code, second.json()) == (400, {"detail": "Devin session already exited"})
    message = api.post(f"/v1/sessions/{session_id}/message", json={"message": "hi"})
    assert message.status_code == 400
    body = api.get(f"/v1/sessions/{session_id}").json()
    assert (body["status"], body["status_enum"]) == ("exit", "finished")


def test_terminate_forbidden_when_the_org_disallows(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    session_id = create(api)
    devin_mock.store.set_permissions(devin_mock.org_id, terminate_sessions=False)
    assert api.delete(f"/v1/sessions/{session_id}").status_code == 403


def test_idempotent_create_returns_the_existing_session(api: httpx.Client) -> None:
    body = {"prompt": "Same", "idempotent": True, "tags": ["x"]}
    first = api.post("/v1/sessions", json=body).json()
    again = api.post("/v1/sessions", json=body).json()
    other = api.post("/v1/sessions", json={**body, "tags": ["y"]}).json()
    plain = api.post("/v1/sessions", json={"prompt": "Same"}).json()
    assert first["is_new_session"] is True
    assert again == {**first, "is_new_session": False}
    assert other["session_id"] != first["session_id"]
    assert plain["session_id"] != first["session_id"]


def test_v3_fields_are_stored_and_returned(api: httpx.Client) -> None:
    session_id = create(api, devin_mode="fast", create_as_user_id="user-123")
    body = api.get(f"/v1/sessions/{session_id}").json()
    assert (body["devin_mode"], body["create_as_user_id"]) == ("fast", "user-123")
    listed = api.get("/v1/sessions").json()["sessions"][0]
    assert (listed["devin_mode"], listed["create_as_user_id"]) == ("fast", "user-123")
    bad = api.post("/v1/sessions", json={"prompt": "p", "devin_mode": "turbo"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "devin_mode"]


def test_list_paginates_newest_first_and_filters(api: httpx.Client) -> None:
    ids = [create(api, tags=["a", "b"] if i % 2 else ["a"]) for i in range(5)]
    listed = [s["session_id"] for s in api.get("/v1/sessions").json()["sessions"]]
    assert listed == ids[::-1]
    page = api.get("/v1/sessions", params={"limit": 2, "offset": 1}).json()["sessions"]
    assert [s["session_id"] for s in page] == ids[::-1][1:3]
    tagged = api.get("/v1/sessions", params=[("tags", "a"), ("tags", "b")]).json()["sessions"]
    assert {s["session_id"] for s in tagged} == {ids[1], ids[3]}
    mine = api.get("/v1/sessions", params={"user_email": "mock-user@example.com"}).json()
    nobody = api.get("/v1/sessions", params={"user_email": "x@example.com"}).json()
    assert len(mine["sessions"]) == 5
    assert nobody == {"sessions": []}


def test_tags_are_replaced(api: httpx.Client) -> None:
    session_id = create(api, tags=["old"])
    response = api.put(f"/v1/sessions/{session_id}/tags", json={"tags": ["new", "x"]})
    assert response.json() == {"detail": "Tags updated successfully"}
    assert api.get(f"/v1/sessions/{session_id}").json()["tags"] == ["new", "x"]
