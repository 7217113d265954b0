"""Mistakes with the mock get a clear answer: a scripted status that the spec does not document
is refused at once (a typo such as ``finishd`` used to leave a session that never finishes, so a
wait polled for an hour), and without the ``mock`` extra every entry point names the
``pip install`` to run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest
from devin_client.testing import DEFAULT_API_KEY, DevinMock, MockProcess, MockProcessError, Step

AUTH = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}


def _documented_statuses() -> list[str]:
    spec = json.loads(resources.files("devin_api").joinpath("openapi.json").read_text())
    return list(spec["components"]["schemas"]["SessionStatusEnum"]["enum"])


STATUSES = _documented_statuses()


@pytest.mark.parametrize("status", STATUSES)
def test_every_documented_status_can_be_scripted(status: str) -> None:
    assert Step(status).status_enum == status
    assert Step.from_dict({"status_enum": status}).status_enum == status


@pytest.mark.parametrize("typo", ["finishd", "Finished", "done", "", " blocked", "running"])
def test_an_unknown_status_is_refused_naming_the_known_ones(typo: str) -> None:
    with pytest.raises(ValueError, match="status_enum") as caught:
        Step(typo)
    message = str(caught.value)
    assert repr(typo) in message
    for status in STATUSES:
        assert status in message
    with pytest.raises(ValueError, match="status_enum"):
        Step.from_dict({"status_enum": typo, "message": "x"})


def test_a_near_miss_is_named() -> None:
    with pytest.raises(ValueError, match="did you mean 'finished'"):
        Step("finishd")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status_enum": 3},
        {"message": 5},
        {"status": ["running"]},
        {"pull_request_url": b"https://x"},
        {"structured_output": float("nan")},
        {"structured_output": {1, 2}},
    ],
)
def test_a_step_of_the_wrong_type_is_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="step"):
        Step(**{"status_enum": "finished", **kwargs})


def test_scripting_an_unknown_status_changes_nothing() -> None:
    mock = DevinMock()
    session_id = mock.store.create_session("org", "key", {"prompt": "p"})["session_id"]
    with pytest.raises(ValueError, match="finishd"):
        mock.store.script_session(session_id, [Step("working"), {"status_enum": "finishd"}])
    # The default path is still there: the session finishes on the third step.
    assert mock.store.advance_session(session_id, 3)["status_enum"] == "finished"


def test_the_admin_endpoint_refuses_an_unknown_status() -> None:
    mock = DevinMock()
    with mock.serve() as server, httpx.Client(base_url=server.base_url, timeout=10) as http:
        session_id = http.post("/v1/sessions", json={"prompt": "p"}, headers=AUTH).json()[
            "session_id"
        ]
        answer = http.post(
            f"/_mock/sessions/{session_id}/script",
            json={"steps": [{"status_enum": "finishd", "message": "Done"}]},
        )
        assert answer.status_code == 400
        assert "finishd" in answer.json()["detail"]
        assert "finished" in answer.json()["detail"]
        advanced = http.post(f"/_mock/sessions/{session_id}/advance", json={"steps": 3})
        assert advanced.json()["status_enum"] == "finished"


def test_the_store_knows_a_text_status_for_every_documented_status() -> None:
    from devin_client.testing.devin.sessions import _STATUS_TEXT

    assert set(_STATUS_TEXT) == set(STATUSES)


# ---- without the mock extra ---------------------------------------------------------------

# Installed first thing in a child interpreter (as sitecustomize): starlette and uvicorn
# (and their submodules) cannot be imported, as after `pip install devin-client` alone.
BLOCKER = textwrap.dedent(
    """
    import importlib.abc
    import sys

    class _NoMockExtra(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in {"starlette", "uvicorn"}:
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, _NoMockExtra())
    """
)
INSTALL = "pip install 'devin-client[mock]'"


@pytest.fixture
def no_mock_extra(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    check = subprocess.run(
        [sys.executable, "-c", "import starlette"], env=env, capture_output=True, text=True
    )
    assert "ModuleNotFoundError" in check.stderr  # the blocker is in place
    return env


def _devin_mock() -> str:
    found = shutil.which("devin-mock", path=str(Path(sys.executable).parent))
    assert found is not None, "the devin-mock console script is not installed"
    return found


@pytest.mark.parametrize(
    "command",
    [
        pytest.param([sys.executable, "-m", "devin_client.testing"], id="python -m"),
        pytest.param(["devin-mock"], id="devin-mock"),
        pytest.param(["devin-mock", "--port", "0", "--key", "k:org"], id="devin-mock with args"),
    ],
)
def test_devin_mock_without_the_extra_says_what_to_install(
    no_mock_extra: dict[str, str], command: list[str]
) -> None:
    if command[0] == "devin-mock":
        command = [_devin_mock(), *command[1:]]
    result = subprocess.run(command, env=no_mock_extra, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert INSTALL in result.stderr
    assert "starlette" in result.stderr or "uvicorn" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_devin_mock_help_works_without_the_extra(no_mock_extra: dict[str, str]) -> None:
    result = subprocess.run(
        [_devin_mock(), "--help"], env=no_mock_extra, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "--upload-limit" in result.stdout


def test_the_fixture_without_the_extra_says_what_to_install(
    no_mock_extra: dict[str, str], tmp_path: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\n")
    (project / "test_uses_mock.py").write_text(
        "def test_it(devin_mock):\n    assert devin_mock.base_url\n"
    )
    env = {**no_mock_extra, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "devin_client.testing._pytest_plugin",
            "-p",
            "no:cacheprovider",
            "-q",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 error" in output
    assert INSTALL in output
    assert "the devin_mock fixture" in output
    assert "ModuleNotFoundError" not in output
    assert "Traceback" not in output


def test_importing_a_mock_name_without_the_extra_says_what_to_install(
    no_mock_extra: dict[str, str],
) -> None:
    code = "from devin_client.testing import DevinMock"
    result = subprocess.run(
        [sys.executable, "-c", code], env=no_mock_extra, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "ImportError" in result.stderr
    assert INSTALL in result.stderr


def test_the_demo_key_needs_no_extra(no_mock_extra: dict[str, str]) -> None:
    code = "from devin_client.testing import DEFAULT_API_KEY; print(DEFAULT_API_KEY)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=no_mock_extra, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == DEFAULT_API_KEY


def test_mock_process_without_the_extra_says_what_to_install(
    no_mock_extra: dict[str, str],
) -> None:
    # MockProcess itself imports without the extra (standard library only)...
    code = "from devin_client.testing import MockProcess, MockProcessError"
    result = subprocess.run(
        [sys.executable, "-c", code], env=no_mock_extra, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    # ...and the process it starts says which pip install to run, through MockProcessError.
    mock = MockProcess(env=no_mock_extra)
    with pytest.raises(MockProcessError, match="exited with status 1") as caught:
        mock.start()
    assert INSTALL in str(caught.value)
    assert "Traceback" not in str(caught.value)
