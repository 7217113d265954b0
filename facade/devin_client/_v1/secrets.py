"""``client.secrets``: the organisation's secrets (values are write-only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from devin_api.api.secrets import create_secret_v1_secrets_post as _create_op
from devin_api.api.secrets import delete_secret_v1_secrets_secret_id_delete as _delete_op
from devin_api.api.secrets import list_secrets_v1_secrets_get as _list_op
from devin_api.models import (
    CreateSecretRequest,
    CreateSecretResponse,
    CreateSecretType,
    DeleteSecretResponse,
    SecretResponse,
)

from .._core._args import check_id, hide, list_of, model
from .._core._exceptions import DevinValidationError
from .._core._flows import Flow
from .._core._pipeline import BaseClient, Call

if TYPE_CHECKING:
    from ._client import AsyncDevin, Devin

__all__ = ["AsyncSecrets", "Secrets"]

_parse_list = list_of(SecretResponse)
_parse_create = model(CreateSecretResponse)
_parse_delete = model(DeleteSecretResponse)


def _list(client: BaseClient) -> Flow[list[SecretResponse]]:
    return client._exchange(Call(_list_op.OPERATION, _list_op.build_request(), parse=_parse_list))


def _create(
    client: BaseClient, key: Any, value: Any, type_: Any, sensitive: Any, note: Any
) -> Flow[CreateSecretResponse]:
    value = hide(value)
    known = isinstance(type_, str) and type_ in CreateSecretType._value2member_map_
    if not known and client._validate:
        options = ", ".join(repr(t.value) for t in CreateSecretType)
        raise DevinValidationError("type", f"must be one of {options}")
    body = CreateSecretRequest(
        type_=CreateSecretType(type_) if known else CreateSecretType.KEY_VALUE,
        key=key,
        value=value,
        sensitive=sensitive,
        note=note,
    )
    request = _create_op.build_request(body=body)
    request["json"]["type"] = type_  # as given (validate=False sends unknown types unchanged)
    secrets = (value,) if isinstance(value, str) else ()
    call = Call(_create_op.OPERATION, request, parse=_parse_create, secrets=secrets)
    return client._exchange(call)


def _delete(client: BaseClient, secret_id: Any) -> Flow[DeleteSecretResponse]:
    request = _delete_op.build_request(check_id(secret_id, "secret_id"))
    return client._exchange(Call(_delete_op.OPERATION, request, parse=_parse_delete))


class Secrets:
    """``client.secrets`` of a ``Devin`` client."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def list(self) -> list[SecretResponse]:
        """List the organisation's secrets (ids, types and keys; never values).

        Returns:
            Generated ``SecretResponse`` objects.

        Raises:
            DevinError: See the error tree.
        """
        return self._client._run(_list(self._client))

    def create(
        self,
        key: str,
        value: str,
        *,
        type: str = "key-value",
        sensitive: bool = True,
        note: str = "",
    ) -> CreateSecretResponse:
        """Store a secret; sessions created afterwards can use it. Not retried once sent.

        Args:
            key: Its name, unique in the organisation.
            value: The secret (encrypted at rest; never logged, never in error messages).
            type: ``"key-value"``, ``"cookie"`` or ``"totp"``.
            sensitive: Redact it in Devin's logs.
            note: What it is for.

        Returns:
            The generated ``CreateSecretResponse`` (its ``id``).

        Raises:
            DevinValidationError: Bad input; nothing was sent.
            ConflictError: A secret with that key exists.
            DevinError: Any other failure.
        """
        value = hide(value)  # from here on no frame's locals (a traceback's) show it
        return self._client._run(_create(self._client, key, value, type, sensitive, note))

    def delete(self, secret_id: str) -> DeleteSecretResponse:
        """Delete a secret for good.

        Args:
            secret_id: Its id.

        Returns:
            The generated ``DeleteSecretResponse``.

        Raises:
            NotFoundError: No such secret.
            DevinError: Any other failure.
        """
        return self._client._run(_delete(self._client, secret_id))


class AsyncSecrets:
    """``client.secrets`` of an ``AsyncDevin`` client: ``Secrets``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def list(self) -> list[SecretResponse]:
        """List the organisation's secrets; see ``Secrets.list``."""
        return await self._client._run(_list(self._client))

    async def create(
        self,
        key: str,
        value: str,
        *,
        type: str = "key-value",
        sensitive: bool = True,
        note: str = "",
    ) -> CreateSecretResponse:
        """Store a secret; see ``Secrets.create``."""
        value = hide(value)  # from here on no frame's locals (a traceback's) show it
        return await self._client._run(_create(self._client, key, value, type, sensitive, note))

    async def delete(self, secret_id: str) -> DeleteSecretResponse:
        """Delete a secret; see ``Secrets.delete``."""
        return await self._client._run(_delete(self._client, secret_id))
