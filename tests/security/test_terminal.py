"""The terminal is safe: server text cannot drive the terminal through the ``devin`` command.

A hostile (or compromised, or merely buggy) server answers every route with strings full of
terminal control sequences: ANSI CSI and OSC escapes (colours, clear screen, OSC 8 hyperlinks,
OSC 52 clipboard writes), carriage returns and backspaces that overwrite what was printed, C1
controls, bidi overrides that reorder text, line separators, NUL, and Rich markup. Human output
(tables, records, status lines, error lines, progress) shows all of it as inert, visible text;
``--json`` output is always strictly valid JSON, errors included.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner, Result

from ..cli._inject import answered_by
from ._wire import API_KEY, BASE_URL, Wire

# Everything a terminal might act on, and the markup a Rich console would interpret.
HOSTILE = (
    "A\x1b[31mRED\x1b[0m"  # CSI: colours
    "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07"  # OSC 8 hyperlink
    "\x1b]52;c;ZXZpbA==\x07"  # OSC 52: write the clipboard
    "\x1b[2J\x1b[H"  # clear the screen, cursor home
    "\rOVER\bB\x07"  # carriage return, backspace, bell
    "\x9b31m\x9d0;title\x9c"  # C1 CSI, OSC and ST
    "\u202eevil\u202c\u2066x\u2069"  # bidi override, isolate
    "\u2028\x00\x7f\ufeff\U000e0041"  # line separator, NUL, DEL, BOM, a tag character
    "[bold]markup[/bold][link=https://evil.example/]L[/link]:smile:"
)
# Ids the server sends back (in lists, records); the client refuses to put one with controls
# in a URL path.
HOSTILE_ID = "devin-\x1b[31mX\x1b]0;t\x07\u202e\rY\x9b"
WHEN = "2026-01-02T03:04:05+00:00"
MARKUP = "[bold]markup[/bold][link=https://evil.example/]L[/link]:smile:"
SAFE_CONTROLS = "\n\t\u200c\u200d"  # line breaks and tabs; emoji/script joiners


def _unsafe(text: str) -> list[str]:
    """The characters of ``text`` a terminal would act on (or that hide/reorder text)."""
    return [
        c
        for c in text
        if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") and c not in SAFE_CONTROLS
    ]


def _session(status: str = HOSTILE, **extra: Any) -> dict[str, Any]:
    return {
        "session_id": HOSTILE_ID,
        "status": HOSTILE,
        "status_enum": status,
        "title": HOSTILE,
        "tags": [HOSTILE, "ok"],
        "playbook_id": HOSTILE,
        "snapshot_id": None,
        "pull_request": {"url": HOSTILE},
        "structured_output": {"answer": HOSTILE},
        "created_at": WHEN,
        "updated_at": WHEN,
        "devin_mode": HOSTILE,
        "create_as_user_id": HOSTILE,
        "messages": [
            {"type": HOSTILE, "event_id": "e1", "message": HOSTILE, "timestamp": WHEN},
        ],
        **extra,
    }


def _note() -> dict[str, Any]:
    return {
        "id": HOSTILE_ID,
        "name": HOSTILE,
        "body": HOSTILE,
        "trigger_description": HOSTILE,
        "macro": HOSTILE,
        "created_at": WHEN,
        "parent_folder_id": None,
        "pinned_repo": None,
    }


def _playbook() -> dict[str, Any]:
    return {
        "playbook_id": HOSTILE_ID,
        "title": HOSTILE,
        "body": HOSTILE,
        "macro": HOSTILE,
        "access_type": HOSTILE,
        "status": HOSTILE,
        "org_id": HOSTILE,
        "created_at": WHEN,
        "updated_at": WHEN,
        "created_by_user_id": HOSTILE,
        "created_by_user_name": HOSTILE,
        "updated_by_user_id": HOSTILE,
        "updated_by_user_name": HOSTILE,
    }


class HostileServer:
    """Answers every operation with hostile strings; a session settles on its second GET."""

    def __init__(self) -> None:
        self.gets = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        method, path = request.method, request.url.path
        if path == "/v1/sessions" and method == "GET":
            return httpx.Response(200, json={"sessions": [_session()]})
        if path == "/v1/sessions" and method == "POST":
            # An id with controls could not be waited for: ids are checked before sending.
            body = {"session_id": "devin-1", "url": HOSTILE, "is_new_session": True}
            return httpx.Response(200, json=body)
        if path.startswith("/v1/sessions/"):
            if path.endswith(("/message", "/tags")) or method == "DELETE":
                return httpx.Response(200, json={"detail": HOSTILE})
            self.gets += 1
            return httpx.Response(200, json=_session("finished" if self.gets > 1 else HOSTILE))
        if path == "/v1/attachments":
            # The library refuses a URL with controls; markup is printable.
            return httpx.Response(200, json=f"https://files.example/{MARKUP}")
        if path == "/v1/secrets" and method == "GET":
            secret = {"id": HOSTILE_ID, "type": HOSTILE, "key": HOSTILE, "created_at": WHEN}
            return httpx.Response(200, json=[secret])
        if path == "/v1/secrets":
            return httpx.Response(201, json={"id": HOSTILE_ID})
        if path == "/v1/knowledge" and method == "GET":
            return httpx.Response(200, json={"knowledge": [_note()], "folders": []})
        if path.startswith("/v1/knowledge"):
            return httpx.Response(200, json=_note())
        if path == "/v1/playbooks" and method == "GET":
            return httpx.Response(200, json=[_playbook()])
        if path.startswith("/v1/playbooks"):
            return httpx.Response(200, json=_playbook())
        return httpx.Response(404, json={"detail": HOSTILE})


Invoke = Callable[..., Result]


def _cli(handler: Callable[[httpx.Request], httpx.Response]) -> Invoke:
    """``invoke(*argv, env=...)``: the ``devin`` app, every request answered by ``handler``
    (given to the command through its client factory)."""
    from devin_client.cli import app

    factory = answered_by(Wire(handler))

    def invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        # A terminal wide enough that no table cell is folded (the checks look for substrings).
        base = {"DEVIN_API_KEY": API_KEY, "DEVIN_BASE_URL": BASE_URL, "COLUMNS": "2000"}
        return CliRunner().invoke(
            app, list(args), env={**base, **(env or {})}, input=input, client_factory=factory
        )

    return invoke


@pytest.fixture
def devin() -> Invoke:
    return _cli(HostileServer())


@pytest.fixture
def upload_file(tmp_path: Path) -> str:
    path = tmp_path / "data.csv"
    path.write_text("a,b\n1,2\n")
    return str(path)


# argv -> must the hostile markup show up literally (the command prints a hostile string)?
HUMAN_COMMANDS: dict[str, list[str]] = {
    "sessions list": ["sessions", "list"],
    "sessions get": ["sessions", "get", "devin-1"],
    "sessions create": ["sessions", "create", "Fix it"],
    "sessions create --wait": ["sessions", "create", "Fix it", "--wait", "--poll-interval", "0"],
    "sessions wait": ["sessions", "wait", "devin-1", "--poll-interval", "0"],
    "sessions watch": ["sessions", "watch", "devin-1", "--poll-interval", "0"],
    "sessions message": ["sessions", "message", "devin-1", "hello"],
    "secrets list": ["secrets", "list"],
    "secrets create": ["secrets", "create", "K", "--value", "v"],
    "knowledge list": ["knowledge", "list"],
    "knowledge create": ["knowledge", "create", "--name", "n", "--trigger", "t", "--body", "b"],
    "playbooks list": ["playbooks", "list"],
    "playbooks get": ["playbooks", "get", "p-1"],
    "playbooks create": ["playbooks", "create", "--title", "t", "--body", "b"],
    "attachments upload": ["attachments", "upload", "{file}"],
}
# Commands whose output shows a hostile string that carries the markup (not only an id).
SHOWS_MARKUP = {
    "sessions list",
    "sessions get",
    "sessions create",
    "sessions create --wait",
    "sessions wait",
    "sessions watch",
    "sessions message",
    "secrets list",
    "knowledge list",
    "knowledge create",
    "playbooks list",
    "playbooks get",
    "attachments upload",
}


@pytest.mark.parametrize("case", sorted(HUMAN_COMMANDS))
def test_human_output_shows_server_text_inert(case: str, devin: Invoke, upload_file: str) -> None:
    args = [a.replace("{file}", upload_file) for a in HUMAN_COMMANDS[case]]
    result = devin(*args)
    assert result.exit_code == 0, result.output
    for stream, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        assert _unsafe(text) == [], (stream, text)
    if case != "attachments upload":  # it prints a URL: the library refuses one with controls
        # The control characters show as visible escapes (ids included)...
        assert "\\x1b[31m" in result.output
    if case in SHOWS_MARKUP:
        # ... and Rich markup and emoji codes as the text they are, not as instructions.
        assert MARKUP in result.output


def test_a_live_status_line_on_a_terminal_shows_server_text_inert(devin: Invoke) -> None:
    # FORCE_COLOR makes Rich treat the output as a terminal: the live status line, with its
    # own cursor codes. None of the server's sequences may come through.
    result = devin("sessions", "wait", "devin-1", "--poll-interval", "0", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0, result.output
    for sequence in ("\x1b[31mRED", "\x1b]", "\x1b[2J", "\x9b", "\x9d", "\u202e", "\x07", "\x08"):
        assert sequence not in result.output, sequence


def test_error_lines_show_server_text_inert() -> None:
    devin = _cli(_raw(json.dumps({"detail": HOSTILE}), status=404))
    result = devin("sessions", "get", "devin-1")
    assert result.exit_code == 1
    assert result.stderr.startswith("devin: error: ")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert _unsafe(result.stderr) == [], result.stderr
    assert MARKUP in result.stderr


def test_debug_tracebacks_and_log_lines_show_server_text_inert() -> None:
    devin = _cli(_raw(json.dumps({"detail": HOSTILE}), status=404))
    result = devin("--debug", "sessions", "get", "devin-1")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert "debug: " in result.stderr
    assert _unsafe(result.stderr) == [], result.stderr


# --- --json --------------------------------------------------------------------------------


def _strict_json(text: str) -> Any:
    """Parse ``text`` as strict JSON: no NaN/Infinity, no raw control characters in strings."""

    def refuse(constant: str) -> Any:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        data = list(data.values())
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    return []


JSON_COMMANDS = {
    "sessions list": ["--json", "sessions", "list"],
    "sessions get": ["--json", "sessions", "get", "devin-1"],
    "sessions wait": ["--json", "sessions", "wait", "devin-1", "--poll-interval", "0"],
    "sessions message": ["--json", "sessions", "message", "devin-1", "hello"],
    "knowledge list": ["--json", "knowledge", "list"],
    "playbooks get": ["--json", "playbooks", "get", "p-1"],
}


@pytest.mark.parametrize("case", sorted(JSON_COMMANDS))
def test_json_output_is_valid_json_and_keeps_the_text(case: str, devin: Invoke) -> None:
    result = devin(*JSON_COMMANDS[case])
    assert result.exit_code == 0, result.output
    data = _strict_json(result.stdout)
    assert HOSTILE in _strings(data)  # lossless: the exact server text
    # Even piped to a terminal, JSON cannot drive it: every control is a \\u escape.
    assert _unsafe(result.stdout) == []


def test_watch_json_lines_are_each_valid_json_and_keep_the_text(devin: Invoke) -> None:
    result = devin("--json", "sessions", "watch", "devin-1", "--poll-interval", "0")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 3  # the message, then a status per poll (hostile, then finished)
    events = [_strict_json(line) for line in lines]
    assert HOSTILE in _strings(events[0]["message"])
    assert events[1]["status"] == HOSTILE
    assert _unsafe(result.stdout) == []


def _raw(body: str, status: int = 200) -> Callable[[httpx.Request], httpx.Response]:
    """A server answering every request with this exact JSON text."""

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": "application/json"}
        return httpx.Response(status, content=body.encode(), headers=headers)

    return handler


def _session_text(**fields: str) -> str:
    base = {k: json.dumps(v) for k, v in _session("finished").items()}
    return "{" + ", ".join(f'"{k}": {fields.get(k, v)}' for k, v in base.items()) + "}"


def test_lone_surrogates_from_the_server_stay_valid_json() -> None:
    # "\\ud800" is valid JSON text for a lone surrogate; Python decodes it into a str that
    # cannot be encoded as UTF-8.
    body = _session_text(title='"broken \\ud800 surrogate"', tags='["\\udfff"]')
    devin = _cli(_raw(body))
    result = devin("--json", "sessions", "get", "devin-1")
    assert result.exit_code == 0, result.output
    data = _strict_json(result.stdout)
    assert data["title"] == "broken \ud800 surrogate"
    assert data["tags"] == ["\udfff"]
    human = devin("sessions", "get", "devin-1")
    assert human.exit_code == 0, human.output
    assert "broken \\ud800 surrogate" in human.stdout


def test_nan_and_infinity_from_the_server_are_never_printed() -> None:
    body = _session_text(structured_output='{"a": NaN, "b": Infinity, "c": [-Infinity, 1.5]}')
    devin = _cli(_raw(body))
    result = devin("--json", "sessions", "get", "devin-1")
    assert result.exit_code == 0, result.output
    assert _strict_json(result.stdout)["structured_output"] == {
        "a": None,
        "b": None,
        "c": [None, 1.5],
    }


def _json_error(result: Result) -> dict[str, Any]:
    assert result.stdout == "", result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    error: dict[str, Any] = _strict_json(lines[0])["error"]
    return error


def test_json_api_errors_are_json() -> None:
    devin = _cli(_raw(json.dumps({"detail": HOSTILE}), status=404))
    result = devin("--json", "sessions", "get", "devin-1")
    assert result.exit_code == 1
    error = _json_error(result)
    assert error["type"] == "NotFoundError"
    assert error["status_code"] == 404
    assert HOSTILE in error["message"]
    assert _unsafe(result.stderr) == []


def test_json_input_errors_are_json(devin: Invoke) -> None:
    result = devin("sessions", "create", "p", "--max-acu-limit", "0", "--json")
    assert result.exit_code == 2
    error = _json_error(result)
    assert error["type"] == "DevinValidationError"
    assert error["field"] == "max_acu_limit"


def test_json_usage_errors_are_json(devin: Invoke) -> None:
    for argv in (
        ["--json", "sessions", "wait", "devin-1", "--timeout", "-5"],  # a bad option value
        ["--json", "sessions", "explode"],  # no such command
        ["--json", "--max-retries", "-1", "sessions", "list"],  # a bad root option
    ):
        result = devin(*argv)
        assert result.exit_code == 2, (argv, result.output)
        assert _json_error(result)["type"] == "UsageError", argv


def test_json_without_an_api_key_is_json(devin: Invoke) -> None:
    result = devin("--json", "sessions", "list", env={"DEVIN_API_KEY": ""})
    assert result.exit_code == 2
    error = _json_error(result)
    assert "DEVIN_API_KEY" in error["message"]
    assert API_KEY not in result.output
