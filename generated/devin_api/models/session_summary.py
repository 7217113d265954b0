from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_status_enum import SessionStatusEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pull_request_info import PullRequestInfo


T = TypeVar("T", bound="SessionSummary")


@_attrs_define
class SessionSummary:
    """Summary information about a session returned by the list endpoint.

    Attributes:
        created_at (datetime.datetime):
        session_id (str):
        status (str):
        updated_at (datetime.datetime):
        playbook_id (None | str | Unset):
        pull_request (None | PullRequestInfo | Unset):
        requesting_user_email (None | str | Unset):
        snapshot_id (None | str | Unset):
        status_enum (None | SessionStatusEnum | str | Unset):
        structured_output (Any | Unset):
        tags (list[str] | None | Unset):
        title (None | str | Unset):
        devin_mode (None | str | Unset):
        create_as_user_id (None | str | Unset):
    """

    created_at: datetime.datetime
    session_id: str
    status: str
    updated_at: datetime.datetime
    playbook_id: None | str | Unset = UNSET
    pull_request: None | PullRequestInfo | Unset = UNSET
    requesting_user_email: None | str | Unset = UNSET
    snapshot_id: None | str | Unset = UNSET
    status_enum: None | SessionStatusEnum | str | Unset = UNSET
    structured_output: Any | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    title: None | str | Unset = UNSET
    devin_mode: None | str | Unset = UNSET
    create_as_user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.pull_request_info import PullRequestInfo  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        session_id = self.session_id

        status = self.status

        updated_at = self.updated_at.isoformat()

        playbook_id: None | str | Unset
        if isinstance(self.playbook_id, Unset):
            playbook_id = UNSET
        else:
            playbook_id = self.playbook_id

        pull_request: dict[str, Any] | None | Unset
        if isinstance(self.pull_request, Unset):
            pull_request = UNSET
        elif isinstance(self.pull_request, PullRequestInfo):
            pull_request = self.pull_request.to_dict()
        else:
            pull_request = self.pull_request

        requesting_user_email: None | str | Unset
        if isinstance(self.requesting_user_email, Unset):
            requesting_user_email = UNSET
        else:
            requesting_user_email = self.requesting_user_email

        snapshot_id: None | str | Unset
        if isinstance(self.snapshot_id, Unset):
            snapshot_id = UNSET
        else:
            snapshot_id = self.snapshot_id

        status_enum: None | str | Unset
        if isinstance(self.status_enum, Unset):
            status_enum = UNSET
        elif isinstance(self.status_enum, SessionStatusEnum):
            status_enum = self.status_enum.value
        else:
            status_enum = self.status_enum

        structured_output = self.structured_output

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        devin_mode: None | str | Unset
        if isinstance(self.devin_mode, Unset):
            devin_mode = UNSET
        else:
            devin_mode = self.devin_mode

        create_as_user_id: None | str | Unset
        if isinstance(self.create_as_user_id, Unset):
            create_as_user_id = UNSET
        else:
            create_as_user_id = self.create_as_user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "session_id": session_id,
                "status": status,
                "updated_at": updated_at,
            }
        )
        if playbook_id is not UNSET:
            field_dict["playbook_id"] = playbook_id
        if pull_request is not UNSET:
            field_dict["pull_request"] = pull_request
        if requesting_user_email is not UNSET:
            field_dict["requesting_user_email"] = requesting_user_email
        if snapshot_id is not UNSET:
            field_dict["snapshot_id"] = snapshot_id
        if status_enum is not UNSET:
            field_dict["status_enum"] = status_enum
        if structured_output is not UNSET:
            field_dict["structured_output"] = structured_output
        if tags is not UNSET:
            field_dict["tags"] = tags
        if title is not UNSET:
            field_dict["title"] = title
        if devin_mode is not UNSET:
            field_dict["devin_mode"] = devin_mode
        if create_as_user_id is not UNSET:
            field_dict["create_as_user_id"] = create_as_user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pull_request_info import PullRequestInfo  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        session_id = d.pop("session_id")

        status = d.pop("status")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_playbook_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        playbook_id = _parse_playbook_id(d.pop("playbook_id", UNSET))

        def _parse_pull_request(data: object) -> None | PullRequestInfo | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pull_request_type_0 = PullRequestInfo.from_dict(data)

                return pull_request_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PullRequestInfo | Unset, data)

        pull_request = _parse_pull_request(d.pop("pull_request", UNSET))

        def _parse_requesting_user_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        requesting_user_email = _parse_requesting_user_email(
            d.pop("requesting_user_email", UNSET)
        )

        def _parse_snapshot_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        snapshot_id = _parse_snapshot_id(d.pop("snapshot_id", UNSET))

        def _parse_status_enum(data: object) -> None | SessionStatusEnum | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_enum_type_0 = SessionStatusEnum(data)

                return status_enum_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionStatusEnum | str | Unset, data)

        status_enum = _parse_status_enum(d.pop("status_enum", UNSET))

        structured_output = d.pop("structured_output", UNSET)

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_devin_mode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        devin_mode = _parse_devin_mode(d.pop("devin_mode", UNSET))

        def _parse_create_as_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        create_as_user_id = _parse_create_as_user_id(d.pop("create_as_user_id", UNSET))

        session_summary = cls(
            created_at=created_at,
            session_id=session_id,
            status=status,
            updated_at=updated_at,
            playbook_id=playbook_id,
            pull_request=pull_request,
            requesting_user_email=requesting_user_email,
            snapshot_id=snapshot_id,
            status_enum=status_enum,
            structured_output=structured_output,
            tags=tags,
            title=title,
            devin_mode=devin_mode,
            create_as_user_id=create_as_user_id,
        )

        session_summary.additional_properties = d
        return session_summary

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
