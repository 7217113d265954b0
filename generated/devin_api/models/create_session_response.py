from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateSessionResponse")


@_attrs_define
class CreateSessionResponse:
    """Response body returned when a session is successfully created.

    Attributes:
        session_id (str):
        url (str):
        is_new_session (bool | None | Unset):
    """

    session_id: str
    url: str
    is_new_session: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        url = self.url

        is_new_session: bool | None | Unset
        if isinstance(self.is_new_session, Unset):
            is_new_session = UNSET
        else:
            is_new_session = self.is_new_session

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
                "url": url,
            }
        )
        if is_new_session is not UNSET:
            field_dict["is_new_session"] = is_new_session

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        session_id = d.pop("session_id")

        url = d.pop("url")

        def _parse_is_new_session(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_new_session = _parse_is_new_session(d.pop("is_new_session", UNSET))

        create_session_response = cls(
            session_id=session_id,
            url=url,
            is_new_session=is_new_session,
        )

        create_session_response.additional_properties = d
        return create_session_response

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
