"""Benchmarks of the mock Devin API server (figures, not pass/fail tests).

1. throughput and latency: requests per second, and the p50 and p99 of the time from sending a
   request to reading its whole response, of a ``devin-mock`` process over loopback, for create
   (``POST /v1/sessions``) and get (``GET /v1/sessions/{id}``), at 1 and at 32 concurrent
   keep-alive connections; median of a few timed runs after a warm-up. The load comes from
   `wrk <https://github.com/wg/wrk>`_ when it is installed (``apt-get install wrk``;
   ``bench/mock.lua`` sets the method, the bearer header and the JSON body), else from the
   small HTTP/1.1 client below (raw keep-alive sockets, one request in flight each, one thread
   and a selector). ``--generator both`` also runs the Python client and records it under
   ``comparison``, to check that it is not the bottleneck. Each run also records the mock's CPU
   use (``mock_cpu``, CPU seconds per second: near 1.0, the single-threaded mock was the limit)
   and the requests per CPU second of the mock, a figure that the machine's other work moves
   far less than requests per second;
2. upload: peak RSS of a fresh mock process while a 1 GiB file is uploaded as multipart, against
   its idle RSS (goal: within 32 MiB), read from ``/proc/<pid>/status`` (VmHWM, VmRSS).

Linux only (``/proc``). Run: ``make bench-mock`` (or ``python bench/bench_mock.py [--quick]
[--generator auto|wrk|python|both]``). Prints the figures and writes ``bench/results/mock.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import selectors
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from devin_client.testing import DEFAULT_API_KEY, MockProcess

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
WRK_SCRIPT = HERE / "mock.lua"
AUTH = f"Bearer {DEFAULT_API_KEY}"
GiB = 1024**3
MiB = 1024**2
CONNECTIONS = (1, 32)
CREATE_BODY = json.dumps({"prompt": "Benchmark the mock", "tags": ["bench"]})


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from ``/proc/<pid>/stat``."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS) of a process, in bytes."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            values[key] = int(rest.split()[0]) * 1024
    return values


# ---- load generators ----------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One request, repeated on every connection."""

    name: str
    method: str
    path: str
    body: str = ""

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


def _run_figures(
    requests: int, seconds: float, p50_s: float, p99_s: float, errors: int
) -> dict[str, Any]:
    return {
        "requests": requests,
        "seconds": round(seconds, 3),
        "requests_per_s": round(requests / seconds, 1),
        "p50_ms": round(p50_s * 1000, 3),
        "p99_ms": round(p99_s * 1000, 3),
        "errors": errors,
    }


def _percentile(ordered: list[float], pct: float) -> float:
    """Nearest-rank percentile of sorted values."""
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def _http_request(case: Case, path: str) -> bytes:
    body = case.body.encode()
    head = f"{case.method} {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: {AUTH}\r\n"
    if body:
        head += "Content-Type: application/json\r\n"
    return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body


@dataclass
class _Connection:
    """One keep-alive connection with one request in flight."""

    sock: socket.socket
    sent: float
    buffer: bytes = b""


def _response_end(buffer: bytes) -> tuple[int, bool] | None:
    """Where the first whole response in ``buffer`` ends, and whether its status is 2xx."""
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return None
    head = buffer[:end].lower()
    at = head.find(b"\r\ncontent-length:")
    if at < 0:
        raise RuntimeError(f"a response without content-length: {head[:200]!r}")
    stop = head.find(b"\r\n", at + 2)
    total = end + 4 + int(head[at + 17 : stop if stop >= 0 else None])
    if len(buffer) < total:
        return None
    return total, head.startswith((b"http/1.1 2", b"http/1.0 2"))


def python_run(
    base_url: str, case: Case, path: str, seconds: int, connections: int
) -> dict[str, Any]:
    """One timed run of the Python client: ``connections`` keep-alive sockets driven by one
    thread through a selector, each sending the request again as soon as the response is in
    (no asyncio: its callbacks cost more CPU per request, and the mock shares the machine)."""
    url = httpx.URL(base_url)
    request = _http_request(case, path)
    latencies: list[float] = []
    errors = 0
    with selectors.DefaultSelector() as selector:
        start = time.perf_counter()
        deadline = start + seconds
        for _ in range(connections):
            sock = socket.create_connection((url.host, url.port or 80))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ, _Connection(sock, time.perf_counter()))
            sock.send(request)
        while selector.get_map():
            for key, _ in selector.select():
                conn: _Connection = key.data
                data = conn.sock.recv(65536)
                if not data:
                    raise RuntimeError("the mock closed a keep-alive connection")
                conn.buffer += data
                found = _response_end(conn.buffer)
                if found is None:
                    continue
                now = time.perf_counter()
                latencies.append(now - conn.sent)
                errors += not found[1]
                conn.buffer = conn.buffer[found[0] :]
                if now < deadline:
                    conn.sent = now
                    conn.sock.send(request)
                else:
                    selector.unregister(conn.sock)
                    conn.sock.close()
        elapsed = time.perf_counter() - start
    latencies.sort()
    return _run_figures(
        len(latencies), elapsed, _percentile(latencies, 50), _percentile(latencies, 99), errors
    )


def wrk_version() -> str | None:
    """``wrk 4.1.0`` (as it names itself), or ``None`` when wrk is not installed."""
    exe = shutil.which("wrk")
    if exe is None:
        return None
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    words = (out.stdout or out.stderr).split()
    return " ".join(words[:2]) if words else "wrk"


def wrk_run(base_url: str, case: Case, path: str, seconds: int, connections: int) -> dict[str, Any]:
    """One timed run of wrk (its threads: one per core, at most one per connection)."""
    threads = max(1, min(connections, os.cpu_count() or 1))
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(WRK_SCRIPT),
        f"{base_url}{path}",
        "--",
        case.method,
        AUTH,
        case.body,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH-MOCK ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no figures:\n{out.stdout}{out.stderr}")
    data = json.loads(line.removeprefix("BENCH-MOCK "))
    errors = sum(data["errors"].values())
    latency = data["latency_us"]
    return _run_figures(
        data["requests"],
        data["duration_us"] / 1e6,
        latency["p50"] / 1e6,
        latency["p99"] / 1e6,
        errors,
    )


GENERATORS = {"wrk": wrk_run, "python": python_run}


# ---- throughput ---------------------------------------------------------------------------


def throughput(
    generators: Sequence[str], seconds: int, runs: int
) -> dict[str, list[dict[str, Any]]]:
    """Every case at every concurrency, for each generator: the median requests/s, p50 and p99
    of ``runs`` timed runs. With several generators their runs alternate, so that a change in
    the machine's load touches them alike."""
    cases = [
        Case("create_session", "POST", "/v1/sessions", CREATE_BODY),
        Case("get_session", "GET", "/v1/sessions/{id}"),
    ]
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in generators}
    with (
        MockProcess() as mock,
        httpx.Client(base_url=mock.base_url, headers={"Authorization": AUTH}, timeout=30) as http,
    ):
        for case in cases:
            for connections in CONNECTIONS:
                # The same state for every case: an empty store and one session to get.
                http.post("/_mock/reset").raise_for_status()
                created = http.post("/v1/sessions", json={"prompt": "bench"})
                path = case.path.replace("{id}", created.raise_for_status().json()["session_id"])
                samples: dict[str, list[dict[str, Any]]] = {name: [] for name in generators}
                for name in generators:
                    GENERATORS[name](mock.base_url, case, path, 1, connections)  # warm-up
                for _ in range(runs):
                    for name in generators:
                        cpu = cpu_seconds(mock.pid)
                        run = GENERATORS[name](mock.base_url, case, path, seconds, connections)
                        cpu = cpu_seconds(mock.pid) - cpu
                        # Near 1.0: the mock used a whole core, so the load was not the limit.
                        # Below: the machine's other work took the CPU (or the mock waited);
                        # requests per CPU second of the mock does not depend on that.
                        run["mock_cpu"] = round(cpu / run["seconds"], 2)
                        run["requests_per_mock_cpu_s"] = (
                            round(run["requests"] / cpu) if cpu else None
                        )
                        if run["errors"]:
                            raise RuntimeError(f"{case.method} {path} ({name}): {run}")
                        samples[name].append(run)
                for name, done in samples.items():
                    out[name].append(
                        {
                            "operation": case.name,
                            "request": case.label,
                            "connections": connections,
                            "requests_per_s": statistics.median(r["requests_per_s"] for r in done),
                            "p50_ms": statistics.median(r["p50_ms"] for r in done),
                            "p99_ms": statistics.median(r["p99_ms"] for r in done),
                            "mock_cpu": statistics.median(r["mock_cpu"] for r in done),
                            "requests_per_mock_cpu_s": statistics.median(
                                r["requests_per_mock_cpu_s"] or 0 for r in done
                            ),
                            "runs": done,
                        }
                    )
    return out


# ---- upload RSS -------------------------------------------------------------------------


def upload_rss(size: int) -> dict[str, Any]:
    """Peak RSS of a fresh mock process while ``size`` bytes are uploaded, against idle."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.bin"
        with path.open("wb") as handle:
            handle.truncate(size)  # sparse: reads as zeros, costs no disk
        with MockProcess(["--upload-limit", str(size + MiB)]) as mock:
            headers = {"Authorization": AUTH}
            with httpx.Client(base_url=mock.base_url, headers=headers, timeout=600) as client:
                # Warm up every code path the upload uses, then read the idle figure.
                client.post("/v1/attachments", files={"file": ("warm.txt", b"warm")})
                client.post("/v1/sessions", json={"prompt": "warm"})
                time.sleep(0.5)
                idle = proc_status(mock.pid)["VmRSS"]
                start = time.perf_counter()
                with path.open("rb") as payload:
                    response = client.post(
                        "/v1/attachments", files={"file": ("big.bin", payload, "application/zip")}
                    )
                seconds = time.perf_counter() - start
            response.raise_for_status()
            status = proc_status(mock.pid)
    peak = max(status["VmHWM"], idle)
    return {
        "bytes": size,
        "seconds": round(seconds, 2),
        "throughput_mib_s": round(size / MiB / seconds, 1),
        "idle_rss_mib": round(idle / MiB, 1),
        "peak_rss_mib": round(peak / MiB, 1),
        "peak_rss_above_idle_mib": round((peak - idle) / MiB, 1),
        "goal_mib": 32,
        "met": (peak - idle) <= 32 * MiB,
        "url": response.json(),
    }


def _print_throughput(title: str, cases: list[dict[str, Any]]) -> None:
    print(title)
    for case in cases:
        each = ", ".join(f"{run['requests_per_s']:,.0f}" for run in case["runs"])
        print(
            f"  {case['request']:22} {case['connections']:>2} conn. "
            f"{case['requests_per_s']:>7,.0f} req/s  p50 {case['p50_ms']:>6.2f} ms  "
            f"p99 {case['p99_ms']:>6.2f} ms  mock CPU {case['mock_cpu']:>4.0%} "
            f"({case['requests_per_mock_cpu_s']:,.0f} req per CPU s)  runs: {each} req/s"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the mock Devin API server.")
    parser.add_argument("--quick", action="store_true", help="1 s runs, 64 MiB upload")
    parser.add_argument(
        "--generator",
        choices=["auto", "wrk", "python", "both"],
        default="auto",
        help="the load: wrk, the Python client, or both (auto: wrk when installed)",
    )
    args = parser.parse_args(argv)
    seconds, runs, size = (1, 1, 64 * MiB) if args.quick else (3, 3, GiB)
    if not Path("/proc/self/status").exists():
        print("bench_mock needs Linux (/proc) for the RSS figures", file=sys.stderr)
        return 2
    wrk = wrk_version()
    if args.generator in ("wrk", "both") and wrk is None:
        print("bench_mock: wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    primary = (
        "wrk"
        if args.generator in ("wrk", "both") or (args.generator == "auto" and wrk)
        else "python"
    )
    names = {"wrk": wrk or "wrk", "python": "the Python client of bench/bench_mock.py"}
    load = os.getloadavg()
    result: dict[str, Any] = {
        "command": "make bench-mock",
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "load_average_before": [round(x, 2) for x in load],
        "generator": names[primary],
        "seconds_per_run": seconds,
        "runs": runs,
    }
    generators = [primary, "python"] if args.generator == "both" else [primary]
    measured = throughput(generators, seconds, runs)
    result["throughput"] = measured[primary]
    _print_throughput(f"mock over loopback, load from {names[primary]}:", measured[primary])
    if args.generator == "both":
        result["comparison"] = {"generator": names["python"], "throughput": measured["python"]}
        _print_throughput(f"the same, load from {names['python']}:", measured["python"])
    upload = result["upload"] = upload_rss(size)
    print(
        f"upload {size / MiB:.0f} MiB   idle RSS {upload['idle_rss_mib']} MiB, peak "
        f"{upload['peak_rss_mib']} MiB, +{upload['peak_rss_above_idle_mib']} MiB "
        f"(goal <= 32 MiB: {'met' if upload['met'] else 'MISSED'}), "
        f"{upload['throughput_mib_s']} MiB/s"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "mock.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
