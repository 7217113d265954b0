from enum import StrEnum


class ScheduleNotifyOn(StrEnum):
    ALWAYS = "always"
    FAILURE = "failure"
    NEVER = "never"

    def __str__(self) -> str:
        return str(self.value)
