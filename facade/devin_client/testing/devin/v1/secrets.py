"""v1 secrets: list (never a value), create (201), delete."""

from __future__ import annotations

from typing import Any

from ..._kernel.api import Call, Handlers
from .._shared import iso
from ..backend import DevinBackend
from ..secrets import Secrets

__all__ = ["handlers"]

handlers = Handlers[DevinBackend]()


def _secrets(call: Call[DevinBackend]) -> Secrets:
    return call.state.org(call.principal.org_id).secrets


@handlers("GET /v1/secrets")
def list_secrets(call: Call[DevinBackend]) -> Any:
    return [
        {"id": s.id, "type": s.type, "key": s.key, "created_at": iso(s.created_at)}
        for s in _secrets(call).listing()
    ]


@handlers("POST /v1/secrets")
def create_secret(call: Call[DevinBackend]) -> Any:
    body = call.body
    record = _secrets(call).create(
        key=body["key"],
        type=body["type"],
        value=body["value"],
        sensitive=body["sensitive"],
        note=body["note"],
    )
    return {"id": record.id}


@handlers("DELETE /v1/secrets/{secret_id}")
def delete_secret(call: Call[DevinBackend]) -> Any:
    _secrets(call).delete(call.path["secret_id"])
    return {"message": "Secret deleted successfully"}
