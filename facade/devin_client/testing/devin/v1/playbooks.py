"""v1 playbooks: team playbooks; writes need ``ManageOrgPlaybooks``."""

from __future__ import annotations

from typing import Any

from ..._kernel.api import Call, Handlers
from ..backend import DevinBackend
from ..playbooks import Playbooks

__all__ = ["handlers"]

handlers = Handlers[DevinBackend]()
_DONE = {"status": "success"}


def _playbooks(call: Call[DevinBackend]) -> Playbooks:
    return call.state.org(call.principal.org_id).playbooks


@handlers("GET /v1/playbooks")
def list_playbooks(call: Call[DevinBackend]) -> Any:
    return _playbooks(call).listing()


@handlers("POST /v1/playbooks")
def create_playbook(call: Call[DevinBackend]) -> Any:
    return _playbooks(call).create(call.body)


@handlers("GET /v1/playbooks/{playbook_id}")
def get_playbook(call: Call[DevinBackend]) -> Any:
    return dict(_playbooks(call).find(call.path["playbook_id"]))


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
