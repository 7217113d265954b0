from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_detail import ProblemDetail
from ...models.session_create_request import SessionCreateRequest
from ...models.session_response import SessionResponse
from ...types import UNSET, Operation, RequestArgs, Response, Unset

OPERATION = Operation(
    id="handle_create_session_v3_organizations__org_id__sessions_post",
    method="POST",
    path="/v3/organizations/{org_id}/sessions",
    retry_safe=False,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    org_id: str,
    *,
    body: SessionCreateRequest,
    devin_id: None | str | Unset = UNSET,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_devin_id: None | str | Unset
    if isinstance(devin_id, Unset):
        json_devin_id = UNSET
    else:
        json_devin_id = devin_id
    params["devin_id"] = json_devin_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: RequestArgs = {
        "method": "POST",
        "url": "/v3/organizations/{org_id}/sessions".format(
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    if headers:
        _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetail | SessionResponse | None:
    if response.status_code == 200:
        response_200 = SessionResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetail.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetail.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetail.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetail.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ProblemDetail.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = ProblemDetail.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ProblemDetail.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ProblemDetail | SessionResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    org_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionCreateRequest,
    devin_id: None | str | Unset = UNSET,
) -> Response[ProblemDetail | SessionResponse]:
    """Create Session

     Create a new session

    Args:
        org_id (str):  Example: org-abc123def456.
        devin_id (None | str | Unset):
        body (SessionCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | SessionResponse]
    """

    kwargs = build_request(
        org_id=org_id,
        body=body,
        devin_id=devin_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionCreateRequest,
    devin_id: None | str | Unset = UNSET,
) -> ProblemDetail | SessionResponse | None:
    """Create Session

     Create a new session

    Args:
        org_id (str):  Example: org-abc123def456.
        devin_id (None | str | Unset):
        body (SessionCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | SessionResponse
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        body=body,
        devin_id=devin_id,
    ).parsed


async def asyncio_detailed(
    org_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionCreateRequest,
    devin_id: None | str | Unset = UNSET,
) -> Response[ProblemDetail | SessionResponse]:
    """Create Session

     Create a new session

    Args:
        org_id (str):  Example: org-abc123def456.
        devin_id (None | str | Unset):
        body (SessionCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | SessionResponse]
    """

    kwargs = build_request(
        org_id=org_id,
        body=body,
        devin_id=devin_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SessionCreateRequest,
    devin_id: None | str | Unset = UNSET,
) -> ProblemDetail | SessionResponse | None:
    """Create Session

     Create a new session

    Args:
        org_id (str):  Example: org-abc123def456.
        devin_id (None | str | Unset):
        body (SessionCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | SessionResponse
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            body=body,
            devin_id=devin_id,
        )
    ).parsed
