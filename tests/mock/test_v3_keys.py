"""v3 keys in the mock: ``cog_`` service-user keys with an organisation and permissions; every
route needs the permission the spec names (403 naming it); another organisation's path is 403
(or 404); a key works on its own API version only; ``devin-mock --key KEY:ORG:PERMS``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources

import httpx
import pytest
from devin_client.testing import (
    DEFAULT_API_KEY,
    DEFAULT_ORG_ID,
    DEFAULT_V3_API_KEY,
    DevinMock,
    MockKey,
    MockProcess,
)
from devin_client.testing._pytest_plugin import DevinMockFixture
from devin_client.testing.devin.keys import known_permissions

from ._v3_requests import V3Request, v3_requests

ORG = "org-keys"
NONE = "cog_no_permissions"
REQUESTS = v3_requests(ORG)
SPEC = json.loads(resources.files("devin_api_v3").joinpath("openapi.json").read_text())


def _documented(request: V3Request) -> str:
    operation = SPEC["paths"][request.key.split(" ", 1)[1]][request.method.lower()]
    return str(operation.get("x-devin-permissions", ""))


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[DevinMock, str]]:
    mock = DevinMock(
        keys={
            NONE: MockKey(ORG, frozenset()),
            DEFAULT_API_KEY: ORG,
            "cog_all": ORG,
            "cog_knowledge_new_name": f"{ORG}:ManageKnowledge",
        },
        validate_responses=True,
    )
    with mock.serve() as server:
        yield mock, server.base_url
    mock.close()


@pytest.fixture
def mock(served: tuple[DevinMock, str]) -> Iterator[DevinMock]:
    served[0].reset()
    yield served[0]
    assert not served[0].response_issues
    assert served[0].unplanned_errors == 0


def _send(base_url: str, key: str, request: V3Request) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"}
    return httpx.request(
        request.method, base_url + request.path, headers=headers, **request.send_kwargs()
    )


@pytest.mark.parametrize("request_", REQUESTS, ids=[r.key for r in REQUESTS])
def test_every_route_needs_the_permission_its_spec_names(
    served: tuple[DevinMock, str], mock: DevinMock, request_: V3Request
) -> None:
    base_url = served[1]
    refused = _send(base_url, NONE, request_)
    if request_.key == "GET /v3/self":
        assert refused.status_code == 200  # any valid v3 key
        return
    assert refused.status_code == 403, refused.text
    detail = refused.json()["detail"]
    permission = detail.removeprefix("Missing permission: ")
    assert permission in known_permissions()
    assert permission in _documented(request_), (permission, _documented(request_))
    # With exactly that permission the route is past its check (200, or 404 for a made-up id).
    mock.keys["cog_just_that"] = MockKey(ORG, frozenset({permission}))
    allowed = _send(base_url, "cog_just_that", request_)
    assert allowed.status_code in {200, 307, 404}, allowed.text


def test_the_newer_knowledge_permission_name_is_accepted(served: tuple[DevinMock, str]) -> None:
    notes = f"{served[1]}/v3/organizations/{ORG}/knowledge/notes"
    answer = httpx.get(notes, headers={"Authorization": "Bearer cog_knowledge_new_name"})
    assert answer.status_code == 200


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/sessions", {"prompt": "p", "create_as_user_id": "user-2"}),
        (
            "/schedules",
            {"name": "n", "prompt": "p", "frequency": "@daily", "create_as_user_id": "u"},
        ),
    ],
)
def test_acting_as_another_user_needs_impersonation(
    devin_mock: DevinMockFixture, path: str, body: dict[str, str]
) -> None:
    mock = devin_mock.mock
    mock.keys["cog_manager"] = f"{devin_mock.org_id}:ManageOrgSessions,ManageOrgSchedules"
    try:
        headers = {"Authorization": "Bearer cog_manager"}
        refused = httpx.post(devin_mock.v3_org_url + path, json=body, headers=headers)
        assert refused.status_code == 403
        assert "ImpersonateOrgSessions" in refused.json()["detail"]
        with_it = httpx.post(devin_mock.v3_org_url + path, json=body, headers=devin_mock.v3_headers)
        assert with_it.status_code == 200, with_it.text
    finally:
        del mock.keys["cog_manager"]


def test_message_as_another_user_needs_impersonation(devin_mock: DevinMockFixture) -> None:
    devin_mock.mock.keys["cog_manager"] = f"{devin_mock.org_id}:ManageOrgSessions"
    try:
        created = httpx.post(
            devin_mock.v3_org_url + "/sessions", json={"prompt": "p"}, headers=devin_mock.v3_headers
        ).json()
        url = f"{devin_mock.v3_org_url}/sessions/{created['session_id']}/messages"
        headers = {"Authorization": "Bearer cog_manager"}
        body = {"message": "hi", "message_as_user_id": "user-2"}
        assert httpx.post(url, json=body, headers=headers).status_code == 403
        assert httpx.post(url, json={"message": "hi"}, headers=headers).status_code == 200
    finally:
        del devin_mock.mock.keys["cog_manager"]


def test_the_restricted_fixture_key_reads_sessions_and_nothing_else(
    devin_mock: DevinMockFixture,
) -> None:
    headers = {"Authorization": f"Bearer {devin_mock.restricted_cog_api_key}"}
    assert devin_mock.restricted_permissions == frozenset({"ViewOrgSessions"})
    sessions = devin_mock.v3_org_url + "/sessions"
    assert httpx.get(sessions, headers=headers).status_code == 200
    refused = httpx.post(sessions, json={"prompt": "p"}, headers=headers)
    assert refused.json() == {
        "type": "about:blank",
        "title": "Forbidden",
        "status": 403,
        "detail": "Missing permission: ManageOrgSessions",
    }


# ---- organisations -----------------------------------------------------------------------------


def test_another_organisations_path_is_403_and_its_sessions_404(
    devin_mock: DevinMockFixture,
) -> None:
    theirs = {"Authorization": f"Bearer {devin_mock.other_cog_api_key}"}
    other_url = f"{devin_mock.base_url}/v3/organizations/{devin_mock.other_org_id}"
    their_session = httpx.post(other_url + "/sessions", json={"prompt": "p"}, headers=theirs)
    session_id = their_session.json()["session_id"]
    mine = devin_mock.v3_headers
    # My key on their path: 403 whatever the route.
    refused = httpx.get(f"{other_url}/sessions/{session_id}", headers=mine)
    assert refused.status_code == 403
    assert refused.json()["status"] == 403
    assert httpx.get(other_url + "/sessions", headers=mine).status_code == 403
    # Their session under my own path: 404, as if it did not exist.
    assert httpx.get(
        f"{devin_mock.v3_org_url}/sessions/{session_id}", headers=mine
    ).status_code == (404)
    listed = httpx.get(devin_mock.v3_org_url + "/sessions", headers=mine).json()
    assert listed["items"] == []
    # The answer for another organisation's path can be 404 instead.
    devin_mock.store.foreign_org_status = 404
    assert httpx.get(other_url + "/sessions", headers=mine).status_code == 404


# ---- one version per key ------------------------------------------------------------------------


def test_a_v1_key_is_401_on_v3_and_a_cog_key_401_on_v1(devin_mock: DevinMockFixture) -> None:
    v1_key = httpx.get(devin_mock.v3_org_url + "/sessions", headers=devin_mock.headers)
    assert v1_key.status_code == 401
    assert v1_key.json()["status"] == 401
    assert "cog_" in v1_key.json()["detail"]
    assert httpx.get(f"{devin_mock.base_url}/v3/self", headers=devin_mock.headers).status_code == (
        401
    )
    cog_key = httpx.get(f"{devin_mock.base_url}/v1/sessions", headers=devin_mock.v3_headers)
    assert cog_key.status_code == 401
    assert cog_key.json() == {"detail": "Missing or invalid Authorization header"}
    anonymous = httpx.get(devin_mock.v3_org_url + "/sessions")
    assert (anonymous.status_code, anonymous.headers["WWW-Authenticate"]) == (401, "Bearer")


# ---- giving keys ------------------------------------------------------------------------------


def test_default_keys_are_the_v1_and_v3_demo_keys() -> None:
    mock = DevinMock()
    assert mock.keys == {DEFAULT_API_KEY: DEFAULT_ORG_ID, DEFAULT_V3_API_KEY: DEFAULT_ORG_ID}
    assert DEFAULT_V3_API_KEY.startswith("cog_")
    assert DEFAULT_V3_API_KEY not in repr(mock)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("org-a", MockKey("org-a")),
        ("org-a:ViewOrgSessions", MockKey("org-a", frozenset({"ViewOrgSessions"}))),
        (
            "org-a:ViewOrgSessions, ManageOrgSessions",
            MockKey("org-a", frozenset({"ViewOrgSessions", "ManageOrgSessions"})),
        ),
        ("*", MockKey("*")),
    ],
)
def test_key_text_forms(value: str, expected: MockKey) -> None:
    assert MockKey.parse(value) == expected


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({"cog_x": "org:ViewOrgSession"}, "unknown permission 'ViewOrgSession'"),
        ({"apk_x": "org:ViewOrgSessions"}, "cog_"),
        ({"apk_x": "*"}, "cog_"),
        ({"cog_x": "org:"}, "no permissions"),
        ({"cog_x": ":ViewOrgSessions"}, "organisation is empty"),
    ],
)
def test_keys_that_cannot_mean_what_they_say_are_refused(
    keys: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        DevinMock(keys=keys)
    if "unknown permission" in message:
        assert "ViewOrgSessions" in str(caught.value)  # names the known ones


def test_devin_mock_key_option_takes_org_and_permissions() -> None:
    keys = ["cog_cli_reader:org-cli:ViewOrgSessions", "cog_cli_all:org-cli", "apk_cli_v1:org-cli"]
    with MockProcess(keys=keys) as process:
        base = f"{process.base_url}/v3/organizations/org-cli/sessions"
        reader = {"Authorization": "Bearer cog_cli_reader"}
        writer = {"Authorization": "Bearer cog_cli_all"}
        assert httpx.get(base, headers=reader).status_code == 200
        assert httpx.post(base, json={"prompt": "p"}, headers=reader).status_code == 403
        created = httpx.post(base, json={"prompt": "p"}, headers=writer)
        assert created.status_code == 200
        v1 = {"Authorization": "Bearer apk_cli_v1"}
        session_id = created.json()["session_id"]
        assert httpx.get(
            f"{process.base_url}/v1/sessions/{session_id}", headers=v1
        ).status_code == (200)
        assert "3 key(s) for org-cli" in process.output()
    assert "cog_cli" not in process.output()


def test_devin_mock_refuses_an_unknown_permission() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "devin_client.testing", "--key", "cog_x:org:Bogus", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "unknown permission 'Bogus'" in result.stderr
