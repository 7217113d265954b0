from enum import StrEnum


class AccessType(StrEnum):
    ENTERPRISE = "enterprise"
    ORG = "org"

    def __str__(self) -> str:
        return str(self.value)
