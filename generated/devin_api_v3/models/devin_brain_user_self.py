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

T = TypeVar("T", bound="DevinBrainUserSelf")


@_attrs_define
class DevinBrainUserSelf:
    """Identity information for an authenticated Devin brain session.

    Attributes:
        devin_id (str):
        org_id (str):
        principal_type (Literal['devin_brain']):
        user_id (str):
        creator_service_user_id (None | str | Unset):
    """

    devin_id: str
    org_id: str
    principal_type: Literal["devin_brain"]
    user_id: str
    creator_service_user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        devin_id = self.devin_id

        org_id = self.org_id

        principal_type = self.principal_type

        user_id = self.user_id

        creator_service_user_id: None | str | Unset
        if isinstance(self.creator_service_user_id, Unset):
            creator_service_user_id = UNSET
        else:
            creator_service_user_id = self.creator_service_user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "devin_id": devin_id,
                "org_id": org_id,
                "principal_type": principal_type,
                "user_id": user_id,
            }
        )
        if creator_service_user_id is not UNSET:
            field_dict["creator_service_user_id"] = creator_service_user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        devin_id = d.pop("devin_id")

        org_id = d.pop("org_id")

        principal_type = cast(Literal["devin_brain"], d.pop("principal_type"))
        if principal_type != "devin_brain":
            raise ValueError(
                f"principal_type must match const 'devin_brain', got '{principal_type}'"
            )

        user_id = d.pop("user_id")

        def _parse_creator_service_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        creator_service_user_id = _parse_creator_service_user_id(
            d.pop("creator_service_user_id", UNSET)
        )

        devin_brain_user_self = cls(
            devin_id=devin_id,
            org_id=org_id,
            principal_type=principal_type,
            user_id=user_id,
            creator_service_user_id=creator_service_user_id,
        )

        devin_brain_user_self.additional_properties = d
        return devin_brain_user_self

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
