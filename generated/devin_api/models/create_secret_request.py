from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_secret_type import CreateSecretType

T = TypeVar("T", bound="CreateSecretRequest")


def _hidden(value: object) -> str:
    """The repr of a field marked x-secret in the spec: never its value."""
    return "***"


@_attrs_define
class CreateSecretRequest:
    """Request body for creating a new secret

    Attributes:
        type_ (CreateSecretType): Type of secret. Must be one of: cookie, key-value, totp
        key (str): User-defined name for the secret. Must be unique within the organization.
        value (str): The secret value to store. Will be encrypted at rest.
        sensitive (bool): Whether the secret should be treated as sensitive and redacted in logs.
        note (str): Optional note describing the secret's purpose.
    """

    type_: CreateSecretType
    key: str
    value: str = _attrs_field(repr=_hidden)
    sensitive: bool
    note: str
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=_hidden
    )

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        key = self.key

        value = self.value

        sensitive = self.sensitive

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "key": key,
                "value": value,
                "sensitive": sensitive,
                "note": note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = CreateSecretType(d.pop("type"))

        key = d.pop("key")

        value = d.pop("value")

        sensitive = d.pop("sensitive")

        note = d.pop("note")

        create_secret_request = cls(
            type_=type_,
            key=key,
            value=value,
            sensitive=sensitive,
            note=note,
        )

        create_secret_request.additional_properties = d
        return create_secret_request

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
