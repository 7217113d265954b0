from http import HTTPStatus
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_secret_response import DeleteSecretResponse
from ...models.error_detail import ErrorDetail
from ...models.http_validation_error import HTTPValidationError
from ...types import Operation, RequestArgs, Response

OPERATION = Operation(
    id="delete_secret_v1_secrets__secret_id__delete",
    method="DELETE",
    path="/v1/secrets/{secret_id}",
    retry_safe=False,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    secret_id: str,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""

    _kwargs: RequestArgs = {
        "method": "DELETE",
        "url": "/v1/secrets/{secret_id}".format(
            secret_id=quote(str(secret_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeleteSecretResponse | ErrorDetail | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = DeleteSecretResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorDetail.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DeleteSecretResponse | ErrorDetail | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    secret_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DeleteSecretResponse | ErrorDetail | HTTPValidationError]:
    """Delete a secret

     Delete a secret from the organization.

    Args:
        secret_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteSecretResponse | ErrorDetail | HTTPValidationError]
    """

    kwargs = build_request(
        secret_id=secret_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    secret_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> DeleteSecretResponse | ErrorDetail | HTTPValidationError | None:
    """Delete a secret

     Delete a secret from the organization.

    Args:
        secret_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteSecretResponse | ErrorDetail | HTTPValidationError
    """

    return sync_detailed(
        secret_id=secret_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    secret_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DeleteSecretResponse | ErrorDetail | HTTPValidationError]:
    """Delete a secret

     Delete a secret from the organization.

    Args:
        secret_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteSecretResponse | ErrorDetail | HTTPValidationError]
    """

    kwargs = build_request(
        secret_id=secret_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    secret_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> DeleteSecretResponse | ErrorDetail | HTTPValidationError | None:
    """Delete a secret

     Delete a secret from the organization.

    Args:
        secret_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteSecretResponse | ErrorDetail | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            secret_id=secret_id,
            client=client,
        )
    ).parsed
