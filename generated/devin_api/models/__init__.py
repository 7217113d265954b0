"""Contains all the data models used in inputs/outputs"""

from .all_knowledge_response import AllKnowledgeResponse
from .create_knowledge_params import CreateKnowledgeParams
from .create_playbook_request import CreatePlaybookRequest
from .create_secret_request import CreateSecretRequest
from .create_secret_response import CreateSecretResponse
from .create_secret_type import CreateSecretType
from .create_session_params import CreateSessionParams
from .create_session_response import CreateSessionResponse
from .delete_playbook_response import DeletePlaybookResponse
from .delete_secret_response import DeleteSecretResponse
from .devin_mode import DevinMode
from .edit_session_tags_params import EditSessionTagsParams
from .edit_tags_response import EditTagsResponse
from .error_detail import ErrorDetail
from .folder_response import FolderResponse
from .get_session_response import GetSessionResponse
from .http_validation_error import HTTPValidationError
from .knowledge_created_by import KnowledgeCreatedBy
from .knowledge_response import KnowledgeResponse
from .list_sessions_response import ListSessionsResponse
from .message_sent_response import MessageSentResponse
from .playbook_response import PlaybookResponse
from .post_message_params import PostMessageParams
from .pull_request_info import PullRequestInfo
from .secret_response import SecretResponse
from .secret_type import SecretType
from .session_message import SessionMessage
from .session_secret_input import SessionSecretInput
from .session_status_enum import SessionStatusEnum
from .session_summary import SessionSummary
from .structured_output_schema import StructuredOutputSchema
from .terminate_session_response import TerminateSessionResponse
from .update_playbook_response import UpdatePlaybookResponse
from .upload_attachment_body import UploadAttachmentBody
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext

__all__ = (
    "AllKnowledgeResponse",
    "CreateKnowledgeParams",
    "CreatePlaybookRequest",
    "CreateSecretRequest",
    "CreateSecretResponse",
    "CreateSecretType",
    "CreateSessionParams",
    "CreateSessionResponse",
    "DeletePlaybookResponse",
    "DeleteSecretResponse",
    "DevinMode",
    "EditSessionTagsParams",
    "EditTagsResponse",
    "ErrorDetail",
    "FolderResponse",
    "GetSessionResponse",
    "HTTPValidationError",
    "KnowledgeCreatedBy",
    "KnowledgeResponse",
    "ListSessionsResponse",
    "MessageSentResponse",
    "PlaybookResponse",
    "PostMessageParams",
    "PullRequestInfo",
    "SecretResponse",
    "SecretType",
    "SessionMessage",
    "SessionSecretInput",
    "SessionStatusEnum",
    "SessionSummary",
    "StructuredOutputSchema",
    "TerminateSessionResponse",
    "UpdatePlaybookResponse",
    "UploadAttachmentBody",
    "ValidationError",
    "ValidationErrorContext",
)
