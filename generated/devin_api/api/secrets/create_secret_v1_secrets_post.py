from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_secret_request import CreateSecretRequest
from ...models.create_secret_response import CreateSecretResponse
from ...models.error_detail import ErrorDetail
from ...models.http_validation_error import HTTPValidationError
from ...types import Operation, RequestArgs, Response

OPERATION = Operation(
    id="create_secret_v1_secrets_post",
    method="POST",
    path="/v1/secrets",
    retry_safe=False,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    *,
    body: CreateSecretRequest,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""
    headers: dict[str, Any] = {}

    _kwargs: RequestArgs = {
        "method": "POST",
        "url": "/v1/secrets",
    }

    _kwargs["json"] = body.to_dict()

    if headers:
        _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateSecretResponse | ErrorDetail | HTTPValidationError | None:
    if response.status_code == 201:
        response_201 = CreateSecretResponse.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = ErrorDetail.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreateSecretResponse | ErrorDetail | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSecretRequest,
) -> Response[CreateSecretResponse | ErrorDetail | HTTPValidationError]:
    """Create Secret

     Create a new encrypted secret that can be used in Devin sessions. The secret will be available to
    all sessions created after the secret is added.

    Args:
        body (CreateSecretRequest): Request body for creating a new secret

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateSecretResponse | ErrorDetail | HTTPValidationError]
    """

    kwargs = build_request(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSecretRequest,
) -> CreateSecretResponse | ErrorDetail | HTTPValidationError | None:
    """Create Secret

     Create a new encrypted secret that can be used in Devin sessions. The secret will be available to
    all sessions created after the secret is added.

    Args:
        body (CreateSecretRequest): Request body for creating a new secret

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateSecretResponse | ErrorDetail | HTTPValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSecretRequest,
) -> Response[CreateSecretResponse | ErrorDetail | HTTPValidationError]:
    """Create Secret

     Create a new encrypted secret that can be used in Devin sessions. The secret will be available to
    all sessions created after the secret is added.

    Args:
        body (CreateSecretRequest): Request body for creating a new secret

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateSecretResponse | ErrorDetail | HTTPValidationError]
    """

    kwargs = build_request(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateSecretRequest,
) -> CreateSecretResponse | ErrorDetail | HTTPValidationError | None:
    """Create Secret

     Create a new encrypted secret that can be used in Devin sessions. The secret will be available to
    all sessions created after the secret is added.

    Args:
        body (CreateSecretRequest): Request body for creating a new secret

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateSecretResponse | ErrorDetail | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
