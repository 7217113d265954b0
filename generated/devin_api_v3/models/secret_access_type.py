from enum import StrEnum


class SecretAccessType(StrEnum):
    ORG = "org"
    PERSONAL = "personal"

    def __str__(self) -> str:
        return str(self.value)
