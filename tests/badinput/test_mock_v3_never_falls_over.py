"""The mock's v3 routes never fall over either: hostile bodies, queries, cursors, path segments,
dates and uploads get a 4xx (a ProblemDetail), never a 500 or a hang; and the v3 routes are in
the fuzzing too.

Every request goes to a real loopback server with a client timeout and the mock's response
validation on, as in ``test_mock_never_falls_over.py`` (which covers v1 and the admin API)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from devin_client.testing import DEFAULT_ORG_ID, DEFAULT_V3_API_KEY, DevinMock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..mock._v3_requests import v3_requests

AUTH = {"Authorization": f"Bearer {DEFAULT_V3_API_KEY}"}
JSON = {**AUTH, "Content-Type": "application/json"}
ORG = f"/v3/organizations/{DEFAULT_ORG_ID}"
TIMEOUT = 10.0
HUGE_DIGITS = "9" * 5_000
REQUESTS = v3_requests(DEFAULT_ORG_ID)
JSON_ROUTES = sorted({(r.method, r.path) for r in REQUESTS if r.json is not None})
LISTS = ["/sessions", "/sessions/insights", "/knowledge/notes", "/playbooks", "/secrets"]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[DevinMock, str]]:
    mock = DevinMock(validate_responses=True)
    with mock.serve() as server:
        yield mock, server.base_url
    mock.close()


@pytest.fixture
def mock(served: tuple[DevinMock, str]) -> Iterator[DevinMock]:
    served[0].reset()
    yield served[0]
    served[0].reset()


@pytest.fixture(scope="module")
def http(served: tuple[DevinMock, str]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served[1], timeout=TIMEOUT) as client:
        yield client


def _assert_planned(mock: DevinMock, response: httpx.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:200])
    assert mock.unplanned_errors == 0
    assert mock.response_issues == []
    if response.status_code >= 400 and response.headers.get("content-type", "").startswith(
        "application/json"
    ):
        body = response.json()
        assert body["status"] == response.status_code  # a ProblemDetail, not FastAPI's body


HOSTILE_BODIES = {
    "deep array": "[" * 100_000 + "]" * 100_000,
    "deep object": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "invalid UTF-8": b"\xff\xfe{",
    "NaN": '{"prompt": NaN, "tags": [NaN]}',
    "overflowing float": '{"prompt": "p", "max_acu_limit": 1e999}',
    "5000-digit integer": '{"prompt": "p", "max_acu_limit": ' + HUGE_DIGITS + "}",
    "lone surrogate": '{"prompt": "\\ud800", "message": "\\udfff", "tags": ["\\ud800"]}',
    "a JSON array": "[1, 2]",
    "empty": b"",
}


@pytest.mark.parametrize(("method", "path"), JSON_ROUTES)
@pytest.mark.parametrize("body", sorted(HOSTILE_BODIES))
def test_hostile_json_bodies_get_a_4xx_on_every_v3_route(
    mock: DevinMock, http: httpx.Client, method: str, path: str, body: str
) -> None:
    response = http.request(method, path, content=HOSTILE_BODIES[body], headers=JSON)
    _assert_planned(mock, response)
    assert 400 <= response.status_code < 500


def _cursor(value: Any) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).decode()


HOSTILE_QUERIES = [
    "first=" + HUGE_DIGITS,
    "first=-" + HUGE_DIGITS,
    "first=1e400",
    "first=%00",
    "after=" + "A" * 20_000,
    "after=%ff%fe%00",
    "after=" + _cursor(b"[" * 20_000),
    "after=" + _cursor({"kind": "sessions", "after": [10**4000, "x"]}),
    "after=" + _cursor({"kind": "sessions", "after": [1.5, "x"]}),
    "after=" + _cursor({"kind": "sessions", "after": [True, "x"]}),
    "after=" + _cursor({"kind": "sessions", "after": None}),
    "after=" + _cursor(b"\xff\xfe"),
    "is_archived=%ff",
    "created_after=" + HUGE_DIGITS,
    "created_before=1e400",
    "origins=nowhere&origins=%00",
    "category=%ff",
    "tags=%ff&tags=%00&tags=" + "t" * 10_000,
    "session_ids=" + "&session_ids=".join(["x"] * 500),
    "search=%00%ff",
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_and_cursors_get_an_answer(
    mock: DevinMock, http: httpx.Client, path: str, query: str
) -> None:
    response = http.get(f"{ORG}{path}?{query}", headers=AUTH)
    _assert_planned(mock, response)
    assert response.status_code in {200, 422}


@pytest.mark.parametrize(
    "query", ["limit=" + HUGE_DIGITS, "offset=" + HUGE_DIGITS, "offset=1e400", "limit=%00"]
)
def test_hostile_schedule_paging_gets_an_answer(
    mock: DevinMock, http: httpx.Client, query: str
) -> None:
    response = http.get(f"{ORG}/schedules?{query}", headers=AUTH)
    _assert_planned(mock, response)
    assert response.status_code in {200, 422}


@pytest.mark.parametrize("segment", ["%ff", "%00", "..", "%2F", "x" * 10_000, "%F0%9F%92%A9"])
def test_hostile_path_segments_get_a_4xx(mock: DevinMock, http: httpx.Client, segment: str) -> None:
    for path in (f"/v3/organizations/{segment}/sessions", f"{ORG}/sessions/{segment}/tags"):
        response = http.get(path, headers=AUTH)
        _assert_planned(mock, response)
        assert response.status_code in {403, 404}


@pytest.mark.parametrize(
    "moment",
    [
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "2024-02-30T00:00:00Z",
        "2030-01-01T23:59:60Z",
        "2030-01-01t00:00:00z",
        "2030-01-01T00:00:00.123456789Z",
        "not a date",
    ],
)
def test_odd_schedule_dates_get_an_answer(mock: DevinMock, http: httpx.Client, moment: str) -> None:
    body = {"name": "n", "prompt": "p", "schedule_type": "one_time", "scheduled_at": moment}
    created = http.post(f"{ORG}/schedules", json=body, headers=AUTH)
    _assert_planned(mock, created)
    assert created.status_code in {200, 422}
    listed = http.get(f"{ORG}/schedules", headers=AUTH)
    _assert_planned(mock, listed)


def test_a_huge_or_deep_structured_output_schema_gets_its_answer_at_once(
    mock: DevinMock, http: httpx.Client
) -> None:
    deep: Any = {}
    for _ in range(250):  # under the JSON depth limit, over any sensible schema
        deep = {"properties": {"a": deep}}
    for schema in (deep, {"description": "x" * 5_000_000}, {"$ref": "#/" + "a/" * 10_000}):
        response = http.post(
            f"{ORG}/sessions",
            json={"prompt": "p", "structured_output_schema": schema},
            headers=AUTH,
        )
        _assert_planned(mock, response)
        assert response.status_code in {200, 413, 422}


@pytest.mark.parametrize(
    ("content_type", "content"),
    [
        ("multipart/form-data", b"--x\r\n"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\n"),
        ("application/json", b'{"file": "x"}'),
        ("text/plain; charset=utf-16", "{}".encode("utf-16")),
    ],
)
def test_odd_uploads_get_a_4xx(
    mock: DevinMock, http: httpx.Client, content_type: str, content: bytes
) -> None:
    headers = {**AUTH, "Content-Type": content_type}
    response = http.post(f"{ORG}/attachments", content=content, headers=headers)
    _assert_planned(mock, response)
    assert 400 <= response.status_code < 500


# ---- fuzzing: random queries and bodies on every v3 route ------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    op=st.sampled_from(REQUESTS),
    query=st.dictionaries(
        st.sampled_from(["first", "after", "limit", "offset", "tags", "archive", "is_archived"]),
        st.text() | st.integers().map(str),
        max_size=3,
    ),
    body=JSON_VALUES.map(json.dumps) | st.binary(max_size=64),
    content_type=st.sampled_from(["application/json", "text/plain", "multipart/form-data", ""]),
    segment=st.sampled_from(["%ff", "..", "%00"])
    | st.text(min_size=1).map(lambda t: quote(t, safe="")),
)
def test_fuzzed_v3_requests_never_get_a_500(
    served: tuple[DevinMock, str],
    http: httpx.Client,
    op: Any,
    query: dict[str, str],
    body: str | bytes,
    content_type: str,
    segment: str,
) -> None:
    mock = served[0]
    mock.reset()
    path = op.path.replace("-missing", "-" + segment) if "-missing" in op.path else op.path
    headers = {**AUTH, "Content-Type": content_type}
    response = http.request(op.method, path, params=query, content=body, headers=headers)
    assert response.status_code < 500, (op.method, path, response.text[:200])
    assert mock.unplanned_errors == 0
    assert mock.response_issues == []
