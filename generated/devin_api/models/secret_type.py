from enum import StrEnum


class SecretType(StrEnum):
    COOKIE = "cookie"
    DICTIONARY = "dictionary"
    KEY_VALUE = "key-value"
    TOTP = "totp"

    def __str__(self) -> str:
        return str(self.value)
