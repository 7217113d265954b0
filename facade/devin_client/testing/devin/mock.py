"""DevinMock: the object tests hold (app, store, faults, and a way to serve it on a socket)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from .._defaults import DEFAULT_API_KEY, DEFAULT_ORG_ID, DEFAULT_UPLOAD_LIMIT
from .._kernel.api import Principal
from .._kernel.app import MockApp
from .._kernel.faults import FaultPolicy
from .._kernel.records import Recorder, ResponseValidationIssue
from .._kernel.server import MockServer
from . import admin, v1
from .store import MockStore

__all__ = ["DEFAULT_API_KEY", "DEFAULT_ORG_ID", "DEFAULT_UPLOAD_LIMIT", "DevinMock"]


class DevinMock:
    """A stateful mock of the Devin API v1, driven by the merged OpenAPI spec.

    Args:
        keys: Bearer API key -> organisation id. ``None`` accepts only
            :data:`DEFAULT_API_KEY` (organisation :data:`DEFAULT_ORG_ID`).
        upload_limit: Largest accepted upload in bytes; larger uploads get 413.
        files_base_url: Origin of presigned download URLs (e.g. ``"http://localhost:8123"``).
            ``None`` derives it from each request's host: ``127.0.0.1`` and ``localhost`` swap,
            any other host ``H`` becomes ``files.H``; the path is always served by this app.
        validate_responses: Check every API response against the spec; a non-conforming one is
            recorded in :attr:`response_issues` and raised as
            :class:`~devin_client.testing.ResponseValidationError`.
        user_emails: ``requesting_user_email`` for sessions created with each key.
        fault_seed: Seed of the RNG behind faults with ``rate < 1``.

    Attributes:
        app: The ASGI app (``httpx.ASGITransport(app=mock.app)`` for in-process async use).
        store: All state; ``store.reset()`` empties it.
        faults: The fault policy; ``faults.add(...)`` / ``faults.clear()``.
        keys: The accepted keys and their organisations (read on every request).
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
    ) -> None:
        self.keys: dict[str, str] = dict(keys) if keys else {DEFAULT_API_KEY: DEFAULT_ORG_ID}
        self._principals: dict[str, Principal] = {}
        self.store = MockStore(user_email=user_emails)
        self.store.presigner.base_url = files_base_url.rstrip("/") if files_base_url else None
        self.app = MockApp(
            [v1.api(self.store, self._principal)],
            routes=admin.routes(self.store),
            upload_limit=upload_limit,
            validate_responses=validate_responses,
            fault_seed=fault_seed,
        )
        self.faults: FaultPolicy = self.app.faults

    def _principal(self, key: str) -> Principal | None:
        org_id = self.keys.get(key)
        if org_id is None:
            return None
        known = self._principals.get(key)
        if known is None or known.org_id != org_id:  # keys may change between requests
            known = self._principals[key] = Principal(org_id=org_id, key=key)
        return known

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
