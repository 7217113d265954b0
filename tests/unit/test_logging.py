"""Logging: one DEBUG line per request and response; the key and secret values never appear."""

from __future__ import annotations

import logging

import httpx
import pytest
from devin_client import Devin, UnprocessableEntityError

from .conftest import API_KEY, SESSION, Recorder

SECRET = "hunter2-super-secret-value"


def test_one_line_per_request_and_response(
    client: Devin, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    recorder.route(
        "GET",
        "/v1/sessions/devin-abc",
        lambda r: httpx.Response(200, json=SESSION, headers={"x-request-id": "rq-9"}),
    )
    with caplog.at_level(logging.DEBUG, logger="devin_client"):
        client.sessions.get("devin-abc")
    lines = [r.getMessage() for r in caplog.records if r.name == "devin_client"]
    assert lines[0] == "request: GET https://api.devin.ai/v1/sessions/devin-abc"
    assert lines[1].startswith("response: GET https://api.devin.ai/v1/sessions/devin-abc -> 200 OK")
    assert "rq-9" in lines[1]
    assert len(lines) == 2


def test_key_and_secret_values_never_logged(
    client: Devin, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        # A server that echoes the body and the header back in a 422.
        text = request.read().decode() + request.headers.get("authorization", "")
        return httpx.Response(422, json={"detail": [{"loc": ["body"], "msg": text, "type": "x"}]})

    recorder.default = echo
    with caplog.at_level(logging.DEBUG):
        for call in (
            lambda: client.secrets.create("TOKEN", SECRET),
            lambda: client.sessions.create("p", session_secrets=[{"key": "K", "value": SECRET}]),
        ):
            with pytest.raises(UnprocessableEntityError):
                call()
    text = caplog.text + " ".join(str(r.args) for r in caplog.records)
    assert caplog.records, "nothing was logged"
    assert API_KEY not in text
    assert SECRET not in text
    assert any(r.levelno == logging.DEBUG and r.name == "devin_client" for r in caplog.records)


def test_presigned_query_is_redacted(
    client: Devin, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    recorder.route(
        "GET",
        "/v1/attachments/u/f.txt",
        lambda r: httpx.Response(
            307, headers={"Location": "https://s3.example/f.txt?sig=TOPSECRET"}
        ),
    )
    recorder.route("GET", "/f.txt", lambda r: httpx.Response(200, content=b"x"))
    with caplog.at_level(logging.DEBUG, logger="devin_client"):
        client.attachments.download("https://api.devin.ai/v1/attachments/u/f.txt")
    assert "TOPSECRET" not in caplog.text
    assert "https://s3.example/f.txt?<redacted>" in caplog.text


def test_retries_are_logged(
    client: Devin, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    recorder.reply(httpx.Response(503))
    recorder.route("GET", "/v1/sessions/devin-abc", SESSION)
    with caplog.at_level(logging.INFO, logger="devin_client"):
        client.sessions.get("devin-abc")
    assert "retrying GET /v1/sessions/devin-abc" in caplog.text
    assert "status 503" in caplog.text
