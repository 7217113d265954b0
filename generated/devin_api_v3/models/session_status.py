from enum import StrEnum


class SessionStatus(StrEnum):
    CLAIMED = "claimed"
    ERROR = "error"
    EXIT = "exit"
    NEW = "new"
    RESUMING = "resuming"
    RUNNING = "running"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        return str(self.value)
