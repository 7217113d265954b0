from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.session_insights_action_item import SessionInsightsActionItem
    from ..models.session_insights_classification import SessionInsightsClassification
    from ..models.session_insights_issue import SessionInsightsIssue
    from ..models.session_insights_note_usage import SessionInsightsNoteUsage
    from ..models.session_insights_suggested_prompt import (
        SessionInsightsSuggestedPrompt,
    )
    from ..models.session_insights_timeline_event import SessionInsightsTimelineEvent


T = TypeVar("T", bound="SessionInsightsAnalysis")


@_attrs_define
class SessionInsightsAnalysis:
    """AI-generated analysis data from a completed session analysis.

    Attributes:
        action_items (list[SessionInsightsActionItem] | Unset):
        classification (None | SessionInsightsClassification | Unset):
        issues (list[SessionInsightsIssue] | Unset):
        note_usage (None | SessionInsightsNoteUsage | Unset):
        suggested_prompt (None | SessionInsightsSuggestedPrompt | Unset):
        timeline (list[SessionInsightsTimelineEvent] | Unset):
    """

    action_items: list[SessionInsightsActionItem] | Unset = UNSET
    classification: None | SessionInsightsClassification | Unset = UNSET
    issues: list[SessionInsightsIssue] | Unset = UNSET
    note_usage: None | SessionInsightsNoteUsage | Unset = UNSET
    suggested_prompt: None | SessionInsightsSuggestedPrompt | Unset = UNSET
    timeline: list[SessionInsightsTimelineEvent] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.session_insights_classification import (
            SessionInsightsClassification,  # noqa: PLC0415
        )
        from ..models.session_insights_note_usage import SessionInsightsNoteUsage  # noqa: PLC0415
        from ..models.session_insights_suggested_prompt import (
            SessionInsightsSuggestedPrompt,  # noqa: PLC0415
        )

        action_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.action_items, Unset):
            action_items = []
            for action_items_item_data in self.action_items:
                action_items_item = action_items_item_data.to_dict()
                action_items.append(action_items_item)

        classification: dict[str, Any] | None | Unset
        if isinstance(self.classification, Unset):
            classification = UNSET
        elif isinstance(self.classification, SessionInsightsClassification):
            classification = self.classification.to_dict()
        else:
            classification = self.classification

        issues: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.issues, Unset):
            issues = []
            for issues_item_data in self.issues:
                issues_item = issues_item_data.to_dict()
                issues.append(issues_item)

        note_usage: dict[str, Any] | None | Unset
        if isinstance(self.note_usage, Unset):
            note_usage = UNSET
        elif isinstance(self.note_usage, SessionInsightsNoteUsage):
            note_usage = self.note_usage.to_dict()
        else:
            note_usage = self.note_usage

        suggested_prompt: dict[str, Any] | None | Unset
        if isinstance(self.suggested_prompt, Unset):
            suggested_prompt = UNSET
        elif isinstance(self.suggested_prompt, SessionInsightsSuggestedPrompt):
            suggested_prompt = self.suggested_prompt.to_dict()
        else:
            suggested_prompt = self.suggested_prompt

        timeline: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.timeline, Unset):
            timeline = []
            for timeline_item_data in self.timeline:
                timeline_item = timeline_item_data.to_dict()
                timeline.append(timeline_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if action_items is not UNSET:
            field_dict["action_items"] = action_items
        if classification is not UNSET:
            field_dict["classification"] = classification
        if issues is not UNSET:
            field_dict["issues"] = issues
        if note_usage is not UNSET:
            field_dict["note_usage"] = note_usage
        if suggested_prompt is not UNSET:
            field_dict["suggested_prompt"] = suggested_prompt
        if timeline is not UNSET:
            field_dict["timeline"] = timeline

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_insights_action_item import SessionInsightsActionItem  # noqa: PLC0415
        from ..models.session_insights_classification import (
            SessionInsightsClassification,  # noqa: PLC0415
        )
        from ..models.session_insights_issue import SessionInsightsIssue  # noqa: PLC0415
        from ..models.session_insights_note_usage import SessionInsightsNoteUsage  # noqa: PLC0415
        from ..models.session_insights_suggested_prompt import (
            SessionInsightsSuggestedPrompt,  # noqa: PLC0415
        )
        from ..models.session_insights_timeline_event import (
            SessionInsightsTimelineEvent,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _action_items = d.pop("action_items", UNSET)
        action_items: list[SessionInsightsActionItem] | Unset = UNSET
        if _action_items is not UNSET:
            action_items = []
            for action_items_item_data in _action_items:
                action_items_item = SessionInsightsActionItem.from_dict(
                    action_items_item_data
                )

                action_items.append(action_items_item)

        def _parse_classification(
            data: object,
        ) -> None | SessionInsightsClassification | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                classification_type_0 = SessionInsightsClassification.from_dict(data)

                return classification_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionInsightsClassification | Unset, data)

        classification = _parse_classification(d.pop("classification", UNSET))

        _issues = d.pop("issues", UNSET)
        issues: list[SessionInsightsIssue] | Unset = UNSET
        if _issues is not UNSET:
            issues = []
            for issues_item_data in _issues:
                issues_item = SessionInsightsIssue.from_dict(issues_item_data)

                issues.append(issues_item)

        def _parse_note_usage(data: object) -> None | SessionInsightsNoteUsage | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                note_usage_type_0 = SessionInsightsNoteUsage.from_dict(data)

                return note_usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionInsightsNoteUsage | Unset, data)

        note_usage = _parse_note_usage(d.pop("note_usage", UNSET))

        def _parse_suggested_prompt(
            data: object,
        ) -> None | SessionInsightsSuggestedPrompt | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                suggested_prompt_type_0 = SessionInsightsSuggestedPrompt.from_dict(data)

                return suggested_prompt_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionInsightsSuggestedPrompt | Unset, data)

        suggested_prompt = _parse_suggested_prompt(d.pop("suggested_prompt", UNSET))

        _timeline = d.pop("timeline", UNSET)
        timeline: list[SessionInsightsTimelineEvent] | Unset = UNSET
        if _timeline is not UNSET:
            timeline = []
            for timeline_item_data in _timeline:
                timeline_item = SessionInsightsTimelineEvent.from_dict(
                    timeline_item_data
                )

                timeline.append(timeline_item)

        session_insights_analysis = cls(
            action_items=action_items,
            classification=classification,
            issues=issues,
            note_usage=note_usage,
            suggested_prompt=suggested_prompt,
            timeline=timeline,
        )

        session_insights_analysis.additional_properties = d
        return session_insights_analysis

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
