from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="KnowledgeNoteCreateRequest")


@_attrs_define
class KnowledgeNoteCreateRequest:
    """
    Attributes:
        body (str):
        name (str):
        trigger (str):
        folder_id (None | str | Unset):
        is_enabled (bool | None | Unset):
        pinned_repo (None | str | Unset):
    """

    body: str
    name: str
    trigger: str
    folder_id: None | str | Unset = UNSET
    is_enabled: bool | None | Unset = UNSET
    pinned_repo: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        name = self.name

        trigger = self.trigger

        folder_id: None | str | Unset
        if isinstance(self.folder_id, Unset):
            folder_id = UNSET
        else:
            folder_id = self.folder_id

        is_enabled: bool | None | Unset
        if isinstance(self.is_enabled, Unset):
            is_enabled = UNSET
        else:
            is_enabled = self.is_enabled

        pinned_repo: None | str | Unset
        if isinstance(self.pinned_repo, Unset):
            pinned_repo = UNSET
        else:
            pinned_repo = self.pinned_repo

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "name": name,
                "trigger": trigger,
            }
        )
        if folder_id is not UNSET:
            field_dict["folder_id"] = folder_id
        if is_enabled is not UNSET:
            field_dict["is_enabled"] = is_enabled
        if pinned_repo is not UNSET:
            field_dict["pinned_repo"] = pinned_repo

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        name = d.pop("name")

        trigger = d.pop("trigger")

        def _parse_folder_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        folder_id = _parse_folder_id(d.pop("folder_id", UNSET))

        def _parse_is_enabled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_enabled = _parse_is_enabled(d.pop("is_enabled", UNSET))

        def _parse_pinned_repo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pinned_repo = _parse_pinned_repo(d.pop("pinned_repo", UNSET))

        knowledge_note_create_request = cls(
            body=body,
            name=name,
            trigger=trigger,
            folder_id=folder_id,
            is_enabled=is_enabled,
            pinned_repo=pinned_repo,
        )

        knowledge_note_create_request.additional_properties = d
        return knowledge_note_create_request

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
