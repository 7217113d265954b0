"""A mock of MindCraft AI's chat-session API on devin-client's mock kernel: a worked example.

The kernel (``devin_client.testing._kernel``) serves any API from its spec and knows none; this
package is everything MindCraft adds, in moto's layout: its state (:mod:`.models`: an account
per key, each with its sessions), its answers (:mod:`.responses`: the one operation of the page,
``POST /v1/session/``, and the error envelope) and the object tests hold (:mod:`.mock`). The
contract is ``mindcraft_api/openapi.json``, the merged spec ``make generate`` writes from
``openapi/mindcraft/``.

It lives beside the project, not in it: ``pip install devin-client`` installs neither this
package nor ``mindcraft_api``. From a checkout: ``make mock API=mindcraft``, or in Python::

    from examples.mindcraft.mindcraft_mock import MindCraftMock

    with MindCraftMock(["my-key"]) as mock, mock.serve() as server:
        ...  # POST {server.base_url}/v1/session/ with "Authorization: Bearer my-key"
"""

from __future__ import annotations

from .mock import DEFAULT_KEY, MindCraftMock, api, serving
from .models import TIMESTAMP_FORMAT, MindCraftBackend, SessionRecord
from .responses import Envelope, SessionRules, json_length, rules

__all__ = [
    "DEFAULT_KEY",
    "TIMESTAMP_FORMAT",
    "Envelope",
    "MindCraftBackend",
    "MindCraftMock",
    "SessionRecord",
    "SessionRules",
    "api",
    "json_length",
    "rules",
    "serving",
]
