"""v3 secrets: list (metadata only, never a value), create, delete.

The secrets are the backend's, shared with v1 (same ids, same objects: v1's ``sensitive`` is
``is_sensitive``, which defaults to true). A key that exists in the organisation is 409 (v1's
rule; inferred for v3). DELETE answers the deleted secret. The list is oldest first.
"""

from __future__ import annotations

from typing import Any

from ..._kernel.api import Call
from ..backend import DevinBackend
from ..secrets import SecretRecord
from ._base import V3Handlers, micros, org, paged, seconds
from .permissions import SECRETS

__all__ = ["handlers", "secret_json"]

handlers = V3Handlers()

SECRETS_PATH = "/v3/organizations/{org_id}/secrets"


def secret_json(secret: SecretRecord) -> dict[str, Any]:
    """A secret as v3's ``SecretResponse`` (no value, ever)."""
    return {
        "secret_id": secret.id,
        "key": secret.key,
        "secret_type": secret.type,
        "is_sensitive": secret.sensitive,
        "note": secret.note,
        "access_type": "org",
        "created_at": seconds(secret.created_at),
        "created_by": secret.created_by,
        "updated_at": None,
        "updated_by": None,
    }


@handlers(f"GET {SECRETS_PATH}", needs=SECRETS)
def list_secrets(call: Call[DevinBackend]) -> Any:
    return paged(
        call,
        org(call).secrets.listing(),
        kind="secrets",
        key=lambda s: (micros(s.created_at), s.id),
        render=secret_json,
    )


@handlers(f"POST {SECRETS_PATH}", needs=SECRETS)
def create_secret(call: Call[DevinBackend]) -> Any:
    body = call.body
    record = org(call).secrets.create(
        key=body["key"],
        type=body["type"],
        value=body["value"],
        sensitive=body.get("is_sensitive", True),
        note=body.get("note"),
    )
    return secret_json(record)


@handlers(f"DELETE {SECRETS_PATH}/{{secret_id}}", needs=SECRETS)
def delete_secret(call: Call[DevinBackend]) -> Any:
    return secret_json(org(call).secrets.delete(call.path["secret_id"]))
