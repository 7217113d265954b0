from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SessionPullRequest")


@_attrs_define
class SessionPullRequest:
    """
    Attributes:
        pr_state (None | str):
        pr_url (str):
    """

    pr_state: None | str
    pr_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pr_state: None | str
        pr_state = self.pr_state

        pr_url = self.pr_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pr_state": pr_state,
                "pr_url": pr_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_pr_state(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pr_state = _parse_pr_state(d.pop("pr_state"))

        pr_url = d.pop("pr_url")

        session_pull_request = cls(
            pr_state=pr_state,
            pr_url=pr_url,
        )

        session_pull_request.additional_properties = d
        return session_pull_request

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
