"""``devin secrets create`` never prints the value it was given (typed at the prompt, piped or
passed as ``--value``), in any form, whatever the error."""

from __future__ import annotations

import json

import httpx
import pytest
from typer.testing import CliRunner, Result

from ..cli._inject import answered_by
from ._wire import BASE_URL, Wire

KEY = "apk_user_CLI_SENTINEL_KEY_7f6e5d"


def _echo(request: httpx.Request) -> httpx.Response:
    return httpx.Response(400, json={"detail": f"bad: {request.content.decode()}"})


@pytest.fixture
def echoing_cli() -> Wire:
    """The server the CLI's client sends to (through its client factory): it quotes the
    request body back, JSON-escaped."""
    return Wire(_echo)


def _devin(wire: Wire, *args: str, input: str) -> Result:
    from devin_client.cli import app

    env = {"DEVIN_API_KEY": KEY, "DEVIN_BASE_URL": BASE_URL}
    return CliRunner().invoke(
        app, list(args), input=input, env=env, client_factory=answered_by(wire)
    )


PROMPTED = "pa\\ss\"w'ord-PROMPT-SENTINEL-é\n-----BEGIN KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldY"


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_cli_secrets_create_never_prints_the_value_typed(echoing_cli: Wire, debug: bool) -> None:
    args = ["--debug"] if debug else []
    result = _devin(echoing_cli, *args, "secrets", "create", "TOKEN", input=PROMPTED)
    assert result.exit_code == 1, result.output
    assert echoing_cli.requests, "nothing was sent"
    assert "devin: error: 400 Bad Request: bad:" in result.output
    for form in (PROMPTED, json.dumps(PROMPTED)[1:-1], repr(PROMPTED)[1:-1]):
        for line in form.splitlines():
            assert line not in result.output, result.output
    assert "PROMPT-SENTINEL" not in result.output
    assert "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY" not in result.output
    assert KEY not in result.output


def test_cli_redacts_the_value_in_unexpected_errors() -> None:
    """Even an error the library did not build (a bug, a third-party exception raised by a
    transport) is redacted."""

    def boom(request: httpx.Request) -> httpx.Response:
        raise RuntimeError(f"unexpected failure with {request.content.decode()}")

    wire = Wire(boom)
    result = _devin(wire, "secrets", "create", "TOKEN", input=PROMPTED)
    assert result.exit_code == 1
    assert wire.requests, "nothing was sent"
    assert "unexpected RuntimeError" in result.output
    assert "PROMPT-SENTINEL" not in result.output
    assert "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY" not in result.output
