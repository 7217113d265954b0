"""``devin secrets|knowledge|playbooks ...``: the organisation's shared resources."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ._errors import InputError, NotFound
from ._options import JsonFlag, read_text, state_for
from ._output import print_json, print_line, print_record, print_table, to_data
from ._state import State

__all__ = ["knowledge_app", "playbooks_app", "secrets_app"]

secrets_app = typer.Typer(help="The organisation's secrets (values are never shown).")
knowledge_app = typer.Typer(help="Knowledge notes Devin recalls when relevant.")
playbooks_app = typer.Typer(help="Team playbooks.")
for _sub in (secrets_app, knowledge_app, playbooks_app):
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
        secrets = client.secrets.list()
    if state.json:
        print_json(secrets)
    else:
        columns = [("id", "id"), ("key", "key"), ("type", "type"), ("created", "created_at")]
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
        created = client.secrets.create(key, value, type=kind.value, sensitive=sensitive, note=note)
    secret_id = to_data(created)["id"]
    _done(state, {"id": secret_id, "key": key}, f"created secret {secret_id} ({key})")


@secrets_app.command("delete")
def secrets_delete(secret_id: Id, as_json: JsonFlag = False) -> None:
    """Delete a secret for good."""
    state = state_for(as_json)
    with state.client() as client:
        client.secrets.delete(secret_id)
    _done(state, {"id": secret_id, "deleted": True}, f"deleted secret {secret_id}")


# --- knowledge -----------------------------------------------------------------------------

_KNOWLEDGE_COLUMNS = [("id", "id"), ("name", "name"), ("trigger", "trigger_description")]


@knowledge_app.command("list")
def knowledge_list(as_json: JsonFlag = False) -> None:
    """List knowledge notes (and, with --json, folders)."""
    state = state_for(as_json)
    with state.client() as client:
        everything = client.knowledge.list()
    if state.json:
        print_json(everything)
    else:
        print_table(state.out(), everything.knowledge, _KNOWLEDGE_COLUMNS, empty="no knowledge")


def _knowledge_fields(
    name: str | None,
    body: str | None,
    trigger: str | None,
    macro: str | None,
    folder: str | None,
    pinned_repo: str | None,
) -> dict[str, Any]:
    fields = {
        "name": name,
        "body": body,
        "trigger_description": trigger,
        "macro": macro,
        "parent_folder_id": folder,
        "pinned_repo": pinned_repo,
    }
    return {k: v for k, v in fields.items() if v is not None}


NameOpt = Annotated[str | None, typer.Option(help="Its name.")]
TriggerOpt = Annotated[str | None, typer.Option("--trigger", help="When Devin should recall it.")]
FolderOpt = Annotated[str | None, typer.Option("--folder", metavar="ID", help="A folder.")]
PinnedOpt = Annotated[
    str | None, typer.Option(metavar="REPO", help="'all' or 'owner/repo' to pin it to.")
]


@knowledge_app.command("create")
def knowledge_create(
    name: Annotated[str, typer.Option(help="Its name.")],
    trigger: Annotated[str, typer.Option("--trigger", help="When Devin should recall it.")],
    body: BodyOpt = None,
    body_file: BodyFileOpt = None,
    macro: MacroOpt = None,
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
        note = to_data(client.knowledge.create(**fields))
    _done(state, note, f"created knowledge {note['id']} ({note['name']})")


@knowledge_app.command("update")
def knowledge_update(
    note_id: Id,
    name: NameOpt = None,
    trigger: TriggerOpt = None,
    body: BodyOpt = None,
    body_file: BodyFileOpt = None,
    macro: MacroOpt = None,
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
        # The API replaces the whole note, so start from the current one.
        current = next((n for n in client.knowledge.list().knowledge if n.id == note_id), None)
        if current is None:
            raise NotFound(f"404: no knowledge note {note_id}")
        base = to_data(current)
        keep = ("name", "body", "trigger_description", "macro", "parent_folder_id", "pinned_repo")
        fields = {k: base.get(k) for k in keep} | changes
        note = client.knowledge.update(note_id, **fields)
    _done(state, to_data(note), f"updated knowledge {note_id}")


@knowledge_app.command("delete")
def knowledge_delete(note_id: Id, as_json: JsonFlag = False) -> None:
    """Delete a knowledge note."""
    state = state_for(as_json)
    with state.client() as client:
        client.knowledge.delete(note_id)
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
        playbooks = client.playbooks.list()
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
