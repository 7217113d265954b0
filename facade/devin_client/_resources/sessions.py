"""``client.sessions``: create, get, message, tag, terminate, list, wait."""

from __future__ import annotations

import builtins
import inspect
import math
from collections.abc import (
    AsyncIterator,
    Callable,
    Collection,
    Iterator,
    Mapping,
    Sequence,
)
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

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
    SessionSecretInput,
    SessionSummary,
    StructuredOutputSchema,
    TerminateSessionResponse,
)
from devin_api.types import UNSET, Unset

from .._attachments import AttachmentItem, format_attachments, split_attachments
from .._constants import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT, SETTLED_STATUSES
from .._exceptions import DevinError, DevinValidationError, WaitTimeoutError
from .._logging import logger
from .._transport import BaseClient, Call
from .._validation import (
    ResponseSchemaError,
    check_body,
    check_create_as_user_id,
    check_response,
    check_structured_output_schema,
    check_text,
    session_statuses,
)
from ._common import as_list, check_id, model_parser, opt

if TYPE_CHECKING:
    from .._client import AsyncDevin, Devin

__all__ = ["AsyncSessions", "Sessions"]

R = TypeVar("R")
SessionPredicate = Callable[[GetSessionResponse], bool]
ProgressCallback = Callable[[GetSessionResponse], Any]

_CREATE = "create_session_endpoint_v1_sessions_post"
_GET = "get_session_endpoint_v1_sessions__session_id__get"
_TAGS = "edit_session_tags_v1_sessions__session_id__tags_put"
_TERMINATE = "terminate_session_endpoint_v1_sessions__session_id__delete"
_LIST = "list_sessions_endpoint_v1_sessions_get"
_MESSAGE = "post_message_to_session_v1_sessions__session_id__message_post"

_parse_create = model_parser(CreateSessionResponse, _CREATE)
_parse_get = model_parser(GetSessionResponse, _GET)
_parse_tags = model_parser(EditTagsResponse, _TAGS)
_parse_terminate = model_parser(TerminateSessionResponse, _TERMINATE)
_parse_list = model_parser(ListSessionsResponse, _LIST)


def _parse_message(response: httpx.Response, check: bool) -> MessageSentResponse | None:
    # null (or no body at all) means delivered.
    data = response.json() if response.content else None
    if data is None:
        return None
    if check:
        check_response(_MESSAGE, response.status_code, data)
    if not isinstance(data, dict):
        raise ResponseSchemaError(f"body: must be a JSON object or null, not {type(data).__name__}")
    return MessageSentResponse.from_dict(data)


# -- request preparation shared by the sync and async resources ---------------------------


def _session_secrets(value: Any) -> tuple[Any, builtins.list[str]]:
    """Generated ``SessionSecretInput`` objects from objects or mappings, and their values."""
    if value is None or not isinstance(value, list | tuple):
        return value, []
    out: builtins.list[Any] = []
    values: builtins.list[str] = []
    for i, item in enumerate(value):
        if isinstance(item, Mapping):
            for required in ("key", "value"):
                if required not in item:
                    raise DevinValidationError(f"session_secrets[{i}].{required}", "is required")
            item = SessionSecretInput.from_dict(item)
        elif not isinstance(item, SessionSecretInput):
            raise DevinValidationError(
                f"session_secrets[{i}]", "must be a SessionSecretInput or a mapping"
            )
        if isinstance(item.value, str):
            values.append(item.value)
        out.append(item)
    return out, values


class _Prepared(Generic[R]):
    """A request ready to send once any local attachments are uploaded."""

    __slots__ = ("body", "call", "pending")

    def __init__(self, call: Call[R], body: dict[str, Any], pending: builtins.list[Any]) -> None:
        self.call = call
        self.body = body
        self.pending = pending  # attachments: URLs (str) and files to upload (Path)

    def finish(self, field: str, uploaded: builtins.list[str]) -> None:
        """Put the uploaded URLs, in order, into the prompt or message."""
        files = iter(uploaded)
        urls = [item if isinstance(item, str) else next(files) for item in self.pending]
        self.body[field] = format_attachments(self.body[field], urls)


def _prepare_create(
    client: BaseClient, prompt: Any, attachments: Any, fields: dict[str, Any]
) -> _Prepared[CreateSessionResponse]:
    pending = split_attachments(attachments) if attachments else []
    secrets, secret_values = _session_secrets(fields["session_secrets"])
    schema = fields["structured_output_schema"]
    if isinstance(schema, Mapping):
        schema = StructuredOutputSchema.from_dict(schema)
    mode = fields["devin_mode"]
    if isinstance(mode, str) and mode in DevinMode._value2member_map_:
        mode = DevinMode(mode)
    params = CreateSessionParams(
        prompt=prompt,
        # False is the API's default for these two: not sending it keeps bodies minimal.
        idempotent=fields["idempotent"] if fields["idempotent"] is not False else UNSET,
        knowledge_ids=as_list(fields["knowledge_ids"]),
        max_acu_limit=opt(fields["max_acu_limit"]),
        playbook_id=opt(fields["playbook_id"]),
        secret_ids=as_list(fields["secret_ids"]),
        session_secrets=opt(secrets),
        snapshot_id=opt(fields["snapshot_id"]),
        structured_output_schema=opt(schema),
        tags=opt(as_list(fields["tags"])),
        title=opt(fields["title"]),
        unlisted=fields["unlisted"] if fields["unlisted"] is not False else UNSET,
        devin_mode=opt(mode),
        create_as_user_id=opt(fields["create_as_user_id"]),
    )
    kwargs = _create_op.build_request(body=params)
    body: dict[str, Any] = kwargs["json"]
    if client._validate:
        check_body("CreateSessionParams", body)
        if not pending:
            check_text("prompt", body["prompt"])
        if "structured_output_schema" in body and body["structured_output_schema"] is not None:
            check_structured_output_schema(body["structured_output_schema"])
        if "create_as_user_id" in body:
            check_create_as_user_id(body["create_as_user_id"])
    call = Call(
        kwargs,
        operation=_CREATE,
        parse=_parse_create,
        # A blind retry of a create can start a second, billed session (see the README).
        retry_safe=body.get("idempotent") is True,
        secrets=secret_values,
    )
    prepared = _Prepared(call, body, pending)
    if pending and all(isinstance(item, str) for item in pending):
        prepared.finish("prompt", [])
        prepared.pending = []
    return prepared


def _prepare_message(
    client: BaseClient, session_id: Any, message: Any, attachments: Any
) -> _Prepared[MessageSentResponse | None]:
    check_id(session_id, "session_id")
    pending = split_attachments(attachments) if attachments else []
    kwargs = _message_op.build_request(session_id, body=PostMessageParams(message=message))
    if client._validate:
        check_body("PostMessageParams", kwargs["json"])
        if not pending:
            check_text("message", kwargs["json"]["message"])
    call = Call(
        kwargs,
        operation=_MESSAGE,
        parse=_parse_message,
    )
    prepared = _Prepared(call, kwargs["json"], pending)
    if pending and all(isinstance(item, str) for item in pending):
        prepared.finish("message", [])
        prepared.pending = []
    return prepared


def _get_call(session_id: Any, deadline: float | None = None) -> Call[GetSessionResponse]:
    kwargs = _get_op.build_request(check_id(session_id, "session_id"))
    return Call(kwargs, operation=_GET, parse=_parse_get, deadline=deadline)


def _tags_call(client: BaseClient, session_id: Any, tags: Any) -> Call[EditTagsResponse]:
    check_id(session_id, "session_id")
    kwargs = _tags_op.build_request(session_id, body=EditSessionTagsParams(tags=as_list(tags)))
    if client._validate:
        check_body("EditSessionTagsParams", kwargs["json"])
    return Call(kwargs, operation=_TAGS, parse=_parse_tags)


def _terminate_call(session_id: Any) -> Call[TerminateSessionResponse]:
    kwargs = _terminate_op.build_request(check_id(session_id, "session_id"))
    return Call(
        kwargs,
        operation=_TERMINATE,
        parse=_parse_terminate,
    )


def _check_list_args(tags: Any, user_email: Any, page_size: Any) -> builtins.list[str] | None:
    if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
        raise DevinValidationError("page_size", "must be an integer >= 1")
    if user_email is not None and not isinstance(user_email, str):
        raise DevinValidationError("user_email", "must be a string")
    if tags is None:
        return None
    if not isinstance(tags, list | tuple) or not all(isinstance(t, str) for t in tags):
        raise DevinValidationError("tags", "must be a list of strings")
    return list(tags)


def _list_call(
    tags: builtins.list[str] | None, user_email: str | None, page_size: int, offset: int
) -> Call[ListSessionsResponse]:
    kwargs = _list_op.build_request(
        limit=page_size,
        offset=offset,
        tags=UNSET if tags is None else tags,
        user_email=UNSET if user_email is None else user_email,
    )
    return Call(kwargs, operation=_LIST, parse=_parse_list)


class _Pager:
    """The paging decisions of ``sessions.list()``, shared by the sync and async resources.

    The v1 list answers only ``{"sessions": [...]}``: no total, no next link, and a server
    may return fewer than ``limit`` sessions per page (a cap of its own). So:

    - a page shorter than the longest page seen so far is the last one (the server's
      effective limit is at least that long); an empty page is always the last;
    - a page as long as the longest one may not be the last, even when it is shorter than
      ``page_size`` (the server caps ``limit``): one more page is asked for. So a listing
      shorter than ``page_size`` costs two requests, the second answering an empty page;
    - a session already yielded is not yielded again (a page shifted by a session created
      meanwhile), and a page with no new session at all ends the listing: the server ignores
      ``offset`` (it would answer the same page forever). A warning is logged then, as the
      listing may be incomplete.
    """

    __slots__ = ("done", "longest", "offset", "page_size", "seen", "tags", "user_email")

    def __init__(
        self, tags: builtins.list[str] | None, user_email: str | None, page_size: int
    ) -> None:
        self.tags = tags
        self.user_email = user_email
        self.page_size = page_size
        self.offset = 0
        self.longest = 0
        self.seen: set[str] = set()
        self.done = False

    def call(self) -> Call[ListSessionsResponse]:
        return _list_call(self.tags, self.user_email, self.page_size, self.offset)

    def take(self, page: ListSessionsResponse) -> builtins.list[SessionSummary]:
        """The page's new sessions; sets ``done`` when no page follows."""
        sessions = page.sessions
        count = len(sessions)
        fresh = [s for s in sessions if s.session_id not in self.seen]
        self.seen.update(s.session_id for s in fresh)
        if count and not fresh:
            logger.warning(
                "sessions.list: the page at offset %d repeats sessions already listed (the "
                "server seems to ignore offset); stopping after %d sessions",
                self.offset,
                len(self.seen),
            )
        # A short first page may be a cap: only a shorter page than one already seen, or an
        # empty one, proves the end.
        if not fresh or count < self.longest:
            self.done = True
        self.longest = max(self.longest, count)
        self.offset += count
        return fresh


def status_of(session: GetSessionResponse | SessionSummary) -> str:
    """The session's status: ``status_enum`` when the API sent one, else ``status``."""
    value = session.status_enum
    if value is None or isinstance(value, Unset):
        return session.status
    return str(value)


def _settled_check(
    timeout: Any, poll_interval: Any, until: Any
) -> Callable[[GetSessionResponse], bool]:
    for name, value in (("timeout", timeout), ("poll_interval", poll_interval)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DevinValidationError(name, "must be a number of seconds")
        if not math.isfinite(value) or value < 0:
            raise DevinValidationError(name, "must be a finite number of seconds >= 0")
    if callable(until):
        predicate: Callable[[GetSessionResponse], bool] = until
        return predicate
    if isinstance(until, str) or not isinstance(until, Collection):
        raise DevinValidationError(
            "until", "must be a collection of statuses or a function of the session"
        )
    if not all(isinstance(s, str) for s in until):
        raise DevinValidationError("until", "must hold statuses (strings)")
    statuses = frozenset(until)
    known = session_statuses()
    if not statuses:
        raise DevinValidationError("until", f"names no status; the known ones are {_list(known)}")
    # A typo would never match: the wait would poll until its timeout (an hour by default).
    unknown = sorted(repr(s) for s in statuses if s not in known)
    if unknown:
        raise DevinValidationError(
            "until", f"unknown status {', '.join(unknown)}; the known ones are {_list(known)}"
        )
    return lambda session: status_of(session) in statuses


def _list(statuses: frozenset[str]) -> str:
    return ", ".join(sorted(statuses))


class _Waiter:
    """The decisions of ``sessions.wait``, shared by the sync and async resources.

    ``timeout`` is a deadline for the whole wait on the client's clock: each poll's request
    (retries and their backoff included) gets only the time left, and the wait raises
    ``WaitTimeoutError`` when it runs out, carrying the last session seen (``None`` when no
    poll answered in time). ``timeout=0`` polls exactly once, with the client's own timeout.
    """

    __slots__ = ("client", "deadline", "done", "poll_interval", "polled", "session_id", "timeout")

    def __init__(
        self, client: BaseClient, session_id: Any, timeout: Any, poll_interval: Any, until: Any
    ) -> None:
        self.done = _settled_check(timeout, poll_interval, until)
        self.session_id = check_id(session_id, "session_id")
        self.client = client
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.deadline = client._clock() + timeout
        self.polled: GetSessionResponse | None = None

    def poll(self) -> Call[GetSessionResponse]:
        """The next poll (bounded by the wait's deadline)."""
        deadline = None if self.timeout == 0 else self.deadline
        return _get_call(self.session_id, deadline)

    def failed(self, call: Call[GetSessionResponse], exc: DevinError) -> None:
        """A poll failed: when the deadline is what ended it, the wait timed out.

        Raises:
            WaitTimeoutError: The deadline ended the poll.
        """
        if call.expired:
            raise WaitTimeoutError(self.polled, self.timeout, session_id=self.session_id) from exc

    def after(self, session: GetSessionResponse) -> float | None:
        """Seconds to sleep before the next poll, or ``None`` when ``session`` has settled.

        Raises:
            WaitTimeoutError: No time left.
        """
        self.polled = session
        if self.done(session):
            return None
        remaining = self.deadline - self.client._clock()
        if remaining <= 0:
            raise WaitTimeoutError(session, self.timeout)
        return float(min(self.poll_interval, remaining))


# -- the resources ------------------------------------------------------------------------


class Sessions:
    """``client.sessions`` of a ``Devin`` client."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def create(
        self,
        prompt: str,
        *,
        attachments: Sequence[AttachmentItem] = (),
        idempotent: bool = False,
        knowledge_ids: Sequence[str] | Unset | None = UNSET,
        secret_ids: Sequence[str] | Unset | None = UNSET,
        max_acu_limit: int | None = None,
        playbook_id: str | None = None,
        session_secrets: Sequence[SessionSecretInput | Mapping[str, Any]] | None = None,
        snapshot_id: str | None = None,
        structured_output_schema: Mapping[str, Any] | None = None,
        tags: Sequence[str] | None = None,
        title: str | None = None,
        unlisted: bool = False,
        devin_mode: DevinMode | str | None = None,
        create_as_user_id: str | None = None,
    ) -> CreateSessionResponse:
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
            DevinValidationError: Bad input; nothing was sent.
            APIStatusError: The API refused (a subclass per status).
            APIConnectionError: No response.
        """
        prepared = _prepare_create(self._client, prompt, attachments, locals())
        if prepared.pending:
            prepared.finish("prompt", self._upload(prepared.pending))
        return self._client._request(prepared.call)

    def _upload(self, pending: builtins.list[Any]) -> builtins.list[str]:
        upload = self._client.attachments.upload
        return [upload(item) for item in pending if isinstance(item, Path)]

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
        return self._client._request(_get_call(session_id))

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
            BadRequestError: The session has already exited.
            NotFoundError: No such session.
            DevinError: Any other failure.
        """
        prepared = _prepare_message(self._client, session_id, message, attachments)
        if prepared.pending:
            prepared.finish("message", self._upload(prepared.pending))
        return self._client._request(prepared.call)

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
        return self._client._request(_tags_call(self._client, session_id, tags))

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
        return self._client._request(_terminate_call(session_id))

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
        tag_list = _check_list_args(tags, user_email, page_size)
        return self._pages(tag_list, user_email, page_size)

    def _pages(
        self, tags: builtins.list[str] | None, user_email: str | None, page_size: int
    ) -> Iterator[SessionSummary]:
        pager = _Pager(tags, user_email, page_size)
        while not pager.done:
            yield from pager.take(self._client._request(pager.call()))

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
        waiter = _Waiter(self._client, session_id, timeout, poll_interval, until)
        while True:
            call = waiter.poll()
            try:
                session = self._client._request(call)
            except DevinError as exc:
                waiter.failed(call, exc)
                raise
            if on_progress is not None:
                on_progress(session)
            delay = waiter.after(session)
            if delay is None:
                return session
            self._client._sleep(delay)

    def create_and_wait(
        self,
        prompt: str,
        *,
        attachments: Sequence[AttachmentItem] = (),
        idempotent: bool = False,
        knowledge_ids: Sequence[str] | Unset | None = UNSET,
        secret_ids: Sequence[str] | Unset | None = UNSET,
        max_acu_limit: int | None = None,
        playbook_id: str | None = None,
        session_secrets: Sequence[SessionSecretInput | Mapping[str, Any]] | None = None,
        snapshot_id: str | None = None,
        structured_output_schema: Mapping[str, Any] | None = None,
        tags: Sequence[str] | None = None,
        title: str | None = None,
        unlisted: bool = False,
        devin_mode: DevinMode | str | None = None,
        create_as_user_id: str | None = None,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        until: Collection[str] | SessionPredicate = SETTLED_STATUSES,
        on_progress: ProgressCallback | None = None,
    ) -> GetSessionResponse:
        """``create`` then ``wait``: the arguments of both, the result of ``wait``.

        Raises:
            DevinValidationError: Bad input (checked before the session is created).
            WaitTimeoutError: The session did not settle in time (it keeps running).
            DevinError: Any other failure.
        """
        _settled_check(timeout, poll_interval, until)
        created = self.create(
            prompt,
            attachments=attachments,
            idempotent=idempotent,
            knowledge_ids=knowledge_ids,
            secret_ids=secret_ids,
            max_acu_limit=max_acu_limit,
            playbook_id=playbook_id,
            session_secrets=session_secrets,
            snapshot_id=snapshot_id,
            structured_output_schema=structured_output_schema,
            tags=tags,
            title=title,
            unlisted=unlisted,
            devin_mode=devin_mode,
            create_as_user_id=create_as_user_id,
        )
        return self.wait(
            created.session_id,
            timeout=timeout,
            poll_interval=poll_interval,
            until=until,
            on_progress=on_progress,
        )


class AsyncSessions:
    """``client.sessions`` of an ``AsyncDevin`` client: ``Sessions``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def create(
        self,
        prompt: str,
        *,
        attachments: Sequence[AttachmentItem] = (),
        idempotent: bool = False,
        knowledge_ids: Sequence[str] | Unset | None = UNSET,
        secret_ids: Sequence[str] | Unset | None = UNSET,
        max_acu_limit: int | None = None,
        playbook_id: str | None = None,
        session_secrets: Sequence[SessionSecretInput | Mapping[str, Any]] | None = None,
        snapshot_id: str | None = None,
        structured_output_schema: Mapping[str, Any] | None = None,
        tags: Sequence[str] | None = None,
        title: str | None = None,
        unlisted: bool = False,
        devin_mode: DevinMode | str | None = None,
        create_as_user_id: str | None = None,
    ) -> CreateSessionResponse:
        """Start a Devin session; see ``Sessions.create``."""
        prepared = _prepare_create(self._client, prompt, attachments, locals())
        if prepared.pending:
            prepared.finish("prompt", await self._upload(prepared.pending))
        return await self._client._request(prepared.call)

    async def _upload(self, pending: builtins.list[Any]) -> builtins.list[str]:
        upload = self._client.attachments.upload
        return [await upload(item) for item in pending if isinstance(item, Path)]

    async def get(self, session_id: str) -> GetSessionResponse:
        """Fetch a session with its messages; see ``Sessions.get``."""
        return await self._client._request(_get_call(session_id))

    async def send_message(
        self, session_id: str, message: str, *, attachments: Sequence[AttachmentItem] = ()
    ) -> MessageSentResponse | None:
        """Send a message to a session; see ``Sessions.send_message``."""
        prepared = _prepare_message(self._client, session_id, message, attachments)
        if prepared.pending:
            prepared.finish("message", await self._upload(prepared.pending))
        return await self._client._request(prepared.call)

    async def update_tags(self, session_id: str, tags: Sequence[str]) -> EditTagsResponse:
        """Replace a session's tags; see ``Sessions.update_tags``."""
        return await self._client._request(_tags_call(self._client, session_id, tags))

    async def terminate(self, session_id: str) -> TerminateSessionResponse:
        """Terminate a session; see ``Sessions.terminate``."""
        return await self._client._request(_terminate_call(session_id))

    def list(
        self,
        *,
        tags: Sequence[str] | None = None,
        user_email: str | None = None,
        page_size: int = 100,
    ) -> AsyncIterator[SessionSummary]:
        """Iterate (``async for``) over the organisation's sessions; see ``Sessions.list``."""
        tag_list = _check_list_args(tags, user_email, page_size)
        return self._pages(tag_list, user_email, page_size)

    async def _pages(
        self, tags: builtins.list[str] | None, user_email: str | None, page_size: int
    ) -> AsyncIterator[SessionSummary]:
        pager = _Pager(tags, user_email, page_size)
        while not pager.done:
            for session in pager.take(await self._client._request(pager.call())):
                yield session

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
        waiter = _Waiter(self._client, session_id, timeout, poll_interval, until)
        while True:
            call = waiter.poll()
            try:
                session = await self._client._request(call)
            except DevinError as exc:
                waiter.failed(call, exc)
                raise
            if on_progress is not None:
                result = on_progress(session)
                if inspect.isawaitable(result):
                    await result
            delay = waiter.after(session)
            if delay is None:
                return session
            await self._client._sleep(delay)

    async def create_and_wait(
        self,
        prompt: str,
        *,
        attachments: Sequence[AttachmentItem] = (),
        idempotent: bool = False,
        knowledge_ids: Sequence[str] | Unset | None = UNSET,
        secret_ids: Sequence[str] | Unset | None = UNSET,
        max_acu_limit: int | None = None,
        playbook_id: str | None = None,
        session_secrets: Sequence[SessionSecretInput | Mapping[str, Any]] | None = None,
        snapshot_id: str | None = None,
        structured_output_schema: Mapping[str, Any] | None = None,
        tags: Sequence[str] | None = None,
        title: str | None = None,
        unlisted: bool = False,
        devin_mode: DevinMode | str | None = None,
        create_as_user_id: str | None = None,
        timeout: float = DEFAULT_WAIT_TIMEOUT,  # noqa: ASYNC109 (the wait's budget, a documented name)
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        until: Collection[str] | SessionPredicate = SETTLED_STATUSES,
        on_progress: ProgressCallback | None = None,
    ) -> GetSessionResponse:
        """``create`` then ``wait``; see ``Sessions.create_and_wait``."""
        _settled_check(timeout, poll_interval, until)
        created = await self.create(
            prompt,
            attachments=attachments,
            idempotent=idempotent,
            knowledge_ids=knowledge_ids,
            secret_ids=secret_ids,
            max_acu_limit=max_acu_limit,
            playbook_id=playbook_id,
            session_secrets=session_secrets,
            snapshot_id=snapshot_id,
            structured_output_schema=structured_output_schema,
            tags=tags,
            title=title,
            unlisted=unlisted,
            devin_mode=devin_mode,
            create_as_user_id=create_as_user_id,
        )
        return await self.wait(
            created.session_id,
            timeout=timeout,
            poll_interval=poll_interval,
            until=until,
            on_progress=on_progress,
        )
