"""``client.schedules``: the organisation's scheduled sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from enum import Enum
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypedDict, Unpack, cast

from devin_api_v3.api.schedules import (
    handle_create_schedule_v3_organizations_org_id_schedules_post as _create_op,
)
from devin_api_v3.api.schedules import (
    handle_delete_schedule_v3_organizations_org_id_schedules_schedule_id_delete as _delete_op,
)
from devin_api_v3.api.schedules import (
    handle_get_schedule_v3_organizations_org_id_schedules_schedule_id_get as _get_op,
)
from devin_api_v3.api.schedules import (
    handle_list_schedules_v3_organizations_org_id_schedules_get as _list_op,
)
from devin_api_v3.api.schedules import (
    handle_update_schedule_v3_organizations_org_id_schedules_schedule_id_patch as _update_op,
)
from devin_api_v3.models import (
    PaginatedResponseScheduleResponse,
    ScheduleAgent,
    ScheduleNotifyOn,
    ScheduleResponse,
    ScheduleType,
)

from .._core._args import as_list, check_id, model, unknown_options
from .._core._exceptions import DevinValidationError
from .._core._flows import Flow
from .._core._paging import OffsetPaging, paginate
from .._core._pipeline import BaseClient, Call
from ._client import org_of
from ._common import JsonBody, check_page_size

if TYPE_CHECKING:
    from ._client import AsyncDevin, Devin

__all__ = ["AsyncSchedules", "ScheduleOptions", "ScheduleUpdate", "Schedules"]

# The largest page the list operation serves (its `limit` maximum); pages are offset-based.
DEFAULT_PAGE_SIZE = 200

_parse_schedule = model(ScheduleResponse)
_parse_schedules = model(PaginatedResponseScheduleResponse)


class ScheduleOptions(TypedDict, total=False):
    """The keywords of ``schedules.create``: every ``ScheduleCreateRequest`` field but ``name``
    and ``prompt``. ``None`` is "not sent"."""

    agent: ScheduleAgent | str | None
    bypass_approval: bool | None
    create_as_user_id: str | None
    frequency: str | None
    interval_count: int | None
    notify_on: ScheduleNotifyOn | str | None
    playbook_id: str | None
    schedule_type: ScheduleType | str | None
    scheduled_at: dt.datetime | str | None
    slack_channel_id: str | None
    slack_team_id: str | None
    tags: Sequence[str] | None
    target_devin_id: str | None


class ScheduleUpdate(TypedDict, total=False):
    """The keywords of ``schedules.update`` (a PATCH): every ``ScheduleUpdateRequest`` field.
    A field left out is unchanged; ``None`` is sent as ``null`` (``playbook_id=None`` detaches
    the playbook, ``run_as_user_id=None`` reverts to the bot user)."""

    agent: ScheduleAgent | str | None
    bypass_approval: bool | None
    enabled: bool | None
    frequency: str | None
    interval_count: int | None
    name: str | None
    notify_on: ScheduleNotifyOn | str | None
    playbook_id: str | None
    prompt: str | None
    run_as_user_id: str | None
    schedule_type: ScheduleType | str | None
    scheduled_at: dt.datetime | str | None
    slack_channel_id: str | None
    slack_team_id: str | None
    tags: Sequence[str] | None
    target_devin_id: str | None


_CREATE_KEYS = ScheduleOptions.__optional_keys__
_UPDATE_KEYS = ScheduleUpdate.__optional_keys__


def _json(key: str, value: Any) -> Any:
    """A keyword's value in its JSON form (the spec's schema judges it then)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise DevinValidationError(key, "must be a timezone-aware datetime")
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return as_list(value)


def _body(options: dict[str, Any], *, drop_none: bool) -> dict[str, Any]:
    return {
        key: _json(key, value)
        for key, value in options.items()
        if not (drop_none and value is None)
    }


def _more(page: PaginatedResponseScheduleResponse, offset: int) -> bool:
    """Whether a page follows: the page says so (``has_next_page``, or ``total`` if given)."""
    total = page.total
    return page.has_next_page is True or (isinstance(total, int) and offset < total)


def _list(client: BaseClient, page_size: Any) -> Flow[None]:
    page_size = check_page_size(client, _list_op.OPERATION, "limit", page_size)

    def page(offset: int, limit: int) -> Call[PaginatedResponseScheduleResponse]:
        request = _list_op.build_request(org_of(client), limit=limit, offset=offset)
        return Call(_list_op.OPERATION, request, parse=_parse_schedules)

    paging: OffsetPaging[PaginatedResponseScheduleResponse, ScheduleResponse] = OffsetPaging(
        page,
        attrgetter("items"),
        attrgetter("scheduled_session_id"),
        page_size,
        "schedules.list",
        more=_more,
    )
    return paginate(client, paging)


def _create(
    client: BaseClient, name: Any, prompt: Any, options: ScheduleOptions
) -> Flow[ScheduleResponse]:
    unknown_options("create", options, _CREATE_KEYS)
    data = {"name": name, "prompt": prompt, **_body(dict(options), drop_none=True)}
    body = cast(Any, JsonBody(data))
    request = _create_op.build_request(org_of(client), body=body)
    return client._exchange(Call(_create_op.OPERATION, request, parse=_parse_schedule))


def _update(
    client: BaseClient, schedule_id: Any, options: ScheduleUpdate
) -> Flow[ScheduleResponse]:
    check_id(schedule_id, "schedule_id")
    unknown_options("update", options, _UPDATE_KEYS)
    body = cast(Any, JsonBody(_body(dict(options), drop_none=False)))
    request = _update_op.build_request(org_of(client), schedule_id, body=body)
    return client._exchange(Call(_update_op.OPERATION, request, parse=_parse_schedule))


def _by_id(op: Any) -> Callable[[BaseClient, Any], Flow[ScheduleResponse]]:
    def flow(client: BaseClient, schedule_id: Any) -> Flow[ScheduleResponse]:
        request = op.build_request(org_of(client), check_id(schedule_id, "schedule_id"))
        return client._exchange(Call(op.OPERATION, request, parse=_parse_schedule))

    return flow


_get = _by_id(_get_op)
_delete = _by_id(_delete_op)


class Schedules:
    """``client.schedules`` of a ``devin_client.v3.Devin``."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def list(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> Iterator[ScheduleResponse]:
        """Iterate over the organisation's schedules, every page (``limit``/``offset``).

        Args:
            page_size: Schedules per request (``limit``: 1 to 200).

        Returns:
            An iterator of generated ``ScheduleResponse`` objects (timestamps are ISO
            strings here, unlike the rest of v3).

        Raises:
            DevinValidationError: A bad ``page_size`` (at once).
            DevinError: A failed page request (while iterating).
        """
        return self._client._iterate(_list(self._client, page_size))

    def create(
        self, name: str, prompt: str, **options: Unpack[ScheduleOptions]
    ) -> ScheduleResponse:
        """Schedule sessions. Not retried once it may have reached the server.

        Args:
            name: Its name.
            prompt: The prompt of each session.
            schedule_type: ``"recurring"`` (default; needs ``frequency``, a cron expression
                such as ``"0 9 * * 1-5"``, UTC) or ``"one_time"`` (needs ``scheduled_at``, a
                timezone-aware datetime or ISO string in the future).
            agent: ``"devin"`` (default), ``"data_analyst"`` or ``"advanced"``.
            notify_on: ``"always"``, ``"failure"`` (default) or ``"never"``.
            **options: The other ``ScheduleCreateRequest`` fields (``playbook_id``, ``tags``,
                ``create_as_user_id``, ...).

        Returns:
            The generated ``ScheduleResponse``.

        Raises:
            DevinValidationError: Bad input; nothing was sent.
            DevinError: Any other failure.
        """
        return self._client._run(_create(self._client, name, prompt, options))

    def get(self, schedule_id: str) -> ScheduleResponse:
        """A schedule.

        Raises:
            NotFoundError: No such schedule.
            DevinError: Any other failure.
        """
        return self._client._run(_get(self._client, schedule_id))

    def update(self, schedule_id: str, **changes: Unpack[ScheduleUpdate]) -> ScheduleResponse:
        """Change a schedule (a PATCH: what is left out stays; ``None`` sends ``null``).

        Raises:
            DevinValidationError: Bad input; nothing was sent.
            NotFoundError: No such schedule.
            DevinError: Any other failure.
        """
        return self._client._run(_update(self._client, schedule_id, changes))

    def delete(self, schedule_id: str) -> ScheduleResponse:
        """Delete a schedule.

        Returns:
            The deleted schedule.

        Raises:
            NotFoundError: No such schedule.
            DevinError: Any other failure.
        """
        return self._client._run(_delete(self._client, schedule_id))


class AsyncSchedules:
    """``client.schedules`` of a ``devin_client.v3.AsyncDevin``: ``Schedules``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    def list(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncIterator[ScheduleResponse]:
        """Iterate (``async for``) over schedules; see ``Schedules.list``."""
        return self._client._iterate(_list(self._client, page_size))

    async def create(
        self, name: str, prompt: str, **options: Unpack[ScheduleOptions]
    ) -> ScheduleResponse:
        """Schedule sessions; see ``Schedules.create``."""
        return await self._client._run(_create(self._client, name, prompt, options))

    async def get(self, schedule_id: str) -> ScheduleResponse:
        """A schedule; see ``Schedules.get``."""
        return await self._client._run(_get(self._client, schedule_id))

    async def update(self, schedule_id: str, **changes: Unpack[ScheduleUpdate]) -> ScheduleResponse:
        """Change a schedule; see ``Schedules.update``."""
        return await self._client._run(_update(self._client, schedule_id, changes))

    async def delete(self, schedule_id: str) -> ScheduleResponse:
        """Delete a schedule; see ``Schedules.delete``."""
        return await self._client._run(_delete(self._client, schedule_id))
