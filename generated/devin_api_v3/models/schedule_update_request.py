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

T = TypeVar("T", bound="ScheduleUpdateRequest")


@_attrs_define
class ScheduleUpdateRequest:
    """
    Attributes:
        agent (None | ScheduleAgent | Unset):
        bypass_approval (bool | None | Unset):
        enabled (bool | None | Unset):
        frequency (None | str | Unset):
        interval_count (int | None | Unset):
        name (None | str | Unset):
        notify_on (None | ScheduleNotifyOn | Unset):
        playbook_id (None | str | Unset):
        prompt (None | str | Unset):
        run_as_user_id (None | str | Unset): Set the user ID that this schedule will run as. Requires
            ImpersonateOrgSessions permission. Setting to null reverts to the default bot user. Omitting the field leaves
            the current identity unchanged.
        schedule_type (None | ScheduleType | Unset):
        scheduled_at (datetime.datetime | None | Unset):
        slack_channel_id (None | str | Unset):
        slack_team_id (None | str | Unset):
        tags (list[str] | None | Unset):
        target_devin_id (None | str | Unset):
    """

    agent: None | ScheduleAgent | Unset = UNSET
    bypass_approval: bool | None | Unset = UNSET
    enabled: bool | None | Unset = UNSET
    frequency: None | str | Unset = UNSET
    interval_count: int | None | Unset = UNSET
    name: None | str | Unset = UNSET
    notify_on: None | ScheduleNotifyOn | Unset = UNSET
    playbook_id: None | str | Unset = UNSET
    prompt: None | str | Unset = UNSET
    run_as_user_id: None | str | Unset = UNSET
    schedule_type: None | ScheduleType | Unset = UNSET
    scheduled_at: datetime.datetime | None | Unset = UNSET
    slack_channel_id: None | str | Unset = UNSET
    slack_team_id: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    target_devin_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent: None | str | Unset
        if isinstance(self.agent, Unset):
            agent = UNSET
        elif isinstance(self.agent, ScheduleAgent):
            agent = self.agent.value
        else:
            agent = self.agent

        bypass_approval: bool | None | Unset
        if isinstance(self.bypass_approval, Unset):
            bypass_approval = UNSET
        else:
            bypass_approval = self.bypass_approval

        enabled: bool | None | Unset
        if isinstance(self.enabled, Unset):
            enabled = UNSET
        else:
            enabled = self.enabled

        frequency: None | str | Unset
        if isinstance(self.frequency, Unset):
            frequency = UNSET
        else:
            frequency = self.frequency

        interval_count: int | None | Unset
        if isinstance(self.interval_count, Unset):
            interval_count = UNSET
        else:
            interval_count = self.interval_count

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        notify_on: None | str | Unset
        if isinstance(self.notify_on, Unset):
            notify_on = UNSET
        elif isinstance(self.notify_on, ScheduleNotifyOn):
            notify_on = self.notify_on.value
        else:
            notify_on = self.notify_on

        playbook_id: None | str | Unset
        if isinstance(self.playbook_id, Unset):
            playbook_id = UNSET
        else:
            playbook_id = self.playbook_id

        prompt: None | str | Unset
        if isinstance(self.prompt, Unset):
            prompt = UNSET
        else:
            prompt = self.prompt

        run_as_user_id: None | str | Unset
        if isinstance(self.run_as_user_id, Unset):
            run_as_user_id = UNSET
        else:
            run_as_user_id = self.run_as_user_id

        schedule_type: None | str | Unset
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
        field_dict.update({})
        if agent is not UNSET:
            field_dict["agent"] = agent
        if bypass_approval is not UNSET:
            field_dict["bypass_approval"] = bypass_approval
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if frequency is not UNSET:
            field_dict["frequency"] = frequency
        if interval_count is not UNSET:
            field_dict["interval_count"] = interval_count
        if name is not UNSET:
            field_dict["name"] = name
        if notify_on is not UNSET:
            field_dict["notify_on"] = notify_on
        if playbook_id is not UNSET:
            field_dict["playbook_id"] = playbook_id
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if run_as_user_id is not UNSET:
            field_dict["run_as_user_id"] = run_as_user_id
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

        def _parse_agent(data: object) -> None | ScheduleAgent | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agent_type_0 = ScheduleAgent(data)

                return agent_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScheduleAgent | Unset, data)

        agent = _parse_agent(d.pop("agent", UNSET))

        def _parse_bypass_approval(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        bypass_approval = _parse_bypass_approval(d.pop("bypass_approval", UNSET))

        def _parse_enabled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        enabled = _parse_enabled(d.pop("enabled", UNSET))

        def _parse_frequency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        frequency = _parse_frequency(d.pop("frequency", UNSET))

        def _parse_interval_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        interval_count = _parse_interval_count(d.pop("interval_count", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_notify_on(data: object) -> None | ScheduleNotifyOn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                notify_on_type_0 = ScheduleNotifyOn(data)

                return notify_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScheduleNotifyOn | Unset, data)

        notify_on = _parse_notify_on(d.pop("notify_on", UNSET))

        def _parse_playbook_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        playbook_id = _parse_playbook_id(d.pop("playbook_id", UNSET))

        def _parse_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt = _parse_prompt(d.pop("prompt", UNSET))

        def _parse_run_as_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        run_as_user_id = _parse_run_as_user_id(d.pop("run_as_user_id", UNSET))

        def _parse_schedule_type(data: object) -> None | ScheduleType | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schedule_type_type_0 = ScheduleType(data)

                return schedule_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ScheduleType | Unset, data)

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

        schedule_update_request = cls(
            agent=agent,
            bypass_approval=bypass_approval,
            enabled=enabled,
            frequency=frequency,
            interval_count=interval_count,
            name=name,
            notify_on=notify_on,
            playbook_id=playbook_id,
            prompt=prompt,
            run_as_user_id=run_as_user_id,
            schedule_type=schedule_type,
            scheduled_at=scheduled_at,
            slack_channel_id=slack_channel_id,
            slack_team_id=slack_team_id,
            tags=tags,
            target_devin_id=target_devin_id,
        )

        schedule_update_request.additional_properties = d
        return schedule_update_request

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
