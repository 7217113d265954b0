"""Tests of the tests: switch on one fault, or break one handler, and prove the contract suite's
checks catch it. A control run on the intact mock proves the harness itself is quiet.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from devin_client.testing import DevinMock
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import Case, GenerationMode
from schemathesis.core.failures import (
    AcceptedNegativeData,
    FailureGroup,
    MalformedJson,
    ResponseTimeExceeded,
    ServerError,
)
from schemathesis.openapi.checks import (
    IgnoredAuth,
    JsonSchemaError,
    RejectedPositiveData,
    UndefinedStatusCode,
)
from starlette.responses import JSONResponse, Response

from .conftest import make_schema

CREATE = "create_session_endpoint_v1_sessions_post"

Breakage = Callable[[DevinMock], None]


def run_suite(
    mock: DevinMock,
    path: str,
    method: str,
    *,
    mode: GenerationMode = GenerationMode.POSITIVE,
    examples: int = 15,
    extra: dict[str, Any] | None = None,
) -> list[BaseException]:
    """Run the suite's checks on one operation; return what they found (nothing = green)."""
    schema = make_schema(mock.app, max_examples=examples, extra=extra)
    found: list[BaseException] = []

    @given(case=schema[path][method].as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Case) -> None:
        try:
            case.call_and_validate()
        except FailureGroup as group:
            found.extend(group.exceptions)
        except Exception as exc:  # a crash in the app or transport is a finding too
            found.append(exc)

    check()
    return found


def _fault(kind: str, **options: Any) -> Breakage:
    def apply(mock: DevinMock) -> None:
        mock.faults.add(kind, operation=CREATE, **options)  # type: ignore[arg-type]

    return apply


def _handler(operation: str, response: Callable[[], Response]) -> Breakage:
    def apply(mock: DevinMock) -> None:
        async def broken(_call: object) -> Response:
            return response()

        mock.app.endpoints[operation].handler = broken

    return apply


def _accept_any_body(mock: DevinMock) -> None:
    class Lenient:
        def is_valid(self, _instance: object) -> bool:
            return True

        def iter_errors(self, _instance: object) -> list[object]:
            return []

    # Mocks share one spec: this mock's endpoint gets a changed copy of the operation.
    endpoint = mock.app.endpoints["POST /v1/sessions"]
    endpoint.operation = dataclasses.replace(endpoint.operation, body_validator=Lenient())


def _accept_any_key(mock: DevinMock) -> None:
    class AnyKey(dict[str, str]):
        def get(self, key: str, default: Any = None) -> str:  # type: ignore[override]
            return "org-devin-mock"

    mock.keys = AnyKey(mock.keys)


CASES: list[tuple[str, Breakage, type[BaseException] | tuple[type[BaseException], ...], str]] = [
    ("rate_limit fault", _fault("rate_limit"), UndefinedStatusCode, "positive"),
    ("server_error fault", _fault("server_error"), ServerError, "positive"),
    ("bad_gateway fault", _fault("bad_gateway"), ServerError, "positive"),
    ("unavailable fault", _fault("unavailable"), ServerError, "positive"),
    ("html_error fault", _fault("html_error"), ServerError, "positive"),
    (
        "truncated_json fault",
        _fault("truncated_json"),
        (MalformedJson, JsonSchemaError),
        "positive",
    ),
    ("drop fault", _fault("drop"), httpx.RemoteProtocolError, "positive"),
    ("slow fault", _fault("slow", delay=0.3, count=2), ResponseTimeExceeded, "slow"),
    ("handler skips validation", _accept_any_body, AcceptedNegativeData, "negative"),
    ("handler ignores auth", _accept_any_key, IgnoredAuth, "positive"),
    (
        "handler drops a required field",
        _handler(
            "POST /v1/sessions", lambda: JSONResponse({"url": "https://app.devin.ai/sessions/x"})
        ),
        JsonSchemaError,
        "positive",
    ),
    (
        "handler answers an undocumented status",
        _handler("POST /v1/secrets", lambda: JSONResponse({"id": "secret-1"}, status_code=200)),
        UndefinedStatusCode,
        "secret",
    ),
    (
        "handler rejects valid data",
        _handler("POST /v1/sessions", lambda: JSONResponse({"detail": []}, status_code=422)),
        RejectedPositiveData,
        "positive",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "expected", "how"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_the_suite_catches(
    breakage: Breakage, expected: type[BaseException] | tuple[type[BaseException], ...], how: str
) -> None:
    mock = DevinMock()  # no self-validation: the suite alone must notice
    breakage(mock)
    path, method, mode, extra, examples = "/v1/sessions", "POST", GenerationMode.POSITIVE, None, 15
    if how == "negative":
        # Negative cases would mostly negate the Authorization header (401): keep the suite's
        # key so that they negate the body, which is what this breakage lets through.
        mode, examples = GenerationMode.NEGATIVE, 60
        extra = {"generation": {"with-security-parameters": False}}
    elif how == "secret":
        path = "/v1/secrets"
    elif how == "slow":
        extra, examples = {"checks": {"max_response_time": 0.2}}, 3
    found = run_suite(mock, path, method, mode=mode, examples=examples, extra=extra)
    assert any(isinstance(f, expected) for f in found), found


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_control_the_intact_mock_passes_the_same_harness(mode: GenerationMode) -> None:
    for path, method in [("/v1/sessions", "POST"), ("/v1/secrets", "POST")]:
        assert run_suite(DevinMock(), path, method, mode=mode) == []
