"""Schedules: one organisation's scheduled sessions (v3 only).

The least documented resource (see the notes' §3): what the docs state is kept, and each
inferred choice is said where it is made. Timestamps are datetimes here; v3 writes them as ISO
8601 strings (the one v3 resource that does). Deleting is a soft delete: the record stays,
marked, and reads as 404.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from ._shared import InvalidInput, NotFound, Shared, new_id

__all__ = ["ScheduleRecord", "Schedules", "parse_moment"]

# Five cron fields (minute hour day month weekday), each digits, names, ranges, steps, lists,
# or one of the @-macros. A light check: the real parser is not documented.
_CRON_FIELD: Final = r"[0-9A-Za-z*?/,#LW-]+"
_CRON: Final = re.compile(
    rf"^(?:@(?:yearly|annually|monthly|weekly|daily|midnight|hourly)|"
    rf"{_CRON_FIELD}(?:\s+{_CRON_FIELD}){{4}})$"
)

# Fields a PATCH may set; the nullable ones (in the response) are cleared by an explicit null,
# the others keep their value when sent null (inferred: null there means "no change").
_NULLABLE: Final = frozenset(
    {
        "frequency",
        "scheduled_at",
        "playbook_id",
        "slack_channel_id",
        "slack_team_id",
        "tags",
        "target_devin_id",
        "run_as_user_id",
    }
)
_SETTABLE: Final = _NULLABLE | {
    "name",
    "prompt",
    "agent",
    "notify_on",
    "schedule_type",
    "enabled",
    "bypass_approval",
    "interval_count",
}


def parse_moment(text: Any, loc: list[str | int]) -> datetime:
    """An ISO 8601 date-time (a naive one is UTC; ``t`` and ``z`` as RFC 3339 allows).

    Raises:
        InvalidInput: Not a date-time.
    """
    try:
        moment = datetime.fromisoformat(str(text).upper())
    except ValueError:
        raise InvalidInput(loc, "Input should be a valid ISO 8601 datetime") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass
class ScheduleRecord:
    """A schedule (``scheduled_session_id`` has the ``sched-`` prefix)."""

    scheduled_session_id: str
    org_id: str
    name: str
    prompt: str = field(repr=False)
    created_at: datetime
    updated_at: datetime
    created_by: str | None
    agent: str = "devin"
    schedule_type: str = "recurring"
    frequency: str | None = None
    scheduled_at: datetime | None = None
    interval_count: int = 1
    notify_on: str = "failure"
    bypass_approval: bool = False
    enabled: bool = True
    consecutive_failures: int = 0
    last_edited_by: str | None = None
    last_error_at: datetime | None = None
    last_error_message: str | None = None
    last_executed_at: datetime | None = None
    platform: str | None = None
    playbook_id: str | None = None
    slack_channel_id: str | None = None
    slack_team_id: str | None = None
    tags: list[str] | None = None
    target_devin_id: str | None = None
    run_as_user_id: str | None = None
    deleted: bool = False


class Schedules(dict[str, ScheduleRecord]):
    """One organisation's schedules (a dict: id -> record, oldest first)."""

    def __init__(self, shared: Shared, org_id: str) -> None:
        super().__init__()
        self._shared = shared
        self._org_id = org_id

    def create(
        self, body: Mapping[str, Any], *, actor: str | None, playbook_exists: Callable[[str], bool]
    ) -> ScheduleRecord:
        """Create a schedule from a ``ScheduleCreateRequest``.

        Defaults are the schema's (``agent`` devin, ``schedule_type`` recurring, ``notify_on``
        failure, ``bypass_approval`` false); ``interval_count`` defaults to 1 (inferred).

        Raises:
            InvalidInput: A recurring schedule without a cron ``frequency``, a one-time one
                without a future ``scheduled_at``, a ``scheduled_at`` that is not a date-time.
            NotFound: ``playbook_id`` names no live playbook of the organisation.
        """
        with self._shared.lock:
            now = self._shared.now()
            record = ScheduleRecord(
                scheduled_session_id=new_id("sched-"),
                org_id=self._org_id,
                name=body["name"],
                prompt=body["prompt"],
                created_at=now,
                updated_at=now,
                created_by=actor,
                last_edited_by=actor,
            )
            self._apply(record, {k: v for k, v in body.items() if k != "create_as_user_id"})
            record.run_as_user_id = body.get("create_as_user_id")
            self._check(record, body, now, playbook_exists)
            self[record.scheduled_session_id] = record
            return record

    def find(self, schedule_id: str) -> ScheduleRecord:
        """A live schedule; a one-time schedule whose moment has passed reads as run once and
        disabled (the docs: "auto-disabled after the run").

        Raises:
            NotFound: Not in this organisation, or deleted.
        """
        with self._shared.lock:
            record = self.get(schedule_id)
            if record is None or record.deleted:
                raise NotFound("Schedule")
            now = self._shared.now()
            due = record.scheduled_at
            if record.schedule_type == "one_time" and record.enabled and due and due <= now:
                record.enabled = False
                record.last_executed_at = due
            return record

    def listing(self) -> list[ScheduleRecord]:
        """The live schedules, oldest first."""
        with self._shared.lock:
            ids = [k for k, r in self.items() if not r.deleted]
            return [self.find(k) for k in ids]

    def patch(
        self,
        schedule_id: str,
        body: Mapping[str, Any],
        *,
        actor: str | None,
        playbook_exists: Callable[[str], bool],
    ) -> ScheduleRecord:
        """PATCH a schedule: only the fields sent change; ``null`` clears a nullable field
        (``playbook_id: null`` detaches the playbook, ``run_as_user_id: null`` reverts to the
        bot user) and leaves the others as they were.

        Raises:
            NotFound: No such live schedule, or an unknown ``playbook_id``.
            InvalidInput: The result breaks a rule of :meth:`create`.
        """
        with self._shared.lock:
            record = self.find(schedule_id)
            draft = ScheduleRecord(**vars(record))
            now = self._shared.now()
            self._apply(draft, body)
            self._check(draft, body, now, playbook_exists)
            draft.updated_at = now
            draft.last_edited_by = actor
            self[schedule_id] = draft
            return draft

    def delete(self, schedule_id: str) -> ScheduleRecord:
        """Soft-delete a schedule; returns it, disabled.

        Raises:
            NotFound: No such live schedule.
        """
        with self._shared.lock:
            record = self.find(schedule_id)
            record.deleted = True
            record.enabled = False
            record.updated_at = self._shared.now()
            return record

    @staticmethod
    def _apply(record: ScheduleRecord, body: Mapping[str, Any]) -> None:
        for key, value in body.items():
            if key not in _SETTABLE or (value is None and key not in _NULLABLE):
                continue
            if key == "scheduled_at" and value is not None:
                value = parse_moment(value, ["body", key])
            setattr(record, key, list(value) if key == "tags" and value is not None else value)

    @staticmethod
    def _check(
        record: ScheduleRecord,
        body: Mapping[str, Any],
        now: datetime,
        playbook_exists: Callable[[str], bool],
    ) -> None:
        if record.schedule_type == "recurring":
            if not record.frequency:
                raise InvalidInput(
                    ["body", "frequency"], "A recurring schedule needs a cron frequency"
                )
            if not _CRON.match(record.frequency.strip()):
                raise InvalidInput(["body", "frequency"], "frequency is not a cron expression")
        elif record.schedule_type == "one_time":
            if record.scheduled_at is None:
                raise InvalidInput(
                    ["body", "scheduled_at"], "A one-time schedule needs scheduled_at"
                )
            if "scheduled_at" in body and record.scheduled_at <= now:
                raise InvalidInput(["body", "scheduled_at"], "scheduled_at must be in the future")
        if record.interval_count < 1:
            raise InvalidInput(["body", "interval_count"], "interval_count must be at least 1")
        playbook_id = record.playbook_id
        if playbook_id is not None and "playbook_id" in body and not playbook_exists(playbook_id):
            raise NotFound("Playbook")
