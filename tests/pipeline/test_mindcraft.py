"""MindCraft AI's chat-session API through the same pipeline (issue 13): the spec holds what the
vendor's page documents, its examples validate, and the package is not shipped."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import tomllib
from importlib import resources
from typing import Any

import apis
import jsonschema_rs
import pytest
from mindcraft_api.api.session import create_session
from mindcraft_api.models import SessionCreateRequest, SessionCreateResponse

API = apis.select(["mindcraft"])[0]
SEED = apis.ROOT / "openapi" / "mindcraft" / "source-page.txt"  # the vendor's page (PROVENANCE.md)


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    text = resources.files(API.package).joinpath("openapi.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _validator(spec: dict[str, Any], name: str) -> Any:
    return jsonschema_rs.Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    )


def _seed_json(after: str) -> Any:
    """The first JSON document on the vendor's page after the line ``after``."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("{", text.index(after))
    depth = 0
    for end, char in enumerate(text[start:], start):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return json.loads(text[start : end + 1])
    raise AssertionError("unbalanced JSON on the page")


def test_the_page_is_the_one_provenance_names() -> None:
    recorded = re.search(r"source-page.txt`.*?sha256 `([0-9a-f]{64})`", API.provenance.read_text())
    assert recorded, "PROVENANCE.md names the page's sha256"
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == recorded.group(1)


def test_the_pages_examples_validate_against_the_merged_spec(spec):
    request = _seed_json("--data-raw")
    response = _seed_json("返回响应")
    assert _validator(spec, "SessionCreateRequest").is_valid(request)
    assert _validator(spec, "SessionCreateResponse").is_valid(response)
    assert SessionCreateRequest.from_dict(request).to_dict() == request
    assert (
        SessionCreateResponse.from_dict(response).data.session_id == response["data"]["session_id"]
    )


def test_the_documented_limits_and_default_are_in_the_spec(spec):
    request = spec["components"]["schemas"]["SessionCreateRequest"]
    assert request["required"] == ["model"]
    props = request["properties"]
    assert props["session_remark"]["maxLength"] == 1000
    assert props["config_data"]["x-max-json-length"] == 100
    history = props["history_length"]
    assert (history["minimum"], history["maximum"], history["default"]) == (0, 20, 8)
    validator = _validator(spec, "SessionCreateRequest")
    assert not validator.is_valid({"session_name": "no model"})
    assert not validator.is_valid({"model": "m", "history_length": 21})
    assert not validator.is_valid({"model": "m", "session_remark": "x" * 1001})


def test_the_operation_is_the_one_the_page_documents():
    assert (create_session.OPERATION.method, create_session.OPERATION.path) == (
        "POST",
        "/v1/session/",
    )
    assert create_session.OPERATION.retry_safe is False
    args = create_session.build_request(body=SessionCreateRequest(model="deepseek-chat"))
    assert args["url"] == "/v1/session/"


def test_every_item_says_where_it_comes_from(spec):
    op = spec["paths"]["/v1/session/"]["post"]
    assert op["x-mindcraft-provenance"]["status"] == "seen"
    for name, schema in spec["components"]["schemas"].items():
        assert schema["x-mindcraft-provenance"]["status"] in {"seen", "inferred"}, name


def test_the_worked_example_is_not_part_of_the_wheel():
    pyproject = tomllib.loads((apis.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["include"]
    shipped = [p for p in include if fnmatch.fnmatch(f"/generated/{API.package}", p)]
    assert shipped == []
    assert any(fnmatch.fnmatch("/generated/devin_api_v3", p) for p in include)
    assert re.fullmatch(r"\w+", API.package)
