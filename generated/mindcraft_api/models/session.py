from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.session_config import SessionConfig


T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    """
    Attributes:
        session_id (int):
        api_id (int):
        device_id (None): Declared null on the page (the session is not bound to a device).
        session_name (str):
        session_config (SessionConfig): The session's settings as created. The page types it only as object; the
            properties are read off its example, where config_data comes back as data.
        session_remark (str):
        created_at (str): Local time as 'YYYY-MM-DD HH:MM:SS' (the example's form).
        updated_at (str): Local time as 'YYYY-MM-DD HH:MM:SS' (the example's form).
    """

    session_id: int
    api_id: int
    device_id: None
    session_name: str
    session_config: SessionConfig
    session_remark: str
    created_at: str
    updated_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

        api_id = self.api_id

        device_id = self.device_id

        session_name = self.session_name

        session_config = self.session_config.to_dict()

        session_remark = self.session_remark

        created_at = self.created_at

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
                "api_id": api_id,
                "device_id": device_id,
                "session_name": session_name,
                "session_config": session_config,
                "session_remark": session_remark,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_config import SessionConfig  # noqa: PLC0415

        d = dict(src_dict)
        session_id = d.pop("session_id")

        api_id = d.pop("api_id")

        device_id = d.pop("device_id")

        session_name = d.pop("session_name")

        session_config = SessionConfig.from_dict(d.pop("session_config"))

        session_remark = d.pop("session_remark")

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        session = cls(
            session_id=session_id,
            api_id=api_id,
            device_id=device_id,
            session_name=session_name,
            session_config=session_config,
            session_remark=session_remark,
            created_at=created_at,
            updated_at=updated_at,
        )

        session.additional_properties = d
        return session

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
