"""``client.sessions``: create, get, message, tag, terminate, list, wait, follow, run."""

from __future__ import annotations

import builtins
import json
from collections.abc import AsyncIterator, Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, Unpack

import httpx
from devin_api.api.sessions import (
    create_session_endpoint_v1_sessions_post as _create_op,
)
from devin_api.api.sessions import (
    edit_session_tags_v1_sessions_session_id_tags_put as _tags_op,
)
from devin_api.api.sessions import (
    get_session_endpoint_v1_sessions_session_id_get as _get_op,
)
from devin_api.api.sessions import (
    list_sessions_endpoint_v1_sessions_get as _list_op,
)
from devin_api.api.sessions import (
    post_message_to_session_v1_sessions_session_id_message_post as _message_op,
)
from devin_api.api.sessions import (
    terminate_session_endpoint_v1_sessions_session_id_delete as _terminate_op,
)
from devin_api.models import (
    CreateSessionParams,
    CreateSessionResponse,
    DevinMode,
    EditSessionTagsParams,
    EditTagsResponse,
    GetSessionResponse,
    ListSessionsResponse,
    MessageSentResponse,
    PostMessageParams,
    SessionMessage,
    SessionSecretInput,
    SessionSummary,
    StructuredOutputSchema,
    TerminateSessionResponse,
)
from devin_api.types import UNSET, Unset

from .._core._args import (
    as_list,
    check_create_body,
    check_id,
    check_text,
    create_fields,
    model,
    unknown_options,
)
from .._core._attachments import AttachmentItem, check_attachment_lines, format_attachments
from .._core._constants import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT
from .._core._exceptions import DevinValidationError
from .._core._files import attach
from .._core._flows import Flow
from .._core._follow import MessageEvent, SessionMessages, StatusEvent, follow
from .._core._paging import OffsetPaging, paginate
from .._core._pipeline import BaseClient, Call
from .._core._spec import Check, ResponseSchemaError
from .._core._typed import Outcome, typed_options, typed_result
from .._core._wait import poll_until, settled_check
from ._client import SPEC
from ._common import opt
from .attachments import _upload

if TYPE_CHECKING:
    from ._client import AsyncDevin, Devin

__all__ = ["AsyncSessions", "CreateOptions", "FollowEvent", "RunOptions", "Sessions"]

T = TypeVar("T")

SessionPredicate = Callable[[GetSessionResponse], bool]
ProgressCallback = Callable[[GetSessionResponse], Any]
FollowEvent = MessageEvent[SessionMessage] | StatusEvent[GetSessionResponse]
"""What ``sessions.follow`` yields."""

# Settled: Devin waits for the user (blocked) or is done (finished, expired).
SETTLED_STATUSES = frozenset({"finished", "blocked", "expired"})


class CreateOptions(TypedDict, total=False):
    """The keywords of ``sessions.create``: every field of the generated
    ``CreateSessionParams`` but the prompt, and ``attachments`` (see ``Sessions.create``)."""

    attachments: Sequence[AttachmentItem]
    idempotent: bool
    knowledge_ids: Sequence[str] | Unset | None
    secret_ids: Sequence[str] | Unset | None
    max_acu_limit: int | None
    playbook_id: str | None
    session_secrets: Sequence[SessionSecretInput | Mapping[str, Any]] | None
    snapshot_id: str | None
    structured_output_schema: Mapping[str, Any] | None
    tags: Sequence[str] | None
    title: str | None
    unlisted: bool
    devin_mode: DevinMode | str | None
    create_as_user_id: str | None


class WaitOptions(TypedDict, total=False):
    """The keywords of ``sessions.wait`` (see ``Sessions.wait``)."""

    timeout: float
    poll_interval: float
    until: Collection[str] | SessionPredicate
    on_progress: ProgressCallback | None


class CreateAndWaitOptions(CreateOptions, WaitOptions, total=False):
    """The keywords of ``sessions.create_and_wait``: those of ``create`` and ``wait``."""


class RunWaitOptions(TypedDict, total=False):
    """The keywords of ``wait`` that ``sessions.run`` takes (it waits until settled)."""

    timeout: float
    poll_interval: float
    on_progress: ProgressCallback | None


class RunOptions(CreateOptions, RunWaitOptions, total=False):
    """The keywords of ``sessions.run``: those of ``create``, and ``timeout``,
    ``poll_interval`` and ``on_progress`` of ``wait``."""


_CREATE_KEYS = CreateOptions.__optional_keys__
_WAIT_KEYS = WaitOptions.__optional_keys__
_CREATE_AND_WAIT_KEYS = CreateAndWaitOptions.__optional_keys__
_RUN_WAIT_KEYS = RunWaitOptions.__optional_keys__
_RUN_KEYS = RunOptions.__optional_keys__

_parse_create = model(CreateSessionResponse)
_parse_get = model(GetSessionResponse)
_parse_tags = model(EditTagsResponse)
_parse_terminate = model(TerminateSessionResponse)
_parse_list = model(ListSessionsResponse)


def _parse_message(response: httpx.Response, check: Check) -> MessageSentResponse | None:
    # null (or no body at all) means delivered.
    data = response.json() if response.content else None
    if data is None:
        return None
    check(data)
    if not isinstance(data, dict):
        raise ResponseSchemaError(f"body: must be a JSON object or null, not {type(data).__name__}")
    return MessageSentResponse.from_dict(data)


def status_of(session: GetSessionResponse | SessionSummary) -> str:
    """The session's status: ``status_enum`` when the API sent one, else ``status``."""
    value = session.status_enum
    if value is None or isinstance(value, Unset):
        return session.status
    return str(value)


def session_statuses() -> frozenset[str]:
    """The session statuses the spec knows: the enum of ``GetSessionResponse.status_enum``."""
    return SPEC.enum("GetSessionResponse", "status_enum")


# -- create and send_message: attachments uploaded first, the final text validated --------------


def _flag(value: Any) -> Any:
    # False is the API's default: not sending it keeps bodies minimal.
    return UNSET if value is False else value


def _schema(value: Any) -> Any:
    return StructuredOutputSchema.from_dict(value) if isinstance(value, Mapping) else opt(value)


def _mode(value: Any) -> Any:
    if isinstance(value, str) and value in DevinMode._value2member_map_:
        return DevinMode(value)
    return opt(value)


# How each keyword becomes its CreateSessionParams field (session_secrets apart). Anything
# the generated model would not accept as it is goes through unchanged, for the spec's
# schema to judge when the body is checked.
_FIELDS: dict[str, Callable[[Any], Any]] = {
    "idempotent": _flag,
    "knowledge_ids": as_list,
    "max_acu_limit": opt,
    "playbook_id": opt,
    "secret_ids": as_list,
    "snapshot_id": opt,
    "structured_output_schema": _schema,
    "tags": lambda value: opt(as_list(value)),
    "title": opt,
    "unlisted": _flag,
    "devin_mode": _mode,
    "create_as_user_id": opt,
}


def _create(client: BaseClient, prompt: Any, options: CreateOptions) -> Flow[CreateSessionResponse]:
    """The flow of ``create``; the arguments are checked now. The caller's ``options`` dict
    gets its secret values hidden."""
    fields, secret_values = create_fields(
        "create",
        options,
        _CREATE_KEYS,
        _FIELDS,
        {"idempotent": UNSET, "unlisted": UNSET},
        SessionSecretInput,
    )

    def call(urls: builtins.list[str], final: bool) -> Call[CreateSessionResponse]:
        text = format_attachments(prompt, urls) if urls else prompt
        request = _create_op.build_request(body=CreateSessionParams(prompt=text, **fields))
        body: dict[str, Any] = request["json"]
        if client._validate:
            check_create_body(body, text_required=final)
        return Call(
            _create_op.OPERATION,
            request,
            parse=_parse_create,
            # A blind retry of a create can start a second, billed session (see the README).
            retry_safe=True if body.get("idempotent") is True else None,
            secrets=secret_values,
        )

    return attach(client, options.get("attachments"), call, _upload_path)


def _message(
    client: BaseClient, session_id: Any, message: Any, attachments: Any
) -> Flow[MessageSentResponse | None]:
    check_id(session_id, "session_id")

    def call(urls: builtins.list[str], final: bool) -> Call[MessageSentResponse | None]:
        text = format_attachments(message, urls) if urls else message
        request = _message_op.build_request(session_id, body=PostMessageParams(message=text))
        if client._validate:
            if final:
                check_text("message", request["json"]["message"])
            check_attachment_lines("message", request["json"]["message"])
        return Call(_message_op.OPERATION, request, parse=_parse_message)

    return attach(client, attachments, call, _upload_path)


def _upload_path(client: BaseClient, path: Path) -> Flow[str]:
    return _upload(client, path, None, None)


# -- one call each -----------------------------------------------------------------------------


def _get_call(session_id: Any, deadline: float | None = None) -> Call[GetSessionResponse]:
    request = _get_op.build_request(check_id(session_id, "session_id"))
    return Call(_get_op.OPERATION, request, parse=_parse_get, deadline=deadline)


def _get(client: BaseClient, session_id: Any) -> Flow[GetSessionResponse]:
    return client._exchange(_get_call(session_id))


def _update_tags(client: BaseClient, session_id: Any, tags: Any) -> Flow[EditTagsResponse]:
    check_id(session_id, "session_id")
    body = EditSessionTagsParams(tags=as_list(tags))
    request = _tags_op.build_request(session_id, body=body)
    return client._exchange(Call(_tags_op.OPERATION, request, parse=_parse_tags))


def _terminate(client: BaseClient, session_id: Any) -> Flow[TerminateSessionResponse]:
    request = _terminate_op.build_request(check_id(session_id, "session_id"))
    return client._exchange(Call(_terminate_op.OPERATION, request, parse=_parse_terminate))


# -- list ----------------------------------------------------------------------------------------


def _list(client: BaseClient, tags: Any, user_email: Any, page_size: Any) -> Flow[None]:
    """The flow of ``list`` (it emits each session once); the arguments are checked now."""
    if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
        raise DevinValidationError("page_size", "must be an integer >= 1")
    if user_email is not None and not isinstance(user_email, str):
        raise DevinValidationError("user_email", "must be a string")
    if tags is not None and (
        not isinstance(tags, list | tuple) or not all(isinstance(t, str) for t in tags)
    ):
        raise DevinValidationError("tags", "must be a list of strings")
    tag_list = UNSET if tags is None else list(tags)
    email = UNSET if user_email is None else user_email

    def page(offset: int, limit: int) -> Call[ListSessionsResponse]:
        request = _list_op.build_request(
            limit=limit, offset=offset, tags=tag_list, user_email=email
        )
        return Call(_list_op.OPERATION, request, parse=_parse_list)

    paging: OffsetPaging[ListSessionsResponse, SessionSummary] = OffsetPaging(
        page, _sessions_of, _session_id_of, page_size, "sessions.list"
    )
    return paginate(client, paging)


def _sessions_of(page: ListSessionsResponse) -> builtins.list[SessionSummary]:
    return page.sessions


def _session_id_of(session: SessionSummary) -> str:
    return session.session_id


# -- wait ----------------------------------------------------------------------------------------


def _settled(timeout: Any, poll_interval: Any, until: Any) -> Callable[[Any], bool]:
    return settled_check(timeout, poll_interval, until, known=session_statuses, status_of=status_of)


def _wait(
    client: BaseClient,
    session_id: Any,
    timeout: Any,
    poll_interval: Any,
    until: Any,
    on_progress: Any,
) -> Flow[GetSessionResponse]:
    """The flow of ``wait``; the arguments are checked now."""
    done = _settled(timeout, poll_interval, until)
    return _polling(
        client, check_id(session_id, "session_id"), done, timeout, poll_interval, on_progress
    )


def _polling(
    client: BaseClient,
    session_id: str,
    done: Callable[[Any], bool],
    timeout: float,
    poll_interval: float,
    on_progress: Any,
) -> Flow[GetSessionResponse]:
    return poll_until(
        client,
        session_id,
        lambda deadline: _get_call(session_id, deadline),
        done,
        timeout=timeout,
        poll_interval=poll_interval,
        on_progress=on_progress,
        status_of=status_of,
    )


# -- follow --------------------------------------------------------------------------------------


def _messages_of(session: GetSessionResponse) -> builtins.list[SessionMessage]:
    messages = session.messages
    return [] if isinstance(messages, Unset) or messages is None else messages


def _event_id_of(message: SessionMessage) -> str | None:
    event_id = message.event_id
    return event_id if isinstance(event_id, str) else None


def _content_of(message: SessionMessage) -> str:
    # An id-less message is recognised by what it says, whatever order the server's keys come in
    return json.dumps(message.to_dict(), sort_keys=True, default=str)


def _follow(
    client: BaseClient,
    session_id: Any,
    timeout: Any,
    poll_interval: Any,
    until: Any,
    on_progress: Any,
) -> Flow[None]:
    """The flow of ``follow`` (it emits events); the arguments are checked now. v1 has no
    messages endpoint: each poll's session holds them all."""
    done = _settled(timeout, poll_interval, until)
    if on_progress is not None and not callable(on_progress):
        raise DevinValidationError("on_progress", "must be callable")
    checked = check_id(session_id, "session_id")
    return follow(
        client,
        checked,
        lambda deadline: _get_call(checked, deadline),
        done,
        timeout=timeout,
        poll_interval=poll_interval,
        on_progress=on_progress,
        status_of=status_of,
        source=SessionMessages(_messages_of, _event_id_of, _content_of),
    )


def _create_and_wait(
    client: BaseClient, prompt: Any, options: CreateAndWaitOptions
) -> Flow[GetSessionResponse]:
    """The flow of ``create_and_wait``; every argument is checked before the session is created."""
    unknown_options("create_and_wait", options, _CREATE_AND_WAIT_KEYS)
    wait = {key: options.pop(key) for key in _WAIT_KEYS if key in options}  # type: ignore[misc]
    timeout = wait.get("timeout", DEFAULT_WAIT_TIMEOUT)
    poll_interval = wait.get("poll_interval", DEFAULT_POLL_INTERVAL)
    done = _settled(timeout, poll_interval, wait.get("until", SETTLED_STATUSES))
    creating = _create(client, prompt, options)
    return _created_then_waited(
        client, creating, done, timeout, poll_interval, wait.get("on_progress")
    )


def _created_then_waited(
    client: BaseClient,
    creating: Flow[CreateSessionResponse],
    done: Callable[[Any], bool],
    timeout: float,
    poll_interval: float,
    on_progress: Any,
) -> Flow[GetSessionResponse]:
    created = yield from creating
    session_id = check_id(created.session_id, "session_id")
    return (yield from _polling(client, session_id, done, timeout, poll_interval, on_progress))


# -- run: create, wait, and the structured output as a T ----------------------------------------


def _run_typed(
    client: BaseClient, prompt: Any, output_type: type[T], options: RunOptions
) -> Flow[T]:
    """The flow of ``run``; every argument (the output type included) is checked before the
    session is created."""
    unknown_options("run", options, _RUN_KEYS)
    wait = {key: options.pop(key) for key in _RUN_WAIT_KEYS if key in options}  # type: ignore[misc]
    timeout = wait.get("timeout", DEFAULT_WAIT_TIMEOUT)
    poll_interval = wait.get("poll_interval", DEFAULT_POLL_INTERVAL)
    done = _settled(timeout, poll_interval, SETTLED_STATUSES)
    typed = typed_options(output_type, options)
    creating = _create(client, prompt, options)
    on_progress = wait.get("on_progress")
    waiting = _created_then_waited(client, creating, done, timeout, poll_interval, on_progress)
    return typed_result(
        waiting, typed, outcome_of=_outcome, status_of=status_of, session_id_of=_id_of
    )


def _outcome(session: GetSessionResponse) -> Outcome:
    status = status_of(session)
    return "finished" if status == "finished" else "blocked" if status == "blocked" else "failed"


def _id_of(session: GetSessionResponse) -> str:
    return session.session_id


# -- the resources ---------------------------------------------------------------------------


class Sessions:
    """``client.sessions`` of a ``Devin`` client."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def create(self, prompt: str, **options: Unpack[CreateOptions]) -> CreateSessionResponse:
        """Start a Devin session.

        Args:
            prompt: The task.
            attachments: URLs and/or local file paths; files are uploaded first, and each
                becomes an ``ATTACHMENT:"url"`` line of the prompt (see
                ``format_attachments``).
            idempotent: Return the existing session for a repeated identical request; only
                then is a failed create retried.
            knowledge_ids: Knowledge to use: omitted = not sent, ``None`` = all, ``[]`` = none.
            secret_ids: Secrets to use: omitted = not sent, ``None`` = all, ``[]`` = none.
            max_acu_limit: Maximum ACUs the session may consume (> 0).
            playbook_id: A playbook to follow.
            session_secrets: Secrets only this session gets, as ``SessionSecretInput`` or
                mappings ``{"key": ..., "value": ..., "sensitive": ...}``.
            snapshot_id: A machine snapshot to start from.
            structured_output_schema: A self-contained Draft 7 JSON Schema (<= 64 KB) the
                session's structured output must follow.
            tags: Up to 50 tags.
            title: A title (generated when omitted).
            unlisted: Hide the session from the organisation's list.
            devin_mode: ``"normal"`` or ``"fast"`` (v3-style field; omitted = org default).
            create_as_user_id: Create the session on behalf of this user (v3-style field).

        Returns:
            The generated ``CreateSessionResponse`` (``session_id``, ``url``,
            ``is_new_session``).

        Raises:
            DevinValidationError: Bad input; nothing was sent. Among it, a prompt line that
                looks meant to attach a file but that Devin would ignore (``ATTACHMENTS:``,
                other casing, a space after the colon, other quotes, doubled quotes, other
                text on the line, a bad URL): write it with ``format_attachments`` or pass
                the URL in ``attachments=`` (``validate=False`` sends it as it is).
            APIStatusError: The API refused (a subclass per status).
            APIConnectionError: No response.
        """
        return self._client._run(_create(self._client, prompt, options))

    def get(self, session_id: str) -> GetSessionResponse:
        """Fetch a session with its messages.

        Args:
            session_id: The ``devin-...`` id.

        Returns:
            The generated ``GetSessionResponse``.

        Raises:
            NotFoundError: No such session in the organisation.
            DevinError: Any other failure (see the error tree).
        """
        return self._client._run(_get(self._client, session_id))

    def send_message(
        self, session_id: str, message: str, *, attachments: Sequence[AttachmentItem] = ()
    ) -> MessageSentResponse | None:
        """Send a message to a session (this wakes a suspended one).

        Args:
            session_id: The ``devin-...`` id.
            message: The text.
            attachments: URLs and/or local file paths, as for ``create``.

        Returns:
            ``None`` when delivered, or a ``MessageSentResponse`` whose ``detail`` says the
            session was in a state where the message was queued or not needed.

        Raises:
            DevinValidationError: Bad input, nothing sent: e.g. a line that looks meant to
                attach a file but that Devin would ignore, as for ``create``.
            BadRequestError: The session has already exited.
            NotFoundError: No such session.
            DevinError: Any other failure.
        """
        return self._client._run(_message(self._client, session_id, message, attachments))

    def update_tags(self, session_id: str, tags: Sequence[str]) -> EditTagsResponse:
        """Replace a session's tags.

        Args:
            session_id: The ``devin-...`` id.
            tags: The new tags (replacing all existing ones).

        Returns:
            The generated ``EditTagsResponse``.

        Raises:
            DevinValidationError: ``tags`` is not a list of strings.
            DevinError: Any other failure.
        """
        return self._client._run(_update_tags(self._client, session_id, tags))

    def terminate(self, session_id: str) -> TerminateSessionResponse:
        """Terminate a session (it cannot be resumed). Not retried once sent.

        Args:
            session_id: The ``devin-...`` id.

        Returns:
            The generated ``TerminateSessionResponse``.

        Raises:
            BadRequestError: The session has already exited.
            PermissionDeniedError: Only the session's owner may terminate it.
            DevinError: Any other failure.
        """
        return self._client._run(_terminate(self._client, session_id))

    def list(
        self,
        *,
        tags: Sequence[str] | None = None,
        user_email: str | None = None,
        page_size: int = 100,
    ) -> Iterator[SessionSummary]:
        """Iterate over the organisation's sessions, fetching pages of ``page_size`` lazily.

        Args:
            tags: Only sessions with these tags.
            user_email: Only sessions created by this user.
            page_size: Sessions per request (``limit``); ``offset`` advances by itself. A
                server that answers fewer per page (a cap of its own) is paged all the same.

        Returns:
            An iterator of generated ``SessionSummary`` objects, each session once. A server
            that ignores ``offset`` (the same page again) ends the listing, with a warning
            logged.

        Raises:
            DevinValidationError: Bad arguments (raised at once, before iterating).
            DevinError: A failed page request (raised while iterating).
        """
        return self._client._iterate(_list(self._client, tags, user_email, page_size))

    def wait(
        self,
        session_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        until: Collection[str] | SessionPredicate = SETTLED_STATUSES,
        on_progress: ProgressCallback | None = None,
    ) -> GetSessionResponse:
        """Poll a session until it settles.

        Args:
            session_id: The ``devin-...`` id.
            timeout: A deadline for the whole wait, in seconds (default one hour): every poll,
                with its retries and their backoff, ends by then. ``0`` polls exactly once.
            poll_interval: Seconds between polls (default 10, as Devin's docs recommend).
            until: The statuses that end the wait (default ``finished``, ``blocked``,
                ``expired``), read from ``status_enum`` or else ``status``; each must be one
                of the spec's session statuses. Or a function of the session returning
                ``True`` when done.
            on_progress: Called with the session after every poll.

        Returns:
            The final ``GetSessionResponse``.

        Raises:
            DevinValidationError: A bad argument, e.g. an unknown status in ``until`` (checked
                before the first poll).
            WaitTimeoutError: The timeout expired; ``.session`` is the last session seen
                (``None`` when no poll answered in time).
            DevinError: A failed poll (after retries).
        """
        return self._client._run(
            _wait(self._client, session_id, timeout, poll_interval, until, on_progress)
        )

    def follow(
        self,
        session_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        until: Collection[str] | SessionPredicate = SETTLED_STATUSES,
        on_progress: ProgressCallback | None = None,
    ) -> Iterator[FollowEvent]:
        """Follow a session as it runs: its new messages and status changes, until it settles.

        Polls as ``wait`` does (the same ``timeout``, ``poll_interval`` and ``until`` rules).
        After each poll it yields a ``MessageEvent`` for each message not yielded before, in
        the session's order (recognised by ``event_id``), then a ``StatusEvent`` when the
        status differs from the last one yielded (the first poll always yields one). The
        iterator ends once the session settles; the last ``StatusEvent`` carries the settled
        session.

        Args:
            session_id: The ``devin-...`` id.
            timeout: A deadline for the whole follow, in seconds (default one hour).
            poll_interval: Seconds between polls (default 10).
            until: The statuses that end it (default ``finished``, ``blocked``, ``expired``),
                or a function of the session.
            on_progress: Called with the session after every poll (after its events).

        Returns:
            An iterator of ``MessageEvent`` (``.message``: a ``SessionMessage``) and
            ``StatusEvent`` (``.status``, ``.session``: a ``GetSessionResponse``) items.

        Raises:
            DevinValidationError: A bad argument (raised at once, before iterating).
            WaitTimeoutError: The session did not settle in time (raised while iterating,
                after the events seen so far).
            DevinError: A failed poll (raised while iterating).
        """
        return self._client._iterate(
            _follow(self._client, session_id, timeout, poll_interval, until, on_progress)
        )

    def create_and_wait(
        self, prompt: str, **options: Unpack[CreateAndWaitOptions]
    ) -> GetSessionResponse:
        """``create`` then ``wait``: the arguments of both, the result of ``wait``.

        Raises:
            DevinValidationError: Bad input (checked before the session is created).
            WaitTimeoutError: The session did not settle in time (it keeps running).
            DevinError: Any other failure.
        """
        return self._client._run(_create_and_wait(self._client, prompt, options))

    def run(self, prompt: str, *, output_type: type[T], **options: Unpack[RunOptions]) -> T:
        """Create a session, wait until it settles, and return its structured output as a
        ``T``.

        The JSON Schema sent as ``structured_output_schema`` is derived from ``output_type``
        (a dataclass, ``TypedDict``, attrs class or pydantic model, with fields of ``str``,
        ``int``, ``float``, ``bool``, ``None``, unions, lists, tuples, ``dict[str, X]``,
        ``Literal``, ``Enum`` and nested classes; a field with a default is not required),
        unless ``structured_output_schema`` is given. The output is checked against that
        schema, then converted (``parse_structured_output`` does this step alone).

        Args:
            prompt: The task.
            output_type: The type of the result.
            **options: Every keyword of ``create``, and ``timeout``, ``poll_interval`` and
                ``on_progress`` of ``wait``.

        Returns:
            The structured output as a ``T``.

        Raises:
            DevinValidationError: Bad input, or a type no schema is derived for (checked
                before the session is created).
            SessionBlockedError: The session waits for the user (``.session``).
            SessionFailedError: The session ended without finishing (``.session``).
            StructuredOutputError: It finished without output, or with output that does not
                match (``.output``, ``.errors``).
            WaitTimeoutError: The session did not settle in time (it keeps running).
            DevinError: Any other failure.
        """
        return self._client._run(_run_typed(self._client, prompt, output_type, options))


class AsyncSessions:
    """``client.sessions`` of an ``AsyncDevin`` client: ``Sessions``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def create(self, prompt: str, **options: Unpack[CreateOptions]) -> CreateSessionResponse:
        """Start a Devin session; see ``Sessions.create``."""
        return await self._client._run(_create(self._client, prompt, options))

    async def get(self, session_id: str) -> GetSessionResponse:
        """Fetch a session with its messages; see ``Sessions.get``."""
        return await self._client._run(_get(self._client, session_id))

    async def send_message(
        self, session_id: str, message: str, *, attachments: Sequence[AttachmentItem] = ()
    ) -> MessageSentResponse | None:
        """Send a message to a session; see ``Sessions.send_message``."""
        return await self._client._run(_message(self._client, session_id, message, attachments))

    async def update_tags(self, session_id: str, tags: Sequence[str]) -> EditTagsResponse:
        """Replace a session's tags; see ``Sessions.update_tags``."""
        return await self._client._run(_update_tags(self._client, session_id, tags))

    async def terminate(self, session_id: str) -> TerminateSessionResponse:
        """Terminate a session; see ``Sessions.terminate``."""
        return await self._client._run(_terminate(self._client, session_id))

    def list(
        self,
        *,
        tags: Sequence[str] | None = None,
        user_email: str | None = None,
        page_size: int = 100,
    ) -> AsyncIterator[SessionSummary]:
        """Iterate (``async for``) over the organisation's sessions; see ``Sessions.list``."""
        return self._client._iterate(_list(self._client, tags, user_email, page_size))

    async def wait(
        self,
        session_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,  # noqa: ASYNC109 (the wait's budget, a documented name)
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        until: Collection[str] | SessionPredicate = SETTLED_STATUSES,
        on_progress: ProgressCallback | None = None,
    ) -> GetSessionResponse:
        """Poll a session until it settles; see ``Sessions.wait``.

        ``on_progress`` may be a plain function or a coroutine function.
        """
        return await self._client._run(
            _wait(self._client, session_id, timeout, poll_interval, until, on_progress)
        )

    def follow(
        self,
        session_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        until: Collection[str] | SessionPredicate = SETTLED_STATUSES,
        on_progress: ProgressCallback | None = None,
    ) -> AsyncIterator[FollowEvent]:
        """Follow a session (``async for``): its new messages and status changes until it
        settles; see ``Sessions.follow``. ``on_progress`` may be a coroutine function."""
        return self._client._iterate(
            _follow(self._client, session_id, timeout, poll_interval, until, on_progress)
        )

    async def create_and_wait(
        self, prompt: str, **options: Unpack[CreateAndWaitOptions]
    ) -> GetSessionResponse:
        """``create`` then ``wait``; see ``Sessions.create_and_wait``."""
        return await self._client._run(_create_and_wait(self._client, prompt, options))

    async def run(self, prompt: str, *, output_type: type[T], **options: Unpack[RunOptions]) -> T:
        """Create a session, wait, and return its structured output as a ``T``; see
        ``Sessions.run``."""
        result: T = await self._client._run(_run_typed(self._client, prompt, output_type, options))
        return result
