"""Devin API v3 specifics of the pipeline: the overlay's normalisation steps and what the
generated package does with the spec's soft spots (devin-v3-notes.md §6)."""

from __future__ import annotations

import copy
import importlib
import pkgutil
from typing import Any

import apis
import merge_spec
import normalise
import pytest
import yaml
from devin_api_v3.models import ProblemDetail, SessionResponse, SessionStatus, SessionStatusDetail

API = apis.select(["devin-v3"])[0]
METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module")
def vendored() -> dict[str, Any]:
    return yaml.safe_load(API.spec.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def merged() -> dict[str, Any]:
    return merge_spec.merged_spec(API)


def _published(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with its path parameters as Devin publishes them (anyOf [string, null])."""
    spec = copy.deepcopy(spec)
    for item in spec["paths"].values():
        for method in METHODS:
            for param in item.get(method, {}).get("parameters", []):
                if "x-devin-published-schema" in param:
                    param["schema"] = param["x-devin-published-schema"]
    return spec


def test_nullable_path_parameters_become_plain_strings(vendored):
    published = _published(vendored)
    nullable = [
        p
        for item in published["paths"].values()
        for m in METHODS
        for p in item.get(m, {}).get("parameters", [])
        if p["in"] == "path" and "anyOf" in p["schema"]
    ]
    assert nullable, "the vendored file should keep the published form of some path parameters"
    normalise.nullable_path_parameters(published)
    for item in published["paths"].values():
        for m in METHODS:
            for p in item.get(m, {}).get("parameters", []):
                if p["in"] == "path":
                    assert p["schema"]["type"] == "string", p["name"]
                    assert "anyOf" not in p["schema"]


def test_the_published_form_generates_every_operation(vendored, tmp_path, monkeypatch):
    published = tmp_path / API.spec_file
    published.write_text(yaml.safe_dump(_published(vendored)), encoding="utf-8")
    monkeypatch.setattr(apis.Api, "spec", property(lambda self: published))
    spec = merge_spec.merged_spec(API)
    ops = [op for item in spec["paths"].values() for m in METHODS if (op := item.get(m))]
    generated = importlib.import_module(f"{API.package}.api")
    modules = [
        m
        for tag in pkgutil.iter_modules(generated.__path__)
        for m in pkgutil.iter_modules(
            importlib.import_module(f"{API.package}.api.{tag.name}").__path__
        )
    ]
    assert len(ops) == len(modules)


def test_unseen_operation_ids_take_the_guess_and_say_so(vendored, merged):
    guessed = 0
    for path, item in vendored["paths"].items():
        for m in METHODS:
            op = item.get(m)
            if op and "operationId" not in op:
                assert merged["paths"][path][m]["operationId"] == op["x-devin-operationId-guess"]
                assert merged["paths"][path][m]["x-operationId-guessed"] is True
                guessed += 1
    assert guessed > 0


def test_create_takes_the_seed_pages_devin_modes(merged):
    mode = merged["components"]["schemas"]["SessionCreateRequest"]["properties"]["devin_mode"]
    assert mode["anyOf"][0]["enum"] == ["normal", "fast"]


def _session(**extra: Any) -> dict[str, Any]:
    return {
        "session_id": "devin-1",
        "url": "https://app.devin.ai/sessions/1",
        "status": "running",
        "tags": [],
        "org_id": "org-1",
        "created_at": 1,
        "updated_at": 2,
        "acus_consumed": 0.5,
        "pull_requests": [],
        **extra,
    }


def test_a_new_status_or_status_detail_never_breaks_parsing():
    known = SessionResponse.from_dict(_session(status_detail="finished"))
    assert known.status is SessionStatus.RUNNING
    assert known.status_detail is SessionStatusDetail.FINISHED
    drifted = SessionResponse.from_dict(_session(status="creating", status_detail="warming_up"))
    assert drifted.status == "creating"
    assert drifted.status_detail == "warming_up"
    assert drifted.to_dict()["status"] == "creating"


def test_problem_detail_reads_the_rfc_9457_body():
    problem = ProblemDetail.from_dict(
        {"type": "about:blank", "title": "Unprocessable", "status": 422, "detail": "bad",
         "errors": [{"loc": ["body", "first"], "msg": "too big", "type": "less_than_equal"}]}
    )  # fmt: skip
    assert problem.status == 422
    assert problem.title == "Unprocessable"


def test_the_idempotent_writes_are_retry_safe_and_create_is_not(merged):
    from devin_api_v3.api.sessions import (
        handle_create_session_v3_organizations_org_id_sessions_post as create,
    )
    from devin_api_v3.api.sessions import (
        handle_replace_session_tags_v3_organizations_org_id_sessions_devin_id_tags_put as tags,
    )

    assert create.OPERATION.retry_safe is False
    assert tags.OPERATION.retry_safe is True
