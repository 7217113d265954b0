from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionInsightsClassification")


@_attrs_define
class SessionInsightsClassification:
    """
    Attributes:
        category (str):
        confidence (float):
        programming_languages (list[str] | Unset):
        tools_and_frameworks (list[str] | Unset):
    """

    category: str
    confidence: float
    programming_languages: list[str] | Unset = UNSET
    tools_and_frameworks: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        confidence = self.confidence

        programming_languages: list[str] | Unset = UNSET
        if not isinstance(self.programming_languages, Unset):
            programming_languages = self.programming_languages

        tools_and_frameworks: list[str] | Unset = UNSET
        if not isinstance(self.tools_and_frameworks, Unset):
            tools_and_frameworks = self.tools_and_frameworks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "confidence": confidence,
            }
        )
        if programming_languages is not UNSET:
            field_dict["programming_languages"] = programming_languages
        if tools_and_frameworks is not UNSET:
            field_dict["tools_and_frameworks"] = tools_and_frameworks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category = d.pop("category")

        confidence = d.pop("confidence")

        programming_languages = cast(list[str], d.pop("programming_languages", UNSET))

        tools_and_frameworks = cast(list[str], d.pop("tools_and_frameworks", UNSET))

        session_insights_classification = cls(
            category=category,
            confidence=confidence,
            programming_languages=programming_languages,
            tools_and_frameworks=tools_and_frameworks,
        )

        session_insights_classification.additional_properties = d
        return session_insights_classification

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
