from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PlaybookResponse")


@_attrs_define
class PlaybookResponse:
    """
    Attributes:
        access_type (str):
        body (str):
        created_at (datetime.datetime | None):
        created_by_user_id (None | str):
        created_by_user_name (None | str):
        org_id (str):
        playbook_id (str):
        status (str):
        title (str):
        updated_at (datetime.datetime | None):
        updated_by_user_id (None | str):
        updated_by_user_name (None | str):
        macro (None | str | Unset):
    """

    access_type: str
    body: str
    created_at: datetime.datetime | None
    created_by_user_id: None | str
    created_by_user_name: None | str
    org_id: str
    playbook_id: str
    status: str
    title: str
    updated_at: datetime.datetime | None
    updated_by_user_id: None | str
    updated_by_user_name: None | str
    macro: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_type = self.access_type

        body = self.body

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        created_by_user_id: None | str
        created_by_user_id = self.created_by_user_id

        created_by_user_name: None | str
        created_by_user_name = self.created_by_user_name

        org_id = self.org_id

        playbook_id = self.playbook_id

        status = self.status

        title = self.title

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        updated_by_user_id: None | str
        updated_by_user_id = self.updated_by_user_id

        updated_by_user_name: None | str
        updated_by_user_name = self.updated_by_user_name

        macro: None | str | Unset
        if isinstance(self.macro, Unset):
            macro = UNSET
        else:
            macro = self.macro

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_type": access_type,
                "body": body,
                "created_at": created_at,
                "created_by_user_id": created_by_user_id,
                "created_by_user_name": created_by_user_name,
                "org_id": org_id,
                "playbook_id": playbook_id,
                "status": status,
                "title": title,
                "updated_at": updated_at,
                "updated_by_user_id": updated_by_user_id,
                "updated_by_user_name": updated_by_user_name,
            }
        )
        if macro is not UNSET:
            field_dict["macro"] = macro

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        access_type = d.pop("access_type")

        body = d.pop("body")

        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))

        def _parse_created_by_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by_user_id = _parse_created_by_user_id(d.pop("created_by_user_id"))

        def _parse_created_by_user_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by_user_name = _parse_created_by_user_name(
            d.pop("created_by_user_name")
        )

        org_id = d.pop("org_id")

        playbook_id = d.pop("playbook_id")

        status = d.pop("status")

        title = d.pop("title")

        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))

        def _parse_updated_by_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        updated_by_user_id = _parse_updated_by_user_id(d.pop("updated_by_user_id"))

        def _parse_updated_by_user_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        updated_by_user_name = _parse_updated_by_user_name(
            d.pop("updated_by_user_name")
        )

        def _parse_macro(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        macro = _parse_macro(d.pop("macro", UNSET))

        playbook_response = cls(
            access_type=access_type,
            body=body,
            created_at=created_at,
            created_by_user_id=created_by_user_id,
            created_by_user_name=created_by_user_name,
            org_id=org_id,
            playbook_id=playbook_id,
            status=status,
            title=title,
            updated_at=updated_at,
            updated_by_user_id=updated_by_user_id,
            updated_by_user_name=updated_by_user_name,
            macro=macro,
        )

        playbook_response.additional_properties = d
        return playbook_response

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
