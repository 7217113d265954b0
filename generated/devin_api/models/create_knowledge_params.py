from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateKnowledgeParams")


@_attrs_define
class CreateKnowledgeParams:
    """
    Attributes:
        body (str):
        name (str):
        trigger_description (str):
        macro (None | str | Unset):
        parent_folder_id (None | str | Unset):
        pinned_repo (None | str | Unset): Pin knowledge to specific repositories: null = no pinning (default), "all" =
            all repositories, "owner/repo" = a specific repository.
    """

    body: str
    name: str
    trigger_description: str
    macro: None | str | Unset = UNSET
    parent_folder_id: None | str | Unset = UNSET
    pinned_repo: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        name = self.name

        trigger_description = self.trigger_description

        macro: None | str | Unset
        if isinstance(self.macro, Unset):
            macro = UNSET
        else:
            macro = self.macro

        parent_folder_id: None | str | Unset
        if isinstance(self.parent_folder_id, Unset):
            parent_folder_id = UNSET
        else:
            parent_folder_id = self.parent_folder_id

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
                "trigger_description": trigger_description,
            }
        )
        if macro is not UNSET:
            field_dict["macro"] = macro
        if parent_folder_id is not UNSET:
            field_dict["parent_folder_id"] = parent_folder_id
        if pinned_repo is not UNSET:
            field_dict["pinned_repo"] = pinned_repo

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        name = d.pop("name")

        trigger_description = d.pop("trigger_description")

        def _parse_macro(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        macro = _parse_macro(d.pop("macro", UNSET))

        def _parse_parent_folder_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_folder_id = _parse_parent_folder_id(d.pop("parent_folder_id", UNSET))

        def _parse_pinned_repo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pinned_repo = _parse_pinned_repo(d.pop("pinned_repo", UNSET))

        create_knowledge_params = cls(
            body=body,
            name=name,
            trigger_description=trigger_description,
            macro=macro,
            parent_folder_id=parent_folder_id,
            pinned_repo=pinned_repo,
        )

        create_knowledge_params.additional_properties = d
        return create_knowledge_params

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
