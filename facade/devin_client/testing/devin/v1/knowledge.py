"""v1 knowledge: notes and (read-only) folders."""

from __future__ import annotations

from typing import Any

from ..._kernel.api import Call, Handlers
from .._shared import iso
from ..backend import DevinBackend
from ..knowledge import Knowledge, NoteRecord

__all__ = ["handlers", "note_json"]

handlers = Handlers[DevinBackend]()


def _knowledge(call: Call[DevinBackend]) -> Knowledge:
    return call.state.org(call.principal.org_id).knowledge


def note_json(note: NoteRecord) -> dict[str, Any]:
    """A note as v1's ``KnowledgeResponse``."""
    return {
        "id": note.note_id,
        "name": note.name,
        "body": note.body,
        "trigger_description": note.trigger,
        "macro": note.macro,
        "parent_folder_id": note.folder_id,
        "pinned_repo": note.pinned_repo,
        "created_at": iso(note.created_at),
        "created_by": {"full_name": note.created_by, "id": None, "image_url": None},
    }


def _fields(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": body["name"],
        "body": body["body"],
        "trigger": body["trigger_description"],
        "macro": body.get("macro"),
        "folder_id": body.get("parent_folder_id"),
        "pinned_repo": body.get("pinned_repo"),
    }


@handlers("GET /v1/knowledge")
def list_knowledge(call: Call[DevinBackend]) -> Any:
    knowledge = _knowledge(call)
    return {
        "knowledge": [note_json(k) for k in list(knowledge.values())],
        "folders": [dict(f) for f in list(knowledge.folders.values())],
    }


@handlers("POST /v1/knowledge")
def create_knowledge(call: Call[DevinBackend]) -> Any:
    return note_json(_knowledge(call).put(_fields(call.body)))


@handlers("PUT /v1/knowledge/{note_id}")
def update_knowledge(call: Call[DevinBackend]) -> Any:
    return note_json(_knowledge(call).put(_fields(call.body), note_id=call.path["note_id"]))


@handlers("DELETE /v1/knowledge/{note_id}")
def delete_knowledge(call: Call[DevinBackend]) -> Any:
    _knowledge(call).delete(call.path["note_id"])
