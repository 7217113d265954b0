"""The public surface: names, the error tree, and what ``import devin_client`` loads."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

import devin_client
import pytest
from devin_client import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DevinError,
    DevinValidationError,
    DownloadError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    SessionBlockedError,
    SessionFailedError,
    SessionNotFinishedError,
    StructuredOutputError,
    UnprocessableEntityError,
    WaitTimeoutError,
)


def test_all_equals_the_public_names() -> None:
    public = {
        name
        for name, value in vars(devin_client).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    }
    assert set(devin_client.__all__) - {"__version__"} == public
    assert len(devin_client.__all__) == len(set(devin_client.__all__))


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (DevinValidationError, DevinError),
        (DevinValidationError, ValueError),
        (APIConnectionError, DevinError),
        (APITimeoutError, APIConnectionError),
        (APIStatusError, DevinError),
        (BadRequestError, APIStatusError),
        (AuthenticationError, APIStatusError),
        (PermissionDeniedError, APIStatusError),
        (NotFoundError, APIStatusError),
        (ConflictError, APIStatusError),
        (UnprocessableEntityError, APIStatusError),
        (RateLimitError, APIStatusError),
        (InternalServerError, APIStatusError),
        (ResponseValidationError, DevinError),
        (DownloadError, DevinError),
        (WaitTimeoutError, DevinError),
        (SessionNotFinishedError, DevinError),
        (SessionBlockedError, SessionNotFinishedError),
        (SessionFailedError, SessionNotFinishedError),
        (StructuredOutputError, DevinError),
    ],
)
def test_error_tree(child: type[Exception], parent: type[Exception]) -> None:
    assert issubclass(child, parent)


def test_status_errors_are_not_connection_errors() -> None:
    assert not issubclass(APIStatusError, APIConnectionError)
    assert not issubclass(ResponseValidationError, APIStatusError)


def test_import_is_light() -> None:
    # The generated API modules, the models and jsonschema_rs load on first use only.
    code = (
        "import sys, devin_client; "
        "print(sorted(m for m in sys.modules if m.startswith(('devin_api', 'jsonschema_rs'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_redact_is_the_clients_scrubbing_for_your_own_text() -> None:
    import json

    from devin_client import redact

    secret = 'pa"ss\\word\n-----BEGIN KEY-----\nQUJDREVGR0hJSktMTU5PUFFS'
    text = f"raw={secret} json={json.dumps(secret)} repr={secret!r} ok"
    out = redact(text, [secret, ""])
    assert "QUJDREVGR0hJSktMTU5PUFFS" not in out
    assert "pa" not in out.replace("***", "")
    assert out.startswith("raw=***")
    assert out.endswith(" ok")
    assert redact("nothing to hide", [secret]) == "nothing to hide"
    assert redact("no secrets given", []) == "no secrets given"
