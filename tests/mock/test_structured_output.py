"""Structured output for finished sessions: valid against the caller's schema, or null."""

from __future__ import annotations

from typing import Any

import jsonschema_rs
import pytest
from devin_client.testing import DevinMock, Step

SCHEMAS: list[dict[str, Any]] = [
    {
        "type": "object",
        "properties": {"n": {"type": "integer", "exclusiveMinimum": 5}},
        "required": ["n"],
    },
    {"type": "array", "items": {"type": "string", "minLength": 3}, "minItems": 2},
    {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "string",
        "format": "date-time",
    },
    {
        "definitions": {"x": {"enum": ["a", "b"]}},
        "type": "object",
        "properties": {"x": {"$ref": "#/definitions/x"}},
        "required": ["x"],
    },
    {"anyOf": [{"type": "null"}, {"type": "boolean"}]},
    {"allOf": [{"type": "object", "required": ["a"]}, {"properties": {"a": {"const": 1}}}]},
]


@pytest.mark.parametrize("schema", SCHEMAS)
def test_finished_output_validates(schema: dict[str, Any]) -> None:
    output = finish_with(schema)
    assert jsonschema_rs.validator_for(schema).is_valid(output)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": 5},  # not a schema
        {"not": {}},  # nothing validates
        {"$ref": "https://example.com/schema.json"},  # external refs are never fetched
    ],
)
def test_unusable_schemas_give_null(schema: dict[str, Any]) -> None:
    assert finish_with(schema) is None


def test_scripted_output_wins() -> None:
    mock = DevinMock()
    created = mock.store.create_session(
        "org", "key", {"prompt": "p", "structured_output_schema": {"type": "integer"}}
    )
    session_id = created["session_id"]
    mock.store.script_session(session_id, [Step("finished", structured_output=42)])
    assert mock.store.advance_session(session_id)["structured_output"] == 42


def finish_with(schema: dict[str, Any]) -> Any:
    mock = DevinMock()
    created = mock.store.create_session(
        "org", "key", {"prompt": "p", "structured_output_schema": schema}
    )
    session = mock.store.advance_session(created["session_id"], steps=3)
    assert session["status_enum"] == "finished"
    return session["structured_output"]
