"""The mock kernel knows no API: a made-up vendor's API, with its own error envelope, statuses
and permissions, runs on it unchanged; and it refuses an API whose handlers and spec disagree.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

import httpx
import pytest
from devin_client.testing import DevinMock
from devin_client.testing._kernel.api import (
    Api,
    BearerAuth,
    Call,
    Handlers,
    Principal,
    RegistrationError,
)
from devin_client.testing._kernel.app import MockApp
from devin_client.testing._kernel.errors import FieldError, HttpError
from devin_client.testing._kernel.server import MockServer
from devin_client.testing._kernel.spec import Spec, load_document
from devin_client.testing.devin import v1
from devin_client.testing.devin.store import MockStore
from starlette.responses import JSONResponse, Response

# ---- a made-up API: widgets, a 201 create, a 204 delete, an open health check ---------------

ERROR = {"type": "object", "required": ["message", "status"]}
WIDGET = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
}


def _responses(ok: str, schema: Any = None) -> dict[str, Any]:
    error = {"description": "error", "content": {"application/json": {"schema": ERROR}}}
    success: dict[str, Any] = {"description": "ok"}
    if schema is not None:
        success["content"] = {"application/json": {"schema": schema}}
    return {ok: success, **{code: error for code in ("401", "403", "404", "422", "429")}}


TOY_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "toy", "version": "1"},
    "security": [{"bearer": []}],
    "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    "paths": {
        "/toy/v1/widgets": {
            "post": {
                "operationId": "makeWidget",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {"name": {"type": "string", "maxLength": 5}},
                            }
                        }
                    },
                },
                "responses": _responses("201", WIDGET),
            },
        },
        "/toy/v1/widgets/{widget_id}": {
            "parameters": [
                {"name": "widget_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "get": {"operationId": "readWidget", "responses": _responses("200", WIDGET)},
            "delete": {"operationId": "dropWidget", "responses": _responses("204")},
        },
        "/toy/v1/widgets/special": {
            "get": {"operationId": "special", "responses": _responses("200", WIDGET)},
        },
        "/toy/health": {
            "get": {"operationId": "health", "security": [], "responses": _responses("200", {})},
        },
    },
}


class Widgets(dict[str, dict[str, Any]]):
    def reset(self) -> None:
        self.clear()


class Envelope:
    """This vendor's error body: ``{"message", "status", "data"}``."""

    def error(self, status: int, detail: str, headers: Mapping[str, str] | None = None) -> Response:
        body = {"message": detail, "status": status, "data": None}
        return JSONResponse(body, status_code=status, headers=headers)

    def invalid(self, errors: list[FieldError]) -> Response:
        body = {"message": "invalid input", "status": 422, "data": errors}
        return JSONResponse(body, status_code=422)


handlers = Handlers[Widgets]()


@handlers("POST /toy/v1/widgets")
def make_widget(call: Call[Widgets]) -> Any:
    call.principal.require("widgets:write")
    widget = {"id": f"w{len(call.state) + 1}", "name": call.body["name"]}
    call.state[widget["id"]] = widget
    return widget


@handlers("GET /toy/v1/widgets/{widget_id}")
def read_widget(call: Call[Widgets]) -> Any:
    widget = call.state.get(call.path["widget_id"])
    if widget is None:
        raise HttpError(404, "no such widget")
    return widget


@handlers("GET /toy/v1/widgets/special")
def special(call: Call[Widgets]) -> Any:
    if call.request.headers.get("x-odd"):
        call.records.issue("special: the caller sent X-Odd")  # a problem a test should see
    return {"id": "special", "name": "sp"}


@handlers("DELETE /toy/v1/widgets/{widget_id}")
def drop_widget(call: Call[Widgets]) -> Any:
    call.state.pop(call.path["widget_id"], None)


@handlers("GET /toy/health")
def health(call: Call[Widgets]) -> Any:
    return {}


KEYS = {
    "k-all": Principal("tenant-a", "k-all"),
    "k-read": Principal("tenant-a", "k-read", permissions=frozenset({"widgets:read"})),
}


def toy_app() -> MockApp:
    api = Api(
        name="toy",
        spec=Spec(TOY_SPEC, name="toy"),
        handlers=handlers,
        state=Widgets(),
        auth=BearerAuth(KEYS.get),
        errors=Envelope(),
    )
    return MockApp([api], upload_limit=1024, validate_responses=True)


@pytest.fixture
def toy() -> Iterator[tuple[MockApp, httpx.Client]]:
    app = toy_app()
    with (
        MockServer(app) as server,
        httpx.Client(base_url=server.base_url, timeout=10) as client,
    ):
        yield app, client
    assert app.records.issues == []
    assert app.records.crashes == []


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_success_statuses_come_from_the_spec(toy: tuple[MockApp, httpx.Client]) -> None:
    _app, http = toy
    created = http.post("/toy/v1/widgets", json={"name": "cog"}, headers=_auth("k-all"))
    assert created.status_code == 201  # the one documented 2xx; the handler returned a body
    assert created.json() == {"id": "w1", "name": "cog"}
    assert http.get("/toy/v1/widgets/w1", headers=_auth("k-all")).status_code == 200
    dropped = http.delete("/toy/v1/widgets/w1", headers=_auth("k-all"))
    assert (dropped.status_code, dropped.content) == (204, b"")


def test_errors_are_written_in_the_apis_own_format(toy: tuple[MockApp, httpx.Client]) -> None:
    _app, http = toy
    missing = http.get("/toy/v1/widgets/w9", headers=_auth("k-all"))
    assert missing.json() == {"message": "no such widget", "status": 404, "data": None}
    anonymous = http.get("/toy/v1/widgets/w9")
    assert anonymous.status_code == 401
    assert anonymous.json()["status"] == 401
    assert anonymous.headers["www-authenticate"] == "Bearer"
    invalid = http.post("/toy/v1/widgets", json={"name": "toolong"}, headers=_auth("k-all"))
    assert invalid.status_code == 422
    assert invalid.json()["data"][0]["loc"] == ["body", "name"]
    unknown = http.get("/toy/v1/gadgets", headers=_auth("k-all"))
    assert unknown.json() == {"message": "Not Found", "status": 404, "data": None}
    wrong_method = http.put("/toy/v1/widgets/w1", headers=_auth("k-all"))
    assert wrong_method.status_code == 405
    assert wrong_method.headers["allow"] == "DELETE, GET"


def test_a_missing_permission_is_a_403_naming_it(toy: tuple[MockApp, httpx.Client]) -> None:
    _app, http = toy
    refused = http.post("/toy/v1/widgets", json={"name": "cog"}, headers=_auth("k-read"))
    assert refused.status_code == 403
    assert refused.json()["message"] == "Missing permission: widgets:write"


def test_an_operation_the_spec_leaves_open_needs_no_key(
    toy: tuple[MockApp, httpx.Client],
) -> None:
    _app, http = toy
    assert http.get("/toy/health").status_code == 200


def test_a_literal_path_wins_over_a_template(toy: tuple[MockApp, httpx.Client]) -> None:
    _app, http = toy
    special = http.get("/toy/v1/widgets/special", headers=_auth("k-all"))
    assert special.json() == {"id": "special", "name": "sp"}
    # A method only the template has goes to the template, as Starlette routes it...
    assert http.delete("/toy/v1/widgets/special", headers=_auth("k-all")).status_code == 204
    # ...and a 405 lists the methods of the path the request names, as its path item does.
    refused = http.put("/toy/v1/widgets/special", headers=_auth("k-all"))
    assert (refused.status_code, refused.headers["Allow"]) == (405, "GET")
    assert http.put("/toy/v1/widgets/w1").headers["Allow"] == "DELETE, GET"


def test_a_handler_reports_problems_where_tests_look() -> None:
    app = toy_app()
    with MockServer(app) as server, httpx.Client(base_url=server.base_url) as http:
        http.get("/toy/v1/widgets/special", headers={**_auth("k-all"), "X-Odd": "1"})
        assert http.get("/_mock/issues").json() == ["special: the caller sent X-Odd"]
        assert http.get("/_mock/stats").json()["response_issues"] == 1


def test_faults_and_hits_work_on_any_api(toy: tuple[MockApp, httpx.Client]) -> None:
    app, http = toy
    app.faults.add("rate_limit", operation="POST /toy/v1/widgets", count=1)
    limited = http.post("/toy/v1/widgets", json={"name": "cog"}, headers=_auth("k-all"))
    assert limited.status_code == 429
    assert limited.json()["status"] == 429  # the fault speaks the API's format too
    assert limited.headers["retry-after"] == "1"
    http.get("/toy/health")
    assert app.records.hits == {"makeWidget": 1, "health": 1}
    assert http.get("/_mock/stats").json()["hits"] == {"makeWidget": 1, "health": 1}
    assert http.post("/_mock/reset").status_code == 200
    assert app.records.hits == {}
    assert app.faults.all == []


# ---- the kernel refuses an API whose handlers and spec disagree -------------------------------


def _devin_v1(document: Mapping[str, Any], handlers: Mapping[str, Any] = v1.HANDLERS) -> Api[Any]:
    auth = BearerAuth({"k": Principal("org-copy", "k")}.get)
    return Api("devin-v1", Spec(document, name="copy"), handlers, MockStore(), auth=auth)


def test_an_operation_without_a_handler_stops_the_mock() -> None:
    document = copy.deepcopy(dict(load_document(v1.PACKAGE)))
    archive = copy.deepcopy(document["paths"]["/v1/sessions/{session_id}"]["delete"])
    archive["operationId"] = "archive_session"
    document["paths"]["/v1/sessions/{session_id}/archive"] = {"post": archive}
    with pytest.raises(RegistrationError) as caught:
        _devin_v1(document)
    message = str(caught.value)
    assert "without a handler" in message
    assert "POST /v1/sessions/{session_id}/archive (archive_session)" in message
    assert "list_sessions" not in message  # only what is wrong is named

    # Adding the operation to the mock is one handler; then it serves it, status from the spec.
    extra = Handlers[Any]()

    @extra("POST /v1/sessions/{session_id}/archive")
    def archive(call: Call[Any]) -> Any:
        return {"detail": f"archived {call.path['session_id']}"}

    app = MockApp([_devin_v1(document, {**v1.HANDLERS, **extra})], upload_limit=1)
    with MockServer(app) as server:
        answer = httpx.post(f"{server.base_url}/v1/sessions/devin-1/archive", headers=_auth("k"))
    assert (answer.status_code, answer.json()) == (200, {"detail": "archived devin-1"})


def test_a_handler_for_no_operation_stops_the_mock() -> None:
    document = copy.deepcopy(dict(load_document(v1.PACKAGE)))
    del document["paths"]["/v1/knowledge/{note_id}"]["delete"]
    with pytest.raises(RegistrationError, match=r"name no operation of the spec: DELETE /v1/kn"):
        _devin_v1(document)


def test_handlers_are_keyed_by_method_and_path_once() -> None:
    table = Handlers[Widgets]()
    with pytest.raises(ValueError, match="METHOD /path"):
        table("makeWidget")
    table("GET /x")(health)
    with pytest.raises(RegistrationError, match="two handlers for GET /x"):
        table("GET /x")(health)


def test_a_spec_that_asks_for_credentials_needs_an_auth() -> None:
    with pytest.raises(RegistrationError, match="no auth is given"):
        Api("toy", Spec(TOY_SPEC, name="toy"), handlers, Widgets())


def test_two_apis_cannot_claim_one_operation() -> None:
    api = toy_app().apis[0]
    with pytest.raises(RegistrationError, match="in both toy and toy"):
        MockApp([api, api], upload_limit=1)


def test_the_devin_mock_records_hits_per_operation() -> None:
    mock = DevinMock()
    with mock.serve() as server, httpx.Client(base_url=server.base_url) as http:
        auth = _auth(next(iter(mock.keys)))
        http.get("/v1/sessions", headers=auth)
        http.get("/v1/sessions", headers=auth)
        http.get("/v1/secrets")  # 401: still a request for that operation
        assert mock.hits == {
            "list_sessions_endpoint_v1_sessions_get": 2,
            "list_secrets_v1_secrets_get": 1,
        }
        mock.reset()
        assert mock.hits == {}
