"""Knowledge: one organisation's notes, and the folders they may sit in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._shared import NotFound, Shared, iso, new_id

__all__ = ["Knowledge"]


class Knowledge(dict[str, dict[str, Any]]):
    """One organisation's notes (a dict: note id -> note) and its :attr:`folders`.

    Attributes:
        folders: Folder id -> folder.
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

    def put(self, body: Mapping[str, Any], note_id: str | None = None) -> dict[str, Any]:
        """Create a note, or replace one when ``note_id`` is given.

        ``parent_folder_id`` is stored as sent (the API does not check it).

        Raises:
            NotFound: ``note_id`` is not in this organisation.
        """
        with self._shared.lock:
            if note_id is not None and note_id not in self:
                raise NotFound("Knowledge")
            previous = self.get(note_id or "")
            note = {
                "id": note_id or new_id("note-"),
                "name": body["name"],
                "body": body["body"],
                "trigger_description": body["trigger_description"],
                "macro": body.get("macro"),
                "parent_folder_id": body.get("parent_folder_id"),
                "pinned_repo": body.get("pinned_repo"),
                "created_at": previous["created_at"] if previous else iso(self._shared.now()),
                "created_by": {"full_name": "Mock User", "id": None, "image_url": None},
            }
            self[note["id"]] = note
            return dict(note)

    def delete(self, note_id: str) -> None:
        """Delete a note.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            if self.pop(note_id, None) is None:
                raise NotFound("Knowledge")
