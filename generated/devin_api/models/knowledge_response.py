from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.knowledge_created_by import KnowledgeCreatedBy


T = TypeVar("T", bound="KnowledgeResponse")


@_attrs_define
class KnowledgeResponse:
    """
    Attributes:
        body (str):
        created_at (datetime.datetime):
        id (str):
        name (str):
        trigger_description (str):
        created_by (KnowledgeCreatedBy | None | Unset):
        macro (None | str | Unset):
        parent_folder_id (None | str | Unset):
        pinned_repo (None | str | Unset):
    """

    body: str
    created_at: datetime.datetime
    id: str
    name: str
    trigger_description: str
    created_by: KnowledgeCreatedBy | None | Unset = UNSET
    macro: None | str | Unset = UNSET
    parent_folder_id: None | str | Unset = UNSET
    pinned_repo: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.knowledge_created_by import KnowledgeCreatedBy  # noqa: PLC0415

        body = self.body

        created_at = self.created_at.isoformat()

        id = self.id

        name = self.name

        trigger_description = self.trigger_description

        created_by: dict[str, Any] | None | Unset
        if isinstance(self.created_by, Unset):
            created_by = UNSET
        elif isinstance(self.created_by, KnowledgeCreatedBy):
            created_by = self.created_by.to_dict()
        else:
            created_by = self.created_by

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
                "created_at": created_at,
                "id": id,
                "name": name,
                "trigger_description": trigger_description,
            }
        )
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if macro is not UNSET:
            field_dict["macro"] = macro
        if parent_folder_id is not UNSET:
            field_dict["parent_folder_id"] = parent_folder_id
        if pinned_repo is not UNSET:
            field_dict["pinned_repo"] = pinned_repo

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.knowledge_created_by import KnowledgeCreatedBy  # noqa: PLC0415

        d = dict(src_dict)
        body = d.pop("body")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        name = d.pop("name")

        trigger_description = d.pop("trigger_description")

        def _parse_created_by(data: object) -> KnowledgeCreatedBy | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                created_by_type_0 = KnowledgeCreatedBy.from_dict(data)

                return created_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnowledgeCreatedBy | None | Unset, data)

        created_by = _parse_created_by(d.pop("created_by", UNSET))

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

        knowledge_response = cls(
            body=body,
            created_at=created_at,
            id=id,
            name=name,
            trigger_description=trigger_description,
            created_by=created_by,
            macro=macro,
            parent_folder_id=parent_folder_id,
            pinned_repo=pinned_repo,
        )

        knowledge_response.additional_properties = d
        return knowledge_response

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
