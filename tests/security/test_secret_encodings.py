"""Secret values and the API key never survive into error text, in any encoding a server (or
Python) may echo them in: raw, JSON-escaped, ``repr``, HTML, URL-encoded, base64, line by line,
cut short, or straddling the point where a long message is truncated.

Every surface of an error is checked: ``str``, ``repr``, ``args``, ``body``, ``detail``,
``errors`` and the formatted traceback with its chained causes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import traceback
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, quote_plus

import httpx
import pytest
from devin_client import APIStatusError, Devin, DevinError, UnprocessableEntityError

from ._wire import BASE_URL, Wire

WINDOW = 16  # a run of this many characters of an encoded secret counts as a leak

# An API key is printable ASCII without spaces: it may still hold quotes and backslashes.
KEY = "apk_user_K3Y\"quo'te\\slash_SENTINEL_5c0ffee"


def _pem() -> str:
    blob = b"".join(hashlib.sha256(bytes([i])).digest() for i in range(40))
    text = base64.b64encode(blob).decode()
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    return "-----BEGIN PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END PRIVATE KEY-----\n"


PEM = _pem()
SERVICE_ACCOUNT = json.dumps(
    {
        "account": "service_account",  # not "type" nor "note": the body's own keys
        "project_id": "sentinel-project-4411",
        "private_key_id": "8f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "private_key": PEM,
        "client_email": "ci-bot@sentinel-project-4411.iam.gserviceaccount.com",
        "comment": "naïve café ✓",
    },
    indent=2,
)
QUOTED = "pa\\ss\"wo'rd\\n-naïve-✓-\x1b[0m-SENTINEL-0042"
SHAPES = {"pem": PEM, "service-account": SERVICE_ACCOUNT, "quotes": QUOTED}


def encodings(secret: str) -> set[str]:
    """The forms a secret takes when a server or Python echoes it."""
    forms = {
        secret,
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        repr(secret)[1:-1],
        repr(secret.encode())[2:-1],
        json.dumps(json.dumps(secret))[1:-1],
        html.escape(secret),
        html.escape(secret, quote=False),
        quote(secret, safe=""),
        quote_plus(secret),
        " ".join(secret.split()),
    }
    return {f for f in forms if f}


def _base64_cores(secret: str) -> set[str]:
    """The part of base64(anything + secret + anything) that depends on the secret only."""
    raw = secret.encode()
    cores = set()
    for pad in range(3):
        text = base64.b64encode(b"\0" * pad + raw).decode()
        start = -(-pad * 8 // 6)
        end = (pad + len(raw)) * 8 // 6
        cores.add(text[start:end])
    return cores


def leaked(text: str, secret: str) -> list[str]:
    """Runs of ``WINDOW`` characters (or whole short forms) of the secret found in ``text``."""
    found = []
    for form in encodings(secret) | _base64_cores(secret):
        if len(form) < WINDOW:
            if form in text and len(form) >= 8:
                found.append(form)
            continue
        for i in range(len(form) - WINDOW + 1):
            if form[i : i + WINDOW] in text:
                found.append(form[i : i + WINDOW])
                break
    return found


def error_surfaces(exc: BaseException) -> str:
    """Every text a user may print of an error."""
    parts = [str(exc), repr(exc), repr(exc.args), "".join(traceback.format_exception(exc))]
    if isinstance(exc, APIStatusError):
        parts += [repr(exc.body), repr(exc.detail), str(exc.detail), str(exc.message)]
        parts.append(json.dumps(exc.body, ensure_ascii=False, default=str))
        parts.append(json.dumps(exc.body, default=str))
    if isinstance(exc, UnprocessableEntityError):
        parts += [repr(e) for e in exc.errors]
        parts += [json.dumps(e.to_dict(), ensure_ascii=False, default=str) for e in exc.errors]
    return "\n".join(parts)


# -- what the hostile server echoes -----------------------------------------------------------


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _echo_text(request: httpx.Request) -> str:
    """The request as a careless server would quote it: the auth header and the JSON body."""
    return f"auth={request.headers.get('authorization')} body={request.content.decode()}"


def _values(request: httpx.Request) -> list[str]:
    return [request.headers["authorization"], *_strings(json.loads(request.content))]


ECHOES: dict[str, Callable[[httpx.Request], httpx.Response]] = {
    # The request body as it went over the wire (JSON-escaped), as a detail string.
    "json text": lambda r: httpx.Response(400, json={"detail": _echo_text(r)}),
    # Re-serialised with ensure_ascii: \uXXXX escapes.
    "json ascii": lambda r: httpx.Response(
        400, json={"detail": json.dumps({"echo": json.loads(r.content), "auth": _values(r)[0]})}
    ),
    # A Python server formatting the parsed body with repr / str(dict).
    "python repr": lambda r: httpx.Response(
        400, json={"detail": f"bad request {json.loads(r.content)!r} {_values(r)!r}"}
    ),
    # The parsed body itself as the detail: the client formats it.
    "detail object": lambda r: httpx.Response(
        409, json={"detail": {"echo": json.loads(r.content), "auth": _values(r)[0]}}
    ),
    # A 422 whose messages quote the input.
    "422 input": lambda r: httpx.Response(
        422,
        json={
            "detail": [
                {"loc": ["body", "value"], "msg": f"bad value {v!r}", "type": "x", "input": v}
                for v in _values(r)
            ]
        },
    ),
    # An HTML error page (a proxy) quoting the request, HTML-escaped.
    "html page": lambda r: httpx.Response(
        500, html=f"<html><body><pre>{html.escape(_echo_text(r))}</pre></body></html>"
    ),
    "plain text": lambda r: httpx.Response(400, text=_echo_text(r)),
    "url-encoded": lambda r: httpx.Response(
        400, text="&".join(f"v={quote_plus(v)}" for v in _values(r))
    ),
    "base64": lambda r: httpx.Response(
        400, text="echo=" + base64.b64encode(_echo_text(r).encode()).decode()
    ),
    # Each line of every value on its own, in a list.
    "line by line": lambda r: httpx.Response(
        400, json={"detail": [line for v in _values(r) for line in v.splitlines()]}
    ),
    # The server cuts every value short.
    "cut short": lambda r: httpx.Response(
        400, json={"detail": " ".join(f"got {v[:40]}..." for v in _values(r))}
    ),
    # A long message: the secrets straddle the point where the client truncates.
    "long message": lambda r: httpx.Response(
        400, json={"detail": "x" * 470 + " ".join(_values(r))}
    ),
}


def _calls(client: Devin, secret: str) -> dict[str, Callable[[], Any]]:
    return {
        "secrets.create": lambda: client.secrets.create("TOKEN", secret),
        "sessions.create": lambda: client.sessions.create(
            "p", session_secrets=[{"key": "K", "value": secret}]
        ),
    }


@pytest.mark.parametrize("call", ["secrets.create", "sessions.create"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("echo", sorted(ECHOES))
def test_no_encoding_of_a_secret_survives_in_an_error(echo: str, shape: str, call: str) -> None:
    secret = SHAPES[shape]
    wire = Wire(ECHOES[echo])
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as client,
        pytest.raises(DevinError) as caught,
    ):
        _calls(client, secret)[call]()
    assert wire.requests, "nothing was sent"
    text = error_surfaces(caught.value)
    assert leaked(text, secret) == [], text[:3000]
    assert leaked(text, KEY) == [], text[:3000]


def test_the_message_keeps_what_is_not_secret() -> None:
    """Scrubbing is targeted: the rest of the server's message stays readable."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"detail": f"Secret {_echo_text(request)} is invalid"})

    wire = Wire(handler)
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http) as client,
        pytest.raises(APIStatusError) as caught,
    ):
        client.secrets.create("TOKEN", QUOTED)
    assert str(caught.value).startswith("400 Bad Request: Secret auth=Bearer ***")
    assert str(caught.value).endswith("is invalid (POST /v1/secrets)")
    assert '"key":"TOKEN"' in str(caught.value)


def test_a_long_message_is_still_truncated_after_scrubbing() -> None:
    wire = Wire(lambda r: httpx.Response(400, json={"detail": "y" * 5000}))
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http) as client,
        pytest.raises(APIStatusError) as caught,
    ):
        client.secrets.create("TOKEN", QUOTED)
    assert len(str(caught.value)) < 600
    assert str(caught.value).endswith("... (POST /v1/secrets)")


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_connection_errors_and_their_causes_never_quote_a_secret(shape: str) -> None:
    """An httpx exception whose text quotes the request (a proxy, h11) is scrubbed, chain too."""
    secret = SHAPES[shape]

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError(
            f"proxy refused {request.content!r} {_values(request)!r}", request=request
        )

    wire = Wire(refuse)
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as client,
        pytest.raises(DevinError) as caught,
    ):
        client.secrets.create("TOKEN", secret)
    text = error_surfaces(caught.value)
    assert "proxy refused" in text  # the cause is still chained and described
    assert leaked(text, secret) == [], text[:3000]
    assert leaked(text, KEY) == [], text[:3000]


def test_async_errors_are_scrubbed_the_same_way() -> None:
    import asyncio

    from devin_client import AsyncDevin

    async def main() -> BaseException:
        wire = Wire(ECHOES["json text"])

        async def no_sleep(seconds: float) -> None:
            return None

        async with (
            wire.async_client() as http,
            AsyncDevin(KEY, base_url=BASE_URL, http_client=http, sleep=no_sleep) as client,
        ):
            try:
                await client.secrets.create("TOKEN", PEM)
            except DevinError as exc:
                return exc
        raise AssertionError("no error")

    text = error_surfaces(asyncio.run(main()))
    assert leaked(text, PEM) == [], text
    assert leaked(text, KEY) == [], text[:3000]
