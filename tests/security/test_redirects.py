"""``Authorization`` never travels to another origin on a redirect."""

from __future__ import annotations

import httpx
import pytest
from devin_client import APIStatusError, AsyncDevin, Devin, DevinError
from devin_client.testing import DevinMock

from ._wire import API_KEY, BASE_URL, Wire

ATTACHMENT = f"{BASE_URL}/v1/attachments/0b7f1c2e/report.csv"

# Redirect targets that are a different origin from https://api.devin.ai (scheme, host or port).
# (A scheme downgrade, https -> http, is refused outright: test_downloads.py.)
OTHER_ORIGINS = {
    "other host": "https://files.example.com/bucket/report.csv?sig=abc",
    "other port": "https://api.devin.ai:8443/v1/attachments/0b7f1c2e/report.csv",
    "userinfo trick": "https://api.devin.ai@evil.example/steal",
    "scheme-relative": "//evil.example/steal",
    "subdomain": "https://evil.api.devin.ai/steal",
}


def _redirecting(target: str) -> Wire:
    def handler(request: httpx.Request) -> httpx.Response:
        if (
            request.url.host == "api.devin.ai"
            and request.url.port in (None, 443)
            and (request.url.scheme == "https")
        ):
            return httpx.Response(307, headers={"Location": target})
        return httpx.Response(200, content=b"file bytes")

    return Wire(handler)


def _auth_sent_off_origin(wire: Wire) -> list[str]:
    # (httpx itself turns a URL's userinfo into Basic auth: that is the URL's own credential,
    # so what must never appear off the API origin is our bearer key.)
    return [
        str(r.url)
        for r in wire.requests
        if (r.url.scheme, r.url.host, r.url.port) != ("https", "api.devin.ai", None)
        and (API_KEY in str(r.headers) or "bearer" in r.headers.get("authorization", "").lower())
    ]


@pytest.mark.parametrize("name", sorted(OTHER_ORIGINS))
def test_download_drops_authorization_across_origins(name: str) -> None:
    wire = _redirecting(OTHER_ORIGINS[name])
    with wire.sync_client() as http, Devin(API_KEY, base_url=BASE_URL, http_client=http) as c:
        assert c.attachments.download(ATTACHMENT) == b"file bytes"
    assert len(wire.requests) == 2
    assert wire.requests[0].headers["authorization"] == f"Bearer {API_KEY}"
    assert _auth_sent_off_origin(wire) == []
    assert all(API_KEY not in str(r.url) for r in wire.requests)


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(OTHER_ORIGINS))
async def test_async_download_drops_authorization_across_origins(name: str) -> None:
    wire = _redirecting(OTHER_ORIGINS[name])
    async with (
        wire.async_client() as http,
        AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http) as c,
    ):
        assert await c.attachments.download(ATTACHMENT) == b"file bytes"
    assert len(wire.requests) == 2
    assert _auth_sent_off_origin(wire) == []


def test_a_redirect_chain_back_through_another_origin_keeps_the_key_off_it() -> None:
    hops = {
        "api.devin.ai": "https://cdn.example.com/a",
        "cdn.example.com": "https://storage.example.net/b",
    }

    def handler(request: httpx.Request) -> httpx.Response:
        target = hops.get(request.url.host)
        if target:
            return httpx.Response(302, headers={"Location": target})
        return httpx.Response(200, content=b"ok")

    wire = Wire(handler)
    with wire.sync_client() as http, Devin(API_KEY, base_url=BASE_URL, http_client=http) as c:
        assert c.attachments.download(ATTACHMENT) == b"ok"
    assert [r.url.host for r in wire.requests] == [
        "api.devin.ai",
        "cdn.example.com",
        "storage.example.net",
    ]
    assert _auth_sent_off_origin(wire) == []


def test_endless_redirects_end_in_a_typed_error() -> None:
    wire = Wire(lambda r: httpx.Response(307, headers={"Location": "https://loop.example/x"}))
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http) as c,
        pytest.raises(DevinError, match="redirect"),
    ):
        c.attachments.download(ATTACHMENT)
    assert len(wire.requests) <= 6
    assert _auth_sent_off_origin(wire) == []


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_api_calls_do_not_follow_redirects_to_other_origins(status: int) -> None:
    wire = Wire(
        lambda r: httpx.Response(status, headers={"Location": "https://evil.example/v1/sessions"})
    )
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http) as c,
        pytest.raises(APIStatusError) as caught,
    ):
        c.sessions.get("devin-1")
    assert caught.value.status_code == status
    assert [r.url.host for r in wire.requests] == ["api.devin.ai"]


def test_a_caller_client_that_follows_redirects_still_drops_authorization() -> None:
    # A user's own httpx.Client(follow_redirects=True): httpx follows, the key must not go along.
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.devin.ai":
            return httpx.Response(302, headers={"Location": "https://evil.example/v1/x"})
        return httpx.Response(200, json={"sessions": []})

    wire = Wire(handler)
    with (
        wire.sync_client(follow_redirects=True) as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http) as c,
    ):
        list(c.sessions.list())
    assert [r.url.host for r in wire.requests] == ["api.devin.ai", "evil.example"]
    assert _auth_sent_off_origin(wire) == []


def test_the_mock_presigned_download_gets_no_key() -> None:
    # Against the real server: the 307 points at another origin (localhost vs 127.0.0.1).
    seen: list[httpx.Request] = []
    mock = DevinMock()
    key = next(iter(mock.keys))
    with (
        mock.serve() as server,
        httpx.Client(event_hooks={"request": [seen.append]}) as http,
        Devin(key, base_url=server.base_url, http_client=http) as client,
    ):
        url = client.attachments.upload(b"hello", filename="h.txt")
        assert client.attachments.download(url) == b"hello"
    mock.reset()
    presigned = [r for r in seen if r.url.path.startswith("/_files/")]
    assert len(presigned) == 1
    assert presigned[0].url.host != httpx.URL(server.base_url).host
    assert "authorization" not in presigned[0].headers
