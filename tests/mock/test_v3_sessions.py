"""v3 sessions in the mock: one state with v1 (the status mapping both ways), cursor paging,
messages that wake a suspended session, terminate versus archive, tags, platforms, insights,
the files a session was given."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from devin_client.testing import Step
from devin_client.testing._pytest_plugin import DevinMockFixture
from devin_client.testing.devin.status import V1_TO_V3, settled_v3, to_v1, to_v3


@pytest.fixture
def v3(devin_mock: DevinMockFixture) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=devin_mock.v3_org_url, headers=devin_mock.v3_headers) as client:
        yield client


@pytest.fixture
def v1(devin_mock: DevinMockFixture) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=devin_mock.base_url, headers=devin_mock.headers) as client:
        yield client


def create(v3: httpx.Client, prompt: str = "Fix the build", **fields: Any) -> dict[str, Any]:
    response = v3.post("/sessions", json={"prompt": prompt, **fields})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def get(v3: httpx.Client, session_id: str) -> dict[str, Any]:
    response = v3.get(f"/sessions/{session_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def everything(v3: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a cursor listing, following end_cursor page by page."""
    items: list[dict[str, Any]] = []
    after = None
    while True:
        query = {**params, **({"after": after} if after else {})}
        page = v3.get(path, params=query).json()
        items.extend(page["items"])
        if not page["has_next_page"]:
            assert page["end_cursor"] is None
            return items
        after = page["end_cursor"]
        assert after


# ---- one state, one mapping ------------------------------------------------------------------


def test_created_through_v1_read_through_v3_as_the_mapping_says(
    devin_mock: DevinMockFixture, v1: httpx.Client, v3: httpx.Client
) -> None:
    session_id = v1.post("/v1/sessions", json={"prompt": "From v1", "tags": ["x"]}).json()[
        "session_id"
    ]
    steps = [Step(status) for status in V1_TO_V3]
    devin_mock.store.script_session(session_id, steps)
    for status in V1_TO_V3:
        body = get(v3, session_id)  # each v3 read applies one step, as a v1 read does
        assert (body["status"], body["status_detail"]) == to_v3(status), status
        if body["status"] == "exit":
            break  # an ended session takes no more steps
    assert body["tags"] == ["x"]
    assert body["service_user_id"] is None  # made with a v1 key


def test_created_through_v3_read_and_waited_on_through_v1(
    devin_mock: DevinMockFixture, v1: httpx.Client, v3: httpx.Client
) -> None:
    created = create(v3, "From v3 [mock:blocked]", title="v3 made me")
    assert (created["status"], created["status_detail"]) == ("new", None)
    session_id = created["session_id"]
    statuses = [v1.get(f"/v1/sessions/{session_id}").json()["status_enum"] for _ in range(3)]
    assert statuses == ["working", "blocked", "blocked"]  # a v1 wait stops at blocked
    v1_body = v1.get(f"/v1/sessions/{session_id}").json()
    assert v1_body["title"] == "v3 made me"
    assert v1_body["messages"][0]["type"] == "initial_user_message"
    assert (get(v3, session_id)["status"], get(v3, session_id)["status_detail"]) == (
        "running",
        "waiting_for_user",
    )


def test_the_v1_library_waits_on_a_session_created_through_v3(
    devin_mock: DevinMockFixture, v3: httpx.Client
) -> None:
    from devin_client import Devin

    session_id = create(v3, "Made in v3")["session_id"]
    devin_mock.store.script_session(
        session_id, [Step("working", "On it"), Step(status_detail="waiting_for_approval")]
    )
    with Devin(api_key=devin_mock.api_key, base_url=devin_mock.base_url) as client:
        waited = client.sessions.wait(session_id, poll_interval=0.01)
    assert str(waited.status_enum) == "blocked"  # v1's word for waiting on an approval
    assert get(v3, session_id)["status_detail"] == "waiting_for_approval"


@pytest.mark.parametrize(
    ("v3_status", "detail", "status_enum"),
    [
        ("running", "waiting_for_approval", "blocked"),
        ("running", "finished", "finished"),
        ("suspended", "out_of_credits", "suspend_requested"),
        ("suspended", "user_request", "suspend_requested_frontend"),
        ("error", None, "expired"),
        ("resuming", None, "resume_requested"),
    ],
)
def test_a_v3_only_state_reads_through_v1_as_the_mapping_says(
    devin_mock: DevinMockFixture,
    v1: httpx.Client,
    v3: httpx.Client,
    v3_status: str,
    detail: str | None,
    status_enum: str,
) -> None:
    session_id = create(v3)["session_id"]
    devin_mock.store.script_session(session_id, [Step(v3_status=v3_status, status_detail=detail)])
    assert (get(v3, session_id)["status"], get(v3, session_id)["status_detail"]) == (
        v3_status,
        detail,
    )
    assert v1.get(f"/v1/sessions/{session_id}").json()["status_enum"] == status_enum
    assert to_v1(v3_status, detail) == status_enum


def test_the_mapping_round_trips_every_v1_status() -> None:
    # v1 -> v3 -> v1 gives the same state, or the one v1 treats the same.
    same = {"resumed": "working", "resume_requested_frontend": "resume_requested"}
    same["expired"] = "finished"  # both ended; a terminated session reads finished in v1
    for status in V1_TO_V3:
        assert to_v1(*to_v3(status)) == same.get(status, status)


def test_settled_is_the_v3_docs_rule() -> None:
    assert settled_v3("exit", None)
    assert settled_v3("error", None)
    assert settled_v3("suspended", "inactivity")
    for detail in ("finished", "waiting_for_user", "waiting_for_approval"):
        assert settled_v3("running", detail)
    assert not settled_v3("running", "working")
    assert not settled_v3("new", None)
    assert not settled_v3("resuming", None)


def test_a_step_with_an_unknown_v3_status_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match="did you mean 'suspended'"):
        Step(v3_status="suspend")
    with pytest.raises(ValueError, match="waiting_for_approval"):
        Step(status_detail="waiting_for_aproval")
    assert Step(status_detail="out_of_credits").v3_status == "suspended"
    assert Step(status_detail="waiting_for_approval").status_enum == "blocked"
    assert Step.from_dict({"v3_status": "error"}).status_enum == "expired"


# ---- paging -----------------------------------------------------------------------------------


def test_sessions_page_newest_first_each_exactly_once(v3: httpx.Client) -> None:
    ids = [create(v3, f"task {i}")["session_id"] for i in range(7)]
    page = v3.get("/sessions", params={"first": 3}).json()
    assert (page["has_next_page"], page["total"], len(page["items"])) == (True, 7, 3)
    assert [s["session_id"] for s in everything(v3, "/sessions", first=3)] == ids[::-1]
    # A session created between two pages does not shift the next page.
    after = page["end_cursor"]
    create(v3, "late")
    rest = v3.get("/sessions", params={"first": 10, "after": after}).json()
    assert [s["session_id"] for s in rest["items"]] == ids[::-1][3:]
    assert rest["end_cursor"] is None


def test_messages_are_chronological_and_pollable_from_the_last_page(v3: httpx.Client) -> None:
    session_id = create(v3, "Hello")["session_id"]
    for _ in range(3):
        get(v3, session_id)
    messages = everything(v3, f"/sessions/{session_id}/messages", first=2)
    assert [(m["source"], m["message"]) for m in messages] == [
        ("user", "Hello"),
        ("devin", "Looking into it."),
        ("devin", "Making the changes."),
        ("devin", "Done: the task is complete."),
    ]
    assert all(isinstance(m["created_at"], int) for m in messages)
    # A poller keeps the cursor that led to the last page and reads on from it.
    first = v3.get(f"/sessions/{session_id}/messages", params={"first": 3}).json()
    v3.post(f"/sessions/{session_id}/messages", json={"message": "One more thing"})
    later = v3.get(f"/sessions/{session_id}/messages", params={"after": first["end_cursor"]}).json()
    texts = [m["message"] for m in later["items"]]
    assert (texts[0], texts[-1]) == ("Done: the task is complete.", "One more thing")


# ---- messages, terminate, archive -------------------------------------------------------------


def test_a_message_wakes_a_suspended_session(
    devin_mock: DevinMockFixture, v3: httpx.Client
) -> None:
    session_id = create(v3)["session_id"]
    devin_mock.store.script_session(session_id, [Step(status_detail="inactivity")])
    assert get(v3, session_id)["status"] == "suspended"
    answer = v3.post(f"/sessions/{session_id}/messages", json={"message": "Wake up"})
    assert answer.status_code == 200
    assert answer.json()["status"] == "resuming"
    assert [get(v3, session_id)["status_detail"] for _ in range(2)] == ["working", "finished"]
    sources = [m["source"] for m in everything(v3, f"/sessions/{session_id}/messages")]
    assert sources.count("user") == 2


def test_terminate_ends_a_session_for_good(v1: httpx.Client, v3: httpx.Client) -> None:
    session_id = create(v3)["session_id"]
    ended = v3.delete(f"/sessions/{session_id}")
    assert (ended.json()["status"], ended.json()["is_archived"]) == ("exit", False)
    refused = v3.post(f"/sessions/{session_id}/messages", json={"message": "Hello?"})
    assert refused.status_code == 409
    assert refused.json()["status"] == 409
    assert v3.delete(f"/sessions/{session_id}").status_code == 409
    # The same session through v1: ended, as v1's terminate leaves one.
    v1_body = v1.get(f"/v1/sessions/{session_id}").json()
    assert (v1_body["status_enum"], v1_body["status"]) == ("finished", "exit")
    assert v1.post(f"/v1/sessions/{session_id}/message", json={"message": "x"}).status_code == 400


def test_terminate_with_archive_also_archives(v3: httpx.Client) -> None:
    session_id = create(v3)["session_id"]
    body = v3.delete(f"/sessions/{session_id}", params={"archive": "true"}).json()
    assert (body["status"], body["is_archived"]) == ("exit", True)


def test_archive_puts_a_running_session_to_sleep_and_unarchive_only_clears_the_flag(
    v3: httpx.Client,
) -> None:
    session_id = create(v3)["session_id"]
    get(v3, session_id)
    archived = v3.post(f"/sessions/{session_id}/archive").json()
    assert (archived["status"], archived["status_detail"], archived["is_archived"]) == (
        "suspended",
        "user_request",
        True,
    )
    refused = v3.post(f"/sessions/{session_id}/messages", json={"message": "Hi"})
    assert refused.status_code == 409
    assert "archived" in refused.json()["detail"]
    assert v3.post(f"/sessions/{session_id}/archive").status_code == 200  # idempotent
    unarchived = v3.post(f"/sessions/{session_id}/unarchive").json()
    assert (unarchived["status"], unarchived["is_archived"]) == ("suspended", False)
    assert (
        v3.post(f"/sessions/{session_id}/messages", json={"message": "Hi"}).json()["status"]
        == "resuming"
    )


def test_the_is_archived_filter_honours_archive_and_terminate(v3: httpx.Client) -> None:
    kept, archived, terminated = (create(v3)["session_id"] for _ in range(3))
    v3.post(f"/sessions/{archived}/archive")
    v3.delete(f"/sessions/{terminated}", params={"archive": True})
    listed = {s["session_id"] for s in everything(v3, "/sessions", is_archived="true")}
    assert listed == {archived, terminated}
    listed = {s["session_id"] for s in everything(v3, "/sessions", is_archived="false")}
    assert listed == {kept}


def test_list_filters(devin_mock: DevinMockFixture, v3: httpx.Client) -> None:
    a = create(v3, tags=["red"], repos=["acme/api"], create_as_user_id="user-1")["session_id"]
    b = create(v3, tags=["blue"])["session_id"]

    def ids(**params: Any) -> set[str]:
        return {s["session_id"] for s in everything(v3, "/sessions", **params)}

    assert ids(tags=["red", "green"]) == {a}  # any of the tags
    assert ids(session_ids=[b]) == {b}
    assert ids(repo_names=["acme/api"]) == {a}
    assert ids(user_ids=["user-1"]) == {a}
    assert ids(origins=["api"]) == {a, b}
    assert ids(origins=["slack"]) == set()
    assert ids(schedule_id="sched-x") == set()
    created = get(v3, a)["created_at"]
    assert ids(created_after=created, created_before=created + 5) == {a, b}
    assert ids(created_after=created + 3600) == set()
    service_user = get(v3, a)["service_user_id"]
    assert ids(service_user_ids=[service_user]) == {a, b}


# ---- tags ---------------------------------------------------------------------------------------


def test_tags_replace_and_append_without_duplicates_in_order(v3: httpx.Client) -> None:
    session_id = create(v3, tags=["b", "a"])["session_id"]
    assert v3.get(f"/sessions/{session_id}/tags").json() == {"tags": ["b", "a"]}
    appended = v3.post(f"/sessions/{session_id}/tags", json={"tags": ["c", "a", "c", "d"]})
    assert appended.json() == {"tags": ["b", "a", "c", "d"]}
    replaced = v3.put(f"/sessions/{session_id}/tags", json={"tags": ["z"]})
    assert replaced.json() == {"tags": ["z"]}
    assert get(v3, session_id)["tags"] == ["z"]


# ---- create options ---------------------------------------------------------------------------


def test_an_unknown_platform_is_400_listing_the_organisations_platforms(
    devin_mock: DevinMockFixture, v3: httpx.Client
) -> None:
    assert create(v3, platform="Windows")["status"] == "new"  # any case
    assert create(v3, platform="default")["status"] == "new"
    refused = v3.post("/sessions", json={"prompt": "p", "platform": "solaris"})
    assert refused.status_code == 400
    assert refused.json()["detail"].endswith("linux, windows")
    assert "solaris" not in refused.text  # request values are never echoed
    devin_mock.store.set_platforms(devin_mock.org_id, ["gpu-pool"])
    assert create(v3, platform="gpu-pool")["status"] == "new"
    assert "gpu-pool" in v3.post("/sessions", json={"prompt": "p", "platform": "linux"}).text


def test_create_options_read_back(v3: httpx.Client) -> None:
    created = create(v3, devin_mode="fast", playbook_id="playbook-x", create_as_user_id="user-7")
    body = get(v3, created["session_id"])
    assert (body["devin_mode"], body["playbook_id"], body["user_id"]) == (
        "fast",
        "playbook-x",
        "user-7",
    )
    assert create(v3)["devin_mode"] == "normal"  # the organisation's default


def test_no_idempotency_two_identical_creates_are_two_sessions(v3: httpx.Client) -> None:
    first, second = (create(v3, "same", title="same") for _ in range(2))
    assert first["session_id"] != second["session_id"]


def test_structured_output_shows_on_get_not_on_create(v3: httpx.Client) -> None:
    schema = {
        "type": "object",
        "properties": {"answer": {"type": "integer"}},
        "required": ["answer"],
    }
    created = create(v3, structured_output_schema=schema)
    assert created["structured_output"] is None
    bodies = [get(v3, created["session_id"]) for _ in range(3)]
    assert bodies[-1]["status_detail"] == "finished"
    assert isinstance(bodies[-1]["structured_output"]["answer"], int)


def test_session_attachments_are_the_files_it_was_given(
    devin_mock: DevinMockFixture, v3: httpx.Client
) -> None:
    devin_mock.allow_attachment_problems()  # example.com URLs: listed, and recorded as problems
    upload = v3.post("/attachments", files={"file": ("notes.txt", b"hi", "text/plain")}).json()
    created = create(v3, attachment_urls=[upload["url"], "https://example.com/spec.pdf"])
    session_id = created["session_id"]
    v3.post(
        f"/sessions/{session_id}/messages",
        json={"message": "also this", "attachment_urls": ["https://example.com/b.png"]},
    )
    files = v3.get(f"/sessions/{session_id}/attachments").json()
    assert [(f["name"], f["source"]) for f in files] == [
        ("notes.txt", "user"),
        ("spec.pdf", "user"),
        ("b.png", "user"),
    ]
    assert files[0]["attachment_id"] == upload["attachment_id"]
    assert files[0]["content_type"] == "text/plain"
    problems = devin_mock.attachment_problems
    assert [(p.where, p.line_number, p.rules) for p in problems] == [
        ("attachment_urls", 2, ("not_upload",)),
        ("attachment_urls", 1, ("not_upload",)),
    ]


# ---- insights -----------------------------------------------------------------------------------


def test_insights_generate_once_then_already_exists_and_again_after_a_failure(
    devin_mock: DevinMockFixture, v3: httpx.Client
) -> None:
    session_id = create(v3)["session_id"]
    before = v3.get(f"/sessions/{session_id}/insights").json()
    assert before["analysis"] is None
    assert (before["num_user_messages"], before["num_devin_messages"]) == (1, 0)
    assert before["session_size"] == "xs"
    generate = f"/sessions/{session_id}/insights/generate"
    assert v3.post(generate).json() == {"session_id": session_id, "status": "started"}
    assert v3.post(generate).json()["status"] == "already_exists"
    after = v3.get(f"/sessions/{session_id}/insights").json()
    assert after["analysis"]["suggested_prompt"]["original_prompt"] == "Fix the build"
    record = devin_mock.store.org(devin_mock.org_id).sessions[session_id]
    record.insights = "failed"
    assert v3.post(generate).json()["status"] == "started"
    listed = everything(v3, "/sessions/insights")
    assert [i["session_id"] for i in listed] == [session_id]
