from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_knowledge_params import CreateKnowledgeParams
from ...models.error_detail import ErrorDetail
from ...models.http_validation_error import HTTPValidationError
from ...models.knowledge_response import KnowledgeResponse
from ...types import Operation, RequestArgs, Response

OPERATION = Operation(
    id="create_knowledge_v1_knowledge_post",
    method="POST",
    path="/v1/knowledge",
    retry_safe=False,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    *,
    body: CreateKnowledgeParams,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""
    headers: dict[str, Any] = {}

    _kwargs: RequestArgs = {
        "method": "POST",
        "url": "/v1/knowledge",
    }

    _kwargs["json"] = body.to_dict()

    if headers:
        _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | HTTPValidationError | KnowledgeResponse | None:
    if response.status_code == 200:
        response_200 = KnowledgeResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | HTTPValidationError | KnowledgeResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateKnowledgeParams,
) -> Response[ErrorDetail | HTTPValidationError | KnowledgeResponse]:
    """Create knowledge entry

     Create a new knowledge entry for the organization.

    Args:
        body (CreateKnowledgeParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | KnowledgeResponse]
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
    body: CreateKnowledgeParams,
) -> ErrorDetail | HTTPValidationError | KnowledgeResponse | None:
    """Create knowledge entry

     Create a new knowledge entry for the organization.

    Args:
        body (CreateKnowledgeParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | KnowledgeResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateKnowledgeParams,
) -> Response[ErrorDetail | HTTPValidationError | KnowledgeResponse]:
    """Create knowledge entry

     Create a new knowledge entry for the organization.

    Args:
        body (CreateKnowledgeParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | KnowledgeResponse]
    """

    kwargs = build_request(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateKnowledgeParams,
) -> ErrorDetail | HTTPValidationError | KnowledgeResponse | None:
    """Create knowledge entry

     Create a new knowledge entry for the organization.

    Args:
        body (CreateKnowledgeParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | KnowledgeResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
