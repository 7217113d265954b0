from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_source import MessageSource

T = TypeVar("T", bound="SessionMessage")


@_attrs_define
class SessionMessage:
    """A message in a Devin session.

    Attributes:
        created_at (int):
        event_id (str):
        message (str):
        source (MessageSource | str):
    """

    created_at: int
    event_id: str
    message: str
    source: MessageSource | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        event_id = self.event_id

        message = self.message

        source: str
        if isinstance(self.source, MessageSource):
            source = self.source.value
        else:
            source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "event_id": event_id,
                "message": message,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = d.pop("created_at")

        event_id = d.pop("event_id")

        message = d.pop("message")

        def _parse_source(data: object) -> MessageSource | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_0 = MessageSource(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessageSource | str, data)

        source = _parse_source(d.pop("source"))

        session_message = cls(
            created_at=created_at,
            event_id=event_id,
            message=message,
            source=source,
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
