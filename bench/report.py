"""Collect the benchmark results into one report, a figures table and a chart: ``make bench``.

Reads ``bench/results/*.json`` as written by ``bench/bench_facade.py`` (``facade.json``),
``bench/bench_mock.py`` (``mock.json``) and ``scripts/soak.py`` (``soak.json``); writes
``bench/results/report.json`` and ``bench/results/benchmarks.png``, and prints a Markdown table
of the figures (the README's performance section shows the same). A missing source is reported
as "not measured", never invented.

    python bench/report.py [--results DIR] [--no-chart]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
SOURCES = ("facade.json", "mock.json", "soak.json")


# ---- the machine ---------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """CPU model, cores, memory and OS of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib: float | None = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gib = round(int(line.split()[1]) / 1024**2, 1)
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "os": platform.platform(terse=True),
    }


def versions() -> dict[str, str]:
    """Python, httpx and devin-client versions (those the benchmarks ran with)."""
    import devin_client
    import httpx

    return {
        "python": platform.python_version(),
        "httpx": httpx.__version__,
        "devin_client": devin_client.__version__,
    }


# ---- reading the sources -------------------------------------------------------------------


def _load(results: Path, name: str) -> dict[str, Any] | None:
    path = results / name
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return data if isinstance(data, dict) else None


def _get(data: dict[str, Any] | None, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _mock_figures(
    mock: dict[str, Any] | None,
) -> tuple[list[dict[str, Any]], str | None, float | None, int | None]:
    """From ``mock.json``: its throughput cases (request, connections, requests per second, p50
    and p99 latency), the load generator, the upload peak-RSS growth and the upload size."""
    cases = [
        case
        for case in _get(mock, "throughput") or []
        if isinstance(case, dict) and isinstance(case.get("requests_per_s"), int | float)
    ]
    generator = _get(mock, "generator")
    return (
        cases,
        generator if isinstance(generator, str) else None,
        _get(mock, "upload", "peak_rss_above_idle_mib"),
        _get(mock, "upload", "bytes"),
    )


def _case_label(case: dict[str, Any]) -> str:
    """``POST /v1/sessions, 32 connections``."""
    n = case.get("connections")
    return f"{case.get('request')}, {n} connection" + ("" if n == 1 else "s")


def _size(n: int | None) -> str:
    if n is None:
        return "?"
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return f"{n} B"


def _figure(
    name: str, value: Any, unit: str, target: str | None, met: bool | None, source: str
) -> dict[str, Any]:
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "target": target,
        "met": met,
        "source": source if value is not None else f"{source} (not measured)",
    }


def collect(results: Path) -> dict[str, Any]:
    """Build the report from the JSON files in ``results``."""
    facade = _load(results, "facade.json")
    mock = _load(results, "mock.json")
    soak = _load(results, "soak.json")

    sync_ratio = _get(facade, "overhead", "median_ratio")
    v3_ratio = _get(facade, "v3", "devin_client_median_ratio")
    sdk_ratio = _get(facade, "v3", "devinai_median_ratio")
    raw_async = _get(facade, "async", "raw_creates_per_s")
    facade_async = _get(facade, "async", "facade_creates_per_s")
    async_throughput = _get(facade, "async", "median_ratio")
    # Time per call, facade / raw: the inverse of the throughput ratio.
    async_ratio = round(1.0 / async_throughput, 3) if async_throughput else None
    import_ratio = _get(facade, "import", "median_ratio")
    upload_growth = _get(facade, "upload", "peak_rss_growth_mib")
    mock_cases, mock_generator, mock_rss, mock_upload = _mock_figures(mock)
    client_upload = _get(facade, "upload", "file_bytes")

    figures = [
        _figure(
            "facade / raw httpx time per call, sync (sessions.create)",
            sync_ratio,
            "x",
            "<= 1.15",
            None if sync_ratio is None else sync_ratio <= 1.15,
            "facade.json",
        ),
        _figure(
            "facade / raw httpx time per call, async (1,000 creates, 64 in flight)",
            async_ratio,
            "x",
            "<= 1.11 (throughput >= 0.9)",
            None if async_throughput is None else async_throughput >= 0.9,
            "facade.json",
        ),
        _figure(
            "devin_client.v3 / raw httpx time per call, sync (v3 sessions.create)",
            v3_ratio,
            "x",
            "<= 1.10",
            None if v3_ratio is None else v3_ratio <= 1.10,
            "facade.json",
        ),
        _figure(
            "devinai (the official SDK) / raw httpx time per call, sync (v3 sessions create)",
            sdk_ratio,
            "x",
            None,
            None,
            "facade.json",
        ),
        _figure(
            "import devin_client / import httpx",
            import_ratio,
            "x",
            "<= 1.3",
            None if import_ratio is None else import_ratio <= 1.3,
            "facade.json",
        ),
        _figure(
            f"client peak RSS growth, {_size(client_upload)} upload",
            upload_growth,
            "MiB",
            "<= 32",
            None if upload_growth is None else upload_growth <= 32,
            "facade.json",
        ),
        _figure(
            "facade async creates per second (in-process mock)",
            facade_async,
            "ops/s",
            None,
            None,
            "facade.json",
        ),
        _figure(
            "raw httpx async creates per second (in-process mock)",
            raw_async,
            "ops/s",
            None,
            None,
            "facade.json",
        ),
    ]
    for case in mock_cases:
        figure = _figure(
            f"mock over loopback: {_case_label(case)}",
            case["requests_per_s"],
            "req/s",
            None,
            None,
            "mock.json",
        )
        for key in ("p50_ms", "p99_ms", "mock_cpu", "requests_per_mock_cpu_s"):
            figure[key] = case.get(key)
        figure["generator"] = mock_generator
        figures.append(figure)
    if not mock_cases:
        figures.append(_figure("mock requests per second", None, "req/s", None, None, "mock.json"))
    figures.append(
        _figure(
            f"mock peak RSS growth, {_size(mock_upload)} upload",
            mock_rss,
            "MiB",
            "<= 32",
            None if mock_rss is None else mock_rss <= 32,
            "mock.json",
        )
    )
    for mode in ("sync", "async"):
        phase = _get(soak, "phases", mode) or {}
        label = "soak, sync" if mode == "sync" else "soak, async (64 in flight)"
        figures.append(
            _figure(
                f"{label}: operations per second under 30 % faults",
                phase.get("ops_per_second"),
                "ops/s",
                None,
                None,
                "soak.json",
            )
        )
    soak_summary = None
    if soak is not None:
        soak_summary = {
            "ok": soak.get("ok"),
            "config": soak.get("config"),
            "phases": {
                mode: {
                    k: phase.get(k)
                    for k in (
                        "ops",
                        "succeeded",
                        "failed",
                        "ops_retried",
                        "retries",
                        "failed_by_type",
                        "http_requests",
                        "seconds",
                        "ops_per_second",
                        "requests_per_second",
                        "fault_hits",
                    )
                }
                for mode, phase in (soak.get("phases") or {}).items()
            },
        }
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(),
        "figures": figures,
        "soak": soak_summary,
        "mock_cases": [
            {
                k: case.get(k)
                for k in ("request", "connections", "requests_per_s", "p50_ms", "p99_ms")
            }
            for case in mock_cases
        ],
        "mock_generator": mock_generator,
        "sources": {name: (results / name).exists() for name in SOURCES},
    }


# ---- output --------------------------------------------------------------------------------


def _fmt(value: Any, unit: str) -> str:
    if value is None:
        return "not measured"
    if unit == "x":
        return f"{value:.2f}x"
    if isinstance(value, float) and value >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:g} {unit}"


def markdown(report: dict[str, Any]) -> str:
    """The figures as a Markdown table, with the machine and versions under it."""
    lines = ["| Figure | Value | Target |", "|---|---|---|"]
    for fig in report["figures"]:
        target = fig["target"] or ""
        if fig["met"] is not None:
            target = f"{target} ({'met' if fig['met'] else 'MISSED'})"
        value = _fmt(fig["value"], fig["unit"])
        if fig.get("p50_ms") is not None and fig.get("p99_ms") is not None:
            value += f", p50 {fig['p50_ms']:.1f} ms, p99 {fig['p99_ms']:.1f} ms"
        lines.append(f"| {fig['name']} | {value} | {target} |")
    soak = report.get("soak")
    if soak:
        for mode, phase in soak["phases"].items():
            failed = ", ".join(f"{k} {v}" for k, v in (phase.get("failed_by_type") or {}).items())
            lines.append(
                f"| soak, {mode}: {phase['ops']} ops | {phase['succeeded']} succeeded, "
                f"{phase['failed']} failed typed ({failed or 'none'}), {phase['ops_retried']} "
                f"retried | every op typed, 0 duplicates, sha256 equal"
                f"{'' if soak.get('ok') else ' (BROKEN)'} |"
            )
    m, v = report["machine"], report["versions"]
    lines.append("")
    lines.append(
        f"Measured on {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB RAM ({m['os']}); "
        f"Python {v['python']}, httpx {v['httpx']}, devin-client {v['devin_client']}."
        + (
            f" Load on the mock from {report['mock_generator']}."
            if report.get("mock_generator")
            else ""
        )
    )
    return "\n".join(lines)


def chart(report: dict[str, Any], path: Path) -> None:
    """Draw the four panels of the report into a PNG."""
    import matplotlib

    matplotlib.use("Agg")  # no display needed
    import matplotlib.pyplot as plt

    figs = {f["name"]: f for f in report["figures"]}

    def value(prefix: str) -> float:
        for name, fig in figs.items():
            if name.startswith(prefix) and fig["value"] is not None:
                return float(fig["value"])
        return float("nan")

    fig, axes = plt.subplots(2, 2, figsize=(12, 8.2))
    fig.suptitle("devin-client benchmarks", fontsize=15, fontweight="bold")
    good, bad, grey = "#2e7d32", "#c62828", "#9e9e9e"

    # (1) ratios against raw httpx, with their targets
    ax = axes[0][0]
    labels = [
        "v1 create,\nsync",
        "v1 create,\nasync",
        "import\ntime",
        "v3 create,\nsync",
        "v3 create,\ndevinai",
    ]
    values = [
        value("facade / raw httpx time per call, sync"),
        value("facade / raw httpx time per call, async"),
        value("import devin_client"),
        value("devin_client.v3 / raw httpx"),
        value("devinai (the official SDK)"),
    ]
    targets: list[float | None] = [1.15, 1 / 0.9, 1.3, 1.10, None]
    colors = [
        grey if t is None else good if v <= t else bad for v, t in zip(values, targets, strict=True)
    ]
    bars = ax.bar(labels, [0 if v != v else v for v in values], color=colors, width=0.55)
    for bar, target, v in zip(bars, targets, values, strict=True):
        x, width = bar.get_x(), bar.get_width()
        if target is not None:
            ax.hlines(target, x - 0.05, x + width + 0.05, colors="black", linestyles="--")
            ax.annotate(
                f"target {target:.2f}x",
                (x + width / 2, target),
                ha="center",
                va="bottom",
                fontsize=8,
                xytext=(0, 2),
                textcoords="offset points",
            )
        ax.annotate(  # the measured value, inside the bar
            "n/a" if v != v else f"{v:.2f}x",
            (x + width / 2, 0 if v != v else v),
            ha="center",
            va="top",
            fontsize=12,
            fontweight="bold",
            color="white" if v == v else "black",
            xytext=(0, -6),
            textcoords="offset points",
        )
    ax.axhline(1.0, color=grey, linewidth=0.8)
    ax.set_ylim(0, max(1.6, *(v + 0.3 for v in values if v == v)))
    ax.set_ylabel("facade / raw httpx (lower is better)")
    ax.set_title("Cost of the facade over raw httpx (dashed: target)")

    # (2) peak RSS growth during a 1 GiB upload
    ax = axes[0][1]
    sizes = [
        name.rsplit(", ", 1)[-1].removesuffix(" upload")
        for name in figs
        if "peak RSS growth" in name
    ]
    labels = [f"client (facade)\n{sizes[0]} upload", f"mock server\n{sizes[1]} upload"]
    values = [value("client peak RSS growth"), value("mock peak RSS growth")]
    bars = ax.bar(labels, [0 if v != v else v for v in values], color=good, width=0.5)
    ax.axhline(32, color=bad, linestyle="--", label="budget: 32 MiB")
    for bar, v in zip(bars, values, strict=True):
        ax.annotate(
            "not measured" if v != v else f"{v:.1f} MiB",
            (bar.get_x() + bar.get_width() / 2, 0 if v != v else v),
            ha="center",
            va="bottom",
            xytext=(0, 3),
            textcoords="offset points",
            fontsize=11,
        )
    ax.set_ylim(0, 40)
    ax.set_ylabel("MiB above the process before the upload")
    ax.set_title("Peak RSS growth while uploading")
    ax.legend(loc="upper right")

    # (3) throughput: mock over loopback, and async creates in-process
    ax = axes[1][0]
    short = {"POST /v1/sessions": "create", "GET /v1/sessions/{id}": "get"}
    rates = {
        f"mock {short.get(c['request'], c['request'])}, {c['connections']} conn."
        f" (p99 {c['p99_ms']:.0f} ms)": c["requests_per_s"]
        for c in report.get("mock_cases") or []
    }
    rates["facade async creates (in-process)"] = value("facade async creates")
    rates["raw httpx async creates (in-process)"] = value("raw httpx async creates")
    names = list(rates)
    nums = [0 if v != v else v for v in rates.values()]
    bars = ax.barh(names, nums, color=["#1565c0"] * (len(names) - 2) + ["#6a1b9a", grey])
    for bar, v in zip(bars, rates.values(), strict=True):
        ax.annotate(
            "n/a" if v != v else f"{v:,.0f}/s",
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            va="center",
            xytext=(4, 0),
            textcoords="offset points",
            fontsize=10,
        )
    ax.set_xlim(0, max([*nums, 1]) * 1.3)
    ax.set_xlabel("requests per second")
    ax.set_title("Throughput")
    ax.invert_yaxis()

    # (4) the fault soak
    ax = axes[1][1]
    soak = report.get("soak") or {}
    phases = soak.get("phases") or {}
    modes = [m for m in ("sync", "async") if m in phases]
    if modes:
        ok = [phases[m]["succeeded"] for m in modes]
        failed = [phases[m]["failed"] for m in modes]
        retried = [phases[m]["ops_retried"] for m in modes]
        xs = range(len(modes))
        ax.bar(xs, ok, color=good, label="succeeded", width=0.5)
        ax.bar(xs, failed, bottom=ok, color="#ef6c00", label="failed with a typed error")
        for x, m, r, n_ok, n_failed in zip(xs, modes, retried, ok, failed, strict=True):
            ax.annotate(
                f"{n_ok} ok\n{r} retried\n{phases[m]['ops_per_second']} ops/s",
                (x, n_ok / 2),
                ha="center",
                va="center",
                fontsize=10,
                color="white",
                fontweight="bold",
            )
            ax.annotate(
                f"{n_failed} typed errors",
                (x, n_ok + n_failed),
                ha="center",
                va="bottom",
                fontsize=9,
                xytext=(0, 2),
                textcoords="offset points",
            )
        ax.set_xticks(
            list(xs), [f"{m}" + (" (64 in flight)" if m == "async" else "") for m in modes]
        )
        ax.set_ylim(0, max(phases[m]["ops"] for m in modes) * 1.3)
        config = soak.get("config") or {}
        verdict = "all invariants hold" if soak.get("ok") else "INVARIANTS BROKEN"
        ax.set_title(f"Fault soak: {config.get('fault_rate', 0):.0%} faulted responses, {verdict}")
        ax.legend(loc="upper center", fontsize=9, ncol=2)
        ax.set_ylabel("operations")
    else:
        ax.text(0.5, 0.5, "soak not measured", ha="center", va="center")
        ax.set_axis_off()

    m, v = report["machine"], report["versions"]
    fig.text(
        0.5,
        0.01,
        f"{m['cpu']} · {m['cores']} cores · {m['memory_gib']} GiB · {m['os']}\n"
        f"Python {v['python']} · httpx {v['httpx']} · devin-client {v['devin_client']} · "
        f"{report['generated_at']}",
        ha="center",
        fontsize=9,
        color="#424242",
    )
    fig.tight_layout(rect=(0, 0.05, 1, 0.96))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    """Write report.json and the chart; print the figures table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-chart", action="store_true", help="skip the PNG (no matplotlib)")
    args = parser.parse_args(argv)
    report = collect(args.results)
    out = args.results / "report.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(markdown(report))
    print(f"\nreport: wrote {out}")
    if not args.no_chart:
        png = args.results / "benchmarks.png"
        chart(report, png)
        print(f"report: wrote {png}")
    missing = [name for name, present in report["sources"].items() if not present]
    if missing:
        print(f"report: not measured (missing): {', '.join(missing)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
