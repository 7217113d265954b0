"""`make contract`: the schemathesis CLI against a real `devin-mock` process.

Starts the mock (``python -m devin_client.testing``) on a free loopback port, runs
``schemathesis run`` over the merged spec shipped in ``devin_api`` with the contract suite's
config (tests/contract/schemathesis.toml), checks that the mock recorded no non-conforming
response of its own, and always stops the mock, whatever happens.

Usage: python scripts/contract.py [--max-examples N] [--seed N] [extra schemathesis args...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from importlib import resources
from pathlib import Path

from devin_client.testing import DEFAULT_API_KEY

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tests" / "contract" / "schemathesis.toml"


def start_mock() -> tuple[subprocess.Popen[str], str]:
    """Start devin-mock on port 0 and return the process and its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "devin_client.testing", "--port", "0", "--validate-responses"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()  # "devin-mock listening on http://127.0.0.1:PORT"
    if not line.startswith("devin-mock listening on "):
        process.kill()
        raise SystemExit(f"devin-mock did not start: {line!r}")
    base_url = line.rsplit(" ", 1)[-1]
    deadline = time.monotonic() + 15
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/_mock/health", timeout=1) as response:
                if response.status == 200:
                    return process, base_url
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                stop(process)
                raise SystemExit("devin-mock never became healthy") from None
            time.sleep(0.05)


def stop(process: subprocess.Popen[str]) -> None:
    """Stop the mock: SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--max-examples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=None, help="reproduce a run (printed by it)")
    args, extra = parser.parse_known_args(argv)
    process, base_url = start_mock()
    try:
        with resources.as_file(resources.files("devin_api").joinpath("openapi.json")) as spec:
            command = [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "--config-file",
                str(CONFIG),
                "run",
                str(spec),
                "--url",
                base_url,
                "--header",
                f"Authorization: Bearer {DEFAULT_API_KEY}",
                "--max-examples",
                str(args.max_examples),
                "--output-sanitize",
                "false",
                *(["--seed", str(args.seed)] if args.seed is not None else []),
                *extra,
            ]
            print(f"$ schemathesis run {spec.name} --url {base_url} ...", flush=True)
            hooks = {"SCHEMATHESIS_HOOKS": str(ROOT / "tests" / "contract" / "hooks.py")}
            status = subprocess.call(command, env={**os.environ, **hooks})
        with urllib.request.urlopen(f"{base_url}/_mock/issues", timeout=5) as response:
            issues = json.load(response)
        if issues:
            print("devin-mock sent responses that break the spec:", *issues, sep="\n  ")
            status = status or 1
        return status
    finally:
        stop(process)


if __name__ == "__main__":
    sys.exit(main())
