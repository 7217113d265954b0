from http import HTTPStatus
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.get_session_response import GetSessionResponse
from ...models.http_validation_error import HTTPValidationError
from ...types import Operation, RequestArgs, Response

OPERATION = Operation(
    id="get_session_endpoint_v1_sessions__session_id__get",
    method="GET",
    path="/v1/sessions/{session_id}",
    retry_safe=True,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    session_id: str,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""

    _kwargs: RequestArgs = {
        "method": "GET",
        "url": "/v1/sessions/{session_id}".format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | GetSessionResponse | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = GetSessionResponse.from_dict(response.json())

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
) -> Response[ErrorDetail | GetSessionResponse | HTTPValidationError]:
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
) -> Response[ErrorDetail | GetSessionResponse | HTTPValidationError]:
    """Retrieve details about an existing session

     Retrieve detailed information about an existing Devin session, including its status, output, and
    metadata.

    Args:
        session_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | GetSessionResponse | HTTPValidationError]
    """

    kwargs = build_request(
        session_id=session_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorDetail | GetSessionResponse | HTTPValidationError | None:
    """Retrieve details about an existing session

     Retrieve detailed information about an existing Devin session, including its status, output, and
    metadata.

    Args:
        session_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | GetSessionResponse | HTTPValidationError
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorDetail | GetSessionResponse | HTTPValidationError]:
    """Retrieve details about an existing session

     Retrieve detailed information about an existing Devin session, including its status, output, and
    metadata.

    Args:
        session_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | GetSessionResponse | HTTPValidationError]
    """

    kwargs = build_request(
        session_id=session_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorDetail | GetSessionResponse | HTTPValidationError | None:
    """Retrieve details about an existing session

     Retrieve detailed information about an existing Devin session, including its status, output, and
    metadata.

    Args:
        session_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | GetSessionResponse | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
        )
    ).parsed
