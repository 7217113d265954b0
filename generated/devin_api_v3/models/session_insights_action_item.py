from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_item_type import ActionItemType
from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionInsightsActionItem")


@_attrs_define
class SessionInsightsActionItem:
    """
    Attributes:
        action_item (str):
        issue_id (None | str | Unset):
        type_ (ActionItemType | None | str | Unset):
    """

    action_item: str
    issue_id: None | str | Unset = UNSET
    type_: ActionItemType | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_item = self.action_item

        issue_id: None | str | Unset
        if isinstance(self.issue_id, Unset):
            issue_id = UNSET
        else:
            issue_id = self.issue_id

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, ActionItemType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_item": action_item,
            }
        )
        if issue_id is not UNSET:
            field_dict["issue_id"] = issue_id
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action_item = d.pop("action_item")

        def _parse_issue_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        issue_id = _parse_issue_id(d.pop("issue_id", UNSET))

        def _parse_type_(data: object) -> ActionItemType | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = ActionItemType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActionItemType | None | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        session_insights_action_item = cls(
            action_item=action_item,
            issue_id=issue_id,
            type_=type_,
        )

        session_insights_action_item.additional_properties = d
        return session_insights_action_item

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
