from enum import StrEnum


class AttachmentSource(StrEnum):
    DEVIN = "devin"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
