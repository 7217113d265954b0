"""The API key and secret values never appear in logs (any logger, any level), ``repr``,
exception text or tracebacks, even when a server echoes them back."""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from devin_client import AsyncDevin, Devin, DevinError
from devin_client.testing import DevinMock
from typer.testing import CliRunner

from ._wire import BASE_URL, Wire

KEY = "apk_user_REDACTION_SENTINEL_KEY_b71f0c"
WRONG_KEY = "apk_user_WRONG_SENTINEL_KEY_5a9e33"
SECRET = "SECRET-VALUE-SENTINEL-d3e8a1"
SESSION_SECRET = "SESSION-SECRET-SENTINEL-77c2b4"
SENTINELS = (KEY, WRONG_KEY, SECRET, SESSION_SECRET)


def leaks(text: str) -> list[str]:
    return [s for s in SENTINELS if s in text]


def exception_texts(exc: BaseException) -> str:
    """str, repr and the full traceback, with its chained causes."""
    return "\n".join([str(exc), repr(exc), "".join(traceback.format_exception(exc))])


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Capture every logger at every level (httpx, httpcore, uvicorn, the mock, the client)."""
    caplog.set_level(1)
    caplog.set_level(1, logger="devin_client")
    return caplog


def all_log_text(caplog: pytest.LogCaptureFixture) -> str:
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        lines.append(repr(record.args))
        lines.append(repr(record.__dict__))
    return caplog.text + "\n".join(lines)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[DevinMock, str]]:
    mock = DevinMock(keys={KEY: "org-redaction"})
    with mock.serve() as server:
        yield mock, server.base_url
    mock.reset()


def _sync_scenario(client: Devin, wrong: Devin, mock: DevinMock) -> list[BaseException]:
    """Successes, retries, API errors, a 401 and a connection error; returns the errors."""
    errors: list[BaseException] = []

    def attempt(fn: Callable[[], Any]) -> None:
        try:
            fn()
        except DevinError as exc:
            errors.append(exc)

    created = client.sessions.create(
        "redaction check", session_secrets=[{"key": "TOKEN", "value": SESSION_SECRET}]
    )
    client.secrets.create("API_TOKEN", SECRET)
    attempt(lambda: client.secrets.create("API_TOKEN", SECRET))  # 409: the key exists
    mock.faults.add("rate_limit", count=1, retry_after=0.0)
    mock.faults.add("server_error", count=1)
    mock.faults.add("drop", count=1)
    client.with_options(max_retries=3).sessions.get(created.session_id)  # 3 retries, INFO logs
    mock.faults.clear()
    mock.faults.add("server_error", count=5)
    attempt(lambda: client.sessions.create("x", session_secrets=[{"key": "K", "value": SECRET}]))
    mock.faults.clear()
    attempt(lambda: client.sessions.get("devin-does-not-exist"))
    attempt(
        lambda: client.with_options(validate=False).sessions.create(
            "x", session_secrets=[{"key": "", "value": SESSION_SECRET}]
        )
    )
    url = client.attachments.upload(b"payload", filename="a.txt")
    client.attachments.download(url)
    attempt(lambda: list(wrong.sessions.list()))
    return errors


def test_sync_client_never_leaks(
    served: tuple[DevinMock, str], all_logs: pytest.LogCaptureFixture
) -> None:
    mock, base_url = served
    with (
        Devin(KEY, base_url=base_url, sleep=lambda s: None) as client,
        Devin(WRONG_KEY, base_url=base_url) as wrong,
    ):
        errors = _sync_scenario(client, wrong, mock)
        reprs = [repr(client), str(client), repr(wrong), repr(client.with_options(timeout=5))]
        reprs += [repr(client.sessions), repr(client.secrets), repr(client.secrets.list())]
    assert len(errors) >= 5  # the scenario really produced errors
    assert any(r.levelno == logging.DEBUG for r in all_logs.records)
    assert any(r.levelno == logging.INFO and "retrying" in r.getMessage() for r in all_logs.records)
    assert leaks(all_log_text(all_logs)) == []
    assert leaks("\n".join(reprs)) == []
    for exc in errors:
        assert leaks(exception_texts(exc)) == [], exception_texts(exc)


@pytest.mark.anyio
async def test_async_client_never_leaks(
    served: tuple[DevinMock, str], all_logs: pytest.LogCaptureFixture
) -> None:
    mock, base_url = served
    errors: list[BaseException] = []

    async def no_sleep(seconds: float) -> None:
        return None

    async with AsyncDevin(KEY, base_url=base_url, sleep=no_sleep) as client:
        await client.secrets.create("ASYNC_TOKEN", SECRET)
        mock.faults.add("server_error", count=1)
        mock.faults.add("drop", count=1)
        await client.secrets.list()
        mock.faults.clear()
        for call in (
            lambda: client.secrets.create("ASYNC_TOKEN", SECRET),
            lambda: client.sessions.get("devin-nope"),
        ):
            try:
                await call()
            except DevinError as exc:
                errors.append(exc)
        reprs = repr(client) + repr(client.with_options(max_retries=1))
    async with AsyncDevin(WRONG_KEY, base_url=base_url) as wrong:
        try:
            await wrong.secrets.list()
        except DevinError as exc:
            errors.append(exc)
    assert len(errors) == 3
    assert leaks(all_log_text(all_logs)) == []
    assert leaks(reprs) == []
    for exc in errors:
        assert leaks(exception_texts(exc)) == [], exception_texts(exc)


# -- a hostile or buggy server that echoes the request back ------------------------------------


def _echo(request: httpx.Request) -> str:
    return f"{request.headers.get('authorization')} {request.content.decode('utf-8', 'replace')}"


ECHOES: dict[str, Callable[[httpx.Request], httpx.Response]] = {
    "400 detail": lambda r: httpx.Response(400, json={"detail": _echo(r)}),
    "401 detail": lambda r: httpx.Response(401, json={"detail": _echo(r)}),
    "409 detail": lambda r: httpx.Response(409, json={"detail": _echo(r)}),
    "422 loc/msg": lambda r: httpx.Response(
        422, json={"detail": [{"loc": ["body", "value"], "msg": _echo(r), "type": "x"}]}
    ),
    "429 text": lambda r: httpx.Response(429, text=_echo(r), headers={"Retry-After": "0"}),
    "500 html": lambda r: httpx.Response(500, html=f"<html><pre>{_echo(r)}</pre></html>"),
    "502 json": lambda r: httpx.Response(502, json={"error": {"echo": _echo(r)}}),
    "200 bad json": lambda r: httpx.Response(200, text="{" + _echo(r)),
    "200 wrong shape": lambda r: httpx.Response(200, json={"id": {"echo": _echo(r)}}),
    "201 wrong date": lambda r: httpx.Response(
        201, json={"id": "s1", "created_at": _echo(r), "session_id": "x", "url": _echo(r)}
    ),
}


@pytest.mark.parametrize("echo", sorted(ECHOES))
def test_errors_from_an_echoing_server_never_show_the_key_or_secrets(echo: str) -> None:
    wire = Wire(ECHOES[echo])
    texts: list[str] = []
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as client,
    ):
        calls: list[Callable[[], Any]] = [
            lambda: client.secrets.create("TOKEN", SECRET),
            lambda: client.sessions.create(
                "p", session_secrets=[{"key": "K", "value": SESSION_SECRET}], idempotent=True
            ),
            lambda: client.sessions.get("devin-1"),
        ]
        for call in calls:
            try:
                call()
            except DevinError as exc:
                texts.append(exception_texts(exc))
    # (A wrong-typed 2xx body that is accepted is tested in test_bad_responses.)
    assert texts, f"{echo}: no call failed"
    for text in texts:
        assert leaks(text) == [], text


# -- the command line ------------------------------------------------------------------------


def test_cli_debug_output_never_shows_the_key(served: tuple[DevinMock, str]) -> None:
    from devin_client.cli import app

    _, base_url = served
    runner = CliRunner()
    outputs = []
    for args, env in (
        (["--api-key", KEY, "--debug", "sessions", "get", "devin-missing"], {}),
        (["--debug", "--json", "secrets", "list"], {"DEVIN_API_KEY": KEY}),
        (["--debug", "sessions", "list"], {"DEVIN_API_KEY": WRONG_KEY}),
        (["--debug", "secrets", "create", "CLI_TOKEN", "--value", SECRET], {"DEVIN_API_KEY": KEY}),
        (["--debug", "secrets", "create", "CLI_TOKEN", "--value", SECRET], {"DEVIN_API_KEY": KEY}),
    ):
        result = runner.invoke(app, args, env={"DEVIN_BASE_URL": base_url, **env})
        outputs.append((result.exit_code, result.output + json.dumps(str(result.exception))))
    assert [code for code, _ in outputs] == [1, 0, 1, 0, 1]
    for _, text in outputs:
        assert leaks(text) == [], text


# -- connection failures and construction errors ---------------------------------------------


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # closed again: connecting is refused


def test_connection_and_timeout_errors_never_show_the_key(
    all_logs: pytest.LogCaptureFixture,
) -> None:
    texts = []
    with Devin(KEY, base_url=f"http://127.0.0.1:{_closed_port()}", sleep=lambda s: None) as c:
        for call in (lambda: c.sessions.get("devin-1"), lambda: c.secrets.create("K", SECRET)):
            with pytest.raises(DevinError) as caught:
                call()
            texts.append(exception_texts(caught.value))

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout(f"timed out; headers were {request.headers}", request=request)

    wire = Wire(slow)
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as c,
        pytest.raises(DevinError) as caught,
    ):
        c.secrets.create("K", SECRET)
    texts.append(exception_texts(caught.value))
    assert len(texts) == 3
    for text in texts:
        assert leaks(text) == [], text
    assert leaks(all_log_text(all_logs)) == []


@pytest.mark.parametrize(
    "bad_key", [f"{KEY}\n", f"{KEY} extra", f"\t{KEY}", f"{KEY}\x00"], ids=repr
)
def test_a_malformed_key_is_refused_without_echoing_it(bad_key: str) -> None:
    from devin_client import DevinValidationError

    with pytest.raises(DevinValidationError) as caught:
        Devin(bad_key, base_url=BASE_URL)
    assert leaks(exception_texts(caught.value)) == []
