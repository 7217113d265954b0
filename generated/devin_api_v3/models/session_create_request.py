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


T = TypeVar("T", bound="SessionCreateRequest")


@_attrs_define
class SessionCreateRequest:
    """
    Attributes:
        prompt (str):
        attachment_urls (list[str] | None | Unset):
        bypass_approval (bool | None | Unset):
        child_playbook_id (None | str | Unset):
        create_as_user_id (None | str | Unset):
        devin_mode (DevinMode | None | Unset): Override the Devin agent mode for the session. 'normal' uses the default
            Agent mode, 'fast' uses Fast mode, 'lite' uses Devin Lite, 'ultra' uses Devin Ultra, and 'fusion' uses Fusion.
            Preview modes are subject to the same feature flag and enterprise agent preview restrictions as the web app.
        knowledge_ids (list[str] | None | Unset):
        max_acu_limit (int | None | Unset):
        platform (None | str | Unset): Override the VM platform for the session (e.g. 'windows'), or the name of an
            outpost (BYOB) pool to run the session on one of your own machines. When omitted (or set to 'inherit'), a
            session created by a parent Devin inherits the parent's placement — both its platform and its outpost pool, so
            an outpost-placed parent spawns children on the same pool; otherwise the organization default is used. Any value
            must match either a platform configured for your organization or an outpost pool name (case-insensitive) —
            built-in platforms take priority when a name matches both. Unrecognized values are rejected with a 400 whose
            error body lists the available platform labels and outpost pool names for the org.
        playbook_id (None | str | Unset):
        repos (list[str] | None | Unset):
        resumable (bool | Unset): Whether to preserve the session's VM state after it stops so the session can be
            resumed. Set to false for disposable sessions. Default: True.
        secret_ids (list[str] | None | Unset):
        session_links (list[str] | None | Unset):
        session_secrets (list[SessionSecretInput] | None | Unset):
        structured_output_required (bool | None | Unset): When true (default), the agent MUST call
            provide_structured_output with is_final=true before its turn ends. When false, the tool is available but not
            required — it is not guaranteed to be called in a given turn. Default: True.
        structured_output_schema (None | StructuredOutputSchema | Unset): JSON Schema (Draft 7) for validating
            structured output. Max 64KB. Must be self-contained (no external $ref).
        tags (list[str] | None | Unset):
        title (None | str | Unset):
    """

    prompt: str
    attachment_urls: list[str] | None | Unset = UNSET
    bypass_approval: bool | None | Unset = UNSET
    child_playbook_id: None | str | Unset = UNSET
    create_as_user_id: None | str | Unset = UNSET
    devin_mode: DevinMode | None | Unset = UNSET
    knowledge_ids: list[str] | None | Unset = UNSET
    max_acu_limit: int | None | Unset = UNSET
    platform: None | str | Unset = UNSET
    playbook_id: None | str | Unset = UNSET
    repos: list[str] | None | Unset = UNSET
    resumable: bool | Unset = True
    secret_ids: list[str] | None | Unset = UNSET
    session_links: list[str] | None | Unset = UNSET
    session_secrets: list[SessionSecretInput] | None | Unset = UNSET
    structured_output_required: bool | None | Unset = True
    structured_output_schema: None | StructuredOutputSchema | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    title: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.structured_output_schema import StructuredOutputSchema  # noqa: PLC0415

        prompt = self.prompt

        attachment_urls: list[str] | None | Unset
        if isinstance(self.attachment_urls, Unset):
            attachment_urls = UNSET
        elif isinstance(self.attachment_urls, list):
            attachment_urls = self.attachment_urls

        else:
            attachment_urls = self.attachment_urls

        bypass_approval: bool | None | Unset
        if isinstance(self.bypass_approval, Unset):
            bypass_approval = UNSET
        else:
            bypass_approval = self.bypass_approval

        child_playbook_id: None | str | Unset
        if isinstance(self.child_playbook_id, Unset):
            child_playbook_id = UNSET
        else:
            child_playbook_id = self.child_playbook_id

        create_as_user_id: None | str | Unset
        if isinstance(self.create_as_user_id, Unset):
            create_as_user_id = UNSET
        else:
            create_as_user_id = self.create_as_user_id

        devin_mode: None | str | Unset
        if isinstance(self.devin_mode, Unset):
            devin_mode = UNSET
        elif isinstance(self.devin_mode, DevinMode):
            devin_mode = self.devin_mode.value
        else:
            devin_mode = self.devin_mode

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

        platform: None | str | Unset
        if isinstance(self.platform, Unset):
            platform = UNSET
        else:
            platform = self.platform

        playbook_id: None | str | Unset
        if isinstance(self.playbook_id, Unset):
            playbook_id = UNSET
        else:
            playbook_id = self.playbook_id

        repos: list[str] | None | Unset
        if isinstance(self.repos, Unset):
            repos = UNSET
        elif isinstance(self.repos, list):
            repos = self.repos

        else:
            repos = self.repos

        resumable = self.resumable

        secret_ids: list[str] | None | Unset
        if isinstance(self.secret_ids, Unset):
            secret_ids = UNSET
        elif isinstance(self.secret_ids, list):
            secret_ids = self.secret_ids

        else:
            secret_ids = self.secret_ids

        session_links: list[str] | None | Unset
        if isinstance(self.session_links, Unset):
            session_links = UNSET
        elif isinstance(self.session_links, list):
            session_links = self.session_links

        else:
            session_links = self.session_links

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

        structured_output_required: bool | None | Unset
        if isinstance(self.structured_output_required, Unset):
            structured_output_required = UNSET
        else:
            structured_output_required = self.structured_output_required

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if attachment_urls is not UNSET:
            field_dict["attachment_urls"] = attachment_urls
        if bypass_approval is not UNSET:
            field_dict["bypass_approval"] = bypass_approval
        if child_playbook_id is not UNSET:
            field_dict["child_playbook_id"] = child_playbook_id
        if create_as_user_id is not UNSET:
            field_dict["create_as_user_id"] = create_as_user_id
        if devin_mode is not UNSET:
            field_dict["devin_mode"] = devin_mode
        if knowledge_ids is not UNSET:
            field_dict["knowledge_ids"] = knowledge_ids
        if max_acu_limit is not UNSET:
            field_dict["max_acu_limit"] = max_acu_limit
        if platform is not UNSET:
            field_dict["platform"] = platform
        if playbook_id is not UNSET:
            field_dict["playbook_id"] = playbook_id
        if repos is not UNSET:
            field_dict["repos"] = repos
        if resumable is not UNSET:
            field_dict["resumable"] = resumable
        if secret_ids is not UNSET:
            field_dict["secret_ids"] = secret_ids
        if session_links is not UNSET:
            field_dict["session_links"] = session_links
        if session_secrets is not UNSET:
            field_dict["session_secrets"] = session_secrets
        if structured_output_required is not UNSET:
            field_dict["structured_output_required"] = structured_output_required
        if structured_output_schema is not UNSET:
            field_dict["structured_output_schema"] = structured_output_schema
        if tags is not UNSET:
            field_dict["tags"] = tags
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_secret_input import SessionSecretInput  # noqa: PLC0415
        from ..models.structured_output_schema import StructuredOutputSchema  # noqa: PLC0415

        d = dict(src_dict)
        prompt = d.pop("prompt")

        def _parse_attachment_urls(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                attachment_urls_type_0 = cast(list[str], data)

                return attachment_urls_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        attachment_urls = _parse_attachment_urls(d.pop("attachment_urls", UNSET))

        def _parse_bypass_approval(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        bypass_approval = _parse_bypass_approval(d.pop("bypass_approval", UNSET))

        def _parse_child_playbook_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        child_playbook_id = _parse_child_playbook_id(d.pop("child_playbook_id", UNSET))

        def _parse_create_as_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        create_as_user_id = _parse_create_as_user_id(d.pop("create_as_user_id", UNSET))

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

        def _parse_platform(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        platform = _parse_platform(d.pop("platform", UNSET))

        def _parse_playbook_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        playbook_id = _parse_playbook_id(d.pop("playbook_id", UNSET))

        def _parse_repos(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                repos_type_0 = cast(list[str], data)

                return repos_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        repos = _parse_repos(d.pop("repos", UNSET))

        resumable = d.pop("resumable", UNSET)

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

        def _parse_session_links(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                session_links_type_0 = cast(list[str], data)

                return session_links_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        session_links = _parse_session_links(d.pop("session_links", UNSET))

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

        def _parse_structured_output_required(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        structured_output_required = _parse_structured_output_required(
            d.pop("structured_output_required", UNSET)
        )

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

        session_create_request = cls(
            prompt=prompt,
            attachment_urls=attachment_urls,
            bypass_approval=bypass_approval,
            child_playbook_id=child_playbook_id,
            create_as_user_id=create_as_user_id,
            devin_mode=devin_mode,
            knowledge_ids=knowledge_ids,
            max_acu_limit=max_acu_limit,
            platform=platform,
            playbook_id=playbook_id,
            repos=repos,
            resumable=resumable,
            secret_ids=secret_ids,
            session_links=session_links,
            session_secrets=session_secrets,
            structured_output_required=structured_output_required,
            structured_output_schema=structured_output_schema,
            tags=tags,
            title=title,
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
