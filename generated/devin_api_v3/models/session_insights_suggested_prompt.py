from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_insights_suggested_prompt_feedback_item import (
        SessionInsightsSuggestedPromptFeedbackItem,
    )


T = TypeVar("T", bound="SessionInsightsSuggestedPrompt")


@_attrs_define
class SessionInsightsSuggestedPrompt:
    """
    Attributes:
        original_prompt (str):
        suggested_prompt (str):
        feedback_items (list[SessionInsightsSuggestedPromptFeedbackItem] | Unset):
    """

    original_prompt: str
    suggested_prompt: str
    feedback_items: list[SessionInsightsSuggestedPromptFeedbackItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        original_prompt = self.original_prompt

        suggested_prompt = self.suggested_prompt

        feedback_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.feedback_items, Unset):
            feedback_items = []
            for feedback_items_item_data in self.feedback_items:
                feedback_items_item = feedback_items_item_data.to_dict()
                feedback_items.append(feedback_items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "original_prompt": original_prompt,
                "suggested_prompt": suggested_prompt,
            }
        )
        if feedback_items is not UNSET:
            field_dict["feedback_items"] = feedback_items

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_insights_suggested_prompt_feedback_item import (
            SessionInsightsSuggestedPromptFeedbackItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        original_prompt = d.pop("original_prompt")

        suggested_prompt = d.pop("suggested_prompt")

        _feedback_items = d.pop("feedback_items", UNSET)
        feedback_items: list[SessionInsightsSuggestedPromptFeedbackItem] | Unset = UNSET
        if _feedback_items is not UNSET:
            feedback_items = []
            for feedback_items_item_data in _feedback_items:
                feedback_items_item = (
                    SessionInsightsSuggestedPromptFeedbackItem.from_dict(
                        feedback_items_item_data
                    )
                )

                feedback_items.append(feedback_items_item)

        session_insights_suggested_prompt = cls(
            original_prompt=original_prompt,
            suggested_prompt=suggested_prompt,
            feedback_items=feedback_items,
        )

        session_insights_suggested_prompt.additional_properties = d
        return session_insights_suggested_prompt

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
