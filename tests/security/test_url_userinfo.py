"""URL userinfo (``user:password@``) is a credential: refused in the base URL without being
repeated, and never shown in logs (the client's nor httpx's), error messages or ``repr``."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from devin_client import AsyncDevin, Devin, DevinError, DevinValidationError

from ._leaks import texts_of, with_locals
from ._wire import BASE_URL, Wire

KEY = "apk_user_USERINFO_SENTINEL_KEY_1b3c5d"
PASSWORD = "hunter2-URL-PASSWORD-SENTINEL"
TOKEN_USER = "ghp_URLTOKENSENTINEL0123456789"


USERINFO_URLS = [
    f"https://bob:{PASSWORD}@api.devin.ai",
    f"https://:{PASSWORD}@api.devin.ai",
    f"https://{TOKEN_USER}@api.devin.ai",
    f"http://bob:{PASSWORD}@127.0.0.1:8123",
]


@pytest.mark.parametrize("url", USERINFO_URLS)
@pytest.mark.parametrize("cls", [Devin, AsyncDevin])
def test_a_base_url_with_userinfo_is_refused_without_echoing_it(url: str, cls: type) -> None:
    with pytest.raises(DevinValidationError) as caught:
        cls(KEY, base_url=url)
    assert caught.value.field == "base_url"
    assert "user name or password" in str(caught.value)
    text = texts_of(caught.value) + with_locals(caught.value)
    assert PASSWORD not in text
    assert TOKEN_USER not in text


def test_a_base_url_with_userinfo_from_the_environment_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEVIN_BASE_URL", USERINFO_URLS[0])
    with pytest.raises(DevinValidationError) as caught:
        Devin(KEY)
    assert caught.value.field == "base_url"
    assert PASSWORD not in texts_of(caught.value)


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(1)
    caplog.set_level(1, logger="devin_client")
    return caplog


def _log_text(caplog: pytest.LogCaptureFixture) -> str:
    return caplog.text + "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records)


RESPONSES: dict[str, Callable[[httpx.Request], httpx.Response]] = {
    "404": lambda r: httpx.Response(404, json={"detail": "no such file"}),
    "refused": lambda r: (_ for _ in ()).throw(
        httpx.ConnectError(f"cannot connect to {r.url}", request=r)
    ),
}


@pytest.mark.parametrize("outcome", sorted(RESPONSES))
@pytest.mark.parametrize("user", [f"bob:{PASSWORD}", TOKEN_USER])
def test_userinfo_of_a_download_url_is_never_logged_nor_in_errors(
    outcome: str, user: str, all_logs: pytest.LogCaptureFixture
) -> None:
    wire = Wire(RESPONSES[outcome])
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as client,
        pytest.raises(DevinError) as caught,
    ):
        client.attachments.download(f"https://{user}@files.example/a/report.txt")
    text = texts_of(caught.value) + _log_text(all_logs)
    assert PASSWORD not in text
    assert TOKEN_USER not in text


def test_userinfo_in_a_connection_error_is_redacted_but_the_host_is_named() -> None:
    from devin_client._core._pipeline import connection_error

    request = httpx.Request("GET", f"https://bob:{PASSWORD}@files.example/a/b.txt?sig=1")
    exc = connection_error(httpx.ConnectError(f"failed: {request.url}"), request)
    assert "files.example" in str(exc)
    assert PASSWORD not in texts_of(exc)


def test_logging_never_shows_userinfo_of_a_presigned_redirect(
    all_logs: pytest.LogCaptureFixture,
) -> None:
    """A redirect to a URL carrying userinfo (a hostile API, a misconfigured proxy)."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.devin.ai":
            location = f"https://bob:{PASSWORD}@files.example/x.txt"
            return httpx.Response(307, headers={"Location": location})
        return httpx.Response(200, content=b"data")

    wire = Wire(handler)
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http) as client,
    ):
        error = ""
        try:
            client.attachments.download("/v1/attachments/0f0e/x.txt")
        except DevinError as exc:  # whether the download is allowed is not the point here
            error = texts_of(exc)
    assert len(wire.requests) >= 1
    assert PASSWORD not in error
    assert PASSWORD not in _log_text(all_logs)
