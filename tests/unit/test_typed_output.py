"""Typed structured output: the schema derived from a type, the output checked and converted,
and ``sessions.run`` (create, wait, the output as a ``T``) with its typed failures."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
from collections.abc import Sequence
from typing import Annotated, Any, Literal, NotRequired, Optional, TypedDict

import attrs
import httpx
import jsonschema_rs
import pytest
from devin_client import (
    AsyncDevin,
    Devin,
    DevinValidationError,
    SessionBlockedError,
    SessionFailedError,
    SessionNotFinishedError,
    StructuredOutputError,
    output_schema,
    parse_structured_output,
)
from devin_client._core._args import check_structured_output_schema

from .conftest import SESSION, AsyncSleeps, Recorder, Sleeps

DRAFT7 = "http://json-schema.org/draft-07/schema#"
CREATED = {"session_id": "devin-abc", "url": "https://app.devin.ai/sessions/abc"}


class Level(enum.Enum):
    LOW = "low"
    HIGH = "high"


@dataclasses.dataclass
class Region:
    name: str
    revenue: float


@dataclasses.dataclass
class Report:
    summary: Annotated[str, "One sentence."]
    regions: list[Region]
    level: Level
    kind: Literal["daily", "weekly"] = "daily"
    total: float | None = None
    tags: tuple[str, ...] = ()
    pair: tuple[int, str] = (0, "")
    counts: dict[str, int] = dataclasses.field(default_factory=dict)
    ok: bool = True
    note: Optional[str] = None  # noqa: UP045 (the typing spelling is supported too)
    anything: Any = None


REGION = {
    "type": "object",
    "title": "Region",
    "properties": {"name": {"type": "string"}, "revenue": {"type": "number"}},
    "required": ["name", "revenue"],
    "additionalProperties": False,
}


def test_the_schema_of_a_dataclass() -> None:
    schema = output_schema(Report)
    assert schema == {
        "$schema": DRAFT7,
        "type": "object",
        "title": "Report",
        "properties": {
            "summary": {"type": "string", "description": "One sentence."},
            "regions": {"type": "array", "items": REGION},
            "level": {"enum": ["low", "high"]},
            "kind": {"enum": ["daily", "weekly"]},
            "total": {"anyOf": [{"type": "number"}, {"type": "null"}]},
            "tags": {"type": "array", "items": {"type": "string"}},
            "pair": {
                "type": "array",
                "items": [{"type": "integer"}, {"type": "string"}],
                "minItems": 2,
                "maxItems": 2,
                "additionalItems": False,
            },
            "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
            "ok": {"type": "boolean"},
            "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "anything": {},
        },
        "required": ["summary", "regions", "level"],  # the fields without a default
        "additionalProperties": False,
    }
    check_structured_output_schema(schema)  # Draft 7, self-contained, small: the API takes it


class Totals(TypedDict):
    total: float
    currency: NotRequired[str]


class Partial(TypedDict, total=False):
    a: int
    b: Sequence[str]


@attrs.define
class Answer:
    text: str
    _confidence: float = 0.5
    hidden: int = attrs.field(default=0, init=False)


def test_the_schema_of_a_typed_dict_and_an_attrs_class() -> None:
    assert output_schema(Totals) == {
        "$schema": DRAFT7,
        "type": "object",
        "title": "Totals",
        "properties": {"total": {"type": "number"}, "currency": {"type": "string"}},
        "required": ["total"],
        "additionalProperties": False,
    }
    partial = output_schema(Partial)
    assert "required" not in partial
    assert partial["properties"]["b"] == {"type": "array", "items": {"type": "string"}}
    assert output_schema(Answer) == {
        "$schema": DRAFT7,
        "type": "object",
        "title": "Answer",
        "properties": {"text": {"type": "string"}, "confidence": {"type": "number"}},
        "required": ["text"],
        "additionalProperties": False,
    }


def test_pydantic_models_when_pydantic_is_installed() -> None:
    pydantic = pytest.importorskip("pydantic")

    class Finding(pydantic.BaseModel):  # type: ignore[name-defined,misc]
        title: str
        severity: Literal["low", "high"] = "low"
        line: int | None = pydantic.Field(default=None, alias="lineNumber")
        region: Region | None = None

    schema = output_schema(Finding)
    assert schema["properties"]["lineNumber"] == {"anyOf": [{"type": "integer"}, {"type": "null"}]}
    assert schema["required"] == ["title"]
    assert schema["properties"]["region"]["anyOf"][0] == REGION
    found = parse_structured_output(
        {"title": "SQL injection", "lineNumber": 42, "region": {"name": "n", "revenue": 1}},
        Finding,
    )
    assert isinstance(found, Finding)
    assert found.line == 42
    assert found.region == Region("n", 1.0)
    with pytest.raises(StructuredOutputError) as info:
        parse_structured_output({"title": 5}, Finding)
    assert info.value.errors == ['at /title: 5 is not of type "string"']


def test_a_pydantic_root_model_is_its_root() -> None:
    pydantic = pytest.importorskip("pydantic")

    class Scores(pydantic.RootModel[list[int]]):  # type: ignore[name-defined,misc]
        pass

    # It was derived as an object holding "root", so no list could ever fit.
    assert output_schema(Scores)["type"] == "array"
    scores = parse_structured_output([1, 2], Scores)
    assert isinstance(scores, Scores)
    assert scores.root == [1, 2]
    with pytest.raises(StructuredOutputError):
        parse_structured_output({"root": [1]}, Scores)


@dataclasses.dataclass
class Node:
    name: str
    children: list[Node]


@dataclasses.dataclass
class Stamped:
    when: datetime.datetime


@dataclasses.dataclass
class Labels:
    by_id: dict[int, str]


@dataclasses.dataclass
class Shapes:
    unique: set[str]


class Plain:
    def __init__(self, a: int) -> None:
        self.a = a


@pytest.mark.parametrize(
    ("output_type", "said"),
    [
        (Stamped, "Stamped.when: no JSON Schema is derived for <class 'datetime.datetime'>"),
        (Labels, "Labels.by_id: a mapping's keys must be str"),
        (Shapes, "Shapes.unique: no JSON Schema is derived for set[str]"),
        (Node, "Node.children[]: Node refers to itself (a recursive type)"),
        (Plain, "Plain: no JSON Schema is derived for"),
        (bytes, "bytes: no JSON Schema is derived"),
        (Literal[b"x"], "Literal value b'x' is not a JSON value"),
    ],
)
def test_a_type_no_schema_expresses_is_refused_naming_where(output_type: Any, said: str) -> None:
    with pytest.raises(DevinValidationError) as info:
        output_schema(output_type)
    assert info.value.field == "output_type"
    assert said in str(info.value)
    assert "structured_output_schema=" in str(info.value)  # the way out


# -- conversion ------------------------------------------------------------------------------

OUTPUT = {
    "summary": "Revenue grew.",
    "regions": [{"name": "north", "revenue": 12}, {"name": "south", "revenue": 7.25}],
    "level": "high",
    "kind": "weekly",
    "total": 19.25,
    "tags": ["q1"],
    "pair": [1, "x"],
    "counts": {"orders": 3},
    "anything": {"free": ["form"]},
}


def test_an_output_converts_into_the_type() -> None:
    report = parse_structured_output(OUTPUT, Report)
    assert report == Report(
        summary="Revenue grew.",
        regions=[Region("north", 12.0), Region("south", 7.25)],
        level=Level.HIGH,
        kind="weekly",
        total=19.25,
        tags=("q1",),
        pair=(1, "x"),
        counts={"orders": 3},
        anything={"free": ["form"]},
    )
    assert isinstance(report.regions[0].revenue, float)  # a JSON integer where float is asked
    assert parse_structured_output({"total": 3}, Totals) == {"total": 3.0}
    assert parse_structured_output({"text": "yes", "confidence": 0.9}, Answer) == Answer("yes", 0.9)


@dataclasses.dataclass
class Either:
    value: Region | Totals | int


def test_a_union_converts_into_the_member_the_value_fits() -> None:
    assert parse_structured_output({"value": {"total": 1}}, Either).value == {"total": 1.0}
    assert parse_structured_output({"value": {"name": "n", "revenue": 1}}, Either).value == Region(
        "n", 1.0
    )
    assert parse_structured_output({"value": 4}, Either).value == 4


def test_an_output_that_breaks_the_schema_says_where() -> None:
    bad = {**OUTPUT, "level": "medium", "regions": [{"name": "north"}], "extra": 1}
    with pytest.raises(StructuredOutputError) as info:
        parse_structured_output(bad, Report)
    error = info.value
    assert error.output == bad
    assert error.session is None
    assert error.output_type is Report
    assert sorted(error.errors) == sorted(
        [
            "at /: Additional properties are not allowed ('extra' was unexpected)",
            'at /level: "medium" is not one of "low" or "high"',
            'at /regions/0: "revenue" is a required property',
        ]
    )
    assert str(error).startswith("the output is not a valid Report: at /")
    assert "(and 2 more)" in str(error)


@dataclasses.dataclass
class Positive:
    n: int

    def __post_init__(self) -> None:
        if self.n <= 0:
            raise ValueError("n must be positive")


def test_a_class_that_refuses_the_value_gives_a_structured_output_error() -> None:
    with pytest.raises(StructuredOutputError) as info:
        parse_structured_output({"n": -1}, Positive)
    assert info.value.errors == ["at /: Positive: n must be positive"]


@dataclasses.dataclass
class Scored:
    grade: Literal[1, 2, 3]
    count: int
    ratio: float = 0.0


def test_json_numbers_convert_as_the_schema_accepts_them() -> None:
    # JSON does not tell 1 from 1.0; the schema accepts both for Literal[1] and int: the value
    # is then the member itself and an int (it was a raw StopIteration).
    value = parse_structured_output({"grade": 2.0, "count": 3.0}, Scored)
    assert value == Scored(2, 3)
    assert type(value.grade) is int
    assert type(value.count) is int


def test_a_number_beyond_a_float_is_a_structured_output_error() -> None:
    with pytest.raises(StructuredOutputError) as info:  # was a raw OverflowError
        parse_structured_output({"grade": 1, "count": 1, "ratio": 10**400}, Scored)
    assert info.value.errors == ["at /ratio: is too large for a float"]


def test_a_huge_output_gives_an_error_of_a_readable_size() -> None:
    # The validator quotes the value it refuses: a megabyte string made a megabyte message
    # (logged, printed by the CLI). The output itself stays on .output.
    huge = {"grade": 1, "count": "9" * 1_000_000}
    with pytest.raises(StructuredOutputError) as info:
        parse_structured_output(huge, Scored)
    assert len(str(info.value)) < 1_000
    [error] = info.value.errors
    assert error.startswith('at /count: "999')
    assert error.endswith('is not of type "integer"')
    assert "(999738 characters)" in error  # left out of it
    assert info.value.output is huge


def test_an_output_nested_without_end_is_a_structured_output_error() -> None:
    deep: list[Any] = []
    innermost = deep
    for _ in range(100_000):
        innermost.append([])
        innermost = innermost[0]
    recursive = {
        "$ref": "#/definitions/x",
        "definitions": {"x": {"type": "array", "items": {"$ref": "#/definitions/x"}}},
    }
    # With a schema that recurses, the validator crashed the interpreter (a segfault).
    with pytest.raises(StructuredOutputError, match="nested deeper than 256") as info:
        parse_structured_output(deep, Any, schema=recursive)
    assert info.value.output is deep


def test_a_given_schema_is_what_the_output_is_checked_against() -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer", "minimum": 10}}}
    with pytest.raises(StructuredOutputError, match="less than the minimum of 10"):
        parse_structured_output({"n": 5}, Positive, schema=schema)
    assert parse_structured_output({"n": 12}, Positive, schema=schema) == Positive(12)


# -- sessions.run ------------------------------------------------------------------------------


def _settles(recorder: Recorder, *finals: dict[str, Any]) -> None:
    """The session is working at the first poll, then answers each of ``finals`` in turn."""
    answers = [{"status_enum": "working"}, *finals]

    def poll(request: httpx.Request) -> httpx.Response:
        body = answers.pop(0) if len(answers) > 1 else answers[0]
        return httpx.Response(200, json={**SESSION, **body})

    recorder.route("POST", "/v1/sessions", CREATED)
    recorder.route("GET", "/v1/sessions/devin-abc", poll)


def test_run_sends_the_derived_schema_and_returns_the_output_as_the_type(
    client: Devin, recorder: Recorder, sleeps: Sleeps
) -> None:
    _settles(recorder, {"status_enum": "finished", "structured_output": OUTPUT})
    report = client.sessions.run(
        "Summarise the sales", output_type=Report, tags=["sales"], poll_interval=5
    )
    assert isinstance(report, Report)
    assert report.level is Level.HIGH
    sent = recorder.json(0)
    assert sent["structured_output_schema"] == output_schema(Report)
    assert sent["tags"] == ["sales"]
    assert sleeps == [5]


def test_run_with_a_schema_of_its_own_sends_that_schema(client: Devin, recorder: Recorder) -> None:
    schema = {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]}
    _settles(recorder, {"status_enum": "finished", "structured_output": {"total": 2}})
    totals = client.sessions.run("Sum", output_type=Totals, structured_output_schema=schema)
    assert totals == {"total": 2.0}
    assert recorder.json(0)["structured_output_schema"] == schema


def test_run_of_a_blocked_session_raises_with_the_session(
    client: Devin, recorder: Recorder
) -> None:
    _settles(recorder, {"status_enum": "blocked"})
    with pytest.raises(SessionBlockedError) as info:
        client.sessions.run("Sum", output_type=Totals)
    assert isinstance(info.value, SessionNotFinishedError)
    assert info.value.session.status_enum == "blocked"
    assert info.value.status == "blocked"
    assert info.value.session_id == "devin-abc"
    assert "waits for your answer" in str(info.value)


def test_run_of_an_expired_session_raises_with_the_session(
    client: Devin, recorder: Recorder
) -> None:
    _settles(recorder, {"status_enum": "expired"})
    with pytest.raises(SessionFailedError) as info:
        client.sessions.run("Sum", output_type=Totals)
    assert info.value.status == "expired"
    assert info.value.session.session_id == "devin-abc"
    assert "ended expired without finishing" in str(info.value)


@pytest.mark.parametrize("output", [None, "UNSENT"])
def test_run_of_a_session_without_output_raises(
    client: Devin, recorder: Recorder, output: Any
) -> None:
    final: dict[str, Any] = {"status_enum": "finished"}
    if output != "UNSENT":
        final["structured_output"] = output
    _settles(recorder, final)
    with pytest.raises(StructuredOutputError) as info:
        client.sessions.run("Sum", output_type=Totals)
    assert info.value.output is None
    assert info.value.errors == []
    assert info.value.session.session_id == "devin-abc"
    assert str(info.value) == (
        "session devin-abc's output is missing: the session has no structured output"
    )


def test_run_of_a_session_with_output_of_another_shape_raises_with_the_output(
    client: Devin, recorder: Recorder
) -> None:
    _settles(recorder, {"status_enum": "finished", "structured_output": {"total": "many"}})
    with pytest.raises(StructuredOutputError) as info:
        client.sessions.run("Sum", output_type=Totals)
    assert info.value.output == {"total": "many"}
    assert info.value.errors == ['at /total: "many" is not of type "number"']
    assert str(info.value).startswith("session devin-abc's output is not a valid Totals")


def test_run_checks_everything_before_creating_the_session(
    client: Devin, recorder: Recorder
) -> None:
    with pytest.raises(DevinValidationError, match=r"Stamped\.when"):
        client.sessions.run("Sum", output_type=Stamped)
    with pytest.raises(TypeError, match=r"run\(\) got an unexpected keyword argument 'until'"):
        client.sessions.run("Sum", output_type=Totals, until={"finished"})  # type: ignore[call-arg]
    with pytest.raises(DevinValidationError, match="poll_interval"):
        client.sessions.run("Sum", output_type=Totals, poll_interval=-1)
    with pytest.raises(DevinValidationError, match="tags"):
        client.sessions.run("Sum", output_type=Totals, tags=[f"t{i}" for i in range(51)])
    assert recorder.requests == []


@pytest.mark.anyio
async def test_async_run(
    aclient: AsyncDevin, recorder: Recorder, async_sleeps: AsyncSleeps
) -> None:
    _settles(recorder, {"status_enum": "finished", "structured_output": {"total": 1.5}})
    assert await aclient.sessions.run("Sum", output_type=Totals, poll_interval=2) == {"total": 1.5}
    assert async_sleeps == [2]
    _settles(recorder, {"status_enum": "blocked"})
    with pytest.raises(SessionBlockedError):
        await aclient.sessions.run("Sum", output_type=Totals)


def test_parse_structured_output_reads_a_session(client: Devin, recorder: Recorder) -> None:
    recorder.route(
        "GET",
        "/v1/sessions/devin-abc",
        {**SESSION, "status_enum": "finished", "structured_output": {"total": 4}},
    )
    session = client.sessions.get("devin-abc")
    assert parse_structured_output(session, Totals) == {"total": 4.0}


def test_the_derived_schemas_are_valid_draft7() -> None:
    for output_type in (Report, Totals, Partial, Answer, Either, Positive):
        schema = output_schema(output_type)
        jsonschema_rs.Draft7Validator(schema)  # compiles
        check_structured_output_schema(schema)
        assert json.loads(json.dumps(schema)) == schema  # plain JSON
