"""Bad inputs to the ``devin`` command: exit code 2, one message naming the problem, no
traceback, and no request on the wire (the command's client, given through its client factory,
records instead of sending)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner, Result

from ..cli._inject import answered_by
from ..security._wire import API_KEY, Wire

BASE = "https://api.devin.ai"
SID = "devin-0123456789abcdef"


@pytest.fixture
def wire() -> Wire:
    """Where the requests of the CLI's client land (see :func:`devin`)."""
    return Wire(lambda request: httpx.Response(200, json={}))


def devin(wire: Wire, args: list[str], env: dict[str, str]) -> Result:
    """Run the ``devin`` command; the client it builds from its options sends to ``wire``."""
    from devin_client.cli import app

    return CliRunner().invoke(app, args, env=env, client_factory=answered_by(wire))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    not_json = tmp_path / "schema.txt"
    not_json.write_text("{type: object")
    array = tmp_path / "array.json"
    array.write_text("[1, 2]")
    bad_draft = tmp_path / "bad.json"
    bad_draft.write_text(json.dumps({"type": "nonsense"}))
    external = tmp_path / "external.json"
    external.write_text(json.dumps({"$ref": "https://example.com/s.json"}))
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\u00e9 {}".encode("latin-1"))
    return {
        "deep": str(deep),
        "latin1": str(latin1),
        "not_json": str(not_json),
        "array": str(array),
        "bad_draft": str(bad_draft),
        "external": str(external),
        "missing": str(tmp_path / "missing.csv"),
        "dir": str(tmp_path),
    }


# id -> (argv, a word the message must contain). {name} refers to the files fixture.
CASES: dict[str, tuple[list[str], str]] = {
    "unknown mode": (["sessions", "create", "p", "--mode", "turbo"], "--mode"),
    "missing prompt": (["sessions", "create"], "PROMPT"),
    "missing attachment file": (["sessions", "create", "p", "--attach", "{missing}"], "missing"),
    "attachment URL with a quote": (
        ["sessions", "create", "p", "--attach", 'https://x.example/a"b'],
        "quote",
    ),
    "attachment URL not http": (
        ["sessions", "create", "p", "--attach", "ftp://x.example/a.csv"],
        "attach",
    ),
    "51 tags": (["sessions", "create", "p", *[f"--tag=t{i}" for i in range(51)]], "tags"),
    "max acu limit 0": (["sessions", "create", "p", "--max-acu-limit", "0"], "max_acu_limit"),
    "max acu limit not a number": (
        ["sessions", "create", "p", "--max-acu-limit", "lots"],
        "--max-acu-limit",
    ),
    "empty as-user": (["sessions", "create", "p", "--as-user", ""], "create_as_user_id"),
    "schema not JSON": (
        ["sessions", "create", "p", "--structured-output-schema", "{not_json}"],
        "JSON",
    ),
    "schema an array": (
        ["sessions", "create", "p", "--structured-output-schema", "{array}"],
        "object",
    ),
    "schema not Draft 7": (
        ["sessions", "create", "p", "--structured-output-schema", "{bad_draft}"],
        "structured_output_schema",
    ),
    "schema external $ref": (
        ["sessions", "create", "p", "--structured-output-schema", "{external}"],
        "structured_output_schema",
    ),
    "schema file missing": (
        ["sessions", "create", "p", "--structured-output-schema", "{missing}"],
        "--structured-output-schema",
    ),
    "negative wait timeout": (["sessions", "wait", SID, "--timeout", "-5"], "--timeout"),
    "negative poll interval": (
        ["sessions", "wait", SID, "--poll-interval", "-1"],
        "--poll-interval",
    ),
    "negative max retries": (["--max-retries", "-1", "sessions", "list"], "--max-retries"),
    "negative list limit": (["sessions", "list", "--limit", "-3"], "--limit"),
    "insecure base url": (["--base-url", "http://api.devin.ai", "sessions", "list"], "http://"),
    "base url not http": (["--base-url", "ftp://api.devin.ai", "sessions", "list"], "base"),
    "upload missing file": (["attachments", "upload", "{missing}"], "missing"),
    "upload a directory": (["attachments", "upload", "{dir}"], "file"),
    "download ftp url": (["attachments", "download", "ftp://x.example/a"], "url"),
    "download a dot-dot attachment": (
        ["attachments", "download", f"{BASE}/v1/attachments/%2e%2e/secrets"],
        "url",
    ),
    "download into a missing folder": (
        ["attachments", "download", f"{BASE}/v1/attachments/u/a.csv", "-o", "{missing}/a.csv"],
        "folder",
    ),
    "session id dot dot": (["sessions", "get", ".."], "session_id"),
    "session id with a slash": (["sessions", "terminate", "devin-1/../x"], "session_id"),
    "secret id with a slash": (["secrets", "delete", "../sessions"], "secret_id"),
    "unknown secret type": (["secrets", "create", "K", "--value", "v", "--type", "pw"], "--type"),
    "unknown command": (["sessions", "explode"], "explode"),
    "unknown option": (["sessions", "list", "--colour"], "--colour"),
    "api key with a newline": (["--api-key", "apk\nX: y", "sessions", "list"], "API key"),
}


def _argv(args: list[str], files: dict[str, str]) -> list[str]:
    return [a.format(**files) if "{" in a and "}" in a and "$" not in a else a for a in args]


def test_the_cli_catalogue_has_enough_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_cli_input_exits_2_before_sending(case: str, wire: Wire, files: dict[str, str]) -> None:
    args, word = CASES[case]
    env = {"DEVIN_API_KEY": API_KEY, "DEVIN_BASE_URL": BASE}
    result = devin(wire, _argv(args, files), env)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert word.lower() in result.stderr.lower(), result.stderr
    assert API_KEY not in result.output
    assert wire.requests == []


def test_no_api_key_exits_2_before_sending(wire: Wire) -> None:
    result = devin(wire, ["sessions", "list"], env={"DEVIN_API_KEY": ""})
    assert result.exit_code == 2
    assert "DEVIN_API_KEY" in result.stderr
    assert wire.requests == []


def test_the_wire_fixture_really_records(wire: Wire) -> None:
    # The guard of every test above: a valid command does reach the (recording) transport.
    env = {"DEVIN_API_KEY": API_KEY, "DEVIN_BASE_URL": BASE}
    result: Any = devin(wire, ["--json", "secrets", "list"], env)
    assert [r.url.path for r in wire.requests] == ["/v1/secrets"]
    assert result.exit_code in (0, 1)


# --- the API v3 (a cog_ key; the organisation given, so not even its lookup may be sent) ----

V3_KEY = "cog_BADINPUT_SENTINEL_KEY_9e2b"
V3_ENV = {"DEVIN_API_KEY": V3_KEY, "DEVIN_BASE_URL": BASE, "DEVIN_ORG_ID": "org-badinput"}
V3_BASE = f"{BASE}/v3/organizations/org-badinput"

V3_CASES: dict[str, tuple[list[str], str]] = {
    "v3 idempotent": (["sessions", "create", "p", "--idempotent"], "--idempotent"),
    "v3 unlisted": (["sessions", "create", "p", "--unlisted"], "--unlisted"),
    "v3 unknown mode": (["sessions", "create", "p", "--mode", "turbo"], "--mode"),
    "v3 blank prompt": (["sessions", "create", "  "], "prompt"),
    "v3 append 51 tags": (
        ["sessions", "tags", SID, "--append", *[f"t{i}" for i in range(51)]],
        "tags",
    ),
    "v3 missing attachment": (["sessions", "create", "p", "--attach", "{missing}"], "missing"),
    "v3 attachment not http": (
        ["sessions", "create", "p", "--attach", "ftp://x.example/a"],
        "attach",
    ),
    "v3 empty as-user": (["sessions", "create", "p", "--as-user", " "], "create_as_user_id"),
    "v3 schema nested too deeply": (
        ["sessions", "create", "p", "--structured-output-schema", "{deep}"],
        "nested too deeply",
    ),
    "v3 schema not UTF-8": (
        ["sessions", "create", "p", "--structured-output-schema", "{latin1}"],
        "not UTF-8",
    ),
    "v3 note body file not UTF-8": (
        ["knowledge", "create", "--name", "n", "--trigger", "t", "--body-file", "{latin1}"],
        "--body-file",
    ),
    "v3 schema external $ref": (
        ["sessions", "create", "p", "--structured-output-schema", "{external}"],
        "structured_output_schema",
    ),
    "v3 blank message": (["sessions", "message", SID, " "], "message"),
    "v3 session id dot dot": (["sessions", "get", ".."], "session_id"),
    "v3 archive id with a slash": (["sessions", "archive", "devin-1/../x"], "session_id"),
    "v3 user email filter": (["sessions", "list", "--user-email", "a@b.example"], "--user-email"),
    "v3 until a v1 status": (["sessions", "wait", SID, "--until", "blocked"], "--until"),
    "v3 insights generate without id": (["sessions", "insights", "--generate"], "SESSION_ID"),
    "v3 note macro": (
        ["knowledge", "create", "--name", "n", "--trigger", "t", "--body", "b", "--macro", "!m"],
        "--macro",
    ),
    "v3 playbook macro without bang": (
        ["playbooks", "create", "--title", "t", "--body", "b", "--macro", "release"],
        "macro",
    ),
    "v3 secret id with a slash": (["secrets", "delete", "../sessions"], "secret_id"),
    "v3 schedule at without offset": (
        ["schedules", "create", "n", "p", "--at", "2099-01-01T09:00"],
        "--at",
    ),
    "v3 schedule update nothing": (["schedules", "update", "sched-1"], "change"),
    "v3 schedule unknown agent": (
        ["schedules", "create", "n", "p", "--frequency", "0 2 * * *", "--agent", "robot"],
        "--agent",
    ),
    "v3 download dot-dot": (
        ["attachments", "download", f"{V3_BASE}/attachments/%2e%2e/secrets"],
        "url",
    ),
    "v3 org id with a slash": (["--org-id", "../other", "sessions", "list"], "org"),
    "v3 unknown api": (["--api", "v2", "sessions", "list"], "--api"),
    "v1 org id": (["--api", "v1", "--org-id", "org-x", "sessions", "list"], "--org-id"),
    "v1 archive option": (["--api", "v1", "sessions", "terminate", SID, "--archive"], "--archive"),
    "v1 archive command": (["--api", "v1", "sessions", "archive", SID], "v3"),
    "v1 schedules": (["--api", "v1", "schedules", "list"], "v3"),
    "v1 platform": (
        ["--api", "v1", "sessions", "create", "p", "--platform", "linux"],
        "--platform",
    ),
}


def test_the_v3_cli_catalogue_has_enough_cases() -> None:
    assert len(V3_CASES) >= 25


@pytest.mark.parametrize("case", sorted(V3_CASES))
def test_bad_v3_cli_input_exits_2_before_sending(
    case: str, wire: Wire, files: dict[str, str]
) -> None:
    args, word = V3_CASES[case]
    result = devin(wire, _argv(args, files), V3_ENV)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert word.lower() in result.stderr.lower(), result.stderr
    assert V3_KEY not in result.output
    assert wire.requests == []


def test_the_v3_wire_really_records(wire: Wire) -> None:
    result: Any = devin(wire, ["--json", "secrets", "list"], V3_ENV)
    assert [r.url.path for r in wire.requests] == ["/v3/organizations/org-badinput/secrets"]
    assert result.exit_code in (0, 1)


NEAR_MISS = 'Sum the revenue.\nATTACHMENT: "https://x.example/data.csv"'


def test_a_near_miss_attachment_line_says_the_cli_fix(wire: Wire) -> None:
    env = {"DEVIN_API_KEY": API_KEY, "DEVIN_BASE_URL": BASE}
    result = devin(wire, ["sessions", "create", NEAR_MISS], env)
    assert result.exit_code == 2
    assert wire.requests == []
    message = result.stderr
    assert "--attach FILE_OR_URL" in message
    assert "attachments=" not in message
    assert "format_attachments" not in message


def test_the_cli_fix_replaces_the_librarys_for_either_api() -> None:
    # The check is the library's one function (devin_client._core), whichever API refuses.
    from devin_client import DevinValidationError
    from devin_client._core._attachments import check_attachment_lines
    from devin_client.cli._errors import describe

    for field in ("prompt", "message"):
        with pytest.raises(DevinValidationError) as refused:
            check_attachment_lines(field, NEAR_MISS)
        code, message = describe(refused.value)
        assert code == 2
        assert message.startswith(f"invalid input: {field}: line 2 looks meant to attach")
        assert "--attach FILE_OR_URL" in message
        assert "attachments=" not in message
