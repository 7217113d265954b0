"""Secrets: one organisation's secrets. A value is stored, never shown: not in any response,
nor in any ``repr``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

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
    note: str
    created_at: datetime


class Secrets(dict[str, SecretRecord]):
    """One organisation's secrets (a dict: id -> record)."""

    def __init__(self, shared: Shared) -> None:
        super().__init__()
        self._shared = shared

    def create(self, body: Mapping[str, Any]) -> SecretRecord:
        """Store a secret.

        Raises:
            StoreError: 409 when the key exists in the organisation.
        """
        with self._shared.lock:
            if any(s.key == body["key"] for s in self.values()):
                raise StoreError(409, "Secret name is not unique")
            record = SecretRecord(
                id=new_id("secret-"),
                type=body["type"],
                key=body["key"],
                value=body["value"],
                sensitive=body["sensitive"],
                note=body["note"],
                created_at=self._shared.now(),
            )
            self[record.id] = record
            return record

    def listing(self) -> list[SecretRecord]:
        """Every secret, oldest first."""
        with self._shared.lock:
            return list(self.values())

    def delete(self, secret_id: str) -> None:
        """Delete a secret.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            if self.pop(secret_id, None) is None:
                raise NotFound("Secret")
