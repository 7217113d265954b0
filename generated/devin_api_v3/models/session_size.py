from enum import StrEnum


class SessionSize(StrEnum):
    L = "l"
    M = "m"
    S = "s"
    XL = "xl"
    XS = "xs"

    def __str__(self) -> str:
        return str(self.value)
