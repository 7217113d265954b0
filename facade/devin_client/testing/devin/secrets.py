"""Secrets: one organisation's secrets. A value is stored, never shown: not in any response,
nor in any ``repr``. A secret is one object whichever version reads it (ids keep the
``secret-`` prefix; v1's ``sensitive`` is v3's ``is_sensitive``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ._shared import NotFound, Shared, StoreError, new_id

__all__ = ["SecretRecord", "Secrets"]


@dataclass
class SecretRecord:
    """An organisation secret; the value never appears in ``repr`` nor in any API response."""

    id: str
    type: str
    key: str
    value: str = field(repr=False)
    sensitive: bool
    note: str | None
    created_at: datetime
    created_by: str = "user-mock"


class Secrets(dict[str, SecretRecord]):
    """One organisation's secrets (a dict: id -> record)."""

    def __init__(self, shared: Shared) -> None:
        super().__init__()
        self._shared = shared

    def create(
        self, *, key: str, type: str, value: str, sensitive: bool, note: str | None
    ) -> SecretRecord:
        """Store a secret.

        Raises:
            StoreError: 409 when the key exists in the organisation.
        """
        with self._shared.lock:
            if any(s.key == key for s in self.values()):
                raise StoreError(409, "Secret name is not unique")
            record = SecretRecord(
                id=new_id("secret-"),
                type=type,
                key=key,
                value=value,
                sensitive=sensitive,
                note=note,
                created_at=self._shared.now(),
            )
            self[record.id] = record
            return record

    def listing(self) -> list[SecretRecord]:
        """Every secret, oldest first."""
        with self._shared.lock:
            return list(self.values())

    def delete(self, secret_id: str) -> SecretRecord:
        """Delete a secret; returns it.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            record = self.pop(secret_id, None)
        if record is None:
            raise NotFound("Secret")
        return record
