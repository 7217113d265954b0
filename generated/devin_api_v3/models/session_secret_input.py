from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionSecretInput")


def _hidden(value: object) -> str:
    """The repr of a field marked x-secret in the spec: never its value."""
    return "***"


@_attrs_define
class SessionSecretInput:
    """Input model for a session secret provided via API.

    Attributes:
        key (str):
        value (str):
        sensitive (bool | Unset):  Default: True.
    """

    key: str
    value: str = _attrs_field(repr=_hidden)
    sensitive: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=_hidden
    )

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        value = self.value

        sensitive = self.sensitive

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "value": value,
            }
        )
        if sensitive is not UNSET:
            field_dict["sensitive"] = sensitive

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        value = d.pop("value")

        sensitive = d.pop("sensitive", UNSET)

        session_secret_input = cls(
            key=key,
            value=value,
            sensitive=sensitive,
        )

        session_secret_input.additional_properties = d
        return session_secret_input

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
