"""``devin-mock --api mindcraft`` and ``make mock API=mindcraft`` serve the worked example from a
checkout; outside one, the command says where the example lives instead of a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from devin_client.testing import MockProcess

from .test_cli import ROOT, TIMEOUT, _make

# The example is imported by its path from the checkout's root, wherever pytest was started.
CHECKOUT = {**os.environ, "PYTHONPATH": str(ROOT)}


def test_the_command_serves_mindcraft_with_the_given_keys() -> None:
    with MockProcess(api="mindcraft", keys=["mc-cli-a", "mc-cli-b"], env=CHECKOUT) as mock:
        url = f"{mock.base_url}/v1/session/"
        a = httpx.post(url, json={"model": "m"}, headers={"Authorization": "Bearer mc-cli-a"})
        b = httpx.post(url, json={"model": "m"}, headers={"Authorization": "Bearer mc-cli-b"})
        assert (a.status_code, b.status_code) == (201, 201)
        assert (a.json()["data"]["api_id"], b.json()["data"]["api_id"]) == (1, 2)
        assert httpx.post(url, json={"model": "m"}).status_code == 401
        # Devin's routes are not served by this process.
        assert httpx.get(f"{mock.base_url}/v1/sessions").status_code == 404
        assert "MindCraft AI, the pipeline's worked example: 2 key(s)" in mock.output()
    assert "mc-cli" not in mock.output()  # keys are credentials: never printed


def test_outside_a_checkout_the_command_says_where_the_example_is(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-m", "devin_client.testing", "--api", "mindcraft", "--port", "0"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("devin-mock: --api mindcraft: examples cannot be imported")
    assert "make mock API=mindcraft" in result.stderr


def test_make_mock_serves_mindcraft_in_the_foreground_until_ctrl_c() -> None:
    command = _make("mock", "API=mindcraft", "PORT=0", "KEY=mc-make-key")
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
        assert "MindCraft AI" in make.stdout.readline()
        created = httpx.post(
            f"{base_url}/v1/session/",
            json={"model": "deepseek-chat"},
            headers={"Authorization": "Bearer mc-make-key"},
            timeout=TIMEOUT,
        )
        assert created.status_code == 201
        assert created.json()["data"]["session_config"]["history_length"] == 8
        os.killpg(make.pid, signal.SIGINT)
        _, err = make.communicate(timeout=TIMEOUT)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
            make.communicate()
    # A quiet stop: no traceback, no "make: *** ... Error 130", nothing left running.
    assert err == ""
    assert make.returncode in {0, -signal.SIGINT}
    with pytest.raises(ProcessLookupError):
        os.killpg(make.pid, 0)
