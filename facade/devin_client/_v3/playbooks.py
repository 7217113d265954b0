"""``client.playbooks``: the organisation's playbooks."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterator
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from devin_api_v3.api.playbooks import (
    handle_create_playbook_v3_organizations_org_id_playbooks_post as _create_op,
)
from devin_api_v3.api.playbooks import (
    handle_delete_playbook_v3_organizations_org_id_playbooks_playbook_id_delete as _delete_op,
)
from devin_api_v3.api.playbooks import (
    handle_get_playbook_v3_organizations_org_id_playbooks_playbook_id_get as _get_op,
)
from devin_api_v3.api.playbooks import (
    handle_list_playbooks_v3_organizations_org_id_playbooks_get as _list_op,
)
from devin_api_v3.api.playbooks import (
    handle_update_playbook_v3_organizations_org_id_playbooks_playbook_id_put as _update_op,
)
from devin_api_v3.models import (
    PaginatedResponsePlaybookResponse,
    PlaybookCreateRequest,
    PlaybookResponse,
)

from .._core._args import check_id, model
from .._core._exceptions import DevinValidationError
from .._core._flows import Flow
from .._core._pipeline import BaseClient, Call
from ._client import org_of
from ._common import DEFAULT_PAGE_SIZE, check_page_size, cursor_listing, opt

if TYPE_CHECKING:
    from ._client import AsyncDevin, Devin

__all__ = ["AsyncPlaybooks", "Playbooks"]

_parse_playbook = model(PlaybookResponse)
_parse_playbooks = model(PaginatedResponsePlaybookResponse)


# The spec describes the macro ("'!' followed by one or more letters, digits, underscores, or
# hyphens") without a pattern; the server refuses others.
_MACRO = re.compile(r"![A-Za-z0-9_-]+")


def _playbook(title: Any, body: Any, macro: Any) -> PlaybookCreateRequest:
    if isinstance(macro, str) and not _MACRO.fullmatch(macro):
        raise DevinValidationError(
            "macro", "must be '!' followed by letters, digits, '_' or '-' (e.g. '!release')"
        )
    return PlaybookCreateRequest(title=title, body=body, macro=opt(macro))


def _list(client: BaseClient, page_size: Any) -> Flow[None]:
    page_size = check_page_size(client, _list_op.OPERATION, "first", page_size)

    def page(after: str | None, first: int) -> Call[PaginatedResponsePlaybookResponse]:
        request = _list_op.build_request(org_of(client), after=opt(after), first=first)
        return Call(_list_op.OPERATION, request, parse=_parse_playbooks)

    return cursor_listing(client, page, page_size, "playbooks.list", attrgetter("playbook_id"))


def _create(client: BaseClient, title: Any, body: Any, macro: Any) -> Flow[PlaybookResponse]:
    request = _create_op.build_request(org_of(client), body=_playbook(title, body, macro))
    return client._exchange(Call(_create_op.OPERATION, request, parse=_parse_playbook))


def _by_id(op: Any) -> Callable[[BaseClient, Any], Flow[PlaybookResponse]]:
    def flow(client: BaseClient, playbook_id: Any) -> Flow[PlaybookResponse]:
        request = op.build_request(org_of(client), check_id(playbook_id, "playbook_id"))
        return client._exchange(Call(op.OPERATION, request, parse=_parse_playbook))

    return flow


_get = _by_id(_get_op)
_delete = _by_id(_delete_op)


def _update(
    client: BaseClient, playbook_id: Any, title: Any, body: Any, macro: Any
) -> Flow[PlaybookResponse]:
    check_id(playbook_id, "playbook_id")
    body_model = _playbook(title, body, macro)
    request = _update_op.build_request(org_of(client), playbook_id, body=body_model)
    return client._exchange(Call(_update_op.OPERATION, request, parse=_parse_playbook))


class Playbooks:
    """``client.playbooks`` of a ``devin_client.v3.Devin``."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def list(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> Iterator[PlaybookResponse]:
        """Iterate over the organisation's playbooks, every page.

        Args:
            page_size: Playbooks per request (``first``: 1 to 200).

        Returns:
            An iterator of generated ``PlaybookResponse`` objects.

        Raises:
            DevinValidationError: A bad ``page_size`` (at once).
            DevinError: A failed page request (while iterating).
        """
        return self._client._iterate(_list(self._client, page_size))

    def create(self, *, title: str, body: str, macro: str | None = None) -> PlaybookResponse:
        """Create a playbook. Not retried once it may have reached the server.

        Args:
            title: Its title.
            body: The instructions.
            macro: A macro to call it by, ``!`` then letters, digits, ``_`` or ``-``.

        Returns:
            The generated ``PlaybookResponse``.

        Raises:
            DevinValidationError: Bad input; nothing was sent.
            DevinError: Any other failure.
        """
        return self._client._run(_create(self._client, title, body, macro))

    def get(self, playbook_id: str) -> PlaybookResponse:
        """A playbook.

        Raises:
            NotFoundError: No such playbook.
            DevinError: Any other failure.
        """
        return self._client._run(_get(self._client, playbook_id))

    def update(
        self, playbook_id: str, *, title: str, body: str, macro: str | None = None
    ) -> PlaybookResponse:
        """Replace a playbook (title and body are required: the API takes the whole one).

        Raises:
            NotFoundError: No such playbook.
            DevinError: Any other failure.
        """
        return self._client._run(_update(self._client, playbook_id, title, body, macro))

    def delete(self, playbook_id: str) -> PlaybookResponse:
        """Delete a playbook.

        Returns:
            The deleted playbook.

        Raises:
            NotFoundError: No such playbook.
            DevinError: Any other failure.
        """
        return self._client._run(_delete(self._client, playbook_id))


class AsyncPlaybooks:
    """``client.playbooks`` of a ``devin_client.v3.AsyncDevin``: ``Playbooks``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    def list(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncIterator[PlaybookResponse]:
        """Iterate (``async for``) over playbooks; see ``Playbooks.list``."""
        return self._client._iterate(_list(self._client, page_size))

    async def create(self, *, title: str, body: str, macro: str | None = None) -> PlaybookResponse:
        """Create a playbook; see ``Playbooks.create``."""
        return await self._client._run(_create(self._client, title, body, macro))

    async def get(self, playbook_id: str) -> PlaybookResponse:
        """A playbook; see ``Playbooks.get``."""
        return await self._client._run(_get(self._client, playbook_id))

    async def update(
        self, playbook_id: str, *, title: str, body: str, macro: str | None = None
    ) -> PlaybookResponse:
        """Replace a playbook; see ``Playbooks.update``."""
        return await self._client._run(_update(self._client, playbook_id, title, body, macro))

    async def delete(self, playbook_id: str) -> PlaybookResponse:
        """Delete a playbook; see ``Playbooks.delete``."""
        return await self._client._run(_delete(self._client, playbook_id))
