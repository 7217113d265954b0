from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.folder_summary import FolderSummary


T = TypeVar("T", bound="FolderTreeResponse")


@_attrs_define
class FolderTreeResponse:
    """Response for the folder-structure endpoint.

    Attributes:
        folders (list[FolderSummary]):
        root_note_count (int):
    """

    folders: list[FolderSummary]
    root_note_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        folders = []
        for folders_item_data in self.folders:
            folders_item = folders_item_data.to_dict()
            folders.append(folders_item)

        root_note_count = self.root_note_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "folders": folders,
                "root_note_count": root_note_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.folder_summary import FolderSummary  # noqa: PLC0415

        d = dict(src_dict)
        folders = []
        _folders = d.pop("folders")
        for folders_item_data in _folders:
            folders_item = FolderSummary.from_dict(folders_item_data)

            folders.append(folders_item)

        root_note_count = d.pop("root_note_count")

        folder_tree_response = cls(
            folders=folders,
            root_note_count=root_note_count,
        )

        folder_tree_response.additional_properties = d
        return folder_tree_response

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
