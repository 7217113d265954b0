from enum import StrEnum


class SessionStatusDetail(StrEnum):
    ERROR = "error"
    FINISHED = "finished"
    INACTIVITY = "inactivity"
    NO_QUOTA_ALLOCATION = "no_quota_allocation"
    ORG_USAGE_LIMIT_EXCEEDED = "org_usage_limit_exceeded"
    OUT_OF_CREDITS = "out_of_credits"
    OUT_OF_QUOTA = "out_of_quota"
    PAYMENT_DECLINED = "payment_declined"
    TOTAL_SESSION_LIMIT_EXCEEDED = "total_session_limit_exceeded"
    USAGE_LIMIT_EXCEEDED = "usage_limit_exceeded"
    USER_REQUEST = "user_request"
    USER_USAGE_LIMIT_EXCEEDED = "user_usage_limit_exceeded"
    WAITING_FOR_APPROVAL = "waiting_for_approval"
    WAITING_FOR_USER = "waiting_for_user"
    WORKING = "working"

    def __str__(self) -> str:
        return str(self.value)
