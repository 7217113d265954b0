from enum import StrEnum


class ScheduleAgent(StrEnum):
    ADVANCED = "advanced"
    DATA_ANALYST = "data_analyst"
    DEVIN = "devin"

    def __str__(self) -> str:
        return str(self.value)
