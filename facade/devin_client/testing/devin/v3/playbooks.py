"""v3 playbooks: list, create, get, full replacement, delete.

The playbooks are the backend's, shared with v1 (same ids, same objects; v1's team playbooks
read as ``access_type: "org"``). A ``macro`` must start with ``!`` followed by letters, digits,
``_`` or ``-`` (described in the docs, no pattern published): anything else is 422. PUT
replaces title, body and macro (an absent macro becomes ``null``). DELETE answers the playbook
as it was, after which it reads as 404. The list is oldest first. The organisation-wide switch
``store.set_permissions(org, manage_playbooks=False)`` refuses writes through both versions.
"""

from __future__ import annotations

import re
from typing import Any, Final

from ..._kernel.api import Call
from .._shared import InvalidInput
from ..backend import DevinBackend
from ..playbooks import PlaybookRecord
from ._base import V3Handlers, micros, org, paged, seconds
from .permissions import PLAYBOOKS

__all__ = ["handlers", "playbook_json"]

handlers = V3Handlers()

PLAYBOOKS_PATH = "/v3/organizations/{org_id}/playbooks"
_MACRO: Final = re.compile(r"^![A-Za-z0-9_-]+$")


def playbook_json(playbook: PlaybookRecord) -> dict[str, Any]:
    """A playbook as v3's ``PlaybookResponse``."""
    return {
        "playbook_id": playbook.playbook_id,
        "title": playbook.title,
        "body": playbook.body,
        "macro": playbook.macro,
        "org_id": playbook.org_id,
        "access_type": "org",
        "created_at": seconds(playbook.created_at),
        "updated_at": seconds(playbook.updated_at),
        "created_by": playbook.user_id,
        "updated_by": playbook.user_id,
    }


def _fields(call: Call[DevinBackend]) -> dict[str, Any]:
    body = call.body
    macro = body.get("macro")
    if macro is not None and not _MACRO.match(macro):
        raise InvalidInput(
            ["body", "macro"], "A macro starts with '!' followed by letters, digits, _ or -"
        )
    return {"title": body["title"], "body": body["body"], "macro": macro}


@handlers(f"GET {PLAYBOOKS_PATH}", needs=PLAYBOOKS)
def list_playbooks(call: Call[DevinBackend]) -> Any:
    items = org(call).playbooks.listing()
    return paged(
        call,
        items,
        kind="playbooks",
        key=lambda p: (micros(p.created_at), p.playbook_id),
        render=playbook_json,
    )


@handlers(f"POST {PLAYBOOKS_PATH}", needs=PLAYBOOKS)
def create_playbook(call: Call[DevinBackend]) -> Any:
    return playbook_json(org(call).playbooks.create(_fields(call)))


@handlers(f"GET {PLAYBOOKS_PATH}/{{playbook_id}}", needs=PLAYBOOKS)
def get_playbook(call: Call[DevinBackend]) -> Any:
    return playbook_json(org(call).playbooks.find(call.path["playbook_id"]))


@handlers(f"PUT {PLAYBOOKS_PATH}/{{playbook_id}}", needs=PLAYBOOKS)
def update_playbook(call: Call[DevinBackend]) -> Any:
    playbooks = org(call).playbooks
    playbooks.find(call.path["playbook_id"])  # 404 before the body's rules
    return playbook_json(playbooks.edit(call.path["playbook_id"], _fields(call)))


@handlers(f"DELETE {PLAYBOOKS_PATH}/{{playbook_id}}", needs=PLAYBOOKS)
def delete_playbook(call: Call[DevinBackend]) -> Any:
    return playbook_json(org(call).playbooks.delete(call.path["playbook_id"]))
