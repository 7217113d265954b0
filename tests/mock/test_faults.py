"""Fault injection: every switch through the Python API, and the admin endpoints."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from devin_client.testing import DevinMock, ResponseValidationError
from devin_client.testing._pytest_plugin import DevinMockFixture

CREATE = "create_session_endpoint_v1_sessions_post"


@pytest.fixture
def api(devin_mock: DevinMockFixture) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=devin_mock.base_url, headers=devin_mock.headers) as client:
        yield client


def create(api: httpx.Client) -> httpx.Response:
    return api.post("/v1/sessions", json={"prompt": "p"})


@pytest.mark.parametrize(
    ("kind", "status", "retry_after"),
    [
        ("rate_limit", 429, "1"),
        ("server_error", 500, None),
        ("bad_gateway", 502, None),
        ("unavailable", 503, None),
    ],
)
def test_status_faults_hit_count_requests_then_stop(
    devin_mock: DevinMockFixture,
    api: httpx.Client,
    kind: str,
    status: int,
    retry_after: str | None,
) -> None:
    fault = devin_mock.faults.add(kind, operation=CREATE, count=2)  # type: ignore[arg-type]
    first, second, third = create(api), create(api), create(api)
    assert [first.status_code, second.status_code, third.status_code] == [status, status, 200]
    assert first.headers.get("Retry-After") == retry_after
    assert isinstance(first.json()["detail"], str)
    assert fault.hits == 2
    assert devin_mock.faults.active == []
    # Only the created session exists: a faulted request changed nothing.
    assert len(devin_mock.store.org(devin_mock.org_id).sessions) == 1


def test_retry_after_and_status_are_configurable(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    devin_mock.faults.add("rate_limit", retry_after=7)
    devin_mock.faults.add("unavailable", operation="GET /v1/secrets", retry_after=0.5)
    assert create(api).headers["Retry-After"] == "7"
    devin_mock.faults.clear()
    devin_mock.faults.add("unavailable", operation="GET /v1/secrets", retry_after=0.5)
    response = api.get("/v1/secrets")
    assert (response.status_code, response.headers["Retry-After"]) == (503, "0.5")


def test_faults_apply_per_operation(devin_mock: DevinMockFixture, api: httpx.Client) -> None:
    devin_mock.faults.add("server_error", operation=CREATE)
    assert api.get("/v1/sessions").status_code == 200
    assert create(api).status_code == 500


def test_skip_and_rate(devin_mock: DevinMockFixture, api: httpx.Client) -> None:
    devin_mock.faults.add("server_error", skip=1, count=1)
    assert [create(api).status_code for _ in range(3)] == [200, 500, 200]
    devin_mock.faults.clear()
    sometimes = devin_mock.faults.add("server_error", rate=0.5)
    codes = [create(api).status_code for _ in range(40)]
    assert 0 < codes.count(500) < 40
    assert sometimes.hits == codes.count(500)


def test_drop_closes_the_connection_without_an_answer(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    devin_mock.faults.add("drop", operation=CREATE, count=1)
    with pytest.raises(httpx.RemoteProtocolError):
        create(api)
    assert create(api).status_code == 200


@pytest.mark.anyio
async def test_drop_in_process_raises_the_same_transport_error() -> None:
    mock = DevinMock()
    mock.faults.add("drop")
    headers = {"Authorization": f"Bearer {next(iter(mock.keys))}"}
    transport = httpx.ASGITransport(app=mock.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get("/v1/sessions", headers=headers)


def test_slow_response_trips_a_client_timeout(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    devin_mock.faults.add("slow", operation=CREATE, delay=3.0, count=1)
    with pytest.raises(httpx.ReadTimeout):
        api.post("/v1/sessions", json={"prompt": "p"}, timeout=0.2)


def test_truncated_json_keeps_the_status_and_cuts_the_body(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    devin_mock.faults.add("truncated_json", operation=CREATE, count=1)
    response = create(api)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_html_error_page(devin_mock: DevinMockFixture, api: httpx.Client) -> None:
    devin_mock.faults.add("html_error", count=1)
    response = create(api)
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert "<html>" in response.text


def test_bad_fault_requests_are_refused(devin_mock: DevinMockFixture) -> None:
    with pytest.raises(ValueError, match="unknown operation"):
        devin_mock.faults.add("server_error", operation="create_sesion")
    with pytest.raises(ValueError, match="unknown fault kind"):
        devin_mock.faults.add("explode")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="rate"):
        devin_mock.faults.add("server_error", rate=2.0)


def test_admin_endpoints_switch_faults_for_another_process(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    added = api.post("/_mock/faults", json={"kind": "rate_limit", "operation": CREATE, "count": 1})
    assert added.status_code == 201
    assert added.json()["kind"] == "rate_limit"
    assert [f["id"] for f in api.get("/_mock/faults").json()] == [added.json()["id"]]
    assert create(api).status_code == 429
    assert create(api).status_code == 200
    (used,) = api.get("/_mock/faults").json()
    assert (used["hits"], used["active"]) == (1, False)
    api.post("/_mock/faults", json={"kind": "server_error"})
    assert api.delete("/_mock/faults").json() == {"status": "ok"}
    assert create(api).status_code == 200
    for bad in ({"kind": "nope"}, {"kind": "drop", "count": "1"}, {"what": 1}, [1]):
        assert api.post("/_mock/faults", json=bad).status_code == 400
    assert api.post("/_mock/reset").json() == {"status": "ok"}
    assert api.get("/v1/sessions").json() == {"sessions": []}
    assert api.get("/_mock/health").json() == {"status": "ok"}


def test_faults_do_not_touch_admin_or_files(
    devin_mock: DevinMockFixture, api: httpx.Client
) -> None:
    devin_mock.faults.add("server_error")
    assert api.get("/_mock/health").status_code == 200


@pytest.mark.anyio
async def test_response_validation_catches_a_broken_handler() -> None:
    mock = DevinMock(validate_responses=True)

    async def broken(ctx: object) -> httpx.Response:  # a handler that forgets a required field
        from starlette.responses import JSONResponse

        return JSONResponse({"url": "https://app.devin.ai/sessions/x"})  # type: ignore[return-value]

    mock.app.endpoints["POST /v1/sessions"].handler = broken
    headers = {"Authorization": f"Bearer {next(iter(mock.keys))}"}
    transport = httpx.ASGITransport(app=mock.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
        with pytest.raises(ResponseValidationError, match="session_id"):
            await client.post("/v1/sessions", json={"prompt": "p"}, headers=headers)
    (issue,) = mock.response_issues
    assert issue.operation_id == CREATE


def test_admin_clock_refuses_non_finite_values(api: httpx.Client) -> None:
    for bad in (b'{"advance": NaN}', b'{"advance": 1e300}', b'{"advance": "1"}', b"\xff"):
        assert api.post("/_mock/clock", content=bad).status_code == 400
    assert api.post("/_mock/clock", json={"advance": 61}).status_code == 200
    assert api.get("/v1/sessions").status_code == 200
