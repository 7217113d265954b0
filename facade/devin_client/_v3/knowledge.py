"""``client.knowledge``: the organisation's knowledge notes (``notes``) and folders."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from devin_api_v3.api.notes import (
    handle_create_note_v3_organizations_org_id_knowledge_notes_post as _create_op,
)
from devin_api_v3.api.notes import (
    handle_delete_note_v3_organizations_org_id_knowledge_notes_note_id_delete as _delete_op,
)
from devin_api_v3.api.notes import (
    handle_get_note_v3_organizations_org_id_knowledge_notes_note_id_get as _get_op,
)
from devin_api_v3.api.notes import (
    handle_list_folders_v3_organizations_org_id_knowledge_folders_get as _folders_op,
)
from devin_api_v3.api.notes import (
    handle_list_notes_v3_organizations_org_id_knowledge_notes_get as _list_op,
)
from devin_api_v3.api.notes import (
    handle_update_note_v3_organizations_org_id_knowledge_notes_note_id_put as _update_op,
)
from devin_api_v3.models import (
    FolderTreeResponse,
    KnowledgeNoteCreateRequest,
    KnowledgeNoteResponse,
    PaginatedResponseKnowledgeNoteResponse,
)

from .._core._args import check_id, model
from .._core._flows import Flow
from .._core._pipeline import BaseClient, Call
from ._client import org_of
from ._common import DEFAULT_PAGE_SIZE, check_page_size, check_query, cursor_listing, opt

if TYPE_CHECKING:
    from ._client import AsyncDevin, Devin

__all__ = ["AsyncKnowledge", "Knowledge"]

_parse_note = model(KnowledgeNoteResponse)
_parse_notes = model(PaginatedResponseKnowledgeNoteResponse)
_parse_folders = model(FolderTreeResponse)


def _note(fields: tuple[Any, ...]) -> KnowledgeNoteCreateRequest:
    name, body, trigger, folder_id, is_enabled, pinned_repo = fields
    return KnowledgeNoteCreateRequest(
        name=name,
        body=body,
        trigger=trigger,
        folder_id=opt(folder_id),
        is_enabled=opt(is_enabled),
        pinned_repo=opt(pinned_repo),
    )


def _list(
    client: BaseClient, search: Any, pinned_repo: Any, folder_path: Any, page_size: Any
) -> Flow[None]:
    page_size = check_page_size(client, _list_op.OPERATION, "first", page_size)
    filters = {"search": search, "pinned_repo": pinned_repo, "folder_path": folder_path}
    check_query(client, _list_op.OPERATION, filters)
    kwargs = {key: opt(value) for key, value in filters.items()}

    def page(after: str | None, first: int) -> Call[PaginatedResponseKnowledgeNoteResponse]:
        request = _list_op.build_request(org_of(client), after=opt(after), first=first, **kwargs)
        return Call(_list_op.OPERATION, request, parse=_parse_notes)

    return cursor_listing(client, page, page_size, "knowledge.notes.list", attrgetter("note_id"))


def _create(client: BaseClient, *fields: Any) -> Flow[KnowledgeNoteResponse]:
    request = _create_op.build_request(org_of(client), body=_note(fields))
    return client._exchange(Call(_create_op.OPERATION, request, parse=_parse_note))


def _get(client: BaseClient, note_id: Any) -> Flow[KnowledgeNoteResponse]:
    request = _get_op.build_request(org_of(client), check_id(note_id, "note_id"))
    return client._exchange(Call(_get_op.OPERATION, request, parse=_parse_note))


def _update(client: BaseClient, note_id: Any, *fields: Any) -> Flow[KnowledgeNoteResponse]:
    check_id(note_id, "note_id")
    request = _update_op.build_request(org_of(client), note_id, body=_note(fields))
    return client._exchange(Call(_update_op.OPERATION, request, parse=_parse_note))


def _delete(client: BaseClient, note_id: Any) -> Flow[KnowledgeNoteResponse]:
    request = _delete_op.build_request(org_of(client), check_id(note_id, "note_id"))
    return client._exchange(Call(_delete_op.OPERATION, request, parse=_parse_note))


def _folders(client: BaseClient) -> Flow[FolderTreeResponse]:
    request = _folders_op.build_request(org_of(client))
    return client._exchange(Call(_folders_op.OPERATION, request, parse=_parse_folders))


class Notes:
    """``client.knowledge.notes`` of a ``devin_client.v3.Devin``."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def list(
        self,
        *,
        search: str | None = None,
        pinned_repo: str | None = None,
        folder_path: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Iterator[KnowledgeNoteResponse]:
        """Iterate over the organisation's knowledge notes, every page.

        Args:
            search: Only notes matching this text.
            pinned_repo: Only notes pinned to this repository.
            folder_path: Only notes in this folder.
            page_size: Notes per request (``first``: 1 to 200).

        Returns:
            An iterator of generated ``KnowledgeNoteResponse`` objects.

        Raises:
            DevinValidationError: Bad arguments (at once).
            DevinError: A failed page request (while iterating).
        """
        return self._client._iterate(
            _list(self._client, search, pinned_repo, folder_path, page_size)
        )

    def create(
        self,
        *,
        name: str,
        body: str,
        trigger: str,
        folder_id: str | None = None,
        is_enabled: bool | None = None,
        pinned_repo: str | None = None,
    ) -> KnowledgeNoteResponse:
        """Create a knowledge note. Not retried once it may have reached the server.

        Args:
            name: Its name.
            body: The knowledge itself.
            trigger: When Devin should recall it.
            folder_id: A folder to put it in.
            is_enabled: Enable or disable it (the API's default when omitted).
            pinned_repo: A repository to pin it to.

        Returns:
            The generated ``KnowledgeNoteResponse``.

        Raises:
            DevinValidationError: Bad input; nothing was sent.
            DevinError: Any other failure.
        """
        return self._client._run(
            _create(self._client, name, body, trigger, folder_id, is_enabled, pinned_repo)
        )

    def get(self, note_id: str) -> KnowledgeNoteResponse:
        """A knowledge note.

        Raises:
            NotFoundError: No such note.
            DevinError: Any other failure.
        """
        return self._client._run(_get(self._client, note_id))

    def update(
        self,
        note_id: str,
        *,
        name: str,
        body: str,
        trigger: str,
        folder_id: str | None = None,
        is_enabled: bool | None = None,
        pinned_repo: str | None = None,
    ) -> KnowledgeNoteResponse:
        """Replace a knowledge note (the API takes the whole note: name, body and trigger).

        Raises:
            NotFoundError: No such note.
            DevinError: Any other failure.
        """
        return self._client._run(
            _update(self._client, note_id, name, body, trigger, folder_id, is_enabled, pinned_repo)
        )

    def delete(self, note_id: str) -> KnowledgeNoteResponse:
        """Delete a knowledge note.

        Returns:
            The deleted note.

        Raises:
            NotFoundError: No such note.
            DevinError: Any other failure.
        """
        return self._client._run(_delete(self._client, note_id))


class AsyncNotes:
    """``client.knowledge.notes`` of a ``devin_client.v3.AsyncDevin``: ``Notes``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    def list(
        self,
        *,
        search: str | None = None,
        pinned_repo: str | None = None,
        folder_path: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> AsyncIterator[KnowledgeNoteResponse]:
        """Iterate (``async for``) over knowledge notes; see ``Notes.list``."""
        return self._client._iterate(
            _list(self._client, search, pinned_repo, folder_path, page_size)
        )

    async def create(
        self,
        *,
        name: str,
        body: str,
        trigger: str,
        folder_id: str | None = None,
        is_enabled: bool | None = None,
        pinned_repo: str | None = None,
    ) -> KnowledgeNoteResponse:
        """Create a knowledge note; see ``Notes.create``."""
        return await self._client._run(
            _create(self._client, name, body, trigger, folder_id, is_enabled, pinned_repo)
        )

    async def get(self, note_id: str) -> KnowledgeNoteResponse:
        """A knowledge note; see ``Notes.get``."""
        return await self._client._run(_get(self._client, note_id))

    async def update(
        self,
        note_id: str,
        *,
        name: str,
        body: str,
        trigger: str,
        folder_id: str | None = None,
        is_enabled: bool | None = None,
        pinned_repo: str | None = None,
    ) -> KnowledgeNoteResponse:
        """Replace a knowledge note; see ``Notes.update``."""
        return await self._client._run(
            _update(self._client, note_id, name, body, trigger, folder_id, is_enabled, pinned_repo)
        )

    async def delete(self, note_id: str) -> KnowledgeNoteResponse:
        """Delete a knowledge note; see ``Notes.delete``."""
        return await self._client._run(_delete(self._client, note_id))


class Folders:
    """``client.knowledge.folders`` of a ``devin_client.v3.Devin``."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def list(self) -> FolderTreeResponse:
        """The knowledge folders (read-only through the API).

        Returns:
            The generated ``FolderTreeResponse`` (``folders``, ``root_note_count``).

        Raises:
            DevinError: See the error tree.
        """
        return self._client._run(_folders(self._client))


class AsyncFolders:
    """``client.knowledge.folders`` of a ``devin_client.v3.AsyncDevin``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def list(self) -> FolderTreeResponse:
        """The knowledge folders; see ``Folders.list``."""
        return await self._client._run(_folders(self._client))


class Knowledge:
    """``client.knowledge`` of a ``devin_client.v3.Devin``: ``notes`` and ``folders``."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    @cached_property
    def notes(self) -> Notes:
        """Knowledge notes: ``list``, ``create``, ``get``, ``update``, ``delete``."""
        return Notes(self._client)

    @cached_property
    def folders(self) -> Folders:
        """Knowledge folders: ``list``."""
        return Folders(self._client)


class AsyncKnowledge:
    """``client.knowledge`` of a ``devin_client.v3.AsyncDevin``."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    @cached_property
    def notes(self) -> AsyncNotes:
        """Knowledge notes; see ``Knowledge.notes``."""
        return AsyncNotes(self._client)

    @cached_property
    def folders(self) -> AsyncFolders:
        """Knowledge folders; see ``Knowledge.folders``."""
        return AsyncFolders(self._client)
