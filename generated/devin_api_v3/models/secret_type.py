from enum import StrEnum


class SecretType(StrEnum):
    COOKIE = "cookie"
    KEY_VALUE = "key-value"
    TOTP = "totp"

    def __str__(self) -> str:
        return str(self.value)
