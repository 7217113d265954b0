"""`python -m devin_client.testing` (the `devin-mock` command) serves the mock as a process."""

from __future__ import annotations

import subprocess
import sys

import httpx


def test_module_serves_the_given_keys_on_a_free_port() -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "devin_client.testing",
            "--port",
            "0",
            "--key",
            "apk_user_cli_a:org-a",
            "--key",
            "apk_cli_b",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline().strip()
        assert first.startswith("devin-mock listening on http://127.0.0.1:")
        summary = process.stdout.readline()
        assert "apk_" not in summary  # keys are credentials: never printed
        base_url = first.rsplit(" ", 1)[-1]
        a = {"Authorization": "Bearer apk_user_cli_a"}
        b = {"Authorization": "Bearer apk_cli_b"}
        created = httpx.post(f"{base_url}/v1/sessions", json={"prompt": "p"}, headers=a)
        session_id = created.json()["session_id"]
        assert httpx.get(f"{base_url}/v1/sessions/{session_id}", headers=a).status_code == 200
        # apk_cli_b has no ORG: the default organisation, not org-a.
        assert httpx.get(f"{base_url}/v1/sessions/{session_id}", headers=b).status_code == 404
        demo = {"Authorization": "Bearer apk_user_devin_mock_demo_key"}
        assert httpx.get(f"{base_url}/v1/sessions", headers=demo).status_code == 401
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def test_bad_arguments_exit_non_zero() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "devin_client.testing", "--upload-limit", "lots"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "not a size" in result.stderr
