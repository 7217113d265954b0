from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.folder_response import FolderResponse
    from ..models.knowledge_response import KnowledgeResponse


T = TypeVar("T", bound="AllKnowledgeResponse")


@_attrs_define
class AllKnowledgeResponse:
    """
    Attributes:
        folders (list[FolderResponse]):
        knowledge (list[KnowledgeResponse]):
    """

    folders: list[FolderResponse]
    knowledge: list[KnowledgeResponse]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        folders = []
        for folders_item_data in self.folders:
            folders_item = folders_item_data.to_dict()
            folders.append(folders_item)

        knowledge = []
        for knowledge_item_data in self.knowledge:
            knowledge_item = knowledge_item_data.to_dict()
            knowledge.append(knowledge_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "folders": folders,
                "knowledge": knowledge,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.folder_response import FolderResponse  # noqa: PLC0415
        from ..models.knowledge_response import KnowledgeResponse  # noqa: PLC0415

        d = dict(src_dict)
        folders = []
        _folders = d.pop("folders")
        for folders_item_data in _folders:
            folders_item = FolderResponse.from_dict(folders_item_data)

            folders.append(folders_item)

        knowledge = []
        _knowledge = d.pop("knowledge")
        for knowledge_item_data in _knowledge:
            knowledge_item = KnowledgeResponse.from_dict(knowledge_item_data)

            knowledge.append(knowledge_item)

        all_knowledge_response = cls(
            folders=folders,
            knowledge=knowledge,
        )

        all_knowledge_response.additional_properties = d
        return all_knowledge_response

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
