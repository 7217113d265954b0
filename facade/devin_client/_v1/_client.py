"""``Devin`` and ``AsyncDevin``: the Devin API v1 on the shared client base.

The pipeline, the pool and the drivers are ``devin_client._core``'s; these classes name the
API (its spec and error bodies: ``SPEC``, ``ERRORS``) and its resources, each imported on
first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .._core._client import AsyncClient, SyncClient, resource
from .._core._exceptions import ErrorFormat
from .._core._spec import ApiSpec

if TYPE_CHECKING:
    from .attachments import AsyncAttachments, Attachments
    from .knowledge import AsyncKnowledge, Knowledge
    from .playbooks import AsyncPlaybooks, Playbooks
    from .secrets import AsyncSecrets, Secrets
    from .sessions import AsyncSessions, Sessions

__all__ = ["ERRORS", "SPEC", "AsyncDevin", "Devin"]

# What makes a client speak the Devin API v1: its spec, and how its error bodies read. Nothing
# of devin_api is imported here, so `import devin_client` stays light.
SPEC = ApiSpec("devin_api")


def _validation_error() -> Any:
    return import_module("devin_api.models").HTTPValidationError


# FastAPI's bodies: {"detail": "text"}, a 422's {"detail": [{"loc", "msg", "type"}, ...]}.
ERRORS = ErrorFormat(_validation_error)

_SESSIONS = "Create, inspect, message, tag, list, wait for and terminate sessions."
_ATTACHMENTS = "Upload and download attachment files."
_SECRETS = "List, create and delete organisation secrets."
_KNOWLEDGE = "List, create, update and delete knowledge notes."
_PLAYBOOKS = "List, get, create, update and delete team playbooks."


class Devin(SyncClient):
    """A synchronous client for the Devin API v1.

    Args:
        api_key: The API key (``apk_user_...`` or ``apk_...``); defaults to the
            ``DEVIN_API_KEY`` environment variable.
        base_url: Defaults to ``DEVIN_BASE_URL``, then ``https://api.devin.ai``. A final
            ``/v1`` (as Devin's docs write it, or v3's ``/v3``) is dropped: every path starts
            with ``/v1``. Plain ``http://`` is refused unless the host is loopback or
            ``allow_insecure_http``.
        timeout: Seconds, or an ``httpx.Timeout``, for every request (default 60 s, 10 s to
            connect).
        max_retries: Retries of a failed retry-safe request (default 2); see the README.
        http_client: An ``httpx.Client`` to send through (proxies, custom transports). The
            caller keeps ownership: ``close()`` does not close it.
        validate: Check request bodies before sending, and 2xx response bodies, against the
            spec's JSON Schemas (default on).
        allow_insecure_http: Allow ``http://`` to a non-loopback host.
        sleep: The function used to wait between retries and polls (default ``time.sleep``);
            tests inject a fake so they never sleep.

    Raises:
        DevinValidationError: No API key, or an invalid argument.

    Example:
        >>> with Devin() as client:  # doctest: +SKIP
        ...     session = client.sessions.create("Fix the flaky test in tests/test_api.py")
    """

    _spec = SPEC
    _error_format = ERRORS

    sessions: Sessions = resource("devin_client._v1.sessions", "Sessions", _SESSIONS)
    attachments: Attachments = resource("devin_client._v1.attachments", "Attachments", _ATTACHMENTS)
    secrets: Secrets = resource("devin_client._v1.secrets", "Secrets", _SECRETS)
    knowledge: Knowledge = resource("devin_client._v1.knowledge", "Knowledge", _KNOWLEDGE)
    playbooks: Playbooks = resource("devin_client._v1.playbooks", "Playbooks", _PLAYBOOKS)


class AsyncDevin(AsyncClient):
    """An asynchronous client for the Devin API v1; the same API as ``Devin``, awaited.

    Args:
        api_key: The API key; defaults to ``DEVIN_API_KEY``.
        base_url: Defaults to ``DEVIN_BASE_URL``, then ``https://api.devin.ai`` (a final
            ``/v1`` is dropped, as for ``Devin``).
        timeout: Seconds, or an ``httpx.Timeout``, for every request (default 60 s).
        max_retries: Retries of a failed retry-safe request (default 2).
        http_client: An ``httpx.AsyncClient`` to send through; the caller keeps ownership.
        validate: Check request bodies before sending, and 2xx response bodies, against the
            spec's JSON Schemas (default on).
        allow_insecure_http: Allow ``http://`` to a non-loopback host.
        sleep: The coroutine function used to wait (default ``anyio.sleep``).

    Raises:
        DevinValidationError: No API key, or an invalid argument.
    """

    _spec = SPEC
    _error_format = ERRORS

    sessions: AsyncSessions = resource("devin_client._v1.sessions", "AsyncSessions", _SESSIONS)
    attachments: AsyncAttachments = resource(
        "devin_client._v1.attachments", "AsyncAttachments", _ATTACHMENTS
    )
    secrets: AsyncSecrets = resource("devin_client._v1.secrets", "AsyncSecrets", _SECRETS)
    knowledge: AsyncKnowledge = resource("devin_client._v1.knowledge", "AsyncKnowledge", _KNOWLEDGE)
    playbooks: AsyncPlaybooks = resource("devin_client._v1.playbooks", "AsyncPlaybooks", _PLAYBOOKS)
