"""Plain ``http://`` base URLs are refused for non-loopback hosts unless explicitly allowed."""

from __future__ import annotations

import pytest
from devin_client import AsyncDevin, Devin, DevinValidationError

from ._wire import API_KEY, Wire

REFUSED = [
    "http://api.devin.ai",
    "HTTP://API.DEVIN.AI",
    "http://10.0.0.5:8080",
    "http://192.168.1.10",
    "http://0.0.0.0:8123",
    "http://localhost.evil.example",
    "http://127.0.0.1.nip.io",
    "http://evil.example/127.0.0.1",
    "http://[2001:db8::1]:8080",
    "http://devin.internal",
]
LOOPBACK = [
    "http://127.0.0.1:8123",
    "http://127.5.5.5:8123",
    "http://localhost:8123",
    "http://LOCALHOST:8123",
    "http://[::1]:8123",
    "http://sub.localhost:8123",
]


@pytest.mark.parametrize("url", REFUSED)
@pytest.mark.parametrize("cls", [Devin, AsyncDevin])
def test_non_loopback_http_is_refused(cls: type[Devin] | type[AsyncDevin], url: str) -> None:
    with pytest.raises(DevinValidationError, match="http://") as caught:
        cls(API_KEY, base_url=url)
    assert caught.value.field == "base_url"
    assert API_KEY not in str(caught.value)


@pytest.mark.parametrize("url", REFUSED)
def test_non_loopback_http_from_the_environment_is_refused(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVIN_BASE_URL", url)
    with pytest.raises(DevinValidationError) as caught:
        Devin(API_KEY)
    assert caught.value.field == "base_url"


@pytest.mark.parametrize("url", ["http://api.devin.ai", "http://10.0.0.5:8080"])
def test_explicitly_allowed_insecure_http_is_accepted(url: str) -> None:
    wire = Wire()
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=url, allow_insecure_http=True, http_client=http) as client,
    ):
        assert client.base_url == url


@pytest.mark.parametrize("url", LOOPBACK)
def test_loopback_http_is_accepted(url: str) -> None:
    with Devin(API_KEY, base_url=url) as client:
        assert client.base_url == url


@pytest.mark.parametrize("url", ["ftp://api.devin.ai", "file:///etc/passwd", "api.devin.ai", ""])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(DevinValidationError) as caught:
        Devin(API_KEY, base_url=url)
    assert caught.value.field == "base_url"
