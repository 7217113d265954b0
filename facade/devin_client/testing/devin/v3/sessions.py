"""v3 sessions: list, create, get, terminate, archive/unarchive, attachments, messages, tags.

The sessions are the backend's, shared with v1: a session created through either version is
read, messaged and tagged through the other. Their state reads through the one mapping of
:mod:`..status`. Choices the docs leave open (each marked "inferred" in the notes):

- create answers ``status: "new"`` with ``status_detail``, ``category``, ``subcategory`` and
  ``structured_output`` null ("only populated on get/list"); the first GET applies the first
  scripted step (``running``/``working``);
- an unknown ``platform`` is 400 listing the organisation's labels (matched without regard to
  case; ``default`` and ``inherit`` always pass);
- ``structured_output_schema`` over 64 KB or with an external ``$ref`` is 422;
- ``devin_mode`` reads ``normal`` when the create did not choose one (the org default);
- list filters: ``tags`` match a session with any of them; ``created_*``/``updated_*`` bounds
  are inclusive, in Unix seconds; ``user_ids`` match ``create_as_user_id``, ``repo_names`` the
  create's ``repos``; filters the mock has nothing for (``schedule_id``, ``automation_ids``,
  ``category``) match no session when given;
- a message to an ended session is 409, to an archived one 409 (archived sessions "can still be
  viewed but not modified or resumed"), to a suspended one resumes it (``resuming``);
- terminating an ended session is 409; terminate sets ``exit``, ``?archive=true`` archives too;
- archive suspends a running session (``suspended``/``user_request``); unarchive clears the
  flag only (the session stays asleep; children are not touched);
- tags: PUT replaces; POST appends without duplicates, existing first; an append that would
  leave more than the spec's 50 tags is 422 (``store.tag_overflow = "cap"`` keeps the first
  50 instead).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from ..._kernel.api import Call
from ..._kernel.spec import load_document
from .._shared import InvalidInput, StoreError
from ..attachment_lines import read_call
from ..backend import DevinBackend, OrgState
from ..keys import service_user_id
from ..sessions import ScriptProblem, SessionFile, SessionRecord
from ..structured import schema_problem
from ._base import PACKAGE, V3Handlers, micros, org, paged, require, seconds
from .permissions import IMPERSONATE, MANAGE_SESSIONS, VIEW_SESSIONS

__all__ = [
    "SESSION",
    "SESSIONS",
    "filtered",
    "handlers",
    "session_json",
    "session_url",
    "tag_limit",
]

handlers = V3Handlers()

SESSIONS = "/v3/organizations/{org_id}/sessions"
SESSION = SESSIONS + "/{devin_id}"
_ALWAYS_ACCEPTED_PLATFORMS = frozenset({"default", "inherit"})


@functools.cache
def tag_limit() -> int | None:
    """The most tags a request may carry (``SessionTagsUpdateRequest.tags.maxItems``)."""
    schema = load_document(PACKAGE)["components"]["schemas"]["SessionTagsUpdateRequest"]
    limit = schema["properties"]["tags"].get("maxItems")
    return int(limit) if isinstance(limit, int) else None


def session_url(record: SessionRecord) -> str:
    """The web app's URL of a session."""
    return f"https://app.devin.ai/sessions/{record.session_id.removeprefix('devin-')}"


def session_json(record: SessionRecord, *, created: bool = False) -> dict[str, Any]:
    """A session as v3's ``SessionResponse`` (every field, nullable ones as ``null``).

    Args:
        record: The session.
        created: The create's answer: ``status_detail``, ``structured_output``, ``category``
            and ``subcategory`` are "only populated on get/list".
    """
    req = record.request
    output = record.structured_output if isinstance(record.structured_output, dict) else None
    pull_requests = (
        [{"pr_url": record.pull_request_url, "pr_state": "open"}] if record.pull_request_url else []
    )
    return {
        "session_id": record.session_id,
        "url": session_url(record),
        "status": record.v3_status,
        "status_detail": None if created else record.status_detail,
        "title": record.title,
        "tags": list(record.tags or []),
        "org_id": record.org_id,
        "created_at": seconds(record.created_at),
        "updated_at": seconds(record.updated_at),
        "acus_consumed": record.acus_consumed,
        "pull_requests": pull_requests,
        "structured_output": None if created else output,
        "category": None,
        "subcategory": None,
        "devin_mode": req.get("devin_mode") or "normal",
        "is_archived": record.is_archived,
        "origin": record.origin,
        "playbook_id": req.get("playbook_id"),
        "parent_session_id": record.parent_session_id,
        "child_session_ids": [],
        "service_user_id": record.service_user_id,
        "user_id": record.user_id,
        "automation_id": None,
    }


def _attachment_json(file: SessionFile) -> dict[str, Any]:
    return {
        "attachment_id": file.attachment_id,
        "name": file.name,
        "url": file.url,
        "source": file.source,
        "content_type": file.content_type,
    }


def session_files(state: OrgState, urls: Sequence[str] | None) -> list[SessionFile]:
    """The files ``attachment_urls`` name: this organisation's uploads by their uuid (through
    either version's URL), any other URL as a file of its own."""
    files: list[SessionFile] = []
    for url in urls or ():
        parts = [unquote(p) for p in urlsplit(url).path.split("/")]
        found = None
        if len(parts) >= 3 and "attachments" in parts[:-2]:
            found = state.attachments.get((parts[-2], parts[-1]))
        if found is not None:
            files.append(SessionFile(found.uuid, found.name, url, "user", found.content_type))
        else:
            name = parts[-1] if parts and parts[-1] else "file"
            digest = hashlib.sha256(url.encode()).hexdigest()[:32]
            files.append(SessionFile(f"att-{digest}", name, url, "user"))
    return files


def _in(values: Sequence[Any] | None, value: Any) -> bool:
    return values is None or value in values


def filtered(call: Call[DevinBackend], records: list[SessionRecord]) -> list[SessionRecord]:
    """The sessions a listing's filters keep (see the module docstring), order unchanged."""
    q = call.query

    def keep(r: SessionRecord) -> bool:
        created, updated = seconds(r.created_at), seconds(r.updated_at)
        repos = r.request.get("repos") or []
        return (
            _in(q.get("session_ids"), r.session_id)
            and (q.get("created_after") is None or created >= q["created_after"])
            and (q.get("created_before") is None or created <= q["created_before"])
            and (q.get("updated_after") is None or updated >= q["updated_after"])
            and (q.get("updated_before") is None or updated <= q["updated_before"])
            and (not q.get("tags") or bool(set(q["tags"]) & set(r.tags or [])))
            and (q.get("playbook_id") is None or r.request.get("playbook_id") == q["playbook_id"])
            and _in(q.get("origins"), r.origin)
            and q.get("schedule_id") is None
            and _in(q.get("user_ids"), r.user_id)
            and _in(q.get("service_user_ids"), r.service_user_id)
            and q.get("category") is None
            and (q.get("is_archived") is None or r.is_archived == q["is_archived"])
            and (
                q.get("parent_session_id") is None or r.parent_session_id == q["parent_session_id"]
            )
            and (not q.get("repo_names") or bool(set(q["repo_names"]) & set(repos)))
            and not q.get("automation_ids")
        )

    return [r for r in records if keep(r)]


def _key(record: SessionRecord) -> tuple[int, str]:
    return micros(record.created_at), record.session_id


@handlers(f"GET {SESSIONS}", needs=VIEW_SESSIONS)
def list_sessions(call: Call[DevinBackend]) -> Any:
    records = filtered(call, org(call).sessions.listing())
    return paged(call, records, kind="sessions", key=_key, render=session_json, descending=True)


def _platform(state: OrgState, wanted: Any) -> str | None:
    if wanted is None or str(wanted).lower() in _ALWAYS_ACCEPTED_PLATFORMS:
        return None
    for label in state.platforms:
        if label.lower() == str(wanted).lower():
            return label
    # The value is not echoed (messages never quote request values); the labels are the org's.
    raise StoreError(
        400, "Unknown platform. Available platforms: " + ", ".join(state.platforms or ["(none)"])
    )


@handlers(f"POST {SESSIONS}", needs=MANAGE_SESSIONS)
async def create_session(call: Call[DevinBackend]) -> Any:
    body, state = call.body, org(call)
    if body.get("create_as_user_id") is not None:
        require(call, IMPERSONATE, "create_as_user_id")
    schema = body.get("structured_output_schema")
    if isinstance(schema, Mapping):
        problem = await asyncio.to_thread(schema_problem, schema)
        if problem is not None:
            raise InvalidInput(["body", "structured_output_schema"], f"The schema {problem}")
    platform = _platform(state, body.get("platform"))
    urls = body.get("attachment_urls")
    reading = read_call(call, state.org_id, text=body["prompt"], urls=urls, where="prompt")
    create = functools.partial(
        state.sessions.create,
        state.org_id,
        body,
        call.state.user_email(call.principal.key),
        service_user_id=service_user_id(call.principal.key),
        platform=platform,
        files=session_files(state, urls),
        received=reading.files,
    )
    # Making the structured output for a schema is bounded work, but kept off the event loop.
    record, _ = await asyncio.to_thread(create) if isinstance(schema, Mapping) else create()
    reading.report(call.records, record.session_id)
    if record.script_problem is not None:
        call.records.issue(ScriptProblem(record.session_id, record.script_problem))
    return session_json(record, created=True)


@handlers(f"GET {SESSION}", needs=VIEW_SESSIONS)
def get_session(call: Call[DevinBackend]) -> Any:
    return session_json(org(call).sessions.read(call.path["devin_id"]))


@handlers(f"DELETE {SESSION}", needs=MANAGE_SESSIONS)
def terminate_session(call: Call[DevinBackend]) -> Any:
    archive = call.query.get("archive") is True
    return session_json(org(call).sessions.terminate(call.path["devin_id"], archive=archive))


@handlers(f"POST {SESSION}/archive", needs=MANAGE_SESSIONS)
def archive_session(call: Call[DevinBackend]) -> Any:
    return session_json(org(call).sessions.archive(call.path["devin_id"]))


@handlers(f"POST {SESSION}/unarchive", needs=MANAGE_SESSIONS)
def unarchive_session(call: Call[DevinBackend]) -> Any:
    return session_json(org(call).sessions.unarchive(call.path["devin_id"]))


@handlers(f"GET {SESSION}/attachments", needs=VIEW_SESSIONS)
def session_attachments(call: Call[DevinBackend]) -> Any:
    record = org(call).sessions.find(call.path["devin_id"])
    return [_attachment_json(f) for f in list(record.files)]


def _message_json(item: tuple[int, dict[str, Any]]) -> dict[str, Any]:
    message = item[1]
    return {
        "event_id": message["event_id"],
        "source": "devin" if message["type"] == "devin_message" else "user",
        "message": message["message"],
        "created_at": seconds(datetime.fromisoformat(message["timestamp"])),
    }


@handlers(f"GET {SESSION}/messages", needs=VIEW_SESSIONS)
def list_messages(call: Call[DevinBackend]) -> Any:
    record = org(call).sessions.find(call.path["devin_id"])
    items = list(enumerate(record.messages))
    return paged(
        call,
        items,
        kind=f"messages:{record.session_id}",
        key=lambda item: (item[0], item[1]["event_id"]),
        render=_message_json,
    )


@handlers(f"POST {SESSION}/messages", needs=MANAGE_SESSIONS)
def send_message(call: Call[DevinBackend]) -> Any:
    body, state = call.body, org(call)
    if body.get("message_as_user_id") is not None:
        require(call, IMPERSONATE, "message_as_user_id")
    session_id, urls = call.path["devin_id"], body.get("attachment_urls")
    reading = read_call(call, state.org_id, text=body["message"], urls=urls, where="message")
    state.sessions.send_message(
        session_id,
        body["message"],
        files=session_files(state, urls),
        received=reading.files,
        refuse_archived=True,
    )
    reading.report(call.records, session_id)
    return session_json(state.sessions.find(session_id))


@handlers(f"GET {SESSION}/tags", needs=VIEW_SESSIONS)
def get_tags(call: Call[DevinBackend]) -> Any:
    return {"tags": list(org(call).sessions.find(call.path["devin_id"]).tags or [])}


@handlers(f"PUT {SESSION}/tags", needs=MANAGE_SESSIONS)
def replace_tags(call: Call[DevinBackend]) -> Any:
    record = org(call).sessions.edit_tags(call.path["devin_id"], call.body["tags"])
    return {"tags": list(record.tags or [])}


@handlers(f"POST {SESSION}/tags", needs=MANAGE_SESSIONS)
def append_tags(call: Call[DevinBackend]) -> Any:
    sessions, session_id = org(call).sessions, call.path["devin_id"]
    limit = tag_limit()
    reject = call.state.tag_overflow == "reject"
    try:
        tags = sessions.append_tags(session_id, call.body["tags"], limit=limit if reject else None)
    except StoreError as exc:
        if exc.status != 422:
            raise
        raise InvalidInput(["body", "tags"], exc.detail) from None
    if limit is not None and len(tags) > limit:  # "cap": keep the first ones
        tags = sessions.edit_tags(session_id, tags[:limit]).tags or []
    return {"tags": list(tags)}
