"""One organisation's ``structured_output_schema`` cannot freeze the mock for everyone: making
the example has fixed budgets, runs off the event loop, and gives ``null`` when a budget runs out.

The schemas below are valid and small (the first is 2.7 KB); each made the mock work for
seconds to minutes with the GIL held, so no other request was answered meanwhile."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

import httpx
import jsonschema_rs
import pytest
from devin_client.testing import DEFAULT_API_KEY, DevinMock

AUTH = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
TIMEOUT = 10.0  # a guard against the freeze only: each answer comes in well under a second


def _many_patterns(count: int) -> dict[str, Any]:
    # Distinct valid Unicode-class patterns: each costs ~0.1 s to compile with the default limits.
    return {
        "type": "object",
        "properties": {
            f"p{i}": {"pattern": f"[\\p{{L}}\\p{{N}}]{{{150 + i % 40}}}-{i}"} for i in range(count)
        },
    }


def _nested_arrays(depth: int = 6) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(depth):
        schema = {"type": "array", "minItems": 16, "items": schema}
    return schema


def _report() -> dict[str, Any]:
    # What a caller might plausibly send: a grid of cells and a few dozen checked fields.
    schema = _many_patterns(52)
    schema["properties"]["grid"] = _nested_arrays()
    schema["required"] = ["grid"]
    return schema


def _exponential_checks(depth: int = 4, branches: int = 120) -> dict[str, Any]:
    # Each level's value is checked against every branch, and each branch checks the next
    # level again: branches ** depth visits for a value only depth levels deep.
    definitions: dict[str, Any] = {}
    for level in range(depth):
        last = level + 1 == depth
        nxt: dict[str, Any] = {"type": "string"} if last else {"$ref": f"#/definitions/{level + 1}"}
        never = [{"const": i} if last else {"required": [str(i)]} for i in range(branches)]
        definitions[str(level)] = {
            "required": ["x"],
            "properties": {"x": nxt},
            "not": {"anyOf": [{"properties": {"x": {"allOf": [nxt, n]}}} for n in never]},
        }
    return {"definitions": definitions, "$ref": "#/definitions/0"}


COSTLY = {
    "report (2.7 KB)": _report(),
    "many patterns": _many_patterns(300),
    "nested arrays": _nested_arrays(),
    "exponential checks": _exponential_checks(),
}


def test_the_report_schema_is_small() -> None:
    assert 2_500 <= len(json.dumps(COSTLY["report (2.7 KB)"])) <= 2_900


@pytest.mark.parametrize("name", sorted(COSTLY))
def test_a_costly_schema_gets_an_answer_and_a_valid_or_null_output(
    mock_process: str, name: str
) -> None:
    schema = COSTLY[name]
    with httpx.Client(base_url=mock_process, headers=AUTH, timeout=TIMEOUT) as http:
        assert http.post("/_mock/reset").status_code == 200
        created = http.post(
            "/v1/sessions", json={"prompt": "p", "structured_output_schema": schema}
        )
        assert created.status_code == 200
        session_id = created.json()["session_id"]
        for _ in range(3):
            session = http.get(f"/v1/sessions/{session_id}")
            assert session.status_code == 200
        assert http.get("/_mock/stats").json()["unplanned_errors"] == 0
    body = session.json()
    assert body["status_enum"] == "finished"
    output = body["structured_output"]
    if output is not None:
        assert jsonschema_rs.Draft7Validator(schema).is_valid(output)


def test_a_costly_schema_leaves_the_output_null_and_other_schemas_still_work() -> None:
    mock = DevinMock()
    org = "org"
    costly = mock.store.create_session(
        org, "key", {"prompt": "p", "structured_output_schema": COSTLY["exponential checks"]}
    )
    simple_schema = {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}
    simple = mock.store.create_session(
        org, "key", {"prompt": "p", "structured_output_schema": simple_schema}
    )
    assert mock.store.advance_session(costly["session_id"], 3)["structured_output"] is None
    assert mock.store.advance_session(simple["session_id"], 3)["structured_output"] == {"n": 1}


def test_the_example_is_made_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    from devin_client.testing.devin import sessions as _store

    real = _store.example_for
    threads: list[tuple[str, bool]] = []

    def recording(schema: Any) -> tuple[bool, Any]:
        try:
            asyncio.get_running_loop()
            on_loop = True
        except RuntimeError:
            on_loop = False
        threads.append((threading.current_thread().name, on_loop))
        return real(schema)

    monkeypatch.setattr(_store, "example_for", recording)
    mock = DevinMock()

    async def create_and_finish() -> Any:
        transport = httpx.ASGITransport(app=mock.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
            created = await http.post(
                "/v1/sessions",
                headers=AUTH,
                json={"prompt": "p", "structured_output_schema": {"type": "integer"}},
            )
            session_id = created.json()["session_id"]
            for _ in range(3):
                session = await http.get(f"/v1/sessions/{session_id}", headers=AUTH)
            return session.json()["structured_output"]

    assert asyncio.run(create_and_finish()) == 1
    assert threads, "the example was never made"
    assert not any(on_loop for _, on_loop in threads), threads
