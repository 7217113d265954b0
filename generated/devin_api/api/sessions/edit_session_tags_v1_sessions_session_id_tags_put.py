from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.edit_session_tags_params import EditSessionTagsParams
from ...models.edit_tags_response import EditTagsResponse
from ...models.error_detail import ErrorDetail
from ...models.http_validation_error import HTTPValidationError
from ...types import Operation, RequestArgs, Response

OPERATION = Operation(
    id="edit_session_tags_v1_sessions__session_id__tags_put",
    method="PUT",
    path="/v1/sessions/{session_id}/tags",
    retry_safe=True,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    session_id: str,
    *,
    body: EditSessionTagsParams,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""
    headers: dict[str, Any] = {}

    _kwargs: RequestArgs = {
        "method": "PUT",
        "url": "/v1/sessions/{session_id}/tags".format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    if headers:
        _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EditTagsResponse | ErrorDetail | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = EditTagsResponse.from_dict(response.json())

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
) -> Response[EditTagsResponse | ErrorDetail | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: EditSessionTagsParams,
) -> Response[EditTagsResponse | ErrorDetail | HTTPValidationError]:
    """Update session tags

     Update the tags associated with a Devin session.

    Args:
        session_id (str):
        body (EditSessionTagsParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EditTagsResponse | ErrorDetail | HTTPValidationError]
    """

    kwargs = build_request(
        session_id=session_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: EditSessionTagsParams,
) -> EditTagsResponse | ErrorDetail | HTTPValidationError | None:
    """Update session tags

     Update the tags associated with a Devin session.

    Args:
        session_id (str):
        body (EditSessionTagsParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EditTagsResponse | ErrorDetail | HTTPValidationError
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: EditSessionTagsParams,
) -> Response[EditTagsResponse | ErrorDetail | HTTPValidationError]:
    """Update session tags

     Update the tags associated with a Devin session.

    Args:
        session_id (str):
        body (EditSessionTagsParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EditTagsResponse | ErrorDetail | HTTPValidationError]
    """

    kwargs = build_request(
        session_id=session_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: EditSessionTagsParams,
) -> EditTagsResponse | ErrorDetail | HTTPValidationError | None:
    """Update session tags

     Update the tags associated with a Devin session.

    Args:
        session_id (str):
        body (EditSessionTagsParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EditTagsResponse | ErrorDetail | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            body=body,
        )
    ).parsed
