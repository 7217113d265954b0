"""v1 playbooks: team playbooks; writes need ``ManageOrgPlaybooks``."""

from __future__ import annotations

from typing import Any

from ..._kernel.api import Call, Handlers
from .._shared import iso
from ..backend import DevinBackend
from ..playbooks import PlaybookRecord, Playbooks

__all__ = ["handlers", "playbook_json"]

handlers = Handlers[DevinBackend]()
_DONE = {"status": "success"}


def _playbooks(call: Call[DevinBackend]) -> Playbooks:
    return call.state.org(call.principal.org_id).playbooks


def playbook_json(playbook: PlaybookRecord) -> dict[str, Any]:
    """A playbook as v1's ``PlaybookResponse``."""
    return {
        "playbook_id": playbook.playbook_id,
        "org_id": playbook.org_id,
        "title": playbook.title,
        "body": playbook.body,
        "macro": playbook.macro,
        "access_type": "team",
        "status": "deleted" if playbook.deleted else "published",
        "created_at": iso(playbook.created_at),
        "updated_at": iso(playbook.updated_at),
        "created_by_user_id": playbook.user_id,
        "created_by_user_name": playbook.user_name,
        "updated_by_user_id": playbook.user_id,
        "updated_by_user_name": playbook.user_name,
    }


@handlers("GET /v1/playbooks")
def list_playbooks(call: Call[DevinBackend]) -> Any:
    return [playbook_json(p) for p in _playbooks(call).listing()]


@handlers("POST /v1/playbooks")
def create_playbook(call: Call[DevinBackend]) -> Any:
    return playbook_json(_playbooks(call).create(call.body))


@handlers("GET /v1/playbooks/{playbook_id}")
def get_playbook(call: Call[DevinBackend]) -> Any:
    return playbook_json(_playbooks(call).find(call.path["playbook_id"]))


@handlers("PUT /v1/playbooks/{playbook_id}")
def update_playbook(call: Call[DevinBackend]) -> Any:
    body = call.body
    changes = {"title": body["title"], "body": body["body"], "macro": body.get("macro")}
    _playbooks(call).edit(call.path["playbook_id"], changes)
    return dict(_DONE)


@handlers("DELETE /v1/playbooks/{playbook_id}")
def delete_playbook(call: Call[DevinBackend]) -> Any:
    _playbooks(call).delete(call.path["playbook_id"])
    return dict(_DONE)
