from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attachment_source import AttachmentSource
from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionAttachment")


@_attrs_define
class SessionAttachment:
    """An attachment sent during a session.

    Attributes:
        attachment_id (str):
        name (str):
        source (AttachmentSource | str):
        url (str):
        content_type (None | str | Unset):
    """

    attachment_id: str
    name: str
    source: AttachmentSource | str
    url: str
    content_type: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attachment_id = self.attachment_id

        name = self.name

        source: str
        if isinstance(self.source, AttachmentSource):
            source = self.source.value
        else:
            source = self.source

        url = self.url

        content_type: None | str | Unset
        if isinstance(self.content_type, Unset):
            content_type = UNSET
        else:
            content_type = self.content_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attachment_id": attachment_id,
                "name": name,
                "source": source,
                "url": url,
            }
        )
        if content_type is not UNSET:
            field_dict["content_type"] = content_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attachment_id = d.pop("attachment_id")

        name = d.pop("name")

        def _parse_source(data: object) -> AttachmentSource | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_0 = AttachmentSource(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AttachmentSource | str, data)

        source = _parse_source(d.pop("source"))

        url = d.pop("url")

        def _parse_content_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        content_type = _parse_content_type(d.pop("content_type", UNSET))

        session_attachment = cls(
            attachment_id=attachment_id,
            name=name,
            source=source,
            url=url,
            content_type=content_type,
        )

        session_attachment.additional_properties = d
        return session_attachment

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
