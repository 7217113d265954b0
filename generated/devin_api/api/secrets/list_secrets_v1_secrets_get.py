from http import HTTPStatus

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.secret_response import SecretResponse
from ...types import Operation, RequestArgs, Response

OPERATION = Operation(
    id="list_secrets_v1_secrets_get",
    method="GET",
    path="/v1/secrets",
    retry_safe=True,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request() -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""

    _kwargs: RequestArgs = {
        "method": "GET",
        "url": "/v1/secrets",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | list[SecretResponse] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = SecretResponse.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | list[SecretResponse]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorDetail | list[SecretResponse]]:
    """List secrets

     View metadata for all secrets in your organization. Secret values are never returned.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | list[SecretResponse]]
    """

    kwargs = build_request()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorDetail | list[SecretResponse] | None:
    """List secrets

     View metadata for all secrets in your organization. Secret values are never returned.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | list[SecretResponse]
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorDetail | list[SecretResponse]]:
    """List secrets

     View metadata for all secrets in your organization. Secret values are never returned.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | list[SecretResponse]]
    """

    kwargs = build_request()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorDetail | list[SecretResponse] | None:
    """List secrets

     View metadata for all secrets in your organization. Secret values are never returned.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | list[SecretResponse]
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
