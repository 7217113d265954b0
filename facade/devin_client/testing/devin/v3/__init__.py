"""The Devin API v3 as a handler package (moto's ``responses.py``): one module per resource.

Each module renders v3's JSON from the same Devin backend v1 uses (one process, one state) and
registers its handlers under the operation's ``"METHOD /path"`` with the permission each needs
(see :mod:`._base`). Errors are RFC 9457 ``ProblemDetail`` bodies; keys are ``cog_`` service
user keys with an organisation and permissions (see :mod:`..keys`).
"""

from __future__ import annotations

from collections.abc import Callable

from ..._kernel.api import Api, BearerAuth, Handlers, Principal
from ..._kernel.spec import load_spec
from ..backend import DevinBackend
from . import attachments, identity, insights, knowledge, playbooks, schedules, secrets, sessions
from ._base import PACKAGE, PROBLEMS

__all__ = ["HANDLERS", "PACKAGE", "api"]

HANDLERS = Handlers.merge(
    module.handlers
    for module in (
        sessions,
        insights,
        attachments,
        knowledge,
        playbooks,
        secrets,
        schedules,
        identity,
    )
)


class ServiceUserAuth(BearerAuth):
    """``Authorization: Bearer cog_...``; a v1 key, or none, is 401."""

    detail = "Missing or invalid credentials: v3 takes a service user key (cog_...)"


def api(backend: DevinBackend, principal: Callable[[str], Principal | None]) -> Api[DevinBackend]:
    """The v3 API on ``backend``.

    Args:
        backend: The Devin state (shared with v1).
        principal: Bearer key -> caller (``None``: not a v3 key the mock knows, 401).
    """
    return Api(
        name="devin-v3",
        spec=load_spec(PACKAGE),
        handlers=HANDLERS,
        state=backend,
        auth=ServiceUserAuth(principal),
        errors=PROBLEMS,
    )
