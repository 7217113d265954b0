"""Mistakes a new user makes get a clear answer, found by trying the project as one would.

- ``until=`` / ``--until`` with a typo (``finishd``) is refused at once, naming the known
  statuses (from the spec), instead of polling for an hour;
- a base URL written as Devin's docs write it (``https://api.devin.ai/v1``) works;
- a status error names the method and the path it answered;
- the CLI's plain-http error names the CLI's own option;
- the ``cli`` extra has upper bounds and the dev pins (what CI installs) are inside them;
- ``import devin_client`` loads what the README says, and no more.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx
import pytest
from devin_client import AsyncDevin, Devin, DevinValidationError, NotFoundError
from packaging.requirements import Requirement
from typer.testing import CliRunner

from ..cli._inject import answered_by
from ..security._wire import API_KEY, BASE_URL, Wire

ROOT = Path(__file__).resolve().parents[2]
SID = "devin-0123456789abcdef"
SESSION = {
    "session_id": SID,
    "status": "running",
    "status_enum": "working",
    "created_at": "2026-01-01T00:00:00Z",
    "updated_at": "2026-01-01T00:00:00Z",
}


def _spec_statuses() -> list[str]:
    spec = json.loads((ROOT / "generated/devin_api/openapi.json").read_text(encoding="utf-8"))
    statuses: list[str] = spec["components"]["schemas"]["SessionStatusEnum"]["enum"]
    return statuses


@pytest.fixture
def wire() -> Wire:
    return Wire(lambda request: httpx.Response(200, json=SESSION))


@pytest.fixture
def client(wire: Wire) -> Iterator[Devin]:
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as c,
    ):
        yield c


# --- until= is checked against the known statuses ------------------------------------------
# Each wait has timeout=0, so that a client which does not check gives up after one poll
# (rather than polling for an hour) and the test fails fast.

BAD_UNTIL: dict[str, Any] = {
    "a typo": {"finishd"},
    "one typo among good ones": ["finished", "blokced"],
    "the wrong case": {"Finished"},
    "not a string": {1},
    "nothing at all": set(),
}


@pytest.mark.parametrize("case", sorted(BAD_UNTIL))
def test_wait_refuses_an_unknown_status_at_once(case: str, client: Devin, wire: Wire) -> None:
    with pytest.raises(DevinValidationError) as caught:
        client.sessions.wait(SID, until=BAD_UNTIL[case], timeout=0)
    assert caught.value.field == "until"
    assert wire.requests == []  # not one poll


def test_the_error_names_the_typo_and_the_known_statuses(client: Devin) -> None:
    with pytest.raises(DevinValidationError) as caught:
        client.sessions.wait(SID, until={"finishd"}, timeout=0)
    message = str(caught.value)
    assert "'finishd'" in message
    for status in _spec_statuses():  # read from the spec, not typed again
        assert status in message


def test_create_and_wait_refuses_an_unknown_status_before_creating(
    client: Devin, wire: Wire
) -> None:
    with pytest.raises(DevinValidationError):
        client.sessions.create_and_wait("Fix the build", until=["finishd"], timeout=0)
    assert wire.requests == []  # no session was started (and billed)


@pytest.mark.anyio
async def test_async_wait_refuses_an_unknown_status_at_once(wire: Wire) -> None:
    async def no_sleep(seconds: float) -> None:
        return None

    async with (
        wire.async_client() as http,
        AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http, sleep=no_sleep) as client,
    ):
        with pytest.raises(DevinValidationError):
            await client.sessions.wait(SID, until={"finishd"}, timeout=0)
        with pytest.raises(DevinValidationError):
            await client.sessions.create_and_wait("Fix the build", until={"finishd"}, timeout=0)
    assert wire.requests == []


def test_every_known_status_and_a_function_are_still_accepted(client: Devin) -> None:
    for status in _spec_statuses():
        assert client.sessions.wait(SID, until={status, "working"}).session_id == SID
    assert client.sessions.wait(SID, until=lambda s: True).session_id == SID


# --- the CLI -------------------------------------------------------------------------------


@pytest.fixture
def cli_wire() -> Wire:
    """Where the requests of the CLI's client land (given to ``_devin``)."""
    return Wire(lambda request: httpx.Response(200, json=SESSION))


def _devin(wire: Wire, *args: str, base_url: str = BASE_URL) -> Any:
    """Run ``devin``; the client it builds from its options sends to ``wire``."""
    from devin_client.cli import app

    env = {"DEVIN_API_KEY": API_KEY, "DEVIN_BASE_URL": base_url, "COLUMNS": "200"}
    return CliRunner().invoke(app, list(args), env=env, client_factory=answered_by(wire))


def test_cli_until_typo_exits_2_naming_the_option_and_the_statuses(cli_wire: Wire) -> None:
    result = _devin(cli_wire, "sessions", "wait", SID, "--until", "finishd", "--timeout", "0")
    assert result.exit_code == 2, result.output
    assert "--until" in result.stderr
    assert "'finishd'" in result.stderr
    assert "finished" in result.stderr.replace("'finishd'", "")
    assert cli_wire.requests == []


def test_cli_plain_http_error_names_the_cli_option(cli_wire: Wire) -> None:
    result = _devin(cli_wire, "sessions", "list", base_url="http://devin.internal.example")
    assert result.exit_code == 2
    assert "--allow-insecure-http" in result.stderr
    assert "allow_insecure_http=True" not in result.stderr  # the library's wording
    assert cli_wire.requests == []


def test_cli_allow_insecure_http_sends(cli_wire: Wire) -> None:
    result = _devin(
        cli_wire, "--allow-insecure-http", "--json", "sessions", "get", SID,
        base_url="http://devin.internal.example",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [str(r.url) for r in cli_wire.requests] == [
        f"http://devin.internal.example/v1/sessions/{SID}"
    ]


# --- a base URL ending in /v1 ----------------------------------------------------------------

DOCS_STYLE = {
    "as the docs write it": ("https://api.devin.ai/v1", "https://api.devin.ai"),
    "with a slash": ("https://api.devin.ai/v1/", "https://api.devin.ai"),
    "behind a proxy prefix": ("https://gw.example/devin/v1", "https://gw.example/devin"),
}


@pytest.mark.parametrize("case", sorted(DOCS_STYLE))
def test_a_base_url_ending_in_v1_works(case: str, wire: Wire) -> None:
    given, root = DOCS_STYLE[case]
    with wire.sync_client() as http, Devin(API_KEY, base_url=given, http_client=http) as client:
        assert client.base_url == root
        assert client.sessions.get(SID).session_id == SID
    assert [str(r.url) for r in wire.requests] == [f"{root}/v1/sessions/{SID}"]


def test_every_operation_path_starts_with_the_suffix_dropped() -> None:
    from devin_client._v1._client import SPEC

    prefix = SPEC.path_prefix()  # what the client drops from a base URL
    assert prefix == "/v1"  # as Devin's docs write the API's address
    paths = json.loads((ROOT / "generated/devin_api/openapi.json").read_text())["paths"]
    assert paths
    assert all(path.startswith(prefix + "/") for path in paths)


def test_a_base_url_ending_in_v1_from_the_environment_works(
    wire: Wire, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVIN_BASE_URL", "https://api.devin.ai/v1")
    with wire.sync_client() as http, Devin(API_KEY, http_client=http) as client:
        client.sessions.get(SID)
    assert wire.requests[0].url.path == f"/v1/sessions/{SID}"


def test_cli_base_url_ending_in_v1_works(cli_wire: Wire) -> None:
    result = _devin(cli_wire, "--json", "sessions", "get", SID, base_url="https://api.devin.ai/v1/")
    assert result.exit_code == 0, result.output
    assert [r.url.path for r in cli_wire.requests] == [f"/v1/sessions/{SID}"]


OTHER_VERSION = {
    "v3 client, the v1 docs' URL": ("v3", "https://api.devin.ai/v1"),
    "v3 client, with a slash": ("v3", "https://api.devin.ai/v1/"),
    "v1 client, the v3 docs' URL": ("v1", "https://api.devin.ai/v3"),
    "v3 client behind a proxy prefix": ("v3", "https://gw.example/devin/v1"),
}


def _principal(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/v3/self"):
        org = {"principal_type": "service_user", "service_user_id": "su", "org_id": "org-1"}
        return httpx.Response(200, json={**org, "service_user_name": "s"})
    return httpx.Response(200, json=SESSION)


@pytest.mark.parametrize("case", sorted(OTHER_VERSION))
def test_a_base_url_ending_in_the_other_version_works(case: str) -> None:
    """One DEVIN_BASE_URL serves v1 and v3 code alike: a final /v1 or /v3 is the API's."""
    from devin_client import v3

    version, given = OTHER_VERSION[case]
    root = given.rstrip("/").rsplit("/", 1)[0]
    wire = Wire(_principal)
    cls: Any = v3.Devin if version == "v3" else Devin
    key = "cog_new_user" if version == "v3" else API_KEY
    with wire.sync_client() as http, cls(key, base_url=given, http_client=http) as client:
        assert client.base_url == root
        if version == "v3":
            assert client.org_id == "org-1"
        else:
            assert client.sessions.get(SID).session_id == SID
    assert str(wire.requests[0].url).startswith(f"{root}/{version}/"), wire.requests[0].url


def test_cli_v3_with_the_v1_base_url_works() -> None:
    wire = Wire(_principal)
    base_url = "https://api.devin.ai/v1"
    result = _devin(wire, "--json", "--api", "v3", "sessions", "list", base_url=base_url)
    assert [r.url.path for r in wire.requests][:1] == ["/v3/self"], result.output


# --- status errors name the method and the URL -----------------------------------------------


def _not_found(request: httpx.Request) -> httpx.Response:
    return httpx.Response(404, json={"detail": "Session not found"})


def test_a_status_error_names_the_method_and_path() -> None:
    wire = Wire(_not_found)
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, max_retries=0) as client,
    ):
        with pytest.raises(NotFoundError) as caught:
            client.sessions.get("devin-x")
        assert str(caught.value) == "404 Not Found: Session not found (GET /v1/sessions/devin-x)"

        with pytest.raises(NotFoundError) as caught:
            client.sessions.send_message("devin-x", "hello")
        assert str(caught.value).endswith("(POST /v1/sessions/devin-x/message)")


def test_a_status_error_leaves_out_the_query_and_credentials() -> None:
    wire = Wire(_not_found)
    with (
        wire.sync_client() as http,
        Devin(API_KEY, base_url=BASE_URL, http_client=http, max_retries=0) as client,
        pytest.raises(NotFoundError) as caught,
    ):
        next(iter(client.sessions.list(user_email="alice@example.com", tags=["t"])))
    message = str(caught.value)
    assert message.endswith("(GET /v1/sessions)"), message
    assert "alice" not in message
    assert "?" not in message
    assert API_KEY not in message


def test_the_cli_error_line_names_the_method_and_path() -> None:
    result = _devin(Wire(_not_found), "sessions", "get", "devin-x")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "devin: error: 404 Not Found: Session not found (GET /v1/sessions/devin-x)"
    )


# --- the cli extra: upper bounds, and CI installs the newest allowed ---------------------------


def _optional(name: str) -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(r) for r in project["optional-dependencies"][name]]
    return {r.name: r for r in requirements}


def test_the_cli_extra_has_upper_bounds_and_the_dev_pins_are_inside_them() -> None:
    cli, dev = _optional("cli"), _optional("dev")
    assert set(cli) == {"typer", "rich"}
    for name, requirement in cli.items():
        assert any(spec.operator == "<" for spec in requirement.specifier), name
        pins = [spec for spec in dev[name].specifier if spec.operator == "=="]
        assert len(pins) == 1, f"dev must pin {name} exactly"
        pinned = pins[0].version
        assert requirement.specifier.contains(pinned), (name, pinned)
        assert version(name) == pinned, f"{name} {version(name)} is installed, not the pin"


# --- what `import devin_client` loads --------------------------------------------------------

# Never loaded by `import devin_client` (nor by creating a client): the CLI, the mock, and the
# packages only they need.
NEVER_IMPORTED = (
    "typer",
    "starlette",
    "uvicorn",
    "multipart",
    "python_multipart",
    "devin_client.cli",
    "devin_client.testing",
)
README_CLAIM = (
    "`import devin_client` never loads the CLI or the mock, nor Typer, Starlette or uvicorn"
)


def _loaded_after(code: str, prelude: str = "") -> set[str]:
    script = (
        f"{prelude}\nimport sys\nbefore = set(sys.modules)\n{code}\n"
        "print('\\n'.join(sorted(set(sys.modules) - before)))"
    )
    env = {**os.environ, "DEVIN_API_KEY": API_KEY}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    ).stdout
    return set(out.split())


def _top(modules: set[str]) -> set[str]:
    return modules | {m.split(".")[0] for m in modules}


def test_import_devin_client_loads_neither_the_cli_nor_the_mock() -> None:
    loaded = _top(_loaded_after("import devin_client\ndevin_client.Devin().close()"))
    assert "devin_client" in loaded  # the probe works
    assert [m for m in NEVER_IMPORTED if m in loaded] == []


def test_rich_and_click_come_only_from_httpx_and_only_when_installed() -> None:
    # httpx imports Rich and Click for its own `httpx` command when they are installed; the
    # library itself never does. Without httpx's command module, neither is loaded.
    loaded = _top(
        _loaded_after(
            "import devin_client", prelude="import sys; sys.modules['httpx._main'] = None"
        )
    )
    assert "httpx" in loaded
    assert {"rich", "click", "pygments"} & loaded == set()


def test_the_readme_states_what_the_import_loads() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert README_CLAIM in readme
