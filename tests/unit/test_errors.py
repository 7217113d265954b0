"""Every error class, from the response or failure that causes it; nothing from httpx escapes."""

from __future__ import annotations

import json

import httpx
import pytest
from devin_client import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    Devin,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    UnprocessableEntityError,
)

from .conftest import API_KEY, SESSION, Recorder


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (413, APIStatusError),
        (418, APIStatusError),
    ],
)
def test_status_maps_to_class(
    client: Devin, recorder: Recorder, status: int, error: type[APIStatusError]
) -> None:
    recorder.default = lambda request: httpx.Response(
        status, json={"detail": "nope"}, headers={"x-request-id": "req-42"}
    )
    with pytest.raises(error) as info:
        client.with_options(max_retries=0).sessions.get("devin-abc")
    assert type(info.value) is error
    assert info.value.status_code == status
    assert info.value.request_id == "req-42"
    assert info.value.detail == "nope"
    assert str(status) in str(info.value)
    assert "nope" in str(info.value)


def test_422_carries_validation_details(client: Devin, recorder: Recorder) -> None:
    detail = [{"loc": ["body", "tags"], "msg": "List should have at most 50 items", "type": "x"}]
    recorder.reply(httpx.Response(422, json={"detail": detail}))
    with pytest.raises(UnprocessableEntityError) as info:
        client.with_options(validate=False).sessions.create("p", tags=["t"] * 51)
    [error] = info.value.errors
    assert error.loc == ["body", "tags"]
    assert error.msg == "List should have at most 50 items"
    assert "tags: List should have at most 50 items" in str(info.value)


def test_422_with_a_string_detail(client: Devin, recorder: Recorder) -> None:
    recorder.reply(httpx.Response(422, json={"detail": "bad"}))
    with pytest.raises(UnprocessableEntityError) as info:
        client.sessions.get("devin-abc")
    assert info.value.errors == []
    assert info.value.detail == "bad"


def test_error_body_that_is_not_json(client: Devin, recorder: Recorder) -> None:
    recorder.reply(httpx.Response(401, text="<html>nope</html>"))
    with pytest.raises(AuthenticationError) as info:
        client.sessions.get("devin-abc")
    assert info.value.body == "<html>nope</html>"
    assert info.value.request_id is None


def test_rate_limit_error_has_retry_after(client: Devin, recorder: Recorder) -> None:
    recorder.default = lambda r: httpx.Response(
        429, json={"detail": "slow"}, headers={"Retry-After": "7"}
    )
    with pytest.raises(RateLimitError) as info:
        client.with_options(max_retries=0).sessions.get("devin-abc")
    assert info.value.retry_after == 7.0


MALFORMED = [
    b"{}",
    b"[]",
    b'"a string"',
    b"null",
    b"not json",
    json.dumps({**SESSION, "created_at": "yesterday"}).encode(),
    json.dumps({**SESSION, "created_at": 5}).encode(),
    json.dumps({**SESSION, "messages": [{"type": "x"}]}).encode(),
]


@pytest.mark.parametrize("body", MALFORMED)
def test_malformed_200_is_a_response_validation_error(
    client: Devin, recorder: Recorder, body: bytes
) -> None:
    recorder.reply(httpx.Response(200, content=body, headers={"content-type": "application/json"}))
    with pytest.raises(ResponseValidationError) as info:
        client.sessions.get("devin-abc")
    assert info.value.status_code == 200
    assert isinstance(info.value.__cause__, KeyError | ValueError | TypeError | AttributeError)


@pytest.mark.parametrize(
    ("call", "body"),
    [
        (lambda c: c.sessions.create("p"), {"url": "u"}),
        (lambda c: c.secrets.list(), {"not": "a list"}),
        (lambda c: c.secrets.list(), ["not an object"]),
        (lambda c: c.playbooks.list(), [{"title": "x"}]),
        (lambda c: c.knowledge.list(), {"knowledge": []}),
        (lambda c: c.sessions.send_message("devin-abc", "m"), ["x"]),
        (lambda c: c.attachments.upload(b"x", filename="a.txt"), {"url": "x"}),
        (lambda c: c.attachments.upload(b"x", filename="a.txt"), "not a url"),
        (lambda c: list(c.sessions.list()), {"sessions": [{}]}),
    ],
)
def test_malformed_bodies_on_other_endpoints(
    client: Devin, recorder: Recorder, call: object, body: object
) -> None:
    recorder.default = lambda request: httpx.Response(200, json=body)
    with pytest.raises(ResponseValidationError):
        call(client)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("exc", "error"),
    [
        (httpx.ConnectError("refused"), APIConnectionError),
        (httpx.ReadError("reset"), APIConnectionError),
        (httpx.RemoteProtocolError("bye"), APIConnectionError),
        (httpx.UnsupportedProtocol("gopher"), APIConnectionError),
        (httpx.ConnectTimeout("slow"), APITimeoutError),
        (httpx.ReadTimeout("slow"), APITimeoutError),
        (httpx.PoolTimeout("busy"), APITimeoutError),
    ],
)
def test_transport_failures(
    client: Devin, recorder: Recorder, exc: Exception, error: type[Exception]
) -> None:
    recorder.default = lambda request: (_ for _ in ()).throw(exc)
    with pytest.raises(error) as info:
        client.with_options(max_retries=0).sessions.get("devin-abc")
    assert type(info.value) is error
    assert info.value.__cause__ is exc
    assert not isinstance(info.value, httpx.HTTPError)


def test_error_messages_never_contain_the_key_or_secret_values(recorder: Recorder) -> None:
    # A server that echoes everything it got, including the header, into its 422.
    def echo(request: httpx.Request) -> httpx.Response:
        text = request.read().decode() + request.headers["authorization"]
        return httpx.Response(422, json={"detail": [{"loc": ["body"], "msg": text, "type": "x"}]})

    recorder.default = echo
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = Devin(API_KEY, http_client=http)
    with pytest.raises(UnprocessableEntityError) as info:
        client.secrets.create("TOKEN", "hunter2-value")
    assert "hunter2-value" not in str(info.value)
    assert API_KEY not in str(info.value)
    assert "hunter2-value" not in repr(info.value)
    with pytest.raises(UnprocessableEntityError) as info2:
        client.sessions.create("p", session_secrets=[{"key": "K", "value": "s3cret-xyz"}])
    assert "s3cret-xyz" not in str(info2.value)


def test_wrong_types_in_a_200_are_caught_by_the_response_schema(
    client: Devin, recorder: Recorder
) -> None:
    recorder.default = lambda r: httpx.Response(200, json={**SESSION, "tags": "not-a-list"})
    with pytest.raises(ResponseValidationError, match=r"body\.tags: must be a list or None"):
        client.sessions.get("devin-abc")
    # validate=False trusts the server: the generated model takes what it gets.
    assert client.with_options(validate=False).sessions.get("devin-abc").tags == "not-a-list"


def test_a_bad_body_is_described_without_quoting_it(recorder: Recorder) -> None:
    recorder.default = lambda r: httpx.Response(
        200, json={**SESSION, "created_at": r.headers["authorization"]}
    )
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    with pytest.raises(ResponseValidationError) as info:
        Devin(API_KEY, http_client=http).sessions.get("devin-abc")
    assert API_KEY not in str(info.value)
    assert "wrong form" in str(info.value)
