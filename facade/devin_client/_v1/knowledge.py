"""``client.knowledge``: the organisation's knowledge notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
from devin_api.api.knowledge import create_knowledge_v1_knowledge_post as _create_op
from devin_api.api.knowledge import delete_knowledge_v1_knowledge_note_id_delete as _delete_op
from devin_api.api.knowledge import get_all_knowledge_v1_knowledge_get as _list_op
from devin_api.api.knowledge import update_knowledge_v1_knowledge_note_id_put as _update_op
from devin_api.models import AllKnowledgeResponse, CreateKnowledgeParams, KnowledgeResponse

from .._core._args import check_id, model
from .._core._flows import Flow
from .._core._pipeline import BaseClient, Call
from .._core._spec import Check
from ._common import opt

if TYPE_CHECKING:
    from ._client import AsyncDevin, Devin

__all__ = ["AsyncKnowledge", "Knowledge"]

_parse_list = model(AllKnowledgeResponse)
_parse_note = model(KnowledgeResponse)


def _parse_nothing(response: httpx.Response, check: Check) -> None:
    return None


def _note(fields: tuple[Any, ...]) -> CreateKnowledgeParams:
    name, body, trigger_description, macro, parent_folder_id, pinned_repo = fields
    return CreateKnowledgeParams(
        name=name,
        body=body,
        trigger_description=trigger_description,
        macro=opt(macro),
        parent_folder_id=opt(parent_folder_id),
        pinned_repo=opt(pinned_repo),
    )


def _list(client: BaseClient) -> Flow[AllKnowledgeResponse]:
    return client._exchange(Call(_list_op.OPERATION, _list_op.build_request(), parse=_parse_list))


def _create(client: BaseClient, *fields: Any) -> Flow[KnowledgeResponse]:
    request = _create_op.build_request(body=_note(fields))
    return client._exchange(Call(_create_op.OPERATION, request, parse=_parse_note))


def _update(client: BaseClient, note_id: Any, *fields: Any) -> Flow[KnowledgeResponse]:
    request = _update_op.build_request(check_id(note_id, "note_id"), body=_note(fields))
    return client._exchange(Call(_update_op.OPERATION, request, parse=_parse_note))


def _delete(client: BaseClient, note_id: Any) -> Flow[None]:
    request = _delete_op.build_request(check_id(note_id, "note_id"))
    return client._exchange(Call(_delete_op.OPERATION, request, parse=_parse_nothing))


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
        return self._client._run(_list(self._client))

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
        return self._client._run(
            _create(
                self._client, name, body, trigger_description, macro, parent_folder_id, pinned_repo
            )
        )

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
        return self._client._run(
            _update(
                self._client,
                note_id,
                name,
                body,
                trigger_description,
                macro,
                parent_folder_id,
                pinned_repo,
            )
        )

    def delete(self, note_id: str) -> None:
        """Delete a knowledge note.

        Args:
            note_id: The note's id.

        Raises:
            NotFoundError: No such note.
            DevinError: Any other failure.
        """
        self._client._run(_delete(self._client, note_id))


class AsyncKnowledge:
    """``client.knowledge`` of an ``AsyncDevin`` client: ``Knowledge``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def list(self) -> AllKnowledgeResponse:
        """All knowledge notes and folders; see ``Knowledge.list``."""
        return await self._client._run(_list(self._client))

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
        return await self._client._run(
            _create(
                self._client, name, body, trigger_description, macro, parent_folder_id, pinned_repo
            )
        )

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
        return await self._client._run(
            _update(
                self._client,
                note_id,
                name,
                body,
                trigger_description,
                macro,
                parent_folder_id,
                pinned_repo,
            )
        )

    async def delete(self, note_id: str) -> None:
        """Delete a knowledge note; see ``Knowledge.delete``."""
        await self._client._run(_delete(self._client, note_id))
