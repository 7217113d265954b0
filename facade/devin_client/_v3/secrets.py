"""``client.secrets``: the organisation's secrets (values are write-only)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from devin_api_v3.api.secrets import (
    handle_create_secret_v3_organizations_org_id_secrets_post as _create_op,
)
from devin_api_v3.api.secrets import (
    handle_delete_secret_v3_organizations_org_id_secrets_secret_id_delete as _delete_op,
)
from devin_api_v3.api.secrets import (
    handle_list_secrets_v3_organizations_org_id_secrets_get as _list_op,
)
from devin_api_v3.models import (
    PaginatedResponseSecretResponse,
    SecretCreateRequest,
    SecretResponse,
    SecretType,
)

from .._core._args import check_id, hide, model
from .._core._exceptions import DevinValidationError
from .._core._flows import Flow
from .._core._pipeline import BaseClient, Call
from ._client import org_of
from ._common import DEFAULT_PAGE_SIZE, check_page_size, cursor_listing, opt

if TYPE_CHECKING:
    from ._client import AsyncDevin, Devin

__all__ = ["AsyncSecrets", "Secrets"]

_parse_secret = model(SecretResponse)
_parse_secrets = model(PaginatedResponseSecretResponse)


def _list(client: BaseClient, page_size: Any) -> Flow[None]:
    page_size = check_page_size(client, _list_op.OPERATION, "first", page_size)

    def page(after: str | None, first: int) -> Call[PaginatedResponseSecretResponse]:
        request = _list_op.build_request(org_of(client), after=opt(after), first=first)
        return Call(_list_op.OPERATION, request, parse=_parse_secrets)

    return cursor_listing(client, page, page_size, "secrets.list", attrgetter("secret_id"))


def _create(
    client: BaseClient, key: Any, value: Any, type_: Any, is_sensitive: Any, note: Any
) -> Flow[SecretResponse]:
    value = hide(value)
    known = isinstance(type_, str) and type_ in SecretType._value2member_map_
    if not known and client._validate:
        options = ", ".join(repr(t.value) for t in SecretType)
        raise DevinValidationError("type", f"must be one of {options}")
    body = SecretCreateRequest(
        key=key,
        type_=SecretType(type_) if known else SecretType.KEY_VALUE,
        value=value,
        is_sensitive=is_sensitive,
        note=opt(note),
    )
    request = _create_op.build_request(org_of(client), body=body)
    request["json"]["type"] = type_  # as given (validate=False sends unknown types unchanged)
    secrets = (value,) if isinstance(value, str) else ()
    return client._exchange(
        Call(_create_op.OPERATION, request, parse=_parse_secret, secrets=secrets)
    )


def _delete(client: BaseClient, secret_id: Any) -> Flow[SecretResponse]:
    request = _delete_op.build_request(org_of(client), check_id(secret_id, "secret_id"))
    return client._exchange(Call(_delete_op.OPERATION, request, parse=_parse_secret))


class Secrets:
    """``client.secrets`` of a ``devin_client.v3.Devin``."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def list(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> Iterator[SecretResponse]:
        """Iterate over the organisation's secrets (ids, types and keys; never values).

        Args:
            page_size: Secrets per request (``first``: 1 to 200).

        Returns:
            An iterator of generated ``SecretResponse`` objects.

        Raises:
            DevinValidationError: A bad ``page_size`` (at once).
            DevinError: A failed page request (while iterating).
        """
        return self._client._iterate(_list(self._client, page_size))

    def create(
        self,
        key: str,
        value: str,
        *,
        type: str = "key-value",
        is_sensitive: bool = True,
        note: str | None = None,
    ) -> SecretResponse:
        """Store a secret; sessions created afterwards can use it. Not retried once it may
        have reached the server.

        Args:
            key: Its name.
            value: The secret (never logged, never in error messages, never returned).
            type: ``"key-value"``, ``"cookie"`` or ``"totp"``.
            is_sensitive: Redact it in Devin's logs (default ``True``).
            note: What it is for.

        Returns:
            The generated ``SecretResponse`` (``secret_id``, ``key``, ...; no value).

        Raises:
            DevinValidationError: Bad input; nothing was sent.
            ConflictError: A secret with that key exists.
            DevinError: Any other failure.
        """
        value = hide(value)  # from here on no frame's locals (a traceback's) show it
        return self._client._run(_create(self._client, key, value, type, is_sensitive, note))

    def delete(self, secret_id: str) -> SecretResponse:
        """Delete a secret for good.

        Returns:
            The deleted secret's metadata.

        Raises:
            NotFoundError: No such secret.
            DevinError: Any other failure.
        """
        return self._client._run(_delete(self._client, secret_id))


class AsyncSecrets:
    """``client.secrets`` of a ``devin_client.v3.AsyncDevin``: ``Secrets``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    def list(self, *, page_size: int = DEFAULT_PAGE_SIZE) -> AsyncIterator[SecretResponse]:
        """Iterate (``async for``) over secrets; see ``Secrets.list``."""
        return self._client._iterate(_list(self._client, page_size))

    async def create(
        self,
        key: str,
        value: str,
        *,
        type: str = "key-value",
        is_sensitive: bool = True,
        note: str | None = None,
    ) -> SecretResponse:
        """Store a secret; see ``Secrets.create``."""
        value = hide(value)  # from here on no frame's locals (a traceback's) show it
        return await self._client._run(_create(self._client, key, value, type, is_sensitive, note))

    async def delete(self, secret_id: str) -> SecretResponse:
        """Delete a secret; see ``Secrets.delete``."""
        return await self._client._run(_delete(self._client, secret_id))
