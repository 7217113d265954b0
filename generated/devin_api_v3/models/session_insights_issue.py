from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SessionInsightsIssue")


@_attrs_define
class SessionInsightsIssue:
    """
    Attributes:
        id (str):
        impact (str):
        issue (str):
        label (str):
    """

    id: str
    impact: str
    issue: str
    label: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        impact = self.impact

        issue = self.issue

        label = self.label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "impact": impact,
                "issue": issue,
                "label": label,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        impact = d.pop("impact")

        issue = d.pop("issue")

        label = d.pop("label")

        session_insights_issue = cls(
            id=id,
            impact=impact,
            issue=issue,
            label=label,
        )

        session_insights_issue.additional_properties = d
        return session_insights_issue

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
