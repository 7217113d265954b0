"""`python -m devin_client.testing` (the `devin-mock` command) and `make mock` serve the mock as
a process."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from devin_client.testing import MockProcess

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


def test_module_serves_the_given_keys_on_a_free_port() -> None:
    with MockProcess(keys=["apk_user_cli_a:org-a", "apk_cli_b"]) as mock:
        assert mock.base_url.startswith("http://127.0.0.1:")
        a = {"Authorization": "Bearer apk_user_cli_a"}
        b = {"Authorization": "Bearer apk_cli_b"}
        created = httpx.post(f"{mock.base_url}/v1/sessions", json={"prompt": "p"}, headers=a)
        session_id = created.json()["session_id"]
        assert httpx.get(f"{mock.base_url}/v1/sessions/{session_id}", headers=a).status_code == 200
        # apk_cli_b has no ORG: the default organisation, not org-a.
        assert httpx.get(f"{mock.base_url}/v1/sessions/{session_id}", headers=b).status_code == 404
        demo = {"Authorization": "Bearer apk_user_devin_mock_demo_key"}
        assert httpx.get(f"{mock.base_url}/v1/sessions", headers=demo).status_code == 401
        assert "2 key(s) for org-a, org-devin-mock" in mock.output()
    assert "apk_" not in mock.output()  # keys are credentials: never printed


def test_bad_arguments_exit_non_zero() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "devin_client.testing", "--upload-limit", "lots"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 2
    assert "not a size" in result.stderr


def test_an_unknown_api_name_is_refused_with_the_known_ones() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "devin_client.testing", "--api", "nope"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 2
    assert "unknown API 'nope' (known: devin, mindcraft)" in result.stderr


# ---- make mock API=<name> [PORT=<port>] [KEY=<key>] -----------------------------------------


def _make(*args: str) -> list[str]:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    # The Makefile's venv is the one running these tests; -o: never rebuild it from here.
    venv = sys.prefix
    return [make, "--no-print-directory", "-o", f"{venv}/.installed", f"VENV={venv}", *args]


def test_make_mock_serves_in_the_foreground_until_ctrl_c() -> None:
    command = _make("mock", "API=devin", "PORT=0", "KEY=apk_user_make:org-make")
    # Its own process group, as a shell job has: Ctrl-C reaches make, the shell and the mock.
    make = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert make.stdout is not None
        first = make.stdout.readline()
        assert first.startswith("devin-mock listening on http://127.0.0.1:"), first
        base_url = first.rsplit(" ", 1)[-1].strip()
        assert not base_url.endswith(":8123")  # PORT=0 reached the mock: a free port
        assert "1 key(s) for org-make" in make.stdout.readline()
        mine = {"Authorization": "Bearer apk_user_make"}
        listed = httpx.get(f"{base_url}/v1/sessions", headers=mine, timeout=TIMEOUT)
        assert listed.status_code == 200
        os.killpg(make.pid, signal.SIGINT)
        _, err = make.communicate(timeout=TIMEOUT)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
            make.communicate()
    # A quiet stop: no traceback from the mock, no "make: *** ... Error 130" from make, and
    # nothing left running in the job's process group.
    assert err == ""
    assert make.returncode in {0, -signal.SIGINT}
    with pytest.raises(ProcessLookupError):
        os.killpg(make.pid, 0)


def test_make_mock_refuses_an_unknown_api() -> None:
    result = subprocess.run(
        _make("mock", "API=nope"), cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert result.returncode != 0
    assert "unknown API 'nope' (known: devin, mindcraft)" in result.stderr
