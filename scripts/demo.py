"""Run examples/quickstart.py end to end: ``make demo``.

    python scripts/demo.py --mock    start devin-mock on a free loopback port, run the example
                                     against it, stop the mock (what ``make demo`` does)
    python scripts/demo.py           run the example against the real API: needs DEVIN_API_KEY
                                     (and DEVIN_BASE_URL for another deployment); this starts a
                                     real, billed Devin session

The mock is always stopped, also when the example fails, when this script is interrupted with
Ctrl-C, or when it receives SIGTERM or SIGHUP (a CI job being cancelled): the handlers turn those
signals into an ordinary exit so the ``finally`` blocks run. The mock runs in its own process
group, so the whole group is stopped, not just its first process.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "quickstart.py"
HOST = "127.0.0.1"
STARTUP_TIMEOUT = 30.0  # seconds for the mock to start and answer
STOP_TIMEOUT = 5.0  # seconds between SIGTERM and SIGKILL
# The mock settles a session in a few polls, so the example need not wait Devin's usual 10 s.
MOCK_POLL_INTERVAL = "0.2"


class _Stop(SystemExit):
    """Raised from a signal handler so that ``finally`` blocks run."""


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    # Once: a second TERM/HUP while cleaning up must not cut the cleanup short.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    raise _Stop(128 + signum)


def _mock_command() -> list[str]:
    # The console script of the venv this script runs in, else the one on PATH.
    script = Path(sys.executable).parent / "devin-mock"
    exe = str(script) if script.exists() else shutil.which("devin-mock")
    if exe is None:
        sys.exit("demo: devin-mock not found; install the mock extra: pip install -e '.[mock]'")
    # Port 0: the mock binds a free port itself and prints its URL on its first line.
    return [exe, "--host", HOST, "--port", "0"]


def _stop(proc: subprocess.Popen[Any], *, group: bool) -> None:
    """Stop a child (and its process group when it leads one): SIGTERM, then SIGKILL."""
    if proc.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            if group:
                os.killpg(proc.pid, sig)
            else:
                proc.send_signal(sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(STOP_TIMEOUT)
            return
        except subprocess.TimeoutExpired:
            continue


def _read_base_url(proc: subprocess.Popen[str]) -> str:
    """The URL from the mock's first line (``devin-mock listening on http://host:port``)."""
    stdout = proc.stdout
    assert stdout is not None
    found: list[str] = []
    # A thread, so that a mock hanging before its first line cannot hang the demo.
    reader = threading.Thread(target=lambda: found.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(STARTUP_TIMEOUT)
    line = found[0] if found else ""
    match = re.search(r"listening on (http://\S+)", line)
    if match is None:
        code = proc.poll()
        why = f"exited with status {code}" if code is not None else "printed no URL"
        sys.exit(f"demo: devin-mock {why} (first line: {line.strip()!r})")
    # Keep draining its output so that it can never block on a full pipe.
    threading.Thread(target=stdout.read, daemon=True).start()
    return match.group(1)


def _wait_until_up(proc: subprocess.Popen[str], base_url: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if proc.poll() is not None:
            sys.exit(f"demo: devin-mock exited with status {proc.returncode} before answering")
        try:
            # Any HTTP answer (a 401 without a key is expected) means the server is up.
            urllib.request.urlopen(f"{base_url}/v1/sessions", timeout=1.0)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                sys.exit(f"demo: devin-mock did not answer on {base_url} in {STARTUP_TIMEOUT:g} s")
            time.sleep(0.05)


@contextmanager
def running_mock() -> Iterator[dict[str, str]]:
    """Start devin-mock on a free loopback port; yield the environment that points at it."""
    from devin_client.testing import DEFAULT_API_KEY

    # Own session and process group: a Ctrl-C in the terminal reaches this script, which then
    # stops the mock itself, in order, rather than both racing to exit.
    proc = subprocess.Popen(
        _mock_command(), stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        base_url = _read_base_url(proc)
        _wait_until_up(proc, base_url)
        print(f"demo: devin-mock is serving on {base_url} (pid {proc.pid})", flush=True)
        yield {
            "DEVIN_BASE_URL": base_url,
            "DEVIN_API_KEY": DEFAULT_API_KEY,
            "QUICKSTART_POLL_INTERVAL": MOCK_POLL_INTERVAL,
        }
    finally:
        _stop(proc, group=True)
        print("demo: devin-mock stopped", flush=True)


def _run_example(example: Path, env: dict[str, str]) -> int:
    proc = subprocess.Popen([sys.executable, str(example)], env={**os.environ, **env})
    try:
        return proc.wait()
    finally:
        _stop(proc, group=False)


def main(argv: list[str] | None = None) -> int:
    """Run the example; return its exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mock", action="store_true", help="run against devin-mock, not the API")
    parser.add_argument("--example", type=Path, default=EXAMPLE, help="the script to run")
    args = parser.parse_args(argv)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _on_signal)
    try:
        if args.mock:
            with running_mock() as env:
                status = _run_example(args.example, env)
        else:
            if not os.environ.get("DEVIN_API_KEY"):
                print(
                    "demo: set DEVIN_API_KEY to run against the real API, or pass --mock",
                    file=sys.stderr,
                )
                return 2
            base_url = os.environ.get("DEVIN_BASE_URL", "https://api.devin.ai")
            print(f"demo: running against {base_url}: this starts a real Devin session", flush=True)
            status = _run_example(args.example, {})
    except KeyboardInterrupt:
        print("demo: interrupted", file=sys.stderr)
        return 130
    print(f"demo: {args.example.name} exited with status {status}", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
