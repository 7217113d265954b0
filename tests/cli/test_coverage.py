"""Every operation of every shipped spec is reached by some ``devin`` command, unless
``devin_client/cli/_coverage.py`` lists it as deliberately CLI-less, with its reason.

Proven by behaviour: a tour of command lines (``_tour.py``) runs against the served mock, and
the command's client (given through its client factory) records the operation of each request
it sends. The operations to reach come from each API's spec, never from a count typed here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from devin_client.cli._coverage import CLI_LESS, NOT_YET_COVERED

from ._tour import (
    TOUR_KEYS,
    TOURS,
    load_spec,
    routes,
    shipped_apis,
    spec_operations,
    spec_path,
    tourist,
)

COVERAGE_FILE = "devin_client/cli/_coverage.py"


def coverage_problems(
    api: str, operations: set[str], reached: set[str], cli_less: Mapping[str, str]
) -> list[str]:
    """What is wrong with the CLI's coverage of ``api``: each operation no command reaches
    and not listed as CLI-less, and each CLI-less entry that is stale or has no reason."""
    problems = [
        f"{api}: {op} is reached by no `devin` command: add a command (and a step to the "
        f"tour in tests/cli/_tour.py), or list it in {COVERAGE_FILE} with the reason it has none"
        for op in sorted(operations - reached - cli_less.keys())
    ]
    problems += [
        f"{api}: {op} is listed as CLI-less in {COVERAGE_FILE} but the spec has no such "
        "operation: remove the line"
        for op in sorted(cli_less.keys() - operations)
    ]
    problems += [
        f"{api}: {op} is listed as CLI-less in {COVERAGE_FILE} but a `devin` command reaches "
        "it: remove the line"
        for op in sorted(cli_less.keys() & reached)
    ]
    problems += [
        f"{api}: {op} is listed as CLI-less in {COVERAGE_FILE} without a reason"
        for op, reason in sorted(cli_less.items())
        if not reason.strip()
    ]
    return problems


def assert_covered(api: str, spec_file: Path, reached: set[str]) -> None:
    """The guard: fails naming every problem :func:`coverage_problems` finds."""
    operations = spec_operations(load_spec(spec_file))
    assert operations, f"{api}: no operations in {spec_file}"
    problems = coverage_problems(api, operations, reached, CLI_LESS.get(api, {}))
    if problems:
        raise AssertionError("\n".join(problems))


def _api_params() -> list[Any]:
    return [
        pytest.param(
            name,
            marks=pytest.mark.xfail(reason=NOT_YET_COVERED[name], strict=True)
            if name in NOT_YET_COVERED
            else (),
        )
        for name in sorted(shipped_apis())
    ]


@pytest.fixture
def v1_reached(devin_mock: Any, tmp_path: Path) -> set[str]:
    """The operations the v1 tour reaches."""
    with tourist("devin_api", devin_mock.base_url, devin_mock.api_key, tmp_path) as t:
        t.tour(TOURS["devin-v1"])
        return set(t.transport.reached)


@pytest.mark.parametrize("api", _api_params())
def test_every_operation_is_reached_by_a_command_or_listed_as_cli_less(
    api: str, devin_mock: Any, tmp_path: Path
) -> None:
    package = shipped_apis()[api]
    key = getattr(devin_mock, TOUR_KEYS.get(api, "api_key"))
    with tourist(package, devin_mock.base_url, key, tmp_path) as t:
        t.tour(TOURS.get(api, ()))
    assert_covered(api, spec_path(package), t.transport.reached)


def test_every_shipped_api_is_toured_or_marked_not_yet_covered() -> None:
    apis = set(shipped_apis())
    assert apis, "openapi/apis.yaml lists no API"
    unplanned = apis - TOURS.keys() - NOT_YET_COVERED.keys()
    assert not unplanned, (
        f"{sorted(unplanned)}: add a tour to tests/cli/_tour.py, or mark the API as not yet "
        f"covered in {COVERAGE_FILE}"
    )
    both = TOURS.keys() & NOT_YET_COVERED.keys()
    assert not both, f"{sorted(both)}: toured, so remove it from NOT_YET_COVERED"
    stale = (TOURS.keys() | NOT_YET_COVERED.keys() | CLI_LESS.keys()) - apis
    assert not stale, f"{sorted(stale)}: not in openapi/apis.yaml"


def test_the_operations_to_reach_are_the_specs_and_the_generated_facts_agree() -> None:
    # The tour maps requests to operations through the generated OPERATION facts: a spec
    # operation without one could never count as reached, and the guard would name it.
    for api, package in shipped_apis().items():
        operations = spec_operations(load_spec(spec_path(package)))
        assert {r.key for r in routes(package)} == operations, api


def test_an_operation_added_to_a_copy_of_the_spec_fails_naming_it(
    v1_reached: set[str], tmp_path: Path
) -> None:
    assert_covered("devin-v1", spec_path("devin_api"), v1_reached)  # the real spec passes

    spec = load_spec(spec_path("devin_api"))
    spec["paths"]["/v1/sessions/{session_id}/archive"] = {
        "post": {
            "operationId": "archive_session_v1_sessions__session_id__archive_post",
            "responses": {"200": {"description": "Archived"}},
        }
    }
    spec["paths"]["/v1/secrets"]["put"] = {
        "operationId": "replace_secrets_v1_secrets_put",
        "responses": {"200": {"description": "Replaced"}},
    }
    copy = tmp_path / "openapi.json"
    copy.write_text(json.dumps(spec), encoding="utf-8")

    with pytest.raises(AssertionError) as failed:
        assert_covered("devin-v1", copy, v1_reached)
    lines = str(failed.value).splitlines()
    assert lines[0] == (
        "devin-v1: POST /v1/sessions/{session_id}/archive is reached by no `devin` command: "
        "add a command (and a step to the tour in tests/cli/_tour.py), or list it in "
        f"{COVERAGE_FILE} with the reason it has none"
    )
    assert lines[1].startswith("devin-v1: PUT /v1/secrets is reached by no `devin` command")
    assert len(lines) == 2, lines  # nothing else is blamed


def test_operations_listed_as_cli_less_with_a_reason_are_accepted() -> None:
    operations = {"GET /v1/things", "POST /v1/things", "DELETE /v1/things/{thing_id}"}
    reached = {"GET /v1/things"}
    listed = {
        "POST /v1/things": "made by the web app only",
        "DELETE /v1/things/{thing_id}": "too dangerous for a shell",
    }
    assert coverage_problems("api", operations, reached, listed) == []
    assert coverage_problems("api", operations, reached, {})[0].startswith(
        "api: DELETE /v1/things/{thing_id} is reached by no `devin` command"
    )


def test_stale_or_unexplained_cli_less_entries_fail() -> None:
    operations = {"GET /v1/things", "POST /v1/things"}
    listed = {"GET /v1/nowhere": "gone", "GET /v1/things": "but a command reaches it"}
    problems = coverage_problems("api", operations, operations, listed)
    assert problems == [
        f"api: GET /v1/nowhere is listed as CLI-less in {COVERAGE_FILE} but the spec has no "
        "such operation: remove the line",
        f"api: GET /v1/things is listed as CLI-less in {COVERAGE_FILE} but a `devin` command "
        "reaches it: remove the line",
    ]
    problems = coverage_problems("api", operations, {"GET /v1/things"}, {"POST /v1/things": " "})
    assert problems == [
        f"api: POST /v1/things is listed as CLI-less in {COVERAGE_FILE} without a reason"
    ]
