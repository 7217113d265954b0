"""Benchmarks of the mock Devin API server (figures, not pass/fail tests).

1. throughput: requests per second of a ``devin-mock`` process over loopback for
   ``POST /v1/sessions`` and ``GET /v1/sessions/{id}``, driven by a minimal asyncio HTTP/1.1
   keep-alive client (so the client's own overhead stays small) with several connections in
   flight; median of a few timed runs after a warm-up;
2. upload: peak RSS of a fresh mock process while a 1 GiB file is uploaded as multipart, against
   its idle RSS (goal: within 32 MiB), read from ``/proc/<pid>/status`` (VmHWM, VmRSS).

Linux only (``/proc``). Run: ``make bench-mock`` (or ``python bench/bench_mock.py [--quick]``).
Prints the figures and writes ``bench/results/mock.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from devin_client.testing import DEFAULT_API_KEY

RESULTS = Path(__file__).resolve().parent / "results"
AUTH = f"Bearer {DEFAULT_API_KEY}"
GiB = 1024**3
MiB = 1024**2


@contextmanager
def mock_process(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A ``python -m devin_client.testing`` process on a free port; always stopped."""
    process = subprocess.Popen(
        [sys.executable, "-m", "devin_client.testing", "--port", "0", *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        if not line.startswith("devin-mock listening on "):
            raise RuntimeError(f"devin-mock did not start: {line!r}")
        base_url = line.rsplit(" ", 1)[-1]
        for _ in range(300):
            try:
                if httpx.get(f"{base_url}/_mock/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.02)
        yield process, base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS) of a process, in bytes."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            values[key] = int(rest.split()[0]) * 1024
    return values


# ---- throughput -------------------------------------------------------------------------


async def _worker(host: str, port: int, request: bytes, deadline: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    done = 0
    try:
        while time.perf_counter() < deadline:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            if status != 200:
                raise RuntimeError(f"unexpected status {status}")
            done += 1
    finally:
        writer.close()
        await writer.wait_closed()
    counts.append(done)


async def _rate(host: str, port: int, request: bytes, seconds: float, connections: int) -> float:
    counts: list[int] = []
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(
        *(_worker(host, port, request, deadline, counts) for _ in range(connections))
    )
    return sum(counts) / (time.perf_counter() - start)


def _request(method: str, path: str, body: bytes = b"") -> bytes:
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: {AUTH}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def throughput(seconds: float, runs: int, connections: int) -> dict[str, Any]:
    """Requests per second for create and get, median of ``runs`` timed runs."""
    out: dict[str, Any] = {}
    with mock_process() as (_process, base_url):
        url = httpx.URL(base_url)
        host, port = url.host, url.port or 80
        created = httpx.post(
            f"{base_url}/v1/sessions", json={"prompt": "bench"}, headers={"Authorization": AUTH}
        )
        session_id = created.json()["session_id"]
        body = json.dumps({"prompt": "Benchmark the mock", "tags": ["bench"]}).encode()
        cases = {
            "create_session": _request("POST", "/v1/sessions", body),
            "get_session": _request("GET", f"/v1/sessions/{session_id}"),
        }
        for name, request in cases.items():
            asyncio.run(_rate(host, port, request, min(1.0, seconds), connections))  # warm-up
            samples = [
                asyncio.run(_rate(host, port, request, seconds, connections)) for _ in range(runs)
            ]
            out[name] = {
                "requests_per_s": round(statistics.median(samples), 1),
                "samples": [round(s, 1) for s in samples],
                "connections": connections,
                "seconds_per_run": seconds,
            }
    return out


# ---- upload RSS -------------------------------------------------------------------------


def upload_rss(size: int) -> dict[str, Any]:
    """Peak RSS of a fresh mock process while ``size`` bytes are uploaded, against idle."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.bin"
        with path.open("wb") as handle:
            handle.truncate(size)  # sparse: reads as zeros, costs no disk
        with mock_process("--upload-limit", str(size + MiB)) as (process, base_url):
            headers = {"Authorization": AUTH}
            with httpx.Client(base_url=base_url, headers=headers, timeout=600) as client:
                # Warm up every code path the upload uses, then read the idle figure.
                client.post("/v1/attachments", files={"file": ("warm.txt", b"warm")})
                client.post("/v1/sessions", json={"prompt": "warm"})
                time.sleep(0.5)
                idle = proc_status(process.pid)["VmRSS"]
                start = time.perf_counter()
                with path.open("rb") as payload:
                    response = client.post(
                        "/v1/attachments", files={"file": ("big.bin", payload, "application/zip")}
                    )
                seconds = time.perf_counter() - start
            response.raise_for_status()
            status = proc_status(process.pid)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the mock Devin API server.")
    parser.add_argument("--quick", action="store_true", help="shorter runs, 64 MiB upload")
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args(argv)
    seconds, runs, size = (1.0, 2, 64 * MiB) if args.quick else (3.0, 3, GiB)
    if not Path("/proc/self/status").exists():
        print("bench_mock needs Linux (/proc) for the RSS figures", file=sys.stderr)
        return 2
    rates = throughput(seconds, runs, args.connections)
    upload = upload_rss(size)
    result = {
        "command": "make bench-mock",
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "throughput": rates,
        "upload": upload,
    }
    for name, figures in rates.items():
        print(
            f"{name:15} {figures['requests_per_s']:>9.1f} req/s "
            f"(median of {figures['samples']}, {figures['connections']} connections)"
        )
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
