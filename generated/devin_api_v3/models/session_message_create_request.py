from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionMessageCreateRequest")


@_attrs_define
class SessionMessageCreateRequest:
    """
    Attributes:
        message (str):
        attachment_urls (list[str] | None | Unset):
        message_as_user_id (None | str | Unset):
    """

    message: str
    attachment_urls: list[str] | None | Unset = UNSET
    message_as_user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        attachment_urls: list[str] | None | Unset
        if isinstance(self.attachment_urls, Unset):
            attachment_urls = UNSET
        elif isinstance(self.attachment_urls, list):
            attachment_urls = self.attachment_urls

        else:
            attachment_urls = self.attachment_urls

        message_as_user_id: None | str | Unset
        if isinstance(self.message_as_user_id, Unset):
            message_as_user_id = UNSET
        else:
            message_as_user_id = self.message_as_user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if attachment_urls is not UNSET:
            field_dict["attachment_urls"] = attachment_urls
        if message_as_user_id is not UNSET:
            field_dict["message_as_user_id"] = message_as_user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message")

        def _parse_attachment_urls(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                attachment_urls_type_0 = cast(list[str], data)

                return attachment_urls_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        attachment_urls = _parse_attachment_urls(d.pop("attachment_urls", UNSET))

        def _parse_message_as_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message_as_user_id = _parse_message_as_user_id(
            d.pop("message_as_user_id", UNSET)
        )

        session_message_create_request = cls(
            message=message,
            attachment_urls=attachment_urls,
            message_as_user_id=message_as_user_id,
        )

        session_message_create_request.additional_properties = d
        return session_message_create_request

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
