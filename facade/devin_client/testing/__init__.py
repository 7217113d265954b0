"""A stateful mock of the Devin API, v1 and v3 on one state, for your tests
(``pip install devin-client[mock]``).

Every request is routed and validated from the OpenAPI specs shipped in ``devin_api`` and
``devin_api_v3``; malformed requests get 422s (FastAPI-style for v1, RFC 9457 problem details
for v3) and nothing answers 500. Sessions move ``working`` -> ``finished`` (or ``blocked``) one
step per GET, in either version, and tests can script their path.

Three ways to run it:

- in-process: ``DevinMock().app`` is an ASGI app (``httpx.ASGITransport(app=mock.app)``);
- on a loopback socket: ``with DevinMock().serve() as server: server.base_url``;
- as a process: ``devin-mock --port 8123`` or ``python -m devin_client.testing``; from Python,
  ``with MockProcess() as mock: mock.base_url`` starts one on a free port and always stops it.

With pytest, the ``devin_mock`` fixture (a plugin registered by this package) gives a served mock
whose store and faults are reset for every test.

Inside: ``_kernel`` serves any API from its spec and knows none; ``devin`` is the Devin backend
(state per organisation per resource) with one handler package per API version (``devin.v1``,
``devin.v3``).

Names are imported lazily: the pytest plugin lives in this package and pytest loads it in every
project that installs devin-client, with or without the ``mock`` extra. This package never
imports the ``devin_client`` facade, so it can test it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._defaults import DEFAULT_API_KEY, DEFAULT_ORG_ID, DEFAULT_UPLOAD_LIMIT, DEFAULT_V3_API_KEY
    from ._kernel.faults import FAULT_KINDS, Fault, FaultKind, FaultPolicy
    from ._kernel.process import MockProcess, MockProcessError
    from ._kernel.records import ResponseValidationError, ResponseValidationIssue
    from ._kernel.server import MockServer
    from .devin.attachment_lines import AttachmentProblem, ReceivedFile
    from .devin.backend import OrgState
    from .devin.keys import MockKey
    from .devin.mock import DevinMock
    from .devin.sessions import AUTO, BLOCK_DIRECTIVE, Step
    from .devin.store import MockStore

__all__ = [
    "AUTO",
    "BLOCK_DIRECTIVE",
    "DEFAULT_API_KEY",
    "DEFAULT_ORG_ID",
    "DEFAULT_UPLOAD_LIMIT",
    "DEFAULT_V3_API_KEY",
    "FAULT_KINDS",
    "AttachmentProblem",
    "DevinMock",
    "Fault",
    "FaultKind",
    "FaultPolicy",
    "MockKey",
    "MockProcess",
    "MockProcessError",
    "MockServer",
    "MockStore",
    "OrgState",
    "ReceivedFile",
    "ResponseValidationError",
    "ResponseValidationIssue",
    "Step",
]

_HOME = {
    "ResponseValidationError": "_kernel.records",
    "ResponseValidationIssue": "_kernel.records",
    "FAULT_KINDS": "_kernel.faults",
    "Fault": "_kernel.faults",
    "FaultKind": "_kernel.faults",
    "FaultPolicy": "_kernel.faults",
    "DEFAULT_API_KEY": "_defaults",
    "DEFAULT_ORG_ID": "_defaults",
    "DEFAULT_UPLOAD_LIMIT": "_defaults",
    "DEFAULT_V3_API_KEY": "_defaults",
    "MockKey": "devin.keys",
    "DevinMock": "devin.mock",
    "MockProcess": "_kernel.process",
    "MockProcessError": "_kernel.process",
    "MockServer": "_kernel.server",
    "AUTO": "devin.sessions",
    "BLOCK_DIRECTIVE": "devin.sessions",
    "MockStore": "devin.store",
    "OrgState": "devin.backend",
    "AttachmentProblem": "devin.attachment_lines",
    "ReceivedFile": "devin.attachment_lines",
    "Step": "devin.sessions",
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
