from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.secret_type import SecretType
from ..types import UNSET, Unset

T = TypeVar("T", bound="SecretCreateRequest")


def _hidden(value: object) -> str:
    """The repr of a field marked x-secret in the spec: never its value."""
    return "***"


@_attrs_define
class SecretCreateRequest:
    """
    Attributes:
        key (str):
        type_ (SecretType):
        value (str):
        is_sensitive (bool | Unset):  Default: True.
        note (None | str | Unset):
    """

    key: str
    type_: SecretType
    value: str = _attrs_field(repr=_hidden)
    is_sensitive: bool | Unset = True
    note: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=_hidden
    )

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        type_ = self.type_.value

        value = self.value

        is_sensitive = self.is_sensitive

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "type": type_,
                "value": value,
            }
        )
        if is_sensitive is not UNSET:
            field_dict["is_sensitive"] = is_sensitive
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        type_ = SecretType(d.pop("type"))

        value = d.pop("value")

        is_sensitive = d.pop("is_sensitive", UNSET)

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        secret_create_request = cls(
            key=key,
            type_=type_,
            value=value,
            is_sensitive=is_sensitive,
            note=note,
        )

        secret_create_request.additional_properties = d
        return secret_create_request

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
