"""Stateful testing of v3 through the overlay's OpenAPI links: create (or get) -> get, messages
(list and send), tags (get, replace, append), archive, unarchive, attachments, insights,
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

from .conftest import V3_AUTH, fresh_mock, make_schema

SESSIONS = "/v3/organizations/{org_id}/sessions"
MOCK = fresh_mock()
schema = make_schema(MOCK.app, max_examples=25, paths=SESSIONS, package="devin_api_v3")
_Machine = schema.as_state_machine()
_create = schema[SESSIONS]["POST"]
SEEN: Counter[tuple[str, int]] = Counter()

SESSION = SESSIONS + "/{devin_id}"
LINKED = [
    f"POST {SESSIONS}",
    f"GET {SESSION}",
    f"GET {SESSION}/messages",
    f"POST {SESSION}/messages",
    f"GET {SESSION}/tags",
    f"PUT {SESSION}/tags",
    f"POST {SESSION}/tags",
    f"POST {SESSION}/archive",
    f"POST {SESSION}/unarchive",
    f"GET {SESSION}/attachments",
    f"GET {SESSION}/insights",
    f"DELETE {SESSION}",
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
        return {"headers": dict(V3_AUTH)}

    def after_call(self, response: Response, case: Case) -> None:
        SEEN[(case.operation.label, response.status_code)] += 1
        # Each step is judged on its own records, so a failure names the step's operation.
        # Made-up prompts and attachment_urls attach nothing ("attachment" problems): allowed.
        problems = record_problems(MOCK.records, allowed={"attachment"})
        MOCK.records.clear()
        assert not problems, f"{case.operation.label}: " + "\n".join(problems)

    # As in v1's lifecycle: schemathesis reads playbook_id, create_as_user_id... as references
    # to resources nothing creates and never starts at create; this rule makes create an entry
    # point, its 200s feed the links.
    @rule(target=_Machine.bundles[f"POST {SESSIONS} -> 200"], case=_create.as_strategy())
    def create_session(self, case: Case) -> StepOutput | None:
        step = StepInput.initial(case)
        self.recorder.record_case(case=case)
        self.control.record_step(step, self.recorder)
        return self._step(step)


def test_v3_session_lifecycle_through_links() -> None:
    # A run of 25 examples reaches every link most of the time, not always: which steps the
    # machine draws depends on what ran before it in the process. Up to four runs, each judged
    # step by step; the links must all have answered 2xx by the end.
    SEEN.clear()
    for _ in range(4):
        SessionLifecycle.run(
            settings=settings(
                max_examples=25,
                stateful_step_count=10,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
        )
        if all(any(code == 200 and op == label for op, code in SEEN) for label in LINKED):
            break
    # Every linked operation was reached with a real id and answered 2xx at least once.
    for label in LINKED:
        assert any(code == 200 and op == label for op, code in SEEN), (label, sorted(SEEN.items()))
