"""The ``devin`` command speaking the API v3: chosen by a ``cog_`` key or ``--api v3``, against
the served mock (``devin_mock``'s v3 key and organisation)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from devin_client.cli import ClientOptions, api_version, app, make_client
from devin_client.v3 import Devin as V3Devin
from typer.testing import CliRunner, Result

from ._inject import answered_by
from .test_cli import Run, error_line, ok_json


@pytest.fixture
def run(devin_mock: Any) -> Run:
    """``run(*args, input=None, env=None)``: ``devin`` with the mock's URL and its ``cog_``
    key (the organisation is learned from the key)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        base = {
            "DEVIN_API_KEY": devin_mock.cog_api_key,
            "DEVIN_BASE_URL": devin_mock.base_url,
            "DEVIN_ORG_ID": "",
            "COLUMNS": "200",
        }
        return runner.invoke(app, list(args), input=input, env={**base, **(env or {})})

    return invoke


def create(run: Run, *args: str) -> str:
    session_id: str = ok_json(run("--json", "sessions", "create", "Fix the build", *args))[
        "session_id"
    ]
    return session_id


# --- which API ---------------------------------------------------------------------------


def test_the_version_is_the_api_option_else_the_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEVIN_API_KEY", "cog_from_the_environment")
    assert api_version(ClientOptions()) == "v3"
    assert api_version(ClientOptions(api_key="apk_user_x")) == "v1"  # the option wins
    assert api_version(ClientOptions(api_key="apk_user_x", api="v3")) == "v3"
    assert api_version(ClientOptions(api="v1")) == "v1"
    monkeypatch.setenv("DEVIN_API_KEY", "apk_user_from_the_environment")
    assert api_version(ClientOptions()) == "v1"
    assert api_version(ClientOptions(api_key="cog_x")) == "v3"


def test_a_cog_key_speaks_v3_and_api_v1_forces_v1(run: Run, devin_mock: Any) -> None:
    session = ok_json(run("--json", "sessions", "create", "Fix the build"))
    assert session["org_id"] == devin_mock.org_id  # a v3 SessionResponse
    assert session["status"] == "new"

    forced = run("--api", "v1", "sessions", "list")  # the mock's v1 refuses a cog_ key
    assert forced.exit_code == 1
    assert "401" in error_line(forced)
    assert devin_mock.cog_api_key not in forced.output


def test_api_v3_with_the_v3_key_in_an_option(run: Run, devin_mock: Any) -> None:
    env = {"DEVIN_API_KEY": devin_mock.api_key}  # a v1 key in the environment
    args = ["--api", "v3", "--api-key", devin_mock.cog_api_key, "--json", "sessions", "list"]
    assert ok_json(run(*args, env=env)) == []
    wrong = run("--api", "v3", "sessions", "list", env=env)  # v3 refuses the v1 key
    assert wrong.exit_code == 1
    assert "401" in error_line(wrong)


def test_the_factory_builds_the_v3_client_with_the_organisation() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(200, json={"items": [], "has_next_page": False, "end_cursor": None})

    factory = answered_by(handler)
    with factory(ClientOptions(api_key="cog_x", org_id="org-given")) as client:
        assert isinstance(client, V3Devin)
    env = {"DEVIN_API_KEY": "cog_FACTORY_KEY", "DEVIN_BASE_URL": "https://api.devin.ai"}
    result = CliRunner().invoke(
        app, ["--org-id", "org-given", "--json", "secrets", "list"], env=env, client_factory=factory
    )
    assert result.exit_code == 0, result.output
    assert seen == ["/v3/organizations/org-given/secrets"]  # no discovery: the org was given


def test_an_enterprise_key_needs_the_organisation(run: Run, devin_mock: Any) -> None:
    env = {"DEVIN_API_KEY": devin_mock.enterprise_cog_api_key}
    result = run("sessions", "list", env=env)
    assert result.exit_code == 2
    assert "--org-id" in error_line(result)
    assert ok_json(run("--org-id", devin_mock.org_id, "--json", "sessions", "list", env=env)) == []
    from_env = run("--json", "sessions", "list", env={**env, "DEVIN_ORG_ID": devin_mock.org_id})
    assert ok_json(from_env) == []


def test_org_id_with_v1_is_a_usage_error(run: Run, devin_mock: Any) -> None:
    result = run("--org-id", "org-x", "sessions", "list", env={"DEVIN_API_KEY": devin_mock.api_key})
    assert result.exit_code == 2
    assert "--org-id" in error_line(result)


# --- sessions ------------------------------------------------------------------------------


def test_create_sends_the_v3_fields_and_attachments(
    run: Run, devin_mock: Any, tmp_path: Path
) -> None:
    csv = tmp_path / "data.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    url = ok_json(run("--json", "attachments", "upload", str(csv)))["url"]
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"type": "object", "required": ["ok"]}), encoding="utf-8")
    created = ok_json(
        run(
            "--json", "sessions", "create", "Fix the build", "--attach", str(csv),
            "--attach", url, "--mode", "fast", "--title", "The build", "--tag", "ci",
            "--tag", "urgent", "--platform", "windows", "--repo", "acme/app",
            "--max-acu-limit", "5", "--structured-output-schema", str(schema),
            "--as-user", "user-42", "--playbook", "playbook-x",
        )
    )  # fmt: skip
    session_id = created["session_id"]
    assert created["tags"] == ["ci", "urgent"]
    assert created["devin_mode"] == "fast"
    assert created["title"] == "The build"

    files = ok_json(run("--json", "sessions", "attachments", session_id))
    assert [f["name"] for f in files] == ["data.csv", "data.csv"]  # uploaded first, then the URL
    assert {f["source"] for f in files} == {"user"}
    assert files[1]["url"] == url

    table = run("sessions", "get", session_id)
    assert table.exit_code == 0, table.stderr
    assert re.search(r"status\s+new", table.stdout) or re.search(r"status\s+running", table.stdout)
    assert "The build" in table.stdout


def test_create_refuses_the_other_apis_options_before_sending(run: Run) -> None:
    for option in ("--idempotent", "--unlisted"):
        result = run("sessions", "create", "x", option)
        assert result.exit_code == 2
        assert f"{option} is for the API v1 only" in error_line(result)
    assert ok_json(run("--json", "sessions", "list")) == []  # nothing was created


def test_unknown_platform_is_a_problem_detail_naming_the_platforms(run: Run) -> None:
    result = run("sessions", "create", "x", "--platform", "z/OS")
    assert result.exit_code == 1
    line = error_line(result)
    assert "400" in line
    assert "linux" in line
    assert "windows" in line

    as_json = run("--json", "sessions", "create", "x", "--platform", "z/OS")
    error = json.loads(as_json.stderr)["error"]
    assert error["type"] == "BadRequestError"
    assert error["title"] == "Bad Request"
    assert "linux" in error["detail"]


def test_missing_permission_says_which(run: Run, devin_mock: Any) -> None:
    env = {"DEVIN_API_KEY": devin_mock.restricted_cog_api_key}
    result = run("sessions", "create", "x", env=env)
    assert result.exit_code == 1
    assert "ManageOrgSessions" in error_line(result)
    assert ok_json(run("--json", "sessions", "list", env=env)) == []  # it may read


def test_wait_messages_message_and_the_settled_status(run: Run) -> None:
    session_id = create(run)
    waited = run("--json", "sessions", "wait", session_id, "--poll-interval", "0")
    session = ok_json(waited)
    assert (session["status"], session["status_detail"]) == ("running", "finished")
    assert waited.stderr.splitlines()[-1] == f"{session_id}: running/finished"

    sent = ok_json(run("--json", "sessions", "message", session_id, "Also update the docs"))
    assert sent["session_id"] == session_id
    listed = ok_json(run("--json", "sessions", "messages", session_id))
    assert listed[0]["message"] == "Fix the build"
    assert listed[-1] == {**listed[-1], "source": "user", "message": "Also update the docs"}
    table = run("sessions", "messages", session_id)
    assert "Also update the docs" in table.stdout
    assert ok_json(run("--json", "sessions", "messages", session_id, "--limit", "1")) == listed[:1]


def test_wait_until_a_v3_status_detail(run: Run) -> None:
    session_id = create(run)
    session = ok_json(
        run("--json", "sessions", "wait", session_id, "--until", "working", "--poll-interval", "0")
    )
    assert session["status_detail"] == "working"
    wrong = run("sessions", "wait", session_id, "--until", "blocked")  # a v1 status
    assert wrong.exit_code == 2
    assert "--until" in error_line(wrong)


def test_list_filters_and_limit(run: Run) -> None:
    first = create(run, "--tag", "alpha")
    second = create(run, "--tag", "beta")
    third = create(run, "--tag", "alpha")
    listed = ok_json(run("--json", "sessions", "list", "--limit", "0"))
    assert [s["session_id"] for s in listed] == [third, second, first]  # newest first
    assert len(ok_json(run("--json", "sessions", "list", "--limit", "2"))) == 2
    alpha = ok_json(run("--json", "sessions", "list", "--tag", "alpha"))
    assert [s["session_id"] for s in alpha] == [third, first]

    assert run("sessions", "archive", second).exit_code == 0
    archived = ok_json(run("--json", "sessions", "list", "--archived"))
    assert [s["session_id"] for s in archived] == [second]
    others = ok_json(run("--json", "sessions", "list", "--not-archived"))
    assert [s["session_id"] for s in others] == [third, first]
    assert run("sessions", "unarchive", second).exit_code == 0
    assert ok_json(run("--json", "sessions", "list", "--archived")) == []

    table = run("sessions", "list")
    assert first in table.stdout
    assert "running/" in table.stdout or "new" in table.stdout

    v1_filter = run("sessions", "list", "--user-email", "a@example.com")
    assert v1_filter.exit_code == 2
    assert "--user-email is for the API v1 only" in error_line(v1_filter)


def test_list_follows_every_page(devin_mock: Any) -> None:
    with V3Devin(api_key=devin_mock.cog_api_key, base_url=devin_mock.base_url) as client:
        made = {client.sessions.create(f"Task {i}").session_id for i in range(101)}
    sent: list[httpx.URL] = []
    http = httpx.Client(event_hooks={"request": [lambda request: sent.append(request.url)]})

    def factory(options: ClientOptions) -> Any:
        return make_client(options, http_client=http)

    env = {"DEVIN_API_KEY": devin_mock.cog_api_key, "DEVIN_BASE_URL": devin_mock.base_url}
    with http:
        result = CliRunner().invoke(
            app, ["--json", "sessions", "list", "--limit", "0"], env=env, client_factory=factory
        )
    assert result.exit_code == 0, result.output
    assert {s["session_id"] for s in json.loads(result.stdout)} == made  # 101: two pages
    pages = [url for url in sent if url.path.endswith("/sessions")]
    assert len(pages) == 2
    assert "after" in pages[1].params


def test_tags_show_replace_append_and_clear(run: Run) -> None:
    session_id = create(run, "--tag", "ci")
    assert run("sessions", "tags", session_id).stdout == f"{session_id}: ci\n"
    replaced = ok_json(run("--json", "sessions", "tags", session_id, "x", "y"))
    assert replaced == {"session_id": session_id, "tags": ["x", "y"]}
    appended = ok_json(run("--json", "sessions", "tags", session_id, "--append", "y", "z"))
    assert appended["tags"] == ["x", "y", "z"]  # the API drops duplicates
    assert run("sessions", "tags", session_id, "--clear").exit_code == 0
    assert ok_json(run("--json", "sessions", "tags", session_id))["tags"] == []


def test_terminate_archive_and_unarchive(run: Run) -> None:
    session_id = create(run)
    archived = ok_json(run("--json", "sessions", "archive", session_id))
    assert archived["is_archived"] is True
    assert run("sessions", "unarchive", session_id).stdout == f"{session_id}: unarchived\n"

    ended = ok_json(run("--json", "sessions", "terminate", session_id, "--archive"))
    assert ended["status"] == "exit"
    assert ended["is_archived"] is True
    again = run("sessions", "message", session_id, "Still there?")
    assert again.exit_code == 1
    assert "409" in error_line(again)


def test_insights(run: Run) -> None:
    session_id = create(run, "--tag", "insight")
    one = ok_json(run("--json", "sessions", "insights", session_id))
    assert one["session_id"] == session_id
    assert one.get("analysis") is None
    started = ok_json(run("--json", "sessions", "insights", session_id, "--generate"))
    assert started["status"] == "started"
    listed = ok_json(run("--json", "sessions", "insights", "--tag", "insight"))
    assert [i["session_id"] for i in listed] == [session_id]
    assert session_id in run("sessions", "insights").stdout
    no_id = run("sessions", "insights", "--generate")
    assert no_id.exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["sessions", "archive", "devin-x"],
        ["sessions", "unarchive", "devin-x"],
        ["sessions", "attachments", "devin-x"],
        ["sessions", "insights"],
        ["schedules", "list"],
    ],
)
def test_v3_commands_with_a_v1_key_say_how_to_speak_v3(
    run: Run, devin_mock: Any, args: list[str]
) -> None:
    result = run(*args, env={"DEVIN_API_KEY": devin_mock.api_key})
    assert result.exit_code == 2
    assert "needs the API v3 (a service user's cog_ key, or --api v3)" in error_line(result)


def test_watch_on_v3(run: Run) -> None:
    session_id = create(run)
    result = run("sessions", "watch", session_id, "--poll-interval", "0")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(f"{session_id}: running")


# --- attachments ---------------------------------------------------------------------------


def test_upload_and_download_with_the_v1_safety(run: Run, tmp_path: Path) -> None:
    payload = bytes(range(256)) * 64
    source = tmp_path / "blob.bin"
    source.write_bytes(payload)
    uploaded = ok_json(run("--json", "attachments", "upload", str(source)))
    assert set(uploaded) == {"attachment_id", "name", "url"}
    assert uploaded["name"] == "blob.bin"
    assert "/v3/organizations/" in uploaded["url"]
    again = run("attachments", "upload", str(source)).stdout.strip()  # people get the URL
    assert re.fullmatch(r"http://\S+/v3/organizations/\S+/blob\.bin", again), again

    target = tmp_path / "copy.bin"
    saved = ok_json(run("--json", "attachments", "download", uploaded["url"], "-o", str(target)))
    assert saved == {"path": str(target), "bytes": len(payload)}
    assert target.read_bytes() == payload

    target.write_bytes(b"mine")
    kept = run("attachments", "download", uploaded["url"], "-o", str(target))
    assert kept.exit_code == 2
    assert "--force" in error_line(kept)
    assert target.read_bytes() == b"mine"
    forced = run("attachments", "download", uploaded["url"], "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_bytes() == payload


# --- the organisation's resources ------------------------------------------------------------


def test_secrets_never_print_the_value(run: Run) -> None:
    value = "hunter2-v3-very-secret"
    created = ok_json(run("--json", "secrets", "create", "DB_PASSWORD", input=f"{value}\n"))
    assert created["key"] == "DB_PASSWORD"
    listed = ok_json(run("--json", "secrets", "list"))
    assert [(s["secret_id"], s["key"]) for s in listed] == [(created["id"], "DB_PASSWORD")]
    table = run("secrets", "list")
    assert created["id"] in table.stdout
    assert "DB_PASSWORD" in table.stdout
    for result in (table, run("--json", "secrets", "list")):
        assert value not in result.output
    assert run("secrets", "delete", created["id"]).exit_code == 0
    gone = run("secrets", "delete", created["id"])
    assert gone.exit_code == 1
    assert "404" in error_line(gone)


def test_knowledge_notes_and_folders(run: Run) -> None:
    note = ok_json(
        run(
            "--json", "knowledge", "create", "--name", "Style", "--trigger", "writing Python",
            "--body", "Use type hints.",
        )
    )  # fmt: skip
    note_id = note["note_id"]
    updated = ok_json(run("--json", "knowledge", "update", note_id, "--body", "Use mypy."))
    assert (updated["body"], updated["name"], updated["trigger"]) == (
        "Use mypy.",
        "Style",
        "writing Python",
    )
    assert ok_json(run("--json", "knowledge", "get", note_id))["body"] == "Use mypy."
    assert [n["note_id"] for n in ok_json(run("--json", "knowledge", "list"))] == [note_id]
    assert ok_json(run("--json", "knowledge", "list", "--search", "nothing-like-it")) == []
    assert "Style" in run("knowledge", "list").stdout
    assert "root_note_count" in ok_json(run("--json", "knowledge", "folders"))
    macro = run(
        "knowledge", "create", "--name", "n", "--trigger", "t", "--body", "b", "--macro", "!m"
    )
    assert macro.exit_code == 2
    assert "--macro is for the API v1 only" in error_line(macro)
    assert run("knowledge", "delete", note_id).exit_code == 0
    assert run("knowledge", "get", note_id).exit_code == 1


def test_playbooks_lifecycle(run: Run) -> None:
    playbook = ok_json(
        run("--json", "playbooks", "create", "--title", "Release", "--body", "1. Tag", "--macro",
            "!release")
    )  # fmt: skip
    playbook_id = playbook["playbook_id"]
    assert run("playbooks", "update", playbook_id, "--body", "1. Tag\n2. Push").exit_code == 0
    fetched = ok_json(run("--json", "playbooks", "get", playbook_id))
    assert (fetched["body"], fetched["title"], fetched["macro"]) == (
        "1. Tag\n2. Push",
        "Release",
        "!release",
    )
    assert [p["playbook_id"] for p in ok_json(run("--json", "playbooks", "list"))] == [playbook_id]
    assert run("playbooks", "delete", playbook_id).exit_code == 0
    assert run("playbooks", "get", playbook_id).exit_code == 1


def test_schedules_lifecycle(run: Run) -> None:
    created = ok_json(
        run("--json", "schedules", "create", "Nightly", "Triage new issues", "--frequency",
            "0 2 * * *", "--tag", "triage", "--notify-on", "never")
    )  # fmt: skip
    schedule_id = created["scheduled_session_id"]
    assert (created["frequency"], created["notify_on"], created["enabled"]) == (
        "0 2 * * *",
        "never",
        True,
    )
    assert (
        ok_json(run("--json", "schedules", "update", schedule_id, "--disable"))["enabled"] is False
    )
    shown = run("schedules", "get", schedule_id)
    assert "Triage new issues" in shown.stdout
    assert [s["scheduled_session_id"] for s in ok_json(run("--json", "schedules", "list"))] == [
        schedule_id
    ]
    once = ok_json(
        run("--json", "schedules", "create", "Once", "Do it", "--at", "2099-01-01T09:00:00+00:00")
    )
    assert once["schedule_type"] == "one_time"
    nothing = run("schedules", "update", schedule_id)
    assert nothing.exit_code == 2
    no_frequency = run("schedules", "create", "Bad", "No frequency")
    assert no_frequency.exit_code in (1, 2)
    assert run("schedules", "delete", schedule_id).exit_code == 0


# --- errors ---------------------------------------------------------------------------------

PROBLEM = {
    "type": "about:blank",
    "title": "Unprocessable Entity",
    "status": 422,
    "detail": "Request validation failed",
    "errors": [
        {"loc": ["body", "tags", 0], "msg": "too long", "type": "string_too_long"},
        {"loc": ["body", "title"], "msg": "not allowed \x1b[31mhere", "type": "value_error"},
    ],
}


def _problem(request: httpx.Request) -> httpx.Response:
    return httpx.Response(422, json=PROBLEM)


def _invoke_problem(*args: str) -> Result:
    env = {"DEVIN_API_KEY": "cog_PROBLEM_KEY", "DEVIN_BASE_URL": "https://api.devin.ai"}
    return CliRunner().invoke(
        app, ["--org-id", "org-x", *args], env=env, client_factory=answered_by(_problem)
    )


def test_a_problem_detail_shows_its_detail_and_each_field_error() -> None:
    result = _invoke_problem("sessions", "get", "devin-x")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("devin: error: 422 Unprocessable Entity: Request validation failed")
    assert lines[1:] == ["  - tags.0: too long", "  - title: not allowed \\x1b[31mhere"]


def test_a_problem_detail_in_json_has_title_detail_and_errors() -> None:
    result = _invoke_problem("--json", "sessions", "get", "devin-x")
    assert result.exit_code == 1
    assert result.stdout == ""
    error = json.loads(result.stderr)["error"]
    assert error["type"] == "UnprocessableEntityError"
    assert error["status_code"] == 422
    assert error["title"] == "Unprocessable Entity"
    assert error["detail"] == "Request validation failed"
    assert [e["loc"] for e in error["errors"]] == [["body", "tags", 0], ["body", "title"]]
    assert error["errors"][1]["msg"] == "not allowed \x1b[31mhere"  # lossless, escaped on print
    assert "\x1b" not in result.stderr


def test_help_says_how_the_version_is_chosen(run: Run) -> None:
    shown = " ".join(run("--help").stdout.split())
    assert (
        "--api v1 or --api v3 when given; else v3 (recommended) for a service user's cog_ key"
        in (shown)
    )
    assert "--org-id" in shown
    assert "DEVIN_ORG_ID" in shown
