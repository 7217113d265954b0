"""``devin secrets|knowledge|playbooks|schedules ...``: the organisation's shared resources
(schedules: the API v3 only). What differs between v1 and v3 is in ``_versions``."""

from __future__ import annotations

import enum
import itertools
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from devin_client.v3 import Devin as V3Devin

from . import _versions as versions
from ._errors import InputError
from ._options import JsonFlag, read_text, state_for
from ._output import print_json, print_line, print_record, print_table, to_data
from ._state import State

__all__ = ["knowledge_app", "playbooks_app", "schedules_app", "secrets_app"]

secrets_app = typer.Typer(help="The organisation's secrets (values are never shown).")
knowledge_app = typer.Typer(help="Knowledge notes Devin recalls when relevant (and folders).")
playbooks_app = typer.Typer(help="Team playbooks.")
schedules_app = typer.Typer(help="v3: scheduled sessions (recurring or one-time).")
for _sub in (secrets_app, knowledge_app, playbooks_app, schedules_app):
    _sub.info.no_args_is_help = True

Id = Annotated[str, typer.Argument(metavar="ID", help="Its id.", show_default=False)]


def _body_options(body: str | None, body_file: Path | None) -> str | None:
    return read_text(body, body_file, "--body")


BodyOpt = Annotated[str | None, typer.Option("--body", help="The text.")]
BodyFileOpt = Annotated[
    Path | None,
    typer.Option("--body-file", metavar="FILE", help="Read the text from a file (- for stdin)."),
]
MacroOpt = Annotated[str | None, typer.Option(help="A !macro that invokes it.")]


def _done(state: State, data: dict[str, Any], line: str) -> None:
    if state.json:
        print_json(data)
    else:
        print_line(state.out(), line)


# --- secrets -------------------------------------------------------------------------------


class SecretKind(enum.StrEnum):
    """Secret types the API accepts."""

    key_value = "key-value"
    cookie = "cookie"
    totp = "totp"


def _read_secret() -> str:
    # The prompt goes to stderr so that stdout stays clean for --json.
    if sys.stdin.isatty():
        secret: str = typer.prompt("Secret value", hide_input=True, err=True)
        return secret
    return sys.stdin.read().removesuffix("\n")


@secrets_app.command("list")
def secrets_list(as_json: JsonFlag = False) -> None:
    """List secrets: ids, keys and types (never values)."""
    state = state_for(as_json)
    with state.client() as client:
        secrets = list(client.secrets.list())
    if state.json:
        print_json(secrets)
    else:
        columns = [
            ("id", "secret_id|id"),
            ("key", "key"),
            ("type", "secret_type|type"),
            ("created", "created_at"),
        ]
        print_table(state.out(), secrets, columns, empty="no secrets")


@secrets_app.command("create")
def secrets_create(
    key: Annotated[
        str, typer.Argument(metavar="KEY", help="Its name, unique in the organisation.")
    ],
    value: Annotated[
        str | None,
        typer.Option(
            help="The value [default: asked for without echo on a terminal, else read from "
            "stdin]. A value given here may stay in your shell history.",
        ),
    ] = None,
    kind: Annotated[SecretKind, typer.Option("--type", help="The kind.")] = SecretKind.key_value,
    sensitive: Annotated[bool, typer.Option(help="Redact it in Devin's logs.")] = True,
    note: Annotated[str, typer.Option(help="What it is for.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Store a secret for sessions created from now on."""
    state = state_for(as_json)
    if value is None:
        value = _read_secret()
    state.add_secret(value)  # redacted from every error line and --debug output
    if not value:
        raise InputError("the secret value is empty")
    with state.client() as client:
        created = versions.create_secret(
            client, key, value, kind=kind.value, sensitive=sensitive, note=note
        )
    _done(state, created, f"created secret {created['id']} ({key})")


@secrets_app.command("delete")
def secrets_delete(secret_id: Id, as_json: JsonFlag = False) -> None:
    """Delete a secret for good."""
    state = state_for(as_json)
    with state.client() as client:
        client.secrets.delete(secret_id)
    _done(state, {"id": secret_id, "deleted": True}, f"deleted secret {secret_id}")


# --- knowledge -----------------------------------------------------------------------------

_KNOWLEDGE_COLUMNS = [
    ("id", "note_id|id"),
    ("name", "name"),
    ("trigger", "trigger|trigger_description"),
]
_NOTE_KEYS = [
    ("note", "note_id|id"),
    ("name", "name"),
    ("trigger", "trigger|trigger_description"),
    ("folder", "folder_path|parent_folder_id"),
    ("pinned repo", "pinned_repo"),
    ("enabled", "is_enabled"),
    ("updated", "updated_at"),
    ("body", "body"),
]


@knowledge_app.command("list")
def knowledge_list(
    search: Annotated[
        str | None, typer.Option(metavar="TEXT", help="v3: only notes matching this text.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List knowledge notes (v1 --json: with the folders)."""
    state = state_for(as_json)
    with state.client() as client:
        document, notes = versions.list_notes(client, search=search)
    if state.json:
        print_json(document)
    else:
        print_table(state.out(), notes, _KNOWLEDGE_COLUMNS, empty="no knowledge")


@knowledge_app.command("get")
def knowledge_get(note_id: Id, as_json: JsonFlag = False) -> None:
    """Show a knowledge note."""
    state = state_for(as_json)
    with state.client() as client:
        note = versions.get_note(client, note_id)
    if state.json:
        print_json(note)
    else:
        print_record(state.out(), note, _NOTE_KEYS)


@knowledge_app.command("folders")
def knowledge_folders(as_json: JsonFlag = False) -> None:
    """List the knowledge folders."""
    state = state_for(as_json)
    with state.client() as client:
        found = to_data(versions.folders(client))
    if state.json:
        print_json(found)
        return
    rows = found.get("folders", []) if isinstance(found, dict) else found
    columns = [("id", "folder_id|id"), ("name", "name"), ("path", "path"), ("notes", "note_count")]
    print_table(state.out(), rows, columns, empty="no folders")


def _knowledge_fields(
    name: str | None,
    body: str | None,
    trigger: str | None,
    macro: str | None,
    folder: str | None,
    pinned_repo: str | None,
) -> dict[str, Any]:
    # v3's names; _versions translates them for v1
    fields = {
        "name": name,
        "body": body,
        "trigger": trigger,
        "macro": macro,
        "folder_id": folder,
        "pinned_repo": pinned_repo,
    }
    return {k: v for k, v in fields.items() if v is not None}


NameOpt = Annotated[str | None, typer.Option(help="Its name.")]
TriggerOpt = Annotated[str | None, typer.Option("--trigger", help="When Devin should recall it.")]
FolderOpt = Annotated[str | None, typer.Option("--folder", metavar="ID", help="A folder.")]
PinnedOpt = Annotated[
    str | None, typer.Option(metavar="REPO", help="'all' or 'owner/repo' to pin it to.")
]
NoteMacroOpt = Annotated[str | None, typer.Option(help="v1: a !macro that invokes it.")]


@knowledge_app.command("create")
def knowledge_create(
    name: Annotated[str, typer.Option(help="Its name.")],
    trigger: Annotated[str, typer.Option("--trigger", help="When Devin should recall it.")],
    body: BodyOpt = None,
    body_file: BodyFileOpt = None,
    macro: NoteMacroOpt = None,
    folder: FolderOpt = None,
    pinned_repo: PinnedOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Create a knowledge note."""
    state = state_for(as_json)
    text = _body_options(body, body_file)
    if text is None:
        raise InputError("give --body or --body-file")
    fields = _knowledge_fields(name, text, trigger, macro, folder, pinned_repo)
    with state.client() as client:
        versions.only_for(client, "v1", {"--macro": macro})
        note = versions.create_note(client, **fields)
    note_id = note.get("note_id", note.get("id"))
    _done(state, note, f"created knowledge {note_id} ({note.get('name', name)})")


@knowledge_app.command("update")
def knowledge_update(
    note_id: Id,
    name: NameOpt = None,
    trigger: TriggerOpt = None,
    body: BodyOpt = None,
    body_file: BodyFileOpt = None,
    macro: NoteMacroOpt = None,
    folder: FolderOpt = None,
    pinned_repo: PinnedOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Change a knowledge note; fields not given keep their current value."""
    state = state_for(as_json)
    changes = _knowledge_fields(
        name, _body_options(body, body_file), trigger, macro, folder, pinned_repo
    )
    with state.client() as client:
        versions.only_for(client, "v1", {"--macro": macro})
        note = versions.update_note(client, note_id, changes)
    _done(state, note, f"updated knowledge {note_id}")


@knowledge_app.command("delete")
def knowledge_delete(note_id: Id, as_json: JsonFlag = False) -> None:
    """Delete a knowledge note."""
    state = state_for(as_json)
    with state.client() as client:
        versions.delete_note(client, note_id)
    _done(state, {"id": note_id, "deleted": True}, f"deleted knowledge {note_id}")


# --- playbooks -----------------------------------------------------------------------------

_PLAYBOOK_KEYS = [
    ("playbook", "playbook_id"),
    ("title", "title"),
    ("macro", "macro"),
    ("access", "access_type"),
    ("status", "status"),
    ("created by", "created_by_user_name"),
    ("updated", "updated_at"),
    ("body", "body"),
]


@playbooks_app.command("list")
def playbooks_list(as_json: JsonFlag = False) -> None:
    """List team playbooks."""
    state = state_for(as_json)
    with state.client() as client:
        playbooks = list(client.playbooks.list())
    if state.json:
        print_json(playbooks)
    else:
        columns = [("id", "playbook_id"), ("title", "title"), ("macro", "macro")]
        print_table(state.out(), playbooks, columns, empty="no playbooks")


@playbooks_app.command("get")
def playbooks_get(playbook_id: Id, as_json: JsonFlag = False) -> None:
    """Show a playbook."""
    state = state_for(as_json)
    with state.client() as client:
        playbook = client.playbooks.get(playbook_id)
    if state.json:
        print_json(playbook)
    else:
        print_record(state.out(), playbook, _PLAYBOOK_KEYS)


@playbooks_app.command("create")
def playbooks_create(
    title: Annotated[str, typer.Option(help="Its title.")],
    body: BodyOpt = None,
    body_file: BodyFileOpt = None,
    macro: MacroOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Create a team playbook."""
    state = state_for(as_json)
    text = _body_options(body, body_file)
    if text is None:
        raise InputError("give --body or --body-file")
    with state.client() as client:
        playbook = to_data(client.playbooks.create(title=title, body=text, macro=macro))
    _done(state, playbook, f"created playbook {playbook['playbook_id']} ({title})")


@playbooks_app.command("update")
def playbooks_update(
    playbook_id: Id,
    title: Annotated[str | None, typer.Option(help="Its title.")] = None,
    body: BodyOpt = None,
    body_file: BodyFileOpt = None,
    macro: MacroOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Change a playbook; fields not given keep their current value."""
    state = state_for(as_json)
    text = _body_options(body, body_file)
    with state.client() as client:
        # The API replaces title, body and macro together, so start from the current ones.
        current = to_data(client.playbooks.get(playbook_id))
        result = client.playbooks.update(
            playbook_id,
            title=title if title is not None else current["title"],
            body=text if text is not None else current["body"],
            macro=macro if macro is not None else current.get("macro"),
        )
    _done(state, {"playbook_id": playbook_id, **to_data(result)}, f"updated {playbook_id}")


@playbooks_app.command("delete")
def playbooks_delete(playbook_id: Id, as_json: JsonFlag = False) -> None:
    """Delete a playbook (its macro goes too)."""
    state = state_for(as_json)
    with state.client() as client:
        result = client.playbooks.delete(playbook_id)
    _done(
        state,
        {"playbook_id": playbook_id, **to_data(result)},
        f"deleted playbook {playbook_id}",
    )


# --- schedules (v3) ------------------------------------------------------------------------

_SCHEDULE_COLUMNS = [
    ("id", "scheduled_session_id"),
    ("name", "name"),
    ("type", "schedule_type"),
    ("when", "frequency"),
    ("enabled", "enabled"),
]
_SCHEDULE_KEYS = [
    ("schedule", "scheduled_session_id"),
    ("name", "name"),
    ("type", "schedule_type"),
    ("frequency", "frequency"),
    ("at", "scheduled_at"),
    ("enabled", "enabled"),
    ("agent", "agent"),
    ("notify on", "notify_on"),
    ("tags", "tags"),
    ("last run", "last_executed_at"),
    ("last error", "last_error_message"),
    ("prompt", "prompt"),
]


class ScheduleType(enum.StrEnum):
    """``schedule_type`` values."""

    recurring = "recurring"
    one_time = "one_time"


class NotifyOn(enum.StrEnum):
    """``notify_on`` values."""

    always = "always"
    failure = "failure"
    never = "never"


class Agent(enum.StrEnum):
    """``agent`` values."""

    devin = "devin"
    data_analyst = "data_analyst"
    advanced = "advanced"


FrequencyOpt = Annotated[
    str | None,
    typer.Option(metavar="CRON", help="A recurring schedule's cron expression (UTC)."),
]
AtOpt = Annotated[
    datetime | None,
    typer.Option(
        "--at",
        metavar="WHEN",
        formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S%z"],
        help="A one-time schedule's moment, with its UTC offset (2026-12-01T09:00+00:00).",
    ),
]
ScheduleTags = Annotated[
    list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="A tag; repeatable.")
]
PlaybookOpt = Annotated[str | None, typer.Option(metavar="ID", help="A playbook.")]
NotifyOpt = Annotated[NotifyOn | None, typer.Option(help="When to notify.")]
AgentOpt = Annotated[Agent | None, typer.Option(help="The agent that runs it.")]


def _v3(state: State, command: str) -> V3Devin:
    client = state.client()
    try:
        return versions.require_v3(client, command)
    except InputError:
        client.close()
        raise


def _schedule_options(**given: Any) -> dict[str, Any]:
    return {
        k: (v.value if isinstance(v, enum.Enum) else v)
        for k, v in given.items()
        if v is not None and v != []
    }


@schedules_app.command("list")
def schedules_list(
    limit: Annotated[int, typer.Option(min=0, help="Show at most this many (0: all).")] = 0,
    as_json: JsonFlag = False,
) -> None:
    """List the organisation's schedules."""
    state = state_for(as_json)
    with _v3(state, "schedules list") as client:
        rows = list(itertools.islice(client.schedules.list(), limit or None))
    if state.json:
        print_json(rows)
    else:
        print_table(state.out(), rows, _SCHEDULE_COLUMNS, empty="no schedules")


@schedules_app.command("get")
def schedules_get(schedule_id: Id, as_json: JsonFlag = False) -> None:
    """Show a schedule."""
    state = state_for(as_json)
    with _v3(state, "schedules get") as client:
        schedule = client.schedules.get(schedule_id)
    if state.json:
        print_json(schedule)
    else:
        print_record(state.out(), schedule, _SCHEDULE_KEYS)


@schedules_app.command("create")
def schedules_create(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Its name.", show_default=False)],
    prompt: Annotated[
        str, typer.Argument(metavar="PROMPT", help="Each session's prompt.", show_default=False)
    ],
    frequency: FrequencyOpt = None,
    at: AtOpt = None,
    schedule_type: Annotated[
        ScheduleType | None,
        typer.Option("--type", help="[default: one_time with --at, else recurring]"),
    ] = None,
    agent: AgentOpt = None,
    notify_on: NotifyOpt = None,
    playbook: PlaybookOpt = None,
    tag: ScheduleTags = None,
    as_json: JsonFlag = False,
) -> None:
    """Schedule sessions: recurring (--frequency CRON) or one-time (--at WHEN)."""
    state = state_for(as_json)
    if schedule_type is None and at is not None:
        schedule_type = ScheduleType.one_time
    options = _schedule_options(
        frequency=frequency,
        scheduled_at=at,
        schedule_type=schedule_type,
        agent=agent,
        notify_on=notify_on,
        playbook_id=playbook,
        tags=tag or None,
    )
    with _v3(state, "schedules create") as client:
        schedule = to_data(client.schedules.create(name, prompt, **options))
    _done(state, schedule, f"created schedule {schedule['scheduled_session_id']} ({name})")


@schedules_app.command("update")
def schedules_update(
    schedule_id: Id,
    name: NameOpt = None,
    prompt: Annotated[str | None, typer.Option(help="Each session's prompt.")] = None,
    frequency: FrequencyOpt = None,
    at: AtOpt = None,
    enabled: Annotated[
        bool | None,
        typer.Option("--enable/--disable", help="Turn it on or off.", show_default=False),
    ] = None,
    agent: AgentOpt = None,
    notify_on: NotifyOpt = None,
    playbook: PlaybookOpt = None,
    tag: ScheduleTags = None,
    as_json: JsonFlag = False,
) -> None:
    """Change a schedule; what is not given stays as it is."""
    state = state_for(as_json)
    changes = _schedule_options(
        name=name,
        prompt=prompt,
        frequency=frequency,
        scheduled_at=at,
        enabled=enabled,
        agent=agent,
        notify_on=notify_on,
        playbook_id=playbook,
        tags=tag or None,
    )
    if not changes:
        raise InputError("give at least one change (see --help)")
    with _v3(state, "schedules update") as client:
        schedule = to_data(client.schedules.update(schedule_id, **changes))
    _done(state, schedule, f"updated schedule {schedule_id}")


@schedules_app.command("delete")
def schedules_delete(schedule_id: Id, as_json: JsonFlag = False) -> None:
    """Delete a schedule."""
    state = state_for(as_json)
    with _v3(state, "schedules delete") as client:
        client.schedules.delete(schedule_id)
    _done(state, {"id": schedule_id, "deleted": True}, f"deleted schedule {schedule_id}")
