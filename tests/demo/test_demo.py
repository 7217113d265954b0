"""``make demo`` (``scripts/demo.py --mock``): it succeeds, and it never leaves the mock running.

Each test starts real processes (the demo script, ``devin-mock``, the example), so they are
few: the happy path, a failing example, and an interrupted run.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "scripts" / "demo.py"
TIMEOUT = 120  # seconds; the demo takes a few


def _mock_pid(output: str) -> int:
    match = re.search(r"devin-mock is serving on \S+ \(pid (\d+)\)", output)
    assert match, output
    return int(match.group(1))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0) until reaped; the demo reaps its children, so only check
    # the state when it is there to be read.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _demo(*args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DEVIN_API_KEY", "DEVIN_BASE_URL")}
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, str(DEMO), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        cwd=ROOT,
        check=False,
    )


def test_demo_runs_the_quickstarts_v1_then_v3_against_one_mock_and_stops_it() -> None:
    result = _demo("--mock")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    v1, _, v3 = out.partition("demo: running quickstart_v3.py (the API v3)")
    assert v3, out  # the v3 example ran, after the v1 one
    assert "demo: running quickstart.py (the API v1)" in v1
    assert "uploaded sales.csv" in v1
    # Followed live: the prompt with its attachment line, Devin's messages, the statuses.
    assert re.search(r'^    ATTACHMENT:"http://\S+/sales\.csv"$', v1, re.MULTILINE)
    assert "  devin_message: Looking into it. I received 1 file: sales.csv (226 bytes)." in v1
    assert re.search(r"^  status: working\n(.*\n)*  status: finished$", v1, re.MULTILINE)
    # The file Devin received, as the mock recorded it.
    assert re.search(
        r"^Devin received sales\.csv: 226 bytes, sha256 \w+\.\.\. \(the file uploaded\)$",
        v1,
        re.MULTILINE,
    )
    assert "identical" in v1  # the downloaded attachment matched the upload
    # The structured output as a typed value (sessions.run(output_type=Revenue)).
    assert re.search(
        r"^typed structured output: Revenue\(total_revenue=[\d.]+, revenue_by_region=",
        v1,
        re.MULTILINE,
    )
    assert "demo: quickstart.py exited with status 0" in v1

    assert re.search(r"^organisation org-\S+: session devin-\S+", v3, re.MULTILINE)
    assert "  status: running/finished" in v3
    assert "  user: Thanks! Round to whole dollars." in v3  # the message sent, listed back
    assert "tags: quickstart-v3, reviewed" in v3
    assert "listed by tag: 1 of 1 session(s)" in v3
    assert "attachment sales.csv: 226 bytes back, identical" in v3
    assert "demo: quickstart_v3.py exited with status 0" in v3
    assert "devin-mock stopped" in v3
    assert not _alive(_mock_pid(out))


def test_without_the_mock_flag_the_demo_uses_the_configured_api(devin_mock: Any) -> None:
    # What a user with a real key runs; here the "real" API is the fixture's server.
    result = _demo(
        DEVIN_API_KEY=devin_mock.api_key,
        DEVIN_BASE_URL=devin_mock.base_url,
        QUICKSTART_POLL_INTERVAL="0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"running against {devin_mock.base_url}" in result.stdout
    assert "identical" in result.stdout
    assert "devin-mock" not in result.stdout  # no mock process was started


def test_without_the_mock_flag_a_cog_key_runs_the_v3_example(devin_mock: Any) -> None:
    result = _demo(
        DEVIN_API_KEY=devin_mock.cog_api_key,
        DEVIN_BASE_URL=devin_mock.base_url,
        QUICKSTART_POLL_INTERVAL="0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "demo: running quickstart_v3.py (the API v3)" in result.stdout
    assert "quickstart.py" not in result.stdout
    assert "226 bytes back, identical" in result.stdout


def test_without_the_mock_flag_the_demo_needs_a_key() -> None:
    result = _demo()
    assert result.returncode == 2
    assert "DEVIN_API_KEY" in result.stderr


def test_demo_stops_the_mock_when_the_example_fails(tmp_path: Path) -> None:
    failing = tmp_path / "failing.py"
    failing.write_text("raise SystemExit(3)\n", encoding="utf-8")
    result = _demo("--mock", "--example", str(failing))
    assert result.returncode == 3
    assert not _alive(_mock_pid(result.stdout))


@pytest.mark.parametrize(
    ("sig", "to_group"),
    [
        (signal.SIGINT, True),  # Ctrl-C in a terminal: the whole foreground process group
        (signal.SIGTERM, False),  # a CI runner cancelling the job: the script alone
    ],
    ids=["ctrl-c", "sigterm"],
)
def test_demo_stops_the_mock_when_interrupted(
    tmp_path: Path, sig: signal.Signals, to_group: bool
) -> None:
    hanging = tmp_path / "hanging.py"
    hanging.write_text(
        "import os, time\nprint('started', os.getpid(), flush=True)\ntime.sleep(600)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, str(DEMO), "--mock", "--example", str(hanging)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,  # its own process group, as a shell job has
    )
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + TIMEOUT
    while not (lines and lines[-1].startswith("started")) and time.monotonic() < deadline:
        lines.append(proc.stdout.readline().strip())
    mock_pid = _mock_pid("\n".join(lines))
    example_pid = int(lines[-1].split()[1])
    if to_group:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    rest, _ = proc.communicate(timeout=30)
    assert proc.returncode != 0
    assert "devin-mock stopped" in rest
    assert not _alive(mock_pid)
    assert not _alive(example_pid)
