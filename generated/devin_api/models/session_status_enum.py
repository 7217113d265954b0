from enum import StrEnum


class SessionStatusEnum(StrEnum):
    BLOCKED = "blocked"
    EXPIRED = "expired"
    FINISHED = "finished"
    RESUMED = "resumed"
    RESUME_REQUESTED = "resume_requested"
    RESUME_REQUESTED_FRONTEND = "resume_requested_frontend"
    SUSPEND_REQUESTED = "suspend_requested"
    SUSPEND_REQUESTED_FRONTEND = "suspend_requested_frontend"
    WORKING = "working"

    def __str__(self) -> str:
        return str(self.value)
