"""MindCraft's state (moto's ``models.py``): one account per API key, each with its sessions.

An account is what a key opens: its ``api_id`` (the key's number at MindCraft, stable for the
life of the mock and through resets) and the sessions created with it. Another key never sees
them. ``session_id`` is one counter for the whole mock, as a database's primary key is: the
page's other session operations (update, delete) name a session by ``session_id`` alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

__all__ = ["TIMESTAMP_FORMAT", "Account", "MindCraftBackend", "SessionRecord"]

TIMESTAMP_FORMAT: Final = "%Y-%m-%d %H:%M:%S"
"""How the page writes ``created_at`` and ``updated_at`` (``2024-09-12 15:16:55``, local time)."""


@dataclass(frozen=True)
class SessionRecord:
    """One chat session ("room") as created.

    Attributes:
        session_id: Its number (one counter for the whole mock, from 1).
        api_id: The account (key) that created it.
        name: ``session_name`` as sent ("" when not sent: the answer always carries a string).
        remark: ``session_remark`` as sent ("" when not sent).
        config: The settings echoed as ``session_config``: those sent, ``history_length``
            always (its default when not sent), ``config_data`` as ``data``.
        created_at: When it was created (the mock's clock, local time).
        updated_at: When it last changed (its creation, as nothing changes it yet).
    """

    session_id: int
    api_id: int
    name: str
    remark: str
    config: Mapping[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass
class Account:
    """What one key owns: its sessions by ``session_id``."""

    api_id: int
    sessions: dict[int, SessionRecord] = field(default_factory=dict)


class MindCraftBackend:
    """All of the mock's state, behind one lock (the server thread and tests both use it).

    Args:
        clock: The mock's clock (default: local wall time); tests pass a fixed one.
    """

    def __init__(self, clock: Callable[[], datetime] = datetime.now) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._accounts: dict[int, Account] = {}
        self._last_session_id = 0

    def account(self, api_id: int) -> Account:
        """The account of ``api_id`` (an empty one the first time)."""
        with self._lock:
            return self._accounts.setdefault(api_id, Account(api_id))

    def create_session(
        self, api_id: int, *, name: str, remark: str, config: Mapping[str, Any]
    ) -> SessionRecord:
        """Create a session in the account of ``api_id``; its settings are already checked."""
        now = self.clock().replace(microsecond=0)
        with self._lock:
            self._last_session_id += 1
            record = SessionRecord(
                session_id=self._last_session_id,
                api_id=api_id,
                name=name,
                remark=remark,
                config=dict(config),
                created_at=now,
                updated_at=now,
            )
            self._accounts.setdefault(api_id, Account(api_id)).sessions[record.session_id] = record
        return record

    def reset(self) -> None:
        """Forget every session; the counter starts again at 1 (keys keep their api_id)."""
        with self._lock:
            self._accounts.clear()
            self._last_session_id = 0
