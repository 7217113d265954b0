from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_config_data import SessionConfigData


T = TypeVar("T", bound="SessionConfig")


@_attrs_define
class SessionConfig:
    """The session's settings as created. The page types it only as object; the properties are read off its example, where
    config_data comes back as data.

        Attributes:
            model (str | Unset):
            prompt (str | Unset):
            temperature (float | Unset):
            max_tokens (int | Unset):
            history_length (int | Unset):
            data (SessionConfigData | Unset):
    """

    model: str | Unset = UNSET
    prompt: str | Unset = UNSET
    temperature: float | Unset = UNSET
    max_tokens: int | Unset = UNSET
    history_length: int | Unset = UNSET
    data: SessionConfigData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        prompt = self.prompt

        temperature = self.temperature

        max_tokens = self.max_tokens

        history_length = self.history_length

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if model is not UNSET:
            field_dict["model"] = model
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if history_length is not UNSET:
            field_dict["history_length"] = history_length
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_config_data import SessionConfigData  # noqa: PLC0415

        d = dict(src_dict)
        model = d.pop("model", UNSET)

        prompt = d.pop("prompt", UNSET)

        temperature = d.pop("temperature", UNSET)

        max_tokens = d.pop("max_tokens", UNSET)

        history_length = d.pop("history_length", UNSET)

        _data = d.pop("data", UNSET)
        data: SessionConfigData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = SessionConfigData.from_dict(_data)

        session_config = cls(
            model=model,
            prompt=prompt,
            temperature=temperature,
            max_tokens=max_tokens,
            history_length=history_length,
            data=data,
        )

        session_config.additional_properties = d
        return session_config

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
