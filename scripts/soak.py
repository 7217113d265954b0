"""Fault soak: many mixed v1 and v3 operations against a faulty ``devin-mock`` process.

    python scripts/soak.py                      1,000 sync ops, then 1,000 async (64 in flight)
    python scripts/soak.py --ops 100 --json bench/results/soak.json

What it does: starts ``devin-mock`` on a free loopback port (always stopped again), switches on
faults for about 30 % of API responses through the mock's admin endpoints (429 with
``Retry-After``, 500/502/503, dropped connections, responses slower than the client timeout,
truncated JSON, an HTML error page), then runs a seeded mix of operations: through the v1
library, creates with ``idempotent=True`` (some repeating an earlier request on purpose), gets,
lists, messages, uploads and downloads; through the v3 library (``devin_client.v3``, on the
same ``httpx`` client and the same mock state), creates, gets, cursor-paged lists, messages and
tag appends; first with the sync clients, then with the async ones.

Invariants checked (exit status 1 when one breaks):

- every operation, v1 or v3, succeeds or raises a ``DevinError`` subclass (no other exception);
- zero duplicate sessions: each distinct create request made at most one session, and a
  repeated idempotent request answered the first one's session; each v3 create (v3 has no
  idempotency: the library never retries a create that may have reached the server) made at
  most one session, through drops, timeouts and cut bodies;
- every session a v3 create answered is listed through v1 (one state);
- every downloaded attachment has the sha256 of what was uploaded;
- the mock never answered 500 of its own accord (every 500 seen is the injected fault's JSON
  body, no more 500s than the ``server_error`` fault's hits, no traceback on its stderr);
- every answer of the mock conformed to the spec (it runs with ``--validate-responses``).

Retry waits are shortened (``--delay-scale``, default 0.1: a 0.5 s backoff sleeps 50 ms) so
1,000 operations finish in about a minute; how many retries happened is still counted exactly,
through the client's injectable ``sleep``.
"""

from __future__ import annotations

import argparse
import contextvars
import hashlib
import itertools
import json
import platform
import random
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import devin_client
import httpx
from devin_client import AsyncDevin, Devin, DevinError, v3
from devin_client.testing import DEFAULT_V3_API_KEY, MockProcess

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
STARTUP_TIMEOUT = 30.0
STOP_TIMEOUT = 5.0
ADMIN = "/_mock"

# The fault kinds of devin_client.testing and the share of the fault budget each gets.
FAULT_KINDS = (
    "rate_limit",
    "server_error",
    "bad_gateway",
    "unavailable",
    "drop",
    "slow",
    "truncated_json",
    "html_error",
)
# The operation mix: weights of each kind of operation.
OP_WEIGHTS = {
    "create": 24,
    "get": 20,
    "list": 8,
    "message": 14,
    "upload": 17,
    "download": 17,
    "v3_create": 8,
    "v3_get": 8,
    "v3_list": 4,
    "v3_message": 5,
    "v3_tags": 5,
}
# Markers of a crash in the mock's log (uvicorn prints these with the traceback).
CRASH_MARKERS = ("Traceback (most recent call last)", "Exception in ASGI application")


# ---- the mock process ----------------------------------------------------------------------


@contextmanager
def running_mock() -> Iterator[MockProcess]:
    """Start ``devin-mock`` on a free loopback port for the ``with`` block; always stop it.

    It runs with ``--validate-responses``: the mock checks every answer against the spec
    (issues: ``/_mock/issues``). ``mock.output()`` is its log (stdout and stderr).

    Raises:
        MockProcessError: The mock exited or did not serve within ``STARTUP_TIMEOUT``.
    """
    with MockProcess(
        ["--validate-responses"],
        host=HOST,
        startup_timeout=STARTUP_TIMEOUT,
        stop_timeout=STOP_TIMEOUT,
    ) as mock:
        yield mock


# ---- configuration and results -------------------------------------------------------------


@dataclass
class SoakConfig:
    """Knobs of one soak run.

    Attributes:
        ops: Operations per phase (sync, then async).
        concurrency: Operations in flight in the async phase.
        fault_rate: Share of API responses that are faulted (split evenly between the kinds).
        timeout: The client's request timeout in seconds.
        slow_delay: How long a ``slow`` fault holds a response (longer than ``timeout``).
        retry_after: ``Retry-After`` seconds of the 429 and 503 faults.
        delay_scale: Retry waits are multiplied by this (the count of retries is exact).
        max_retries: The client's retry budget.
        seed: Seed of the operation mix, payloads and the mock's fault dice.
    """

    ops: int = 1000
    concurrency: int = 64
    fault_rate: float = 0.30
    timeout: float = 0.5
    slow_delay: float = 0.8
    retry_after: float = 0.1
    delay_scale: float = 0.1
    max_retries: int = 2
    seed: int = 6


@dataclass
class PhaseResult:
    """Counts of one phase."""

    mode: str
    ops: int = 0
    succeeded: int = 0
    failed: int = 0
    ops_retried: int = 0
    retries: int = 0
    failed_by_type: Counter[str] = field(default_factory=Counter)
    by_operation: dict[str, Counter[str]] = field(default_factory=dict)
    unhandled: list[str] = field(default_factory=list)
    sha_mismatches: list[str] = field(default_factory=list)
    idempotency_violations: list[str] = field(default_factory=list)
    http_requests: int = 0
    v3_creates_requested: int = 0
    v3_created_titles: list[str] = field(default_factory=list)
    status_counts: Counter[str] = field(default_factory=Counter)
    unplanned_500: list[str] = field(default_factory=list)
    mock_unplanned_errors: int = 0  # handler crashes the mock counted (GET /_mock/stats)
    creates_requested: int = 0
    distinct_create_requests: int = 0
    seconds: float = 0.0

    def record(self, op: str, outcome: str, retries: int) -> None:
        self.ops += 1
        self.by_operation.setdefault(op, Counter())[outcome] += 1
        if retries:
            self.ops_retried += 1
            self.retries += retries
        if outcome == "ok":
            self.succeeded += 1
        else:
            self.failed += 1
            self.failed_by_type[outcome] += 1

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        data["failed_by_type"] = dict(sorted(self.failed_by_type.items()))
        data["by_operation"] = {k: dict(v) for k, v in sorted(self.by_operation.items())}
        data["status_counts"] = dict(sorted(self.status_counts.items()))
        data["ops_per_second"] = round(self.ops / self.seconds, 1) if self.seconds else None
        data["requests_per_second"] = (
            round(self.http_requests / self.seconds, 1) if self.seconds else None
        )
        data["seconds"] = round(self.seconds, 3)
        return data


# ---- the operation plan ----------------------------------------------------------------------


@dataclass
class Op:
    """One planned operation."""

    index: int
    kind: str
    payload: bytes = b""
    repeat_of: int | None = None  # a create repeating the request of an earlier create


def plan(config: SoakConfig, mode: str) -> list[Op]:
    """The seeded operation mix of one phase."""
    rng = random.Random(f"{config.seed}-{mode}")
    kinds = list(OP_WEIGHTS)
    weights = list(OP_WEIGHTS.values())
    ops: list[Op] = []
    creates: list[int] = []
    for i in range(config.ops):
        kind = rng.choices(kinds, weights)[0]
        op = Op(i, kind)
        if kind == "create":
            if creates and rng.random() < 0.15:
                op.repeat_of = rng.choice(creates)
            else:
                creates.append(i)
        elif kind == "upload":
            op.payload = rng.randbytes(rng.randint(1, 200 * 1024))
        ops.append(op)
    return ops


class Shared:
    """What the operations of one phase learn and later ops use (ids, uploaded files)."""

    def __init__(self, mode: str, run_id: str) -> None:
        self.mode = mode
        self.run_id = run_id
        self.rng = random.Random(f"{run_id}-{mode}-picks")
        self.sessions: list[str] = []
        self.created: dict[int, str] = {}  # create op index -> session id it answered
        self.uploads: list[tuple[str, str]] = []  # (url, sha256)
        self.v3_sessions: list[str] = []
        self.v3_key = DEFAULT_V3_API_KEY
        self.org_id = ""

    def seed(self, base_url: str, api_key: str, count: int = 4) -> None:
        """Create a few sessions and uploads, faults off, so every kind of op has a target;
        learn the v3 key's organisation from ``/v3/self``."""
        with Devin(api_key, base_url=base_url) as client:
            for k in range(count):
                title = f"seed-{self.run_id}-{self.mode}-{k}"
                created = client.sessions.create(f"Soak seed {k}", title=title, tags=["soak"])
                self.sessions.append(created.session_id)
                payload = self.rng.randbytes(1024 * (k + 1))
                url = client.attachments.upload(payload, filename=f"seed-{k}.bin")
                self.uploads.append((url, hashlib.sha256(payload).hexdigest()))
        with v3.Devin(self.v3_key, base_url=base_url) as client3:
            self.org_id = client3.org_id  # learned through GET /v3/self, faults off
            for k in range(2):
                seeded = client3.sessions.create(f"v3 seed {k}", tags=["soak"])
                self.v3_sessions.append(seeded.session_id)

    def v3_title(self, op: Op) -> str:
        return f"soak3-{self.run_id}-{self.mode}-{op.index}"

    def create_kwargs(self, op: Op) -> dict[str, Any]:
        origin = op.repeat_of if op.repeat_of is not None else op.index
        title = f"soak-{self.run_id}-{self.mode}-{origin}"
        return {"prompt": f"Soak task {origin}: do nothing", "title": title, "tags": ["soak"]}


# ---- counting retries and watching the wire -------------------------------------------------

_retries: contextvars.ContextVar[list[int]] = contextvars.ContextVar("soak_retries")


def _count_retry() -> None:
    counter = _retries.get(None)
    if counter is not None:
        counter[0] += 1


def _check_response(result: PhaseResult, response: httpx.Response) -> None:
    result.http_requests += 1
    result.status_counts[str(response.status_code)] += 1
    if response.status_code == 500:
        # The server_error fault answers JSON {"detail": "Internal Server Error"}; a crash of a
        # handler reaches uvicorn, whose own 500 is text/plain.
        ctype = response.headers.get("content-type", "")
        if "application/json" not in ctype:
            result.unplanned_500.append(f"{response.request.method} {response.request.url.path}")


def _outcome(exc: BaseException, result: PhaseResult, op: Op) -> str:
    if isinstance(exc, DevinError):
        return type(exc).__name__
    result.unhandled.append(
        f"op {op.index} {op.kind}: "
        + "".join(traceback.format_exception_only(type(exc), exc)).strip()
    )
    return f"UNHANDLED {type(exc).__name__}"


# ---- v3 -----------------------------------------------------------------------------------------


def _v3_create_options(op: Op, shared: Shared, result: PhaseResult) -> dict[str, Any]:
    result.v3_creates_requested += 1
    return {"title": shared.v3_title(op), "tags": ["soak"]}


def _v3_created(op: Op, session_id: str, shared: Shared, result: PhaseResult) -> None:
    shared.v3_sessions.append(session_id)
    result.v3_created_titles.append(shared.v3_title(op))


def _v3_sync(client: v3.Devin, shared: Shared, op: Op, result: PhaseResult) -> None:
    pick = shared.rng.choice
    if op.kind == "v3_create":
        options = _v3_create_options(op, shared, result)
        created = client.sessions.create(f"Soak v3 task {op.index}", **options)
        _v3_created(op, created.session_id, shared, result)
    elif op.kind == "v3_get":
        client.sessions.get(pick(shared.v3_sessions))
    elif op.kind == "v3_list":
        list(itertools.islice(client.sessions.list(tags=["soak"], page_size=20), 40))
    elif op.kind == "v3_message":
        client.sessions.messages.send(pick(shared.v3_sessions), f"soak v3 note {op.index}")
    elif op.kind == "v3_tags":
        client.sessions.tags.append(pick(shared.v3_sessions), ["soak", f"t{op.index % 5}"])


async def _v3_async(client: v3.AsyncDevin, shared: Shared, op: Op, result: PhaseResult) -> None:
    pick = shared.rng.choice
    if op.kind == "v3_create":
        options = _v3_create_options(op, shared, result)
        created = await client.sessions.create(f"Soak v3 task {op.index}", **options)
        _v3_created(op, created.session_id, shared, result)
    elif op.kind == "v3_get":
        await client.sessions.get(pick(shared.v3_sessions))
    elif op.kind == "v3_list":
        await _take(client.sessions.list(tags=["soak"], page_size=20), 40)
    elif op.kind == "v3_message":
        await client.sessions.messages.send(pick(shared.v3_sessions), f"soak v3 note {op.index}")
    elif op.kind == "v3_tags":
        await client.sessions.tags.append(pick(shared.v3_sessions), ["soak", f"t{op.index % 5}"])


# ---- sync phase --------------------------------------------------------------------------------


def _sync_op(client: Devin, client3: v3.Devin, shared: Shared, op: Op, result: PhaseResult) -> None:
    # shared.seed() made sure there is a session and an upload to act on from the start.
    if op.kind.startswith("v3_"):
        _v3_sync(client3, shared, op, result)
    elif op.kind == "create":
        created = client.sessions.create(idempotent=True, **shared.create_kwargs(op))
        _after_create(shared, op, created.session_id, result)
    elif op.kind == "get":
        client.sessions.get(shared.rng.choice(shared.sessions))
    elif op.kind == "list":
        list(itertools.islice(client.sessions.list(tags=["soak"], page_size=20), 40))
    elif op.kind == "message":
        client.sessions.send_message(shared.rng.choice(shared.sessions), f"soak note {op.index}")
    elif op.kind == "upload":
        url = client.attachments.upload(op.payload, filename=f"soak-{op.index}.bin")
        shared.uploads.append((url, hashlib.sha256(op.payload).hexdigest()))
    elif op.kind == "download":
        url, digest = shared.rng.choice(shared.uploads)
        _check_download(client.attachments.download(url), url, digest, result)


def _after_create(shared: Shared, op: Op, session_id: str, result: PhaseResult) -> None:
    origin = op.repeat_of if op.repeat_of is not None else op.index
    first = shared.created.setdefault(origin, session_id)
    if first != session_id:
        result.idempotency_violations.append(
            f"create {op.index} (same request as {origin}) answered {session_id}, not {first}"
        )
    if session_id not in shared.sessions:
        shared.sessions.append(session_id)


def _check_download(data: bytes, url: str, digest: str, result: PhaseResult) -> None:
    got = hashlib.sha256(data).hexdigest()
    if got != digest:
        result.sha_mismatches.append(f"{url}: {len(data)} bytes, sha256 {got[:12]}...")


def run_sync(base_url: str, api_key: str, config: SoakConfig, shared: Shared) -> PhaseResult:
    """Run the sync phase (the faults must already be on)."""
    result = PhaseResult("sync")
    ops = plan(config, "sync")

    def sleep(seconds: float) -> None:
        _count_retry()
        time.sleep(seconds * config.delay_scale)

    hooks = {"response": [lambda response: _check_response(result, response)]}
    http = httpx.Client(timeout=config.timeout, event_hooks=hooks)
    options: dict[str, Any] = {
        "base_url": base_url,
        "timeout": config.timeout,
        "max_retries": config.max_retries,
        "http_client": http,
        "sleep": sleep,
    }
    client = Devin(api_key, **options)
    client3 = v3.Devin(shared.v3_key, org_id=shared.org_id, **options)
    started = time.perf_counter()
    with http, client, client3:
        for op in ops:
            counter = [0]
            token = _retries.set(counter)
            try:
                _sync_op(client, client3, shared, op, result)
                outcome = "ok"
            except Exception as exc:  # classify; anything not a DevinError is a finding
                outcome = _outcome(exc, result, op)
            finally:
                _retries.reset(token)
            result.record(op.kind, outcome, counter[0])
    result.seconds = time.perf_counter() - started
    _count_creates(result, ops)
    return result


def _count_creates(result: PhaseResult, ops: list[Op]) -> None:
    creates = [op for op in ops if op.kind == "create"]
    result.creates_requested = len(creates)
    result.distinct_create_requests = sum(1 for op in creates if op.repeat_of is None)


# ---- async phase -------------------------------------------------------------------------------


async def _async_op(
    client: AsyncDevin, client3: v3.AsyncDevin, shared: Shared, op: Op, result: PhaseResult
) -> None:
    if op.kind.startswith("v3_"):
        await _v3_async(client3, shared, op, result)
    elif op.kind == "create":
        created = await client.sessions.create(idempotent=True, **shared.create_kwargs(op))
        _after_create(shared, op, created.session_id, result)
    elif op.kind == "get":
        await client.sessions.get(shared.rng.choice(shared.sessions))
    elif op.kind == "list":
        await _take(client.sessions.list(tags=["soak"], page_size=20), 40)
    elif op.kind == "message":
        session_id = shared.rng.choice(shared.sessions)
        await client.sessions.send_message(session_id, f"soak note {op.index}")
    elif op.kind == "upload":
        url = await client.attachments.upload(op.payload, filename=f"soak-{op.index}.bin")
        shared.uploads.append((url, hashlib.sha256(op.payload).hexdigest()))
    elif op.kind == "download":
        url, digest = shared.rng.choice(shared.uploads)
        _check_download(await client.attachments.download(url), url, digest, result)


async def _take(items: Any, limit: int) -> list[Any]:
    out: list[Any] = []
    async for item in items:
        out.append(item)
        if len(out) >= limit:
            break
    return out


def run_async(base_url: str, api_key: str, config: SoakConfig, shared: Shared) -> PhaseResult:
    """Run the async phase with ``config.concurrency`` operations in flight."""
    import anyio

    result = PhaseResult("async")
    ops = plan(config, "async")

    async def sleep(seconds: float) -> None:
        _count_retry()
        await anyio.sleep(seconds * config.delay_scale)

    async def on_response(response: httpx.Response) -> None:
        _check_response(result, response)

    async def one(
        client: AsyncDevin, client3: v3.AsyncDevin, op: Op, limiter: anyio.Semaphore
    ) -> None:
        async with limiter:
            counter = [0]
            _retries.set(counter)  # each task runs in its own copy of the context
            try:
                await _async_op(client, client3, shared, op, result)
                outcome = "ok"
            except Exception as exc:  # classify; anything not a DevinError is a finding
                outcome = _outcome(exc, result, op)
            result.record(op.kind, outcome, counter[0])

    async def main() -> None:
        limits = httpx.Limits(max_connections=config.concurrency + 8)
        async with (
            httpx.AsyncClient(
                timeout=config.timeout, limits=limits, event_hooks={"response": [on_response]}
            ) as http,
            AsyncDevin(
                api_key,
                base_url=base_url,
                timeout=config.timeout,
                max_retries=config.max_retries,
                http_client=http,
                sleep=sleep,
            ) as client,
            v3.AsyncDevin(
                shared.v3_key,
                org_id=shared.org_id,
                base_url=base_url,
                timeout=config.timeout,
                max_retries=config.max_retries,
                http_client=http,
                sleep=sleep,
            ) as client3,
        ):
            limiter = anyio.Semaphore(config.concurrency)
            async with anyio.create_task_group() as tg:
                for op in ops:
                    tg.start_soon(one, client, client3, op, limiter)

    started = time.perf_counter()
    anyio.run(main)
    result.seconds = time.perf_counter() - started
    _count_creates(result, ops)
    return result


# ---- admin endpoints ---------------------------------------------------------------------------


def fault_rates(total: float, kinds: int) -> list[float]:
    """Per-fault ``rate`` so that each of ``kinds`` chained faults hits ``total / kinds`` of
    the requests (the mock tries them in order; each sees only what the earlier ones let by).
    """
    share = total / kinds
    return [min(1.0, share / (1.0 - k * share)) for k in range(kinds)]


def switch_faults_on(admin: httpx.Client, config: SoakConfig) -> None:
    """Switch on the fault mix through ``POST /_mock/faults``."""
    rates = fault_rates(config.fault_rate, len(FAULT_KINDS))
    for kind, rate in zip(FAULT_KINDS, rates, strict=True):
        body: dict[str, Any] = {"kind": kind, "rate": round(rate, 6)}
        if kind in ("rate_limit", "unavailable"):
            body["retry_after"] = config.retry_after
        if kind == "slow":
            body["delay"] = config.slow_delay
        admin.post(f"{ADMIN}/faults", json=body).raise_for_status()


def fault_hits(admin: httpx.Client) -> dict[str, int]:
    """Hits of each active fault kind (``GET /_mock/faults``)."""
    response = admin.get(f"{ADMIN}/faults")
    response.raise_for_status()
    hits: Counter[str] = Counter()
    for fault in response.json():
        hits[fault["kind"]] += int(fault.get("hits", 0))
    return dict(hits)


def stored_titles(base_url: str, api_key: str) -> Counter[str]:
    """Titles of every session in the mock's store (listed with faults off)."""
    with Devin(api_key, base_url=base_url, max_retries=0) as client:
        return Counter(s.title or "" for s in client.sessions.list(page_size=100))


# ---- one whole run -----------------------------------------------------------------------------


def _phase(
    mock_url: str,
    api_key: str,
    config: SoakConfig,
    mode: str,
    run: Callable[..., PhaseResult],
    run_id: str,
) -> tuple[PhaseResult, dict[str, int], Counter[str], list[str]]:
    with httpx.Client(base_url=mock_url, timeout=10.0) as admin:
        admin.post(f"{ADMIN}/reset").raise_for_status()
        shared = Shared(mode, run_id)
        shared.seed(mock_url, api_key)
        switch_faults_on(admin, config)
        result = run(mock_url, api_key, config, shared)
        hits = fault_hits(admin)
        # Handler crashes the mock itself counted (answered 500 with a JSON body).
        stats = admin.get(f"{ADMIN}/stats")
        stats.raise_for_status()
        result.mock_unplanned_errors = int(stats.json()["unplanned_errors"])
        admin.delete(f"{ADMIN}/faults").raise_for_status()
    # A slow fault answers after the client gave up: let those requests land before counting.
    time.sleep(config.slow_delay + 0.2)
    titles = stored_titles(mock_url, api_key)
    with httpx.Client(base_url=mock_url, timeout=10.0) as admin:
        response = admin.get(f"{ADMIN}/issues?kind=response")  # responses that broke the spec
        issues = response.json() if response.status_code == 200 else [f"{response.status_code}"]
    return result, hits, titles, issues


def check_phase(
    result: PhaseResult,
    hits: dict[str, int],
    titles: Counter[str],
    issues: list[str],
    run_id: str,
) -> dict[str, Any]:
    """The invariants of one phase: name -> {"ok": bool, ...details}."""
    prefix = f"soak-{run_id}-{result.mode}-"
    ours = {t: n for t, n in titles.items() if t.startswith(prefix)}
    duplicates = {t: n for t, n in ours.items() if n > 1}
    sessions = sum(ours.values())
    seen_500 = result.status_counts.get("500", 0)
    v3_prefix = f"soak3-{run_id}-{result.mode}-"
    v3_ours = {t: n for t, n in titles.items() if t.startswith(v3_prefix)}
    v3_duplicates = {t: n for t, n in v3_ours.items() if n > 1}
    not_in_v1 = [t for t in result.v3_created_titles if t not in titles]
    return {
        "v3_creates_never_duplicated": {
            "ok": not v3_duplicates and sum(v3_ours.values()) <= result.v3_creates_requested,
            "v3_creates_requested": result.v3_creates_requested,
            "v3_sessions_in_store": sum(v3_ours.values()),
            "duplicated_titles": v3_duplicates,
        },
        "v3_sessions_listed_through_v1": {
            "ok": not not_in_v1,
            "v3_creates_answered": len(result.v3_created_titles),
            "missing_in_v1": not_in_v1[:20],
        },
        "typed_errors_only": {"ok": not result.unhandled, "unhandled": result.unhandled},
        "no_duplicate_sessions": {
            "ok": not duplicates
            and sessions <= result.distinct_create_requests
            and not result.idempotency_violations,
            "creates_requested": result.creates_requested,
            "distinct_create_requests": result.distinct_create_requests,
            "sessions_in_store": sessions,
            "duplicated_titles": duplicates,
            "idempotency_violations": result.idempotency_violations,
        },
        "downloads_match_uploads": {"ok": not result.sha_mismatches, "bad": result.sha_mismatches},
        "no_unplanned_500": {
            "ok": not result.unplanned_500
            and seen_500 <= hits.get("server_error", 0)
            and result.mock_unplanned_errors == 0,
            "mock_unplanned_errors": result.mock_unplanned_errors,
            "non_json_500s": result.unplanned_500,
            "500s_seen": seen_500,
            "server_error_fault_hits": hits.get("server_error", 0),
        },
        "mock_responses_match_spec": {"ok": not issues, "issues": issues[:20]},
    }


def run_soak(
    mock_url: str, api_key: str, config: SoakConfig, *, mock_log: Callable[[], str] | None = None
) -> dict[str, Any]:
    """Run both phases against a mock already serving at ``mock_url``.

    Args:
        mock_url: The mock's base URL (its admin endpoints are used).
        api_key: A key the mock accepts.
        config: The knobs.
        mock_log: Returns the mock's log so far (checked for crash tracebacks).

    Returns:
        The report: config, per-phase counts, fault hits, invariants and ``ok``.
    """
    run_id = f"{config.seed}"
    phases: dict[str, Any] = {}
    invariants: dict[str, Any] = {}
    for mode, run in (("sync", run_sync), ("async", run_async)):
        result, hits, titles, issues = _phase(mock_url, api_key, config, mode, run, run_id)
        phases[mode] = {**result.summary(), "fault_hits": hits}
        invariants[mode] = check_phase(result, hits, titles, issues, run_id)
    crash_lines: list[str] = []
    if mock_log is not None:
        crash_lines = [
            line for line in mock_log().splitlines() if any(m in line for m in CRASH_MARKERS)
        ]
    invariants["mock_log_has_no_crash"] = {"ok": not crash_lines, "lines": crash_lines[:20]}
    ok = all(
        check["ok"]
        for key, value in invariants.items()
        for check in (value.values() if key in ("sync", "async") else [value])
    )
    return {
        "ok": ok,
        "config": asdict(config),
        "phases": phases,
        "invariants": invariants,
        "versions": {
            "python": platform.python_version(),
            "httpx": httpx.__version__,
            "devin_client": devin_client.__version__,
        },
    }


def print_report(report: dict[str, Any]) -> None:
    """Print the counts a person reads."""
    config = report["config"]
    print(
        f"soak: {config['ops']} ops per phase, {config['fault_rate']:.0%} faults, "
        f"timeout {config['timeout']} s, {config['concurrency']} in flight (async)"
    )
    for mode, phase in report["phases"].items():
        print(
            f"  {mode:5}: {phase['succeeded']} succeeded, {phase['failed']} failed, "
            f"{phase['ops_retried']} ops retried ({phase['retries']} retries), "
            f"{phase['http_requests']} HTTP requests in {phase['seconds']} s "
            f"({phase['ops_per_second']} ops/s)"
        )
        if phase["failed_by_type"]:
            failed = ", ".join(f"{k} {v}" for k, v in phase["failed_by_type"].items())
            print(f"         failed by type: {failed}")
        hits = ", ".join(f"{k} {v}" for k, v in sorted(phase["fault_hits"].items()))
        print(f"         faults injected: {hits}")
    for name, check in _flat_invariants(report["invariants"]):
        print(f"  {'ok  ' if check['ok'] else 'FAIL'} {name}")
        if not check["ok"]:
            print("       " + json.dumps({k: v for k, v in check.items() if k != "ok"})[:2000])
    print("soak: " + ("all invariants hold" if report["ok"] else "INVARIANTS BROKEN"))


def _flat_invariants(invariants: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for key, value in invariants.items():
        if key in ("sync", "async"):
            for name, check in value.items():
                yield f"{key}: {name}", check
        else:
            yield key, value


def _exit_on_signal(signum: int, _frame: Any) -> None:
    # SIGTERM/SIGHUP (a cancelled CI job) become an ordinary exit, so the mock is stopped.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Start the mock, run the soak, print and write the report; 0 when every invariant holds."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _exit_on_signal)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = SoakConfig()
    parser.add_argument("--ops", type=int, default=defaults.ops, help="operations per phase")
    parser.add_argument("--concurrency", type=int, default=defaults.concurrency)
    parser.add_argument("--fault-rate", type=float, default=defaults.fault_rate)
    parser.add_argument("--timeout", type=float, default=defaults.timeout)
    parser.add_argument("--delay-scale", type=float, default=defaults.delay_scale)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument(
        "--json", type=Path, default=ROOT / "bench" / "results" / "soak.json", help="report file"
    )
    args = parser.parse_args(argv)
    config = SoakConfig(
        ops=args.ops,
        concurrency=args.concurrency,
        fault_rate=args.fault_rate,
        timeout=args.timeout,
        delay_scale=args.delay_scale,
        seed=args.seed,
    )
    from devin_client.testing import DEFAULT_API_KEY

    with running_mock() as mock:
        print(f"soak: devin-mock pid {mock.pid} on {mock.base_url}", flush=True)
        report = run_soak(mock.base_url, DEFAULT_API_KEY, config, mock_log=mock.output)
    print_report(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"soak: wrote {args.json}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
