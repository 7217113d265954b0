"""``devin secrets create`` never prints the value it was given (typed at the prompt, piped or
passed as ``--value``), in any form, whatever the error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from devin_client import Devin

from ._wire import BASE_URL, Wire

KEY = "apk_user_CLI_SENTINEL_KEY_7f6e5d"


@pytest.fixture
def echoing_cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[Wire]:
    """The CLI's client sends to a server that quotes the request body back, JSON-escaped."""
    from devin_client.cli import _state

    wire = Wire(lambda r: httpx.Response(400, json={"detail": f"bad: {r.content.decode()}"}))
    http = wire.sync_client()

    def client(self: Any) -> Devin:
        return Devin(self.api_key, base_url=BASE_URL, http_client=http)

    monkeypatch.setattr(_state.State, "client", client)
    yield wire
    http.close()


PROMPTED = "pa\\ss\"w'ord-PROMPT-SENTINEL-é\n-----BEGIN KEY-----\nQUJDREVGR0hJSktMTU5PUFFSU1RVVldY"


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_cli_secrets_create_never_prints_the_value_typed(echoing_cli: Wire, debug: bool) -> None:
    from devin_client.cli import app
    from typer.testing import CliRunner

    args = ["--debug"] if debug else []
    result = CliRunner().invoke(
        app, [*args, "secrets", "create", "TOKEN"], input=PROMPTED, env={"DEVIN_API_KEY": KEY}
    )
    assert result.exit_code == 1, result.output
    assert echoing_cli.requests, "nothing was sent"
    assert "devin: error: 400 Bad Request: bad:" in result.output
    for form in (PROMPTED, json.dumps(PROMPTED)[1:-1], repr(PROMPTED)[1:-1]):
        for line in form.splitlines():
            assert line not in result.output, result.output
    assert "PROMPT-SENTINEL" not in result.output
    assert "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY" not in result.output
    assert KEY not in result.output


def test_cli_redacts_the_value_in_unexpected_errors(
    echoing_cli: Wire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even an error the library did not build (a bug, a third-party exception) is redacted."""
    from devin_client.cli import app
    from typer.testing import CliRunner

    def boom(self: Any, key: str, value: str, **kwargs: Any) -> Any:
        raise RuntimeError(f"unexpected failure with {json.dumps({'value': value})}")

    from devin_client._resources.secrets import Secrets

    monkeypatch.setattr(Secrets, "create", boom)
    result = CliRunner().invoke(
        app, ["secrets", "create", "TOKEN"], input=PROMPTED, env={"DEVIN_API_KEY": KEY}
    )
    assert result.exit_code == 1
    assert "unexpected RuntimeError" in result.output
    assert "PROMPT-SENTINEL" not in result.output
    assert "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY" not in result.output
