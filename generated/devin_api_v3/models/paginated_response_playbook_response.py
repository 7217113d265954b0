from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.playbook_response import PlaybookResponse


T = TypeVar("T", bound="PaginatedResponsePlaybookResponse")


@_attrs_define
class PaginatedResponsePlaybookResponse:
    """
    Attributes:
        items (list[PlaybookResponse]):
        end_cursor (None | str | Unset): Cursor to fetch the next page, or None if this is the last page.
        has_next_page (bool | Unset): Whether there are more items available after this page. Default: False.
        total (int | None | Unset): Optional total count (can be omitted for performance).
    """

    items: list[PlaybookResponse]
    end_cursor: None | str | Unset = UNSET
    has_next_page: bool | Unset = False
    total: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        end_cursor: None | str | Unset
        if isinstance(self.end_cursor, Unset):
            end_cursor = UNSET
        else:
            end_cursor = self.end_cursor

        has_next_page = self.has_next_page

        total: int | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        else:
            total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )
        if end_cursor is not UNSET:
            field_dict["end_cursor"] = end_cursor
        if has_next_page is not UNSET:
            field_dict["has_next_page"] = has_next_page
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.playbook_response import PlaybookResponse  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = PlaybookResponse.from_dict(items_item_data)

            items.append(items_item)

        def _parse_end_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        end_cursor = _parse_end_cursor(d.pop("end_cursor", UNSET))

        has_next_page = d.pop("has_next_page", UNSET)

        def _parse_total(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total = _parse_total(d.pop("total", UNSET))

        paginated_response_playbook_response = cls(
            items=items,
            end_cursor=end_cursor,
            has_next_page=has_next_page,
            total=total,
        )

        paginated_response_playbook_response.additional_properties = d
        return paginated_response_playbook_response

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
