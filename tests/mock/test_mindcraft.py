"""The MindCraft mock (examples/mindcraft/mindcraft_mock), the pipeline's worked example on the
same kernel: an account per key, the page's limits and default, the 201 envelope, 401 and 422
in the envelope."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest

from examples.mindcraft.mindcraft_mock import MindCraftMock

KEYS = ("mc-key-a", "mc-key-b")
NOW = datetime(2024, 9, 12, 15, 16, 55, 123456)
PAGE_EXAMPLE = {  # the request example of the vendor's page
    "session_name": "test",
    "session_remark": '{"created_user":"lery","created_user_id":123}',
    "config_data": {},
    "model": "deepseek-chat",
    "prompt": "请你扮演角色,忘记自己是机器人的设定。",
    "temperature": 0.2,
    "max_tokens": 4000,
    "history_length": 8,
}


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[MindCraftMock, str]]:
    mock = MindCraftMock(KEYS, validate_responses=True, clock=lambda: NOW)
    with mock.serve() as server:
        yield mock, server.base_url


@pytest.fixture
def mock(served: tuple[MindCraftMock, str]) -> Iterator[MindCraftMock]:
    served[0].reset()
    yield served[0]
    assert served[0].records.issues == []  # every answer conformed to the merged spec
    assert served[0].records.crashes == []


@pytest.fixture
def http(served: tuple[MindCraftMock, str], mock: MindCraftMock) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served[1], timeout=10) as client:
        yield client


def _create(http: httpx.Client, body: Any, key: str | None = KEYS[0]) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key is not None else {}
    return http.post("/v1/session/", json=body, headers=headers)


def test_the_pages_example_is_answered_with_the_envelope(http: httpx.Client) -> None:
    answer = _create(http, PAGE_EXAMPLE)
    assert answer.status_code == 201
    assert answer.json() == {
        "message": "",
        "status": 201,
        "data": {
            "session_id": 1,
            "api_id": 1,
            "device_id": None,
            "session_name": "test",
            "session_config": {
                "model": "deepseek-chat",
                "prompt": "请你扮演角色,忘记自己是机器人的设定。",
                "temperature": 0.2,
                "max_tokens": 4000,
                "history_length": 8,
                "data": {},  # config_data comes back as data, as on the page
            },
            "session_remark": '{"created_user":"lery","created_user_id":123}',
            "created_at": "2024-09-12 15:16:55",
            "updated_at": "2024-09-12 15:16:55",
        },
    }


def test_only_model_is_needed_and_history_length_defaults_to_8(http: httpx.Client) -> None:
    data = _create(http, {"model": "deepseek-chat"}).json()["data"]
    assert data["session_config"] == {"model": "deepseek-chat", "history_length": 8}
    # The answer always carries the strings the page marks required.
    assert (data["session_name"], data["session_remark"]) == ("", "")
    sent = _create(http, {"model": "m", "history_length": 0}).json()["data"]
    assert sent["session_config"]["history_length"] == 0


def test_each_key_is_its_own_account_with_a_stable_api_id(
    http: httpx.Client, mock: MindCraftMock
) -> None:
    first = _create(http, {"model": "m"}, KEYS[0]).json()["data"]
    second = _create(http, {"model": "m"}, KEYS[1]).json()["data"]
    third = _create(http, {"model": "m"}, KEYS[0]).json()["data"]
    assert [d["session_id"] for d in (first, second, third)] == [1, 2, 3]  # one counter
    assert [d["api_id"] for d in (first, second, third)] == [1, 2, 1]
    assert sorted(mock.backend.account(1).sessions) == [1, 3]
    assert sorted(mock.backend.account(2).sessions) == [2]
    mock.reset()  # sessions go, keys keep their api_id
    again = _create(http, {"model": "m"}, KEYS[1]).json()["data"]
    assert (again["session_id"], again["api_id"]) == (1, 2)


@pytest.mark.parametrize("key", [None, "not-a-key"])
def test_no_key_or_an_unknown_one_is_401_in_the_envelope(
    http: httpx.Client, key: str | None
) -> None:
    answer = _create(http, {"model": "m"}, key)
    assert answer.status_code == 401
    assert answer.json() == {
        "message": "Missing or invalid Authorization header",
        "status": 401,
        "data": None,
    }
    assert answer.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"session_name": "no model"}, "model: Field required"),
        ({"model": "m", "history_length": 21}, "history_length: Input should be less than or"),
        ({"model": "m", "history_length": -1}, "history_length: Input should be greater than"),
        ({"model": "m", "session_remark": "x" * 1001}, "session_remark: String should have at"),
        ({"model": "m", "config_data": {"k": "x" * 93}}, "config_data: at most 100 characters"),
        ({"model": "m", "config_data": "{}"}, "config_data: Input should be a valid object"),
        ({"model": 5}, "model: Input should be a valid string"),
        ([], "body: Input should be a valid object"),
    ],
)
def test_invalid_input_is_422_naming_the_problem(http: httpx.Client, body: Any, named: str) -> None:
    answer = _create(http, body)
    assert answer.status_code == 422
    envelope = answer.json()
    assert (envelope["status"], envelope["data"]) == (422, None)
    assert named in envelope["message"]


def test_the_limits_are_inclusive(http: httpx.Client) -> None:
    at_limit = {
        "model": "m",
        "session_remark": "字" * 1000,  # characters, not bytes
        "history_length": 20,
        "config_data": {"k": "字" * 92},  # {"k":"..."} is 100 characters of JSON
    }
    assert _create(http, at_limit).status_code == 201
    one_more = {**at_limit, "config_data": {"k": "字" * 93}}
    assert "this one has 101" in _create(http, one_more).json()["message"]


def test_the_kernels_faults_speak_the_envelope(http: httpx.Client, mock: MindCraftMock) -> None:
    mock.faults.add("rate_limit", operation="POST /v1/session/", count=1)
    limited = _create(http, {"model": "m"})
    assert limited.status_code == 429
    assert (limited.json()["status"], limited.json()["data"]) == (429, None)
    assert _create(http, {"model": "m"}).status_code == 201
    assert mock.hits == {"create_session": 2}


def test_keys_never_show_in_repr() -> None:
    assert repr(MindCraftMock(["mc-secret"])) == "MindCraftMock(keys=<1 keys>)"
