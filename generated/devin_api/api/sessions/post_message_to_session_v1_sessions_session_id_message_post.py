from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.http_validation_error import HTTPValidationError
from ...models.message_sent_response import MessageSentResponse
from ...models.post_message_params import PostMessageParams
from ...types import Operation, RequestArgs, Response

OPERATION = Operation(
    id="post_message_to_session_v1_sessions__session_id__message_post",
    method="POST",
    path="/v1/sessions/{session_id}/message",
    retry_safe=False,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    session_id: str,
    *,
    body: PostMessageParams,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""
    headers: dict[str, Any] = {}

    _kwargs: RequestArgs = {
        "method": "POST",
        "url": "/v1/sessions/{session_id}/message".format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    if headers:
        _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | HTTPValidationError | MessageSentResponse | None | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> MessageSentResponse | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = MessageSentResponse.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessageSentResponse | None, data)

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorDetail.from_dict(response.json())

        return response_400

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
) -> Response[ErrorDetail | HTTPValidationError | MessageSentResponse | None]:
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
    body: PostMessageParams,
) -> Response[ErrorDetail | HTTPValidationError | MessageSentResponse | None]:
    """Send a message to a session

     Send a message to an active Devin session. The session must be in a running state to receive
    messages. Returns null on success, or a detail message if the session is already suspended.

    Args:
        session_id (str):
        body (PostMessageParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | MessageSentResponse | None]
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
    body: PostMessageParams,
) -> ErrorDetail | HTTPValidationError | MessageSentResponse | None | None:
    """Send a message to a session

     Send a message to an active Devin session. The session must be in a running state to receive
    messages. Returns null on success, or a detail message if the session is already suspended.

    Args:
        session_id (str):
        body (PostMessageParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | MessageSentResponse | None
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
    body: PostMessageParams,
) -> Response[ErrorDetail | HTTPValidationError | MessageSentResponse | None]:
    """Send a message to a session

     Send a message to an active Devin session. The session must be in a running state to receive
    messages. Returns null on success, or a detail message if the session is already suspended.

    Args:
        session_id (str):
        body (PostMessageParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | MessageSentResponse | None]
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
    body: PostMessageParams,
) -> ErrorDetail | HTTPValidationError | MessageSentResponse | None | None:
    """Send a message to a session

     Send a message to an active Devin session. The session must be in a running state to receive
    messages. Returns null on success, or a detail message if the session is already suspended.

    Args:
        session_id (str):
        body (PostMessageParams):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | MessageSentResponse | None
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            body=body,
        )
    ).parsed
