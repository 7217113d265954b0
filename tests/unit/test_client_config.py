"""Constructing clients: key and base URL resolution, http refusal, repr, options, closing."""

from __future__ import annotations

import httpx
import pytest
from devin_client import AsyncDevin, Devin, DevinValidationError

from .conftest import API_KEY, Recorder


def test_key_from_environment(monkeypatch: pytest.MonkeyPatch, recorder: Recorder) -> None:
    monkeypatch.setenv("DEVIN_API_KEY", "apk_from_env")
    recorder.route("GET", "/v1/secrets", [])
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    with Devin(http_client=http) as client:
        assert client.secrets.list() == []
    assert recorder.requests[0].headers["authorization"] == "Bearer apk_from_env"


def test_no_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEVIN_API_KEY", raising=False)
    with pytest.raises(DevinValidationError, match="DEVIN_API_KEY") as info:
        Devin()
    assert info.value.field == "api_key"
    with pytest.raises(DevinValidationError, match="DEVIN_API_KEY"):
        AsyncDevin()


def test_bad_key_message_does_not_echo_it() -> None:
    with pytest.raises(DevinValidationError) as info:
        Devin("apk_secret part\n")
    assert "apk_secret" not in str(info.value)


def test_base_url_defaults_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEVIN_BASE_URL", raising=False)
    assert Devin(API_KEY).base_url == "https://api.devin.ai"
    monkeypatch.setenv("DEVIN_BASE_URL", "https://devin.example.com/")
    assert Devin(API_KEY).base_url == "https://devin.example.com"
    assert Devin(API_KEY, base_url="https://other.example").base_url == "https://other.example"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8123", "http://localhost:9", "http://[::1]:80", "http://127.0.0.2"]
)
def test_plain_http_allowed_for_loopback(url: str) -> None:
    assert Devin(API_KEY, base_url=url).base_url == url


def test_plain_http_refused_elsewhere_unless_allowed() -> None:
    with pytest.raises(DevinValidationError, match="allow_insecure_http") as info:
        Devin(API_KEY, base_url="http://api.devin.ai")
    assert info.value.field == "base_url"
    client = Devin(API_KEY, base_url="http://devin.internal", allow_insecure_http=True)
    assert client.base_url == "http://devin.internal"


@pytest.mark.parametrize("url", ["ftp://x", "api.devin.ai", "https://", 5])
def test_bad_base_url(url: object) -> None:
    with pytest.raises(DevinValidationError):
        Devin(API_KEY, base_url=url)  # type: ignore[arg-type]


def test_repr_never_shows_the_key() -> None:
    client = Devin(API_KEY)
    assert API_KEY not in repr(client)
    assert "api.devin.ai" in repr(client)
    assert API_KEY not in repr(AsyncDevin(API_KEY))


def test_default_timeout_is_finite() -> None:
    timeout = Devin(API_KEY).timeout
    assert timeout.read is not None
    assert timeout.connect is not None
    assert 0 < timeout.read <= 600


@pytest.mark.parametrize("timeout", [-1, 0, float("inf"), float("nan"), "5", True])
def test_bad_timeout(timeout: object) -> None:
    with pytest.raises(DevinValidationError) as info:
        Devin(API_KEY, timeout=timeout)  # type: ignore[arg-type]
    assert info.value.field == "timeout"


@pytest.mark.parametrize("max_retries", [-1, 1.5, "2", None, True])
def test_bad_max_retries(max_retries: object) -> None:
    with pytest.raises(DevinValidationError):
        Devin(API_KEY, max_retries=max_retries)  # type: ignore[arg-type]


def test_wrong_http_client_type() -> None:
    with pytest.raises(DevinValidationError):
        Devin(API_KEY, http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(DevinValidationError):
        AsyncDevin(API_KEY, http_client=httpx.Client())  # type: ignore[arg-type]


def test_timeout_is_applied_to_requests(recorder: Recorder) -> None:
    recorder.route("GET", "/v1/secrets", [])
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = Devin(API_KEY, http_client=http, timeout=12.5)
    client.secrets.list()
    client.with_options(timeout=3.0).secrets.list()
    assert recorder.requests[0].extensions["timeout"]["read"] == 12.5
    assert recorder.requests[1].extensions["timeout"]["read"] == 3.0


def test_with_options_copies_without_touching_the_original(client: Devin) -> None:
    other = client.with_options(max_retries=7, validate=False)
    assert (other.max_retries, other.validate) == (7, False)
    assert (client.max_retries, client.validate) == (2, True)
    assert other.sessions is not client.sessions
    with pytest.raises(DevinValidationError):
        client.with_options(max_retries=-1)


def test_close_only_what_the_client_owns() -> None:
    passed = httpx.Client()
    with Devin(API_KEY, http_client=passed) as client:
        client.with_options(max_retries=0).close()
    assert not passed.is_closed
    owned = Devin(API_KEY)
    copy = owned.with_options(max_retries=0)
    copy.close()
    assert not owned._http.is_closed
    with owned:
        pass
    assert owned._http.is_closed
    passed.close()


@pytest.mark.anyio
async def test_async_close() -> None:
    client = AsyncDevin(API_KEY)
    async with client:
        pass
    assert client._http.is_closed


def test_clients_share_one_tls_context_and_still_verify() -> None:
    # Loading the CA bundle costs ~100 ms; a CLI or a test suite creates many clients.
    import ssl

    with Devin("k") as first, Devin("k") as second:
        contexts = {id(c._http._transport._pool._ssl_context) for c in (first, second)}
        context = first._http._transport._pool._ssl_context
    assert len(contexts) == 1
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
