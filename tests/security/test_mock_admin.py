"""The mock's admin API is for this machine only, and the mock is safe to expose by accident.

``/_mock/*`` has no key: it refuses requests whose ``Host`` is not a loopback name or the
address the connection arrived at (DNS rebinding) and whose ``Origin`` is another site (a page
in the user's browser). ``devin-mock`` warns when bound beyond loopback; fault statuses are
error statuses; presigned URLs work on IPv6 loopback; Ctrl-C stops the server cleanly."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest
from devin_client.testing import DEFAULT_API_KEY, DevinMock, Fault, MockProcess

AUTH = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
TIMEOUT = 10.0

ADMIN_REQUESTS = [
    ("GET", "/_mock/stats", None),
    ("GET", "/_mock/faults", None),
    ("POST", "/_mock/faults", {"kind": "server_error"}),
    ("POST", "/_mock/reset", None),
    ("POST", "/_mock/clock", {"advance": 61}),
    ("POST", "/_mock/platforms", {"org_id": "org-x", "platforms": ["linux"]}),
    ("POST", "/_mock/settings", {"foreign_org_status": 404}),
    ("DELETE", "/_mock/faults", None),
]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[DevinMock, str]]:
    mock = DevinMock()
    with mock.serve() as server:
        yield mock, server.base_url
    mock.close()


@pytest.fixture
def http(served: tuple[DevinMock, str]) -> Iterator[httpx.Client]:
    served[0].reset()
    with httpx.Client(base_url=served[1], timeout=TIMEOUT) as client:
        yield client


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example",
        "attacker.example:8123",
        "127.0.0.1.attacker.example",
        "localhost.attacker.example",
        "10.0.0.1",
        "[2001:db8::1]",
        "",
    ],
)
@pytest.mark.parametrize(("method", "path", "body"), ADMIN_REQUESTS)
def test_admin_refuses_a_host_that_is_not_this_machine(
    served: tuple[DevinMock, str],
    http: httpx.Client,
    host: str,
    method: str,
    path: str,
    body: object,
) -> None:
    mock = served[0]
    mock.faults.add("slow", delay=0, operation="GET /v1/secrets")
    response = http.request(method, path, json=body, headers={"Host": host})
    assert response.status_code == 403
    assert "Host" in response.json()["detail"]
    assert [f.kind for f in mock.faults.all] == ["slow"]  # nothing changed


@pytest.mark.parametrize(
    "origin",
    ["https://attacker.example", "http://attacker.example:8123", "null", "file://", "x"],
)
@pytest.mark.parametrize(("method", "path", "body"), ADMIN_REQUESTS)
def test_admin_refuses_a_cross_site_origin(
    served: tuple[DevinMock, str],
    http: httpx.Client,
    origin: str,
    method: str,
    path: str,
    body: object,
) -> None:
    mock = served[0]
    mock.faults.add("slow", delay=0, operation="GET /v1/secrets")
    response = http.request(method, path, json=body, headers={"Origin": origin})
    assert response.status_code == 403
    assert "Origin" in response.json()["detail"]
    assert [f.kind for f in mock.faults.all] == ["slow"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Host": "localhost"},
        {"Host": "LOCALHOST:8123"},
        {"Host": "devin.localhost"},
        {"Host": "127.0.0.1"},
        {"Host": "127.8.9.10:1"},
        {"Host": "[::1]:8123"},
        {"Origin": "http://localhost:3000"},
        {"Origin": "http://127.0.0.1:8123"},
    ],
)
def test_admin_answers_this_machine(http: httpx.Client, headers: dict[str, str]) -> None:
    assert http.get("/_mock/stats", headers=headers).status_code == 200
    assert http.post("/_mock/faults", json={"kind": "drop"}, headers=headers).status_code == 201


def test_the_api_itself_answers_any_host(http: httpx.Client) -> None:
    # Only the keyless admin API is guarded; the API has its bearer keys.
    response = http.get("/v1/sessions", headers={**AUTH, "Host": "api.example"})
    assert response.status_code == 200


def test_in_process_the_admin_api_answers_the_apps_own_host() -> None:
    import asyncio

    mock = DevinMock()

    async def stats() -> int:
        transport = httpx.ASGITransport(app=mock.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
            return (await http.get("/_mock/stats")).status_code

    assert asyncio.run(stats()) == 200


# ---- devin-mock on a non-loopback interface ---------------------------------------------------


def _startup_output(host: str) -> tuple[str, str]:
    """The base URL and the output (stdout and stderr) of ``devin-mock --host HOST``."""
    with MockProcess(host=host) as mock:
        return mock.base_url, mock.output()


def test_binding_every_interface_prints_a_warning() -> None:
    base_url, output = _startup_output("0.0.0.0")
    assert base_url.startswith("http://0.0.0.0:")
    assert "warning" in output
    assert "/_mock" in output
    assert "key" in output


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_binding_loopback_prints_no_warning(host: str) -> None:
    base_url, output = _startup_output(host)
    assert base_url.startswith(f"http://{host}:")
    assert "warning" not in output


# ---- fault statuses -----------------------------------------------------------------------


@pytest.mark.parametrize("status", [100, 101, 200, 204, 301, 304, 399, 600, 999, -1])
def test_a_fault_status_must_be_an_error(http: httpx.Client, status: int) -> None:
    with pytest.raises(ValueError, match="400 to 599"):
        Fault("server_error", status=status)
    with pytest.raises(ValueError, match="400 to 599"):
        DevinMock().faults.add("html_error", status=status)
    response = http.post("/_mock/faults", json={"kind": "server_error", "status": status})
    assert response.status_code == 400
    assert http.get("/_mock/faults").json() == []


@pytest.mark.parametrize("status", [400, 404, 418, 499, 500, 599])
def test_error_statuses_are_accepted(http: httpx.Client, status: int) -> None:
    added = http.post("/_mock/faults", json={"kind": "html_error", "status": status})
    assert added.status_code == 201
    answer = http.get("/v1/sessions", headers=AUTH)
    assert answer.status_code == status
    assert f"<title>{status} " in answer.text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"delay": float("inf")},
        {"delay": float("nan")},
        {"retry_after": float("inf")},
        {"retry_after": float("nan")},
        {"rate": float("nan")},
        {"skip": -1},
        {"delay": "1"},
    ],
)
def test_fault_numbers_must_be_finite_and_typed(kwargs: dict[str, object]) -> None:
    (name,) = kwargs
    with pytest.raises(ValueError, match=name):
        Fault("slow", **kwargs)  # type: ignore[arg-type]


# ---- presigned URLs on IPv6 loopback ----------------------------------------------------------


def _ipv6_loopback() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
            sock.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_presigned_urls_work_on_ipv6_loopback() -> None:
    mock = DevinMock()
    with (
        mock.serve(host="::1") as server,
        httpx.Client(base_url=server.base_url, timeout=TIMEOUT) as http,
    ):
        assert server.base_url.startswith("http://[::1]:")
        url = http.post("/v1/attachments", files={"file": ("a.txt", b"hello")}, headers=AUTH)
        redirect = http.get(url.json(), headers=AUTH)
        assert redirect.status_code == 307
        location = httpx.URL(redirect.headers["location"])  # a URL httpx can parse
        # Another origin (so no client sends its key there), the same machine and port.
        assert location.host != "::1"
        assert location.port == server.port
        followed = http.get(url.json(), headers=AUTH, follow_redirects=True)
        assert followed.status_code == 200
        assert followed.content == b"hello"
    mock.close()


def test_the_other_origin_of_ipv6_hosts_is_a_valid_url() -> None:
    from devin_client.testing._kernel.hosts import other_origin_host

    assert other_origin_host("::1") == "[0:0:0:0:0:0:0:1]"
    assert other_origin_host("[0:0:0:0:0:0:0:1]") == "[::1]"
    assert other_origin_host("127.0.0.1") == "localhost"
    assert other_origin_host("localhost") == "127.0.0.1"
    for host in ("::1", "fe80::1", "2001:db8::5"):
        other = other_origin_host(host)
        assert other is not None
        assert httpx.URL(f"http://{other}:8123/_files/x").port == 8123


# ---- Ctrl-C ---------------------------------------------------------------------------------


def test_ctrl_c_stops_devin_mock_without_a_traceback() -> None:
    # MockProcess.stop() sends SIGINT first, and SIGTERM only if the process is still running.
    with MockProcess() as mock:
        assert httpx.get(f"{mock.base_url}/_mock/health", timeout=TIMEOUT).status_code == 200
    assert mock.returncode in {0, 130}
    assert "Traceback" not in mock.output()
    assert "KeyboardInterrupt" not in mock.output()
