from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.http_validation_error import HTTPValidationError
from ...types import Operation, RequestArgs, Response

OPERATION = Operation(
    id="download_attachment_customer_endpoint_v1_attachments__uuid___name__get",
    method="GET",
    path="/v1/attachments/{uuid}/{name}",
    retry_safe=True,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    uuid: str,
    name: str,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""

    _kwargs: RequestArgs = {
        "method": "GET",
        "url": "/v1/attachments/{uuid}/{name}".format(
            uuid=quote(str(uuid), safe=""),
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorDetail | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = response.json()
        return response_200

    if response.status_code == 307:
        response_307 = cast(Any, None)
        return response_307

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
) -> Response[Any | ErrorDetail | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    uuid: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | ErrorDetail | HTTPValidationError]:
    """Download an attachment

     Download a file attachment using API key authentication. Returns a redirect to a presigned URL.

    Args:
        uuid (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorDetail | HTTPValidationError]
    """

    kwargs = build_request(
        uuid=uuid,
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    uuid: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | ErrorDetail | HTTPValidationError | None:
    """Download an attachment

     Download a file attachment using API key authentication. Returns a redirect to a presigned URL.

    Args:
        uuid (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorDetail | HTTPValidationError
    """

    return sync_detailed(
        uuid=uuid,
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    uuid: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | ErrorDetail | HTTPValidationError]:
    """Download an attachment

     Download a file attachment using API key authentication. Returns a redirect to a presigned URL.

    Args:
        uuid (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorDetail | HTTPValidationError]
    """

    kwargs = build_request(
        uuid=uuid,
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    uuid: str,
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | ErrorDetail | HTTPValidationError | None:
    """Download an attachment

     Download a file attachment using API key authentication. Returns a redirect to a presigned URL.

    Args:
        uuid (str):
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorDetail | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            uuid=uuid,
            name=name,
            client=client,
        )
    ).parsed
