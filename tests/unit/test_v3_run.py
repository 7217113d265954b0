"""``devin_client.v3`` ``sessions.run``: create with the schema derived from the type, wait until
the session settles by v3's model, and return its structured output as the type; a session that
waits for a person, or stops without an output, raises the typed error carrying it."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any, TypedDict

import attrs
import httpx
import pytest
from devin_client import (
    DevinValidationError,
    SessionBlockedError,
    SessionFailedError,
    SessionNotFinishedError,
    StructuredOutputError,
    WaitTimeoutError,
    output_schema,
)
from devin_client.v3 import AsyncDevin, Devin

from .conftest import ORG_PATH, V3_SESSION, AsyncSleeps, Recorder, Sleeps

SESSIONS = f"{ORG_PATH}/sessions"
SESSION_PATH = f"{SESSIONS}/devin-abc"


class Level(enum.Enum):
    LOW = "low"
    HIGH = "high"


@dataclasses.dataclass
class Finding:
    file: str
    line: int


@dataclasses.dataclass
class Review:
    summary: str
    findings: list[Finding]
    level: Level = Level.LOW


class Totals(TypedDict):
    total: float


@attrs.define
class Count:
    n: int


OUTPUT = {"summary": "Two issues.", "findings": [{"file": "a.py", "line": 3}], "level": "high"}


def _settles(recorder: Recorder, *finals: dict[str, Any]) -> None:
    """Created ``new``; working at the first poll, then each of ``finals`` in turn."""
    answers = [{"status": "running", "status_detail": "working"}, *finals]

    def poll(request: httpx.Request) -> httpx.Response:
        body = answers.pop(0) if len(answers) > 1 else answers[0]
        return httpx.Response(200, json={**V3_SESSION, **body})

    recorder.route("POST", SESSIONS, {**V3_SESSION, "status": "new", "status_detail": None})
    recorder.route("GET", SESSION_PATH, poll)


def _sent(recorder: Recorder) -> Any:
    return next(recorder.json(i) for i, r in enumerate(recorder.requests) if r.url.path == SESSIONS)


def test_run_sends_the_derived_schema_and_returns_the_output_as_the_type(
    v3: Devin, recorder: Recorder, sleeps: Sleeps
) -> None:
    finished = {"status": "running", "status_detail": "finished", "structured_output": OUTPUT}
    _settles(recorder, finished)
    review = v3.sessions.run(
        "Review the PR", output_type=Review, devin_mode="fast", tags=["review"], poll_interval=5
    )
    assert review == Review("Two issues.", [Finding("a.py", 3)], Level.HIGH)
    sent = _sent(recorder)
    assert sent["structured_output_schema"] == output_schema(Review)
    assert (sent["devin_mode"], sent["tags"]) == ("fast", ["review"])
    assert sleeps == [5]


@pytest.mark.parametrize(
    ("output_type", "output", "expected"),
    [
        (Totals, {"total": 2}, {"total": 2.0}),
        (Count, {"n": 7}, Count(7)),
    ],
)
def test_run_returns_typed_dicts_and_attrs_classes(
    v3: Devin, recorder: Recorder, output_type: Any, output: Any, expected: Any
) -> None:
    _settles(
        recorder, {"status": "running", "status_detail": "finished", "structured_output": output}
    )
    assert v3.sessions.run("Count", output_type=output_type, poll_interval=0) == expected


def test_run_with_a_schema_of_its_own_sends_that_schema(v3: Devin, recorder: Recorder) -> None:
    schema = {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]}
    _settles(
        recorder,
        {"status": "running", "status_detail": "finished", "structured_output": {"total": 2}},
    )
    totals = v3.sessions.run(
        "Sum", output_type=Totals, structured_output_schema=schema, structured_output_required=True
    )
    assert totals == {"total": 2.0}
    sent = _sent(recorder)
    assert sent["structured_output_schema"] == schema
    assert sent["structured_output_required"] is True


@pytest.mark.parametrize(
    ("status", "detail", "output"),
    [
        ("exit", None, {"total": 3}),  # finished its work, then the session ended
        ("suspended", "inactivity", {"total": 3}),  # finished, then went to sleep
    ],
)
def test_a_session_that_stopped_with_its_output_gives_it(
    v3: Devin, recorder: Recorder, status: str, detail: str | None, output: Any
) -> None:
    _settles(recorder, {"status": status, "status_detail": detail, "structured_output": output})
    assert v3.sessions.run("Sum", output_type=Totals, poll_interval=0) == {"total": 3.0}


@pytest.mark.parametrize("detail", ["waiting_for_user", "waiting_for_approval"])
def test_a_session_waiting_for_a_person_raises_blocked_with_the_session(
    v3: Devin, recorder: Recorder, detail: str
) -> None:
    _settles(recorder, {"status": "running", "status_detail": detail})
    with pytest.raises(SessionBlockedError) as info:
        v3.sessions.run("Sum", output_type=Totals, poll_interval=0)
    assert isinstance(info.value, SessionNotFinishedError)
    assert info.value.session.status_detail == detail
    assert info.value.status == f"running/{detail}"
    assert info.value.session_id == "devin-abc"
    assert "waits for your answer" in str(info.value)


@pytest.mark.parametrize(
    ("status", "detail"),
    [
        ("error", None),
        ("exit", None),
        ("suspended", "out_of_credits"),
        ("suspended", "inactivity"),
    ],
)
def test_a_session_that_stopped_without_output_raises_failed_with_the_session(
    v3: Devin, recorder: Recorder, status: str, detail: str | None
) -> None:
    _settles(recorder, {"status": status, "status_detail": detail, "structured_output": None})
    with pytest.raises(SessionFailedError) as info:
        v3.sessions.run("Sum", output_type=Totals, poll_interval=0)
    label = status if detail is None else f"{status}/{detail}"
    assert info.value.status == label
    assert info.value.session.status == status
    assert f"ended {label} without finishing" in str(info.value)


def test_an_error_session_with_output_still_failed(v3: Devin, recorder: Recorder) -> None:
    _settles(recorder, {"status": "error", "structured_output": {"total": 1}})
    with pytest.raises(SessionFailedError):
        v3.sessions.run("Sum", output_type=Totals, poll_interval=0)


def test_a_finished_session_without_output_raises_with_the_session(
    v3: Devin, recorder: Recorder
) -> None:
    _settles(
        recorder, {"status": "running", "status_detail": "finished", "structured_output": None}
    )
    with pytest.raises(StructuredOutputError) as info:
        v3.sessions.run("Sum", output_type=Totals, poll_interval=0)
    assert (info.value.output, info.value.errors) == (None, [])
    assert info.value.session.session_id == "devin-abc"
    assert "session devin-abc's output is missing" in str(info.value)


def test_output_of_another_shape_raises_with_the_raw_output_and_the_errors(
    v3: Devin, recorder: Recorder
) -> None:
    wrong = {"summary": "ok", "findings": [{"file": "a.py", "line": "three"}]}
    _settles(
        recorder, {"status": "running", "status_detail": "finished", "structured_output": wrong}
    )
    with pytest.raises(StructuredOutputError) as info:
        v3.sessions.run("Review", output_type=Review, poll_interval=0)
    assert info.value.output == wrong
    assert info.value.errors == ['at /findings/0/line: "three" is not of type "integer"']
    assert info.value.output_type is Review
    assert str(info.value).startswith("session devin-abc's output is not a valid Review")


def test_the_wait_keeps_its_deadline(v3: Devin, recorder: Recorder, sleeps: Sleeps) -> None:
    _settles(recorder, {"status": "running", "status_detail": "working"})
    with pytest.raises(WaitTimeoutError) as info:
        v3.sessions.run("Sum", output_type=Totals, timeout=0)
    assert info.value.session.status_detail == "working"


def test_run_checks_everything_before_creating_the_session(v3: Devin, recorder: Recorder) -> None:
    @dataclasses.dataclass
    class Stamped:
        when: bytes

    with pytest.raises(DevinValidationError, match=r"Stamped\.when"):
        v3.sessions.run("Sum", output_type=Stamped)
    with pytest.raises(TypeError, match=r"run\(\) got an unexpected keyword argument 'until'"):
        v3.sessions.run("Sum", output_type=Totals, until={"exit"})  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="'idempotent'"):
        v3.sessions.run("Sum", output_type=Totals, idempotent=True)  # type: ignore[call-arg]
    with pytest.raises(DevinValidationError, match="poll_interval"):
        v3.sessions.run("Sum", output_type=Totals, poll_interval=-1)
    with pytest.raises(DevinValidationError, match="on_progress"):
        v3.sessions.run("Sum", output_type=Totals, on_progress="print")  # type: ignore[typeddict-item]
    with pytest.raises(DevinValidationError, match="Devin ignores it"):
        v3.sessions.run('Sum\nATTACHMENT: "https://x.io/a.csv"', output_type=Totals)
    assert recorder.requests == []


@pytest.mark.anyio
async def test_async_run(av3: AsyncDevin, recorder: Recorder, async_sleeps: AsyncSleeps) -> None:
    _settles(
        recorder, {"status": "running", "status_detail": "finished", "structured_output": OUTPUT}
    )
    review = await av3.sessions.run("Review", output_type=Review, poll_interval=2)
    assert review.findings == [Finding("a.py", 3)]
    assert async_sleeps == [2]
    _settles(recorder, {"status": "running", "status_detail": "waiting_for_user"})
    with pytest.raises(SessionBlockedError):
        await av3.sessions.run("Review", output_type=Review)


def test_an_output_that_is_not_an_object_is_refused_before_creating(
    v3: Devin, recorder: Recorder
) -> None:
    # The API's structured_output is a JSON object: a list or a number could never come back.
    with pytest.raises(DevinValidationError) as info:
        v3.sessions.run("List the files", output_type=list[str])
    assert info.value.field == "output_type"
    assert "'array'" in str(info.value)
    assert "object" in str(info.value)
    with pytest.raises(DevinValidationError) as given:
        v3.sessions.run("Count", output_type=int, structured_output_schema={"type": "integer"})
    assert given.value.field == "structured_output_schema"
    assert recorder.requests == []


def test_run_returns_a_pydantic_model_when_pydantic_is_installed(
    v3: Devin, recorder: Recorder
) -> None:
    pydantic = pytest.importorskip("pydantic")

    class Verdict(pydantic.BaseModel):  # type: ignore[name-defined,misc]
        ok: bool
        reasons: list[str] = pydantic.Field(default_factory=list)

    output = {"ok": False, "reasons": ["flaky test"]}
    _settles(
        recorder, {"status": "running", "status_detail": "finished", "structured_output": output}
    )
    verdict = v3.sessions.run("Judge", output_type=Verdict, poll_interval=0)
    assert isinstance(verdict, Verdict)
    assert verdict.reasons == ["flaky test"]
    assert _sent(recorder)["structured_output_schema"]["required"] == ["ok"]
