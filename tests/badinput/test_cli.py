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
    return {
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
