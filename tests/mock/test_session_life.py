"""Mock sessions that behave like sessions (issue 12.5): they move on by the clock as well as
per read (a pace), they refuse the structured output schemas the docs forbid in both versions,
a scripted structured output must fit the session's schema, and a test can script a session
that the code under test has not created yet."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from devin_client import Devin
from devin_client.testing import DevinMock, Step
from devin_client.testing._pytest_plugin import DevinMockFixture

SCHEMA = {
    "type": "object",
    "properties": {"ok": {"type": "boolean"}, "count": {"type": "integer"}},
    "required": ["ok", "count"],
}


@pytest.fixture
def api(devin_mock: DevinMockFixture) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=devin_mock.base_url, headers=devin_mock.headers) as client:
        yield client


def _client(devin_mock: DevinMockFixture) -> Devin:
    # Waits move the mock's clock instead of sleeping: a client that waits by the clock.
    return Devin(
        api_key=devin_mock.api_key,
        base_url=devin_mock.base_url,
        sleep=devin_mock.store.advance_clock,
    )


# ---- the pace --------------------------------------------------------------------------------


def test_without_a_pace_a_session_moves_one_step_per_read(devin_mock: DevinMockFixture) -> None:
    with _client(devin_mock) as client:
        created = client.sessions.create("Fix it")
        settled = client.sessions.wait(created.session_id, poll_interval=600)
    assert settled.status_enum == "finished"
    assert devin_mock.store.find_session(created.session_id).gets == 3  # working x2, finished


def test_with_a_pace_a_client_that_waits_by_the_clock_sees_the_same_path(
    devin_mock: DevinMockFixture,
) -> None:
    devin_mock.store.pace = 60  # a step a minute
    with _client(devin_mock) as client:
        created = client.sessions.create("Fix it")
        settled = client.sessions.wait(created.session_id, poll_interval=600)
    assert settled.status_enum == "finished"
    assert devin_mock.store.find_session(created.session_id).gets == 2  # read, 10 min, read
    devin_says = [m.message for m in settled.messages if m.type_ == "devin_message"]
    assert devin_says == ["Looking into it.", "Making the changes.", "Done: the task is complete."]


def test_with_a_pace_a_session_moves_on_unread(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    httpx.post(f"{devin_mock.base_url}/_mock/settings", json={"pace": 10}).raise_for_status()
    session_id = api.post("/v1/sessions", json={"prompt": "Fix it"}).json()["session_id"]

    def listed() -> str:
        [summary] = api.get("/v1/sessions").json()["sessions"]
        return str(summary["status_enum"])

    assert listed() == "working"
    devin_mock.store.advance_clock(25)  # two steps due: working, working
    assert listed() == "working"
    assert len(devin_mock.store.find_session(session_id).messages) == 3  # the prompt, 2 steps
    devin_mock.store.advance_clock(10)
    assert listed() == "finished"
    # A message wakes it: the continuation is paced from then.
    api.post(f"/v1/sessions/{session_id}/message", json={"message": "One more thing"})
    assert listed() == "working"
    devin_mock.store.advance_clock(20)
    assert listed() == "finished"


def test_the_pace_is_an_option_a_setting_and_a_flag(devin_mock: DevinMockFixture) -> None:
    mock = DevinMock(pace=0.5)
    mock.reset()
    assert mock.store.pace == 0.5  # kept across resets
    with pytest.raises(ValueError, match="pace"):
        DevinMock(pace=-1)
    refused = httpx.post(f"{devin_mock.base_url}/_mock/settings", json={"pace": "fast"})
    assert refused.status_code == 400
    httpx.post(f"{devin_mock.base_url}/_mock/settings", json={"pace": 3}).raise_for_status()
    devin_mock.mock.reset()
    assert devin_mock.store.pace is None  # the fixture's mock has none
    bad_flag = subprocess.run(
        [sys.executable, "-m", "devin_client.testing", "--pace", "-2"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad_flag.returncode == 2
    assert "seconds" in bad_flag.stderr


@pytest.mark.parametrize(
    "body",
    [
        {"tag_overflow": "cap", "pace": -1},  # the overflow was set, then the 400
        {"upload_answer": "text", "pace": "fast"},
        {"foreign_org_status": 403.0},  # was taken, and answered back as 403.0
        {"foreign_org_status": True},
    ],
)
def test_refused_settings_change_nothing(
    devin_mock: DevinMockFixture, body: dict[str, Any]
) -> None:
    before = httpx.post(f"{devin_mock.base_url}/_mock/settings", json={}).json()
    refused = httpx.post(f"{devin_mock.base_url}/_mock/settings", json=body)
    assert refused.status_code == 400
    assert "bad admin request" in refused.json()["detail"]
    assert httpx.post(f"{devin_mock.base_url}/_mock/settings", json={}).json() == before


@pytest.mark.parametrize(
    ("path", "body", "said"),
    [
        # Were "unhashable type: 'list'", "'org_id'" and "'platforms'" (a KeyError's text).
        ("next-session/script", {"steps": [{"status_detail": []}]}, "must be a string"),
        ("permissions", {}, "'org_id' must be a non-empty string"),
        ("platforms", {"org_id": "org-x"}, "'platforms' must be a list"),
        ("platforms", {"platforms": []}, "'org_id' must be a non-empty string"),
    ],
)
def test_a_bad_admin_request_says_what_is_wrong(
    devin_mock: DevinMockFixture, path: str, body: dict[str, Any], said: str
) -> None:
    refused = httpx.post(f"{devin_mock.base_url}/_mock/{path}", json=body)
    assert refused.status_code == 400
    assert said in refused.json()["detail"]


# ---- structured_output_schema limits, in v1 as in v3 -----------------------------------------


@pytest.mark.parametrize(
    ("schema", "said"),
    [
        ({"type": "object", "description": "x" * (64 * 1024)}, "64 KB"),
        ({"$ref": "https://example.com/schema.json"}, "external $ref"),
    ],
)
def test_v1_refuses_the_schemas_the_docs_forbid(
    api: httpx.Client, schema: dict[str, Any], said: str
) -> None:
    answer = api.post("/v1/sessions", json={"prompt": "p", "structured_output_schema": schema})
    assert answer.status_code == 422
    [error] = answer.json()["detail"]
    assert error["loc"] == ["body", "structured_output_schema"]
    assert said in error["msg"]


def test_v1_takes_a_schema_of_exactly_64_kb(api: httpx.Client) -> None:
    import json

    schema: dict[str, Any] = {"type": "object", "description": ""}
    schema["description"] = "x" * (64 * 1024 - len(json.dumps(schema, separators=(",", ":"))))
    answer = api.post("/v1/sessions", json={"prompt": "p", "structured_output_schema": schema})
    assert answer.status_code == 200


# ---- scripted structured output must fit the schema ------------------------------------------


def test_a_scripted_output_that_breaks_the_schema_is_refused_when_scripted(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    body = {"prompt": "Count", "structured_output_schema": SCHEMA}
    session_id = api.post("/v1/sessions", json=body).json()["session_id"]
    with pytest.raises(ValueError, match=r"step 2: .*count") as refused:
        devin_mock.store.script_session(
            session_id,
            [Step("working"), Step("finished", structured_output={"ok": True, "count": "3"})],
        )
    assert "structured_output_schema" in str(refused.value)
    through_admin = httpx.post(
        f"{devin_mock.base_url}/_mock/sessions/{session_id}/script",
        json={"steps": [{"status_enum": "finished", "structured_output": {"ok": True}}]},
    )
    assert through_admin.status_code == 400
    assert "count" in through_admin.json()["detail"]
    # What fits is taken, and so are "no output yet" and the generated one.
    devin_mock.store.script_session(
        session_id,
        [
            Step("working", structured_output=None),
            Step("finished", structured_output={"ok": True, "count": 3}),
        ],
    )
    devin_mock.store.advance(session_id, 2)
    assert api.get(f"/v1/sessions/{session_id}").json()["structured_output"] == {
        "ok": True,
        "count": 3,
    }


# ---- scripting the session the code under test will create ----------------------------------


def count_open_issues(client: Devin) -> int:
    """Code under test: it creates its own session and reads the typed result."""
    session = client.sessions.create_and_wait(
        "Count the open issues", structured_output_schema=SCHEMA, poll_interval=5
    )
    output = session.structured_output
    assert isinstance(output, dict)
    return int(output["count"])


def test_a_test_scripts_the_next_session_the_code_creates(devin_mock: DevinMockFixture) -> None:
    devin_mock.store.script_next_session(
        [
            Step("working", "Reading the tracker."),
            Step("finished", "12 are open.", structured_output={"ok": True, "count": 12}),
        ]
    )
    with _client(devin_mock) as client:
        assert count_open_issues(client) == 12
        # The script was used once: the next session takes the default path.
        assert count_open_issues(client) >= 0


def test_next_session_scripts_queue_per_organisation_and_through_the_admin_api(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    queued = httpx.post(
        f"{devin_mock.base_url}/_mock/next-session/script",
        json={"org_id": devin_mock.org_id, "steps": [{"status_enum": "blocked", "message": "?"}]},
    )
    assert queued.json() == {"queued": 1}
    devin_mock.store.script_next_session([Step("finished", "Other org")], org_id="org-elsewhere")
    other = {"Authorization": f"Bearer {devin_mock.other_api_key}"}
    theirs = api.post("/v1/sessions", json={"prompt": "p"}, headers=other).json()["session_id"]
    ours = api.post("/v1/sessions", json={"prompt": "p"}).json()["session_id"]
    assert api.get(f"/v1/sessions/{ours}").json()["status_enum"] == "blocked"
    assert api.get(f"/v1/sessions/{theirs}", headers=other).json()["status_enum"] == "working"
    bad = httpx.post(
        f"{devin_mock.base_url}/_mock/next-session/script", json={"steps": [{"status": 3}]}
    )
    assert bad.status_code == 400


def test_a_next_session_script_that_breaks_the_schema_is_reported(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    devin_mock.store.script_next_session([Step("finished", structured_output={"ok": "yes"})])
    body = {"prompt": "Count", "structured_output_schema": SCHEMA}
    session_id = api.post("/v1/sessions", json=body).json()["session_id"]
    [problem] = devin_mock.mock.records.issues
    assert session_id in str(problem)
    assert "script_next_session" in str(problem)
    devin_mock.mock.records.clear()  # the test's own mistake, on purpose
