"""v3 session insights: the list, one session's, and generating them.

An insight is the session's ``SessionResponse`` plus message counts, a size and an
``analysis`` that stays ``null`` until generated. Generating answers ``started`` the first
time (and after a failure: set the record's ``insights`` to ``"failed"``), ``already_exists``
after that; the mock's analysis is ready at once (inferred: the real one takes a while, which a
client cannot tell from here but by polling). The size grows with the number of messages (xs
up to 2, s up to 5, m up to 10, l up to 20, xl beyond; inferred). The list takes the sessions
list's filters and pages the same way.
"""

from __future__ import annotations

from typing import Any

from ..._kernel.api import Call
from ..backend import DevinBackend
from ..sessions import SessionRecord
from ._base import V3Handlers, micros, org, paged
from .permissions import MANAGE_SESSIONS, VIEW_SESSIONS
from .sessions import SESSION, SESSIONS, filtered, session_json

__all__ = ["handlers", "insights_json"]

handlers = V3Handlers()

_SIZES = ((2, "xs"), (5, "s"), (10, "m"), (20, "l"))


def _analysis(record: SessionRecord) -> dict[str, Any]:
    timeline = [
        {
            "title": "Devin" if m["type"] == "devin_message" else "User",
            "description": str(m["message"])[:200],
            "color": None,
            "issue_id": None,
        }
        for m in record.messages[:20]
    ]
    return {
        "classification": {
            "category": "other",
            "confidence": 0.5,
            "programming_languages": [],
            "tools_and_frameworks": [],
        },
        "issues": [],
        "action_items": [],
        "timeline": timeline,
        "suggested_prompt": {
            "original_prompt": record.prompt,
            "suggested_prompt": record.prompt,
            "feedback_items": [],
        },
        "note_usage": {"good_usages": [], "bad_usages": []},
    }


def insights_json(record: SessionRecord) -> dict[str, Any]:
    """A session as v3's ``SessionInsightsResponse``."""
    devin = sum(1 for m in record.messages if m["type"] == "devin_message")
    size = next((name for most, name in _SIZES if len(record.messages) <= most), "xl")
    return {
        **session_json(record),
        "num_devin_messages": devin,
        "num_user_messages": len(record.messages) - devin,
        "session_size": size,
        "analysis": _analysis(record) if record.insights == "done" else None,
    }


def _key(record: SessionRecord) -> tuple[int, str]:
    return micros(record.created_at), record.session_id


@handlers(f"GET {SESSIONS}/insights", needs=VIEW_SESSIONS)
def list_insights(call: Call[DevinBackend]) -> Any:
    records = filtered(call, org(call).sessions.listing())
    return paged(call, records, kind="insights", key=_key, render=insights_json, descending=True)


@handlers(f"GET {SESSION}/insights", needs=VIEW_SESSIONS)
def get_insights(call: Call[DevinBackend]) -> Any:
    return insights_json(org(call).sessions.find(call.path["devin_id"]))


@handlers(f"POST {SESSION}/insights/generate", needs=MANAGE_SESSIONS)
def generate_insights(call: Call[DevinBackend]) -> Any:
    session_id = call.path["devin_id"]
    return {"session_id": session_id, "status": org(call).sessions.generate_insights(session_id)}
