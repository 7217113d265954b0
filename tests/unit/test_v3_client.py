"""The v3 client: its organisation, its error bodies, retries of creates, its public surface."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import anyio
import httpx
import pytest
from devin_client import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    DevinValidationError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    ResponseValidationError,
    UnprocessableEntityError,
)
from devin_client.v3 import AsyncDevin, Devin

from .conftest import BASE_URL, ORG, ORG_PATH, SELF, V3_KEY, V3_SESSION, Recorder, problem

SESSION_PATH = f"{ORG_PATH}/sessions/devin-abc"


def _paths(recorder: Recorder) -> list[str]:
    return [f"{r.method} {r.url.path}" for r in recorder.requests]


# -- the organisation --------------------------------------------------------------------------


def test_the_organisation_is_learned_once_and_shared_by_copies(
    v3: Devin, recorder: Recorder
) -> None:
    recorder.route("GET", SESSION_PATH, V3_SESSION)
    v3.sessions.get("devin-abc")
    v3.sessions.get("devin-abc")
    v3.with_options(max_retries=0).sessions.get("devin-abc")
    assert v3.org_id == ORG
    assert _paths(recorder) == ["GET /v3/self", *[f"GET {SESSION_PATH}"] * 3]
    assert recorder.requests[0].headers["authorization"] == f"Bearer {V3_KEY}"


def test_a_given_organisation_is_never_looked_up(recorder: Recorder) -> None:
    recorder.route("GET", "/v3/organizations/org-given/sessions/devin-abc", V3_SESSION)
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = Devin(V3_KEY, org_id="org-given", base_url=BASE_URL, http_client=http)
    assert client.org_id == "org-given"
    client.sessions.get("devin-abc")
    assert _paths(recorder) == ["GET /v3/organizations/org-given/sessions/devin-abc"]
    assert "org_id='org-given'" in repr(client)


def test_the_organisation_comes_from_the_environment(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVIN_API_KEY", V3_KEY)
    monkeypatch.setenv("DEVIN_ORG_ID", "org-env")
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    assert Devin(base_url=BASE_URL, http_client=http).org_id == "org-env"
    assert Devin(org_id="org-arg", base_url=BASE_URL, http_client=http).org_id == "org-arg"
    assert recorder.requests == []


@pytest.mark.parametrize("org_id", ["", "..", "org/x", "org\n", 7])
def test_a_bad_organisation_is_refused_at_once(org_id: Any) -> None:
    with pytest.raises(DevinValidationError, match="org_id"):
        Devin(V3_KEY, org_id=org_id)


def test_an_enterprise_key_without_organisation_says_to_pass_one(
    v3: Devin, recorder: Recorder
) -> None:
    recorder.route("GET", "/v3/self", {**SELF, "org_id": None})
    with pytest.raises(DevinValidationError, match="pass org_id=") as info:
        v3.sessions.get("devin-abc")
    assert info.value.field == "org_id"
    assert _paths(recorder) == ["GET /v3/self"]


def test_an_organisation_id_that_would_change_the_path_is_refused(
    v3: Devin, recorder: Recorder
) -> None:
    recorder.route("GET", "/v3/self", {**SELF, "org_id": ".."})
    with pytest.raises(ResponseValidationError):
        v3.sessions.get("devin-abc")
    assert _paths(recorder) == ["GET /v3/self"]


def test_a_failed_lookup_is_not_remembered(v3: Devin, recorder: Recorder) -> None:
    recorder.reply(problem(401, "Unauthorized", "Invalid API key"))
    recorder.route("GET", SESSION_PATH, V3_SESSION)
    with pytest.raises(AuthenticationError):
        v3.sessions.get("devin-abc")
    assert v3.sessions.get("devin-abc").session_id == "devin-abc"
    assert _paths(recorder) == ["GET /v3/self", "GET /v3/self", f"GET {SESSION_PATH}"]


def test_self_returns_the_principal(v3: Devin, recorder: Recorder) -> None:
    principal = v3.self()
    assert (principal.principal_type, principal.org_id) == ("service_user", ORG)
    assert v3.org_id == ORG  # self() taught the client its organisation
    assert _paths(recorder) == ["GET /v3/self"]


def test_bad_input_sends_nothing_not_even_the_lookup(v3: Devin, recorder: Recorder) -> None:
    with pytest.raises(DevinValidationError, match="devin_mode"):
        v3.sessions.create("Hurry", devin_mode="turbo")
    with pytest.raises(DevinValidationError, match="tags"):
        v3.sessions.tags.append("devin-abc", [f"t{i}" for i in range(51)])
    with pytest.raises(DevinValidationError, match="devin_id"):
        v3.sessions.get("..")
    with pytest.raises(DevinValidationError, match="page_size"):
        v3.sessions.list(page_size=201)
    with pytest.raises(DevinValidationError, match="dest"):
        v3.attachments.download(f"{BASE_URL}{ORG_PATH}/attachments/u/a.txt", dest="/no/such/")
    assert recorder.requests == []


@pytest.mark.anyio
async def test_concurrent_first_calls_share_one_lookup(recorder: Recorder) -> None:
    lookups = 0

    async def slow_self(request: httpx.Request) -> httpx.Response:
        nonlocal lookups
        lookups += 1
        for _ in range(20):  # let every other task reach the lookup meanwhile
            await anyio.lowlevel.checkpoint()
        return httpx.Response(200, json=SELF)

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v3/self":
            return await slow_self(request)
        return httpx.Response(200, json=V3_SESSION)

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with AsyncDevin(V3_KEY, base_url=BASE_URL, http_client=http) as client:
        results: list[str] = []

        async def get() -> None:
            results.append((await client.sessions.get("devin-abc")).session_id)

        async with anyio.create_task_group() as group:
            for _ in range(8):
                group.start_soon(get)
        assert results == ["devin-abc"] * 8
        assert await client.org_id == ORG
    await http.aclose()
    assert lookups == 1


@pytest.mark.anyio
async def test_waiters_try_in_turn_when_the_lookup_fails(recorder: Recorder) -> None:
    answers = [problem(503, "Service Unavailable"), httpx.Response(200, json=SELF)]

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v3/self":
            for _ in range(20):
                await anyio.lowlevel.checkpoint()
            return answers.pop(0)
        return httpx.Response(200, json=V3_SESSION)

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with AsyncDevin(V3_KEY, base_url=BASE_URL, http_client=http, max_retries=0) as client:
        outcomes: list[str] = []

        async def get() -> None:
            try:
                await client.sessions.get("devin-abc")
                outcomes.append("ok")
            except InternalServerError:
                outcomes.append("503")

        async with anyio.create_task_group() as group:
            for _ in range(3):
                group.start_soon(get)
    await http.aclose()
    assert sorted(outcomes) == ["503", "ok", "ok"]


@pytest.mark.anyio
async def test_the_async_client_awaits_its_organisation(
    av3: AsyncDevin, recorder: Recorder
) -> None:
    assert await av3.org_id == ORG
    assert await av3.org_id == ORG
    assert (await av3.self()).principal_type == "service_user"
    assert _paths(recorder) == ["GET /v3/self", "GET /v3/self"]


def test_base_url_ending_in_v3_is_tolerated(recorder: Recorder) -> None:
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = Devin(V3_KEY, org_id=ORG, base_url=f"{BASE_URL}/v3/", http_client=http)
    assert client.base_url == BASE_URL


# -- error bodies ------------------------------------------------------------------------------


def test_problem_details_map_to_the_error_tree(v3: Devin, recorder: Recorder) -> None:
    recorder.route(
        "GET",
        SESSION_PATH,
        lambda r: problem(
            403, "Forbidden", "Missing permission: ViewOrgSessions", instance=r.url.path
        ),
    )
    with pytest.raises(PermissionDeniedError) as info:
        v3.sessions.get("devin-abc")
    exc = info.value
    assert (exc.status_code, exc.title) == (403, "Forbidden")
    assert exc.detail == "Missing permission: ViewOrgSessions"
    assert str(exc) == (f"403 Forbidden: Missing permission: ViewOrgSessions (GET {SESSION_PATH})")
    recorder.route("GET", SESSION_PATH, lambda r: problem(404, "Not Found"))
    with pytest.raises(NotFoundError) as missing:
        v3.sessions.get("devin-abc")
    assert (missing.value.title, missing.value.detail) == ("Not Found", None)
    assert str(missing.value).startswith("404 Not Found: Not Found (GET")


def test_a_422_problem_detail_carries_its_field_errors(v3: Devin, recorder: Recorder) -> None:
    errors = [
        {"loc": ["query", "first"], "msg": "must be <= 200", "type": "less_than_equal"},
        {"loc": ["query", "after"], "msg": "invalid cursor", "type": "value_error"},
    ]
    recorder.route(
        "GET",
        f"{ORG_PATH}/sessions",
        lambda r: problem(422, "Unprocessable Entity", "Validation failed", errors=errors),
    )
    with pytest.raises(UnprocessableEntityError) as info:
        list(v3.with_options(validate=False).sessions.list(page_size=500))
    exc = info.value
    assert exc.title == "Unprocessable Entity"
    assert [(e["loc"], e["msg"]) for e in exc.errors] == [
        (["query", "first"], "must be <= 200"),
        (["query", "after"], "invalid cursor"),
    ]
    assert "Validation failed: first: must be <= 200; after: invalid cursor" in str(exc)


def test_a_legacy_fastapi_422_still_parses(v3: Devin, recorder: Recorder) -> None:
    legacy = {"detail": [{"loc": ["body", "tags"], "msg": "too many", "type": "too_long"}]}
    recorder.route("PUT", f"{SESSION_PATH}/tags", lambda r: httpx.Response(422, json=legacy))
    with pytest.raises(UnprocessableEntityError) as info:
        v3.sessions.tags.replace("devin-abc", ["a"])
    exc = info.value
    assert exc.title is None
    assert exc.detail == legacy["detail"]
    assert [e["msg"] for e in exc.errors] == ["too many"]
    assert "tags: too many" in str(exc)


def test_an_error_body_that_is_not_json(v3: Devin, recorder: Recorder) -> None:
    recorder.route(
        "GET", SESSION_PATH, lambda r: httpx.Response(502, text="<html>Bad gateway</html>")
    )
    with pytest.raises(InternalServerError) as info:
        v3.with_options(max_retries=0).sessions.get("devin-abc")
    assert info.value.title is None
    assert "Bad gateway" in str(info.value)


def test_v1_errors_have_no_title(client: Any, recorder: Recorder) -> None:
    recorder.route(
        "GET", "/v1/sessions/devin-x", lambda r: httpx.Response(404, json={"detail": "nope"})
    )
    with pytest.raises(NotFoundError) as info:
        client.sessions.get("devin-x")
    assert info.value.title is None


# -- retries: a create never twice -------------------------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(500, json={"title": "Internal Server Error", "status": 500}),
        httpx.Response(503, json={"title": "Service Unavailable", "status": 503}),
        httpx.Response(429, json={"title": "Too Many Requests", "status": 429}),
        httpx.ReadTimeout("read timed out"),
        httpx.RemoteProtocolError("server disconnected"),
    ],
    ids=["500", "503", "429", "read-timeout", "disconnected"],
)
def test_a_create_that_may_have_arrived_is_never_retried(
    v3: Devin, recorder: Recorder, failure: Any
) -> None:
    v3.org_id  # noqa: B018 (learn the organisation first)
    recorder.reply(failure)
    with pytest.raises((APIStatusError, APIConnectionError)):
        v3.sessions.create("Fix the flaky test")
    creates = [r for r in recorder.requests if r.method == "POST"]
    assert len(creates) == 1


def test_a_create_whose_connection_failed_is_retried(v3: Devin, recorder: Recorder) -> None:
    v3.org_id  # noqa: B018
    recorder.reply(httpx.ConnectError("connection refused"))
    recorder.route("POST", f"{ORG_PATH}/sessions", V3_SESSION)
    assert v3.sessions.create("Fix the flaky test").session_id == "devin-abc"
    assert [r.method for r in recorder.requests] == ["GET", "POST", "POST"]


def test_reads_are_retried(v3: Devin, recorder: Recorder, sleeps: list[float]) -> None:
    v3.org_id  # noqa: B018
    recorder.reply(problem(503, "Service Unavailable"))
    recorder.route("GET", SESSION_PATH, V3_SESSION)
    assert v3.sessions.get("devin-abc").session_id == "devin-abc"
    assert len(sleeps) == 1


# -- the public surface ------------------------------------------------------------------------


def test_v3_all_is_its_public_names() -> None:
    import devin_client.v3 as module

    assert module.__all__ == ["AsyncDevin", "Devin"]


def test_importing_v3_is_light() -> None:
    code = (
        "import sys, devin_client.v3; "
        "print(sorted(m for m in sys.modules if m.startswith(('devin_api', 'jsonschema_rs'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_key_is_not_in_the_repr(v3: Devin) -> None:
    assert V3_KEY not in repr(v3)
    assert V3_KEY not in str(vars(v3))


def test_a_huge_or_empty_problem_detail_still_reads_well(v3: Devin, recorder: Recorder) -> None:
    recorder.route(
        "GET",
        SESSION_PATH,
        lambda r: problem(422, "T" * 2_000_000, "Bad", errors=[{"foo": "bar"}, {"loc": []}]),
    )
    with pytest.raises(UnprocessableEntityError) as info:
        v3.sessions.get("devin-abc")
    exc = info.value
    assert len(exc.title or "") <= 503  # a 2 MB title is not kept whole on the error
    assert exc.title == "T" * 500 + "..."
    assert str(exc) == f"422 Unprocessable Entity: Bad (GET {SESSION_PATH})"  # no "Bad: ;"


def test_a_field_error_the_detail_already_says_is_not_repeated(
    v3: Devin, recorder: Recorder
) -> None:
    errors = [
        {"loc": ["body", "frequency"], "msg": "not a cron expression", "type": "value_error"},
        {"loc": ["body", "name"], "msg": "too long", "type": "value_error"},
    ]
    detail = "body.frequency: not a cron expression (and 1 more)"  # as the mock words it
    recorder.route("GET", SESSION_PATH, lambda r: problem(422, "Invalid", detail, errors=errors))
    with pytest.raises(UnprocessableEntityError) as info:
        v3.sessions.get("devin-abc")
    assert str(info.value) == (
        f"422 Unprocessable Entity: {detail}: name: too long (GET {SESSION_PATH})"
    )
    assert len(info.value.errors) == 2  # the field errors themselves are all kept
