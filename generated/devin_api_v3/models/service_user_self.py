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

T = TypeVar("T", bound="ServiceUserSelf")


@_attrs_define
class ServiceUserSelf:
    """Identity information for an authenticated service user.

    Attributes:
        principal_type (Literal['service_user']):
        service_user_id (str):
        service_user_name (str):
        org_id (None | str | Unset):
    """

    principal_type: Literal["service_user"]
    service_user_id: str
    service_user_name: str
    org_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        principal_type = self.principal_type

        service_user_id = self.service_user_id

        service_user_name = self.service_user_name

        org_id: None | str | Unset
        if isinstance(self.org_id, Unset):
            org_id = UNSET
        else:
            org_id = self.org_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "principal_type": principal_type,
                "service_user_id": service_user_id,
                "service_user_name": service_user_name,
            }
        )
        if org_id is not UNSET:
            field_dict["org_id"] = org_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        principal_type = cast(Literal["service_user"], d.pop("principal_type"))
        if principal_type != "service_user":
            raise ValueError(
                f"principal_type must match const 'service_user', got '{principal_type}'"
            )

        service_user_id = d.pop("service_user_id")

        service_user_name = d.pop("service_user_name")

        def _parse_org_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        org_id = _parse_org_id(d.pop("org_id", UNSET))

        service_user_self = cls(
            principal_type=principal_type,
            service_user_id=service_user_id,
            service_user_name=service_user_name,
            org_id=org_id,
        )

        service_user_self.additional_properties = d
        return service_user_self

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
