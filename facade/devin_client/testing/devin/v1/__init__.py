"""The Devin API v1 as a handler package (moto's ``responses.py``): one module per resource.

Each module renders v1's JSON from the Devin backend and registers its handlers under the
operation's ``"METHOD /path"``. Adding an operation is one handler in its resource's module; the
kernel refuses to start while an operation of the spec has no handler.
"""

from __future__ import annotations

from collections.abc import Callable

from ..._kernel.api import Api, BearerAuth, Handlers, Principal
from ..._kernel.errors import FastApiErrors
from ..._kernel.spec import load_spec
from ..backend import DevinBackend
from . import attachments, knowledge, playbooks, secrets, sessions

__all__ = ["HANDLERS", "PACKAGE", "api"]

PACKAGE = "devin_api"
"""The generated package whose ``openapi.json`` is this API's contract."""

HANDLERS = Handlers.merge(
    module.handlers for module in (sessions, attachments, secrets, knowledge, playbooks)
)


def api(backend: DevinBackend, principal: Callable[[str], Principal | None]) -> Api[DevinBackend]:
    """The v1 API on ``backend``.

    Args:
        backend: The Devin state (shared with the other versions).
        principal: Bearer key -> caller (``None``: unknown key, 401).
    """
    return Api(
        name="devin-v1",
        spec=load_spec(PACKAGE),
        handlers=HANDLERS,
        state=backend,
        auth=BearerAuth(principal),
        errors=FastApiErrors(),
    )
