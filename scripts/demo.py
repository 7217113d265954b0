"""Run examples/quickstart.py end to end: ``make demo``.

    python scripts/demo.py --mock    start devin-mock on a free loopback port, run the example
                                     against it, stop the mock (what ``make demo`` does)
    python scripts/demo.py           run the example against the real API: needs DEVIN_API_KEY
                                     (and DEVIN_BASE_URL for another deployment); this starts a
                                     real, billed Devin session

The mock is always stopped, also when the example fails, when this script is interrupted with
Ctrl-C, or when it receives SIGTERM or SIGHUP (a CI job being cancelled): the handlers turn those
signals into an ordinary exit so the ``finally`` blocks run. The mock is a ``MockProcess``: in
its own process group (a Ctrl-C reaches this script, which stops the mock in order), stopped
with SIGINT, then SIGTERM, then SIGKILL.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "quickstart.py"
HOST = "127.0.0.1"
STARTUP_TIMEOUT = 30.0  # seconds for the mock to start and answer
STOP_TIMEOUT = 5.0  # seconds between the stop signals (SIGINT, SIGTERM, SIGKILL)
# The mock settles a session in a few polls, so the example need not wait Devin's usual 10 s.
MOCK_POLL_INTERVAL = "0.2"


class _Stop(SystemExit):
    """Raised from a signal handler so that ``finally`` blocks run."""


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    # Once: a second TERM/HUP while cleaning up must not cut the cleanup short.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    raise _Stop(128 + signum)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop the example: SIGTERM, then SIGKILL."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(STOP_TIMEOUT)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def running_mock() -> Iterator[dict[str, str]]:
    """Start devin-mock on a free loopback port; yield the environment that points at it."""
    from devin_client.testing import DEFAULT_API_KEY, MockProcess, MockProcessError

    mock = MockProcess(host=HOST, startup_timeout=STARTUP_TIMEOUT, stop_timeout=STOP_TIMEOUT)
    try:
        mock.start()
    except MockProcessError as exc:
        sys.exit(f"demo: {exc}")
    try:
        print(f"demo: devin-mock is serving on {mock.base_url} (pid {mock.pid})", flush=True)
        yield {
            "DEVIN_BASE_URL": mock.base_url,
            "DEVIN_API_KEY": DEFAULT_API_KEY,
            "QUICKSTART_POLL_INTERVAL": MOCK_POLL_INTERVAL,
        }
    finally:
        mock.stop()
        print("demo: devin-mock stopped", flush=True)


def _run_example(example: Path, env: dict[str, str]) -> int:
    proc = subprocess.Popen([sys.executable, str(example)], env={**os.environ, **env})
    try:
        return proc.wait()
    finally:
        _stop(proc)


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
