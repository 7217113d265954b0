"""Where the API v1 and the API v3 differ, for the commands: one function per difference.

A command is written once, for whichever client the factory gave it (``devin_client.Devin`` or
``devin_client.v3.Devin``, see ``_client``). When the two APIs do the same thing under other
names (``send_message`` vs ``messages.send``, ``sensitive`` vs ``is_sensitive``, a note's
``trigger_description`` vs ``trigger``), the command calls the function here that knows both;
when only one API has a thing (``--idempotent`` is v1's, ``--platform`` and ``archive`` are
v3's), the command names it here, and asking the other API for it is an input error (exit 2,
nothing sent) that says how to get the right one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from devin_client.v3 import Devin as V3Devin

from ._client import AnyDevin
from ._errors import InputError, NotFound
from ._output import to_data

__all__ = [
    "api_of",
    "create_note",
    "create_secret",
    "delete_note",
    "folders",
    "get_note",
    "is_v3",
    "list_notes",
    "list_sessions",
    "only_for",
    "require_v3",
    "send_message",
    "session_messages",
    "session_tags",
    "set_tags",
    "terminate",
    "update_note",
    "upload",
]

HOW_V3 = "a service user's cog_ key, or --api v3"
HOW_V1 = "an apk_ key, or --api v1"


def is_v3(client: AnyDevin) -> bool:
    """Does ``client`` speak the API v3?"""
    return isinstance(client, V3Devin)


def api_of(client: AnyDevin) -> str:
    """``"v3"`` or ``"v1"``."""
    return "v3" if is_v3(client) else "v1"


def require_v3(client: AnyDevin, command: str) -> V3Devin:
    """``client``, for a command only the API v3 has.

    Raises:
        InputError: ``client`` speaks v1.
    """
    if not isinstance(client, V3Devin):
        raise InputError(f"`devin {command}` needs the API v3 ({HOW_V3})")
    return client


def _given(value: Any) -> bool:
    return value is not None and value is not False and value != [] and value != ()


def only_for(client: AnyDevin, api: str, options: Mapping[str, Any]) -> None:
    """Refuse options that only the API ``api`` has, when given to the other.

    Args:
        client: The invocation's client.
        api: ``"v1"`` or ``"v3"``: the API the options belong to.
        options: ``{"--option": value}``; a value of ``None``, ``False`` or empty is "not given".

    Raises:
        InputError: Naming the first option given and how to speak its API.
    """
    if api_of(client) == api:
        return
    for option, value in options.items():
        if _given(value):
            how = HOW_V3 if api == "v3" else HOW_V1
            raise InputError(f"{option} is for the API {api} only ({how})")


# --- sessions ------------------------------------------------------------------------------


def list_sessions(
    client: AnyDevin, *, tags: list[str] | None, page_size: int, **filters: Any
) -> Iterator[Any]:
    """Every session, page after page (``filters``: the version's own, already checked)."""
    given = {key: value for key, value in filters.items() if value is not None}
    if is_v3(client):
        assert isinstance(client, V3Devin)
        return client.sessions.list(tags=tags, page_size=page_size, **given)
    return iter(client.sessions.list(tags=tags, page_size=page_size, **given))


def send_message(
    client: AnyDevin, session_id: str, text: str, attachments: list[str]
) -> dict[str, Any]:
    """Send a message; what to print: v3's session, or v1's ``{"session_id", "detail"}``."""
    if isinstance(client, V3Devin):
        return dict(
            to_data(client.sessions.messages.send(session_id, text, attachments=attachments))
        )
    sent = client.sessions.send_message(session_id, text, attachments=attachments)
    detail = None if sent is None else to_data(sent).get("detail")
    return {"session_id": session_id, "detail": detail}


def session_messages(client: AnyDevin, session_id: str) -> Iterable[Any]:
    """A session's messages, oldest first (v3: every page; v1: those the session carries)."""
    if isinstance(client, V3Devin):
        return client.sessions.messages.list(session_id)
    messages: list[Any] = to_data(client.sessions.get(session_id)).get("messages") or []
    return messages


def session_tags(client: AnyDevin, session_id: str) -> list[str]:
    """A session's tags."""
    if isinstance(client, V3Devin):
        tags: list[str] = to_data(client.sessions.tags.get(session_id)).get("tags") or []
        return tags
    return list(to_data(client.sessions.get(session_id)).get("tags") or [])


def set_tags(client: AnyDevin, session_id: str, tags: list[str], *, append: bool) -> list[str]:
    """Replace a session's tags, or (v3) add to them; returns its tags now."""
    if isinstance(client, V3Devin):
        change = client.sessions.tags.append if append else client.sessions.tags.replace
        now: list[str] = to_data(change(session_id, tags)).get("tags") or []
        return now
    only_for(client, "v3", {"--append": append})
    client.sessions.update_tags(session_id, tags)
    return tags


def terminate(client: AnyDevin, session_id: str, *, archive: bool) -> dict[str, Any]:
    """Terminate a session (v3: and archive it, with ``archive``); what to print."""
    if isinstance(client, V3Devin):
        return dict(to_data(client.sessions.terminate(session_id, archive=archive)))
    only_for(client, "v3", {"--archive": archive})
    return {"session_id": session_id, **to_data(client.sessions.terminate(session_id))}


# --- attachments ---------------------------------------------------------------------------


def upload(
    client: AnyDevin,
    file: Path,
    filename: str | None,
    on_progress: Callable[[int, int | None], None],
) -> dict[str, Any]:
    """Upload a file; what to print (``url`` in both; v3 adds ``attachment_id`` and ``name``)."""
    if isinstance(client, V3Devin):
        uploaded = client.attachments.upload(file, filename=filename, on_progress=on_progress)
        return dict(to_data(uploaded))
    url = client.attachments.upload(file, filename=filename, on_progress=on_progress)
    return {"url": url, "filename": filename or file.name}


# --- secrets -------------------------------------------------------------------------------


def create_secret(
    client: AnyDevin, key: str, value: str, *, kind: str, sensitive: bool, note: str
) -> dict[str, Any]:
    """Store a secret; what to print (its id and key, never the value)."""
    if isinstance(client, V3Devin):
        created = to_data(
            client.secrets.create(key, value, type=kind, is_sensitive=sensitive, note=note or None)
        )
        return {"id": created["secret_id"], "key": key}
    created = to_data(client.secrets.create(key, value, type=kind, sensitive=sensitive, note=note))
    return {"id": created["id"], "key": key}


# --- knowledge: v1's note is {id, trigger_description, parent_folder_id}, v3's {note_id,
# trigger, folder_id}; the commands take v3's names and these functions translate -----------

_V1_NAMES = {"note_id": "id", "trigger": "trigger_description", "folder_id": "parent_folder_id"}
_NOTE_FIELDS = ("name", "body", "trigger", "folder_id", "pinned_repo")


def _v3_names(client: AnyDevin, note: Mapping[str, Any]) -> dict[str, Any]:
    if is_v3(client):
        return dict(note)
    return {v3: note.get(_V1_NAMES.get(v3, v3)) for v3 in (*_NOTE_FIELDS, "note_id", "macro")}


def _v1_names(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {_V1_NAMES.get(k, k): v for k, v in fields.items()}


def list_notes(client: AnyDevin, *, search: str | None = None) -> tuple[Any, list[Any]]:
    """The knowledge notes: what ``--json`` prints (v3: the notes, every page; v1: the API's
    ``{knowledge, folders}``) and the notes for a table."""
    if isinstance(client, V3Devin):
        notes = list(client.knowledge.notes.list(search=search))
        return notes, notes
    only_for(client, "v3", {"--search": search})
    everything = client.knowledge.list()
    return everything, list(everything.knowledge)


def get_note(client: AnyDevin, note_id: str) -> dict[str, Any]:
    """A knowledge note as the API sent it (v1 has no such call: found in the list)."""
    if isinstance(client, V3Devin):
        return dict(to_data(client.knowledge.notes.get(note_id)))
    found = next((n for n in client.knowledge.list().knowledge if n.id == note_id), None)
    if found is None:
        raise NotFound(f"404: no knowledge note {note_id}")
    return dict(to_data(found))


def create_note(client: AnyDevin, **fields: Any) -> dict[str, Any]:
    """Create a note from v3-named ``fields`` (``name``, ``body``, ``trigger``, ...)."""
    if isinstance(client, V3Devin):
        return dict(to_data(client.knowledge.notes.create(**fields)))
    return dict(to_data(client.knowledge.create(**_v1_names(fields))))


def update_note(client: AnyDevin, note_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change a note (v3-named ``changes``): the API replaces the whole note, so the fields
    not changed are sent as they are now."""
    current = _v3_names(client, get_note(client, note_id))
    fields: dict[str, Any] = {k: current.get(k) for k in _NOTE_FIELDS} | dict(changes)
    if isinstance(client, V3Devin):
        return dict(to_data(client.knowledge.notes.update(note_id, **fields)))
    v1_fields = _v1_names(fields) | {"macro": changes.get("macro", current.get("macro"))}
    return dict(to_data(client.knowledge.update(note_id, **v1_fields)))


def delete_note(client: AnyDevin, note_id: str) -> None:
    """Delete a knowledge note."""
    if isinstance(client, V3Devin):
        client.knowledge.notes.delete(note_id)
    else:
        client.knowledge.delete(note_id)


def folders(client: AnyDevin) -> Any:
    """The knowledge folders (v3: a tree with ``root_note_count``; v1: a list)."""
    if isinstance(client, V3Devin):
        return client.knowledge.folders.list()
    return client.knowledge.list().folders
