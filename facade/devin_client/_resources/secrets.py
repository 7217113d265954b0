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

from .._exceptions import DevinValidationError
from .._transport import BaseClient, Call
from .._validation import check_body
from ._common import check_id, list_parser, model_parser

if TYPE_CHECKING:
    from .._client import AsyncDevin, Devin

__all__ = ["AsyncSecrets", "Secrets"]

_parse_list = list_parser(SecretResponse, "list_secrets_v1_secrets_get")
_parse_create = model_parser(CreateSecretResponse, "create_secret_v1_secrets_post")
_parse_delete = model_parser(DeleteSecretResponse, "delete_secret_v1_secrets__secret_id__delete")


def _list_call() -> Call[list[SecretResponse]]:
    return Call(
        _list_op.build_request(), operation="list_secrets_v1_secrets_get", parse=_parse_list
    )


def _create_call(
    client: BaseClient, key: Any, value: Any, type_: Any, sensitive: Any, note: Any
) -> Call[CreateSecretResponse]:
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
    kwargs = _create_op.build_request(body=body)
    kwargs["json"]["type"] = type_  # as given (validate=False sends unknown types unchanged)
    if client._validate:
        check_body("CreateSecretRequest", kwargs["json"])
    return Call(
        kwargs,
        operation="create_secret_v1_secrets_post",
        parse=_parse_create,
        secrets=(value,) if isinstance(value, str) else (),
    )


def _delete_call(secret_id: Any) -> Call[DeleteSecretResponse]:
    return Call(
        _delete_op.build_request(check_id(secret_id, "secret_id")),
        operation="delete_secret_v1_secrets__secret_id__delete",
        parse=_parse_delete,
    )


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
        return self._client._request(_list_call())

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
        return self._client._request(_create_call(self._client, key, value, type, sensitive, note))

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
        return self._client._request(_delete_call(secret_id))


class AsyncSecrets:
    """``client.secrets`` of an ``AsyncDevin`` client: ``Secrets``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def list(self) -> list[SecretResponse]:
        """List the organisation's secrets; see ``Secrets.list``."""
        return await self._client._request(_list_call())

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
        return await self._client._request(
            _create_call(self._client, key, value, type, sensitive, note)
        )

    async def delete(self, secret_id: str) -> DeleteSecretResponse:
        """Delete a secret; see ``Secrets.delete``."""
        return await self._client._request(_delete_call(secret_id))
