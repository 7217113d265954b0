"""v1 knowledge: notes and (read-only) folders."""

from __future__ import annotations

from typing import Any

from ..._kernel.api import Call, Handlers
from ..backend import DevinBackend
from ..knowledge import Knowledge

__all__ = ["handlers"]

handlers = Handlers[DevinBackend]()


def _knowledge(call: Call[DevinBackend]) -> Knowledge:
    return call.state.org(call.principal.org_id).knowledge


@handlers("GET /v1/knowledge")
def list_knowledge(call: Call[DevinBackend]) -> Any:
    knowledge = _knowledge(call)
    return {
        "knowledge": [dict(k) for k in knowledge.values()],
        "folders": [dict(f) for f in knowledge.folders.values()],
    }


@handlers("POST /v1/knowledge")
def create_knowledge(call: Call[DevinBackend]) -> Any:
    return _knowledge(call).put(call.body)


@handlers("PUT /v1/knowledge/{note_id}")
def update_knowledge(call: Call[DevinBackend]) -> Any:
    return _knowledge(call).put(call.body, note_id=call.path["note_id"])


@handlers("DELETE /v1/knowledge/{note_id}")
def delete_knowledge(call: Call[DevinBackend]) -> Any:
    _knowledge(call).delete(call.path["note_id"])
