from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.http_validation_error import HTTPValidationError
from ...models.list_sessions_response import ListSessionsResponse
from ...types import UNSET, Operation, RequestArgs, Response, Unset

OPERATION = Operation(
    id="list_sessions_endpoint_v1_sessions_get",
    method="GET",
    path="/v1/sessions",
    retry_safe=True,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    skip: int | None | Unset = UNSET,
    tags: list[str] | None | Unset = UNSET,
    user_email: None | str | Unset = UNSET,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    json_skip: int | None | Unset
    if isinstance(skip, Unset):
        json_skip = UNSET
    else:
        json_skip = skip
    params["skip"] = json_skip

    json_tags: list[str] | None | Unset
    if isinstance(tags, Unset):
        json_tags = UNSET
    elif isinstance(tags, list):
        json_tags = tags

    else:
        json_tags = tags
    params["tags"] = json_tags

    json_user_email: None | str | Unset
    if isinstance(user_email, Unset):
        json_user_email = UNSET
    else:
        json_user_email = user_email
    params["user_email"] = json_user_email

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: RequestArgs = {
        "method": "GET",
        "url": "/v1/sessions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | HTTPValidationError | ListSessionsResponse | None:
    if response.status_code == 200:
        response_200 = ListSessionsResponse.from_dict(response.json())

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
) -> Response[ErrorDetail | HTTPValidationError | ListSessionsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    skip: int | None | Unset = UNSET,
    tags: list[str] | None | Unset = UNSET,
    user_email: None | str | Unset = UNSET,
) -> Response[ErrorDetail | HTTPValidationError | ListSessionsResponse]:
    """List sessions

     List all Devin sessions for your organization. Supports pagination and filtering by tags and user
    email.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        skip (int | None | Unset):
        tags (list[str] | None | Unset): List of tags to filter sessions by.
        user_email (None | str | Unset): Filter sessions by the creator's email address.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | ListSessionsResponse]
    """

    kwargs = build_request(
        limit=limit,
        offset=offset,
        skip=skip,
        tags=tags,
        user_email=user_email,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    skip: int | None | Unset = UNSET,
    tags: list[str] | None | Unset = UNSET,
    user_email: None | str | Unset = UNSET,
) -> ErrorDetail | HTTPValidationError | ListSessionsResponse | None:
    """List sessions

     List all Devin sessions for your organization. Supports pagination and filtering by tags and user
    email.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        skip (int | None | Unset):
        tags (list[str] | None | Unset): List of tags to filter sessions by.
        user_email (None | str | Unset): Filter sessions by the creator's email address.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | ListSessionsResponse
    """

    return sync_detailed(
        client=client,
        limit=limit,
        offset=offset,
        skip=skip,
        tags=tags,
        user_email=user_email,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    skip: int | None | Unset = UNSET,
    tags: list[str] | None | Unset = UNSET,
    user_email: None | str | Unset = UNSET,
) -> Response[ErrorDetail | HTTPValidationError | ListSessionsResponse]:
    """List sessions

     List all Devin sessions for your organization. Supports pagination and filtering by tags and user
    email.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        skip (int | None | Unset):
        tags (list[str] | None | Unset): List of tags to filter sessions by.
        user_email (None | str | Unset): Filter sessions by the creator's email address.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | ListSessionsResponse]
    """

    kwargs = build_request(
        limit=limit,
        offset=offset,
        skip=skip,
        tags=tags,
        user_email=user_email,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    skip: int | None | Unset = UNSET,
    tags: list[str] | None | Unset = UNSET,
    user_email: None | str | Unset = UNSET,
) -> ErrorDetail | HTTPValidationError | ListSessionsResponse | None:
    """List sessions

     List all Devin sessions for your organization. Supports pagination and filtering by tags and user
    email.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        skip (int | None | Unset):
        tags (list[str] | None | Unset): List of tags to filter sessions by.
        user_email (None | str | Unset): Filter sessions by the creator's email address.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | ListSessionsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            offset=offset,
            skip=skip,
            tags=tags,
            user_email=user_email,
        )
    ).parsed
