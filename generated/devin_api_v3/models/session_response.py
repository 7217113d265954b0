from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_category import SessionCategory
from ..models.session_devin_mode import SessionDevinMode
from ..models.session_origin import SessionOrigin
from ..models.session_status import SessionStatus
from ..models.session_status_detail import SessionStatusDetail
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_pull_request import SessionPullRequest
    from ..models.session_structured_output import SessionStructuredOutput


T = TypeVar("T", bound="SessionResponse")


@_attrs_define
class SessionResponse:
    """
    Attributes:
        acus_consumed (float):
        created_at (int):
        org_id (str):
        pull_requests (list[SessionPullRequest]):
        session_id (str):
        status (SessionStatus | str):
        tags (list[str]):
        updated_at (int):
        url (str):
        automation_id (None | str | Unset): ID of the automation that created this session, if any.
        category (None | SessionCategory | str | Unset): The session's assigned use-case category, if categorisation has
            run. Only populated on get/list endpoints.
        child_session_ids (list[str] | None | Unset):
        devin_mode (None | SessionDevinMode | str | Unset): The Devin agent mode the session was created with, after
            resolving org/user defaults and parent-session inheritance. None when the session runs an agent preview that has
            no mode equivalent.
        is_archived (bool | Unset):  Default: False.
        origin (None | SessionOrigin | str | Unset): The origin from which the session was created.
        parent_session_id (None | str | Unset):
        playbook_id (None | str | Unset):
        service_user_id (None | str | Unset):
        status_detail (None | SessionStatusDetail | str | Unset): Additional detail about the session's current status.
            When status is 'running': 'working' (actively working), 'waiting_for_user' (needs user input),
            'waiting_for_approval' (awaiting action approval in safe mode), or 'finished' (task complete). When status is
            'suspended': the reason for suspension such as 'inactivity', 'user_request', 'usage_limit_exceeded',
            'out_of_credits', 'out_of_quota', 'no_quota_allocation', 'payment_declined', 'org_usage_limit_exceeded',
            'user_usage_limit_exceeded', 'total_session_limit_exceeded', or 'error'. Only populated on get/list endpoints.
        structured_output (None | SessionStructuredOutput | Unset): Validated structured output from the session. Only
            populated on get/list endpoints.
        subcategory (None | str | Unset): The session's assigned subcategory display name. 'Other' when a category is
            set but no subcategory was assigned or resolved. Only populated on get/list endpoints.
        title (None | str | Unset):
        user_id (None | str | Unset):
    """

    acus_consumed: float
    created_at: int
    org_id: str
    pull_requests: list[SessionPullRequest]
    session_id: str
    status: SessionStatus | str
    tags: list[str]
    updated_at: int
    url: str
    automation_id: None | str | Unset = UNSET
    category: None | SessionCategory | str | Unset = UNSET
    child_session_ids: list[str] | None | Unset = UNSET
    devin_mode: None | SessionDevinMode | str | Unset = UNSET
    is_archived: bool | Unset = False
    origin: None | SessionOrigin | str | Unset = UNSET
    parent_session_id: None | str | Unset = UNSET
    playbook_id: None | str | Unset = UNSET
    service_user_id: None | str | Unset = UNSET
    status_detail: None | SessionStatusDetail | str | Unset = UNSET
    structured_output: None | SessionStructuredOutput | Unset = UNSET
    subcategory: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.session_structured_output import SessionStructuredOutput  # noqa: PLC0415

        acus_consumed = self.acus_consumed

        created_at = self.created_at

        org_id = self.org_id

        pull_requests = []
        for pull_requests_item_data in self.pull_requests:
            pull_requests_item = pull_requests_item_data.to_dict()
            pull_requests.append(pull_requests_item)

        session_id = self.session_id

        status: str
        if isinstance(self.status, SessionStatus):
            status = self.status.value
        else:
            status = self.status

        tags = self.tags

        updated_at = self.updated_at

        url = self.url

        automation_id: None | str | Unset
        if isinstance(self.automation_id, Unset):
            automation_id = UNSET
        else:
            automation_id = self.automation_id

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, SessionCategory):
            category = self.category.value
        else:
            category = self.category

        child_session_ids: list[str] | None | Unset
        if isinstance(self.child_session_ids, Unset):
            child_session_ids = UNSET
        elif isinstance(self.child_session_ids, list):
            child_session_ids = self.child_session_ids

        else:
            child_session_ids = self.child_session_ids

        devin_mode: None | str | Unset
        if isinstance(self.devin_mode, Unset):
            devin_mode = UNSET
        elif isinstance(self.devin_mode, SessionDevinMode):
            devin_mode = self.devin_mode.value
        else:
            devin_mode = self.devin_mode

        is_archived = self.is_archived

        origin: None | str | Unset
        if isinstance(self.origin, Unset):
            origin = UNSET
        elif isinstance(self.origin, SessionOrigin):
            origin = self.origin.value
        else:
            origin = self.origin

        parent_session_id: None | str | Unset
        if isinstance(self.parent_session_id, Unset):
            parent_session_id = UNSET
        else:
            parent_session_id = self.parent_session_id

        playbook_id: None | str | Unset
        if isinstance(self.playbook_id, Unset):
            playbook_id = UNSET
        else:
            playbook_id = self.playbook_id

        service_user_id: None | str | Unset
        if isinstance(self.service_user_id, Unset):
            service_user_id = UNSET
        else:
            service_user_id = self.service_user_id

        status_detail: None | str | Unset
        if isinstance(self.status_detail, Unset):
            status_detail = UNSET
        elif isinstance(self.status_detail, SessionStatusDetail):
            status_detail = self.status_detail.value
        else:
            status_detail = self.status_detail

        structured_output: dict[str, Any] | None | Unset
        if isinstance(self.structured_output, Unset):
            structured_output = UNSET
        elif isinstance(self.structured_output, SessionStructuredOutput):
            structured_output = self.structured_output.to_dict()
        else:
            structured_output = self.structured_output

        subcategory: None | str | Unset
        if isinstance(self.subcategory, Unset):
            subcategory = UNSET
        else:
            subcategory = self.subcategory

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "acus_consumed": acus_consumed,
                "created_at": created_at,
                "org_id": org_id,
                "pull_requests": pull_requests,
                "session_id": session_id,
                "status": status,
                "tags": tags,
                "updated_at": updated_at,
                "url": url,
            }
        )
        if automation_id is not UNSET:
            field_dict["automation_id"] = automation_id
        if category is not UNSET:
            field_dict["category"] = category
        if child_session_ids is not UNSET:
            field_dict["child_session_ids"] = child_session_ids
        if devin_mode is not UNSET:
            field_dict["devin_mode"] = devin_mode
        if is_archived is not UNSET:
            field_dict["is_archived"] = is_archived
        if origin is not UNSET:
            field_dict["origin"] = origin
        if parent_session_id is not UNSET:
            field_dict["parent_session_id"] = parent_session_id
        if playbook_id is not UNSET:
            field_dict["playbook_id"] = playbook_id
        if service_user_id is not UNSET:
            field_dict["service_user_id"] = service_user_id
        if status_detail is not UNSET:
            field_dict["status_detail"] = status_detail
        if structured_output is not UNSET:
            field_dict["structured_output"] = structured_output
        if subcategory is not UNSET:
            field_dict["subcategory"] = subcategory
        if title is not UNSET:
            field_dict["title"] = title
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_pull_request import SessionPullRequest  # noqa: PLC0415
        from ..models.session_structured_output import SessionStructuredOutput  # noqa: PLC0415

        d = dict(src_dict)
        acus_consumed = d.pop("acus_consumed")

        created_at = d.pop("created_at")

        org_id = d.pop("org_id")

        pull_requests = []
        _pull_requests = d.pop("pull_requests")
        for pull_requests_item_data in _pull_requests:
            pull_requests_item = SessionPullRequest.from_dict(pull_requests_item_data)

            pull_requests.append(pull_requests_item)

        session_id = d.pop("session_id")

        def _parse_status(data: object) -> SessionStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = SessionStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(SessionStatus | str, data)

        status = _parse_status(d.pop("status"))

        tags = cast(list[str], d.pop("tags"))

        updated_at = d.pop("updated_at")

        url = d.pop("url")

        def _parse_automation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        automation_id = _parse_automation_id(d.pop("automation_id", UNSET))

        def _parse_category(data: object) -> None | SessionCategory | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = SessionCategory(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionCategory | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_child_session_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                child_session_ids_type_0 = cast(list[str], data)

                return child_session_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        child_session_ids = _parse_child_session_ids(d.pop("child_session_ids", UNSET))

        def _parse_devin_mode(data: object) -> None | SessionDevinMode | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                devin_mode_type_0 = SessionDevinMode(data)

                return devin_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionDevinMode | str | Unset, data)

        devin_mode = _parse_devin_mode(d.pop("devin_mode", UNSET))

        is_archived = d.pop("is_archived", UNSET)

        def _parse_origin(data: object) -> None | SessionOrigin | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                origin_type_0 = SessionOrigin(data)

                return origin_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionOrigin | str | Unset, data)

        origin = _parse_origin(d.pop("origin", UNSET))

        def _parse_parent_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_session_id = _parse_parent_session_id(d.pop("parent_session_id", UNSET))

        def _parse_playbook_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        playbook_id = _parse_playbook_id(d.pop("playbook_id", UNSET))

        def _parse_service_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service_user_id = _parse_service_user_id(d.pop("service_user_id", UNSET))

        def _parse_status_detail(
            data: object,
        ) -> None | SessionStatusDetail | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_detail_type_0 = SessionStatusDetail(data)

                return status_detail_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionStatusDetail | str | Unset, data)

        status_detail = _parse_status_detail(d.pop("status_detail", UNSET))

        def _parse_structured_output(
            data: object,
        ) -> None | SessionStructuredOutput | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                structured_output_type_0 = SessionStructuredOutput.from_dict(data)

                return structured_output_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionStructuredOutput | Unset, data)

        structured_output = _parse_structured_output(d.pop("structured_output", UNSET))

        def _parse_subcategory(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subcategory = _parse_subcategory(d.pop("subcategory", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        session_response = cls(
            acus_consumed=acus_consumed,
            created_at=created_at,
            org_id=org_id,
            pull_requests=pull_requests,
            session_id=session_id,
            status=status,
            tags=tags,
            updated_at=updated_at,
            url=url,
            automation_id=automation_id,
            category=category,
            child_session_ids=child_session_ids,
            devin_mode=devin_mode,
            is_archived=is_archived,
            origin=origin,
            parent_session_id=parent_session_id,
            playbook_id=playbook_id,
            service_user_id=service_user_id,
            status_detail=status_detail,
            structured_output=structured_output,
            subcategory=subcategory,
            title=title,
            user_id=user_id,
        )

        session_response.additional_properties = d
        return session_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
