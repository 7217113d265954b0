from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_playbook_request import CreatePlaybookRequest
from ...models.error_detail import ErrorDetail
from ...models.http_validation_error import HTTPValidationError
from ...models.update_playbook_response import UpdatePlaybookResponse
from ...types import Operation, RequestArgs, Response

OPERATION = Operation(
    id="update_playbook_v1_playbooks__playbook_id__put",
    method="PUT",
    path="/v1/playbooks/{playbook_id}",
    retry_safe=True,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    playbook_id: str,
    *,
    body: CreatePlaybookRequest,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""
    headers: dict[str, Any] = {}

    _kwargs: RequestArgs = {
        "method": "PUT",
        "url": "/v1/playbooks/{playbook_id}".format(
            playbook_id=quote(str(playbook_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    if headers:
        _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | HTTPValidationError | UpdatePlaybookResponse | None:
    if response.status_code == 200:
        response_200 = UpdatePlaybookResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorDetail.from_dict(response.json())

        return response_403

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
) -> Response[ErrorDetail | HTTPValidationError | UpdatePlaybookResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    playbook_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreatePlaybookRequest,
) -> Response[ErrorDetail | HTTPValidationError | UpdatePlaybookResponse]:
    """Update playbook

     Update an existing team playbook.

    Args:
        playbook_id (str):
        body (CreatePlaybookRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | UpdatePlaybookResponse]
    """

    kwargs = build_request(
        playbook_id=playbook_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    playbook_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreatePlaybookRequest,
) -> ErrorDetail | HTTPValidationError | UpdatePlaybookResponse | None:
    """Update playbook

     Update an existing team playbook.

    Args:
        playbook_id (str):
        body (CreatePlaybookRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | UpdatePlaybookResponse
    """

    return sync_detailed(
        playbook_id=playbook_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    playbook_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreatePlaybookRequest,
) -> Response[ErrorDetail | HTTPValidationError | UpdatePlaybookResponse]:
    """Update playbook

     Update an existing team playbook.

    Args:
        playbook_id (str):
        body (CreatePlaybookRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | UpdatePlaybookResponse]
    """

    kwargs = build_request(
        playbook_id=playbook_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    playbook_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreatePlaybookRequest,
) -> ErrorDetail | HTTPValidationError | UpdatePlaybookResponse | None:
    """Update playbook

     Update an existing team playbook.

    Args:
        playbook_id (str):
        body (CreatePlaybookRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | UpdatePlaybookResponse
    """

    return (
        await asyncio_detailed(
            playbook_id=playbook_id,
            client=client,
            body=body,
        )
    ).parsed
