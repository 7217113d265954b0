"""DevinMock: the object tests hold (app, store, faults, and a way to serve it on a socket).

One process serves v1 and v3 on one backend: a session made through one version is read,
messaged and terminated through the other.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Literal

from .._defaults import DEFAULT_API_KEY, DEFAULT_ORG_ID, DEFAULT_UPLOAD_LIMIT, DEFAULT_V3_API_KEY
from .._kernel.api import Principal
from .._kernel.app import MockApp
from .._kernel.faults import FaultPolicy
from .._kernel.records import Recorder, ResponseValidationIssue
from .._kernel.server import MockServer
from . import admin, v1, v3
from .attachment_lines import AttachmentProblem, ReceivedFile
from .attachments import UPLOAD_ANSWERS
from .keys import MockKey, check_keys, is_v3_key
from .store import MockStore

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_ORG_ID",
    "DEFAULT_UPLOAD_LIMIT",
    "DEFAULT_V3_API_KEY",
    "AttachmentProblem",
    "DevinMock",
    "MockKey",
    "ReceivedFile",
]


class DevinMock:
    """A stateful mock of the Devin API, v1 and v3 on one state, driven by the merged specs.

    Args:
        keys: Bearer key -> who it is. A ``cog_`` key is a v3 service user's: its value is
            ``"ORG"`` (every permission), ``"ORG:PERM,PERM"`` (only those; names as the v3 spec
            writes them, e.g. ``ViewOrgSessions``), ``"*"`` (an enterprise service user: every
            organisation) or a :class:`~.keys.MockKey`. Any other key is a v1 key, its value
            the organisation. Each key works on its own version only (the other answers 401).
            ``None`` accepts :data:`DEFAULT_API_KEY` (v1) and :data:`DEFAULT_V3_API_KEY` (v3,
            every permission), both of organisation :data:`DEFAULT_ORG_ID`.
        upload_limit: Largest accepted upload in bytes; larger uploads get 413.
        files_base_url: Origin of presigned download URLs (e.g. ``"http://localhost:8123"``).
            ``None`` derives it from each request's host: ``127.0.0.1`` and ``localhost`` swap,
            any other host ``H`` becomes ``files.H``; the path is always served by this app.
        validate_responses: Check every API response against the spec; a non-conforming one is
            recorded in :attr:`response_issues` and raised as
            :class:`~devin_client.testing.ResponseValidationError`.
        user_emails: ``requesting_user_email`` for sessions created with each key.
        fault_seed: Seed of the RNG behind faults with ``rate < 1``.
        upload_answer: How v1's upload answers the file's URL: ``"json"``, a JSON string as
            the spec says (default), or ``"text"``, the bare URL as ``text/plain`` (what
            Devin's docs read with ``response.text``). Kept across resets; the admin API
            (``POST /_mock/settings {"upload_answer": ...}``) changes it until the next reset.
        pace: Seconds of the mock's clock per scripted step of a session, on top of one step
            per read; ``None`` (default): one step per read only, as fast as the client polls.
            With a pace, a client that waits by the clock (or a test that moves the clock:
            ``store.advance_clock``) sees sessions move on without reading them. Kept across
            resets; ``POST /_mock/settings {"pace": ...}`` changes it until the next reset.

    Attributes:
        app: The ASGI app (``httpx.ASGITransport(app=mock.app)`` for in-process async use).
        store: All state; ``store.reset()`` empties it.
        faults: The fault policy; ``faults.add(...)`` / ``faults.clear()``.
        keys: The accepted keys and what they are (read on every request; change it freely).

    Raises:
        ValueError: A key names a permission the v3 spec does not, or gives permissions to a
            v1 key; an unknown ``upload_answer``; a negative ``pace``.
    """

    def __init__(
        self,
        keys: Mapping[str, str] | None = None,
        *,
        upload_limit: int = DEFAULT_UPLOAD_LIMIT,
        files_base_url: str | None = None,
        validate_responses: bool = False,
        user_emails: Mapping[str, str] | None = None,
        fault_seed: int = 0,
        upload_answer: Literal["json", "text"] = "json",
        pace: float | None = None,
    ) -> None:
        self.keys: dict[str, str | MockKey] = (
            dict(keys)
            if keys
            else {DEFAULT_API_KEY: DEFAULT_ORG_ID, DEFAULT_V3_API_KEY: DEFAULT_ORG_ID}
        )
        check_keys(self.keys)
        self._principals: dict[str, tuple[str | MockKey, Principal]] = {}
        self.store = MockStore(user_email=user_emails)
        self.store.presigner.base_url = files_base_url.rstrip("/") if files_base_url else None
        if upload_answer not in UPLOAD_ANSWERS:
            raise ValueError("upload_answer must be 'json' or 'text'")
        self.store.default_upload_answer = self.store.upload_answer = upload_answer
        self.store.pace = pace  # checks it
        self.store.default_pace = pace
        self.app = MockApp(
            [v1.api(self.store, self._v1_principal), v3.api(self.store, self._v3_principal)],
            routes=admin.routes(self.store),
            upload_limit=upload_limit,
            validate_responses=validate_responses,
            fault_seed=fault_seed,
        )
        self.faults: FaultPolicy = self.app.faults

    def _principal(self, key: str) -> Principal | None:
        value = self.keys.get(key)
        if value is None:
            return None
        known = self._principals.get(key)
        if known is None or known[0] != value:  # keys may change between requests
            try:
                spec = MockKey.of(value)
            except (TypeError, ValueError):
                return None  # a value set after construction that means nothing: unknown key
            principal = Principal(org_id=spec.org_id, key=key, permissions=spec.permissions)
            known = self._principals[key] = (value, principal)
        return known[1]

    def _v1_principal(self, key: str) -> Principal | None:
        return None if is_v3_key(key) else self._principal(key)

    def _v3_principal(self, key: str) -> Principal | None:
        return self._principal(key) if is_v3_key(key) else None

    def __repr__(self) -> str:
        # Keys are credentials (even fake ones): show only how many there are.
        return f"DevinMock(keys=<{len(self.keys)} keys>)"

    def __enter__(self) -> DevinMock:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the stored attachments' temporary files (``with DevinMock() as mock:`` does it)."""
        self.reset()

    @property
    def records(self) -> Recorder:
        """What the mock recorded since the last reset: ``hits``, ``issues``, ``crashes``."""
        return self.app.records

    @property
    def hits(self) -> dict[str, int]:
        """Requests routed to each operation since the last reset (operation id -> count)."""
        return self.app.records.hits

    @property
    def unplanned_errors(self) -> int:
        """Requests that crashed a handler and got a 500 (0 unless the mock has a bug)."""
        return len(self.app.records.crashes)

    @property
    def response_issues(self) -> list[ResponseValidationIssue]:
        """Responses that broke the spec (only collected with ``validate_responses``)."""
        return [i for i in self.app.records.issues if isinstance(i, ResponseValidationIssue)]

    @property
    def validate_responses(self) -> bool:
        """Whether responses are checked against the spec."""
        return self.app.validate_responses

    @validate_responses.setter
    def validate_responses(self, value: bool) -> None:
        self.app.validate_responses = value

    @property
    def attachment_problems(self) -> list[AttachmentProblem]:
        """Attachment lines and URLs sent since the last reset that Devin would not have
        received (near misses, URLs that are no upload of the organisation), oldest first.

        Each names the session, the line and the rules broken; they are also in
        ``GET /_mock/issues`` and fail a test using the ``devin_mock`` fixture unless it opts
        out (``devin_mock.allow_attachment_problems()``).
        """
        return [i for i in self.app.records.issues if isinstance(i, AttachmentProblem)]

    def session_attachments(self, session_id: str) -> list[ReceivedFile]:
        """The files a session received, as Devin reads them (``GET /_mock/sessions/
        {session_id}/attachments``): per file its ``url``, ``name``, ``size``, ``sha256``.

        Raises:
            NotFound: No such session.
        """
        return self.store.session_attachments(session_id)

    def reset(self) -> None:
        """Empty the store, switch all faults off, forget recorded issues, crashes and hits."""
        self.app.reset()

    @contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[MockServer]:
        """Serve the mock with uvicorn on a background thread for the ``with`` block.

        Args:
            host: Interface to bind (loopback by default).
            port: Port; 0 picks a free one (read it from ``server.port``/``server.base_url``).

        Yields:
            The running :class:`MockServer` (``server.base_url`` is ``http://host:port``).
        """
        server = MockServer(self.app, host=host, port=port).start()
        try:
            yield server
        finally:
            server.stop()
