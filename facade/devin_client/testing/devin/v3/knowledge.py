"""v3 knowledge: notes (list with filters, create, get, full replacement, delete) and the
read-only folder tree.

The notes are the backend's, shared with v1's knowledge (same ids, same objects). Choices the
docs leave open: a ``folder_id`` the organisation has no folder for is 404 (inferred); a note's
``folder_path`` is ``/`` at the root and ``/<folder name>`` in a folder (folders are flat); the
list is oldest first; ``search`` matches name, body or trigger without regard to case. PUT uses
the create schema, so it replaces every field it carries (an absent ``folder_id`` or
``pinned_repo`` becomes ``null``, an absent ``is_enabled`` ``true``); the macro, which the
request cannot carry, is kept. DELETE answers the deleted note.
"""

from __future__ import annotations

from typing import Any

from ..._kernel.api import Call
from .._shared import NotFound
from ..backend import DevinBackend
from ..knowledge import Knowledge, NoteRecord
from ._base import V3Handlers, micros, org, paged, seconds
from .permissions import KNOWLEDGE, KNOWLEDGE_NEWER_PAGES

__all__ = ["handlers", "note_json"]

handlers = V3Handlers()

NOTES = "/v3/organizations/{org_id}/knowledge/notes"


def note_json(note: NoteRecord, knowledge: Knowledge, org_id: str) -> dict[str, Any]:
    """A note as v3's ``KnowledgeNoteResponse`` (all 13 required fields)."""
    return {
        "note_id": note.note_id,
        "name": note.name,
        "body": note.body,
        "trigger": note.trigger,
        "folder_id": note.folder_id,
        "folder_path": knowledge.folder_path(note.folder_id),
        "is_enabled": note.is_enabled,
        "macro": note.macro,
        "org_id": org_id,
        "pinned_repo": note.pinned_repo,
        "access_type": "org",
        "created_at": seconds(note.created_at),
        "updated_at": seconds(note.updated_at),
    }


def _fields(call: Call[DevinBackend], knowledge: Knowledge) -> dict[str, Any]:
    body = call.body
    folder_id = body.get("folder_id")
    if folder_id is not None and folder_id not in knowledge.folders:
        raise NotFound("Folder")
    enabled = body.get("is_enabled")
    return {
        "name": body["name"],
        "body": body["body"],
        "trigger": body["trigger"],
        "folder_id": folder_id,
        "pinned_repo": body.get("pinned_repo"),
        "is_enabled": True if enabled is None else enabled,
    }


def _matches(call: Call[DevinBackend], note: NoteRecord, knowledge: Knowledge) -> bool:
    q = call.query
    search = q.get("search")
    if search is not None:
        text = search.lower()
        if not any(text in part.lower() for part in (note.name, note.body, note.trigger)):
            return False
    if q.get("pinned_repo") is not None and note.pinned_repo != q["pinned_repo"]:
        return False
    folder_path = q.get("folder_path")
    return folder_path is None or knowledge.folder_path(note.folder_id) == folder_path


@handlers(f"GET {NOTES}", needs=KNOWLEDGE)
def list_notes(call: Call[DevinBackend]) -> Any:
    state = org(call)
    knowledge = state.knowledge
    notes = [n for n in list(knowledge.values()) if _matches(call, n, knowledge)]
    return paged(
        call,
        notes,
        kind="notes",
        key=lambda n: (micros(n.created_at), n.note_id),
        render=lambda n: note_json(n, knowledge, state.org_id),
    )


@handlers(f"POST {NOTES}", needs=KNOWLEDGE)
def create_note(call: Call[DevinBackend]) -> Any:
    state = org(call)
    note = state.knowledge.put(_fields(call, state.knowledge))
    return note_json(note, state.knowledge, state.org_id)


@handlers(f"GET {NOTES}/{{note_id}}", needs=KNOWLEDGE_NEWER_PAGES)
def get_note(call: Call[DevinBackend]) -> Any:
    state = org(call)
    return note_json(state.knowledge.find(call.path["note_id"]), state.knowledge, state.org_id)


@handlers(f"PUT {NOTES}/{{note_id}}", needs=KNOWLEDGE)
def update_note(call: Call[DevinBackend]) -> Any:
    state = org(call)
    knowledge = state.knowledge
    knowledge.find(call.path["note_id"])  # 404 before the folder is looked at
    note = knowledge.put(_fields(call, knowledge), note_id=call.path["note_id"])
    return note_json(note, knowledge, state.org_id)


@handlers(f"DELETE {NOTES}/{{note_id}}", needs=KNOWLEDGE)
def delete_note(call: Call[DevinBackend]) -> Any:
    state = org(call)
    return note_json(state.knowledge.delete(call.path["note_id"]), state.knowledge, state.org_id)


@handlers("GET /v3/organizations/{org_id}/knowledge/folders", needs=KNOWLEDGE_NEWER_PAGES)
def list_folders(call: Call[DevinBackend]) -> Any:
    knowledge = org(call).knowledge
    notes = list(knowledge.values())
    folders = [
        {
            "folder_id": folder["id"],
            "name": folder["name"],
            "note_count": sum(1 for n in notes if n.folder_id == folder["id"]),
            "parent_folder_id": None,
            "path": knowledge.folder_path(folder["id"]),
        }
        for folder in list(knowledge.folders.values())
    ]
    known = set(knowledge.folders)
    return {"folders": folders, "root_note_count": sum(n.folder_id not in known for n in notes)}
