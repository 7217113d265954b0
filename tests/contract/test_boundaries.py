"""Explicit boundary tests for limits the fuzzer does not isolate (it never sends exactly 51
valid tags, for one), run against the served mock with response validation on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from devin_client.testing._pytest_plugin import DevinMockFixture


@pytest.fixture
def api(devin_mock: DevinMockFixture) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=devin_mock.base_url, headers=devin_mock.headers) as client:
        yield client


def create(api: httpx.Client, **fields: Any) -> httpx.Response:
    return api.post("/v1/sessions", json={"prompt": "Boundary", **fields})


def first_error(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    error: dict[str, Any] = response.json()["detail"][0]
    assert set(error) == {"loc", "msg", "type"}
    return error


def test_fifty_tags_pass_fifty_one_fail(api: httpx.Client) -> None:
    assert create(api, tags=[f"t{i}" for i in range(50)]).status_code == 200
    error = first_error(create(api, tags=[f"t{i}" for i in range(51)]))
    assert (error["loc"], error["type"]) == (["body", "tags"], "too_long")


@pytest.mark.parametrize(
    ("key_length", "value_length", "status"),
    [(256, 1, 200), (257, 1, 422), (1, 0, 200), (0, 1, 422), (1, 65536, 200), (1, 65537, 422)],
)
def test_session_secret_key_and_value_lengths(
    api: httpx.Client, key_length: int, value_length: int, status: int
) -> None:
    secret = {"key": "k" * key_length, "value": "v" * value_length}
    response = create(api, session_secrets=[secret])
    assert response.status_code == status, response.text
    if status == 422:
        assert first_error(response)["loc"][:3] == ["body", "session_secrets", 0]


@pytest.mark.parametrize(
    ("value", "status"),
    [(0, 422), (1, 200), (1.0, 200), (None, 200), (-1, 422), ("1", 422), (1.5, 422), (True, 422)],
)
def test_max_acu_limit(api: httpx.Client, value: object, status: int) -> None:
    response = create(api, max_acu_limit=value)
    assert response.status_code == status, response.text
    if status == 422:
        assert first_error(response)["loc"] == ["body", "max_acu_limit"]


@pytest.mark.parametrize(
    ("mode", "status"),
    [("normal", 200), ("fast", 200), (None, 200), ("Fast", 422), ("lite", 422), (1, 422)],
)
def test_devin_mode_enum(api: httpx.Client, mode: object, status: int) -> None:
    assert create(api, devin_mode=mode).status_code == status


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"", "missing"),
        (b"{", "json_invalid"),
        (b'{"prompt": NaN}', "json_invalid"),
        (b"\xff\xfe", "json_invalid"),
        (b"[]", "dict_type"),
        (b"{}", "missing"),
        (b'{"prompt": "p", "unlisted": 0}', "bool_type"),
        (b'{"prompt": "p", "idempotent": "true"}', "bool_type"),
    ],
)
def test_malformed_bodies_are_422_in_fastapi_shape(
    api: httpx.Client, content: bytes, kind: str
) -> None:
    response = api.post(
        "/v1/sessions", content=content, headers={"Content-Type": "application/json"}
    )
    assert first_error(response)["type"] == kind


def test_wrong_content_type_is_422(api: httpx.Client) -> None:
    response = api.post(
        "/v1/sessions", content=b'{"prompt": "p"}', headers={"Content-Type": "text/plain"}
    )
    assert first_error(response)["loc"] == ["body"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"limit": "abc"}, 422),
        ({"limit": "2.0"}, 200),
        ({"offset": "1e1"}, 200),
        ({"skip": "x"}, 422),
        ({"limit": "-1"}, 200),
        ({"tags": "a"}, 200),
    ],
)
def test_list_query_parameters(api: httpx.Client, params: dict[str, str], status: int) -> None:
    response = api.get("/v1/sessions", params=params)
    assert response.status_code == status, response.text
    if status == 422:
        assert first_error(response)["loc"] == ["query", next(iter(params))]


def test_unknown_path_and_method(api: httpx.Client) -> None:
    assert api.get("/v1/nothing").status_code == 404
    not_allowed = api.patch("/v1/sessions")
    assert not_allowed.status_code == 405
    assert not_allowed.headers["Allow"] == "GET, POST"
    assert api.get("/v1/sessions/").status_code == 404  # no redirect to /v1/sessions


def test_lone_surrogate_is_422_not_500(api: httpx.Client) -> None:
    response = api.post(
        "/v1/sessions",
        content=b'{"prompt": "\\ud800"}',
        headers={"Content-Type": "application/json"},
    )
    assert first_error(response)["type"] == "json_invalid"
