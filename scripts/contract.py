"""`make contract`: the schemathesis CLI against a real `devin-mock` process.

Starts the mock (``MockProcess``: ``devin-mock --port 0``) on a free loopback port, runs
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
import urllib.request
from importlib import resources
from pathlib import Path

from devin_client.testing import DEFAULT_API_KEY, MockProcess

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tests" / "contract" / "schemathesis.toml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--max-examples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=None, help="reproduce a run (printed by it)")
    args, extra = parser.parse_known_args(argv)
    with MockProcess(["--validate-responses"]) as mock:
        base_url = mock.base_url
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


if __name__ == "__main__":
    sys.exit(main())
