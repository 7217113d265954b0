from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_create_request_config_data import (
        SessionCreateRequestConfigData,
    )


T = TypeVar("T", bound="SessionCreateRequest")


@_attrs_define
class SessionCreateRequest:
    """
    Attributes:
        model (str): 初始设置 房间model - the room's initial model.
        session_name (str | Unset): 房间名称(可重复) - the room's name; names may repeat.
        session_remark (str | Unset): 额外记录字段(创建用户,房间人数等,最大1000字符) - an extra record (creating user, number of
            people...), at most 1000 characters. The example holds a JSON document as a string.
        config_data (SessionCreateRequestConfigData | Unset): 可额外设置房间数据 用来数据库检索(字符长度最大100字符) - extra room data for
            database lookups, at most 100 characters long (its JSON form; JSON Schema cannot state that limit, so it is
            given as x-max-json-length).
        prompt (str | Unset): 初始设置 房间prompt - the room's initial prompt.
        temperature (float | Unset): 初始设置 房间temperature - the room's initial temperature.
        max_tokens (int | Unset): 初始设置 房间max_tokens - the room's initial max_tokens. Example: 4000.
        history_length (int | Unset): 初始设置 房间读取历史记录长度 - how many history records the room reads. Default: 8.
    """

    model: str
    session_name: str | Unset = UNSET
    session_remark: str | Unset = UNSET
    config_data: SessionCreateRequestConfigData | Unset = UNSET
    prompt: str | Unset = UNSET
    temperature: float | Unset = UNSET
    max_tokens: int | Unset = UNSET
    history_length: int | Unset = 8
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        session_name = self.session_name

        session_remark = self.session_remark

        config_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config_data, Unset):
            config_data = self.config_data.to_dict()

        prompt = self.prompt

        temperature = self.temperature

        max_tokens = self.max_tokens

        history_length = self.history_length

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
            }
        )
        if session_name is not UNSET:
            field_dict["session_name"] = session_name
        if session_remark is not UNSET:
            field_dict["session_remark"] = session_remark
        if config_data is not UNSET:
            field_dict["config_data"] = config_data
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if history_length is not UNSET:
            field_dict["history_length"] = history_length

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_create_request_config_data import (
            SessionCreateRequestConfigData,  # noqa: PLC0415
        )

        d = dict(src_dict)
        model = d.pop("model")

        session_name = d.pop("session_name", UNSET)

        session_remark = d.pop("session_remark", UNSET)

        _config_data = d.pop("config_data", UNSET)
        config_data: SessionCreateRequestConfigData | Unset
        if isinstance(_config_data, Unset):
            config_data = UNSET
        else:
            config_data = SessionCreateRequestConfigData.from_dict(_config_data)

        prompt = d.pop("prompt", UNSET)

        temperature = d.pop("temperature", UNSET)

        max_tokens = d.pop("max_tokens", UNSET)

        history_length = d.pop("history_length", UNSET)

        session_create_request = cls(
            model=model,
            session_name=session_name,
            session_remark=session_remark,
            config_data=config_data,
            prompt=prompt,
            temperature=temperature,
            max_tokens=max_tokens,
            history_length=history_length,
        )

        session_create_request.additional_properties = d
        return session_create_request

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
