"""Benchmarks of the devin_client facade (figures, not pass/fail tests).

1. overhead: ``client.sessions.create`` vs a raw ``httpx.Client.post`` on the same in-process
   ``httpx.MockTransport`` (target: median ratio <= 1.15);
2. import: ``import devin_client`` vs ``import httpx``, median over separate processes
   (target <= 1.3);
3. upload: peak RSS growth while uploading a 1 GiB file to a loopback server that discards it
   (target: within 32 MiB of the process before the upload);
4. async: 1,000 creates with 64 in flight against the in-process mock
   (``httpx.ASGITransport(app=DevinMock().app)``), facade vs raw ``httpx.AsyncClient``
   throughput (target >= 0.9);
5. v3: ``devin_client.v3``'s ``sessions.create`` vs a raw ``httpx.Client.post`` vs the official
   SDK (``devinai``, package ``devin_sdk``, when the ``bench`` extra installed it), all three
   on the same in-process ``httpx.MockTransport`` (target: ours/raw median ratio <= 1.10).

Run: ``make bench-facade`` (or ``python bench/bench_facade.py [--quick]``). Prints the figures
and writes ``bench/results/facade.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "facade.json"
API_KEY = "apk_user_bench_key"
BASE_URL = "https://api.devin.ai"
CREATED = b'{"session_id":"devin-1","url":"https://app.devin.ai/sessions/1","is_new_session":true}'


# -- 1. per-call overhead ----------------------------------------------------------------


def bench_overhead(calls: int, rounds: int) -> dict[str, Any]:
    import httpx
    from devin_client import Devin

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=CREATED, headers={"content-type": "application/json"})

    transport = httpx.MockTransport(handler)
    raw = httpx.Client(transport=transport, base_url=BASE_URL)
    headers = {"Authorization": f"Bearer {API_KEY}"}
    client = Devin(API_KEY, base_url=BASE_URL, http_client=httpx.Client(transport=transport))

    def raw_call() -> None:
        raw.post("/v1/sessions", json={"prompt": "Fix the flaky test"}, headers=headers).json()

    def facade_call() -> None:
        client.sessions.create("Fix the flaky test")

    for fn in (raw_call, facade_call):  # warm up: imports, validators, connection state
        for _ in range(300):
            fn()
    per_call: dict[str, list[float]] = {"raw": [], "facade": []}
    ratios = []
    for _ in range(rounds):  # interleaved, so drift on a noisy box hits both alike
        this_round = {}
        for name, fn in (("raw", raw_call), ("facade", facade_call)):
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            this_round[name] = (time.perf_counter() - start) / calls * 1e6
            per_call[name].append(this_round[name])
        ratios.append(this_round["facade"] / this_round["raw"])
    raw_us, facade_us = statistics.median(per_call["raw"]), statistics.median(per_call["facade"])
    return {
        "raw_us_per_call": round(raw_us, 1),
        "facade_us_per_call": round(facade_us, 1),
        "median_ratio": round(statistics.median(ratios), 3),
        "target": "<= 1.15",
        "calls_per_round": calls,
        "rounds": rounds,
    }


# -- 5. v3 create: ours, raw httpx and the official SDK -----------------------------------

V3_KEY = "cog_bench_service_user_key"
V3_ORG = "org-bench"
V3_CREATED = json.dumps(
    {
        "acus_consumed": 0.0,
        "created_at": 1700000000,
        "org_id": V3_ORG,
        "pull_requests": [],
        "session_id": "devin-1",
        "status": "new",
        "tags": [],
        "updated_at": 1700000000,
        "url": "https://app.devin.ai/sessions/1",
        "category": None,
        "status_detail": None,
        "structured_output": None,
        "subcategory": None,
        "title": None,
        "is_archived": False,
    }
).encode()


def _official_sdk(transport: Any) -> Any:
    """``devinai``'s sync client on ``transport``, or ``None`` when it is not installed."""
    try:
        from devin_sdk import DevinSDK
    except ImportError:
        return None
    import httpx

    return DevinSDK(
        api_key=V3_KEY, base_url=BASE_URL, http_client=httpx.Client(transport=transport)
    )


def bench_v3(calls: int, rounds: int) -> dict[str, Any]:
    import httpx
    from devin_client.v3 import Devin as DevinV3

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=V3_CREATED, headers={"content-type": "application/json"})

    transport = httpx.MockTransport(handler)
    raw = httpx.Client(transport=transport, base_url=BASE_URL)
    headers = {"Authorization": f"Bearer {V3_KEY}"}
    ours = DevinV3(
        V3_KEY, org_id=V3_ORG, base_url=BASE_URL, http_client=httpx.Client(transport=transport)
    )
    sdk = _official_sdk(transport)
    path = f"/v3/organizations/{V3_ORG}/sessions"

    def raw_call() -> None:
        raw.post(path, json={"prompt": "Fix the flaky test"}, headers=headers).json()

    def ours_call() -> None:
        ours.sessions.create("Fix the flaky test")

    def sdk_call() -> None:
        sdk.organizations.sessions.create(V3_ORG, prompt="Fix the flaky test")

    contenders = [("raw", raw_call), ("devin_client", ours_call)]
    if sdk is not None:
        contenders.append(("devinai", sdk_call))
    for _, fn in contenders:  # warm up: imports, validators, connection state
        for _ in range(300):
            fn()
    per_call: dict[str, list[float]] = {name: [] for name, _ in contenders}
    ratios: dict[str, list[float]] = {name: [] for name, _ in contenders[1:]}
    for i in range(rounds):  # interleaved, the order rotating: drift hits all alike
        this_round = {}
        shift = i % len(contenders)
        for name, fn in contenders[shift:] + contenders[:shift]:
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            this_round[name] = (time.perf_counter() - start) / calls * 1e6
            per_call[name].append(this_round[name])
        for name in ratios:
            ratios[name].append(this_round[name] / this_round["raw"])
    result: dict[str, Any] = {
        "raw_us_per_call": round(statistics.median(per_call["raw"]), 1),
        "devin_client_us_per_call": round(statistics.median(per_call["devin_client"]), 1),
        "devin_client_median_ratio": round(statistics.median(ratios["devin_client"]), 3),
        "target": "<= 1.10",
        "calls_per_round": calls,
        "rounds": rounds,
    }
    if sdk is not None:
        from devin_sdk import __version__ as sdk_version

        result["devinai_us_per_call"] = round(statistics.median(per_call["devinai"]), 1)
        result["devinai_median_ratio"] = round(statistics.median(ratios["devinai"]), 3)
        result["devinai_version"] = sdk_version
    else:
        result["devinai"] = "not installed (make bench installs it with the bench extra)"
    return result


# -- 2. import time ------------------------------------------------------------------------


def _import_ms(module: str) -> float:
    code = (
        "import time; t = time.perf_counter(); "
        f"import {module}; print((time.perf_counter() - t) * 1000)"
    )
    # With bytecode caches, as a pip-installed package has them: an environment that sets
    # PYTHONDONTWRITEBYTECODE would otherwise time the compiling of an editable install's
    # sources against httpx's precompiled ones.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return float(out.stdout)


def bench_import(runs: int) -> dict[str, Any]:
    for module in ("httpx", "devin_client"):  # warm the bytecode caches
        _import_ms(module)
    times: dict[str, list[float]] = {"httpx": [], "devin_client": []}
    for _ in range(runs):
        for module in times:
            times[module].append(_import_ms(module))
    httpx_ms = statistics.median(times["httpx"])
    client_ms = statistics.median(times["devin_client"])
    return {
        "httpx_ms": round(httpx_ms, 1),
        "devin_client_ms": round(client_ms, 1),
        "median_ratio": round(client_ms / httpx_ms, 3),
        "target": "<= 1.3",
        "processes_each": runs,
    }


# -- 3. upload memory ----------------------------------------------------------------------

_SERVER = r"""
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Discard(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        remaining = int(self.headers.get("content-length", "0"))
        received = 0
        while remaining:
            chunk = self.rfile.read(min(remaining, 1 << 20))
            if not chunk:
                break
            received += len(chunk)
            remaining -= len(chunk)
        body = json.dumps(f"http://127.0.0.1/files/{received}").encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Discard)
print(server.server_address[1], flush=True)
server.serve_forever()
"""

_UPLOADER = r"""
import json, resource, sys, time
from devin_client import Devin
port, path = sys.argv[1], sys.argv[2]
client = Devin("apk_user_bench_key", base_url=f"http://127.0.0.1:{port}", timeout=600)
client.sessions  # load the lazy modules before measuring
client.attachments
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
url = client.attachments.upload(path)
elapsed = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"before_kib": before, "after_kib": after, "seconds": elapsed, "url": url}))
"""


def bench_upload(size: int) -> dict[str, Any]:
    server = subprocess.Popen([sys.executable, "-c", _SERVER], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "big.bin"
            with path.open("wb") as f:
                f.truncate(size)  # sparse: the bytes still all go through the client
            out = subprocess.run(
                [sys.executable, "-c", _UPLOADER, port, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
        data = json.loads(out.stdout)
    finally:
        server.terminate()
        server.wait(timeout=10)
    received = int(data["url"].rsplit("/", 1)[1])
    growth_mib = (data["after_kib"] - data["before_kib"]) / 1024
    return {
        "file_bytes": size,
        "server_received_bytes": received,
        "peak_rss_before_mib": round(data["before_kib"] / 1024, 1),
        "peak_rss_after_mib": round(data["after_kib"] / 1024, 1),
        "peak_rss_growth_mib": round(growth_mib, 1),
        "seconds": round(data["seconds"], 2),
        "target": "growth <= 32 MiB",
    }


# -- 4. async throughput -------------------------------------------------------------------


async def _run_async(kind: str, creates: int, in_flight: int) -> float:
    import anyio
    import httpx
    from devin_client import AsyncDevin
    from devin_client.testing import DEFAULT_API_KEY, DevinMock

    mock = DevinMock()
    base = "http://devin.test"
    transport = httpx.ASGITransport(app=mock.app)
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    async with httpx.AsyncClient(transport=transport, base_url=base) as http:
        client = AsyncDevin(
            DEFAULT_API_KEY, base_url=base, http_client=http, allow_insecure_http=True
        )
        remaining = creates

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                if kind == "raw":
                    response = await http.post(
                        "/v1/sessions", json={"prompt": "Fix the flaky test"}, headers=headers
                    )
                    response.raise_for_status()
                    response.json()
                else:
                    await client.sessions.create("Fix the flaky test")

        start = time.perf_counter()
        async with anyio.create_task_group() as group:
            for _ in range(in_flight):
                group.start_soon(worker)
        elapsed = time.perf_counter() - start
    return creates / elapsed


def bench_async(creates: int, in_flight: int, rounds: int) -> dict[str, Any]:
    import anyio

    anyio.run(_run_async, "raw", 100, in_flight)  # warm up
    anyio.run(_run_async, "facade", 100, in_flight)
    results: dict[str, list[float]] = {"raw": [], "facade": []}
    cpu: dict[str, list[float]] = {"raw": [], "facade": []}
    ratios, cpu_ratios = [], []
    for i in range(rounds):
        # Alternate which goes first: on a shared box, load drifts within a round.
        order = ("raw", "facade") if i % 2 == 0 else ("facade", "raw")
        this_round: dict[str, float] = {}
        this_cpu: dict[str, float] = {}
        for kind in order:
            started = time.process_time()
            this_round[kind] = anyio.run(_run_async, kind, creates, in_flight)
            this_cpu[kind] = (time.process_time() - started) / creates * 1e6
            results[kind].append(this_round[kind])
            cpu[kind].append(this_cpu[kind])
        ratios.append(this_round["facade"] / this_round["raw"])
        cpu_ratios.append(this_cpu["raw"] / this_cpu["facade"])
    return {
        "raw_creates_per_s": round(statistics.median(results["raw"]), 1),
        "facade_creates_per_s": round(statistics.median(results["facade"]), 1),
        "median_ratio": round(statistics.median(ratios), 3),
        "raw_cpu_us_per_create": round(statistics.median(cpu["raw"]), 1),
        "facade_cpu_us_per_create": round(statistics.median(cpu["facade"]), 1),
        "median_cpu_throughput_ratio": round(statistics.median(cpu_ratios), 3),
        "target": ">= 0.9",
        "creates": creates,
        "in_flight": in_flight,
        "rounds": rounds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs (smoke test)")
    parser.add_argument(
        "--only", choices=["overhead", "import", "upload", "async", "v3"], action="append"
    )
    args = parser.parse_args()
    quick = args.quick
    chosen = args.only or ["overhead", "import", "upload", "async", "v3"]
    results: dict[str, Any] = {
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cpus",
    }
    if "overhead" in chosen:
        results["overhead"] = bench_overhead(300 if quick else 1000, 5 if quick else 11)
        print("overhead:", json.dumps(results["overhead"]))
    if "import" in chosen:
        results["import"] = bench_import(5 if quick else 15)
        print("import:  ", json.dumps(results["import"]))
    if "upload" in chosen:
        results["upload"] = bench_upload((64 << 20) if quick else (1 << 30))
        print("upload:  ", json.dumps(results["upload"]))
    if "async" in chosen:
        results["async"] = bench_async(200 if quick else 1000, 64, 3 if quick else 9)
        print("async:   ", json.dumps(results["async"]))
    if "v3" in chosen:
        results["v3"] = bench_v3(300 if quick else 1000, 5 if quick else 11)
        print("v3:      ", json.dumps(results["v3"]))
    results["peak_rss_of_bench_mib"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() and args.only else {}
    RESULTS.write_text(json.dumps({**previous, **results}, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
