from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.access_type import AccessType

T = TypeVar("T", bound="PlaybookResponse")


@_attrs_define
class PlaybookResponse:
    """
    Attributes:
        access_type (AccessType | str):
        body (str):
        created_at (int):
        created_by (str):
        macro (None | str):
        org_id (None | str):
        playbook_id (str):
        title (str):
        updated_at (int):
        updated_by (str):
    """

    access_type: AccessType | str
    body: str
    created_at: int
    created_by: str
    macro: None | str
    org_id: None | str
    playbook_id: str
    title: str
    updated_at: int
    updated_by: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_type: str
        if isinstance(self.access_type, AccessType):
            access_type = self.access_type.value
        else:
            access_type = self.access_type

        body = self.body

        created_at = self.created_at

        created_by = self.created_by

        macro: None | str
        macro = self.macro

        org_id: None | str
        org_id = self.org_id

        playbook_id = self.playbook_id

        title = self.title

        updated_at = self.updated_at

        updated_by = self.updated_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_type": access_type,
                "body": body,
                "created_at": created_at,
                "created_by": created_by,
                "macro": macro,
                "org_id": org_id,
                "playbook_id": playbook_id,
                "title": title,
                "updated_at": updated_at,
                "updated_by": updated_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_access_type(data: object) -> AccessType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                access_type_type_0 = AccessType(data)

                return access_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccessType | str, data)

        access_type = _parse_access_type(d.pop("access_type"))

        body = d.pop("body")

        created_at = d.pop("created_at")

        created_by = d.pop("created_by")

        def _parse_macro(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        macro = _parse_macro(d.pop("macro"))

        def _parse_org_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        org_id = _parse_org_id(d.pop("org_id"))

        playbook_id = d.pop("playbook_id")

        title = d.pop("title")

        updated_at = d.pop("updated_at")

        updated_by = d.pop("updated_by")

        playbook_response = cls(
            access_type=access_type,
            body=body,
            created_at=created_at,
            created_by=created_by,
            macro=macro,
            org_id=org_id,
            playbook_id=playbook_id,
            title=title,
            updated_at=updated_at,
            updated_by=updated_by,
        )

        playbook_response.additional_properties = d
        return playbook_response

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
