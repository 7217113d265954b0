"""Knowledge: one organisation's notes, and the folders they may sit in.

A note is one object whichever version reads it: v1's "knowledge" and v3's "knowledge notes"
are the same records (v1's ``trigger_description`` and ``parent_folder_id`` are v3's
``trigger`` and ``folder_id``; ids keep the ``note-`` prefix in both).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ._shared import NotFound, Shared, iso, new_id

__all__ = ["Knowledge", "NoteRecord"]

# The fields a create or a full replacement sets (each version names two of them its own way).
_FIELDS = ("name", "body", "trigger", "folder_id", "pinned_repo", "macro", "is_enabled")


@dataclass
class NoteRecord:
    """A knowledge note, version-neutral."""

    note_id: str
    name: str
    body: str = field(repr=False)
    trigger: str = field(repr=False)
    created_at: datetime
    updated_at: datetime
    folder_id: str | None = None
    pinned_repo: str | None = None
    macro: str | None = None
    is_enabled: bool = True
    created_by: str = "Mock User"


class Knowledge(dict[str, NoteRecord]):
    """One organisation's notes (a dict: note id -> record, oldest first) and its
    :attr:`folders`.

    Attributes:
        folders: Folder id -> folder (v1's ``FolderResponse`` JSON: ``id``, ``name``,
            ``description``, ``created_at``). Folders are flat: the API has no route that
            creates one, so only tests do (``store.add_folder``).
    """

    def __init__(self, shared: Shared) -> None:
        super().__init__()
        self._shared = shared
        self.folders: dict[str, dict[str, Any]] = {}

    def add_folder(self, name: str, description: str = "") -> dict[str, Any]:
        """Create a folder; returns it (its ``id`` is a note's ``parent_folder_id``)."""
        with self._shared.lock:
            folder = {
                "id": new_id("folder-"),
                "name": name,
                "description": description,
                "created_at": iso(self._shared.now()),
            }
            self.folders[folder["id"]] = folder
            return dict(folder)

    def folder_path(self, folder_id: str | None) -> str:
        """Where a note sits: ``/`` for the root, ``/<folder name>`` in a folder (a folder the
        organisation does not have reads as the root)."""
        folder = self.folders.get(folder_id or "")
        return f"/{folder['name']}" if folder else "/"

    def put(self, fields: Mapping[str, Any], note_id: str | None = None) -> NoteRecord:
        """Create a note, or replace one when ``note_id`` is given.

        Args:
            fields: Any of ``name``, ``body``, ``trigger``, ``folder_id``, ``pinned_repo``,
                ``macro``, ``is_enabled``; on a replacement, a field not given keeps its value.
            note_id: The note to replace.

        Raises:
            NotFound: ``note_id`` is not in this organisation.
        """
        with self._shared.lock:
            now = self._shared.now()
            if note_id is None:
                record = NoteRecord(
                    note_id=new_id("note-"),
                    name=fields["name"],
                    body=fields["body"],
                    trigger=fields["trigger"],
                    created_at=now,
                    updated_at=now,
                )
                self[record.note_id] = record
            else:
                record = self.find(note_id)
                record.updated_at = now
            for key in _FIELDS:
                if key in fields and not (key == "is_enabled" and fields[key] is None):
                    setattr(record, key, fields[key])
            return record

    def find(self, note_id: str) -> NoteRecord:
        """A note of this organisation.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            record = self.get(note_id)
        if record is None:
            raise NotFound("Knowledge")
        return record

    def delete(self, note_id: str) -> NoteRecord:
        """Delete a note; returns it.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            record = self.pop(note_id, None)
        if record is None:
            raise NotFound("Knowledge")
        return record
