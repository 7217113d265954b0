from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_response_session_response import (
    PaginatedResponseSessionResponse,
)
from ...models.problem_detail import ProblemDetail
from ...models.session_category_filter import SessionCategoryFilter
from ...models.session_origin_filter import SessionOriginFilter
from ...types import UNSET, Operation, RequestArgs, Response, Unset

OPERATION = Operation(
    id="handle_get_sessions_v3_organizations__org_id__sessions_get",
    method="GET",
    path="/v3/organizations/{org_id}/sessions",
    retry_safe=True,
)
"""This operation's facts from the spec: its operationId, method, path and retry safety."""


def build_request(
    org_id: str,
    *,
    after: None | str | Unset = UNSET,
    first: int | Unset = 100,
    session_ids: list[str] | None | Unset = UNSET,
    created_after: int | None | Unset = UNSET,
    created_before: int | None | Unset = UNSET,
    updated_after: int | None | Unset = UNSET,
    updated_before: int | None | Unset = UNSET,
    tags: list[str] | None | Unset = UNSET,
    playbook_id: None | str | Unset = UNSET,
    origins: list[SessionOriginFilter] | None | Unset = UNSET,
    schedule_id: None | str | Unset = UNSET,
    user_ids: list[str] | None | Unset = UNSET,
    service_user_ids: list[str] | None | Unset = UNSET,
    category: None | SessionCategoryFilter | Unset = UNSET,
    is_archived: bool | None | Unset = UNSET,
    parent_session_id: None | str | Unset = UNSET,
    repo_names: list[str] | None | Unset = UNSET,
    automation_ids: list[str] | None | Unset = UNSET,
    devin_id: None | str | Unset = UNSET,
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

    json_session_ids: list[str] | None | Unset
    if isinstance(session_ids, Unset):
        json_session_ids = UNSET
    elif isinstance(session_ids, list):
        json_session_ids = session_ids

    else:
        json_session_ids = session_ids
    params["session_ids"] = json_session_ids

    json_created_after: int | None | Unset
    if isinstance(created_after, Unset):
        json_created_after = UNSET
    else:
        json_created_after = created_after
    params["created_after"] = json_created_after

    json_created_before: int | None | Unset
    if isinstance(created_before, Unset):
        json_created_before = UNSET
    else:
        json_created_before = created_before
    params["created_before"] = json_created_before

    json_updated_after: int | None | Unset
    if isinstance(updated_after, Unset):
        json_updated_after = UNSET
    else:
        json_updated_after = updated_after
    params["updated_after"] = json_updated_after

    json_updated_before: int | None | Unset
    if isinstance(updated_before, Unset):
        json_updated_before = UNSET
    else:
        json_updated_before = updated_before
    params["updated_before"] = json_updated_before

    json_tags: list[str] | None | Unset
    if isinstance(tags, Unset):
        json_tags = UNSET
    elif isinstance(tags, list):
        json_tags = tags

    else:
        json_tags = tags
    params["tags"] = json_tags

    json_playbook_id: None | str | Unset
    if isinstance(playbook_id, Unset):
        json_playbook_id = UNSET
    else:
        json_playbook_id = playbook_id
    params["playbook_id"] = json_playbook_id

    json_origins: list[str] | None | Unset
    if isinstance(origins, Unset):
        json_origins = UNSET
    elif isinstance(origins, list):
        json_origins = []
        for origins_type_0_item_data in origins:
            origins_type_0_item = origins_type_0_item_data.value
            json_origins.append(origins_type_0_item)

    else:
        json_origins = origins
    params["origins"] = json_origins

    json_schedule_id: None | str | Unset
    if isinstance(schedule_id, Unset):
        json_schedule_id = UNSET
    else:
        json_schedule_id = schedule_id
    params["schedule_id"] = json_schedule_id

    json_user_ids: list[str] | None | Unset
    if isinstance(user_ids, Unset):
        json_user_ids = UNSET
    elif isinstance(user_ids, list):
        json_user_ids = user_ids

    else:
        json_user_ids = user_ids
    params["user_ids"] = json_user_ids

    json_service_user_ids: list[str] | None | Unset
    if isinstance(service_user_ids, Unset):
        json_service_user_ids = UNSET
    elif isinstance(service_user_ids, list):
        json_service_user_ids = service_user_ids

    else:
        json_service_user_ids = service_user_ids
    params["service_user_ids"] = json_service_user_ids

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    elif isinstance(category, SessionCategoryFilter):
        json_category = category.value
    else:
        json_category = category
    params["category"] = json_category

    json_is_archived: bool | None | Unset
    if isinstance(is_archived, Unset):
        json_is_archived = UNSET
    else:
        json_is_archived = is_archived
    params["is_archived"] = json_is_archived

    json_parent_session_id: None | str | Unset
    if isinstance(parent_session_id, Unset):
        json_parent_session_id = UNSET
    else:
        json_parent_session_id = parent_session_id
    params["parent_session_id"] = json_parent_session_id

    json_repo_names: list[str] | None | Unset
    if isinstance(repo_names, Unset):
        json_repo_names = UNSET
    elif isinstance(repo_names, list):
        json_repo_names = repo_names

    else:
        json_repo_names = repo_names
    params["repo_names"] = json_repo_names

    json_automation_ids: list[str] | None | Unset
    if isinstance(automation_ids, Unset):
        json_automation_ids = UNSET
    elif isinstance(automation_ids, list):
        json_automation_ids = automation_ids

    else:
        json_automation_ids = automation_ids
    params["automation_ids"] = json_automation_ids

    json_devin_id: None | str | Unset
    if isinstance(devin_id, Unset):
        json_devin_id = UNSET
    else:
        json_devin_id = devin_id
    params["devin_id"] = json_devin_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: RequestArgs = {
        "method": "GET",
        "url": "/v3/organizations/{org_id}/sessions".format(
            org_id=quote(str(org_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedResponseSessionResponse | ProblemDetail | None:
    if response.status_code == 200:
        response_200 = PaginatedResponseSessionResponse.from_dict(response.json())

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
) -> Response[PaginatedResponseSessionResponse | ProblemDetail]:
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
    session_ids: list[str] | None | Unset = UNSET,
    created_after: int | None | Unset = UNSET,
    created_before: int | None | Unset = UNSET,
    updated_after: int | None | Unset = UNSET,
    updated_before: int | None | Unset = UNSET,
    tags: list[str] | None | Unset = UNSET,
    playbook_id: None | str | Unset = UNSET,
    origins: list[SessionOriginFilter] | None | Unset = UNSET,
    schedule_id: None | str | Unset = UNSET,
    user_ids: list[str] | None | Unset = UNSET,
    service_user_ids: list[str] | None | Unset = UNSET,
    category: None | SessionCategoryFilter | Unset = UNSET,
    is_archived: bool | None | Unset = UNSET,
    parent_session_id: None | str | Unset = UNSET,
    repo_names: list[str] | None | Unset = UNSET,
    automation_ids: list[str] | None | Unset = UNSET,
    devin_id: None | str | Unset = UNSET,
) -> Response[PaginatedResponseSessionResponse | ProblemDetail]:
    """List Sessions

     List sessions.

    Args:
        org_id (str):  Example: org-abc123def456.
        after (None | str | Unset):
        first (int | Unset):  Default: 100.
        session_ids (list[str] | None | Unset):
        created_after (int | None | Unset):
        created_before (int | None | Unset):
        updated_after (int | None | Unset):
        updated_before (int | None | Unset):
        tags (list[str] | None | Unset):
        playbook_id (None | str | Unset):
        origins (list[SessionOriginFilter] | None | Unset):
        schedule_id (None | str | Unset):
        user_ids (list[str] | None | Unset):
        service_user_ids (list[str] | None | Unset):
        category (None | SessionCategoryFilter | Unset):
        is_archived (bool | None | Unset):
        parent_session_id (None | str | Unset):
        repo_names (list[str] | None | Unset):
        automation_ids (list[str] | None | Unset):
        devin_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedResponseSessionResponse | ProblemDetail]
    """

    kwargs = build_request(
        org_id=org_id,
        after=after,
        first=first,
        session_ids=session_ids,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
        tags=tags,
        playbook_id=playbook_id,
        origins=origins,
        schedule_id=schedule_id,
        user_ids=user_ids,
        service_user_ids=service_user_ids,
        category=category,
        is_archived=is_archived,
        parent_session_id=parent_session_id,
        repo_names=repo_names,
        automation_ids=automation_ids,
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
    after: None | str | Unset = UNSET,
    first: int | Unset = 100,
    session_ids: list[str] | None | Unset = UNSET,
    created_after: int | None | Unset = UNSET,
    created_before: int | None | Unset = UNSET,
    updated_after: int | None | Unset = UNSET,
    updated_before: int | None | Unset = UNSET,
    tags: list[str] | None | Unset = UNSET,
    playbook_id: None | str | Unset = UNSET,
    origins: list[SessionOriginFilter] | None | Unset = UNSET,
    schedule_id: None | str | Unset = UNSET,
    user_ids: list[str] | None | Unset = UNSET,
    service_user_ids: list[str] | None | Unset = UNSET,
    category: None | SessionCategoryFilter | Unset = UNSET,
    is_archived: bool | None | Unset = UNSET,
    parent_session_id: None | str | Unset = UNSET,
    repo_names: list[str] | None | Unset = UNSET,
    automation_ids: list[str] | None | Unset = UNSET,
    devin_id: None | str | Unset = UNSET,
) -> PaginatedResponseSessionResponse | ProblemDetail | None:
    """List Sessions

     List sessions.

    Args:
        org_id (str):  Example: org-abc123def456.
        after (None | str | Unset):
        first (int | Unset):  Default: 100.
        session_ids (list[str] | None | Unset):
        created_after (int | None | Unset):
        created_before (int | None | Unset):
        updated_after (int | None | Unset):
        updated_before (int | None | Unset):
        tags (list[str] | None | Unset):
        playbook_id (None | str | Unset):
        origins (list[SessionOriginFilter] | None | Unset):
        schedule_id (None | str | Unset):
        user_ids (list[str] | None | Unset):
        service_user_ids (list[str] | None | Unset):
        category (None | SessionCategoryFilter | Unset):
        is_archived (bool | None | Unset):
        parent_session_id (None | str | Unset):
        repo_names (list[str] | None | Unset):
        automation_ids (list[str] | None | Unset):
        devin_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedResponseSessionResponse | ProblemDetail
    """

    return sync_detailed(
        org_id=org_id,
        client=client,
        after=after,
        first=first,
        session_ids=session_ids,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
        tags=tags,
        playbook_id=playbook_id,
        origins=origins,
        schedule_id=schedule_id,
        user_ids=user_ids,
        service_user_ids=service_user_ids,
        category=category,
        is_archived=is_archived,
        parent_session_id=parent_session_id,
        repo_names=repo_names,
        automation_ids=automation_ids,
        devin_id=devin_id,
    ).parsed


async def asyncio_detailed(
    org_id: str,
    *,
    client: AuthenticatedClient | Client,
    after: None | str | Unset = UNSET,
    first: int | Unset = 100,
    session_ids: list[str] | None | Unset = UNSET,
    created_after: int | None | Unset = UNSET,
    created_before: int | None | Unset = UNSET,
    updated_after: int | None | Unset = UNSET,
    updated_before: int | None | Unset = UNSET,
    tags: list[str] | None | Unset = UNSET,
    playbook_id: None | str | Unset = UNSET,
    origins: list[SessionOriginFilter] | None | Unset = UNSET,
    schedule_id: None | str | Unset = UNSET,
    user_ids: list[str] | None | Unset = UNSET,
    service_user_ids: list[str] | None | Unset = UNSET,
    category: None | SessionCategoryFilter | Unset = UNSET,
    is_archived: bool | None | Unset = UNSET,
    parent_session_id: None | str | Unset = UNSET,
    repo_names: list[str] | None | Unset = UNSET,
    automation_ids: list[str] | None | Unset = UNSET,
    devin_id: None | str | Unset = UNSET,
) -> Response[PaginatedResponseSessionResponse | ProblemDetail]:
    """List Sessions

     List sessions.

    Args:
        org_id (str):  Example: org-abc123def456.
        after (None | str | Unset):
        first (int | Unset):  Default: 100.
        session_ids (list[str] | None | Unset):
        created_after (int | None | Unset):
        created_before (int | None | Unset):
        updated_after (int | None | Unset):
        updated_before (int | None | Unset):
        tags (list[str] | None | Unset):
        playbook_id (None | str | Unset):
        origins (list[SessionOriginFilter] | None | Unset):
        schedule_id (None | str | Unset):
        user_ids (list[str] | None | Unset):
        service_user_ids (list[str] | None | Unset):
        category (None | SessionCategoryFilter | Unset):
        is_archived (bool | None | Unset):
        parent_session_id (None | str | Unset):
        repo_names (list[str] | None | Unset):
        automation_ids (list[str] | None | Unset):
        devin_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedResponseSessionResponse | ProblemDetail]
    """

    kwargs = build_request(
        org_id=org_id,
        after=after,
        first=first,
        session_ids=session_ids,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
        tags=tags,
        playbook_id=playbook_id,
        origins=origins,
        schedule_id=schedule_id,
        user_ids=user_ids,
        service_user_ids=service_user_ids,
        category=category,
        is_archived=is_archived,
        parent_session_id=parent_session_id,
        repo_names=repo_names,
        automation_ids=automation_ids,
        devin_id=devin_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    org_id: str,
    *,
    client: AuthenticatedClient | Client,
    after: None | str | Unset = UNSET,
    first: int | Unset = 100,
    session_ids: list[str] | None | Unset = UNSET,
    created_after: int | None | Unset = UNSET,
    created_before: int | None | Unset = UNSET,
    updated_after: int | None | Unset = UNSET,
    updated_before: int | None | Unset = UNSET,
    tags: list[str] | None | Unset = UNSET,
    playbook_id: None | str | Unset = UNSET,
    origins: list[SessionOriginFilter] | None | Unset = UNSET,
    schedule_id: None | str | Unset = UNSET,
    user_ids: list[str] | None | Unset = UNSET,
    service_user_ids: list[str] | None | Unset = UNSET,
    category: None | SessionCategoryFilter | Unset = UNSET,
    is_archived: bool | None | Unset = UNSET,
    parent_session_id: None | str | Unset = UNSET,
    repo_names: list[str] | None | Unset = UNSET,
    automation_ids: list[str] | None | Unset = UNSET,
    devin_id: None | str | Unset = UNSET,
) -> PaginatedResponseSessionResponse | ProblemDetail | None:
    """List Sessions

     List sessions.

    Args:
        org_id (str):  Example: org-abc123def456.
        after (None | str | Unset):
        first (int | Unset):  Default: 100.
        session_ids (list[str] | None | Unset):
        created_after (int | None | Unset):
        created_before (int | None | Unset):
        updated_after (int | None | Unset):
        updated_before (int | None | Unset):
        tags (list[str] | None | Unset):
        playbook_id (None | str | Unset):
        origins (list[SessionOriginFilter] | None | Unset):
        schedule_id (None | str | Unset):
        user_ids (list[str] | None | Unset):
        service_user_ids (list[str] | None | Unset):
        category (None | SessionCategoryFilter | Unset):
        is_archived (bool | None | Unset):
        parent_session_id (None | str | Unset):
        repo_names (list[str] | None | Unset):
        automation_ids (list[str] | None | Unset):
        devin_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedResponseSessionResponse | ProblemDetail
    """

    return (
        await asyncio_detailed(
            org_id=org_id,
            client=client,
            after=after,
            first=first,
            session_ids=session_ids,
            created_after=created_after,
            created_before=created_before,
            updated_after=updated_after,
            updated_before=updated_before,
            tags=tags,
            playbook_id=playbook_id,
            origins=origins,
            schedule_id=schedule_id,
            user_ids=user_ids,
            service_user_ids=service_user_ids,
            category=category,
            is_archived=is_archived,
            parent_session_id=parent_session_id,
            repo_names=repo_names,
            automation_ids=automation_ids,
            devin_id=devin_id,
        )
    ).parsed
