"""Playbooks: one organisation's team playbooks; writing them takes a permission the
organisation may lack (403).

A playbook is one object whichever version reads it (v1's team playbooks are v3's org
playbooks; ids keep the ``playbook-`` prefix in both). A deleted playbook stays in the store,
marked so, and reads as 404 through either version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from .._kernel.errors import Forbidden
from ._shared import NotFound, Shared, new_id

__all__ = ["MANAGE_PLAYBOOKS", "PlaybookRecord", "Playbooks"]

MANAGE_PLAYBOOKS: Final = "ManageOrgPlaybooks"


@dataclass
class PlaybookRecord:
    """A playbook, version-neutral."""

    playbook_id: str
    org_id: str
    title: str
    body: str = field(repr=False)
    created_at: datetime
    updated_at: datetime
    macro: str | None = None
    deleted: bool = False
    user_id: str = "user-mock"
    user_name: str = "Mock User"


class Playbooks(dict[str, PlaybookRecord]):
    """One organisation's playbooks (a dict: id -> record; deleted ones stay, marked so).

    Attributes:
        can_manage: ``False`` makes writes answer 403 (missing ``ManageOrgPlaybooks``), through
            either version.
    """

    def __init__(self, shared: Shared, org_id: str) -> None:
        super().__init__()
        self._shared = shared
        self._org_id = org_id
        self.can_manage = True

    def _writable(self) -> None:
        if not self.can_manage:
            raise Forbidden(MANAGE_PLAYBOOKS)

    def find(self, playbook_id: str) -> PlaybookRecord:
        """A live playbook.

        Raises:
            NotFound: Not in this organisation, or deleted.
        """
        with self._shared.lock:
            playbook = self.get(playbook_id)
            if playbook is None or playbook.deleted:
                raise NotFound("Playbook")
            return playbook

    def create(self, body: Mapping[str, Any]) -> PlaybookRecord:
        """Create a playbook from ``title``, ``body`` and ``macro``.

        Raises:
            Forbidden: Without the ManageOrgPlaybooks permission.
        """
        with self._shared.lock:
            self._writable()
            now = self._shared.now()
            playbook = PlaybookRecord(
                playbook_id=new_id("playbook-"),
                org_id=self._org_id,
                title=body["title"],
                body=body["body"],
                macro=body.get("macro"),
                created_at=now,
                updated_at=now,
            )
            self[playbook.playbook_id] = playbook
            return playbook

    def listing(self) -> list[PlaybookRecord]:
        """The playbooks that are not deleted, oldest first."""
        with self._shared.lock:
            return [p for p in self.values() if not p.deleted]

    def edit(self, playbook_id: str, changes: Mapping[str, Any]) -> PlaybookRecord:
        """Change a live playbook's ``title``, ``body`` or ``macro`` (``updated_at`` too).

        Raises:
            NotFound: Not in this organisation, or deleted.
            Forbidden: Without the ManageOrgPlaybooks permission.
        """
        with self._shared.lock:
            playbook = self.find(playbook_id)
            self._writable()
            for key in ("title", "body", "macro"):
                if key in changes:
                    setattr(playbook, key, changes[key])
            playbook.updated_at = self._shared.now()
            return playbook

    def delete(self, playbook_id: str) -> PlaybookRecord:
        """Mark a live playbook deleted and drop its macro; returns it as it was.

        Raises:
            NotFound: Not in this organisation, or deleted.
            Forbidden: Without the ManageOrgPlaybooks permission.
        """
        with self._shared.lock:
            playbook = self.find(playbook_id)
            self._writable()
            before = PlaybookRecord(**vars(playbook))
            playbook.deleted = True
            playbook.macro = None
            playbook.updated_at = self._shared.now()
            return before
