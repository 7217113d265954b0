from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_response_secret_response import PaginatedResponseSecretResponse
from ...models.problem_detail import ProblemDetail
from ...types import UNSET, Operation, RequestArgs, Response, Unset

OPERATION = Operation(
    id="handle_list_secrets_v3_organizations__org_id__secrets_get",
    method="GET",
    path="/v3/organizations/{org_id}/secrets",
    retry_safe=True,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    org_id: str,
    *,
    after: None | str | Unset = UNSET,
    first: int | Unset = 100,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""

    params: dict[str, Any] = {}

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params["first"] = first

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: RequestArgs = {
        "method": "GET",
        "url": "/v3/organizations/{org_id}/secrets".format(
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedResponseSecretResponse | ProblemDetail | None:
    if response.status_code == 200:
        response_200 = PaginatedResponseSecretResponse.from_dict(response.json())

        return response_200

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
) -> Response[PaginatedResponseSecretResponse | ProblemDetail]:
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
    after: None | str | Unset = UNSET,
    first: int | Unset = 100,
) -> Response[PaginatedResponseSecretResponse | ProblemDetail]:
    """List org-level secrets

     List secrets for an organization.

    Args:
        org_id (str):  Example: org-abc123def456.
        after (None | str | Unset):
        first (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedResponseSecretResponse | ProblemDetail]
    """

    kwargs = build_request(
        org_id=org_id,
        after=after,
        first=first,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: str,
    *,
    client: AuthenticatedClient | Client,
    after: None | str | Unset = UNSET,
    first: int | Unset = 100,
) -> PaginatedResponseSecretResponse | ProblemDetail | None:
    """List org-level secrets

     List secrets for an organization.

    Args:
        org_id (str):  Example: org-abc123def456.
        after (None | str | Unset):
        first (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedResponseSecretResponse | ProblemDetail
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        after=after,
        first=first,
    ).parsed


async def asyncio_detailed(
    org_id: str,
    *,
    client: AuthenticatedClient | Client,
    after: None | str | Unset = UNSET,
    first: int | Unset = 100,
) -> Response[PaginatedResponseSecretResponse | ProblemDetail]:
    """List org-level secrets

     List secrets for an organization.

    Args:
        org_id (str):  Example: org-abc123def456.
        after (None | str | Unset):
        first (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedResponseSecretResponse | ProblemDetail]
    """

    kwargs = build_request(
        org_id=org_id,
        after=after,
        first=first,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: str,
    *,
    client: AuthenticatedClient | Client,
    after: None | str | Unset = UNSET,
    first: int | Unset = 100,
) -> PaginatedResponseSecretResponse | ProblemDetail | None:
    """List org-level secrets

     List secrets for an organization.

    Args:
        org_id (str):  Example: org-abc123def456.
        after (None | str | Unset):
        first (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedResponseSecretResponse | ProblemDetail
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            after=after,
            first=first,
        )
    ).parsed
