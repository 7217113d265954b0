"""The ``devin`` command speaking the API v3: the ``cog_`` key and secret values are never
printed (any form, any output mode, whatever the server echoes), and v3 server text is inert on
the terminal."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner, Result

from ..cli._inject import answered_by
from ._wire import BASE_URL, Wire

KEY = "cog_CLI_V3_SENTINEL_KEY_51a7c3"
SECRET = "pa\\ss\"w'ord-V3-SECRET-SENTINEL-é"
ORG = "org-security"


def _forms(text: str) -> list[str]:
    """How a string may be echoed: as is, JSON-escaped, ``repr``-escaped."""
    return [text, json.dumps(text)[1:-1], repr(text)[1:-1]]


def _echo(request: httpx.Request) -> httpx.Response:
    """A server that quotes what it got (the key, the body) in every part of a ProblemDetail."""
    quoted = f"{request.headers.get('authorization')} {request.content.decode()}"
    return httpx.Response(
        400 if request.method != "GET" else 422,
        json={
            "type": "about:blank",
            "title": f"Bad: {quoted}",
            "status": 400,
            "detail": f"you sent {quoted}",
            "errors": [{"loc": ["body", quoted], "msg": quoted, "type": "value_error"}],
        },
    )


def _devin(handler: Callable[[httpx.Request], httpx.Response], *args: str, **kw: Any) -> Result:
    from devin_client.cli import app

    env = {"DEVIN_API_KEY": KEY, "DEVIN_BASE_URL": BASE_URL, "DEVIN_ORG_ID": ORG}
    return CliRunner().invoke(app, list(args), env=env, client_factory=answered_by(handler), **kw)


COMMANDS = {
    "secrets create (stdin)": (["secrets", "create", "TOKEN"], SECRET),
    "secrets create (--value)": (["secrets", "create", "TOKEN", "--value", SECRET], None),
    "sessions create": (["sessions", "create", "Fix it", "--tag", "t"], None),
    "sessions message": (["sessions", "message", "devin-1", "hello"], None),
    "sessions list": (["sessions", "list"], None),
    "sessions tags append": (["sessions", "tags", "devin-1", "--append", "x"], None),
    "knowledge create": (
        ["knowledge", "create", "--name", "n", "--trigger", "t", "--body", "b"],
        None,
    ),
    "schedules create": (["schedules", "create", "n", "p", "--frequency", "0 2 * * *"], None),
}


@pytest.mark.parametrize("mode", [[], ["--json"], ["--debug"]], ids=["plain", "json", "debug"])
@pytest.mark.parametrize("case", sorted(COMMANDS))
def test_the_cog_key_and_secret_values_never_print(case: str, mode: list[str]) -> None:
    args, stdin = COMMANDS[case]
    wire = Wire(_echo)
    result = _devin(wire, *mode, *args, input=stdin)
    assert result.exit_code == 1, result.output
    assert wire.requests, "nothing was sent"
    assert "Bearer" in result.output or "you sent" in result.output  # the echo was shown
    for sentinel in (KEY, SECRET):
        for form in _forms(sentinel):
            assert form not in result.output, (form, result.output)
    assert "V3-SECRET-SENTINEL" not in result.output
    assert "V3_SENTINEL_KEY" not in result.output


def test_the_cog_key_never_prints_against_the_mock(devin_mock: Any) -> None:
    from devin_client.cli import app

    env = {"DEVIN_API_KEY": devin_mock.cog_api_key, "DEVIN_BASE_URL": devin_mock.base_url}
    runner = CliRunner()
    outputs = [
        runner.invoke(app, ["--debug", "sessions", "create", "Fix it"], env=env),
        runner.invoke(
            app, ["--debug", "--json", "secrets", "create", "K", "--value", SECRET], env=env
        ),
        runner.invoke(app, ["--debug", "secrets", "list"], env=env),
        runner.invoke(app, ["--debug", "--json", "secrets", "list"], env=env),
        runner.invoke(app, ["--api-key", "cog_wrong_V3_SENTINEL_KEY", "sessions", "list"], env=env),
    ]
    assert [r.exit_code for r in outputs] == [0, 0, 0, 0, 1]
    for result in outputs:
        for sentinel in (devin_mock.cog_api_key, SECRET, "cog_wrong_V3_SENTINEL_KEY"):
            for form in _forms(sentinel):
                assert form not in result.output, (form, result.output)
    assert '"key": "K"' in outputs[3].output  # the secret is listed, its value never


HOSTILE = "\x1b[2J\x1b]52;c;ZXZpbA==\x07[bold]x[/bold]\r\u202eevil"


def _hostile_v3(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    session = {
        "session_id": "devin-1",
        "url": "https://app.devin.ai/sessions/1",
        "status": "running",
        "status_detail": "finished",
        "title": HOSTILE,
        "tags": [HOSTILE],
        "org_id": ORG,
        "created_at": 1764460800,
        "updated_at": 1764460800,
        "acus_consumed": 1.0,
        "pull_requests": [],
    }
    if path.endswith("/messages"):
        message = {"event_id": "e1", "source": "devin", "message": HOSTILE, "created_at": 1}
        page = {"items": [message], "has_next_page": False, "end_cursor": None, "total": 1}
        return httpx.Response(200, json=page)
    if path.endswith("/sessions"):
        page = {"items": [session], "has_next_page": False, "end_cursor": None, "total": 1}
        return httpx.Response(200, json=page)
    if path.endswith("/devin-1"):
        return httpx.Response(200, json=session)
    return httpx.Response(404, json={"title": "Not Found", "status": 404, "detail": HOSTILE})


@pytest.mark.parametrize(
    "args",
    [
        ["sessions", "get", "devin-1"],
        ["sessions", "list"],
        ["sessions", "messages", "devin-1"],
        ["sessions", "archive", "devin-2"],  # the error line
    ],
)
def test_v3_server_text_is_inert_on_the_terminal(args: list[str]) -> None:
    result = _devin(_hostile_v3, *args)
    assert result.exit_code in (0, 1), result.output
    for char in ("\x1b", "\x07", "\r", "\u202e"):
        assert char not in result.output
    assert "\\x1b[2J" in result.output
    assert "[bold]x[/bold]" in result.output  # markup printed as it is, never interpreted


def _flood(request: httpx.Request) -> httpx.Response:
    """A ProblemDetail as large as a body may be: long texts, thousands of field errors, and the
    key placed where a cut at 500 characters would split it."""
    straddling = "T" * 490 + request.headers["authorization"]
    errors = [{"loc": ["body", f"f{n}"], "msg": "m", "type": "t"} for n in range(5000)]
    errors.insert(0, {"loc": ["body", "x"], "msg": "M" * 300_000 + straddling, "type": "t"})
    return httpx.Response(
        422,
        json={"title": "X" * 300_000, "status": 422, "detail": straddling, "errors": errors},
    )


@pytest.mark.parametrize("mode", [[], ["--json"]], ids=["plain", "json"])
def test_a_huge_problem_detail_gives_a_short_error(mode: list[str]) -> None:
    result = _devin(_flood, *mode, "sessions", "get", "devin-1")
    assert result.exit_code == 1, result.output
    assert len(result.output) < 20_000  # not 300 KB of title, nor 5,000 lines
    assert "V3_SENTINEL" not in result.output  # scrubbed before it was cut
    assert "cog_CLI" not in result.output
    if mode:
        error = json.loads(result.output)["error"]
        assert len(error["errors"]) == 20
        assert error["errors_omitted"] == 4981
    else:
        assert "  - ... (4981 more)" in result.output
