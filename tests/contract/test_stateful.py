"""Stateful testing through the overlay's OpenAPI links: create -> get -> message -> tags ->
terminate, with real session ids, every default check on every step.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from devin_client.testing._kernel.plugin import record_problems
from hypothesis import HealthCheck, settings
from hypothesis.stateful import rule
from schemathesis import Case
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.transport import Response

# Internal to schemathesis (pinned 4.32.5): the input type of a state-machine step.
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput

from .conftest import AUTH, fresh_mock, make_schema

MOCK = fresh_mock()
schema = make_schema(MOCK.app, max_examples=25, paths="/v1/sessions")
_Machine = schema.as_state_machine()
_create = schema["/v1/sessions"]["POST"]
SEEN: Counter[tuple[str, int]] = Counter()

LINKED = [
    "POST /v1/sessions",
    "GET /v1/sessions/{session_id}",
    "POST /v1/sessions/{session_id}/message",
    "PUT /v1/sessions/{session_id}/tags",
    "DELETE /v1/sessions/{session_id}",
]


class SessionLifecycle(_Machine):  # type: ignore[misc, valid-type]
    """Walks the links from freshly created sessions."""

    def setup(self) -> None:
        MOCK.reset()

    def get_call_kwargs(self, case: Case) -> dict[str, Any]:
        # The state machine does not apply the config's auth; the suite's key goes in here,
        # unless the case is a negative one without it (adding it back would make the request
        # valid, and its 200 an "accepted negative data" failure of the harness, not the mock).
        meta = case.meta
        negative = meta is not None and meta.generation.mode.is_negative
        if negative and meta.is_negative_at(ParameterLocation.HEADER):
            return {}
        return {"headers": dict(AUTH)}

    def after_call(self, response: Response, case: Case) -> None:
        SEEN[(case.operation.label, response.status_code)] += 1
        # Each step is judged on its own records, so a failure names the step's operation.
        # Made-up prompts and attachment_urls attach nothing ("attachment" problems): allowed.
        problems = record_problems(MOCK.records, allowed={"attachment"})
        MOCK.records.clear()
        assert not problems, f"{case.operation.label}: " + "\n".join(problems)

    # schemathesis picks entry points by guessing resource dependencies, and it reads
    # playbook_id/snapshot_id/create_as_user_id as references to resources nothing creates, so it
    # never starts at create. This rule makes create an entry point; its 200s feed the links.
    @rule(target=_Machine.bundles["POST /v1/sessions -> 200"], case=_create.as_strategy())
    def create_session(self, case: Case) -> StepOutput | None:
        step = StepInput.initial(case)
        self.recorder.record_case(case=case)
        self.control.record_step(step, self.recorder)
        return self._step(step)


def test_session_lifecycle_through_links() -> None:
    SEEN.clear()
    SessionLifecycle.run(
        settings=settings(
            max_examples=30,
            stateful_step_count=10,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
    # Every linked operation was reached with a real id and answered 2xx at least once.
    for label in LINKED:
        assert any(code == 200 and op == label for op, code in SEEN), (label, SEEN)
