"""A short fault soak inside ``make test``: ``scripts/soak.py`` with 100 ops sync + 100 async.

The full run (1,000 ops per phase) is ``make soak``. Both start a real ``devin-mock`` process on
a free loopback port and switch 30 % faults on through its admin endpoints.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "soak.py"


def _load_soak() -> ModuleType:
    spec = importlib.util.spec_from_file_location("devin_soak_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


soak = _load_soak()


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    from devin_client.testing import DEFAULT_API_KEY

    config = soak.SoakConfig(ops=100, concurrency=64, seed=11)
    with soak.running_mock() as mock:
        return dict(soak.run_soak(mock.base_url, DEFAULT_API_KEY, config, mock_log=mock.output))


PHASES = ["sync", "async"]


def _check(report: dict[str, Any], phase: str, name: str) -> None:
    check = report["invariants"][phase][name]
    assert check["ok"], json.dumps(check, indent=2)


@pytest.mark.parametrize("phase", PHASES)
def test_every_operation_succeeds_or_raises_a_typed_error(
    report: dict[str, Any], phase: str
) -> None:
    _check(report, phase, "typed_errors_only")
    counts = report["phases"][phase]
    assert counts["succeeded"] + counts["failed"] == counts["ops"] == 100
    assert all(not name.startswith("UNHANDLED") for name in counts["failed_by_type"])


@pytest.mark.parametrize("phase", PHASES)
def test_no_duplicate_sessions(report: dict[str, Any], phase: str) -> None:
    _check(report, phase, "no_duplicate_sessions")


@pytest.mark.parametrize("phase", PHASES)
def test_downloads_equal_uploads(report: dict[str, Any], phase: str) -> None:
    _check(report, phase, "downloads_match_uploads")
    assert report["phases"][phase]["by_operation"]["download"].get("ok", 0) > 0


@pytest.mark.parametrize("phase", PHASES)
def test_the_mock_never_answers_500_of_its_own_accord(report: dict[str, Any], phase: str) -> None:
    _check(report, phase, "no_unplanned_500")


def test_the_mock_log_shows_no_crash(report: dict[str, Any]) -> None:
    check = report["invariants"]["mock_log_has_no_crash"]
    assert check["ok"], "\n".join(check["lines"])


@pytest.mark.parametrize("phase", PHASES)
def test_the_faults_really_fired_and_were_retried(report: dict[str, Any], phase: str) -> None:
    # A soak whose faults never fire proves nothing: every kind must have hit, and the client
    # must have retried some requests.
    counts = report["phases"][phase]
    hits = counts["fault_hits"]
    assert set(hits) == set(soak.FAULT_KINDS)
    # About 30 % of ~135 requests; with so few, a rare kind may by chance not fire at all.
    assert sum(hits.values()) >= 0.15 * counts["http_requests"], hits
    assert sum(1 for n in hits.values() if n > 0) >= 6, hits
    assert counts["retries"] > 0
    assert counts["ops_retried"] > 0


@pytest.mark.parametrize("phase", PHASES)
def test_every_mock_answer_matches_the_spec(report: dict[str, Any], phase: str) -> None:
    _check(report, phase, "mock_responses_match_spec")


# -- the soak's own checks can fail (so a green soak means something) ---------------------------


def _clean_phase() -> Any:
    result = soak.PhaseResult("sync")
    result.distinct_create_requests = 3
    return result


def _verdicts(result: Any, hits: dict[str, int], titles: dict[str, int]) -> dict[str, bool]:
    from collections import Counter

    checks = soak.check_phase(result, hits, Counter(titles), [], "r")
    return {name: check["ok"] for name, check in checks.items()}


def test_a_clean_phase_passes_every_check() -> None:
    verdicts = _verdicts(_clean_phase(), {"server_error": 1}, {"soak-r-sync-1": 1})
    assert all(verdicts.values()), verdicts


def test_a_duplicate_session_is_caught() -> None:
    verdicts = _verdicts(_clean_phase(), {}, {"soak-r-sync-1": 2})
    assert verdicts["no_duplicate_sessions"] is False


def test_more_sessions_than_distinct_creates_is_caught() -> None:
    titles = {f"soak-r-sync-{i}": 1 for i in range(4)}
    assert _verdicts(_clean_phase(), {}, titles)["no_duplicate_sessions"] is False


def test_an_unplanned_500_is_caught() -> None:
    import httpx

    result = _clean_phase()
    request = httpx.Request("GET", "http://127.0.0.1/v1/sessions/x")
    crash = httpx.Response(500, text="Internal Server Error", request=request)
    soak._check_response(result, crash)
    assert result.unplanned_500 == ["GET /v1/sessions/x"]
    assert _verdicts(result, {"server_error": 5}, {})["no_unplanned_500"] is False


def test_more_500s_than_injected_is_caught() -> None:
    import httpx

    result = _clean_phase()
    request = httpx.Request("GET", "http://127.0.0.1/v1/sessions/x")
    for _ in range(2):
        planned = httpx.Response(500, json={"detail": "Internal Server Error"}, request=request)
        soak._check_response(result, planned)
    assert result.unplanned_500 == []
    assert _verdicts(result, {"server_error": 1}, {})["no_unplanned_500"] is False


def test_a_non_devin_exception_is_counted_as_unhandled() -> None:
    result = _clean_phase()
    op = soak.Op(7, "get")
    assert soak._outcome(KeyError("boom"), result, op) == "UNHANDLED KeyError"
    assert _verdicts(result, {}, {})["typed_errors_only"] is False


def test_a_corrupted_download_is_caught() -> None:
    import hashlib

    result = _clean_phase()
    soak._check_download(b"other bytes", "u", hashlib.sha256(b"uploaded").hexdigest(), result)
    assert _verdicts(result, {}, {})["downloads_match_uploads"] is False


def test_the_fault_rates_add_up_to_the_total() -> None:
    rates = soak.fault_rates(0.3, 8)
    let_through = 1.0
    hit = []
    for rate in rates:
        hit.append(let_through * rate)
        let_through *= 1 - rate
    assert sum(hit) == pytest.approx(0.3)
    assert max(hit) == pytest.approx(min(hit))


# -- v3 in the soak -------------------------------------------------------------------------------


@pytest.mark.parametrize("phase", PHASES)
def test_v3_operations_ran_beside_v1(report: dict[str, Any], phase: str) -> None:
    by_operation = report["phases"][phase]["by_operation"]
    v3_kinds = [k for k in soak.OP_WEIGHTS if k.startswith("v3_")]
    assert sum(by_operation.get(k, {}).get("ok", 0) for k in v3_kinds) > 0, by_operation
    for failure in report["phases"][phase]["failed_by_type"]:
        assert not failure.startswith("UNHANDLED"), failure


@pytest.mark.parametrize("phase", PHASES)
def test_v3_creates_are_never_duplicated(report: dict[str, Any], phase: str) -> None:
    _check(report, phase, "v3_creates_never_duplicated")


@pytest.mark.parametrize("phase", PHASES)
def test_v3_sessions_are_listed_through_v1(report: dict[str, Any], phase: str) -> None:
    _check(report, phase, "v3_sessions_listed_through_v1")
    assert report["invariants"][phase]["v3_sessions_listed_through_v1"]["v3_creates_answered"] > 0


def _v3_verdicts(result: Any, titles: dict[str, int]) -> dict[str, bool]:
    from collections import Counter

    checks = soak.check_phase(result, {}, Counter(titles), [], "r")
    return {name: check["ok"] for name, check in checks.items()}


def test_a_duplicated_v3_create_is_caught() -> None:
    result = _clean_phase()
    result.v3_creates_requested = 2
    assert all(_v3_verdicts(result, {"soak3-r-sync-1": 1}).values())
    assert not _v3_verdicts(result, {"soak3-r-sync-1": 2})["v3_creates_never_duplicated"]
    titles = {f"soak3-r-sync-{i}": 1 for i in range(3)}  # more sessions than creates
    assert not _v3_verdicts(result, titles)["v3_creates_never_duplicated"]


def test_a_v3_session_missing_from_v1_is_caught() -> None:
    result = _clean_phase()
    result.v3_creates_requested = 1
    result.v3_created_titles = ["soak3-r-sync-4"]
    assert not _v3_verdicts(result, {})["v3_sessions_listed_through_v1"]
