"""``client.playbooks``: the organisation's team playbooks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from devin_api.api.playbooks import create_playbook_v1_playbooks_post as _create_op
from devin_api.api.playbooks import delete_playbook_v1_playbooks_playbook_id_delete as _delete_op
from devin_api.api.playbooks import get_playbook_v1_playbooks_playbook_id_get as _get_op
from devin_api.api.playbooks import get_playbooks_v1_playbooks_get as _list_op
from devin_api.api.playbooks import update_playbook_v1_playbooks_playbook_id_put as _update_op
from devin_api.models import (
    CreatePlaybookRequest,
    DeletePlaybookResponse,
    PlaybookResponse,
    UpdatePlaybookResponse,
)

from .._core._args import check_id, list_of, model
from .._core._flows import Flow
from .._core._pipeline import BaseClient, Call
from ._common import opt

if TYPE_CHECKING:
    from ._client import AsyncDevin, Devin

__all__ = ["AsyncPlaybooks", "Playbooks"]

_parse_list = list_of(PlaybookResponse)
_parse_playbook = model(PlaybookResponse)
_parse_update = model(UpdatePlaybookResponse)
_parse_delete = model(DeletePlaybookResponse)


def _playbook(title: Any, body: Any, macro: Any) -> CreatePlaybookRequest:
    return CreatePlaybookRequest(title=title, body=body, macro=opt(macro))


def _list(client: BaseClient) -> Flow[list[PlaybookResponse]]:
    return client._exchange(Call(_list_op.OPERATION, _list_op.build_request(), parse=_parse_list))


def _get(client: BaseClient, playbook_id: Any) -> Flow[PlaybookResponse]:
    request = _get_op.build_request(check_id(playbook_id, "playbook_id"))
    return client._exchange(Call(_get_op.OPERATION, request, parse=_parse_playbook))


def _create(client: BaseClient, title: Any, body: Any, macro: Any) -> Flow[PlaybookResponse]:
    request = _create_op.build_request(body=_playbook(title, body, macro))
    return client._exchange(Call(_create_op.OPERATION, request, parse=_parse_playbook))


def _update(
    client: BaseClient, playbook_id: Any, title: Any, body: Any, macro: Any
) -> Flow[UpdatePlaybookResponse]:
    check_id(playbook_id, "playbook_id")
    request = _update_op.build_request(playbook_id, body=_playbook(title, body, macro))
    return client._exchange(Call(_update_op.OPERATION, request, parse=_parse_update))


def _delete(client: BaseClient, playbook_id: Any) -> Flow[DeletePlaybookResponse]:
    request = _delete_op.build_request(check_id(playbook_id, "playbook_id"))
    return client._exchange(Call(_delete_op.OPERATION, request, parse=_parse_delete))


class Playbooks:
    """``client.playbooks`` of a ``Devin`` client."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def list(self) -> list[PlaybookResponse]:
        """The team playbooks.

        Returns:
            Generated ``PlaybookResponse`` objects.

        Raises:
            DevinError: See the error tree.
        """
        return self._client._run(_list(self._client))

    def get(self, playbook_id: str) -> PlaybookResponse:
        """One playbook.

        Args:
            playbook_id: Its id.

        Returns:
            The generated ``PlaybookResponse``.

        Raises:
            NotFoundError: No such playbook.
            DevinError: Any other failure.
        """
        return self._client._run(_get(self._client, playbook_id))

    def create(self, *, title: str, body: str, macro: str | None = None) -> PlaybookResponse:
        """Create a team playbook (needs the ManageOrgPlaybooks permission). Not retried once
        sent.

        Args:
            title: Its title (not empty).
            body: Its instructions (not empty).
            macro: An optional ``!macro`` to invoke it.

        Returns:
            The generated ``PlaybookResponse``.

        Raises:
            DevinValidationError: Bad input; nothing was sent.
            PermissionDeniedError: Missing permission.
            DevinError: Any other failure.
        """
        return self._client._run(_create(self._client, title, body, macro))

    def update(
        self, playbook_id: str, *, title: str, body: str, macro: str | None = None
    ) -> UpdatePlaybookResponse:
        """Replace a team playbook's title, body and macro.

        Args:
            playbook_id: Its id.
            title: Its title (not empty).
            body: Its instructions (not empty).
            macro: An optional ``!macro``.

        Returns:
            The generated ``UpdatePlaybookResponse``.

        Raises:
            NotFoundError: No such playbook.
            DevinError: Any other failure.
        """
        return self._client._run(_update(self._client, playbook_id, title, body, macro))

    def delete(self, playbook_id: str) -> DeletePlaybookResponse:
        """Delete a team playbook (its macro goes too).

        Args:
            playbook_id: Its id.

        Returns:
            The generated ``DeletePlaybookResponse``.

        Raises:
            NotFoundError: No such playbook.
            DevinError: Any other failure.
        """
        return self._client._run(_delete(self._client, playbook_id))


class AsyncPlaybooks:
    """``client.playbooks`` of an ``AsyncDevin`` client: ``Playbooks``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def list(self) -> list[PlaybookResponse]:
        """The team playbooks; see ``Playbooks.list``."""
        return await self._client._run(_list(self._client))

    async def get(self, playbook_id: str) -> PlaybookResponse:
        """One playbook; see ``Playbooks.get``."""
        return await self._client._run(_get(self._client, playbook_id))

    async def create(self, *, title: str, body: str, macro: str | None = None) -> PlaybookResponse:
        """Create a team playbook; see ``Playbooks.create``."""
        return await self._client._run(_create(self._client, title, body, macro))

    async def update(
        self, playbook_id: str, *, title: str, body: str, macro: str | None = None
    ) -> UpdatePlaybookResponse:
        """Replace a team playbook; see ``Playbooks.update``."""
        return await self._client._run(_update(self._client, playbook_id, title, body, macro))

    async def delete(self, playbook_id: str) -> DeletePlaybookResponse:
        """Delete a team playbook; see ``Playbooks.delete``."""
        return await self._client._run(_delete(self._client, playbook_id))
