from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.devin_mode import DevinMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_secret_input import SessionSecretInput
    from ..models.structured_output_schema import StructuredOutputSchema


T = TypeVar("T", bound="CreateSessionParams")


@_attrs_define
class CreateSessionParams:
    """
    Attributes:
        prompt (str):
        idempotent (bool | Unset):  Default: False.
        knowledge_ids (list[str] | None | Unset): List of knowledge IDs to use. If None, use all knowledge. If empty
            list, use no knowledge.
        max_acu_limit (int | None | Unset): Maximum ACU limit, must be positive
        playbook_id (None | str | Unset):
        secret_ids (list[str] | None | Unset): List of secret IDs to use. If None, use all secrets. If empty list, use
            no secrets.
        session_secrets (list[SessionSecretInput] | None | Unset): List of session-specific secrets to use. These
            secrets are only available in this session and are not stored in the organization's secrets.
        snapshot_id (None | str | Unset):
        structured_output_schema (None | StructuredOutputSchema | Unset): JSON Schema (Draft 7) for validating
            structured output. Max 64KB. Must be self-contained (no external $ref).
        tags (list[str] | None | Unset): List of tags to add to the session.
        title (None | str | Unset): Custom title for the session. If None, a title will be generated automatically.
        unlisted (bool | Unset):  Default: False.
        devin_mode (DevinMode | None | Unset): Override the Devin agent mode for the session. 'normal' is the default
            agent mode; 'fast' is about 2x faster and 4x more expensive with the same intelligence. When omitted, the
            organization's default mode is used.
        create_as_user_id (None | str | Unset): Create the session on behalf of this user (needs ImpersonateOrgSessions;
            the user must be an org member with UseDevinSessions).
    """

    prompt: str
    idempotent: bool | Unset = False
    knowledge_ids: list[str] | None | Unset = UNSET
    max_acu_limit: int | None | Unset = UNSET
    playbook_id: None | str | Unset = UNSET
    secret_ids: list[str] | None | Unset = UNSET
    session_secrets: list[SessionSecretInput] | None | Unset = UNSET
    snapshot_id: None | str | Unset = UNSET
    structured_output_schema: None | StructuredOutputSchema | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    title: None | str | Unset = UNSET
    unlisted: bool | Unset = False
    devin_mode: DevinMode | None | Unset = UNSET
    create_as_user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.structured_output_schema import StructuredOutputSchema  # noqa: PLC0415

        prompt = self.prompt

        idempotent = self.idempotent

        knowledge_ids: list[str] | None | Unset
        if isinstance(self.knowledge_ids, Unset):
            knowledge_ids = UNSET
        elif isinstance(self.knowledge_ids, list):
            knowledge_ids = self.knowledge_ids

        else:
            knowledge_ids = self.knowledge_ids

        max_acu_limit: int | None | Unset
        if isinstance(self.max_acu_limit, Unset):
            max_acu_limit = UNSET
        else:
            max_acu_limit = self.max_acu_limit

        playbook_id: None | str | Unset
        if isinstance(self.playbook_id, Unset):
            playbook_id = UNSET
        else:
            playbook_id = self.playbook_id

        secret_ids: list[str] | None | Unset
        if isinstance(self.secret_ids, Unset):
            secret_ids = UNSET
        elif isinstance(self.secret_ids, list):
            secret_ids = self.secret_ids

        else:
            secret_ids = self.secret_ids

        session_secrets: list[dict[str, Any]] | None | Unset
        if isinstance(self.session_secrets, Unset):
            session_secrets = UNSET
        elif isinstance(self.session_secrets, list):
            session_secrets = []
            for session_secrets_type_0_item_data in self.session_secrets:
                session_secrets_type_0_item = session_secrets_type_0_item_data.to_dict()
                session_secrets.append(session_secrets_type_0_item)

        else:
            session_secrets = self.session_secrets

        snapshot_id: None | str | Unset
        if isinstance(self.snapshot_id, Unset):
            snapshot_id = UNSET
        else:
            snapshot_id = self.snapshot_id

        structured_output_schema: dict[str, Any] | None | Unset
        if isinstance(self.structured_output_schema, Unset):
            structured_output_schema = UNSET
        elif isinstance(self.structured_output_schema, StructuredOutputSchema):
            structured_output_schema = self.structured_output_schema.to_dict()
        else:
            structured_output_schema = self.structured_output_schema

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        unlisted = self.unlisted

        devin_mode: None | str | Unset
        if isinstance(self.devin_mode, Unset):
            devin_mode = UNSET
        elif isinstance(self.devin_mode, DevinMode):
            devin_mode = self.devin_mode.value
        else:
            devin_mode = self.devin_mode

        create_as_user_id: None | str | Unset
        if isinstance(self.create_as_user_id, Unset):
            create_as_user_id = UNSET
        else:
            create_as_user_id = self.create_as_user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if idempotent is not UNSET:
            field_dict["idempotent"] = idempotent
        if knowledge_ids is not UNSET:
            field_dict["knowledge_ids"] = knowledge_ids
        if max_acu_limit is not UNSET:
            field_dict["max_acu_limit"] = max_acu_limit
        if playbook_id is not UNSET:
            field_dict["playbook_id"] = playbook_id
        if secret_ids is not UNSET:
            field_dict["secret_ids"] = secret_ids
        if session_secrets is not UNSET:
            field_dict["session_secrets"] = session_secrets
        if snapshot_id is not UNSET:
            field_dict["snapshot_id"] = snapshot_id
        if structured_output_schema is not UNSET:
            field_dict["structured_output_schema"] = structured_output_schema
        if tags is not UNSET:
            field_dict["tags"] = tags
        if title is not UNSET:
            field_dict["title"] = title
        if unlisted is not UNSET:
            field_dict["unlisted"] = unlisted
        if devin_mode is not UNSET:
            field_dict["devin_mode"] = devin_mode
        if create_as_user_id is not UNSET:
            field_dict["create_as_user_id"] = create_as_user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_secret_input import SessionSecretInput  # noqa: PLC0415
        from ..models.structured_output_schema import StructuredOutputSchema  # noqa: PLC0415

        d = dict(src_dict)
        prompt = d.pop("prompt")

        idempotent = d.pop("idempotent", UNSET)

        def _parse_knowledge_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                knowledge_ids_type_0 = cast(list[str], data)

                return knowledge_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        knowledge_ids = _parse_knowledge_ids(d.pop("knowledge_ids", UNSET))

        def _parse_max_acu_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_acu_limit = _parse_max_acu_limit(d.pop("max_acu_limit", UNSET))

        def _parse_playbook_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        playbook_id = _parse_playbook_id(d.pop("playbook_id", UNSET))

        def _parse_secret_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                secret_ids_type_0 = cast(list[str], data)

                return secret_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        secret_ids = _parse_secret_ids(d.pop("secret_ids", UNSET))

        def _parse_session_secrets(
            data: object,
        ) -> list[SessionSecretInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                session_secrets_type_0 = []
                _session_secrets_type_0 = data
                for session_secrets_type_0_item_data in _session_secrets_type_0:
                    session_secrets_type_0_item = SessionSecretInput.from_dict(
                        session_secrets_type_0_item_data
                    )

                    session_secrets_type_0.append(session_secrets_type_0_item)

                return session_secrets_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SessionSecretInput] | None | Unset, data)

        session_secrets = _parse_session_secrets(d.pop("session_secrets", UNSET))

        def _parse_snapshot_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        snapshot_id = _parse_snapshot_id(d.pop("snapshot_id", UNSET))

        def _parse_structured_output_schema(
            data: object,
        ) -> None | StructuredOutputSchema | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                structured_output_schema_type_0 = StructuredOutputSchema.from_dict(data)

                return structured_output_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StructuredOutputSchema | Unset, data)

        structured_output_schema = _parse_structured_output_schema(
            d.pop("structured_output_schema", UNSET)
        )

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        unlisted = d.pop("unlisted", UNSET)

        def _parse_devin_mode(data: object) -> DevinMode | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                devin_mode_type_0 = DevinMode(data)

                return devin_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DevinMode | None | Unset, data)

        devin_mode = _parse_devin_mode(d.pop("devin_mode", UNSET))

        def _parse_create_as_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        create_as_user_id = _parse_create_as_user_id(d.pop("create_as_user_id", UNSET))

        create_session_params = cls(
            prompt=prompt,
            idempotent=idempotent,
            knowledge_ids=knowledge_ids,
            max_acu_limit=max_acu_limit,
            playbook_id=playbook_id,
            secret_ids=secret_ids,
            session_secrets=session_secrets,
            snapshot_id=snapshot_id,
            structured_output_schema=structured_output_schema,
            tags=tags,
            title=title,
            unlisted=unlisted,
            devin_mode=devin_mode,
            create_as_user_id=create_as_user_id,
        )

        create_session_params.additional_properties = d
        return create_session_params

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
