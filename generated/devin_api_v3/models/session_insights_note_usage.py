from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.note_usage_item import NoteUsageItem


T = TypeVar("T", bound="SessionInsightsNoteUsage")


@_attrs_define
class SessionInsightsNoteUsage:
    """
    Attributes:
        bad_usages (list[NoteUsageItem] | Unset):
        good_usages (list[NoteUsageItem] | Unset):
    """

    bad_usages: list[NoteUsageItem] | Unset = UNSET
    good_usages: list[NoteUsageItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bad_usages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.bad_usages, Unset):
            bad_usages = []
            for bad_usages_item_data in self.bad_usages:
                bad_usages_item = bad_usages_item_data.to_dict()
                bad_usages.append(bad_usages_item)

        good_usages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.good_usages, Unset):
            good_usages = []
            for good_usages_item_data in self.good_usages:
                good_usages_item = good_usages_item_data.to_dict()
                good_usages.append(good_usages_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bad_usages is not UNSET:
            field_dict["bad_usages"] = bad_usages
        if good_usages is not UNSET:
            field_dict["good_usages"] = good_usages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.note_usage_item import NoteUsageItem  # noqa: PLC0415

        d = dict(src_dict)
        _bad_usages = d.pop("bad_usages", UNSET)
        bad_usages: list[NoteUsageItem] | Unset = UNSET
        if _bad_usages is not UNSET:
            bad_usages = []
            for bad_usages_item_data in _bad_usages:
                bad_usages_item = NoteUsageItem.from_dict(bad_usages_item_data)

                bad_usages.append(bad_usages_item)

        _good_usages = d.pop("good_usages", UNSET)
        good_usages: list[NoteUsageItem] | Unset = UNSET
        if _good_usages is not UNSET:
            good_usages = []
            for good_usages_item_data in _good_usages:
                good_usages_item = NoteUsageItem.from_dict(good_usages_item_data)

                good_usages.append(good_usages_item)

        session_insights_note_usage = cls(
            bad_usages=bad_usages,
            good_usages=good_usages,
        )

        session_insights_note_usage.additional_properties = d
        return session_insights_note_usage

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
