from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatUserSelf")


@_attrs_define
class PatUserSelf:
    """Identity information for an authenticated PAT user.

    Attributes:
        api_key_id (str):
        api_key_name (str):
        principal_type (Literal['pat_user']):
        user_id (str):
        user_name (str):
        org_id (None | str | Unset):
    """

    api_key_id: str
    api_key_name: str
    principal_type: Literal["pat_user"]
    user_id: str
    user_name: str
    org_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_key_id = self.api_key_id

        api_key_name = self.api_key_name

        principal_type = self.principal_type

        user_id = self.user_id

        user_name = self.user_name

        org_id: None | str | Unset
        if isinstance(self.org_id, Unset):
            org_id = UNSET
        else:
            org_id = self.org_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_key_id": api_key_id,
                "api_key_name": api_key_name,
                "principal_type": principal_type,
                "user_id": user_id,
                "user_name": user_name,
            }
        )
        if org_id is not UNSET:
            field_dict["org_id"] = org_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_key_id = d.pop("api_key_id")

        api_key_name = d.pop("api_key_name")

        principal_type = cast(Literal["pat_user"], d.pop("principal_type"))
        if principal_type != "pat_user":
            raise ValueError(
                f"principal_type must match const 'pat_user', got '{principal_type}'"
            )

        user_id = d.pop("user_id")

        user_name = d.pop("user_name")

        def _parse_org_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        org_id = _parse_org_id(d.pop("org_id", UNSET))

        pat_user_self = cls(
            api_key_id=api_key_id,
            api_key_name=api_key_name,
            principal_type=principal_type,
            user_id=user_id,
            user_name=user_name,
            org_id=org_id,
        )

        pat_user_self.additional_properties = d
        return pat_user_self

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
