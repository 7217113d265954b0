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

T = TypeVar("T", bound="WindsurfSessionUserSelf")


@_attrs_define
class WindsurfSessionUserSelf:
    """Identity information for an authenticated Windsurf session user.

    Attributes:
        org_id (str):
        principal_type (Literal['windsurf_session']):
        user_id (str):
        user_name (None | str | Unset):
    """

    org_id: str
    principal_type: Literal["windsurf_session"]
    user_id: str
    user_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        org_id = self.org_id

        principal_type = self.principal_type

        user_id = self.user_id

        user_name: None | str | Unset
        if isinstance(self.user_name, Unset):
            user_name = UNSET
        else:
            user_name = self.user_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "org_id": org_id,
                "principal_type": principal_type,
                "user_id": user_id,
            }
        )
        if user_name is not UNSET:
            field_dict["user_name"] = user_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        org_id = d.pop("org_id")

        principal_type = cast(Literal["windsurf_session"], d.pop("principal_type"))
        if principal_type != "windsurf_session":
            raise ValueError(
                f"principal_type must match const 'windsurf_session', got '{principal_type}'"
            )

        user_id = d.pop("user_id")

        def _parse_user_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_name = _parse_user_name(d.pop("user_name", UNSET))

        windsurf_session_user_self = cls(
            org_id=org_id,
            principal_type=principal_type,
            user_id=user_id,
            user_name=user_name,
        )

        windsurf_session_user_self.additional_properties = d
        return windsurf_session_user_self

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
