"""``MockStore``: the Devin backend as tests drive it, with a few calls that answer as v1 does.

``mock.store`` is the very backend the handlers work on, so what a test scripts or reads is what
the API serves. The calls here that return JSON (``create_session``, ``get_session``,
``advance_session``, ``create_secret``) return it in v1's shapes, as they always have.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .backend import DevinBackend
from .v1.sessions import created, detail

__all__ = ["MockStore"]


class MockStore(DevinBackend):
    """State of the mock Devin API, per organisation (see :class:`~.backend.DevinBackend`).

    Args:
        user_email: ``requesting_user_email`` of sessions created by each API key (by key);
            keys not listed get ``"mock-user@example.com"``.

    Sessions live one step per ``GET /v1/sessions/{id}``: the default path is ``working`` ->
    ``working`` -> ``finished`` (three GETs), or ``working`` -> ``blocked`` when the prompt
    contains ``[mock:blocked]``. A user message to a blocked or finished session continues with
    ``working`` -> ``finished``. Use :meth:`script_session` to choose the path yourself.
    """

    def create_session(self, org_id: str, api_key: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """Create a session as ``POST /v1/sessions`` would (the body is not validated here).

        Args:
            org_id: The organisation.
            api_key: The caller's key (selects ``requesting_user_email``).
            body: A ``CreateSessionParams``.

        Returns:
            The ``CreateSessionResponse`` JSON.
        """
        record, new = self.org(org_id).sessions.create(org_id, body, self.user_email(api_key))
        return created(record, new)

    def get_session(self, org_id: str, session_id: str, *, advance: bool = True) -> dict[str, Any]:
        """A session's ``GetSessionResponse``, first applying its next step (as a GET does).

        Args:
            org_id: The organisation.
            session_id: The session.
            advance: ``False`` reads without moving the session along.

        Raises:
            NotFound: The session is not in this organisation.
        """
        return detail(self.org(org_id).sessions.read(session_id, advance=advance))

    def advance_session(self, session_id: str, steps: int = 1) -> dict[str, Any]:
        """Apply the next ``steps`` scripted steps now, as that many GETs would.

        Args:
            session_id: Any organisation's session.
            steps: How many steps to apply.

        Returns:
            The ``GetSessionResponse`` JSON afterwards.

        Raises:
            NotFound: No such session.
        """
        return detail(self.advance(session_id, steps))

    def create_secret(self, org_id: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """Store a secret as ``POST /v1/secrets`` would; returns ``{"id": ...}``.

        Raises:
            StoreError: 409 when the key exists in the organisation.
        """
        secret = self.org(org_id).secrets.create(
            key=body["key"],
            type=body["type"],
            value=body["value"],
            sensitive=body["sensitive"],
            note=body["note"],
        )
        return {"id": secret.id}
