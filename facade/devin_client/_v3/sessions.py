"""``client.sessions``: create, get, list, wait for, follow, run (typed output), message, tag,
archive and terminate sessions; their attachments and insights (``sessions.messages``,
``.tags``, ``.insights``)."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Callable, Collection, Iterator, Mapping, Sequence
from functools import cache, cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, Unpack

from devin_api_v3.api.sessions import (
    handle_append_session_tags_v3_organizations_org_id_sessions_devin_id_tags_post as _append_op,
)
from devin_api_v3.api.sessions import (
    handle_archive_session_v3_organizations_org_id_sessions_devin_id_archive_post as _archive_op,
)
from devin_api_v3.api.sessions import (
    handle_create_session_v3_organizations_org_id_sessions_post as _create_op,
)
from devin_api_v3.api.sessions import (
    handle_generate_session_insights_v3_organizations_org_id_sessions_devin_id_insights_generate_post as _generate_op,  # noqa: E501
)
from devin_api_v3.api.sessions import (
    handle_get_session_attachments_v3_organizations_org_id_sessions_devin_id_attachments_get as _attachments_op,  # noqa: E501
)
from devin_api_v3.api.sessions import (
    handle_get_session_insights_v3_organizations_org_id_sessions_devin_id_insights_get as _insight_op,  # noqa: E501
)
from devin_api_v3.api.sessions import (
    handle_get_session_messages_v3_organizations_org_id_sessions_devin_id_messages_get as _messages_op,  # noqa: E501
)
from devin_api_v3.api.sessions import (
    handle_get_session_tags_v3_organizations_org_id_sessions_devin_id_tags_get as _tags_op,
)
from devin_api_v3.api.sessions import (
    handle_get_session_v3_organizations_org_id_sessions_devin_id_get as _get_op,
)
from devin_api_v3.api.sessions import (
    handle_get_sessions_insights_v3_organizations_org_id_sessions_insights_get as _insights_op,
)
from devin_api_v3.api.sessions import (
    handle_get_sessions_v3_organizations_org_id_sessions_get as _list_op,
)
from devin_api_v3.api.sessions import (
    handle_post_message_v3_organizations_org_id_sessions_devin_id_messages_post as _send_op,
)
from devin_api_v3.api.sessions import (
    handle_replace_session_tags_v3_organizations_org_id_sessions_devin_id_tags_put as _replace_op,
)
from devin_api_v3.api.sessions import (
    handle_terminate_session_v3_organizations_org_id_sessions_devin_id_delete as _terminate_op,
)
from devin_api_v3.api.sessions import (
    handle_unarchive_session_v3_organizations_org_id_sessions_devin_id_unarchive_post as _unarchive_op,  # noqa: E501
)
from devin_api_v3.models import (
    DevinMode,
    PaginatedResponseSessionInsightsResponse,
    PaginatedResponseSessionMessage,
    PaginatedResponseSessionResponse,
    SessionAttachment,
    SessionCategoryFilter,
    SessionCreateRequest,
    SessionInsightsGenerateResponse,
    SessionInsightsResponse,
    SessionMessage,
    SessionMessageCreateRequest,
    SessionOriginFilter,
    SessionResponse,
    SessionSecretInput,
    SessionTagsResponse,
    SessionTagsUpdateRequest,
    StructuredOutputSchema,
)
from devin_api_v3.types import UNSET

from .._core._args import (
    Parser,
    as_list,
    check_create_body,
    check_id,
    check_text,
    create_fields,
    list_of,
    model,
    unknown_options,
)
from .._core._attachments import FIX_URLS, AttachmentItem, check_attachment_lines
from .._core._constants import DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT
from .._core._exceptions import DevinValidationError
from .._core._files import attach
from .._core._flows import Flow
from .._core._follow import CursorMessages, MessageEvent, StatusEvent, follow
from .._core._pipeline import BaseClient, Call
from .._core._spec import Operation
from .._core._typed import Outcome, is_unset, typed_options, typed_result
from .._core._wait import poll_until, settled_check
from ._client import SPEC, org_of
from ._common import (
    DEFAULT_PAGE_SIZE,
    check_page_size,
    check_query,
    cursor_listing,
    opt,
    unset_if_none,
)
from .attachments import upload_url

if TYPE_CHECKING:
    from ._client import AsyncDevin, Devin

__all__ = [
    "SETTLED_DETAILS",
    "SETTLED_STATUSES",
    "AsyncSessions",
    "CreateOptions",
    "FollowEvent",
    "ListFilters",
    "RunOptions",
    "SessionFilters",
    "Sessions",
    "is_settled",
]

T = TypeVar("T")

SessionPredicate = Callable[[SessionResponse], bool]
ProgressCallback = Callable[[SessionResponse], Any]
FollowEvent = MessageEvent[SessionMessage] | StatusEvent[SessionResponse]
"""What ``sessions.follow`` yields."""

# Settled, by v3's status model: the session ended (exit, error), is asleep (suspended), or is
# running but has finished its turn or waits for a person (tests check each is in the spec).
SETTLED_STATUSES = frozenset({"exit", "error", "suspended"})
SETTLED_DETAILS = frozenset({"finished", "waiting_for_user", "waiting_for_approval"})
_RUNNING = "running"


def _detail(session: SessionResponse) -> str | None:
    detail = session.status_detail
    return str(detail) if isinstance(detail, str) else None


def is_settled(session: SessionResponse) -> bool:
    """Whether a session has settled: ``status`` ``exit``, ``error`` or ``suspended``, or
    ``running`` with ``status_detail`` ``finished``, ``waiting_for_user`` or
    ``waiting_for_approval``. What ``sessions.wait`` waits for by default."""
    status = str(session.status)
    if status in SETTLED_STATUSES:
        return True
    return status == _RUNNING and _detail(session) in SETTLED_DETAILS


def status_of(session: SessionResponse) -> str:
    """``status`` and, when there is one, ``status_detail``: ``running/waiting_for_user``."""
    detail = _detail(session)
    return str(session.status) if detail is None else f"{session.status}/{detail}"


def _labels(session: SessionResponse) -> tuple[str, ...]:
    detail = _detail(session)
    return (str(session.status),) if detail is None else (str(session.status), detail)


def session_labels() -> frozenset[str]:
    """What ``until=`` may name: the spec's session statuses and status details."""
    return SPEC.enum("SessionResponse", "status") | SPEC.enum("SessionResponse", "status_detail")


# -- the keyword arguments ---------------------------------------------------------------------


class CreateOptions(TypedDict, total=False):
    """The keywords of ``sessions.create``: every ``SessionCreateRequest`` field but ``prompt``
    and ``attachment_urls`` (filled from ``attachments``)."""

    attachments: Sequence[AttachmentItem]
    bypass_approval: bool | None
    child_playbook_id: str | None
    create_as_user_id: str | None
    devin_mode: DevinMode | str | None
    knowledge_ids: Sequence[str] | None
    max_acu_limit: int | None
    platform: str | None
    playbook_id: str | None
    repos: Sequence[str] | None
    resumable: bool
    secret_ids: Sequence[str] | None
    session_links: Sequence[str] | None
    session_secrets: Sequence[SessionSecretInput | Mapping[str, Any]] | None
    structured_output_required: bool | None
    structured_output_schema: Mapping[str, Any] | None
    tags: Sequence[str] | None
    title: str | None


class WaitOptions(TypedDict, total=False):
    """The keywords of ``sessions.wait`` (see ``Sessions.wait``)."""

    timeout: float
    poll_interval: float
    until: Collection[str] | SessionPredicate | None
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


class SessionFilters(TypedDict, total=False):
    """Filters of ``sessions.insights.list`` (and ``sessions.list``): the list operation's
    query parameters but the paging ones. ``None`` is no filter; timestamps are Unix seconds."""

    session_ids: Sequence[str] | None
    created_after: int | None
    created_before: int | None
    updated_after: int | None
    updated_before: int | None
    tags: Sequence[str] | None
    playbook_id: str | None
    origins: Sequence[SessionOriginFilter | str] | None
    schedule_id: str | None
    user_ids: Sequence[str] | None
    service_user_ids: Sequence[str] | None
    category: SessionCategoryFilter | str | None
    is_archived: bool | None
    parent_session_id: str | None
    repo_names: Sequence[str] | None
    automation_ids: Sequence[str] | None


class ListFilters(SessionFilters, total=False):
    """Filters of ``sessions.list``: those of ``SessionFilters`` and ``devin_id``."""

    devin_id: str | None


_CREATE_KEYS = CreateOptions.__optional_keys__
_WAIT_KEYS = WaitOptions.__optional_keys__
_CREATE_AND_WAIT_KEYS = CreateAndWaitOptions.__optional_keys__
_RUN_WAIT_KEYS = RunWaitOptions.__optional_keys__
_RUN_KEYS = RunOptions.__optional_keys__
_FILTER_KEYS = SessionFilters.__optional_keys__
_LIST_KEYS = ListFilters.__optional_keys__

_parse_session = model(SessionResponse)
_parse_sessions = model(PaginatedResponseSessionResponse)
_parse_messages = model(PaginatedResponseSessionMessage)
_parse_tags = model(SessionTagsResponse)
_parse_attachments = list_of(SessionAttachment)
_parse_insight = model(SessionInsightsResponse)
_parse_insights = model(PaginatedResponseSessionInsightsResponse)
_parse_generate = model(SessionInsightsGenerateResponse)


# -- create and messages: attachments uploaded first, then every URL in attachment_urls --------


def _schema(value: Any) -> Any:
    return StructuredOutputSchema.from_dict(value) if isinstance(value, Mapping) else opt(value)


def _mode(value: Any) -> Any:
    if isinstance(value, str) and value in DevinMode._value2member_map_:
        return DevinMode(value)
    return opt(value)


def _listed(value: Any) -> Any:
    return opt(as_list(value))


def _given(value: Any) -> Any:
    return value


# How each keyword becomes its SessionCreateRequest field (session_secrets apart): None is "not
# sent", but for knowledge_ids and secret_ids, whose null the API reads as "all". Anything the
# model would not take as it is goes through unchanged, for the spec's schema to judge.
_FIELDS: dict[str, Callable[[Any], Any]] = {
    "bypass_approval": opt,
    "child_playbook_id": opt,
    "create_as_user_id": opt,
    "devin_mode": _mode,
    "knowledge_ids": as_list,
    "max_acu_limit": opt,
    "platform": opt,
    "playbook_id": opt,
    "repos": _listed,
    "resumable": _given,
    "secret_ids": as_list,
    "session_links": _listed,
    "structured_output_required": opt,
    "structured_output_schema": _schema,
    "tags": _listed,
    "title": opt,
}


def _create(client: BaseClient, prompt: Any, options: CreateOptions) -> Flow[SessionResponse]:
    """The flow of ``create``; the arguments are checked now. The caller's ``options`` dict
    gets its secret values hidden."""
    # The API's defaults for these two are the model's: not sending them keeps bodies minimal.
    fields, secret_values = create_fields(
        "create",
        options,
        _CREATE_KEYS,
        _FIELDS,
        {"resumable": UNSET, "structured_output_required": UNSET},
        SessionSecretInput,
    )
    org = org_of(client)
    validate = client._validate

    def call(urls: builtins.list[str], final: bool) -> Call[SessionResponse]:
        body = SessionCreateRequest(prompt=prompt, attachment_urls=urls or UNSET, **fields)
        request = _create_op.build_request(org, body=body)
        if validate:
            check_create_body(request["json"], text_required=final and not urls, fix=FIX_URLS)
        # Never retried once it may have reached the server (the operation is not retry-safe):
        # v3 has no idempotency flag, and a second create is a second, billed session.
        return Call(_create_op.OPERATION, request, parse=_parse_session, secrets=secret_values)

    return attach(client, options.get("attachments"), call, upload_url(org))


def _check_user(field: str, value: Any) -> None:
    if isinstance(value, str) and not value.strip():
        raise DevinValidationError(field, "must not be empty")


def _send(
    client: BaseClient, devin_id: Any, message: Any, attachments: Any, as_user: Any
) -> Flow[SessionResponse]:
    check_id(devin_id, "devin_id")
    org = org_of(client)
    validate = client._validate

    def call(urls: builtins.list[str], final: bool) -> Call[SessionResponse]:
        body = SessionMessageCreateRequest(
            message=message, attachment_urls=urls or UNSET, message_as_user_id=opt(as_user)
        )
        request = _send_op.build_request(org, devin_id, body=body)
        if validate:
            if final and not urls:
                check_text("message", request["json"]["message"])
            check_attachment_lines("message", request["json"]["message"], fix=FIX_URLS)
            _check_user("message_as_user_id", as_user)
        return Call(_send_op.OPERATION, request, parse=_parse_session)

    return attach(client, attachments, call, upload_url(org))


# -- one call each ---------------------------------------------------------------------------------


def _by_id(op: Any, parse: Parser[T]) -> Callable[[BaseClient, Any], Flow[T]]:
    """The flow of an operation taking only the organisation and the session's id."""

    def flow(client: BaseClient, devin_id: Any) -> Flow[T]:
        request = op.build_request(org_of(client), check_id(devin_id, "devin_id"))
        return client._exchange(Call(op.OPERATION, request, parse=parse))

    return flow


_get = _by_id(_get_op, _parse_session)
_archive = _by_id(_archive_op, _parse_session)
_unarchive = _by_id(_unarchive_op, _parse_session)
_attachments = _by_id(_attachments_op, _parse_attachments)
_get_tags = _by_id(_tags_op, _parse_tags)
_insight = _by_id(_insight_op, _parse_insight)
_generate = _by_id(_generate_op, _parse_generate)


def _terminate(client: BaseClient, devin_id: Any, archive: Any) -> Flow[SessionResponse]:
    check_id(devin_id, "devin_id")
    if not isinstance(archive, bool):
        raise DevinValidationError("archive", "must be True or False")
    request = _terminate_op.build_request(org_of(client), devin_id, archive=archive or UNSET)
    return client._exchange(Call(_terminate_op.OPERATION, request, parse=_parse_session))


def _set_tags(client: BaseClient, op: Any, devin_id: Any, tags: Any) -> Flow[SessionTagsResponse]:
    check_id(devin_id, "devin_id")
    body = SessionTagsUpdateRequest(tags=as_list(tags))
    request = op.build_request(org_of(client), devin_id, body=body)
    return client._exchange(Call(op.OPERATION, request, parse=_parse_tags))


# -- listings --------------------------------------------------------------------------------------


def _query(
    client: BaseClient, op: Operation, method: str, filters: Mapping[str, Any], known: Any
) -> tuple[dict[str, Any], Any]:
    """The filters as ``build_request`` keywords, checked against the spec; and ``origins``
    apart (the generated code takes enum members only: it is put in the query as given)."""
    unknown_options(method, filters, known)
    given = {key: as_list(value) for key, value in filters.items()}
    check_query(client, op, given)
    origins = given.pop("origins", None)
    return unset_if_none(given), origins


def _listing(
    client: BaseClient,
    op: Any,
    parse: Any,
    what: str,
    filters: Mapping[str, Any],
    known: Any,
    page_size: Any,
) -> Flow[None]:
    page_size = check_page_size(client, op.OPERATION, "first", page_size)
    kwargs, origins = _query(client, op.OPERATION, what.rpartition(".")[2], filters, known)

    def page(after: str | None, first: int) -> Call[Any]:
        request = op.build_request(org_of(client), after=opt(after), first=first, **kwargs)
        if origins is not None:
            request["params"]["origins"] = origins
        return Call(op.OPERATION, request, parse=parse)

    return cursor_listing(client, page, page_size, what, attrgetter("session_id"))


def _list(client: BaseClient, filters: ListFilters, page_size: Any) -> Flow[None]:
    return _listing(
        client, _list_op, _parse_sessions, "sessions.list", filters, _LIST_KEYS, page_size
    )


def _list_insights(client: BaseClient, filters: SessionFilters, page_size: Any) -> Flow[None]:
    return _listing(
        client,
        _insights_op,
        _parse_insights,
        "sessions.insights.list",
        filters,
        _FILTER_KEYS,
        page_size,
    )


def _messages(client: BaseClient, devin_id: Any, page_size: Any) -> Flow[None]:
    check_id(devin_id, "devin_id")
    page_size = check_page_size(client, _messages_op.OPERATION, "first", page_size)

    def page(after: str | None, first: int) -> Call[PaginatedResponseSessionMessage]:
        request = _messages_op.build_request(
            org_of(client), devin_id, after=opt(after), first=first
        )
        return Call(_messages_op.OPERATION, request, parse=_parse_messages)

    return cursor_listing(client, page, page_size, "sessions.messages.list", attrgetter("event_id"))


# -- wait ------------------------------------------------------------------------------------------


def _settled(timeout: Any, poll_interval: Any, until: Any) -> Callable[[Any], bool]:
    return settled_check(
        timeout,
        poll_interval,
        is_settled if until is None else until,
        known=session_labels,
        status_of=status_of,
        labels_of=_labels,
    )


def _get_call(client: BaseClient, devin_id: str, deadline: float | None) -> Call[SessionResponse]:
    request = _get_op.build_request(org_of(client), devin_id)
    return Call(_get_op.OPERATION, request, parse=_parse_session, deadline=deadline)


def _polling(
    client: BaseClient,
    devin_id: str,
    done: Callable[[Any], bool],
    timeout: float,
    poll_interval: float,
    on_progress: Any,
) -> Flow[SessionResponse]:
    return poll_until(
        client,
        devin_id,
        lambda deadline: _get_call(client, devin_id, deadline),
        done,
        timeout=timeout,
        poll_interval=poll_interval,
        on_progress=on_progress,
        status_of=status_of,
    )


def _wait(
    client: BaseClient,
    devin_id: Any,
    timeout: Any,
    poll_interval: Any,
    until: Any,
    on_progress: Any,
) -> Flow[SessionResponse]:
    """The flow of ``wait``; the arguments are checked now."""
    done = _settled(timeout, poll_interval, until)
    if on_progress is not None and not callable(on_progress):
        raise DevinValidationError("on_progress", "must be callable")
    devin_id = check_id(devin_id, "devin_id")
    return _polling(client, devin_id, done, timeout, poll_interval, on_progress)


def _create_and_wait(
    client: BaseClient, prompt: Any, options: CreateAndWaitOptions
) -> Flow[SessionResponse]:
    """The flow of ``create_and_wait``; every argument is checked before the session is created."""
    unknown_options("create_and_wait", options, _CREATE_AND_WAIT_KEYS)
    wait = {key: options.pop(key) for key in _WAIT_KEYS if key in options}  # type: ignore[misc]
    timeout = wait.get("timeout", DEFAULT_WAIT_TIMEOUT)
    poll_interval = wait.get("poll_interval", DEFAULT_POLL_INTERVAL)
    done = _settled(timeout, poll_interval, wait.get("until"))
    on_progress = wait.get("on_progress")
    if on_progress is not None and not callable(on_progress):
        raise DevinValidationError("on_progress", "must be callable")
    creating = _create(client, prompt, options)
    return _created_then_waited(client, creating, done, timeout, poll_interval, on_progress)


def _created_then_waited(
    client: BaseClient,
    creating: Flow[SessionResponse],
    done: Callable[[Any], bool],
    timeout: float,
    poll_interval: float,
    on_progress: Any,
) -> Flow[SessionResponse]:
    created = yield from creating
    devin_id = check_id(created.session_id, "session_id")
    return (yield from _polling(client, devin_id, done, timeout, poll_interval, on_progress))


# -- follow: the session polled, its messages read from the cursor ------------------------------


def _status(session: SessionResponse) -> str:
    return str(session.status)


def _items_of(page: PaginatedResponseSessionMessage) -> builtins.list[SessionMessage]:
    return page.items


def _end_cursor_of(page: PaginatedResponseSessionMessage) -> str | None:
    cursor = page.end_cursor
    return cursor if isinstance(cursor, str) else None


def _has_next_of(page: PaginatedResponseSessionMessage) -> bool:
    return page.has_next_page is True


def _event_id_of(message: SessionMessage) -> str:
    return message.event_id


def _follow(
    client: BaseClient,
    devin_id: Any,
    timeout: Any,
    poll_interval: Any,
    until: Any,
    on_progress: Any,
) -> Flow[None]:
    """The flow of ``follow`` (it emits events); the arguments are checked now. Each poll
    reads the session, then its messages from the last cursor the messages listing answered
    (``CursorMessages``: each message handed out once, by ``event_id``)."""
    done = _settled(timeout, poll_interval, until)
    if on_progress is not None and not callable(on_progress):
        raise DevinValidationError("on_progress", "must be callable")
    devin_id = check_id(devin_id, "devin_id")

    def page(after: str | None, deadline: float | None) -> Call[PaginatedResponseSessionMessage]:
        request = _messages_op.build_request(
            org_of(client), devin_id, after=opt(after), first=DEFAULT_PAGE_SIZE
        )
        return Call(_messages_op.OPERATION, request, parse=_parse_messages, deadline=deadline)

    source: CursorMessages[PaginatedResponseSessionMessage, SessionMessage] = CursorMessages(
        page,
        items_of=_items_of,
        end_cursor_of=_end_cursor_of,
        has_next_of=_has_next_of,
        event_id_of=_event_id_of,
    )
    return follow(
        client,
        devin_id,
        lambda deadline: _get_call(client, devin_id, deadline),
        done,
        timeout=timeout,
        poll_interval=poll_interval,
        on_progress=on_progress,
        status_of=_status,
        detail_of=_detail,
        source=source,
    )


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
    done = _settled(timeout, poll_interval, None)
    on_progress = wait.get("on_progress")
    if on_progress is not None and not callable(on_progress):
        raise DevinValidationError("on_progress", "must be callable")
    given = options.get("structured_output_schema") is not None
    typed = typed_options(output_type, options)
    _check_output_kind(typed.schema, given)
    creating = _create(client, prompt, options)
    waiting = _created_then_waited(client, creating, done, timeout, poll_interval, on_progress)
    return typed_result(
        waiting, typed, outcome_of=_outcome, status_of=status_of, session_id_of=_id_of
    )


@cache
def _output_kinds() -> frozenset[str]:
    """The JSON types a session's ``structured_output`` may have, null apart (the spec's
    ``SessionResponse.structured_output``: an object)."""
    schema = SPEC.document["components"]["schemas"]["SessionResponse"]
    branches = schema["properties"]["structured_output"].get("anyOf", [])
    return frozenset(b["type"] for b in branches if isinstance(b.get("type"), str)) - {"null"}


def _check_output_kind(schema: Mapping[str, Any], given: bool) -> None:
    """v3 returns structured output as the spec's kinds (a JSON object): a schema of another
    kind could never be met, and is refused before the session is created."""
    kind = schema.get("type")
    kinds = _output_kinds()
    if isinstance(kind, str) and kinds and kind not in kinds:
        field = "structured_output_schema" if given else "output_type"
        allowed = ", ".join(sorted(kinds))
        raise DevinValidationError(
            field,
            f"gives a schema of type {kind!r}, but the API returns structured output as "
            f"{allowed}: make the output a class (a dataclass, TypedDict, attrs class or "
            "pydantic model) with it as a field",
        )


_WAITING_FOR_A_PERSON = frozenset({"waiting_for_user", "waiting_for_approval"})


def _has_output(session: SessionResponse) -> bool:
    output = session.structured_output
    return output is not None and not is_unset(output)


def _outcome(session: SessionResponse) -> Outcome:
    """How a settled v3 session ended, for ``run``: ``running`` + ``finished`` has its
    output; ``running`` + ``waiting_for_user``/``waiting_for_approval`` waits for a person;
    ``exit`` or ``suspended`` with an output finished its work, then ended or went to sleep;
    anything else (``error``; ``exit`` or ``suspended`` without output) did not finish."""
    status, detail = str(session.status), _detail(session)
    if status == _RUNNING:
        if detail == "finished":
            return "finished"
        if detail in _WAITING_FOR_A_PERSON:
            return "blocked"
    if status in ("exit", "suspended") and _has_output(session):
        return "finished"
    return "failed"


def _id_of(session: SessionResponse) -> str:
    return session.session_id


# -- the resources ---------------------------------------------------------------------------------


class Messages:
    """``client.sessions.messages`` of a ``devin_client.v3.Devin``."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def list(
        self, devin_id: str, *, page_size: int = DEFAULT_PAGE_SIZE
    ) -> Iterator[SessionMessage]:
        """Iterate over a session's messages, oldest first, every page (``first``/``after``
        cursors followed for you).

        Args:
            devin_id: The session's ``devin-...`` id.
            page_size: Messages per request (``first``: 1 to 200).

        Returns:
            An iterator of generated ``SessionMessage`` objects (``source``, ``message``,
            ``created_at``, ``event_id``).

        Raises:
            DevinValidationError: Bad arguments (at once, before iterating).
            DevinError: A failed page request (while iterating).
        """
        return self._client._iterate(_messages(self._client, devin_id, page_size))

    def send(
        self,
        devin_id: str,
        message: str,
        *,
        attachments: Sequence[AttachmentItem] = (),
        message_as_user_id: str | None = None,
    ) -> SessionResponse:
        """Send a message to a session; a suspended session resumes. Not retried once it
        may have reached the server.

        Args:
            devin_id: The session's ``devin-...`` id.
            message: The text (not blank, unless it carries attachments).
            attachments: URLs and/or local file paths: files are uploaded first, and every URL
                goes in the message's ``attachment_urls``.
            message_as_user_id: Send as this organisation member.

        Returns:
            The session (generated ``SessionResponse``).

        Raises:
            DevinValidationError: Bad input; nothing was sent: e.g. a line that looks
                meant to attach a file but that Devin would ignore, as for ``create``.
            ConflictError: The session has ended (``exit``, ``error``).
            DevinError: Any other failure.
        """
        return self._client._run(
            _send(self._client, devin_id, message, attachments, message_as_user_id)
        )


class AsyncMessages:
    """``client.sessions.messages`` of a ``devin_client.v3.AsyncDevin``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    def list(
        self, devin_id: str, *, page_size: int = DEFAULT_PAGE_SIZE
    ) -> AsyncIterator[SessionMessage]:
        """Iterate (``async for``) over a session's messages; see ``Messages.list``."""
        return self._client._iterate(_messages(self._client, devin_id, page_size))

    async def send(
        self,
        devin_id: str,
        message: str,
        *,
        attachments: Sequence[AttachmentItem] = (),
        message_as_user_id: str | None = None,
    ) -> SessionResponse:
        """Send a message to a session; see ``Messages.send``."""
        return await self._client._run(
            _send(self._client, devin_id, message, attachments, message_as_user_id)
        )


class Tags:
    """``client.sessions.tags`` of a ``devin_client.v3.Devin``."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def get(self, devin_id: str) -> SessionTagsResponse:
        """A session's tags.

        Returns:
            The generated ``SessionTagsResponse`` (``tags``).

        Raises:
            NotFoundError: No such session in the organisation.
            DevinError: Any other failure.
        """
        return self._client._run(_get_tags(self._client, devin_id))

    def replace(self, devin_id: str, tags: Sequence[str]) -> SessionTagsResponse:
        """Replace a session's tags (up to 50).

        Raises:
            DevinValidationError: ``tags`` is not a list of at most 50 strings.
            DevinError: Any other failure.
        """
        return self._client._run(_set_tags(self._client, _replace_op, devin_id, tags))

    def append(self, devin_id: str, tags: Sequence[str]) -> SessionTagsResponse:
        """Add tags to a session's (the API drops duplicates); up to 50 per call.

        Raises:
            DevinValidationError: ``tags`` is not a list of at most 50 strings.
            DevinError: Any other failure.
        """
        return self._client._run(_set_tags(self._client, _append_op, devin_id, tags))


class AsyncTags:
    """``client.sessions.tags`` of a ``devin_client.v3.AsyncDevin``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def get(self, devin_id: str) -> SessionTagsResponse:
        """A session's tags; see ``Tags.get``."""
        return await self._client._run(_get_tags(self._client, devin_id))

    async def replace(self, devin_id: str, tags: Sequence[str]) -> SessionTagsResponse:
        """Replace a session's tags; see ``Tags.replace``."""
        return await self._client._run(_set_tags(self._client, _replace_op, devin_id, tags))

    async def append(self, devin_id: str, tags: Sequence[str]) -> SessionTagsResponse:
        """Add tags to a session's; see ``Tags.append``."""
        return await self._client._run(_set_tags(self._client, _append_op, devin_id, tags))


class Insights:
    """``client.sessions.insights`` of a ``devin_client.v3.Devin``."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def list(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, **filters: Unpack[SessionFilters]
    ) -> Iterator[SessionInsightsResponse]:
        """Iterate over the insights of the organisation's sessions, every page.

        Args:
            page_size: Items per request (``first``: 1 to 200).
            **filters: Those of ``sessions.list`` (``tags``, ``created_after``, ``origins``,
                ...; see ``SessionFilters``), checked against the spec.

        Returns:
            An iterator of generated ``SessionInsightsResponse`` objects.

        Raises:
            DevinValidationError: A bad filter (at once, before iterating).
            DevinError: A failed page request (while iterating).
        """
        return self._client._iterate(_list_insights(self._client, filters, page_size))

    def get(self, devin_id: str) -> SessionInsightsResponse:
        """A session's insights (``analysis`` is ``None`` until generated).

        Raises:
            NotFoundError: No such session.
            DevinError: Any other failure.
        """
        return self._client._run(_insight(self._client, devin_id))

    def generate(self, devin_id: str) -> SessionInsightsGenerateResponse:
        """Start generating a session's insights (``status``: ``started``, or
        ``already_exists`` while under way or done).

        Raises:
            NotFoundError: No such session.
            DevinError: Any other failure.
        """
        return self._client._run(_generate(self._client, devin_id))


class AsyncInsights:
    """``client.sessions.insights`` of a ``devin_client.v3.AsyncDevin``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    def list(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, **filters: Unpack[SessionFilters]
    ) -> AsyncIterator[SessionInsightsResponse]:
        """Iterate (``async for``) over sessions' insights; see ``Insights.list``."""
        return self._client._iterate(_list_insights(self._client, filters, page_size))

    async def get(self, devin_id: str) -> SessionInsightsResponse:
        """A session's insights; see ``Insights.get``."""
        return await self._client._run(_insight(self._client, devin_id))

    async def generate(self, devin_id: str) -> SessionInsightsGenerateResponse:
        """Start generating a session's insights; see ``Insights.generate``."""
        return await self._client._run(_generate(self._client, devin_id))


class Sessions:
    """``client.sessions`` of a ``devin_client.v3.Devin``."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    @cached_property
    def messages(self) -> Messages:
        """A session's messages: ``list`` (every page) and ``send``."""
        return Messages(self._client)

    @cached_property
    def tags(self) -> Tags:
        """A session's tags: ``get``, ``replace``, ``append``."""
        return Tags(self._client)

    @cached_property
    def insights(self) -> Insights:
        """Session insights: ``list`` (every page), ``get``, ``generate``."""
        return Insights(self._client)

    def create(self, prompt: str, **options: Unpack[CreateOptions]) -> SessionResponse:
        """Start a Devin session. Never retried once it may have reached the server: v3 has
        no idempotency flag, and a second request would start a second, billed session.

        Args:
            prompt: The task (not blank, unless it carries attachments).
            attachments: URLs and/or local file paths: files are uploaded first, and every URL
                goes in ``attachment_urls`` (the prompt is sent as given).
            devin_mode: ``"normal"`` or ``"fast"`` (about 2x faster at 4x the cost).
            create_as_user_id: Create the session on behalf of this member (the key needs
                ``ImpersonateOrgSessions``).
            platform: The VM platform (``"windows"``, an outpost pool, ``"default"``,
                ``"inherit"``); an unknown one is a ``BadRequestError`` listing the
                organisation's.
            structured_output_schema: A self-contained Draft 7 JSON Schema (<= 64 KB) for the
                session's structured output; ``structured_output_required`` (default ``True``)
                makes the agent provide it before its turn ends.
            repos: Repositories for the session.
            resumable: Keep the VM state so the session can be resumed (default ``True``).
            knowledge_ids: Knowledge to use: omitted = not sent, ``None`` = all, ``[]`` = none.
            secret_ids: Secrets to use: omitted = not sent, ``None`` = all, ``[]`` = none.
            session_secrets: Secrets only this session gets (``SessionSecretInput`` or
                ``{"key", "value", "sensitive"}`` mappings); their values never appear in
                errors or logs.
            tags: Up to 50 tags. title: A title. playbook_id, child_playbook_id: Playbooks.
            max_acu_limit: Most ACUs the session may use (> 0). bypass_approval: Skip action
                approvals. session_links: Sessions to link.

        Returns:
            The generated ``SessionResponse`` (``session_id``, ``url``, ``status``...;
            ``status_detail`` and ``structured_output`` only appear on ``get``).

        Raises:
            DevinValidationError: Bad input; nothing was sent. Among it, a prompt line
                that looks meant to attach a file but that Devin would ignore (``ATTACHMENTS:``,
                other casing, a space after the colon, other quotes, doubled quotes, other
                text on the line, a bad URL): pass the URL in ``attachments=`` (sent as
                ``attachment_urls``) or write the line with ``format_attachments``
                (``validate=False`` sends it as it is).
            BadRequestError: e.g. an unknown ``platform``.
            PermissionDeniedError: The key lacks ``ManageOrgSessions`` (or
                ``ImpersonateOrgSessions`` for ``create_as_user_id``).
            DevinError: Any other failure.
        """
        return self._client._run(_create(self._client, prompt, options))

    def get(self, devin_id: str) -> SessionResponse:
        """Fetch a session.

        Args:
            devin_id: The ``devin-...`` id.

        Returns:
            The generated ``SessionResponse``.

        Raises:
            NotFoundError: No such session in the organisation.
            DevinError: Any other failure.
        """
        return self._client._run(_get(self._client, devin_id))

    def list(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, **filters: Unpack[ListFilters]
    ) -> Iterator[SessionResponse]:
        """Iterate over the organisation's sessions, every page (cursors followed for you).

        Args:
            page_size: Sessions per request (``first``: 1 to 200).
            **filters: The list operation's filters (``tags``, ``session_ids``,
                ``created_after``/``created_before``/``updated_*`` in Unix seconds,
                ``origins``, ``category``, ``is_archived``, ``user_ids``, ...; see
                ``ListFilters``), checked against the spec.

        Returns:
            An iterator of generated ``SessionResponse`` objects.

        Raises:
            DevinValidationError: A bad filter (at once, before iterating); an unknown
                keyword is a ``TypeError``.
            DevinError: A failed page request (while iterating).
        """
        return self._client._iterate(_list(self._client, filters, page_size))

    def terminate(self, devin_id: str, archive: bool = False) -> SessionResponse:
        """End a session for good (it cannot be resumed). Not retried once it may have
        reached the server.

        Args:
            devin_id: The ``devin-...`` id.
            archive: Also archive it (kept for reference, out of default listings).

        Returns:
            The session (generated ``SessionResponse``).

        Raises:
            NotFoundError: No such session.
            DevinError: Any other failure.
        """
        return self._client._run(_terminate(self._client, devin_id, archive))

    def archive(self, devin_id: str) -> SessionResponse:
        """Archive a session (a running one is put to sleep; ``unarchive`` undoes it).

        Raises:
            NotFoundError: No such session.
            DevinError: Any other failure.
        """
        return self._client._run(_archive(self._client, devin_id))

    def unarchive(self, devin_id: str) -> SessionResponse:
        """Unarchive a session (not its child sessions).

        Raises:
            NotFoundError: No such session.
            DevinError: Any other failure.
        """
        return self._client._run(_unarchive(self._client, devin_id))

    def attachments(self, devin_id: str) -> builtins.list[SessionAttachment]:
        """The files of a session: uploaded by users (``source`` ``user``) and produced by
        Devin (``devin``); download one with ``client.attachments.download(item.url, ...)``.

        Returns:
            Generated ``SessionAttachment`` objects.

        Raises:
            NotFoundError: No such session.
            DevinError: Any other failure.
        """
        return self._client._run(_attachments(self._client, devin_id))

    def wait(
        self,
        devin_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        until: Collection[str] | SessionPredicate | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> SessionResponse:
        """Poll a session until it settles.

        Args:
            devin_id: The ``devin-...`` id.
            timeout: A deadline for the whole wait, in seconds (default one hour): every poll,
                with its retries and their backoff, ends by then. ``0`` polls exactly once.
            poll_interval: Seconds between polls (default 10, as Devin's docs recommend).
            until: ``None`` (default): settled by v3's status model (see ``is_settled``:
                ``exit``, ``error``, ``suspended``, or ``running`` and ``finished``,
                ``waiting_for_user`` or ``waiting_for_approval``). Or statuses and status
                details the spec knows (a session matching any of them, in ``status`` or
                ``status_detail``, ends the wait; an unknown one raises at once); or a
                function of the session returning ``True`` when done.
            on_progress: Called with the session after every poll (may be a coroutine
                function on ``AsyncDevin``).

        Returns:
            The final ``SessionResponse``.

        Raises:
            DevinValidationError: A bad argument, e.g. an unknown status in ``until``.
            WaitTimeoutError: The timeout expired; ``.session`` is the last session seen
                (``None`` when no poll answered in time).
            DevinError: A failed poll (after retries).
        """
        return self._client._run(
            _wait(self._client, devin_id, timeout, poll_interval, until, on_progress)
        )

    def follow(
        self,
        devin_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        until: Collection[str] | SessionPredicate | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Iterator[FollowEvent]:
        """Follow a session as it runs: its new messages and status changes, until it settles.

        Polls as ``wait`` does (the same ``timeout``, ``poll_interval`` and ``until`` rules).
        After each poll of the session it reads the session's messages from the messages
        listing's last cursor (``first``/``after``), and yields a ``MessageEvent`` for each
        message not yielded before (recognised by ``event_id``: pages that overlap or repeat
        yield nothing twice), oldest first, then a ``StatusEvent`` when ``status`` or
        ``status_detail`` differs from the last one yielded (the first poll always yields
        one). The iterator ends once the session settles; the last ``StatusEvent`` carries the
        settled session.

        Args:
            devin_id: The ``devin-...`` id.
            timeout: A deadline for the whole follow, in seconds (default one hour): every
                call (polls and message pages) ends by then.
            poll_interval: Seconds between polls (default 10).
            until: ``None`` (default): settled by v3's status model, as ``wait``; or statuses
                and status details the spec knows; or a function of the session.
            on_progress: Called with the session after every poll (after its events).

        Returns:
            An iterator of ``MessageEvent`` (``.message``: a generated ``SessionMessage``,
            with ``source``, ``message``, ``created_at``, ``event_id``) and ``StatusEvent``
            (``.status``: ``status``; ``.detail``: ``status_detail``; ``.session``: the
            ``SessionResponse``) items.

        Raises:
            DevinValidationError: A bad argument (raised at once, before iterating).
            WaitTimeoutError: The session did not settle in time (raised while iterating,
                after the events seen so far).
            DevinError: A failed poll or page (raised while iterating).
        """
        return self._client._iterate(
            _follow(self._client, devin_id, timeout, poll_interval, until, on_progress)
        )

    def create_and_wait(
        self, prompt: str, **options: Unpack[CreateAndWaitOptions]
    ) -> SessionResponse:
        """``create`` then ``wait``: the arguments of both (all checked before the session is
        created), the result of ``wait``.

        Raises:
            DevinValidationError: Bad input; nothing was sent.
            WaitTimeoutError: The session did not settle in time (it keeps running).
            DevinError: Any other failure.
        """
        return self._client._run(_create_and_wait(self._client, prompt, options))

    def run(self, prompt: str, *, output_type: type[T], **options: Unpack[RunOptions]) -> T:
        """Create a session, wait until it settles, and return its structured output as a
        ``T``.

        The JSON Schema sent as ``structured_output_schema`` is derived from ``output_type``
        (a dataclass, ``TypedDict``, attrs class or pydantic model; see
        ``devin_client.output_schema``), unless ``structured_output_schema`` is given. The
        session's ``structured_output`` is checked against that schema, then converted
        (``parse_structured_output`` does this step alone).

        Args:
            prompt: The task.
            output_type: The type of the result.
            **options: Every keyword of ``create`` (``structured_output_required``,
                ``devin_mode``, ``attachments``, ...), and ``timeout``, ``poll_interval`` and
                ``on_progress`` of ``wait``.

        Returns:
            The structured output as a ``T``: the session is ``running`` + ``finished``, or
            ``exit``/``suspended`` with an output (it finished, then ended or went to sleep).

        Raises:
            DevinValidationError: Bad input, or a type no schema is derived for (checked
                before the session is created).
            SessionBlockedError: The session waits for a person (``waiting_for_user``,
                ``waiting_for_approval``; ``.session``).
            SessionFailedError: It stopped without an output (``error``, or ``exit`` or
                ``suspended`` without one; ``.session``, ``.status`` such as
                ``suspended/out_of_credits``).
            StructuredOutputError: It finished without output, or with output that does not
                match (``.output``, ``.errors``).
            WaitTimeoutError: The session did not settle in time (it keeps running).
            DevinError: Any other failure.
        """
        return self._client._run(_run_typed(self._client, prompt, output_type, options))


class AsyncSessions:
    """``client.sessions`` of a ``devin_client.v3.AsyncDevin``: ``Sessions``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    @cached_property
    def messages(self) -> AsyncMessages:
        """A session's messages; see ``Sessions.messages``."""
        return AsyncMessages(self._client)

    @cached_property
    def tags(self) -> AsyncTags:
        """A session's tags; see ``Sessions.tags``."""
        return AsyncTags(self._client)

    @cached_property
    def insights(self) -> AsyncInsights:
        """Session insights; see ``Sessions.insights``."""
        return AsyncInsights(self._client)

    async def create(self, prompt: str, **options: Unpack[CreateOptions]) -> SessionResponse:
        """Start a Devin session; see ``Sessions.create``."""
        return await self._client._run(_create(self._client, prompt, options))

    async def get(self, devin_id: str) -> SessionResponse:
        """Fetch a session; see ``Sessions.get``."""
        return await self._client._run(_get(self._client, devin_id))

    def list(
        self, *, page_size: int = DEFAULT_PAGE_SIZE, **filters: Unpack[ListFilters]
    ) -> AsyncIterator[SessionResponse]:
        """Iterate (``async for``) over the organisation's sessions; see ``Sessions.list``."""
        return self._client._iterate(_list(self._client, filters, page_size))

    async def terminate(self, devin_id: str, archive: bool = False) -> SessionResponse:
        """End a session for good; see ``Sessions.terminate``."""
        return await self._client._run(_terminate(self._client, devin_id, archive))

    async def archive(self, devin_id: str) -> SessionResponse:
        """Archive a session; see ``Sessions.archive``."""
        return await self._client._run(_archive(self._client, devin_id))

    async def unarchive(self, devin_id: str) -> SessionResponse:
        """Unarchive a session; see ``Sessions.unarchive``."""
        return await self._client._run(_unarchive(self._client, devin_id))

    async def attachments(self, devin_id: str) -> builtins.list[SessionAttachment]:
        """The files of a session; see ``Sessions.attachments``."""
        return await self._client._run(_attachments(self._client, devin_id))

    async def wait(
        self,
        devin_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,  # noqa: ASYNC109 (the wait's budget, a documented name)
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        until: Collection[str] | SessionPredicate | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> SessionResponse:
        """Poll a session until it settles; see ``Sessions.wait``."""
        return await self._client._run(
            _wait(self._client, devin_id, timeout, poll_interval, until, on_progress)
        )

    def follow(
        self,
        devin_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        until: Collection[str] | SessionPredicate | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> AsyncIterator[FollowEvent]:
        """Follow a session (``async for``): its new messages and status changes until it
        settles; see ``Sessions.follow``. ``on_progress`` may be a coroutine function."""
        return self._client._iterate(
            _follow(self._client, devin_id, timeout, poll_interval, until, on_progress)
        )

    async def create_and_wait(
        self, prompt: str, **options: Unpack[CreateAndWaitOptions]
    ) -> SessionResponse:
        """``create`` then ``wait``; see ``Sessions.create_and_wait``."""
        return await self._client._run(_create_and_wait(self._client, prompt, options))

    async def run(self, prompt: str, *, output_type: type[T], **options: Unpack[RunOptions]) -> T:
        """Create a session, wait, and return its structured output as a ``T``; see
        ``Sessions.run``."""
        result: T = await self._client._run(_run_typed(self._client, prompt, output_type, options))
        return result
