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

from .._transport import BaseClient, Call
from .._validation import check_body
from ._common import check_id, list_parser, model_parser, opt

if TYPE_CHECKING:
    from .._client import AsyncDevin, Devin

__all__ = ["AsyncPlaybooks", "Playbooks"]

_parse_list = list_parser(PlaybookResponse, "get_playbooks_v1_playbooks_get")
# Get and create answer the same model (one schema); one check serves both.
_parse_playbook = model_parser(PlaybookResponse, "get_playbook_v1_playbooks__playbook_id__get")
_parse_update = model_parser(
    UpdatePlaybookResponse, "update_playbook_v1_playbooks__playbook_id__put"
)
_parse_delete = model_parser(
    DeletePlaybookResponse, "delete_playbook_v1_playbooks__playbook_id__delete"
)


def _request_body(title: Any, body: Any, macro: Any) -> CreatePlaybookRequest:
    return CreatePlaybookRequest(title=title, body=body, macro=opt(macro))


def _list_call() -> Call[list[PlaybookResponse]]:
    return Call(
        _list_op.build_request(), operation="get_playbooks_v1_playbooks_get", parse=_parse_list
    )


def _get_call(playbook_id: Any) -> Call[PlaybookResponse]:
    return Call(
        _get_op.build_request(check_id(playbook_id, "playbook_id")),
        operation="get_playbook_v1_playbooks__playbook_id__get",
        parse=_parse_playbook,
    )


def _create_call(client: BaseClient, title: Any, body: Any, macro: Any) -> Call[PlaybookResponse]:
    kwargs = _create_op.build_request(body=_request_body(title, body, macro))
    if client._validate:
        check_body("CreatePlaybookRequest", kwargs["json"])
    return Call(kwargs, operation="create_playbook_v1_playbooks_post", parse=_parse_playbook)


def _update_call(
    client: BaseClient, playbook_id: Any, title: Any, body: Any, macro: Any
) -> Call[UpdatePlaybookResponse]:
    check_id(playbook_id, "playbook_id")
    kwargs = _update_op.build_request(playbook_id, body=_request_body(title, body, macro))
    if client._validate:
        check_body("CreatePlaybookRequest", kwargs["json"])
    return Call(
        kwargs, operation="update_playbook_v1_playbooks__playbook_id__put", parse=_parse_update
    )


def _delete_call(playbook_id: Any) -> Call[DeletePlaybookResponse]:
    return Call(
        _delete_op.build_request(check_id(playbook_id, "playbook_id")),
        operation="delete_playbook_v1_playbooks__playbook_id__delete",
        parse=_parse_delete,
    )


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
        return self._client._request(_list_call())

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
        return self._client._request(_get_call(playbook_id))

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
        return self._client._request(_create_call(self._client, title, body, macro))

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
        return self._client._request(_update_call(self._client, playbook_id, title, body, macro))

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
        return self._client._request(_delete_call(playbook_id))


class AsyncPlaybooks:
    """``client.playbooks`` of an ``AsyncDevin`` client: ``Playbooks``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def list(self) -> list[PlaybookResponse]:
        """The team playbooks; see ``Playbooks.list``."""
        return await self._client._request(_list_call())

    async def get(self, playbook_id: str) -> PlaybookResponse:
        """One playbook; see ``Playbooks.get``."""
        return await self._client._request(_get_call(playbook_id))

    async def create(self, *, title: str, body: str, macro: str | None = None) -> PlaybookResponse:
        """Create a team playbook; see ``Playbooks.create``."""
        return await self._client._request(_create_call(self._client, title, body, macro))

    async def update(
        self, playbook_id: str, *, title: str, body: str, macro: str | None = None
    ) -> UpdatePlaybookResponse:
        """Replace a team playbook; see ``Playbooks.update``."""
        return await self._client._request(
            _update_call(self._client, playbook_id, title, body, macro)
        )

    async def delete(self, playbook_id: str) -> DeletePlaybookResponse:
        """Delete a team playbook; see ``Playbooks.delete``."""
        return await self._client._request(_delete_call(playbook_id))
