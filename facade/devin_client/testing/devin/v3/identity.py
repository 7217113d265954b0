"""``GET /v3/self``: who the key is. Any valid v3 key may ask (the newest pages).

The mock's keys are service users: ``principal_type`` ``service_user``, a ``service_user_id``
derived from the key (stable, never the key), and ``org_id``: the key's organisation, or
``null`` for an enterprise service user (a key given organisation ``*``).
"""

from __future__ import annotations

from typing import Any

from ..._kernel.api import Call
from ..backend import DevinBackend
from ..keys import ENTERPRISE, service_user_id
from ._base import NO_PERMISSION, V3Handlers

__all__ = ["handlers"]

handlers = V3Handlers()


@handlers("GET /v3/self", needs=NO_PERMISSION)
def get_self(call: Call[DevinBackend]) -> Any:
    principal = call.principal
    return {
        "principal_type": "service_user",
        "service_user_id": service_user_id(principal.key),
        "service_user_name": "Devin mock service user",
        "org_id": None if principal.org_id == ENTERPRISE else principal.org_id,
    }
