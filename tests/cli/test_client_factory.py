"""The ``devin`` command builds its client through one factory, which a caller can replace."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from devin_client.cli import AnyDevin, ClientOptions, app, main, make_client
from typer.testing import CliRunner

from ._inject import answered_by

ROOT = Path(__file__).resolve().parents[2]
KEY = "apk_user_FACTORY_SENTINEL_KEY_0c2d"


def _secrets(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=[{"id": "sec-1", "type": "key-value", "key": "TOKEN"}])


def test_the_factory_gets_the_global_options_and_every_request_goes_through_its_client(
    capsys: pytest.CaptureFixture[str],
) -> None:
    given: list[ClientOptions] = []
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(str(request.url))
        return _secrets(request)

    inner = answered_by(handler)

    def factory(options: ClientOptions) -> AnyDevin:
        given.append(options)
        return inner(options)

    argv = ["--api-key", KEY, "--base-url", "http://10.0.0.7:9000", "--allow-insecure-http"]
    with pytest.raises(SystemExit) as done:
        main([*argv, "--max-retries", "0", "--json", "secrets", "list"], client_factory=factory)
    assert done.value.code == 0
    assert given == [
        ClientOptions(
            api_key=KEY, base_url="http://10.0.0.7:9000", max_retries=0, allow_insecure_http=True
        )
    ]
    assert KEY not in repr(given[0])
    assert sent == ["http://10.0.0.7:9000/v1/secrets"]
    assert '"TOKEN"' in capsys.readouterr().out


def test_options_not_given_are_left_to_the_library_and_its_environment() -> None:
    given: list[ClientOptions] = []

    def factory(options: ClientOptions) -> AnyDevin:
        given.append(options)
        return answered_by(_secrets)(options)

    env = {"DEVIN_API_KEY": KEY, "DEVIN_BASE_URL": "https://devin.example.com"}
    result = CliRunner().invoke(app, ["secrets", "list"], env=env, client_factory=factory)
    assert result.exit_code == 0, result.output
    assert given == [ClientOptions()]
    assert "sec-1" in result.stdout


def test_the_default_factory_checks_the_options_like_the_library() -> None:
    with make_client(ClientOptions(api_key=KEY, base_url="https://devin.example.com")) as client:
        assert client.base_url == "https://devin.example.com"
    result = CliRunner().invoke(
        app,
        ["--base-url", "http://devin.example.com", "sessions", "list"],
        env={"DEVIN_API_KEY": KEY},
        client_factory=answered_by(_secrets),
    )
    assert result.exit_code == 2  # a factory of one's own still gets the library's checks
    assert "--allow-insecure-http" in result.stderr


# A test that swaps httpx's transport for every client in the process also hides which client
# sent what; tests give the command a client through its factory instead.
GLOBAL_HTTPX_PATCH = re.compile(r"setattr\(\s*(httpx\.|[\"']httpx\.)")


def test_no_test_patches_httpx_globally() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if GLOBAL_HTTPX_PATCH.search(line)
    ]
    assert offenders == []
