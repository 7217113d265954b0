from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.schedule_agent import ScheduleAgent
from ..models.schedule_notify_on import ScheduleNotifyOn
from ..models.schedule_type import ScheduleType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ScheduleCreateRequest")


@_attrs_define
class ScheduleCreateRequest:
    """
    Attributes:
        name (str):
        prompt (str):
        agent (ScheduleAgent | Unset):  Default: ScheduleAgent.DEVIN.
        bypass_approval (bool | Unset):  Default: False.
        create_as_user_id (None | str | Unset):
        frequency (None | str | Unset): Cron expression (e.g. '0 9 * * 1-5' = weekdays 09:00 UTC). Required when
            schedule_type is 'recurring'.
        interval_count (int | Unset):
        notify_on (ScheduleNotifyOn | Unset):  Default: ScheduleNotifyOn.FAILURE.
        playbook_id (None | str | Unset):
        schedule_type (ScheduleType | Unset):  Default: ScheduleType.RECURRING.
        scheduled_at (datetime.datetime | None | Unset): ISO 8601 datetime with timezone, in the future. Required when
            schedule_type is 'one_time'; the schedule is disabled after it runs.
        slack_channel_id (None | str | Unset):
        slack_team_id (None | str | Unset):
        tags (list[str] | None | Unset):
        target_devin_id (None | str | Unset):
    """

    name: str
    prompt: str
    agent: ScheduleAgent | Unset = ScheduleAgent.DEVIN
    bypass_approval: bool | Unset = False
    create_as_user_id: None | str | Unset = UNSET
    frequency: None | str | Unset = UNSET
    interval_count: int | Unset = UNSET
    notify_on: ScheduleNotifyOn | Unset = ScheduleNotifyOn.FAILURE
    playbook_id: None | str | Unset = UNSET
    schedule_type: ScheduleType | Unset = ScheduleType.RECURRING
    scheduled_at: datetime.datetime | None | Unset = UNSET
    slack_channel_id: None | str | Unset = UNSET
    slack_team_id: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    target_devin_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        prompt = self.prompt

        agent: str | Unset = UNSET
        if not isinstance(self.agent, Unset):
            agent = self.agent.value

        bypass_approval = self.bypass_approval

        create_as_user_id: None | str | Unset
        if isinstance(self.create_as_user_id, Unset):
            create_as_user_id = UNSET
        else:
            create_as_user_id = self.create_as_user_id

        frequency: None | str | Unset
        if isinstance(self.frequency, Unset):
            frequency = UNSET
        else:
            frequency = self.frequency

        interval_count = self.interval_count

        notify_on: str | Unset = UNSET
        if not isinstance(self.notify_on, Unset):
            notify_on = self.notify_on.value

        playbook_id: None | str | Unset
        if isinstance(self.playbook_id, Unset):
            playbook_id = UNSET
        else:
            playbook_id = self.playbook_id

        schedule_type: str | Unset = UNSET
        if not isinstance(self.schedule_type, Unset):
            schedule_type = self.schedule_type.value

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
                "name": name,
                "prompt": prompt,
            }
        )
        if agent is not UNSET:
            field_dict["agent"] = agent
        if bypass_approval is not UNSET:
            field_dict["bypass_approval"] = bypass_approval
        if create_as_user_id is not UNSET:
            field_dict["create_as_user_id"] = create_as_user_id
        if frequency is not UNSET:
            field_dict["frequency"] = frequency
        if interval_count is not UNSET:
            field_dict["interval_count"] = interval_count
        if notify_on is not UNSET:
            field_dict["notify_on"] = notify_on
        if playbook_id is not UNSET:
            field_dict["playbook_id"] = playbook_id
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
        d = dict(src_dict)
        name = d.pop("name")

        prompt = d.pop("prompt")

        _agent = d.pop("agent", UNSET)
        agent: ScheduleAgent | Unset
        if isinstance(_agent, Unset):
            agent = UNSET
        else:
            agent = ScheduleAgent(_agent)

        bypass_approval = d.pop("bypass_approval", UNSET)

        def _parse_create_as_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        create_as_user_id = _parse_create_as_user_id(d.pop("create_as_user_id", UNSET))

        def _parse_frequency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        frequency = _parse_frequency(d.pop("frequency", UNSET))

        interval_count = d.pop("interval_count", UNSET)

        _notify_on = d.pop("notify_on", UNSET)
        notify_on: ScheduleNotifyOn | Unset
        if isinstance(_notify_on, Unset):
            notify_on = UNSET
        else:
            notify_on = ScheduleNotifyOn(_notify_on)

        def _parse_playbook_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        playbook_id = _parse_playbook_id(d.pop("playbook_id", UNSET))

        _schedule_type = d.pop("schedule_type", UNSET)
        schedule_type: ScheduleType | Unset
        if isinstance(_schedule_type, Unset):
            schedule_type = UNSET
        else:
            schedule_type = ScheduleType(_schedule_type)

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

        schedule_create_request = cls(
            name=name,
            prompt=prompt,
            agent=agent,
            bypass_approval=bypass_approval,
            create_as_user_id=create_as_user_id,
            frequency=frequency,
            interval_count=interval_count,
            notify_on=notify_on,
            playbook_id=playbook_id,
            schedule_type=schedule_type,
            scheduled_at=scheduled_at,
            slack_channel_id=slack_channel_id,
            slack_team_id=slack_team_id,
            tags=tags,
            target_devin_id=target_devin_id,
        )

        schedule_create_request.additional_properties = d
        return schedule_create_request

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
