"""``client.knowledge``: the organisation's knowledge notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
from devin_api.api.knowledge import create_knowledge_v1_knowledge_post as _create_op
from devin_api.api.knowledge import delete_knowledge_v1_knowledge_note_id_delete as _delete_op
from devin_api.api.knowledge import get_all_knowledge_v1_knowledge_get as _list_op
from devin_api.api.knowledge import update_knowledge_v1_knowledge_note_id_put as _update_op
from devin_api.models import AllKnowledgeResponse, CreateKnowledgeParams, KnowledgeResponse

from .._transport import BaseClient, Call
from .._validation import check_body
from ._common import check_id, model_parser, opt

if TYPE_CHECKING:
    from .._client import AsyncDevin, Devin

__all__ = ["AsyncKnowledge", "Knowledge"]

_parse_list = model_parser(AllKnowledgeResponse, "get_all_knowledge_v1_knowledge_get")
# Create and update answer the same model; the schemas are identical, so one check serves.
_parse_note = model_parser(KnowledgeResponse, "create_knowledge_v1_knowledge_post")


def _parse_nothing(response: httpx.Response, check: bool) -> None:
    return None


def _params(fields: dict[str, Any]) -> CreateKnowledgeParams:
    return CreateKnowledgeParams(
        name=fields["name"],
        body=fields["body"],
        trigger_description=fields["trigger_description"],
        macro=opt(fields["macro"]),
        parent_folder_id=opt(fields["parent_folder_id"]),
        pinned_repo=opt(fields["pinned_repo"]),
    )


def _list_call() -> Call[AllKnowledgeResponse]:
    return Call(
        _list_op.build_request(), operation="get_all_knowledge_v1_knowledge_get", parse=_parse_list
    )


def _create_call(client: BaseClient, fields: dict[str, Any]) -> Call[KnowledgeResponse]:
    kwargs = _create_op.build_request(body=_params(fields))
    if client._validate:
        check_body("CreateKnowledgeParams", kwargs["json"])
    return Call(kwargs, operation="create_knowledge_v1_knowledge_post", parse=_parse_note)


def _update_call(
    client: BaseClient, note_id: Any, fields: dict[str, Any]
) -> Call[KnowledgeResponse]:
    kwargs = _update_op.build_request(check_id(note_id, "note_id"), body=_params(fields))
    if client._validate:
        check_body("CreateKnowledgeParams", kwargs["json"])
    return Call(kwargs, operation="update_knowledge_v1_knowledge__note_id__put", parse=_parse_note)


def _delete_call(note_id: Any) -> Call[None]:
    return Call(
        _delete_op.build_request(check_id(note_id, "note_id")),
        operation="delete_knowledge_v1_knowledge__note_id__delete",
        parse=_parse_nothing,
    )


class Knowledge:
    """``client.knowledge`` of a ``Devin`` client."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def list(self) -> AllKnowledgeResponse:
        """All knowledge notes and folders.

        Returns:
            The generated ``AllKnowledgeResponse`` (``knowledge`` and ``folders``).

        Raises:
            DevinError: See the error tree.
        """
        return self._client._request(_list_call())

    def create(
        self,
        *,
        name: str,
        body: str,
        trigger_description: str,
        macro: str | None = None,
        parent_folder_id: str | None = None,
        pinned_repo: str | None = None,
    ) -> KnowledgeResponse:
        """Create a knowledge note. Not retried once sent.

        Args:
            name: Its name.
            body: The knowledge itself.
            trigger_description: When Devin should recall it.
            macro: An optional macro.
            parent_folder_id: A folder to put it in.
            pinned_repo: ``"all"``, ``"owner/repo"``, or ``None`` for no pinning.

        Returns:
            The generated ``KnowledgeResponse``.

        Raises:
            DevinValidationError: Bad input; nothing was sent.
            DevinError: Any other failure.
        """
        return self._client._request(_create_call(self._client, locals()))

    def update(
        self,
        note_id: str,
        *,
        name: str,
        body: str,
        trigger_description: str,
        macro: str | None = None,
        parent_folder_id: str | None = None,
        pinned_repo: str | None = None,
    ) -> KnowledgeResponse:
        """Replace a knowledge note (all fields: the API takes the full note).

        Args:
            note_id: The note's id.
            name: Its name.
            body: The knowledge itself.
            trigger_description: When Devin should recall it.
            macro: An optional macro.
            parent_folder_id: A folder to put it in.
            pinned_repo: ``"all"``, ``"owner/repo"``, or ``None`` for no pinning.

        Returns:
            The generated ``KnowledgeResponse``.

        Raises:
            NotFoundError: No such note.
            DevinError: Any other failure.
        """
        return self._client._request(_update_call(self._client, note_id, locals()))

    def delete(self, note_id: str) -> None:
        """Delete a knowledge note.

        Args:
            note_id: The note's id.

        Raises:
            NotFoundError: No such note.
            DevinError: Any other failure.
        """
        self._client._request(_delete_call(note_id))


class AsyncKnowledge:
    """``client.knowledge`` of an ``AsyncDevin`` client: ``Knowledge``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def list(self) -> AllKnowledgeResponse:
        """All knowledge notes and folders; see ``Knowledge.list``."""
        return await self._client._request(_list_call())

    async def create(
        self,
        *,
        name: str,
        body: str,
        trigger_description: str,
        macro: str | None = None,
        parent_folder_id: str | None = None,
        pinned_repo: str | None = None,
    ) -> KnowledgeResponse:
        """Create a knowledge note; see ``Knowledge.create``."""
        return await self._client._request(_create_call(self._client, locals()))

    async def update(
        self,
        note_id: str,
        *,
        name: str,
        body: str,
        trigger_description: str,
        macro: str | None = None,
        parent_folder_id: str | None = None,
        pinned_repo: str | None = None,
    ) -> KnowledgeResponse:
        """Replace a knowledge note; see ``Knowledge.update``."""
        return await self._client._request(_update_call(self._client, note_id, locals()))

    async def delete(self, note_id: str) -> None:
        """Delete a knowledge note; see ``Knowledge.delete``."""
        await self._client._request(_delete_call(note_id))
