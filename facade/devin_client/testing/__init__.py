"""A stateful mock of the Devin API v1 for your tests (``pip install devin-client[mock]``).

Every request is routed and validated from the OpenAPI spec shipped in ``devin_api``; malformed
requests get FastAPI-style 422s and nothing answers 500. Sessions move ``working`` -> ``finished``
(or ``blocked``) one step per GET, and tests can script their path.

Three ways to run it:

- in-process: ``DevinMock().app`` is an ASGI app (``httpx.ASGITransport(app=mock.app)``);
- on a loopback socket: ``with DevinMock().serve() as server: server.base_url``;
- as a process: ``devin-mock --port 8123`` or ``python -m devin_client.testing``; from Python,
  ``with MockProcess() as mock: mock.base_url`` starts one on a free port and always stops it.

With pytest, the ``devin_mock`` fixture (a plugin registered by this package) gives a served mock
whose store and faults are reset for every test.

Names are imported lazily: the pytest plugin lives in this package and pytest loads it in every
project that installs devin-client, with or without the ``mock`` extra. This package never
imports the ``devin_client`` facade, so it can test it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._app import ResponseValidationError, ResponseValidationIssue
    from ._defaults import DEFAULT_API_KEY, DEFAULT_ORG_ID, DEFAULT_UPLOAD_LIMIT
    from ._faults import FAULT_KINDS, Fault, FaultKind, FaultPolicy
    from ._mock import DevinMock
    from ._process import MockProcess, MockProcessError
    from ._server import MockServer
    from ._store import AUTO, BLOCK_DIRECTIVE, MockStore, OrgState, Step

__all__ = [
    "AUTO",
    "BLOCK_DIRECTIVE",
    "DEFAULT_API_KEY",
    "DEFAULT_ORG_ID",
    "DEFAULT_UPLOAD_LIMIT",
    "FAULT_KINDS",
    "DevinMock",
    "Fault",
    "FaultKind",
    "FaultPolicy",
    "MockProcess",
    "MockProcessError",
    "MockServer",
    "MockStore",
    "OrgState",
    "ResponseValidationError",
    "ResponseValidationIssue",
    "Step",
]

_HOME = {
    "ResponseValidationError": "_app",
    "ResponseValidationIssue": "_app",
    "FAULT_KINDS": "_faults",
    "Fault": "_faults",
    "FaultKind": "_faults",
    "FaultPolicy": "_faults",
    "DEFAULT_API_KEY": "_defaults",
    "DEFAULT_ORG_ID": "_defaults",
    "DEFAULT_UPLOAD_LIMIT": "_defaults",
    "DevinMock": "_mock",
    "MockProcess": "_process",
    "MockProcessError": "_process",
    "MockServer": "_server",
    "AUTO": "_store",
    "BLOCK_DIRECTIVE": "_store",
    "MockStore": "_store",
    "OrgState": "_store",
    "Step": "_store",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        module = importlib.import_module(f".{home}", __name__)
    except ModuleNotFoundError as exc:
        from ._defaults import missing_mock_extra

        message = missing_mock_extra(exc, "devin_client.testing")
        if message is None:
            raise
        raise ImportError(message) from exc
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
