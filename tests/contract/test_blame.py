"""A failure of the contract suite names the operation at fault, and only that one.

One handler is deliberately broken (it answers a body the spec forbids). The suite's per-case
check clears what the mock recorded before each case, so the broken operation's cases fail,
naming it, and the cases of the operations run after it pass. The same run with a check that
does not clear (what the suite did before) blames the innocent operations too: that contrast is
what this test proves the clearing for.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from devin_client.testing import DevinMock
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import Case
from starlette.responses import JSONResponse

from .conftest import check_case, make_schema

BROKEN = ("GET", "/v1/secrets")
INNOCENT = [("GET", "/v1/knowledge"), ("GET", "/v1/playbooks"), ("POST", "/v1/sessions")]
Check = Callable[[DevinMock, Case], None]


def _broken_mock() -> DevinMock:
    mock = DevinMock(validate_responses=True)

    def broken(_call: object) -> Any:
        return JSONResponse([{"id": 1}])  # ids are strings; type, key and created_at missing

    mock.app.endpoints[" ".join(BROKEN)].handler = broken
    return mock


def _failures(check: Check) -> dict[str, list[str]]:
    """Run a few cases of each operation, broken one first: failure messages per operation."""
    mock = _broken_mock()
    schema = make_schema(mock.app, max_examples=3)
    failures: dict[str, list[str]] = {}
    for method, path in [BROKEN, *INNOCENT]:
        failures.update(_run(mock, schema[path][method], check, f"{method} {path}"))
    return failures


def _run(mock: DevinMock, operation: Any, check: Check, label: str) -> dict[str, list[str]]:
    failures: dict[str, list[str]] = {}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=3,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Case) -> None:
        try:
            check(mock, case)
        except Exception as exc:  # an assertion, schemathesis' failures, the mock's error
            failures.setdefault(label, []).append(str(exc))

    run()
    return failures


def _without_clearing(mock: DevinMock, case: Case) -> None:
    # The suite's check before records were cleared between cases.
    with contextlib.suppress(AssertionError):  # the broken case's own failure: not the point
        case.call_and_validate()
    assert not mock.response_issues, [str(i) for i in mock.response_issues]


def test_a_broken_handler_fails_its_own_cases_only_and_they_name_it() -> None:
    failures = _failures(check_case)
    assert set(failures) == {" ".join(BROKEN)}
    for message in failures[" ".join(BROKEN)]:
        assert "list_secrets_v1_secrets_get" in message, message


def test_without_clearing_innocent_operations_are_blamed() -> None:
    failures = _failures(_without_clearing)
    assert {" ".join(op) for op in INNOCENT} <= set(failures)
