from enum import StrEnum


class DevinMode(StrEnum):
    FAST = "fast"
    NORMAL = "normal"

    def __str__(self) -> str:
        return str(self.value)
