from http import HTTPStatus

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.devin_brain_user_self import DevinBrainUserSelf
from ...models.pat_user_self import PatUserSelf
from ...models.problem_detail import ProblemDetail
from ...models.service_user_self import ServiceUserSelf
from ...models.windsurf_session_user_self import WindsurfSessionUserSelf
from ...types import Operation, RequestArgs, Response

OPERATION = Operation(
    id="handle_get_self_v3_self_get",
    method="GET",
    path="/v3/self",
    retry_safe=True,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request() -> RequestArgs:
    """The arguments of ``httpx.Client.request`` for this operation: ``method``, ``url`` (a
    path relative to the API's base URL, each parameter percent-encoded) and, as the operation
    takes them, ``params``, ``json``, ``files``, ``data``, ``content`` and ``headers``."""

    _kwargs: RequestArgs = {
        "method": "GET",
        "url": "/v3/self",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    DevinBrainUserSelf
    | PatUserSelf
    | ServiceUserSelf
    | WindsurfSessionUserSelf
    | ProblemDetail
    | None
):
    if response.status_code == 200:

        def _parse_response_200(
            data: object,
        ) -> (
            DevinBrainUserSelf | PatUserSelf | ServiceUserSelf | WindsurfSessionUserSelf
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = ServiceUserSelf.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_1 = PatUserSelf.from_dict(data)

                return response_200_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_2 = DevinBrainUserSelf.from_dict(data)

                return response_200_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_3 = WindsurfSessionUserSelf.from_dict(data)

            return response_200_type_3

        response_200 = _parse_response_200(response.json())

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
) -> Response[
    DevinBrainUserSelf
    | PatUserSelf
    | ServiceUserSelf
    | WindsurfSessionUserSelf
    | ProblemDetail
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    DevinBrainUserSelf
    | PatUserSelf
    | ServiceUserSelf
    | WindsurfSessionUserSelf
    | ProblemDetail
]:
    """Get Self

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DevinBrainUserSelf | PatUserSelf | ServiceUserSelf | WindsurfSessionUserSelf | ProblemDetail]
    """

    kwargs = build_request()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> (
    DevinBrainUserSelf
    | PatUserSelf
    | ServiceUserSelf
    | WindsurfSessionUserSelf
    | ProblemDetail
    | None
):
    """Get Self

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DevinBrainUserSelf | PatUserSelf | ServiceUserSelf | WindsurfSessionUserSelf | ProblemDetail
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    DevinBrainUserSelf
    | PatUserSelf
    | ServiceUserSelf
    | WindsurfSessionUserSelf
    | ProblemDetail
]:
    """Get Self

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DevinBrainUserSelf | PatUserSelf | ServiceUserSelf | WindsurfSessionUserSelf | ProblemDetail]
    """

    kwargs = build_request()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> (
    DevinBrainUserSelf
    | PatUserSelf
    | ServiceUserSelf
    | WindsurfSessionUserSelf
    | ProblemDetail
    | None
):
    """Get Self

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DevinBrainUserSelf | PatUserSelf | ServiceUserSelf | WindsurfSessionUserSelf | ProblemDetail
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
