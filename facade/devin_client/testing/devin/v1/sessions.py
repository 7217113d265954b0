"""v1 sessions: list, create, get (one scripted step per GET), message, tags, terminate.

A ``structured_output_schema`` over 64 KB or with an external ``$ref`` (what the spec's
description forbids) is 422, as in v3.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Mapping
from typing import Any

from ..._kernel.api import Call, Handlers
from ..._kernel.errors import FastApiErrors
from .._shared import iso
from ..attachment_lines import read_call
from ..backend import DevinBackend
from ..sessions import ScriptProblem, SessionRecord, Sessions
from ..structured import schema_problem

__all__ = ["created", "detail", "handlers", "summary"]

handlers = Handlers[DevinBackend]()
_ERRORS = FastApiErrors()


def _sessions(call: Call[DevinBackend]) -> Sessions:
    return call.state.org(call.principal.org_id).sessions


def summary(record: SessionRecord) -> dict[str, Any]:
    """The ``SessionSummary`` JSON of a session."""
    req = record.request
    return {
        "session_id": record.session_id,
        "status": record.status,
        "status_enum": record.status_enum,
        "title": record.title,
        "created_at": iso(record.created_at),
        "updated_at": iso(record.updated_at),
        "snapshot_id": req.get("snapshot_id"),
        "playbook_id": req.get("playbook_id"),
        "tags": list(record.tags) if record.tags is not None else None,
        "pull_request": {"url": record.pull_request_url} if record.pull_request_url else None,
        "structured_output": record.structured_output,
        "requesting_user_email": record.requesting_user_email,
        "devin_mode": req.get("devin_mode"),
        "create_as_user_id": req.get("create_as_user_id"),
    }


def detail(record: SessionRecord) -> dict[str, Any]:
    """The ``GetSessionResponse`` JSON of a session."""
    out = summary(record)
    out.pop("requesting_user_email")
    out["messages"] = [dict(m) for m in record.messages]
    return out


def created(record: SessionRecord, new: bool) -> dict[str, Any]:
    """The ``CreateSessionResponse`` JSON."""
    hex_id = record.session_id.removeprefix("devin-")
    return {
        "session_id": record.session_id,
        "url": f"https://app.devin.ai/sessions/{hex_id}",
        "is_new_session": new,
    }


@handlers("GET /v1/sessions")
def list_sessions(call: Call[DevinBackend]) -> Any:
    q = call.query
    offset = q["skip"] if q.get("skip") is not None else q.get("offset", 0)
    limit = q.get("limit", 100)
    records = _sessions(call).listing(tags=q.get("tags"), user_email=q.get("user_email"))
    start = max(offset, 0)
    page = records[start : start + limit] if limit > 0 else []
    return {"sessions": [summary(r) for r in page]}


@handlers("POST /v1/sessions")
async def create_session(call: Call[DevinBackend]) -> Any:
    sessions, body, org_id = _sessions(call), call.body, call.principal.org_id
    schema = body.get("structured_output_schema")
    if isinstance(schema, Mapping):
        problem = await asyncio.to_thread(schema_problem, schema)
        if problem is not None:
            where: list[str | int] = ["body", "structured_output_schema"]
            return _ERRORS.invalid(
                [{"loc": where, "msg": f"The schema {problem}", "type": "value_error"}]
            )
    reading = read_call(call, org_id, text=body["prompt"], where="prompt")
    create = functools.partial(
        sessions.create,
        org_id,
        body,
        call.state.user_email(call.principal.key),
        received=reading.files,
    )
    if isinstance(schema, Mapping):
        # The session's structured output is made now: bounded work, but not free, and one
        # organisation's schema must never stall everyone else's requests.
        record, new = await asyncio.to_thread(create)
    else:
        record, new = create()
    if new:
        reading.report(call.records, record.session_id)
        if record.script_problem is not None:
            call.records.issue(ScriptProblem(record.session_id, record.script_problem))
    return created(record, new)


@handlers("GET /v1/sessions/{session_id}")
def get_session(call: Call[DevinBackend]) -> Any:
    return detail(_sessions(call).read(call.path["session_id"]))


@handlers("DELETE /v1/sessions/{session_id}")
def terminate_session(call: Call[DevinBackend]) -> Any:
    _sessions(call).terminate(call.path["session_id"])
    return {"detail": "Session terminated successfully"}


@handlers("POST /v1/sessions/{session_id}/message")
def send_message(call: Call[DevinBackend]) -> Any:
    session_id, message = call.path["session_id"], call.body["message"]
    reading = read_call(call, call.principal.org_id, text=message, where="message")
    resumed = _sessions(call).send_message(session_id, message, received=reading.files)
    reading.report(call.records, session_id)
    if resumed:
        return {"detail": "Session is suspended; the message was queued and it is resuming"}
    return None


@handlers("PUT /v1/sessions/{session_id}/tags")
def edit_tags(call: Call[DevinBackend]) -> Any:
    _sessions(call).edit_tags(call.path["session_id"], call.body["tags"])
    return {"detail": "Tags updated successfully"}
