"""The mock never falls over: hostile requests on every route get a 4xx, never a 500 or a hang,
and whatever does go wrong inside the mock is counted where the fixture and the soak look
(``app.unplanned_errors``, ``GET /_mock/stats``).

Every request here goes to a real loopback server with a client timeout, so a mock that hangs
fails the test instead of stalling the suite."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from devin_client.testing import DEFAULT_API_KEY, DevinMock
from devin_client.testing._kernel.inputs import MAX_JSON_BODY as _MAX_JSON_BODY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

AUTH = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
JSON = {**AUTH, "Content-Type": "application/json"}
TIMEOUT = 10.0  # a guard against hangs only: every answer here comes in milliseconds

DEEP_ARRAY = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 100_000 + "1" + "}" * 100_000
HUGE_DIGITS = "9" * 5_000


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[DevinMock, str]]:
    # Responses are checked against the spec, as the devin_mock fixture does.
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


def _spec_routes() -> list[tuple[str, str, bool]]:
    """(method, concrete path, takes a JSON body) for every operation of the spec."""
    from devin_client.testing._kernel.spec import load_spec

    routes = []
    for op in load_spec("devin_api").operations:
        path = "/".join("x" if s.startswith("{") else s for s in op.path.split("/"))
        routes.append((op.method, path, op.body_media_type == "application/json"))
    return routes


API_ROUTES = _spec_routes()
JSON_ROUTES = [(m, p) for m, p, takes_json in API_ROUTES if takes_json]
ADMIN_POSTS = [
    "/_mock/faults",
    "/_mock/sessions/x/script",
    "/_mock/sessions/x/advance",
    "/_mock/clock",
    "/_mock/permissions",
    "/_mock/platforms",
    "/_mock/settings",
    "/_mock/reset",
]
ADMIN_GETS = ["/_mock/faults", "/_mock/stats", "/_mock/issues", "/_mock/health"]

HOSTILE_BODIES = {
    "deep array": DEEP_ARRAY,
    "deep object": DEEP_OBJECT,
    "invalid UTF-8": b"\xff\xfe{",
    "NaN": '{"a": NaN}',
    "overflowing float": '{"prompt": 1e999, "advance": 1e999, "steps": 1e999}',
    "5000-digit integer": '{"steps": ' + HUGE_DIGITS + "}",
    "lone surrogate": '{"prompt": "\\ud800", "org_id": "\\ud800"}',
    "a JSON array": "[1, 2]",
    "a JSON string": '"text"',
    "BOM": b"\xef\xbb\xbf{}",
    "empty": b"",
}


def _assert_planned(mock: DevinMock, response: httpx.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:200])
    assert mock.unplanned_errors == 0
    assert mock.response_issues == []


@pytest.mark.parametrize(("method", "path"), JSON_ROUTES + [("POST", p) for p in ADMIN_POSTS])
@pytest.mark.parametrize("body", sorted(HOSTILE_BODIES))
def test_hostile_json_bodies_get_a_4xx_on_every_route(
    mock: DevinMock, http: httpx.Client, method: str, path: str, body: str
) -> None:
    content = HOSTILE_BODIES[body]
    response = http.request(method, path, content=content, headers=JSON)
    _assert_planned(mock, response)
    assert http.get("/_mock/stats").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "limit=" + HUGE_DIGITS,
        "limit=-" + HUGE_DIGITS,
        "offset=" + HUGE_DIGITS,
        "skip=" + HUGE_DIGITS,
        "limit=" + HUGE_DIGITS + ".0",
        "limit=1e308",
        "limit=1e400",
        "limit=" + str(10**4000),
        "offset=" + str(10**4000) + "&limit=" + str(10**4000),
        "user_email=%ff%fe%00",
        "tags=%ff&tags=%00&tags=" + "t" * 10_000,
        "limit=%00",
        "%ff=%fe",
    ],
)
def test_hostile_queries_get_an_answer(mock: DevinMock, http: httpx.Client, query: str) -> None:
    response = http.get(f"/v1/sessions?{query}", headers=AUTH)
    _assert_planned(mock, response)
    assert response.status_code in {200, 422}


def test_a_long_number_in_a_query_is_answered_at_once(mock_process: str) -> None:
    # A pattern that backtracked quadratically on a long digit string froze the whole mock.
    with httpx.Client(base_url=mock_process, headers=AUTH, timeout=TIMEOUT) as http:
        response = http.get("/v1/sessions?limit=" + "9" * 20_000 + "x")
        assert response.status_code == 422
        assert http.get("/_mock/stats").json()["unplanned_errors"] == 0


@pytest.mark.parametrize(
    "body",
    [
        {"prompt": "p", "tags": [0] * 2_000_000},
        {"prompt": "p", "tags": ["t"] * 2_000_000},
        {"prompt": [[0] * 1_000] * 1_000},
    ],
    ids=["2M wrong items", "2M tags", "a million-cell grid"],
)
def test_a_huge_invalid_body_gets_its_422_at_once(mock_process: str, body: Any) -> None:
    # Listing every error of a huge value (the validator renders each value it quotes) took
    # minutes with the GIL held, the whole mock frozen.
    with httpx.Client(base_url=mock_process, headers=AUTH, timeout=TIMEOUT) as http:
        response = http.post("/v1/sessions", json=body)
        assert response.status_code == 422
        assert len(response.content) < 100_000
        assert {tuple(e["loc"][:2]) for e in response.json()["detail"]} <= {
            ("body", "tags"),
            ("body", "prompt"),
        }
        assert http.get("/_mock/stats").json()["unplanned_errors"] == 0


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("DELETE", "/_mock/faults/" + HUGE_DIGITS, None),
        ("DELETE", "/_mock/faults/-1", None),
        ("DELETE", "/_mock/faults/%ff", None),
        ("POST", "/_mock/sessions/%ff%00/script", {"steps": "finished"}),
        ("POST", "/_mock/sessions/x/script", {"steps": [["not", "an", "object"]]}),
        ("POST", "/_mock/sessions/x/script", {"steps": 5}),
        ("POST", "/_mock/sessions/x/advance", {"steps": "1"}),
        ("POST", "/_mock/clock", {"advance": "soon"}),
        ("POST", "/_mock/clock", {"advance": 1e308}),
        ("POST", "/_mock/permissions", {"org_id": {"nested": 1}}),
        ("POST", "/_mock/permissions", {"org_id": "org-x", "manage_playbooks": "no"}),
        ("POST", "/_mock/permissions", {}),
        ("POST", "/_mock/platforms", {"org_id": "org-x", "platforms": "linux"}),
        ("POST", "/_mock/platforms", {"org_id": "org-x", "platforms": ["", 1]}),
        ("POST", "/_mock/platforms", {"org_id": ["org-x"], "platforms": []}),
        ("POST", "/_mock/settings", {"foreign_org_status": 500}),
        ("POST", "/_mock/settings", {"foreign_org_status": True}),
        ("POST", "/_mock/settings", {"tag_overflow": "drop"}),
        ("POST", "/_mock/settings", {"unknown": 1}),
        ("POST", "/_mock/faults", {"kind": "slow", "delay": float("inf")}),
        ("POST", "/_mock/faults", {"kind": "unavailable", "retry_after": float("inf")}),
        ("POST", "/_mock/faults", {"kind": "server_error", "operation": ["x"]}),
        ("POST", "/_mock/faults", {"kind": ["server_error"]}),
        ("PATCH", "/_mock/faults", None),
        ("GET", "/_mock/%ff", None),
    ],
)
def test_hostile_admin_requests_get_a_4xx(
    mock: DevinMock, http: httpx.Client, method: str, path: str, body: Any
) -> None:
    # json.dumps writes inf as Infinity: the mock must refuse it rather than store it.
    content = None if body is None else json.dumps(body)
    response = http.request(method, path, content=content)
    _assert_planned(mock, response)
    assert 400 <= response.status_code < 500
    # Nothing half-applied: the fault list still renders, the clock still works.
    assert http.get("/_mock/faults").status_code == 200
    assert http.post("/v1/sessions", json={"prompt": "p"}, headers=AUTH).status_code == 200


def test_advancing_a_session_by_a_huge_count_answers_at_once(
    mock: DevinMock, http: httpx.Client
) -> None:
    session_id = http.post("/v1/sessions", json={"prompt": "p"}, headers=AUTH).json()["session_id"]
    response = http.post(f"/_mock/sessions/{session_id}/advance", json={"steps": 10**8})
    assert response.status_code == 200
    assert response.json()["status_enum"] == "finished"


def test_the_clock_cannot_be_moved_out_of_range(mock: DevinMock, http: httpx.Client) -> None:
    ten_years = 10 * 365 * 86400
    # Each step is allowed; a thousand of them would take the clock past the year 9999.
    for _ in range(1_000):
        answer = http.post("/_mock/clock", json={"advance": ten_years})
        if answer.status_code != 200:
            break
    assert answer.status_code == 400  # the total offset is bounded
    assert "clock" in answer.json()["detail"]
    created = http.post("/v1/sessions", json={"prompt": "p"}, headers=AUTH)
    _assert_planned(mock, created)
    assert created.status_code == 200


@pytest.mark.parametrize("advance", [float("nan"), float("inf"), 1e308])
def test_the_python_api_refuses_a_clock_it_cannot_show(advance: float) -> None:
    mock = DevinMock()
    with pytest.raises(ValueError, match="clock"):
        mock.store.advance_clock(advance)
    mock.store.create_session("org", "key", {"prompt": "p"})  # the clock still works


@pytest.mark.parametrize(
    "query",
    [
        "expires=" + HUGE_DIGITS + "&signature=x",
        "expires=1e400&signature=x",
        "expires=%ff&signature=%00",
        "",
    ],
)
@pytest.mark.parametrize("path", ["/_files/a/b/c", "/_files/%ff/%fe/%00", "/_files/", "/_files/a"])
def test_hostile_presigned_requests_get_a_4xx(
    mock: DevinMock, http: httpx.Client, path: str, query: str
) -> None:
    response = http.get(f"{path}?{query}")
    _assert_planned(mock, response)
    assert response.status_code in {403, 404}


@pytest.mark.parametrize(
    ("content_type", "content"),
    [
        ("multipart/form-data", b"--x\r\n"),
        ("multipart/form-data; boundary=" + "b" * 5_000, b"--b\r\n"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\n"),
        ("application/json", b'{"file": "x"}'),
        ("application/x-www-form-urlencoded", b"file=%ff%fe"),
        ("text/plain; charset=utf-16", "{}".encode("utf-16")),
    ],
)
@pytest.mark.parametrize("path", ["/v1/attachments", "/v1/sessions", "/_mock/faults"])
def test_odd_content_types_get_a_4xx(
    mock: DevinMock, http: httpx.Client, path: str, content_type: str, content: bytes
) -> None:
    response = http.post(path, content=content, headers={**AUTH, "Content-Type": content_type})
    _assert_planned(mock, response)
    assert 400 <= response.status_code < 500


def _raw(base_url: str, data: bytes) -> bytes:
    """Send raw bytes, return the status line (what a non-httpx client would see)."""
    host, port = base_url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=TIMEOUT) as sock:
        sock.sendall(data)
        received = b""
        while b"\r\n" not in received:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    return received.split(b"\r\n", 1)[0]


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET /v1/sessions/\xff\xfe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET /_mock/stats?\xff=\xfe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 60_000 + b"\r\n\r\n",
        b"GET /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \xff\r\n\r\n",
        b"POST /_mock/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        b"\r\nzz\r\n",
        b"POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        b"Authorization: Bearer " + DEFAULT_API_KEY.encode() + b"\r\n\r\nzz\r\n",
    ],
)
def test_malformed_http_is_refused_without_a_crash(
    mock: DevinMock, served: tuple[DevinMock, str], http: httpx.Client, request_bytes: bytes
) -> None:
    status_line = _raw(served[1], request_bytes)
    assert status_line == b"" or status_line.split()[1][:1] == b"4"
    assert mock.unplanned_errors == 0
    assert http.get("/_mock/health").status_code == 200


# ---- fuzzing: random queries and bodies on every route --------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
CONTENT_TYPES = st.sampled_from(
    ["application/json", "text/plain", "multipart/form-data; boundary=x", "", "*/*"]
)
ALL_ROUTES = [(m, p) for m, p, _ in API_ROUTES] + [("POST", p) for p in ADMIN_POSTS]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    route=st.sampled_from(ALL_ROUTES),
    query=st.dictionaries(
        st.sampled_from(["limit", "offset", "skip", "tags", "user_email", "expires", "x"]),
        st.text() | st.integers().map(str),
        max_size=3,
    ),
    body=JSON_VALUES.map(json.dumps) | st.binary(max_size=64),
    content_type=CONTENT_TYPES,
    data=st.data(),
)
def test_fuzzed_requests_never_get_a_500(
    served: tuple[DevinMock, str],
    http: httpx.Client,
    route: tuple[str, str],
    query: dict[str, str],
    body: str | bytes,
    content_type: str,
    data: st.DataObject,
) -> None:
    mock = served[0]
    mock.reset()
    method, path = route
    # Path parameters: odd raw segments or any text, percent-encoded.
    segments = st.sampled_from(["x", "%ff", "..", "%2F", "%00"]) | st.text(min_size=1).map(
        lambda text: quote(text, safe="")
    )
    path = "/".join(data.draw(segments) if s == "x" else s for s in path.split("/"))
    headers = {**AUTH, "Content-Type": content_type}
    response = http.request(method, path, params=query, content=body, headers=headers)
    assert response.status_code < 500, (method, path, response.text[:200])
    assert mock.unplanned_errors == 0
    assert mock.response_issues == []


# ---- whatever goes wrong anywhere is counted --------------------------------------------------


def _broken(*args: object, **kwargs: object) -> Any:
    raise RuntimeError("deliberately broken")


def test_a_crash_in_an_admin_route_is_counted(
    mock: DevinMock, http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mock.faults, "add_from_dict", _broken)
    response = http.post("/_mock/faults", json={"kind": "server_error"})
    assert response.status_code == 500
    assert response.json() == {"detail": "mock internal error (RuntimeError)"}
    assert mock.unplanned_errors == 1
    assert http.get("/_mock/stats").json()["unplanned_errors"] == 1


def test_a_crash_in_the_fault_policy_is_counted(
    mock: DevinMock, http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mock.faults, "pick", _broken)
    assert http.get("/v1/sessions", headers=AUTH).status_code == 500
    assert mock.unplanned_errors == 1
    assert http.get("/_mock/stats").json()["unplanned_errors"] == 1


def test_a_crash_in_the_presigned_route_is_counted(
    mock: DevinMock, http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = http.post("/v1/attachments", files={"file": ("a.txt", b"hi")}, headers=AUTH).json()
    location = http.get(url, headers=AUTH).headers["location"]
    monkeypatch.setattr(mock.store, "attachment", _broken)
    with httpx.Client(timeout=TIMEOUT) as other:
        assert other.get(location).status_code == 500
    assert mock.unplanned_errors == 1
    assert http.get("/_mock/stats").json()["unplanned_errors"] == 1


def test_a_crash_while_reading_a_query_is_counted(
    mock: DevinMock, http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(type(mock.app), "_parse_query", _broken)
    assert http.get("/v1/sessions", headers=AUTH).status_code == 500
    assert mock.unplanned_errors == 1


# ---- a body over the cap is refused at once ------------------------------------------------


def _over_cap_prompt() -> bytes:
    body = b'{"prompt": "' + b"x" * (_MAX_JSON_BODY - 20) + b'"}'
    return body + b" " * (_MAX_JSON_BODY + 1 - len(body))


@pytest.mark.parametrize(
    "path", ["/v1/sessions", "/v1/knowledge", "/_mock/faults", "/_mock/sessions/x/script"]
)
def test_a_json_body_just_over_the_cap_is_answered_413(
    mock: DevinMock, http: httpx.Client, path: str
) -> None:
    body = _over_cap_prompt()
    assert len(body) == _MAX_JSON_BODY + 1
    response = http.post(path, content=body, headers=JSON)
    assert response.status_code == 413
    assert str(_MAX_JSON_BODY) in response.json()["detail"]
    assert mock.unplanned_errors == 0
    # The connection is still good for the next request.
    assert http.get("/_mock/health").status_code == 200


@pytest.mark.parametrize("path", ["/v1/sessions", "/_mock/faults"])
def test_a_streamed_body_over_the_cap_is_answered_413(
    mock: DevinMock, http: httpx.Client, path: str
) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer
        body = _over_cap_prompt()
        for start in range(0, len(body), 1024 * 1024):
            yield body[start : start + 1024 * 1024]

    response = http.post(path, content=chunks(), headers=JSON)
    assert response.status_code == 413
    assert mock.unplanned_errors == 0


def test_a_body_at_the_cap_is_read(mock: DevinMock, http: httpx.Client) -> None:
    body = b"[" + b" " * (_MAX_JSON_BODY - 2) + b"]"
    response = http.post("/_mock/faults", content=body)
    assert response.status_code == 400  # read and parsed: a list is not a fault
    assert "object" in response.json()["detail"]


def test_a_reset_during_a_download_cuts_it_and_is_not_a_crash(
    mock: DevinMock, http: httpx.Client
) -> None:
    # Larger than what the sockets can hold between them (the server's send buffer grows to
    # 4 MiB; this client's receive buffer is kept small), so the file cannot have been sent
    # whole before the reset, however slow the machine.
    payload = b"x" * (16 * 1024 * 1024)
    url = http.post("/v1/attachments", files={"file": ("big.bin", payload)}, headers=AUTH).json()
    location = http.get(url, headers=AUTH).headers["location"]
    small = httpx.HTTPTransport(socket_options=[(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)])
    with (
        httpx.Client(timeout=TIMEOUT, transport=small) as other,
        other.stream("GET", location) as response,
    ):
        chunks = response.iter_raw(65536)
        assert next(chunks)
        mock.reset()  # what a test's teardown does: the stored file is closed
        with pytest.raises(httpx.RemoteProtocolError):
            for _ in chunks:
                pass
    assert mock.unplanned_errors == 0
