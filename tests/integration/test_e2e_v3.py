"""``devin_client.v3`` end to end against the mock: the organisation, permissions, cursor
pages, the v3 status model, attachments, ProblemDetail errors, and one state with v1.

Each test runs twice, with the sync and with the async client (the ``v3_client`` fixture).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Literal

import pytest
from devin_client import (
    BadRequestError,
    ConflictError,
    DevinValidationError,
    MessageEvent,
    NotFoundError,
    PermissionDeniedError,
    SessionBlockedError,
    SessionFailedError,
    StatusEvent,
    UnprocessableEntityError,
    output_schema,
)
from devin_client.testing import Step

from .conftest import Served, collect, open_client, resolve

pytestmark = pytest.mark.anyio


def _paths(client: Any) -> list[str]:
    return [f"{r.method} {r.url.path}" for r in client.seen]


async def test_the_organisation_is_learned_once(v3_client: Any, served: Served) -> None:
    created = await resolve(v3_client.sessions.create("Learn the organisation"))
    await resolve(v3_client.sessions.get(created.session_id))
    assert created.org_id == served.org_id
    paths = _paths(v3_client)
    assert paths[0] == "GET /v3/self"
    assert all(f" /v3/organizations/{served.org_id}/" in p for p in paths[1:])


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_session_is_one_session_for_v1_and_v3(kind: str, served: Served) -> None:
    async with (
        open_client("devin-v1", kind, served) as v1,
        open_client("devin-v3", kind, served) as v3,
    ):
        through_v1 = await resolve(v1.sessions.create("Made through v1", tags=["both"]))
        seen = await resolve(v3.sessions.get(through_v1.session_id))
        assert seen.tags == ["both"]
        through_v3 = await resolve(v3.sessions.create("Made through v3"))
        assert (await resolve(v1.sessions.get(through_v3.session_id))).session_id == (
            through_v3.session_id
        )


async def test_create_wait_message_tags_terminate(
    v3_client: Any, served: Served, tmp_path: Path
) -> None:
    served.allow_attachment_problems()  # https://example.com/trace.txt is no upload
    log = tmp_path / "build.log"
    log.write_text("error: flaky\n", encoding="utf-8")
    created = await resolve(
        v3_client.sessions.create(
            "Why does the build fail?",
            attachments=[log, "https://example.com/trace.txt"],
            devin_mode="fast",
            tags=["ci"],
        )
    )
    sid = created.session_id
    files = await resolve(v3_client.sessions.attachments(sid))
    assert "build.log" in [f.name for f in files]
    assert [f.name for f in served.session_attachments(sid)] == ["build.log"]
    assert [p.rules for p in served.attachment_problems] == [("not_upload",)]
    settled = await resolve(v3_client.sessions.wait(sid, poll_interval=0))
    assert settled.status in ("exit", "error", "suspended") or settled.status_detail in (
        "finished",
        "waiting_for_user",
        "waiting_for_approval",
    )
    await resolve(v3_client.sessions.messages.send(sid, "Please also fix the lint."))
    messages = await collect(v3_client.sessions.messages.list(sid, page_size=1))
    assert messages[-1].message == "Please also fix the lint."
    assert [m.created_at for m in messages] == sorted(m.created_at for m in messages)
    tagged = await resolve(v3_client.sessions.tags.append(sid, ["ci", "lint"]))
    assert tagged.tags == ["ci", "lint"]  # appended without duplicates
    ended = await resolve(v3_client.sessions.terminate(sid))
    assert ended.status == "exit"
    with pytest.raises(ConflictError) as info:
        await resolve(v3_client.sessions.messages.send(sid, "Still there?"))
    assert info.value.title


async def test_a_message_resumes_a_suspended_session(v3_client: Any) -> None:
    created = await resolve(v3_client.sessions.create("Sleep, then wake up"))
    sid = created.session_id
    archived = await resolve(v3_client.sessions.archive(sid))  # archived, and put to sleep
    assert archived.is_archived is True
    with pytest.raises(ConflictError):  # archived: not modified
        await resolve(v3_client.sessions.messages.send(sid, "Wake up"))
    asleep = await resolve(v3_client.sessions.unarchive(sid))
    assert (asleep.is_archived, asleep.status) == (False, "suspended")
    resumed = await resolve(v3_client.sessions.messages.send(sid, "Wake up"))
    assert resumed.status in ("resuming", "running")


async def test_list_follows_the_cursor(v3_client: Any) -> None:
    made = [
        (await resolve(v3_client.sessions.create(f"Page {i}", tags=["paged"]))).session_id
        for i in range(3)
    ]
    pages_of_one = v3_client.sessions.list(tags=["paged"], page_size=1)
    listed = [s.session_id for s in await collect(pages_of_one)]
    assert sorted(listed) == sorted(made)
    pages = [r for r in v3_client.seen if r.method == "GET" and r.url.path.endswith("/sessions")]
    assert len(pages) >= 3
    assert pages[0].url.params.get("after") is None
    assert all(p.url.params.get("after") for p in pages[1:])


async def test_a_missing_permission_is_a_403_naming_it(served: Served) -> None:
    async with open_client("devin-v3", "sync", served) as full:
        created = await resolve(full.sessions.create("Somebody else's"))
    from devin_client.v3 import Devin

    restricted = Devin(served.restricted_cog_api_key, base_url=served.base_url)  # type: ignore[attr-defined]
    with restricted:
        restricted.sessions.get(created.session_id)  # reading is allowed
        with pytest.raises(PermissionDeniedError) as info:
            restricted.sessions.create("Not allowed")
    assert "ManageOrgSessions" in str(info.value)
    assert info.value.title


async def test_another_organisation_is_refused(v3_client: Any, served: Served) -> None:
    created = await resolve(v3_client.sessions.create("Mine"))
    from devin_client.v3 import Devin

    with (
        Devin(
            served.cog_api_key,  # type: ignore[attr-defined]
            org_id=served.other_org_id,
            base_url=served.base_url,
        ) as elsewhere,
        pytest.raises(PermissionDeniedError),
    ):
        elsewhere.sessions.get(created.session_id)
    other_key = served.other_cog_api_key  # type: ignore[attr-defined]
    with Devin(other_key, base_url=served.base_url) as other, pytest.raises(NotFoundError):
        other.sessions.get(created.session_id)


async def test_an_enterprise_key_needs_an_organisation(served: Served) -> None:
    from devin_client.v3 import Devin

    key = served.enterprise_cog_api_key  # type: ignore[attr-defined]
    with (
        Devin(key, base_url=served.base_url) as client,
        pytest.raises(DevinValidationError, match="org_id"),
    ):
        client.sessions.create("Which organisation?")
    with Devin(key, org_id=served.org_id, base_url=served.base_url) as client:
        assert client.sessions.create("This one").org_id == served.org_id


async def test_an_unknown_platform_lists_the_known_ones(v3_client: Any) -> None:
    with pytest.raises(BadRequestError) as info:
        await resolve(v3_client.sessions.create("On a toaster", platform="toaster"))
    assert "toaster" in str(info.value) or info.value.detail


async def test_the_servers_422_is_a_problem_detail(served: Served) -> None:
    async with open_client("devin-v3", "sync", served, validate=False) as client:
        with pytest.raises(UnprocessableEntityError) as info:
            await collect(client.sessions.list(page_size=500))
    assert info.value.title
    assert info.value.errors


async def test_download_goes_through_the_presigned_redirect(
    v3_client: Any, tmp_path: Path, served: Served
) -> None:
    data = tmp_path / "data.csv"
    data.write_bytes(b"a,b\n1,2\n")
    uploaded = await resolve(v3_client.attachments.upload(data))
    assert uploaded.name == "data.csv"
    path = await resolve(v3_client.attachments.download(uploaded.url, tmp_path / "copy.csv"))
    assert path.read_bytes() == data.read_bytes()
    hops = [r for r in v3_client.seen if r.method == "GET" and "data.csv" in str(r.url)]
    assert hops[0].headers.get("authorization")
    assert all("authorization" not in r.headers for r in hops[1:])
    assert len(hops) >= 2  # the API's 307, then the presigned URL


async def test_the_organisations_resources(v3_client: Any) -> None:
    note = await resolve(
        v3_client.knowledge.notes.create(name="Style", body="Use ruff.", trigger="Python")
    )
    assert (await resolve(v3_client.knowledge.notes.get(note.note_id))).body == "Use ruff."
    with pytest.raises(DevinValidationError, match="macro"):
        await resolve(v3_client.playbooks.create(title="T", body="B", macro="no-bang"))
    secret = await resolve(v3_client.secrets.create("TOKEN", "value-1"))
    assert secret.is_sensitive is True
    with pytest.raises(ConflictError):
        await resolve(v3_client.secrets.create("TOKEN", "value-2"))
    schedule = await resolve(
        v3_client.schedules.create("Nightly", "Run the nightly checks", frequency="0 2 * * *")
    )
    updated = await resolve(
        v3_client.schedules.update(schedule.scheduled_session_id, enabled=False)
    )
    assert updated.enabled is False


async def test_follow_a_session_through_the_messages_cursor(v3_client: Any, served: Served) -> None:
    created = await resolve(v3_client.sessions.create("Fix the build"))
    sid = created.session_id
    served.mock.store.script_session(
        sid,
        [
            Step("working", "Reading the repo"),
            Step(v3_status="running", status_detail="waiting_for_approval"),
            Step("working", "Running the tests"),
            Step("blocked", "Which branch?"),
        ],
    )
    # Waiting for an approval settles a follow as it settles a wait: until= goes past it.
    following = v3_client.sessions.follow(sid, until={"waiting_for_user"}, poll_interval=0)
    events = await collect(following)
    seen = [
        f"message {e.message.source}: {e.message.message}"
        if isinstance(e, MessageEvent)
        else f"status {e.status}/{e.detail}"
        for e in events
    ]
    assert seen == [  # the mock applies one step per GET of the session
        "message user: Fix the build",
        "message devin: Reading the repo",
        "status running/working",
        "status running/waiting_for_approval",
        "message devin: Running the tests",
        "status running/working",
        "message devin: Which branch?",
        "status running/waiting_for_user",
    ]
    assert events[-1].session.session_id == sid
    # Every messages request read on from a cursor the listing answered, or from the start.
    pages = [r for r in v3_client.seen if r.url.path.endswith(f"/{sid}/messages")]
    assert len(pages) >= 4
    await resolve(v3_client.sessions.messages.send(sid, "Use main."))
    more = await collect(v3_client.sessions.follow(sid, poll_interval=0))
    texts = [e.message.message for e in more if isinstance(e, MessageEvent)]
    # A new follow starts from the beginning: the whole conversation, each message once.
    assert texts[:4] == ["Fix the build", "Reading the repo", "Running the tests", "Which branch?"]
    assert "Use main." in texts
    assert len(texts) == len({e.message.event_id for e in more if isinstance(e, MessageEvent)})
    assert isinstance(more[-1], StatusEvent)
    assert (more[-1].status, more[-1].detail) == ("running", "finished")


@dataclasses.dataclass
class Revenue:
    region: str
    total: float
    currency: Literal["EUR", "USD"] = "EUR"


@dataclasses.dataclass
class SalesReport:
    summary: str
    revenue: list[Revenue]
    grand_total: float | None = None


async def test_run_returns_the_structured_output_as_the_type(
    v3_client: Any, served: Served
) -> None:
    report = await resolve(
        v3_client.sessions.run(
            "Sum the revenue", output_type=SalesReport, devin_mode="fast", poll_interval=0
        )
    )
    assert isinstance(report, SalesReport)  # the mock made an output that fits the schema sent
    assert all(isinstance(r, Revenue) for r in report.revenue)
    sent = [r for r in v3_client.seen if r.method == "POST" and r.url.path.endswith("/sessions")]
    assert json.loads(sent[-1].content)["structured_output_schema"] == output_schema(SalesReport)


@pytest.mark.parametrize(
    ("step", "error", "status"),
    [
        (Step("blocked", "Which quarter?"), SessionBlockedError, "running/waiting_for_user"),
        (Step(status_detail="out_of_credits"), SessionFailedError, "suspended/out_of_credits"),
        (Step(v3_status="error"), SessionFailedError, "error"),
    ],
)
async def test_run_of_a_session_that_does_not_finish_raises_with_it(
    v3_client: Any, served: Served, step: Any, error: type[Exception], status: str
) -> None:
    def script(session: Any) -> None:  # after the first poll: the rest of the session's life
        served.mock.store.script_session(session.session_id, [step])

    with pytest.raises(error) as info:
        await resolve(
            v3_client.sessions.run(
                "Sum the revenue", output_type=SalesReport, poll_interval=0, on_progress=script
            )
        )
    assert info.value.status == status  # type: ignore[attr-defined]
    assert info.value.session.session_id.startswith("devin-")  # type: ignore[attr-defined]
