"""Shared pieces of the contract suite: the merged specs (v1 and v3), the schemathesis config,
the mock."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import schemathesis
from devin_client.testing import DEFAULT_API_KEY, DEFAULT_ORG_ID, DEFAULT_V3_API_KEY, DevinMock
from devin_client.testing._kernel.plugin import record_problems
from schemathesis import Case
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.schemas import OpenApiSchema

from .hooks import before_add_examples, filter_case, map_case

CONFIG_FILE = Path(__file__).with_name("schemathesis.toml")
AUTH = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
V3_AUTH = {"Authorization": f"Bearer {DEFAULT_V3_API_KEY}"}
# The key each spec's suite runs with (the mock's demo key of that version).
KEYS = {"devin_api": DEFAULT_API_KEY, "devin_api_v3": DEFAULT_V3_API_KEY}
V3_ORG = DEFAULT_ORG_ID
# Fixed so a red run reproduces; bump it to explore other examples.
SEED = 20261122


def load_spec(package: str = "devin_api") -> dict[str, Any]:
    """The merged spec exactly as shipped in ``package`` (the contract under test)."""
    text = resources.files(package).joinpath("openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def make_schema(
    app: Any,
    *,
    max_examples: int,
    extra: dict[str, Any] | None = None,
    paths: str = "",
    package: str = "devin_api",
) -> OpenApiSchema:
    """A schemathesis schema over a merged spec, calling ``app`` in-process.

    ``from_asgi`` would read the app's own schema; the contract is the shipped spec, so it is
    loaded with ``from_dict`` and the app attached afterwards. ``paths`` keeps only the paths
    starting with it (schemathesis' own ``include`` does not narrow a state machine).
    ``package`` picks the spec (``devin_api`` for v1, ``devin_api_v3``) and its demo key.
    """
    data = tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8"))
    data["seed"] = SEED
    data["auth"] = {"openapi": {"bearerAuth": {"bearer": KEYS[package]}}}
    data["generation"] = {"max-examples": max_examples}
    for key, value in (extra or {}).items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    config = SchemathesisConfig.from_dict(data)
    spec = load_spec(package)
    spec["paths"] = {p: item for p, item in spec["paths"].items() if p.startswith(paths)}
    schema = schemathesis.openapi.from_dict(spec, config=config)
    schema.hook(filter_case)
    schema.hook(map_case)
    schema.hook(before_add_examples)
    schema.app = app
    return schema


def fresh_mock() -> DevinMock:
    """A mock that also checks its own responses against the spec."""
    return DevinMock(validate_responses=True)


def check_case(mock: DevinMock, case: Case) -> None:
    """Run one case with every check, on a mock that remembers nothing of earlier cases.

    What the mock recorded (issues, crashes, hits) is cleared first, so a failure is this
    case's, and it names the case's operation; the case must reach that operation only.
    """
    mock.records.clear()
    case.call_and_validate()
    operation_id = case.operation.definition.raw["operationId"]
    label = f"{case.operation.label} ({operation_id})"
    # The fuzzer's prompts and attachment_urls are made up: Devin would ignore their
    # attachments, which the mock records ("attachment" problems); that is the requests' doing.
    problems = record_problems(mock.records, allowed={"attachment"})
    assert not problems, f"{label}: " + "\n".join(problems)
    assert set(mock.hits) <= {operation_id}, f"{label} reached {mock.hits}"
