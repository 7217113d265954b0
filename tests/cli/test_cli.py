"""The ``devin`` command through Typer's CliRunner, against the served mock (``devin_mock``)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from devin_client.cli import app
from typer.testing import CliRunner, Result

Run = Callable[..., Result]


@pytest.fixture
def run(devin_mock: Any) -> Run:
    """``run(*args, input=None, env=None)``: invoke ``devin`` with the mock's URL and key."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        base = {
            "DEVIN_API_KEY": devin_mock.api_key,
            "DEVIN_BASE_URL": devin_mock.base_url,
            "COLUMNS": "200",  # a wide terminal: table cells are not folded
        }
        return runner.invoke(app, list(args), input=input, env={**base, **(env or {})})

    return invoke


def ok_json(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def error_line(result: Result, *, alone: bool = True) -> str:
    """The error line, checked to be one line without a traceback (and, with ``alone``, the
    only output on stderr)."""
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("devin: error: ")]
    assert len(errors) == 1, result.stderr
    if alone:
        assert lines == errors, result.stderr
    return errors[0]


def create(run: Run, *args: str) -> str:
    session_id: str = ok_json(run("--json", "sessions", "create", "Fix the build", *args))[
        "session_id"
    ]
    return session_id


# --- sessions ------------------------------------------------------------------------------


def test_create_sends_the_v3_style_fields_and_tags(run: Run) -> None:
    created = ok_json(
        run(
            "sessions", "create", "Fix the build", "--mode", "fast", "--as-user", "user-42",
            "--tag", "ci", "--tag", "urgent", "--json",
        )
    )  # fmt: skip
    assert created["session_id"].startswith("devin-")
    assert created["url"].startswith("https://")

    session = ok_json(run("--json", "sessions", "get", created["session_id"]))
    assert session["devin_mode"] == "fast"
    assert session["create_as_user_id"] == "user-42"
    assert session["tags"] == ["ci", "urgent"]


def test_idempotent_create_returns_the_existing_session(run: Run) -> None:
    first = ok_json(run("--json", "sessions", "create", "Same task", "--idempotent"))
    again = run("sessions", "create", "Same task", "--idempotent")
    assert again.exit_code == 0
    assert f"{first['session_id']} (existing session)" in again.stdout


def test_create_attaches_files_and_urls_as_attachment_lines(
    run: Run, devin_mock: Any, tmp_path: Path
) -> None:
    devin_mock.allow_attachment_problems()  # other.txt was never uploaded: recorded, see below
    csv = tmp_path / "data.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    other = f"{devin_mock.base_url}/v1/attachments/0f0f/other.txt"
    session_id = create(run, "--attach", str(csv), "--attach", other)

    session = ok_json(run("--json", "sessions", "get", session_id))
    prompt = session["messages"][0]["message"]
    attached = re.findall(r'^ATTACHMENT:"([^"]+)"$', prompt, flags=re.MULTILINE)
    assert len(attached) == 2
    assert attached[0].endswith("/data.csv")  # the file was uploaded first
    assert attached[1] == other
    assert [f.name for f in devin_mock.session_attachments(session_id)] == ["data.csv"]
    assert [p.rules for p in devin_mock.attachment_problems] == [("unknown_upload",)]


def test_create_wait_shows_status_changes_and_prints_the_settled_session(run: Run) -> None:
    result = run("sessions", "create", "Fix it", "--wait", "--poll-interval", "0", "--json")
    session = ok_json(result)
    assert session["status_enum"] == "finished"
    status_lines = [line for line in result.stderr.splitlines() if line.startswith("devin-")]
    assert status_lines[-1].endswith(": finished")
    assert len(status_lines) >= 2  # working, then finished: one line per change


def test_wait_on_a_terminal_shows_one_live_status_line(run: Run) -> None:
    # TTY_COMPATIBLE makes Rich treat the captured stderr as a terminal.
    result = run(
        "--json", "sessions", "create", "Fix it", "--wait", "--poll-interval", "0",
        env={"TTY_COMPATIBLE": "1"},
    )  # fmt: skip
    assert ok_json(result)["status_enum"] == "finished"
    status = re.search(r"devin-\w+: finished \(\d+ s\)", result.stderr)
    assert status, result.stderr
    assert "\x1b[2K" in result.stderr  # the line is redrawn in place, then cleared


def test_create_wait_table_output(run: Run) -> None:
    result = run("sessions", "create", "Fix it", "--wait", "--poll-interval", "0")
    assert result.exit_code == 0, result.stderr
    assert re.search(r"status\s+finished", result.stdout)
    assert "Done" in result.stdout  # the messages table


def test_wait_timeout_exits_1_with_the_last_status(run: Run) -> None:
    session_id = create(run)
    result = run("sessions", "wait", session_id, "--timeout", "0", "--poll-interval", "0")
    assert result.exit_code == 1
    assert "did not settle" in error_line(result, alone=False)  # after the status line


def test_wait_until_a_given_status(run: Run) -> None:
    session_id = create(run)
    session = ok_json(
        run("--json", "sessions", "wait", session_id, "--until", "working", "--poll-interval", "0")
    )
    assert session["status_enum"] == "working"


def test_watch_prints_each_message_and_status_change_as_it_arrives(run: Run) -> None:
    session_id = create(run)
    result = run("sessions", "watch", session_id, "--poll-interval", "0")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"\[[\d\- :]+\] [^:]+: Fix the build", lines[0]), lines
    assert [line.split("] ", 1)[-1] for line in lines] == [
        lines[0].split("] ", 1)[1],
        "Devin: Looking into it.",
        f"{session_id}: working",
        "Devin: Making the changes.",
        "Devin: Done: the task is complete.",
        f"{session_id}: finished",
    ]
    assert result.stderr == ""


def test_watch_json_prints_one_json_object_per_line(run: Run) -> None:
    session_id = create(run)
    result = run("--json", "sessions", "watch", session_id, "--poll-interval", "0")
    assert result.exit_code == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["event"] for e in events] == [
        "message", "message", "status", "message", "message", "status",
    ]  # fmt: skip
    assert {e["session_id"] for e in events} == {session_id}
    assert events[0]["message"]["type"] == "initial_user_message"
    assert events[0]["message"]["message"] == "Fix the build"
    assert len({e["message"]["event_id"] for e in events if e["event"] == "message"}) == 4
    final = events[-1]
    assert final["status"] == "finished"
    assert final["session"]["status_enum"] == "finished"
    assert "messages" not in final["session"]  # each message was its own line


def test_watch_until_a_status_and_timeout(run: Run) -> None:
    session_id = create(run)
    result = run("--json", "sessions", "watch", session_id, "--until", "working")
    assert result.exit_code == 0, result.stderr
    statuses = [e for e in map(json.loads, result.stdout.splitlines()) if e["event"] == "status"]
    assert [e["status"] for e in statuses] == ["working"]
    other = create(run)
    result = run("sessions", "watch", other, "--timeout", "0")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == f"{other}: working"  # what came before the error
    assert "did not settle" in error_line(result)
    result = run("sessions", "watch", other, "--until", "finishd")
    assert result.exit_code == 2
    assert "--until: unknown status 'finishd'" in error_line(result)


def test_list_json_table_limit_and_tag_filter(run: Run) -> None:
    first = create(run, "--tag", "alpha")
    second = create(run, "--tag", "beta")

    listed = ok_json(run("--json", "sessions", "list"))
    assert {s["session_id"] for s in listed} == {first, second}
    assert len(ok_json(run("sessions", "list", "--limit", "1", "--json"))) == 1
    only_alpha = ok_json(run("sessions", "list", "--tag", "alpha", "--json"))
    assert [s["session_id"] for s in only_alpha] == [first]

    table = run("sessions", "list")
    assert table.exit_code == 0
    assert first in table.stdout
    assert second in table.stdout


def test_message_tags_and_terminate(run: Run) -> None:
    session_id = create(run)

    sent = run("sessions", "message", session_id, "Also update the docs")
    assert sent.exit_code == 0, sent.stderr
    session = ok_json(run("--json", "sessions", "get", session_id))
    assert any(m["message"] == "Also update the docs" for m in session["messages"])

    assert ok_json(run("--json", "sessions", "tags", session_id, "x", "y"))["tags"] == ["x", "y"]
    assert ok_json(run("--json", "sessions", "get", session_id))["tags"] == ["x", "y"]
    shown = run("sessions", "tags", session_id)
    assert shown.stdout == f"{session_id}: x, y\n"
    assert run("sessions", "tags", session_id, "--clear").exit_code == 0
    assert not ok_json(run("--json", "sessions", "get", session_id))["tags"]

    assert run("sessions", "terminate", session_id).exit_code == 0
    again = run("sessions", "terminate", session_id)
    assert again.exit_code == 1
    assert "400" in error_line(again)


# --- errors and exit codes -----------------------------------------------------------------


def test_unknown_session_is_an_api_error_on_one_line(run: Run) -> None:
    result = run("sessions", "get", "devin-doesnotexist")
    assert result.exit_code == 1
    assert "404" in error_line(result)
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_wrong_key_exits_1_and_never_prints_the_key(run: Run) -> None:
    key = "apk_user_wrong_secret_value_123"
    result = run("--api-key", key, "sessions", "list")
    assert result.exit_code == 1
    assert "401" in error_line(result)
    assert key not in result.output


def test_debug_shows_requests_and_traceback_but_never_the_key(run: Run, devin_mock: Any) -> None:
    wrong = "apk_user_wrong_secret_value_123"
    result = run("--debug", "--api-key", wrong, "sessions", "list")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert "GET" in result.stderr  # the request log line
    assert wrong not in result.output

    good = run("--debug", "sessions", "list")
    assert good.exit_code == 0
    assert devin_mock.api_key not in good.output


def test_no_api_key_is_a_usage_error(run: Run) -> None:
    result = run("sessions", "list", env={"DEVIN_API_KEY": ""})
    assert result.exit_code == 2
    assert "DEVIN_API_KEY" in error_line(result)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["sessions", "create", "x", "--max-acu-limit", "0"], "max_acu_limit"),
        (["sessions", "create", "x", "--attach", "no/such/file.csv"], "no such file"),
        (["sessions", "tags", "devin-x", "a", "--clear"], "not both"),
        (["sessions", "tags", "devin-x", "--append"], "--append"),
    ],
)
def test_input_errors_exit_2_on_one_line(run: Run, args: list[str], expected: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert expected in error_line(result)


@pytest.mark.parametrize(
    "args",
    [
        ["sessions", "create"],  # missing PROMPT
        ["sessions", "create", "x", "--mode", "slow"],
        ["sessions", "nonsense"],
        ["--no-such-option", "sessions", "list"],
    ],
)
def test_usage_errors_exit_2(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Error:" in result.stderr
    assert "Traceback" not in result.output


def test_structured_output_schema_file(run: Run, tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"type": "object", "required": ["ok"]}), encoding="utf-8")
    result = run(
        "--json", "sessions", "create", "x", "--structured-output-schema", str(schema),
        "--wait", "--poll-interval", "0",
    )  # fmt: skip
    assert "ok" in ok_json(result)["structured_output"]

    schema.write_text("{not json", encoding="utf-8")
    broken = run("sessions", "create", "x", "--structured-output-schema", str(schema))
    assert broken.exit_code == 2
    assert "not valid JSON" in error_line(broken)


def test_server_error_exits_1(run: Run, devin_mock: Any) -> None:
    devin_mock.faults.add("server_error", operation="GET /v1/sessions")
    result = run("--max-retries", "0", "sessions", "list")
    assert result.exit_code == 1
    assert "500" in error_line(result)


def test_unreachable_api_exits_1(run: Run) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run("--max-retries", "0", "--base-url", f"http://127.0.0.1:{port}", "sessions", "list")
    assert result.exit_code == 1
    assert "cannot reach the API" in error_line(result)


# --- attachments ---------------------------------------------------------------------------


def test_upload_shows_progress_and_download_returns_the_same_bytes(
    run: Run, tmp_path: Path
) -> None:
    payload = bytes(range(256)) * 4096  # 1 MiB
    source = tmp_path / "blob.bin"
    source.write_bytes(payload)

    uploaded = run("attachments", "upload", str(source), "--json")
    url = ok_json(uploaded)["url"]
    assert url.endswith("/blob.bin")
    # The finished progress bar: bytes done / total, and the rate.
    assert re.search(r"1\.0/1\.0 MB", uploaded.stderr), uploaded.stderr
    assert "/s" in uploaded.stderr

    target = tmp_path / "copy.bin"
    saved = ok_json(run("attachments", "download", url, "-o", str(target), "--json"))
    assert saved == {"path": str(target), "bytes": len(payload)}
    assert target.read_bytes() == payload

    into_folder = tmp_path / "folder"
    into_folder.mkdir()
    assert run("attachments", "download", url, "-o", str(into_folder)).exit_code == 0
    assert (into_folder / "blob.bin").read_bytes() == payload

    to_stdout = run("attachments", "download", url, "-o", "-")
    assert to_stdout.exit_code == 0
    assert to_stdout.stdout_bytes == payload


def test_upload_missing_file_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("attachments", "upload", str(tmp_path / "missing.csv"))
    assert result.exit_code == 2


def test_download_unknown_attachment_exits_1(run: Run, devin_mock: Any, tmp_path: Path) -> None:
    url = f"{devin_mock.base_url}/v1/attachments/00000000-0000-0000-0000-000000000000/x.csv"
    result = run("attachments", "download", url, "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 1
    assert "404" in error_line(result)


# --- secrets, knowledge, playbooks ---------------------------------------------------------


def test_secrets_value_is_prompted_hidden_and_never_printed(run: Run) -> None:
    value = "hunter2-very-secret"
    created = run("--json", "secrets", "create", "DB_PASSWORD", input=f"{value}\n")
    secret_id = ok_json(created)["id"]  # stdin is not a terminal: the value is read from it
    assert value not in created.output

    listed = ok_json(run("--json", "secrets", "list"))
    assert [(s["id"], s["key"]) for s in listed] == [(secret_id, "DB_PASSWORD")]
    table = run("secrets", "list")
    assert "DB_PASSWORD" in table.stdout
    assert value not in table.output

    duplicate = run("secrets", "create", "DB_PASSWORD", "--value", "other")
    assert duplicate.exit_code == 1
    assert "409" in error_line(duplicate)

    assert run("secrets", "delete", secret_id).exit_code == 0
    gone = run("secrets", "delete", secret_id)
    assert gone.exit_code == 1
    assert "404" in error_line(gone)


def test_knowledge_create_update_keeps_unchanged_fields_and_delete(run: Run) -> None:
    note = ok_json(
        run(
            "--json", "knowledge", "create", "--name", "Style", "--trigger", "writing Python",
            "--body", "Use type hints.",
        )
    )  # fmt: skip
    updated = ok_json(run("--json", "knowledge", "update", note["id"], "--body", "Use mypy."))
    assert updated["body"] == "Use mypy."
    assert updated["name"] == "Style"
    assert updated["trigger_description"] == "writing Python"

    listed = ok_json(run("--json", "knowledge", "list"))
    assert [n["id"] for n in listed["knowledge"]] == [note["id"]]
    assert note["id"] in run("knowledge", "list").stdout

    assert run("knowledge", "delete", note["id"]).exit_code == 0
    missing = run("knowledge", "update", note["id"], "--body", "x")
    assert missing.exit_code == 1
    assert note["id"] in error_line(missing)


def test_knowledge_body_from_file_and_conflicting_body_options(run: Run, tmp_path: Path) -> None:
    body = tmp_path / "body.md"
    body.write_text("From a file.", encoding="utf-8")
    args = ["knowledge", "create", "--name", "n", "--trigger", "t"]
    note = ok_json(run("--json", *args, "--body-file", str(body)))
    assert note["body"] == "From a file."
    both = run(*args, "--body", "x", "--body-file", str(body))
    assert both.exit_code == 2
    assert "not both" in error_line(both)


def test_playbooks_lifecycle(run: Run) -> None:
    playbook = ok_json(
        run("--json", "playbooks", "create", "--title", "Release", "--body", "1. Tag", "--macro",
            "!release")
    )  # fmt: skip
    playbook_id = playbook["playbook_id"]
    assert run("playbooks", "update", playbook_id, "--body", "1. Tag\n2. Push").exit_code == 0
    fetched = ok_json(run("--json", "playbooks", "get", playbook_id))
    assert fetched["body"] == "1. Tag\n2. Push"
    assert fetched["title"] == "Release"  # kept
    assert fetched["macro"] == "!release"  # kept
    assert "Release" in run("playbooks", "get", playbook_id).stdout
    assert [p["playbook_id"] for p in ok_json(run("--json", "playbooks", "list"))] == [playbook_id]
    assert run("playbooks", "delete", playbook_id).exit_code == 0
    assert run("playbooks", "get", playbook_id).exit_code == 1


# --- packaging -----------------------------------------------------------------------------


def test_importing_the_library_does_not_import_the_cli() -> None:
    # (rich is not checked: httpx imports it for its own CLI when it is installed.)
    code = (
        "import sys, devin_client; "
        "print(sorted(m for m in ('devin_client.cli', 'typer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_without_the_cli_extra_the_command_says_what_to_install() -> None:
    code = "import sys; sys.modules['typer'] = None; from devin_client.cli import main; main()"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 2
    assert "pip install 'devin-client[cli]'" in out.stderr
    assert "Traceback" not in out.stderr


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"devin \d+\.\d+\.\d+\S*\n", result.stdout)


# --- devin mock serve ----------------------------------------------------------------------


def test_mock_serve_is_devin_mock(run: Run) -> None:
    shown = run("mock", "serve", "--help")
    assert shown.exit_code == 0
    assert "usage: devin-mock" in shown.stdout

    # Options reach devin-mock's own parser (its usage error, its exit code).
    result = run("mock", "serve", "--upload-limit", "lots")
    assert result.exit_code == 2
    assert "devin-mock: error" in result.stderr
    assert "not a size" in result.stderr
