"""MindCraft's contract suite: schemathesis over the merged mindcraft spec against the worked
example's mock (examples/mindcraft/mindcraft_mock), in-process: every default check, zero
failures; a sentinel that the configured key is accepted; and the vendor page's own curl
example, run against a served mock.

One hook, because JSON Schema cannot say one of the page's limits: ``config_data`` is at most 100
characters "long", its JSON form (``x-max-json-length`` in the spec, checked by the mock). A
positive case whose ``config_data`` is longer is not valid data, so ``valid_by_the_page`` drops
it instead of letting positive_data_acceptance call the mock's 422 a failure. Negative cases
are untouched: a longer ``config_data`` there is one more reason for the 422 they expect.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from devin_client.testing._kernel.plugin import record_problems
from hypothesis import HealthCheck, given, settings
from schemathesis import Case
from schemathesis.config import SchemathesisConfig

from examples.mindcraft.mindcraft_mock import DEFAULT_KEY, MindCraftMock, json_length, rules

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_README = ROOT / "examples" / "mindcraft" / "README.md"
# One operation: 60 examples cover the explicit example, boundaries and fuzzing, positive and
# negative, in ~3 s on 2 cores.
MAX_EXAMPLES = 60
SEED = 20261122
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def _spec() -> dict[str, Any]:
    text = resources.files("mindcraft_api").joinpath("openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def valid_by_the_page(context: Any, case: Case) -> bool:
    """Keep a case unless it is meant to be valid and breaks an ``x-max-json-length``."""
    meta = case.meta
    if meta is not None and meta.generation.mode.is_negative:
        return True
    body = case.body if isinstance(case.body, dict) else {}
    limits = rules().json_limits
    return all(json_length(body[name]) <= limit for name, limit in limits.items() if name in body)


MOCK = MindCraftMock(validate_responses=True)
CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "auth": {"openapi": {"bearerAuth": {"bearer": DEFAULT_KEY}}},
        "generation": {"max-examples": MAX_EXAMPLES},
        # A wrong test key turns the whole run into 401s, which would otherwise pass green.
        "warnings": {"fail-on": ["missing_auth"]},
        # Only fake keys are used, and sanitization masks every field named *session* (all of
        # this API's), which makes the reproductions useless.
        "output": {"sanitization": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_dict(_spec(), config=CONFIG)
schema.hook("filter_case")(valid_by_the_page)
schema.app = MOCK.app


@schema.parametrize()
def test_mock_conforms_to_the_spec(case: Case) -> None:
    MOCK.records.clear()  # so a failure is this case's own
    case.call_and_validate()
    problems = record_problems(MOCK.records)
    assert not problems, "\n".join(problems)


def test_the_one_documented_operation_is_covered() -> None:
    assert [op.ok().label for op in schema.get_all_operations()] == ["POST /v1/session/"]


create = schema["/v1/session/"]["POST"]


@given(case=create.as_strategy())
@settings(max_examples=5, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_sentinel_the_configured_key_is_accepted(case: Case) -> None:
    # Sent exactly as the suite sends it: an all-401 run fails here instead of passing green.
    response = case.call()
    assert response.request.headers["Authorization"] == f"Bearer {DEFAULT_KEY}"
    assert response.status_code == 201, response.text
    assert response.json()["data"]["api_id"] == 1


def test_a_long_config_data_is_not_valid_data() -> None:
    # The hook's own test: a positive case past the limit is dropped, one within it kept.
    within = create.Case(body={"model": "m", "config_data": {"k": "x" * 92}})
    past = create.Case(body={"model": "m", "config_data": {"k": "x" * 93}})
    assert valid_by_the_page(None, within)
    assert not valid_by_the_page(None, past)


# ---- the page's curl example, against a served mock ------------------------------------------


def _seed() -> Path:
    """The vendor's page, as kept beside the spec written from it (PROVENANCE.md)."""
    return ROOT / "openapi" / "mindcraft" / "source-page.txt"


def _curl_command(text: str) -> list[str]:
    """The first ``curl ... --data-raw '{...}'`` command in ``text``, as arguments (a line
    starting ``curl`` or ``$ curl``)."""
    found = re.search(r"^(?:\$ )?(curl )", text, re.MULTILINE)
    assert found is not None, "no curl command"
    start = found.start(1)
    end = text.index("}'", start) + len("}'")
    return shlex.split(text[start:end].replace("\\\n", " "))


def _aimed_at(command: list[str], base_url: str, key: str) -> list[str]:
    """``command`` with its URL's origin replaced by ``base_url`` and ``key`` filled in."""
    url = re.compile(r"^https?://[^/]+(?=/)")
    bearer = re.compile(r"^(Authorization: Bearer)\b.*$", re.IGNORECASE)
    return [bearer.sub(rf"\1 {key}", url.sub(base_url, arg)) for arg in command]


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    mock = MindCraftMock()
    with mock.serve() as server:
        yield server.base_url


def _run(command: list[str]) -> tuple[int, Any]:
    curl = shutil.which("curl")
    assert command[0] == "curl"
    assert curl is not None
    extra = ["--silent", "--show-error", "--max-time", "30", "--write-out", "\n%{http_code}"]
    result = subprocess.run(
        [curl, *command[1:], *extra], capture_output=True, text=True, timeout=60, check=True
    )
    body, _, status = result.stdout.rpartition("\n")
    return int(status), json.loads(body)


def _assert_the_pages_session(status: int, answer: Any) -> None:
    assert status == 201, answer
    assert (answer["message"], answer["status"]) == ("", 201)
    data = answer["data"]
    assert (data["session_name"], data["device_id"], data["api_id"]) == ("test", None, 1)
    assert data["session_remark"] == '{"created_user":"lery","created_user_id":123}'
    config = data["session_config"]
    assert (config["model"], config["history_length"], config["data"]) == ("deepseek-chat", 8, {})
    assert TIMESTAMP.match(data["created_at"])
    assert data["updated_at"] == data["created_at"]


def test_the_pages_curl_example_creates_a_session(served: str) -> None:
    seed = _seed()
    command = _aimed_at(_curl_command(seed.read_text(encoding="utf-8")), served, DEFAULT_KEY)
    _assert_the_pages_session(*_run(command))


def test_the_example_readme_runs_the_pages_curl_example(served: str) -> None:
    # The copy a reader runs against `make mock API=mindcraft` (port 8123, the demo key): it
    # works, and it is the page's command with only the URL and the key changed.
    shown = _curl_command(EXAMPLE_README.read_text(encoding="utf-8"))
    _assert_the_pages_session(*_run(_aimed_at(shown, served, DEFAULT_KEY)))
    page = _curl_command(_seed().read_text(encoding="utf-8"))
    origin = "http://127.0.0.1:8123"
    assert _aimed_at(page, origin, DEFAULT_KEY) == _aimed_at(shown, origin, DEFAULT_KEY)
