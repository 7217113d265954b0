from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionInsightsSuggestedPromptFeedbackItem")


@_attrs_define
class SessionInsightsSuggestedPromptFeedbackItem:
    """
    Attributes:
        details (str):
        excerpt (str):
        summary (str):
        issue_id (None | str | Unset):
    """

    details: str
    excerpt: str
    summary: str
    issue_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        details = self.details

        excerpt = self.excerpt

        summary = self.summary

        issue_id: None | str | Unset
        if isinstance(self.issue_id, Unset):
            issue_id = UNSET
        else:
            issue_id = self.issue_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "details": details,
                "excerpt": excerpt,
                "summary": summary,
            }
        )
        if issue_id is not UNSET:
            field_dict["issue_id"] = issue_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        details = d.pop("details")

        excerpt = d.pop("excerpt")

        summary = d.pop("summary")

        def _parse_issue_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        issue_id = _parse_issue_id(d.pop("issue_id", UNSET))

        session_insights_suggested_prompt_feedback_item = cls(
            details=details,
            excerpt=excerpt,
            summary=summary,
            issue_id=issue_id,
        )

        session_insights_suggested_prompt_feedback_item.additional_properties = d
        return session_insights_suggested_prompt_feedback_item

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
