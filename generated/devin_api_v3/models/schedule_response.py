from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.schedule_agent import ScheduleAgent
from ..models.schedule_notify_on import ScheduleNotifyOn
from ..models.schedule_type import ScheduleType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.playbook_info import PlaybookInfo


T = TypeVar("T", bound="ScheduleResponse")


@_attrs_define
class ScheduleResponse:
    """
    Attributes:
        agent (ScheduleAgent | str):
        consecutive_failures (int):
        created_at (datetime.datetime):
        created_by (None | str):
        enabled (bool):
        frequency (None | str):
        last_error_at (datetime.datetime | None):
        last_error_message (None | str):
        last_executed_at (datetime.datetime | None):
        name (str):
        notify_on (ScheduleNotifyOn | str):
        org_id (str):
        playbook (None | PlaybookInfo):
        prompt (str):
        scheduled_session_id (str):
        updated_at (datetime.datetime):
        bypass_approval (bool | Unset):
        interval_count (int | Unset):
        last_edited_by (None | str | Unset):
        platform (None | str | Unset):
        schedule_type (ScheduleType | str | Unset):
        scheduled_at (datetime.datetime | None | Unset):
        slack_channel_id (None | str | Unset):
        slack_team_id (None | str | Unset):
        tags (list[str] | None | Unset):
        target_devin_id (None | str | Unset):
    """

    agent: ScheduleAgent | str
    consecutive_failures: int
    created_at: datetime.datetime
    created_by: None | str
    enabled: bool
    frequency: None | str
    last_error_at: datetime.datetime | None
    last_error_message: None | str
    last_executed_at: datetime.datetime | None
    name: str
    notify_on: ScheduleNotifyOn | str
    org_id: str
    playbook: None | PlaybookInfo
    prompt: str
    scheduled_session_id: str
    updated_at: datetime.datetime
    bypass_approval: bool | Unset = UNSET
    interval_count: int | Unset = UNSET
    last_edited_by: None | str | Unset = UNSET
    platform: None | str | Unset = UNSET
    schedule_type: ScheduleType | str | Unset = UNSET
    scheduled_at: datetime.datetime | None | Unset = UNSET
    slack_channel_id: None | str | Unset = UNSET
    slack_team_id: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    target_devin_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.playbook_info import PlaybookInfo  # noqa: PLC0415

        agent: str
        if isinstance(self.agent, ScheduleAgent):
            agent = self.agent.value
        else:
            agent = self.agent

        consecutive_failures = self.consecutive_failures

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        enabled = self.enabled

        frequency: None | str
        frequency = self.frequency

        last_error_at: None | str
        if isinstance(self.last_error_at, datetime.datetime):
            last_error_at = self.last_error_at.isoformat()
        else:
            last_error_at = self.last_error_at

        last_error_message: None | str
        last_error_message = self.last_error_message

        last_executed_at: None | str
        if isinstance(self.last_executed_at, datetime.datetime):
            last_executed_at = self.last_executed_at.isoformat()
        else:
            last_executed_at = self.last_executed_at

        name = self.name

        notify_on: str
        if isinstance(self.notify_on, ScheduleNotifyOn):
            notify_on = self.notify_on.value
        else:
            notify_on = self.notify_on

        org_id = self.org_id

        playbook: dict[str, Any] | None
        if isinstance(self.playbook, PlaybookInfo):
            playbook = self.playbook.to_dict()
        else:
            playbook = self.playbook

        prompt = self.prompt

        scheduled_session_id = self.scheduled_session_id

        updated_at = self.updated_at.isoformat()

        bypass_approval = self.bypass_approval

        interval_count = self.interval_count

        last_edited_by: None | str | Unset
        if isinstance(self.last_edited_by, Unset):
            last_edited_by = UNSET
        else:
            last_edited_by = self.last_edited_by

        platform: None | str | Unset
        if isinstance(self.platform, Unset):
            platform = UNSET
        else:
            platform = self.platform

        schedule_type: str | Unset
        if isinstance(self.schedule_type, Unset):
            schedule_type = UNSET
        elif isinstance(self.schedule_type, ScheduleType):
            schedule_type = self.schedule_type.value
        else:
            schedule_type = self.schedule_type

        scheduled_at: None | str | Unset
        if isinstance(self.scheduled_at, Unset):
            scheduled_at = UNSET
        elif isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        slack_channel_id: None | str | Unset
        if isinstance(self.slack_channel_id, Unset):
            slack_channel_id = UNSET
        else:
            slack_channel_id = self.slack_channel_id

        slack_team_id: None | str | Unset
        if isinstance(self.slack_team_id, Unset):
            slack_team_id = UNSET
        else:
            slack_team_id = self.slack_team_id

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        target_devin_id: None | str | Unset
        if isinstance(self.target_devin_id, Unset):
            target_devin_id = UNSET
        else:
            target_devin_id = self.target_devin_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent": agent,
                "consecutive_failures": consecutive_failures,
                "created_at": created_at,
                "created_by": created_by,
                "enabled": enabled,
                "frequency": frequency,
                "last_error_at": last_error_at,
                "last_error_message": last_error_message,
                "last_executed_at": last_executed_at,
                "name": name,
                "notify_on": notify_on,
                "org_id": org_id,
                "playbook": playbook,
                "prompt": prompt,
                "scheduled_session_id": scheduled_session_id,
                "updated_at": updated_at,
            }
        )
        if bypass_approval is not UNSET:
            field_dict["bypass_approval"] = bypass_approval
        if interval_count is not UNSET:
            field_dict["interval_count"] = interval_count
        if last_edited_by is not UNSET:
            field_dict["last_edited_by"] = last_edited_by
        if platform is not UNSET:
            field_dict["platform"] = platform
        if schedule_type is not UNSET:
            field_dict["schedule_type"] = schedule_type
        if scheduled_at is not UNSET:
            field_dict["scheduled_at"] = scheduled_at
        if slack_channel_id is not UNSET:
            field_dict["slack_channel_id"] = slack_channel_id
        if slack_team_id is not UNSET:
            field_dict["slack_team_id"] = slack_team_id
        if tags is not UNSET:
            field_dict["tags"] = tags
        if target_devin_id is not UNSET:
            field_dict["target_devin_id"] = target_devin_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.playbook_info import PlaybookInfo  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_agent(data: object) -> ScheduleAgent | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agent_type_0 = ScheduleAgent(data)

                return agent_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ScheduleAgent | str, data)

        agent = _parse_agent(d.pop("agent"))

        consecutive_failures = d.pop("consecutive_failures")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        enabled = d.pop("enabled")

        def _parse_frequency(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        frequency = _parse_frequency(d.pop("frequency"))

        def _parse_last_error_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_error_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_error_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_error_at = _parse_last_error_at(d.pop("last_error_at"))

        def _parse_last_error_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error_message = _parse_last_error_message(d.pop("last_error_message"))

        def _parse_last_executed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_executed_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_executed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_executed_at = _parse_last_executed_at(d.pop("last_executed_at"))

        name = d.pop("name")

        def _parse_notify_on(data: object) -> ScheduleNotifyOn | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                notify_on_type_0 = ScheduleNotifyOn(data)

                return notify_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ScheduleNotifyOn | str, data)

        notify_on = _parse_notify_on(d.pop("notify_on"))

        org_id = d.pop("org_id")

        def _parse_playbook(data: object) -> None | PlaybookInfo:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                playbook_type_0 = PlaybookInfo.from_dict(data)

                return playbook_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlaybookInfo, data)

        playbook = _parse_playbook(d.pop("playbook"))

        prompt = d.pop("prompt")

        scheduled_session_id = d.pop("scheduled_session_id")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        bypass_approval = d.pop("bypass_approval", UNSET)

        interval_count = d.pop("interval_count", UNSET)

        def _parse_last_edited_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_edited_by = _parse_last_edited_by(d.pop("last_edited_by", UNSET))

        def _parse_platform(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        platform = _parse_platform(d.pop("platform", UNSET))

        def _parse_schedule_type(data: object) -> ScheduleType | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schedule_type_type_0 = ScheduleType(data)

                return schedule_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ScheduleType | str | Unset, data)

        schedule_type = _parse_schedule_type(d.pop("schedule_type", UNSET))

        def _parse_scheduled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at", UNSET))

        def _parse_slack_channel_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        slack_channel_id = _parse_slack_channel_id(d.pop("slack_channel_id", UNSET))

        def _parse_slack_team_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        slack_team_id = _parse_slack_team_id(d.pop("slack_team_id", UNSET))

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

        def _parse_target_devin_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target_devin_id = _parse_target_devin_id(d.pop("target_devin_id", UNSET))

        schedule_response = cls(
            agent=agent,
            consecutive_failures=consecutive_failures,
            created_at=created_at,
            created_by=created_by,
            enabled=enabled,
            frequency=frequency,
            last_error_at=last_error_at,
            last_error_message=last_error_message,
            last_executed_at=last_executed_at,
            name=name,
            notify_on=notify_on,
            org_id=org_id,
            playbook=playbook,
            prompt=prompt,
            scheduled_session_id=scheduled_session_id,
            updated_at=updated_at,
            bypass_approval=bypass_approval,
            interval_count=interval_count,
            last_edited_by=last_edited_by,
            platform=platform,
            schedule_type=schedule_type,
            scheduled_at=scheduled_at,
            slack_channel_id=slack_channel_id,
            slack_team_id=slack_team_id,
            tags=tags,
            target_devin_id=target_devin_id,
        )

        schedule_response.additional_properties = d
        return schedule_response

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
