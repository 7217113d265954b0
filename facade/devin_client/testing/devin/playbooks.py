"""Playbooks: one organisation's team playbooks; writing them takes a permission the
organisation may lack (403)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from .._kernel.errors import Forbidden
from ._shared import NotFound, Shared, iso, new_id

__all__ = ["MANAGE_PLAYBOOKS", "Playbooks"]

MANAGE_PLAYBOOKS: Final = "ManageOrgPlaybooks"


class Playbooks(dict[str, dict[str, Any]]):
    """One organisation's playbooks (a dict: id -> playbook; deleted ones stay, marked so).

    Attributes:
        can_manage: ``False`` makes writes answer 403 (missing ``ManageOrgPlaybooks``).
    """

    def __init__(self, shared: Shared, org_id: str) -> None:
        super().__init__()
        self._shared = shared
        self._org_id = org_id
        self.can_manage = True

    def _writable(self) -> None:
        if not self.can_manage:
            raise Forbidden(MANAGE_PLAYBOOKS)

    def find(self, playbook_id: str) -> dict[str, Any]:
        """A live playbook.

        Raises:
            NotFound: Not in this organisation, or deleted.
        """
        with self._shared.lock:
            playbook = self.get(playbook_id)
            if playbook is None or playbook["status"] == "deleted":
                raise NotFound("Playbook")
            return playbook

    def create(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """Create a team playbook.

        Raises:
            Forbidden: Without the ManageOrgPlaybooks permission.
        """
        with self._shared.lock:
            self._writable()
            now = iso(self._shared.now())
            playbook = {
                "playbook_id": new_id("playbook-"),
                "org_id": self._org_id,
                "title": body["title"],
                "body": body["body"],
                "macro": body.get("macro"),
                "access_type": "team",
                "status": "published",
                "created_at": now,
                "updated_at": now,
                "created_by_user_id": "user-mock",
                "created_by_user_name": "Mock User",
                "updated_by_user_id": "user-mock",
                "updated_by_user_name": "Mock User",
            }
            self[playbook["playbook_id"]] = playbook
            return dict(playbook)

    def listing(self) -> list[dict[str, Any]]:
        """The playbooks that are not deleted."""
        with self._shared.lock:
            return [dict(p) for p in self.values() if p["status"] != "deleted"]

    def edit(self, playbook_id: str, changes: Mapping[str, Any]) -> None:
        """Change a live playbook (``updated_at`` too).

        Raises:
            NotFound: Not in this organisation, or deleted.
            Forbidden: Without the ManageOrgPlaybooks permission.
        """
        with self._shared.lock:
            playbook = self.find(playbook_id)
            self._writable()
            playbook.update(changes, updated_at=iso(self._shared.now()))

    def delete(self, playbook_id: str) -> None:
        """Mark a live playbook deleted and drop its macro.

        Raises:
            NotFound: Not in this organisation, or deleted.
            Forbidden: Without the ManageOrgPlaybooks permission.
        """
        self.edit(playbook_id, {"status": "deleted", "macro": None})
