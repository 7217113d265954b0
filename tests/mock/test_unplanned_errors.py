"""A crash inside a mock handler is counted, so soaks can prove the mock never failed by itself."""

from __future__ import annotations

import httpx
import pytest
from devin_client.testing import DEFAULT_API_KEY, DevinMock

pytestmark = pytest.mark.anyio

GET_SESSION = "GET /v1/sessions/{session_id}"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_a_crashing_handler_is_counted_and_reported():
    with DevinMock() as mock:

        async def broken(ctx: object) -> None:
            raise RuntimeError("deliberately broken handler")

        mock.app.endpoints[GET_SESSION].handler = broken
        transport = httpx.ASGITransport(app=mock.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
            ok = await http.get(
                "/v1/sessions", headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}
            )
            assert ok.status_code == 200
            assert mock.unplanned_errors == 0
            crashed = await http.get(
                "/v1/sessions/devin-1", headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}
            )
            assert crashed.status_code == 500
            assert crashed.json() == {"detail": "mock internal error (RuntimeError)"}
            stats = (await http.get("/_mock/stats")).json()
        assert mock.unplanned_errors == 1
        assert stats["unplanned_errors"] == 1
        mock.reset()
        assert mock.unplanned_errors == 0


async def test_closing_the_mock_closes_stored_uploads():
    mock = DevinMock()
    transport = httpx.ASGITransport(app=mock.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
        response = await http.post(
            "/v1/attachments",
            headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"},
            files={"file": ("a.txt", b"hello")},
        )
    assert response.status_code == 200
    (record,) = mock.store.org(mock.keys[DEFAULT_API_KEY]).attachments.values()
    mock.close()
    assert record.file.closed


async def test_a_test_during_which_a_handler_crashed_fails_naming_the_operation():
    from devin_client.testing._kernel.plugin import fresh

    mock = DevinMock()

    def broken(call: object) -> None:
        raise RuntimeError("deliberately broken handler")

    mock.app.endpoints[GET_SESSION].handler = broken
    transport = httpx.ASGITransport(app=mock.app)
    auth = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    crashed = r"crashed 1 time(?s:.*)get_session_endpoint_v1_sessions__session_id__get"

    async def a_test() -> None:
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
            await http.get("/v1/sessions", headers=auth)
            await http.get("/v1/sessions/devin-1", headers=auth)

    with pytest.raises(pytest.fail.Exception, match=crashed), fresh(mock.app):
        await a_test()
    assert mock.unplanned_errors == 0  # and the mock is clean for the next test
