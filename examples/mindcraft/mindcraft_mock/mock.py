"""MindCraftMock: the API on the kernel (spec, handlers, state, auth, error envelope), the object
tests hold, and the factory ``devin-mock --api mindcraft`` calls."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Final

from devin_client.testing import MockServer
from devin_client.testing._cli import Serving
from devin_client.testing._kernel.api import Api, BearerAuth, Principal
from devin_client.testing._kernel.app import MockApp
from devin_client.testing._kernel.faults import FaultPolicy
from devin_client.testing._kernel.records import Recorder
from devin_client.testing._kernel.spec import load_spec

from .models import MindCraftBackend
from .responses import PACKAGE, Envelope, handlers

__all__ = ["DEFAULT_KEY", "MindCraftMock", "api", "serving"]

DEFAULT_KEY: Final = "mindcraft-mock-demo-key"
"""The key a mock accepts when given none (api_id 1)."""


def api(backend: MindCraftBackend, principal: Callable[[str], Principal | None]) -> Api[Any]:
    """MindCraft's API as the kernel serves it.

    Args:
        backend: The state.
        principal: Bearer key -> caller, whose ``org_id`` is the key's api_id (``None``: an
            unknown key, 401).
    """
    return Api(
        name="mindcraft",
        spec=load_spec(PACKAGE),
        handlers=handlers,
        state=backend,
        auth=BearerAuth(principal),
        errors=Envelope(),
    )


class MindCraftMock:
    """A stateful mock of MindCraft AI's ``POST /v1/session/``, driven by the merged spec.

    Args:
        keys: The accepted Bearer keys, each its own account, numbered (``api_id``) from 1 in
            this order. ``None`` accepts only :data:`DEFAULT_KEY`.
        validate_responses: Check every answer against the spec; one that breaks it is recorded
            (``records.issues``) and raised.
        clock: The mock's clock for ``created_at``/``updated_at`` (default: local wall time).
        fault_seed: Seed of the RNG behind faults with ``rate < 1``.

    Attributes:
        app: The ASGI app (``httpx.ASGITransport(app=mock.app)`` in-process).
        backend: All state; :meth:`reset` empties it.
        faults: The kernel's fault policy (``faults.add("rate_limit", count=1)``...).
        keys: Key -> api_id, read on every request (add one to accept it).
    """

    def __init__(
        self,
        keys: Iterable[str] | None = None,
        *,
        validate_responses: bool = False,
        clock: Callable[[], datetime] = datetime.now,
        fault_seed: int = 0,
    ) -> None:
        self.keys: dict[str, int] = {
            key: api_id for api_id, key in enumerate(keys or [DEFAULT_KEY], start=1)
        }
        self.backend = MindCraftBackend(clock)
        self.app = MockApp(
            [api(self.backend, self._principal)],
            upload_limit=0,  # no operation takes a file
            validate_responses=validate_responses,
            fault_seed=fault_seed,
        )
        self.faults: FaultPolicy = self.app.faults

    def _principal(self, key: str) -> Principal | None:
        api_id = self.keys.get(key)
        return None if api_id is None else Principal(org_id=str(api_id), key=key)

    def __repr__(self) -> str:
        # Keys are credentials (even fake ones): show only how many there are.
        return f"MindCraftMock(keys=<{len(self.keys)} keys>)"

    def __enter__(self) -> MindCraftMock:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.reset()

    @property
    def records(self) -> Recorder:
        """What the mock recorded since the last reset: ``hits``, ``issues``, ``crashes``."""
        return self.app.records

    @property
    def hits(self) -> dict[str, int]:
        """Requests routed to each operation since the last reset (operation id -> count)."""
        return self.app.records.hits

    def reset(self) -> None:
        """Forget every session, switch all faults off, forget the records."""
        self.app.reset()

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> MockServer:
        """A server for ``with mock.serve() as server:`` (``server.base_url``), on a free port
        by default."""
        return MockServer(self.app, host=host, port=port)


def serving(args: argparse.Namespace) -> Serving:
    """What ``devin-mock --api mindcraft`` serves: the keys of ``--key`` (an ``:ORG`` part is
    ignored: a MindCraft key is its own account), responses validated with
    ``--validate-responses``."""
    keys = [key for key, *_ in args.key]
    mock = MindCraftMock(keys or None, validate_responses=args.validate_responses)
    accepted = f"{len(keys)} key(s)" if keys else "the demo key of examples/mindcraft/README.md"
    return Serving(
        mock.app,
        summary=f"MindCraft AI, the pipeline's worked example: {accepted}; admin API at /_mock",
        on_close=mock.reset,
    )
