"""Explicit v3 boundary tests for limits the fuzzer does not isolate (it never sends exactly 51
valid tags, a schema of exactly 64 KB, or a cursor another listing issued), against the served
mock with response validation on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from devin_client.testing._pytest_plugin import DevinMockFixture


@pytest.fixture
def api(devin_mock: DevinMockFixture) -> Iterator[httpx.Client]:
    base = devin_mock.v3_org_url
    with httpx.Client(base_url=base, headers=devin_mock.v3_headers) as client:
        yield client


def create(api: httpx.Client, **fields: Any) -> httpx.Response:
    return api.post("/sessions", json={"prompt": "Boundary", **fields})


def session(api: httpx.Client, **fields: Any) -> str:
    response = create(api, **fields)
    assert response.status_code == 200, response.text
    session_id: str = response.json()["session_id"]
    return session_id


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The ProblemDetail body of a refusal, checked for its RFC 9457 members."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert isinstance(body["title"], str)
    assert body["title"]
    assert isinstance(body["detail"], str)
    assert body["detail"]
    return body


def first_error(response: httpx.Response) -> dict[str, Any]:
    error: dict[str, Any] = problem(response, 422)["errors"][0]
    assert set(error) == {"loc", "msg", "type"}
    return error


TAGS_50 = [f"t{i}" for i in range(50)]


@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_fifty_tags_pass_fifty_one_fail_on_replace_and_append(
    api: httpx.Client, method: str
) -> None:
    sid = session(api)
    ok = api.request(method, f"/sessions/{sid}/tags", json={"tags": TAGS_50})
    assert ok.status_code == 200
    assert ok.json() == {"tags": TAGS_50}
    over = api.request(method, f"/sessions/{sid}/tags", json={"tags": [*TAGS_50, "t50"]})
    error = first_error(over)
    assert (error["loc"], error["type"]) == (["body", "tags"], "too_long")


def test_append_counts_the_tags_the_session_already_has(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    sid = session(api, tags=TAGS_50[:30])
    # 30 held + 20 new = 50: fine; the 30 sent again are not counted twice.
    fits = api.post(f"/sessions/{sid}/tags", json={"tags": [*TAGS_50[:30], *TAGS_50[30:]]})
    assert fits.json() == {"tags": TAGS_50}
    over = api.post(f"/sessions/{sid}/tags", json={"tags": ["one-more"]})
    assert first_error(over)["loc"] == ["body", "tags"]
    assert "51" in problem(over, 422)["detail"]
    assert api.get(f"/sessions/{sid}/tags").json() == {"tags": TAGS_50}  # unchanged
    devin_mock.store.tag_overflow = "cap"
    capped = api.post(f"/sessions/{sid}/tags", json={"tags": ["one-more"]})
    assert capped.json() == {"tags": TAGS_50}


CURSOR_LISTS = ["/sessions", "/sessions/insights", "/knowledge/notes", "/playbooks", "/secrets"]


@pytest.mark.parametrize("path", [*CURSOR_LISTS, "/sessions/{sid}/messages"])
@pytest.mark.parametrize(("first", "status"), [(0, 422), (1, 200), (200, 200), (201, 422)])
def test_first_is_1_to_200(api: httpx.Client, path: str, first: int, status: int) -> None:
    path = path.format(sid=session(api))
    response = api.get(path, params={"first": first})
    if status == 422:
        assert first_error(response)["loc"] == ["query", "first"]
    else:
        assert response.status_code == 200, response.text
        assert len(response.json()["items"]) <= first


@pytest.mark.parametrize("path", [*CURSOR_LISTS, "/sessions/{sid}/messages"])
@pytest.mark.parametrize(
    "cursor", ["garbage", "", "eyJ9", "W10=", "eyJraW5kIjoic2Vzc2lvbnMiLCJhZnRlciI6WzEsMl19"]
)
def test_a_garbage_cursor_is_422(api: httpx.Client, path: str, cursor: str) -> None:
    # Not base64, empty, base64 of "{}" cut short, of "[]", of a sessions cursor whose key is
    # not (time, id): none is a cursor this listing gave.
    path = path.format(sid=session(api))
    error = first_error(api.get(path, params={"after": cursor}))
    assert error["loc"] == ["query", "after"]


def test_a_cursor_of_another_listing_is_422(api: httpx.Client) -> None:
    for _ in range(3):
        session(api)
    sessions_cursor = api.get("/sessions", params={"first": 1}).json()["end_cursor"]
    assert sessions_cursor is not None
    assert api.get("/sessions", params={"after": sessions_cursor}).status_code == 200
    assert first_error(api.get("/playbooks", params={"after": sessions_cursor}))
    sid = session(api)
    messages_cursor = api.get(f"/sessions/{sid}/messages", params={"first": 1}).json()
    other = session(api)
    refused = api.get(
        f"/sessions/{other}/messages", params={"after": messages_cursor["end_cursor"]}
    )
    assert first_error(refused)["loc"] == ["query", "after"]


def _schema_of(size: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "description": ""}
    overhead = len(json.dumps(schema, separators=(",", ":")).encode())
    schema["description"] = "x" * (size - overhead)
    assert len(json.dumps(schema, separators=(",", ":")).encode()) == size
    return schema


@pytest.mark.parametrize(("size", "status"), [(65536, 200), (65537, 422)])
def test_structured_output_schema_of_64_kb_passes_one_byte_more_fails(
    api: httpx.Client, size: int, status: int
) -> None:
    response = create(api, structured_output_schema=_schema_of(size))
    if status == 422:
        error = first_error(response)
        assert error["loc"] == ["body", "structured_output_schema"]
        assert "65536" in error["msg"]
    else:
        assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("ref", "status"), [("#/definitions/a", 200), ("https://example.com/s.json", 422)]
)
def test_structured_output_schema_must_be_self_contained(
    api: httpx.Client, ref: str, status: int
) -> None:
    schema = {"definitions": {"a": {"type": "string"}}, "properties": {"x": {"$ref": ref}}}
    response = create(api, structured_output_schema=schema)
    assert response.status_code == status, response.text


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"limit": 0}, 422),
        ({"limit": 1}, 200),
        ({"limit": 200}, 200),
        ({"limit": 201}, 422),
        ({"offset": -1}, 422),
        ({"offset": 0}, 200),
    ],
)
def test_schedules_limit_and_offset(api: httpx.Client, params: dict[str, int], status: int) -> None:
    response = api.get("/schedules", params=params)
    if status == 422:
        assert first_error(response)["loc"] == ["query", next(iter(params))]
    else:
        assert response.status_code == 200, response.text
        assert response.json()["end_cursor"] is None


@pytest.mark.parametrize(
    ("value", "status"),
    [("true", 200), ("false", 200), ("1", 200), ("no", 200), ("maybe", 422), ("", 422)],
)
def test_boolean_query_parameters_read_as_fastapi_does(
    api: httpx.Client, value: str, status: int
) -> None:
    response = api.get("/sessions", params={"is_archived": value})
    assert response.status_code == status, response.text


def test_unknown_path_and_method_answer_problem_details(api: httpx.Client) -> None:
    problem(api.get("/nothing"), 404)
    not_allowed = api.patch("/sessions")
    problem(not_allowed, 405)
    assert not_allowed.headers["Allow"] == "GET, POST"
    # A literal path beside a parameter one allows its own methods only.
    insights = api.put("/sessions/insights")
    problem(insights, 405)
    assert insights.headers["Allow"] == "GET"


def test_malformed_bodies_are_422_problem_details(api: httpx.Client) -> None:
    for content in (b"", b"{", b"[]", b"{}", b'{"prompt": NaN}'):
        response = api.post(
            "/sessions", content=content, headers={"Content-Type": "application/json"}
        )
        assert first_error(response)["loc"][0] == "body"
    bad_url = create(api, attachment_urls=["not a url"])
    assert first_error(bad_url)["loc"] == ["body", "attachment_urls", 0]
