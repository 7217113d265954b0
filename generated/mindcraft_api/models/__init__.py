"""Contains all the data models used in inputs/outputs"""

from .error_response import ErrorResponse
from .session import Session
from .session_config import SessionConfig
from .session_config_data import SessionConfigData
from .session_create_request import SessionCreateRequest
from .session_create_request_config_data import SessionCreateRequestConfigData
from .session_create_response import SessionCreateResponse

__all__ = (
    "ErrorResponse",
    "Session",
    "SessionConfig",
    "SessionConfigData",
    "SessionCreateRequest",
    "SessionCreateRequestConfigData",
    "SessionCreateResponse",
)
