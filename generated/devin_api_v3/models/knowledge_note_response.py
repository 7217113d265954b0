from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.access_type import AccessType

T = TypeVar("T", bound="KnowledgeNoteResponse")


@_attrs_define
class KnowledgeNoteResponse:
    """
    Attributes:
        access_type (AccessType | str):
        body (str):
        created_at (int):
        folder_id (None | str):
        folder_path (str):
        is_enabled (bool):
        macro (None | str):
        name (str):
        note_id (str):
        org_id (None | str):
        pinned_repo (None | str):
        trigger (str):
        updated_at (int):
    """

    access_type: AccessType | str
    body: str
    created_at: int
    folder_id: None | str
    folder_path: str
    is_enabled: bool
    macro: None | str
    name: str
    note_id: str
    org_id: None | str
    pinned_repo: None | str
    trigger: str
    updated_at: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_type: str
        if isinstance(self.access_type, AccessType):
            access_type = self.access_type.value
        else:
            access_type = self.access_type

        body = self.body

        created_at = self.created_at

        folder_id: None | str
        folder_id = self.folder_id

        folder_path = self.folder_path

        is_enabled = self.is_enabled

        macro: None | str
        macro = self.macro

        name = self.name

        note_id = self.note_id

        org_id: None | str
        org_id = self.org_id

        pinned_repo: None | str
        pinned_repo = self.pinned_repo

        trigger = self.trigger

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_type": access_type,
                "body": body,
                "created_at": created_at,
                "folder_id": folder_id,
                "folder_path": folder_path,
                "is_enabled": is_enabled,
                "macro": macro,
                "name": name,
                "note_id": note_id,
                "org_id": org_id,
                "pinned_repo": pinned_repo,
                "trigger": trigger,
                "updated_at": updated_at,
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

        def _parse_folder_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        folder_id = _parse_folder_id(d.pop("folder_id"))

        folder_path = d.pop("folder_path")

        is_enabled = d.pop("is_enabled")

        def _parse_macro(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        macro = _parse_macro(d.pop("macro"))

        name = d.pop("name")

        note_id = d.pop("note_id")

        def _parse_org_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        org_id = _parse_org_id(d.pop("org_id"))

        def _parse_pinned_repo(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pinned_repo = _parse_pinned_repo(d.pop("pinned_repo"))

        trigger = d.pop("trigger")

        updated_at = d.pop("updated_at")

        knowledge_note_response = cls(
            access_type=access_type,
            body=body,
            created_at=created_at,
            folder_id=folder_id,
            folder_path=folder_path,
            is_enabled=is_enabled,
            macro=macro,
            name=name,
            note_id=note_id,
            org_id=org_id,
            pinned_repo=pinned_repo,
            trigger=trigger,
            updated_at=updated_at,
        )

        knowledge_note_response.additional_properties = d
        return knowledge_note_response

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
