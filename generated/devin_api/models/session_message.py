from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionMessage")


@_attrs_define
class SessionMessage:
    """A message in a Devin session.

    Attributes:
        type_ (str): The type of the message (e.g. initial_user_message, user_message, devin_message)
        event_id (str): Unique identifier for the event that generated this message
        message (str): The content of the message
        timestamp (datetime.datetime): Timestamp when the message was created
        username (None | str | Unset): The username associated with the message
        origin (None | str | Unset): The origin of the message (e.g. web)
        user_id (None | str | Unset): The unique identifier of the user who sent the message
    """

    type_: str
    event_id: str
    message: str
    timestamp: datetime.datetime
    username: None | str | Unset = UNSET
    origin: None | str | Unset = UNSET
    user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        event_id = self.event_id

        message = self.message

        timestamp = self.timestamp.isoformat()

        username: None | str | Unset
        if isinstance(self.username, Unset):
            username = UNSET
        else:
            username = self.username

        origin: None | str | Unset
        if isinstance(self.origin, Unset):
            origin = UNSET
        else:
            origin = self.origin

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "event_id": event_id,
                "message": message,
                "timestamp": timestamp,
            }
        )
        if username is not UNSET:
            field_dict["username"] = username
        if origin is not UNSET:
            field_dict["origin"] = origin
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        event_id = d.pop("event_id")

        message = d.pop("message")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        def _parse_username(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        username = _parse_username(d.pop("username", UNSET))

        def _parse_origin(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        origin = _parse_origin(d.pop("origin", UNSET))

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        session_message = cls(
            type_=type_,
            event_id=event_id,
            message=message,
            timestamp=timestamp,
            username=username,
            origin=origin,
            user_id=user_id,
        )

        session_message.additional_properties = d
        return session_message

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
