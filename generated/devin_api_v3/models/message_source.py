from enum import StrEnum


class MessageSource(StrEnum):
    DEVIN = "devin"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
