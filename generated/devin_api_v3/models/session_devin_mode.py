from enum import StrEnum


class SessionDevinMode(StrEnum):
    FAST = "fast"
    FUSION = "fusion"
    LITE = "lite"
    NORMAL = "normal"
    ULTRA = "ultra"

    def __str__(self) -> str:
        return str(self.value)
