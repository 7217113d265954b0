"""`make contract`: the schemathesis CLI against a real `devin-mock` process, v1 and v3.

Starts the mock (``MockProcess``: ``devin-mock --port 0``, which serves v1 and v3 on one state)
on a free loopback port, runs ``schemathesis run`` over each merged spec (``devin_api`` with the
v1 demo key, ``devin_api_v3`` with the v3 demo ``cog_`` key) with the contract suite's config
and hooks (tests/contract/schemathesis.toml, hooks.py), checks that the mock recorded no
non-conforming response of its own, and always stops the mock, whatever happens.

Usage: python scripts/contract.py [--api v1|v3|all] [--max-examples N] [--seed N]
       [extra schemathesis args...]
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

from devin_client.testing import DEFAULT_API_KEY, DEFAULT_V3_API_KEY, MockProcess

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tests" / "contract" / "schemathesis.toml"
HOOKS = ROOT / "tests" / "contract" / "hooks.py"
# Each API version of the mock: the generated package shipping its spec, and the key to use.
VERSIONS = {"v1": ("devin_api", DEFAULT_API_KEY), "v3": ("devin_api_v3", DEFAULT_V3_API_KEY)}


def run_schemathesis(
    package: str, key: str, base_url: str, args: argparse.Namespace, extra: list[str]
) -> int:
    """Run the schemathesis CLI over one package's spec against ``base_url``; its exit status."""
    with resources.as_file(resources.files(package).joinpath("openapi.json")) as spec:
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
            f"Authorization: Bearer {key}",
            "--max-examples",
            str(args.max_examples),
            "--output-sanitize",
            "false",
            *(["--seed", str(args.seed)] if args.seed is not None else []),
            *extra,
        ]
        print(f"$ schemathesis run {package}/{spec.name} --url {base_url} ...", flush=True)
        env = {**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS)}
        return subprocess.call(command, env=env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--api", choices=[*VERSIONS, "all"], default="all")
    parser.add_argument("--max-examples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=None, help="reproduce a run (printed by it)")
    args, extra = parser.parse_known_args(argv)
    versions = list(VERSIONS) if args.api == "all" else [args.api]
    with MockProcess(["--validate-responses"]) as mock:
        base_url = mock.base_url
        statuses = {}
        for version in versions:
            package, key = VERSIONS[version]
            statuses[version] = run_schemathesis(package, key, base_url, args, extra)
        with urllib.request.urlopen(
            f"{base_url}/_mock/issues?kind=response", timeout=5
        ) as response:
            issues = json.load(response)
    status = max(statuses.values())
    print("make contract: " + ", ".join(f"{v} exit {s}" for v, s in statuses.items()))
    if issues:
        print("devin-mock sent responses that break the spec:", *issues, sep="\n  ")
        status = status or 1
    return status


if __name__ == "__main__":
    sys.exit(main())
