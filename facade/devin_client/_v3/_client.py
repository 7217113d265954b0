"""``Devin`` and ``AsyncDevin`` for the Devin API v3, on the shared client base.

What makes a client speak v3: its spec (``SPEC``), how its error bodies read (``ERRORS``:
RFC 9457 ``ProblemDetail``, or FastAPI's legacy ``{"detail": [...]}``), and its organisation.
Every path but ``GET /v3/self`` is under ``/v3/organizations/{org_id}``: the id is the
``org_id`` argument, else ``DEVIN_ORG_ID``, else learned once per client through
``GET /v3/self`` (a flow step, ``organisation``, shared by ``with_options`` copies; concurrent
first calls wait for the one request, see ``_core._once``).

A call built before the organisation is known carries ``ORG_SLOT`` in its place. The client's
``_exchange`` sees it, checks the call as it stands (so bad input sends nothing, not even the
discovery), learns the organisation, puts it in, and sends. Nothing of ``devin_api_v3`` is
imported here at import time, so ``import devin_client.v3`` stays light.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Generator
from importlib import import_module
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import quote

import httpx

from .._core import _constants as C
from .._core._args import check_id, json_object
from .._core._client import AsyncClient, SyncClient, resource
from .._core._config import hide_credentials
from .._core._exceptions import DevinValidationError, ErrorFormat
from .._core._flows import Flow
from .._core._once import Once, learn
from .._core._pipeline import BaseClient, Call
from .._core._spec import ApiSpec, Check, ResponseSchemaError

if TYPE_CHECKING:
    from devin_api_v3.models import (
        DevinBrainUserSelf,
        PatUserSelf,
        ServiceUserSelf,
        WindsurfSessionUserSelf,
    )

    from .attachments import AsyncAttachments, Attachments
    from .knowledge import AsyncKnowledge, Knowledge
    from .playbooks import AsyncPlaybooks, Playbooks
    from .schedules import AsyncSchedules, Schedules
    from .secrets import AsyncSecrets, Secrets
    from .sessions import AsyncSessions, Sessions

    SelfResponse = ServiceUserSelf | PatUserSelf | DevinBrainUserSelf | WindsurfSessionUserSelf

__all__ = ["ERRORS", "ORG_ID_ENV", "ORG_SLOT", "SPEC", "AsyncDevin", "Devin", "org_of"]

T = TypeVar("T")

SPEC = ApiSpec("devin_api_v3")
ORG_ID_ENV = "DEVIN_ORG_ID"

# Stands for the organisation in the path of a call built before it is known. Only unreserved
# characters, so the generated build_request's percent-encoding leaves it as it is; as a whole
# path segment it can only be the organisation's (every other segment of a v3 path follows it).
ORG_SLOT = "~organisation-to-discover~"
_SLOT_SEGMENT = f"/{ORG_SLOT}/"

_MAX_PROBLEMS = 5
_MAX_TITLE = 500  # characters of a ProblemDetail's title kept on the error (already scrubbed)


# -- error bodies --------------------------------------------------------------------------------


def _problem_text(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    loc = item.get("loc", item.get("field"))
    if isinstance(loc, list | tuple):
        loc = ".".join(str(part) for part in loc if part not in ("body", "query", "path"))
    msg = item.get("msg", item.get("message", ""))
    return f"{loc}: {msg}" if loc else str(msg)


class ProblemDetails(ErrorFormat):
    """RFC 9457 ``ProblemDetail`` bodies (``title``, ``status``, ``detail``, ``errors``), and
    the legacy FastAPI ``{"detail": [...]}`` a route may still answer (its problems become
    ``errors`` all the same)."""

    def summary(self, body: Any) -> Any:
        if not isinstance(body, dict):
            return body
        detail = body.get("detail")
        if isinstance(detail, list):  # the legacy body: _describe lists its loc/msg pairs
            return detail
        title = body.get("title")
        text = detail if isinstance(detail, str) and detail else title
        errors = body.get("errors")
        if isinstance(errors, list) and errors:
            parts = [_problem_text(item) for item in errors[:_MAX_PROBLEMS]]
            if len(errors) > _MAX_PROBLEMS:
                parts.append(f"... ({len(errors) - _MAX_PROBLEMS} more)")
            # An empty item says nothing; one the detail already says is not said twice.
            said = text if isinstance(text, str) else ""
            problems = "; ".join(part for part in parts if part and part not in said)
            if problems:
                text = f"{text}: {problems}" if text else problems
        return text

    def field_errors(self, body: Any) -> list[Any]:
        if not isinstance(body, dict):
            return []
        items = body.get("errors")
        if not isinstance(items, list):
            items = body.get("detail")
        if not isinstance(items, list):
            return []
        problem = import_module("devin_api_v3.models").ProblemDetailError
        return [problem.from_dict(item) for item in items if isinstance(item, dict)]

    def attributes(self, body: Any) -> dict[str, Any]:
        title = body.get("title") if isinstance(body, dict) else None
        if isinstance(title, str) and len(title) > _MAX_TITLE:
            title = title[:_MAX_TITLE] + "..."
        return {"title": title if isinstance(title, str) else None}


ERRORS = ProblemDetails()


# -- the organisation ----------------------------------------------------------------------------


def resolve_org_id(org_id: Any) -> str | None:
    """The organisation given, else ``DEVIN_ORG_ID``, else ``None`` (to be discovered).

    Raises:
        DevinValidationError: Not a usable path segment (see ``check_id``).
    """
    if org_id is None:
        org_id = os.environ.get(ORG_ID_ENV) or None
    return None if org_id is None else check_id(org_id, "org_id")


def _parse_self(response: httpx.Response, check: Check) -> SelfResponse:
    models = import_module("devin_api_v3.models")
    data = json_object(response)
    check(data)
    principal: Any = None
    for cls in (
        models.ServiceUserSelf,
        models.PatUserSelf,
        models.DevinBrainUserSelf,
        models.WindsurfSessionUserSelf,
    ):
        try:
            principal = cls.from_dict(data)
            break
        except (KeyError, ValueError, TypeError):
            continue
    if principal is None:
        raise ResponseSchemaError("body: no known principal_type")
    org = principal.org_id
    if isinstance(org, str):
        try:  # refused, not used in paths; the message names the body's field
            check_id(org, "org_id")
        except DevinValidationError as exc:
            raise ResponseSchemaError(f"body.org_id: {exc.problem}") from None
    return principal  # type: ignore[no-any-return]


def _self_call() -> Call[SelfResponse]:
    op = import_module("devin_api_v3.api.self_.handle_get_self_v3_self_get")
    return Call(op.OPERATION, op.build_request(), parse=_parse_self)


def _self(client: V3Client) -> Flow[SelfResponse]:
    principal = yield from client._exchange(_self_call())
    if client._org.value is None and isinstance(principal.org_id, str):
        client._org.value = principal.org_id
    return principal


def _discover(client: V3Client) -> Flow[str]:
    principal = yield from client._exchange(_self_call())
    org = principal.org_id
    if not isinstance(org, str):
        raise DevinValidationError(
            "org_id",
            "the API key belongs to no single organisation (GET /v3/self says org_id is null, "
            f"as for an enterprise service user): pass org_id=... or set {ORG_ID_ENV}",
        )
    return org


def organisation(client: V3Client) -> Flow[str]:
    """The flow step giving the client's organisation: known, or learned once (see module)."""
    return learn(client, client._org, lambda: _discover(client))


def org_of(client: BaseClient) -> str:
    """The organisation to build a call with: the client's, or ``ORG_SLOT`` while unknown."""
    org: str | None = client._org.value  # type: ignore[attr-defined]
    return ORG_SLOT if org is None else org


class V3Client(BaseClient):
    """What ``Devin`` and ``AsyncDevin`` add to their driver class: the organisation."""

    _spec = SPEC
    _error_format = ERRORS
    _org: Once[str]

    def _exchange(self, call: Call[T]) -> Generator[Any, Any, T]:
        if call.operation is not None and _SLOT_SEGMENT in call.url:
            return self._in_organisation(call)
        return super()._exchange(call)

    def _in_organisation(self, call: Call[T]) -> Flow[T]:
        org = self._org.value
        if org is None:
            self._build(call)  # every check of the request first: bad input sends nothing
            org = yield from organisation(self)
        call.url = call.url.replace(_SLOT_SEGMENT, f"/{quote(org, safe='')}/", 1)
        return (yield from BaseClient._exchange(self, call))

    def __repr__(self) -> str:
        text = super().__repr__()
        org = getattr(getattr(self, "_org", None), "value", None)
        return f"{text[:-1]}, org_id={org!r})" if org is not None else text


class _Awaiting(Generic[T]):
    """An awaitable that runs a flow when awaited (unlike a coroutine, one never awaited is no
    warning: ``client.org_id`` looked at in a debugger costs nothing)."""

    __slots__ = ("_start",)

    def __init__(self, start: Callable[[], Awaitable[T]]) -> None:
        self._start = start

    def __await__(self) -> Generator[Any, None, T]:
        return self._start().__await__()


_SESSIONS = (
    "Create, inspect, list, wait for, message, tag, archive and terminate sessions; their "
    "attachments and insights."
)
_ATTACHMENTS = "Upload files for sessions and messages, download the files of a session."
_KNOWLEDGE = "Knowledge notes (list, create, get, update, delete) and their folders."
_PLAYBOOKS = "List, get, create, update and delete playbooks."
_SECRETS = "List, create and delete organisation secrets."
_SCHEDULES = "List, get, create, update and delete scheduled sessions."


class Devin(V3Client, SyncClient):
    """A synchronous client for the Devin API v3.

    Args:
        api_key: A service user's key (``cog_...``); defaults to ``DEVIN_API_KEY``.
        org_id: The organisation (``org-...``); defaults to ``DEVIN_ORG_ID``, else it is
            learned on first need through ``GET /v3/self`` (once per client).
        base_url: Defaults to ``DEVIN_BASE_URL``, then ``https://api.devin.ai``. A final
            ``/v3`` (or v1's ``/v1``) is dropped: every path starts with ``/v3``. Plain
            ``http://`` is refused unless the host is loopback or ``allow_insecure_http``.
        timeout: Seconds, or an ``httpx.Timeout``, for every request (default 60 s, 10 s to
            connect).
        max_retries: Retries of a failed retry-safe request (default 2). A session create is
            never retried once it may have reached the server (v3 has no idempotency flag).
        http_client: An ``httpx.Client`` to send through; the caller keeps ownership.
        validate: Check arguments and request bodies before sending, and 2xx response bodies,
            against the spec's JSON Schemas (default on).
        allow_insecure_http: Allow ``http://`` to a non-loopback host.
        sleep: The function used to wait between retries and polls (default ``time.sleep``).

    Raises:
        DevinValidationError: No API key, or an invalid argument.

    Example:
        >>> with Devin() as client:  # doctest: +SKIP
        ...     session = client.sessions.create("Fix the flaky test", devin_mode="fast")
    """

    sessions: Sessions = resource("devin_client._v3.sessions", "Sessions", _SESSIONS)
    attachments: Attachments = resource("devin_client._v3.attachments", "Attachments", _ATTACHMENTS)
    knowledge: Knowledge = resource("devin_client._v3.knowledge", "Knowledge", _KNOWLEDGE)
    playbooks: Playbooks = resource("devin_client._v3.playbooks", "Playbooks", _PLAYBOOKS)
    secrets: Secrets = resource("devin_client._v3.secrets", "Secrets", _SECRETS)
    schedules: Schedules = resource("devin_client._v3.schedules", "Schedules", _SCHEDULES)

    def __init__(
        self,
        api_key: str | None = None,
        *,
        org_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = C.DEFAULT_TIMEOUT,
        max_retries: int = C.DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        validate: bool = True,
        allow_insecure_http: bool = False,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        api_key, base_url = hide_credentials(api_key, base_url)  # before anything can raise
        org = resolve_org_id(org_id)
        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            validate=validate,
            allow_insecure_http=allow_insecure_http,
            sleep=sleep,
        )
        self._org = Once(org)

    @property
    def org_id(self) -> str:
        """The organisation every call goes to; learned through ``GET /v3/self`` on first
        read when it was not given (raises as a call does)."""
        return self._run(organisation(self))

    def self(self) -> SelfResponse:
        """Who the API key is: ``GET /v3/self``.

        Returns:
            The generated principal model (``ServiceUserSelf``, ``PatUserSelf``, ...), whose
            ``org_id`` is the key's organisation (``None`` for an enterprise service user).

        Raises:
            AuthenticationError: The key is missing or revoked.
            DevinError: Any other failure.
        """
        return self._run(_self(self))


class AsyncDevin(V3Client, AsyncClient):
    """An asynchronous client for the Devin API v3; the same API as ``Devin``, awaited
    (``await client.org_id`` too).

    Args:
        api_key: A service user's key (``cog_...``); defaults to ``DEVIN_API_KEY``.
        org_id: The organisation; defaults to ``DEVIN_ORG_ID``, else learned once through
            ``GET /v3/self`` (concurrent first calls wait for that one request).
        base_url: Defaults to ``DEVIN_BASE_URL``, then ``https://api.devin.ai``.
        timeout: Seconds, or an ``httpx.Timeout``, for every request (default 60 s).
        max_retries: Retries of a failed retry-safe request (default 2).
        http_client: An ``httpx.AsyncClient`` to send through; the caller keeps ownership.
        validate: Check arguments and bodies against the spec (default on).
        allow_insecure_http: Allow ``http://`` to a non-loopback host.
        sleep: The coroutine function used to wait (default ``anyio.sleep``).

    Raises:
        DevinValidationError: No API key, or an invalid argument.
    """

    sessions: AsyncSessions = resource("devin_client._v3.sessions", "AsyncSessions", _SESSIONS)
    attachments: AsyncAttachments = resource(
        "devin_client._v3.attachments", "AsyncAttachments", _ATTACHMENTS
    )
    knowledge: AsyncKnowledge = resource("devin_client._v3.knowledge", "AsyncKnowledge", _KNOWLEDGE)
    playbooks: AsyncPlaybooks = resource("devin_client._v3.playbooks", "AsyncPlaybooks", _PLAYBOOKS)
    secrets: AsyncSecrets = resource("devin_client._v3.secrets", "AsyncSecrets", _SECRETS)
    schedules: AsyncSchedules = resource("devin_client._v3.schedules", "AsyncSchedules", _SCHEDULES)

    def __init__(
        self,
        api_key: str | None = None,
        *,
        org_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = C.DEFAULT_TIMEOUT,
        max_retries: int = C.DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        validate: bool = True,
        allow_insecure_http: bool = False,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        api_key, base_url = hide_credentials(api_key, base_url)  # before anything can raise
        org = resolve_org_id(org_id)
        super().__init__(
            api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            validate=validate,
            allow_insecure_http=allow_insecure_http,
            sleep=sleep,
        )
        self._org = Once(org)

    @property
    def org_id(self) -> Awaitable[str]:
        """``await client.org_id``: the organisation every call goes to, learned through
        ``GET /v3/self`` on first need when it was not given."""
        return _Awaiting(lambda: self._run(organisation(self)))

    async def self(self) -> SelfResponse:
        """Who the API key is: ``GET /v3/self``; see ``Devin.self``."""
        return await self._run(_self(self))
