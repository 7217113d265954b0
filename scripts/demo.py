"""Run the examples end to end: ``make demo``.

    python scripts/demo.py --mock    start devin-mock on a free loopback port, run every example
                                     of EXAMPLES against it (examples/quickstart.py on the API
                                     v1, then examples/quickstart_v3.py on v3: one mock, one
                                     state), stop the mock (what ``make demo`` does)
    python scripts/demo.py           run the example for your key against the real API: needs
                                     DEVIN_API_KEY (a cog_ key runs the v3 one, another key the
                                     v1 one; DEVIN_BASE_URL for another deployment); this starts
                                     real, billed Devin sessions (v3: one, v1: two)

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
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Example:
    """A script the demo runs, and the API version whose key it gets (``"v1"`` or ``"v3"``)."""

    path: Path
    api: str = "v1"


# Run in this order against one mock process (a new part of the demo: one more line).
EXAMPLES = (
    Example(ROOT / "examples" / "quickstart.py", "v1"),
    Example(ROOT / "examples" / "quickstart_v3.py", "v3"),
)
V3_KEY_PREFIX = "cog_"
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
def running_mock() -> Iterator[dict[str, dict[str, str]]]:
    """Start devin-mock on a free loopback port; yield, per API version, the environment that
    points an example at it (the mock's demo key of that version)."""
    from devin_client.testing import (
        DEFAULT_API_KEY,
        DEFAULT_V3_API_KEY,
        MockProcess,
        MockProcessError,
    )

    mock = MockProcess(host=HOST, startup_timeout=STARTUP_TIMEOUT, stop_timeout=STOP_TIMEOUT)
    try:
        mock.start()
    except MockProcessError as exc:
        sys.exit(f"demo: {exc}")
    try:
        print(f"demo: devin-mock is serving on {mock.base_url} (pid {mock.pid})", flush=True)
        common = {
            "DEVIN_BASE_URL": mock.base_url,
            "QUICKSTART_POLL_INTERVAL": MOCK_POLL_INTERVAL,
            # The mock's admin API: the v1 example shows the file a session received there.
            "QUICKSTART_MOCK_ADMIN": f"{mock.base_url}/_mock",
        }
        yield {
            "v1": {**common, "DEVIN_API_KEY": DEFAULT_API_KEY},
            "v3": {**common, "DEVIN_API_KEY": DEFAULT_V3_API_KEY, "DEVIN_ORG_ID": ""},
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


def _run_all(examples: tuple[Example, ...], envs: dict[str, dict[str, str]]) -> int:
    """Run the examples in order; stop at the first that fails and return its status."""
    for example in examples:
        print(f"demo: running {example.path.name} (the API {example.api})", flush=True)
        status = _run_example(example.path, envs[example.api])
        print(f"demo: {example.path.name} exited with status {status}", flush=True)
        if status != 0:
            return status
    return 0


def _for_key(key: str) -> Example:
    """The example a key runs against the real API: v3's for a ``cog_`` key, else v1's."""
    api = "v3" if key.strip().startswith(V3_KEY_PREFIX) else "v1"
    return next(e for e in EXAMPLES if e.api == api)


def main(argv: list[str] | None = None) -> int:
    """Run the examples; return the exit status of the first that failed, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mock", action="store_true", help="run against devin-mock, not the API")
    parser.add_argument(
        "--example", type=Path, help="run only this script (with the mock's v1 key)"
    )
    args = parser.parse_args(argv)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _on_signal)
    examples = EXAMPLES if args.example is None else (Example(args.example),)
    try:
        if args.mock:
            with running_mock() as envs:
                status = _run_all(examples, envs)
        else:
            if not os.environ.get("DEVIN_API_KEY"):
                print(
                    "demo: set DEVIN_API_KEY to run against the real API, or pass --mock",
                    file=sys.stderr,
                )
                return 2
            base_url = os.environ.get("DEVIN_BASE_URL", "https://api.devin.ai")
            print(f"demo: running against {base_url}: this starts a real Devin session", flush=True)
            example = examples[0] if args.example else _for_key(os.environ["DEVIN_API_KEY"])
            status = _run_all((example,), {example.api: {}})
    except KeyboardInterrupt:
        print("demo: interrupted", file=sys.stderr)
        return 130
    return status


if __name__ == "__main__":
    sys.exit(main())
