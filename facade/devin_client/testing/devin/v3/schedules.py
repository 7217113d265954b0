"""v3 schedules: list (``limit``/``offset``, in the cursor envelope), create, get, PATCH,
delete. Timestamps are ISO 8601 strings here, unlike every other v3 resource.

The rules kept (docs) and chosen (inferred) are :class:`~..schedules.Schedules`'s; here:
``create_as_user_id`` and ``run_as_user_id`` need ``ImpersonateOrgSessions``; the ``playbook``
is ``{playbook_id, title}`` of a live playbook of the organisation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..._kernel.api import Call
from .._shared import iso
from ..backend import DevinBackend, OrgState
from ..keys import service_user_id
from ..schedules import ScheduleRecord
from ._base import V3Handlers, offset_paged, org, require
from .permissions import IMPERSONATE, SCHEDULES

__all__ = ["handlers", "schedule_json"]

handlers = V3Handlers()

SCHEDULES_PATH = "/v3/organizations/{org_id}/schedules"


def _iso(moment: datetime | None) -> str | None:
    return iso(moment) if moment is not None else None


def schedule_json(record: ScheduleRecord, state: OrgState) -> dict[str, Any]:
    """A schedule as v3's ``ScheduleResponse`` (every field, nullable ones as ``null``)."""
    playbook = state.playbooks.get(record.playbook_id or "")
    return {
        "scheduled_session_id": record.scheduled_session_id,
        "org_id": record.org_id,
        "name": record.name,
        "prompt": record.prompt,
        "agent": record.agent,
        "schedule_type": record.schedule_type,
        "frequency": record.frequency,
        "scheduled_at": _iso(record.scheduled_at),
        "interval_count": record.interval_count,
        "notify_on": record.notify_on,
        "bypass_approval": record.bypass_approval,
        "enabled": record.enabled,
        "consecutive_failures": record.consecutive_failures,
        "created_at": iso(record.created_at),
        "updated_at": iso(record.updated_at),
        "created_by": record.created_by,
        "last_edited_by": record.last_edited_by,
        "last_error_at": _iso(record.last_error_at),
        "last_error_message": record.last_error_message,
        "last_executed_at": _iso(record.last_executed_at),
        "platform": record.platform,
        "playbook": (
            {"playbook_id": playbook.playbook_id, "title": playbook.title}
            if playbook is not None
            else None
        ),
        "slack_channel_id": record.slack_channel_id,
        "slack_team_id": record.slack_team_id,
        "tags": list(record.tags) if record.tags is not None else None,
        "target_devin_id": record.target_devin_id,
    }


def _playbook_exists(state: OrgState) -> Any:
    def exists(playbook_id: str) -> bool:
        playbook = state.playbooks.get(playbook_id)
        return playbook is not None and not playbook.deleted

    return exists


@handlers(f"GET {SCHEDULES_PATH}", needs=SCHEDULES)
def list_schedules(call: Call[DevinBackend]) -> Any:
    state = org(call)
    return offset_paged(call, state.schedules.listing(), lambda r: schedule_json(r, state))


@handlers(f"POST {SCHEDULES_PATH}", needs=SCHEDULES)
def create_schedule(call: Call[DevinBackend]) -> Any:
    if call.body.get("create_as_user_id") is not None:
        require(call, IMPERSONATE, "create_as_user_id")
    state = org(call)
    record = state.schedules.create(
        call.body,
        actor=service_user_id(call.principal.key),
        playbook_exists=_playbook_exists(state),
    )
    return schedule_json(record, state)


@handlers(f"GET {SCHEDULES_PATH}/{{schedule_id}}", needs=SCHEDULES)
def get_schedule(call: Call[DevinBackend]) -> Any:
    state = org(call)
    return schedule_json(state.schedules.find(call.path["schedule_id"]), state)


@handlers(f"PATCH {SCHEDULES_PATH}/{{schedule_id}}", needs=SCHEDULES)
def update_schedule(call: Call[DevinBackend]) -> Any:
    if call.body.get("run_as_user_id") is not None:
        require(call, IMPERSONATE, "run_as_user_id")
    state = org(call)
    record = state.schedules.patch(
        call.path["schedule_id"],
        call.body,
        actor=service_user_id(call.principal.key),
        playbook_exists=_playbook_exists(state),
    )
    return schedule_json(record, state)


@handlers(f"DELETE {SCHEDULES_PATH}/{{schedule_id}}", needs=SCHEDULES)
def delete_schedule(call: Call[DevinBackend]) -> Any:
    state = org(call)
    return schedule_json(state.schedules.delete(call.path["schedule_id"]), state)
