from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.secret_access_type import SecretAccessType
from ..models.secret_type import SecretType
from ..types import UNSET, Unset

T = TypeVar("T", bound="SecretResponse")


@_attrs_define
class SecretResponse:
    """
    Attributes:
        access_type (SecretAccessType | str):
        created_at (int):
        created_by (str):
        is_sensitive (bool):
        key (None | str):
        note (None | str):
        secret_id (str):
        secret_type (SecretType | str):
        updated_at (int | None | Unset):
        updated_by (None | str | Unset):
    """

    access_type: SecretAccessType | str
    created_at: int
    created_by: str
    is_sensitive: bool
    key: None | str
    note: None | str
    secret_id: str
    secret_type: SecretType | str
    updated_at: int | None | Unset = UNSET
    updated_by: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_type: str
        if isinstance(self.access_type, SecretAccessType):
            access_type = self.access_type.value
        else:
            access_type = self.access_type

        created_at = self.created_at

        created_by = self.created_by

        is_sensitive = self.is_sensitive

        key: None | str
        key = self.key

        note: None | str
        note = self.note

        secret_id = self.secret_id

        secret_type: str
        if isinstance(self.secret_type, SecretType):
            secret_type = self.secret_type.value
        else:
            secret_type = self.secret_type

        updated_at: int | None | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = self.updated_at

        updated_by: None | str | Unset
        if isinstance(self.updated_by, Unset):
            updated_by = UNSET
        else:
            updated_by = self.updated_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_type": access_type,
                "created_at": created_at,
                "created_by": created_by,
                "is_sensitive": is_sensitive,
                "key": key,
                "note": note,
                "secret_id": secret_id,
                "secret_type": secret_type,
            }
        )
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if updated_by is not UNSET:
            field_dict["updated_by"] = updated_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_access_type(data: object) -> SecretAccessType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                access_type_type_0 = SecretAccessType(data)

                return access_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(SecretAccessType | str, data)

        access_type = _parse_access_type(d.pop("access_type"))

        created_at = d.pop("created_at")

        created_by = d.pop("created_by")

        is_sensitive = d.pop("is_sensitive")

        def _parse_key(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        key = _parse_key(d.pop("key"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        secret_id = d.pop("secret_id")

        def _parse_secret_type(data: object) -> SecretType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                secret_type_type_0 = SecretType(data)

                return secret_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(SecretType | str, data)

        secret_type = _parse_secret_type(d.pop("secret_type"))

        def _parse_updated_at(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        def _parse_updated_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated_by = _parse_updated_by(d.pop("updated_by", UNSET))

        secret_response = cls(
            access_type=access_type,
            created_at=created_at,
            created_by=created_by,
            is_sensitive=is_sensitive,
            key=key,
            note=note,
            secret_id=secret_id,
            secret_type=secret_type,
            updated_at=updated_at,
            updated_by=updated_by,
        )

        secret_response.additional_properties = d
        return secret_response

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
