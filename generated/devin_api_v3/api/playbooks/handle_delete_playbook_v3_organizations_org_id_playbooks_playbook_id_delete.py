from http import HTTPStatus
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.playbook_response import PlaybookResponse
from ...models.problem_detail import ProblemDetail
from ...types import Operation, RequestArgs, Response

OPERATION = Operation(
    id="handle_delete_playbook_v3_organizations__org_id__playbooks__playbook_id__delete",
    method="DELETE",
    path="/v3/organizations/{org_id}/playbooks/{playbook_id}",
    retry_safe=False,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    org_id: str,
    playbook_id: str,
) -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""

    _kwargs: RequestArgs = {
        "method": "DELETE",
        "url": "/v3/organizations/{org_id}/playbooks/{playbook_id}".format(
            org_id=quote(str(org_id), safe=""),
            playbook_id=quote(str(playbook_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PlaybookResponse | ProblemDetail | None:
    if response.status_code == 200:
        response_200 = PlaybookResponse.from_dict(response.json())

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
) -> Response[PlaybookResponse | ProblemDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    org_id: str,
    playbook_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[PlaybookResponse | ProblemDetail]:
    """Delete an org-level playbook

     Delete a playbook for an organization.

    Args:
        org_id (str):  Example: org-abc123def456.
        playbook_id (str):  Example: playbook-abc123def456.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlaybookResponse | ProblemDetail]
    """

    kwargs = build_request(
        org_id=org_id,
        playbook_id=playbook_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    org_id: str,
    playbook_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> PlaybookResponse | ProblemDetail | None:
    """Delete an org-level playbook

     Delete a playbook for an organization.

    Args:
        org_id (str):  Example: org-abc123def456.
        playbook_id (str):  Example: playbook-abc123def456.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlaybookResponse | ProblemDetail
    """

    return sync_detailed(
        org_id=org_id,
        playbook_id=playbook_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    org_id: str,
    playbook_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[PlaybookResponse | ProblemDetail]:
    """Delete an org-level playbook

     Delete a playbook for an organization.

    Args:
        org_id (str):  Example: org-abc123def456.
        playbook_id (str):  Example: playbook-abc123def456.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlaybookResponse | ProblemDetail]
    """

    kwargs = build_request(
        org_id=org_id,
        playbook_id=playbook_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: str,
    playbook_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> PlaybookResponse | ProblemDetail | None:
    """Delete an org-level playbook

     Delete a playbook for an organization.

    Args:
        org_id (str):  Example: org-abc123def456.
        playbook_id (str):  Example: playbook-abc123def456.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlaybookResponse | ProblemDetail
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            playbook_id=playbook_id,
            client=client,
        )
    ).parsed
