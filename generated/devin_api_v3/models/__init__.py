"""Contains all the data models used in inputs/outputs"""

from .access_type import AccessType
from .action_item_type import ActionItemType
from .attachment_response import AttachmentResponse
from .attachment_source import AttachmentSource
from .devin_brain_user_self import DevinBrainUserSelf
from .devin_mode import DevinMode
from .folder_summary import FolderSummary
from .folder_tree_response import FolderTreeResponse
from .http_validation_error import HTTPValidationError
from .knowledge_note_create_request import KnowledgeNoteCreateRequest
from .knowledge_note_response import KnowledgeNoteResponse
from .message_source import MessageSource
from .note_usage_item import NoteUsageItem
from .paginated_response_knowledge_note_response import (
    PaginatedResponseKnowledgeNoteResponse,
)
from .paginated_response_playbook_response import PaginatedResponsePlaybookResponse
from .paginated_response_schedule_response import PaginatedResponseScheduleResponse
from .paginated_response_secret_response import PaginatedResponseSecretResponse
from .paginated_response_session_insights_response import (
    PaginatedResponseSessionInsightsResponse,
)
from .paginated_response_session_message import PaginatedResponseSessionMessage
from .paginated_response_session_response import PaginatedResponseSessionResponse
from .pat_user_self import PatUserSelf
from .playbook_create_request import PlaybookCreateRequest
from .playbook_info import PlaybookInfo
from .playbook_response import PlaybookResponse
from .problem_detail import ProblemDetail
from .problem_detail_error import ProblemDetailError
from .schedule_agent import ScheduleAgent
from .schedule_create_request import ScheduleCreateRequest
from .schedule_notify_on import ScheduleNotifyOn
from .schedule_response import ScheduleResponse
from .schedule_type import ScheduleType
from .schedule_update_request import ScheduleUpdateRequest
from .secret_access_type import SecretAccessType
from .secret_create_request import SecretCreateRequest
from .secret_response import SecretResponse
from .secret_type import SecretType
from .service_user_self import ServiceUserSelf
from .session_attachment import SessionAttachment
from .session_category import SessionCategory
from .session_category_filter import SessionCategoryFilter
from .session_create_request import SessionCreateRequest
from .session_devin_mode import SessionDevinMode
from .session_insights_action_item import SessionInsightsActionItem
from .session_insights_analysis import SessionInsightsAnalysis
from .session_insights_classification import SessionInsightsClassification
from .session_insights_generate_response import SessionInsightsGenerateResponse
from .session_insights_issue import SessionInsightsIssue
from .session_insights_note_usage import SessionInsightsNoteUsage
from .session_insights_response import SessionInsightsResponse
from .session_insights_structured_output import SessionInsightsStructuredOutput
from .session_insights_suggested_prompt import SessionInsightsSuggestedPrompt
from .session_insights_suggested_prompt_feedback_item import (
    SessionInsightsSuggestedPromptFeedbackItem,
)
from .session_insights_timeline_event import SessionInsightsTimelineEvent
from .session_message import SessionMessage
from .session_message_create_request import SessionMessageCreateRequest
from .session_origin import SessionOrigin
from .session_origin_filter import SessionOriginFilter
from .session_pull_request import SessionPullRequest
from .session_response import SessionResponse
from .session_secret_input import SessionSecretInput
from .session_size import SessionSize
from .session_status import SessionStatus
from .session_status_detail import SessionStatusDetail
from .session_structured_output import SessionStructuredOutput
from .session_tags_response import SessionTagsResponse
from .session_tags_update_request import SessionTagsUpdateRequest
from .structured_output_schema import StructuredOutputSchema
from .upload_attachment_body import UploadAttachmentBody
from .validation_error import ValidationError
from .windsurf_session_user_self import WindsurfSessionUserSelf

__all__ = (
    "AccessType",
    "ActionItemType",
    "AttachmentResponse",
    "AttachmentSource",
    "DevinBrainUserSelf",
    "DevinMode",
    "FolderSummary",
    "FolderTreeResponse",
    "HTTPValidationError",
    "KnowledgeNoteCreateRequest",
    "KnowledgeNoteResponse",
    "MessageSource",
    "NoteUsageItem",
    "PaginatedResponseKnowledgeNoteResponse",
    "PaginatedResponsePlaybookResponse",
    "PaginatedResponseScheduleResponse",
    "PaginatedResponseSecretResponse",
    "PaginatedResponseSessionInsightsResponse",
    "PaginatedResponseSessionMessage",
    "PaginatedResponseSessionResponse",
    "PatUserSelf",
    "PlaybookCreateRequest",
    "PlaybookInfo",
    "PlaybookResponse",
    "ProblemDetail",
    "ProblemDetailError",
    "ScheduleAgent",
    "ScheduleCreateRequest",
    "ScheduleNotifyOn",
    "ScheduleResponse",
    "ScheduleType",
    "ScheduleUpdateRequest",
    "SecretAccessType",
    "SecretCreateRequest",
    "SecretResponse",
    "SecretType",
    "ServiceUserSelf",
    "SessionAttachment",
    "SessionCategory",
    "SessionCategoryFilter",
    "SessionCreateRequest",
    "SessionDevinMode",
    "SessionInsightsActionItem",
    "SessionInsightsAnalysis",
    "SessionInsightsClassification",
    "SessionInsightsGenerateResponse",
    "SessionInsightsIssue",
    "SessionInsightsNoteUsage",
    "SessionInsightsResponse",
    "SessionInsightsStructuredOutput",
    "SessionInsightsSuggestedPrompt",
    "SessionInsightsSuggestedPromptFeedbackItem",
    "SessionInsightsTimelineEvent",
    "SessionMessage",
    "SessionMessageCreateRequest",
    "SessionOrigin",
    "SessionOriginFilter",
    "SessionPullRequest",
    "SessionResponse",
    "SessionSecretInput",
    "SessionSize",
    "SessionStatus",
    "SessionStatusDetail",
    "SessionStructuredOutput",
    "SessionTagsResponse",
    "SessionTagsUpdateRequest",
    "StructuredOutputSchema",
    "UploadAttachmentBody",
    "ValidationError",
    "WindsurfSessionUserSelf",
)
