"""devin_client: a typed Python client for the Devin API: v3 in ``devin_client.v3``
(recommended for new code), v1 here.

Quickstart::

    from devin_client import Devin

    with Devin() as client:  # the key comes from DEVIN_API_KEY
        created = client.sessions.create("Add a CONTRIBUTING.md", tags=["docs"])
        session = client.sessions.wait(created.session_id)
        print(session.status_enum, session.structured_output)

``client.sessions.follow(session_id)`` yields each new message and status change as the
session runs; ``client.sessions.run(prompt, output_type=Report)`` returns its structured output
as a ``Report`` (a dataclass, ``TypedDict``, attrs class or pydantic model).

``AsyncDevin`` has the same API, awaited. Responses are the generated attrs models of
``devin_api.models``. Every error is a ``DevinError``; see ``devin_client._core._exceptions``
for the tree. The generated low-level client is the sibling package ``devin_api``.
"""

from ._core._attachments import format_attachments
from ._core._exceptions import (
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
from ._core._follow import MessageEvent, StatusEvent
from ._core._redact import redact
from ._core._typed import output_schema, parse_structured_output
from ._v1._client import AsyncDevin, Devin
from ._version import __version__

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncDevin",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "Devin",
    "DevinError",
    "DevinValidationError",
    "DownloadError",
    "InternalServerError",
    "MessageEvent",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "SessionBlockedError",
    "SessionFailedError",
    "SessionNotFinishedError",
    "StatusEvent",
    "StructuredOutputError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
    "__version__",
    "format_attachments",
    "output_schema",
    "parse_structured_output",
    "redact",
]
