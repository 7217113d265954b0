"""Every public method of ``Devin`` and ``AsyncDevin`` end to end against the mock.

Each test runs twice, with the sync and with the async client (the ``client`` fixture).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
from pathlib import Path
from typing import Any, Literal

import pytest
from devin_client import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    Devin,
    DevinValidationError,
    InternalServerError,
    MessageEvent,
    NotFoundError,
    RateLimitError,
    ResponseValidationError,
    StatusEvent,
    StructuredOutputError,
    UnprocessableEntityError,
    WaitTimeoutError,
    output_schema,
    parse_structured_output,
)
from devin_client.testing import Step

from .conftest import Served, collect, resolve

pytestmark = pytest.mark.anyio

CREATE_OP = "create_session_endpoint_v1_sessions_post"
GET_OP = "get_session_endpoint_v1_sessions__session_id__get"


async def test_session_lifecycle(client: Any) -> None:
    created = await resolve(
        client.sessions.create(
            "Fix the flaky test", tags=["ci"], devin_mode="fast", create_as_user_id="user-1"
        )
    )
    assert created.session_id.startswith("devin-")
    session = await resolve(client.sessions.get(created.session_id))
    assert session.session_id == created.session_id
    assert session.devin_mode == "fast"
    assert session.create_as_user_id == "user-1"
    assert session.tags == ["ci"]
    tagged = await resolve(client.sessions.update_tags(created.session_id, ["ci", "flaky"]))
    assert tagged.detail
    assert (await resolve(client.sessions.get(created.session_id))).tags == ["ci", "flaky"]
    await resolve(client.sessions.send_message(created.session_id, "Any progress?"))
    messages = (await resolve(client.sessions.get(created.session_id))).messages
    assert any(m.message == "Any progress?" for m in messages)
    terminated = await resolve(client.sessions.terminate(created.session_id))
    assert terminated.detail
    with pytest.raises(BadRequestError):
        await resolve(client.sessions.terminate(created.session_id))
    with pytest.raises(NotFoundError):
        await resolve(client.sessions.get("devin-doesnotexist"))


async def test_attachments_in_prompts_and_messages(
    client: Any, served: Served, tmp_path: Path
) -> None:
    served.allow_attachment_problems()  # https://x.io/a.png is no upload: recorded, see below
    log = tmp_path / "build.log"
    log.write_text("error: flaky\n")
    created = await resolve(
        client.sessions.create("Why does it fail?", attachments=[log, "https://x.io/a.png"])
    )
    session = await resolve(client.sessions.get(created.session_id))
    prompt = session.messages[0].message
    lines = prompt.split("\n")
    assert lines[0] == "Why does it fail?"
    assert lines[1].startswith('ATTACHMENT:"')
    assert lines[1].endswith('build.log"')
    assert lines[2] == 'ATTACHMENT:"https://x.io/a.png"'
    await resolve(client.sessions.send_message(created.session_id, "and this", attachments=[log]))
    last = (await resolve(client.sessions.get(created.session_id))).messages
    assert any(m.message.startswith('and this\nATTACHMENT:"') for m in last)
    # The mock read the lines as Devin does: the uploaded file twice (prompt, then message).
    received = served.session_attachments(created.session_id)
    assert [(f.name, f.size, f.via) for f in received] == [
        ("build.log", 13, "prompt"),
        ("build.log", 13, "message"),
    ]
    assert received[0].sha256 == hashlib.sha256(b"error: flaky\n").hexdigest()
    [problem] = served.attachment_problems
    assert (problem.session_id, problem.line_number, problem.rules) == (
        created.session_id,
        3,
        ("not_upload",),
    )


async def test_list_pages(client: Any) -> None:
    ids = [
        (await resolve(client.sessions.create(f"task {i}", tags=["batch"]))).session_id
        for i in range(5)
    ]
    await resolve(client.sessions.create("other"))
    listed = await collect(client.sessions.list(tags=["batch"], page_size=2))
    assert sorted(s.session_id for s in listed) == sorted(ids)
    everything = await collect(client.sessions.list(page_size=4))
    assert len(everything) == 6
    assert len({s.session_id for s in everything}) == 6


async def test_wait_and_create_and_wait(client: Any, served: Served) -> None:
    created = await resolve(client.sessions.create("Write docs"))
    seen: list[str] = []
    session = await resolve(
        client.sessions.wait(created.session_id, on_progress=lambda s: seen.append(s.status))
    )
    assert str(session.status_enum) in {"finished", "blocked", "expired"}
    assert len(seen) >= 2
    assert client.sleeps == [10.0] * (len(seen) - 1)
    schema = {
        "type": "object",
        "properties": {"summary": {"type": "string"}},
        "required": ["summary"],
    }
    done = await resolve(
        client.sessions.create_and_wait(
            "Summarise", structured_output_schema=schema, poll_interval=1
        )
    )
    assert str(done.status_enum) == "finished"
    assert isinstance(done.structured_output["summary"], str)


async def test_wait_for_blocked_and_timeout(client: Any, served: Served) -> None:
    created = await resolve(client.sessions.create("Needs input"))
    served.mock.store.script_session(
        created.session_id, [Step("working"), Step("blocked", "Which branch?")]
    )
    session = await resolve(client.sessions.wait(created.session_id, poll_interval=0))
    assert str(session.status_enum) == "blocked"
    other = await resolve(client.sessions.create("Long task"))
    served.mock.store.script_session(other.session_id, [Step("working")] * 3)
    with pytest.raises(WaitTimeoutError) as info:
        await resolve(client.sessions.wait(other.session_id, timeout=0))
    assert info.value.session.session_id == other.session_id


async def test_follow_a_session_against_the_mock(client: Any, served: Served) -> None:
    created = await resolve(client.sessions.create("Fix the build"))
    served.mock.store.script_session(
        created.session_id,
        [Step("working", "Reading the repo"), Step("working"), Step("blocked", "Which branch?")],
    )
    events = await collect(client.sessions.follow(created.session_id, poll_interval=0))
    seen = [
        f"message {e.message.message}" if isinstance(e, MessageEvent) else f"status {e.status}"
        for e in events
    ]
    assert seen == [  # the mock applies one step per GET, the first poll's included
        "message Fix the build",
        "message Reading the repo",
        "status working",
        "message Which branch?",
        "status blocked",
    ]
    await resolve(client.sessions.send_message(created.session_id, "Use main."))
    more = await collect(client.sessions.follow(created.session_id, poll_interval=0))
    texts = [e.message.message for e in more if isinstance(e, MessageEvent)]
    # A new follow starts from the beginning: the whole conversation, each message once.
    assert texts[:4] == ["Fix the build", "Reading the repo", "Which branch?", "Use main."]
    assert len(texts) == len(set(texts))
    assert isinstance(more[-1], StatusEvent)
    assert more[-1].status == "finished"


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


async def test_run_returns_the_structured_output_as_the_type(client: Any, served: Served) -> None:
    report = await resolve(
        client.sessions.run("Sum the revenue", output_type=SalesReport, poll_interval=0)
    )
    assert isinstance(report, SalesReport)  # the mock made an output that fits the schema sent
    assert all(isinstance(r, Revenue) for r in report.revenue)
    created = await resolve(client.sessions.create("Needs input"))
    served.mock.store.script_session(created.session_id, [Step("blocked", "Which quarter?")])
    session = await resolve(client.sessions.wait(created.session_id, poll_interval=0))
    with pytest.raises(StructuredOutputError):
        parse_structured_output(session, SalesReport)  # blocked: no output yet
    # A session created with a looser schema than the type's: its output may not convert.
    loose = {"type": "object", "properties": {"summary": {"type": "string"}}}
    session = await resolve(
        client.sessions.create_and_wait("Sum", structured_output_schema=loose, poll_interval=0)
    )
    assert session.structured_output is not None
    assert "revenue" not in session.structured_output
    with pytest.raises(StructuredOutputError) as info:
        parse_structured_output(session, SalesReport)
    assert 'at /: "revenue" is a required property' in info.value.errors
    assert info.value.output == session.structured_output
    assert output_schema(SalesReport)["required"] == ["summary", "revenue"]


async def test_upload_and_download(client: Any, tmp_path: Path, served: Served) -> None:
    payload = b"line\n" * 50_000
    source = tmp_path / "data.txt"
    source.write_bytes(payload)
    progress: list[tuple[int, int | None]] = []
    url = await resolve(
        client.attachments.upload(source, on_progress=lambda *a: progress.append(a))
    )
    assert progress[-1] == (len(payload), len(payload))
    from_bytes = await resolve(client.attachments.upload(b"tiny", filename="tiny.txt"))
    client.seen.clear()
    assert await resolve(client.attachments.download(url)) == payload
    api, presigned = client.seen[0], client.seen[-1]
    assert api.headers["authorization"] == f"Bearer {served.api_key}"
    assert (presigned.url.host, presigned.url.port) != (api.url.host, api.url.port)
    assert "authorization" not in presigned.headers
    written = await resolve(client.attachments.download(from_bytes, tmp_path / "out.txt"))
    assert written.read_bytes() == b"tiny"


async def test_download_streams_into_a_binary_file_object(client: Any, tmp_path: Path) -> None:
    payload = bytes(range(256)) * 4096  # 1 MiB, several download chunks
    url = await resolve(client.attachments.upload(payload, filename="blob.bin"))
    sink = io.BytesIO()
    assert await resolve(client.attachments.download(url, sink)) == len(payload)
    assert sink.getvalue() == payload
    client.seen.clear()
    with (
        (tmp_path / "text.txt").open("w") as text_file,
        pytest.raises(DevinValidationError, match="binary mode") as info,
    ):
        await resolve(client.attachments.download(url, text_file))
    assert info.value.field == "dest"
    with pytest.raises(DevinValidationError, match="path or a binary file object"):
        await resolve(client.attachments.download(url, 42))
    assert client.seen == []  # refused before anything was sent


async def test_secrets(client: Any) -> None:
    created = await resolve(client.secrets.create("GITHUB_TOKEN", "ghp_value", note="CI token"))
    listed = await resolve(client.secrets.list())
    assert [(s.id, s.key) for s in listed] == [(created.id, "GITHUB_TOKEN")]
    with pytest.raises(ConflictError):
        await resolve(client.secrets.create("GITHUB_TOKEN", "other"))
    deleted = await resolve(client.secrets.delete(created.id))
    assert deleted.message
    with pytest.raises(NotFoundError):
        await resolve(client.secrets.delete(created.id))
    assert await resolve(client.secrets.list()) == []


async def test_knowledge(client: Any) -> None:
    note = await resolve(
        client.knowledge.create(name="Style", body="Use ruff", trigger_description="formatting")
    )
    assert note.name == "Style"
    updated = await resolve(
        client.knowledge.update(
            note.id, name="Style", body="Use ruff format", trigger_description="formatting"
        )
    )
    assert updated.body == "Use ruff format"
    everything = await resolve(client.knowledge.list())
    assert [k.id for k in everything.knowledge] == [note.id]
    assert await resolve(client.knowledge.delete(note.id)) is None
    assert (await resolve(client.knowledge.list())).knowledge == []


async def test_playbooks(client: Any) -> None:
    playbook = await resolve(
        client.playbooks.create(title="Release", body="1. Tag", macro="!release")
    )
    assert (await resolve(client.playbooks.get(playbook.playbook_id))).title == "Release"
    updated = await resolve(
        client.playbooks.update(playbook.playbook_id, title="Release v2", body="1. Tag\n2. Push")
    )
    assert updated.status
    assert [p.title for p in await resolve(client.playbooks.list())] == ["Release v2"]
    assert (await resolve(client.playbooks.delete(playbook.playbook_id))).status
    with pytest.raises(NotFoundError):
        await resolve(client.playbooks.get(playbook.playbook_id))


async def test_wrong_key_and_validation(served: Served, client: Any) -> None:
    bad = Devin("apk_user_wrong", base_url=served.base_url)
    with pytest.raises(AuthenticationError):
        bad.secrets.list()
    bad.close()
    with pytest.raises(DevinValidationError):
        await resolve(client.sessions.create("p", tags=["t"] * 51))
    with pytest.raises(UnprocessableEntityError) as info:
        await resolve(client.with_options(validate=False).sessions.create("p", tags=["t"] * 51))
    assert info.value.errors
    assert "tags" in [str(part) for part in info.value.errors[0].loc]


async def test_rate_limit_retry_after_is_honoured(client: Any, served: Served) -> None:
    created = await resolve(client.sessions.create("p"))
    fault = served.mock.faults.add("rate_limit", operation=GET_OP, count=1, retry_after=1.5)
    session = await resolve(client.sessions.get(created.session_id))
    assert session.session_id == created.session_id
    assert fault.hits == 1
    assert client.sleeps == [1.5]


async def test_create_not_retried_unless_idempotent(client: Any, served: Served) -> None:
    fault = served.mock.faults.add("server_error", operation=CREATE_OP, count=1)
    with pytest.raises(InternalServerError):
        await resolve(client.sessions.create("p"))
    assert fault.hits == 1
    assert await collect(client.sessions.list()) == []
    served.mock.faults.add("rate_limit", operation=CREATE_OP, count=1)
    with pytest.raises(RateLimitError):
        await resolve(client.sessions.create("p"))
    assert client.sleeps == []
    served.mock.faults.add("unavailable", operation=CREATE_OP, count=1)
    created = await resolve(client.sessions.create("p", idempotent=True))
    assert created.session_id
    assert len(client.sleeps) == 1
    assert len(await collect(client.sessions.list())) == 1


async def test_transport_faults(client: Any, served: Served) -> None:
    created = await resolve(client.sessions.create("p"))
    served.mock.faults.add("drop", operation=GET_OP, count=1)
    assert (await resolve(client.sessions.get(created.session_id))).session_id
    served.mock.faults.add("drop", operation=GET_OP, count=3)
    with pytest.raises(APIConnectionError):
        await resolve(client.sessions.get(created.session_id))
    served.mock.faults.clear()
    served.mock.faults.add("truncated_json", operation=GET_OP, count=1)
    with pytest.raises(ResponseValidationError):
        await resolve(client.sessions.get(created.session_id))
    served.mock.faults.add("html_error", operation=GET_OP, count=3)
    with pytest.raises(InternalServerError) as info:
        await resolve(client.sessions.get(created.session_id))
    assert "<html>" in info.value.body


async def test_timeout(client: Any, served: Served) -> None:
    served.mock.faults.add("slow", operation="GET /v1/secrets", delay=1.0)
    quick = client.with_options(timeout=0.1, max_retries=0)
    with pytest.raises(APITimeoutError):
        await resolve(quick.secrets.list())


async def test_debug_logs_never_hold_the_key_or_secret_values(
    client: Any, served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "s3cr3t-value-for-the-log-test"
    with caplog.at_level(logging.DEBUG):
        await resolve(client.secrets.create("LOG_TEST", secret))
        await resolve(client.sessions.create("p", session_secrets=[{"key": "K", "value": secret}]))
        with pytest.raises(UnprocessableEntityError):
            await resolve(
                client.with_options(validate=False).sessions.create(
                    "p", session_secrets=[{"key": "", "value": secret}]
                )
            )
    lines = [r for r in caplog.records if r.name == "devin_client"]
    assert len(lines) >= 6  # a request and a response line per call
    everything = caplog.text + repr([r.args for r in caplog.records])
    assert served.api_key not in everything
    assert secret not in everything
