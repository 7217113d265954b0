"""``MockProcess``: the one way to start a ``devin-mock`` process; it serves when started and
leaves nothing behind when stopped, whatever happens in between."""

from __future__ import annotations

import os
import signal
import socket
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx
import pytest
from devin_client.testing import MockProcess, MockProcessError

TIMEOUT = 30.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie answers kill(0) until its parent reaps it
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _gone(pid: int) -> bool:
    # A process orphaned by a kill is reaped by init a moment later: allow it that moment.
    deadline = time.monotonic() + TIMEOUT
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


def _fake_mock(body: str) -> list[str]:
    """A stand-in for devin-mock: a Python program (it receives devin-mock's options)."""
    return [sys.executable, "-c", textwrap.dedent(body)]


def test_it_serves_once_started_and_is_gone_once_stopped() -> None:
    with MockProcess(keys=["apk_user_proc:org-proc"]) as mock:
        pid = mock.pid
        assert mock.running
        response = httpx.get(
            f"{mock.base_url}/v1/sessions",
            headers={"Authorization": "Bearer apk_user_proc"},
            timeout=TIMEOUT,
        )
        assert response.status_code == 200
        assert "apk_user_proc" not in repr(mock)
    assert not mock.running
    assert not _alive(pid)
    assert mock.returncode in {0, 130}  # SIGINT was enough: a clean stop
    assert mock.output().startswith(f"devin-mock listening on {mock.base_url}\n")
    assert "Traceback" not in mock.output()
    assert mock.stop() == mock.returncode  # stopping twice is harmless


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_it_is_stopped_when_the_block_fails_or_is_interrupted(
    error: type[BaseException],
) -> None:
    mock = MockProcess()

    def fail_inside() -> None:
        with mock:
            assert mock.running
            raise error

    with pytest.raises(error):
        fail_inside()
    assert not _alive(mock.pid)


def test_a_process_deaf_to_sigint_and_sigterm_is_killed_with_its_children() -> None:
    deaf = _fake_mock(
        """
        import signal, subprocess, sys, time
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        print("child", child.pid)
        print("devin-mock listening on http://127.0.0.1:9", flush=True)
        time.sleep(600)
        """
    )
    with MockProcess(command=deaf, stop_timeout=0.2) as mock:
        pid = mock.pid
        child = int(mock.output().split()[1])
        assert _alive(child)
    assert mock.returncode == -signal.SIGKILL
    assert not _alive(pid)
    assert _gone(child)


def test_a_process_that_exits_before_serving_raises_with_its_output() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        mock = MockProcess(port=taken.getsockname()[1])
        with pytest.raises(MockProcessError, match=r"exited with status 2[\s\S]*cannot bind"):
            mock.start()
    assert mock.returncode == 2
    assert not _alive(mock.pid)


def test_a_silent_process_is_stopped_after_the_startup_timeout() -> None:
    silent = _fake_mock("import time; print('starting...', flush=True); time.sleep(600)")
    mock = MockProcess(command=silent, startup_timeout=0.5)
    with pytest.raises(MockProcessError, match=r"did not say it was listening[\s\S]*starting"):
        mock.start()
    assert not _alive(mock.pid)


def test_a_ctrl_c_while_starting_stops_the_process() -> None:
    silent = _fake_mock("import time; time.sleep(600)")
    mock = MockProcess(command=silent, startup_timeout=TIMEOUT)
    # SIGINT to this process while start() waits for the "listening on" line.
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            mock.start()
    finally:
        timer.cancel()
    assert mock.returncode is not None
    assert not _alive(mock.pid)


def test_base_url_and_pid_need_a_started_process() -> None:
    mock = MockProcess()
    with pytest.raises(RuntimeError, match="not started"):
        _ = mock.base_url
    with pytest.raises(RuntimeError, match="not started"):
        _ = mock.pid
    assert mock.stop() is None
