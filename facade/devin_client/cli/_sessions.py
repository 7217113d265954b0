"""``devin sessions ...``: create, list, get, message, tags, terminate, wait, watch."""

from __future__ import annotations

import enum
import itertools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from devin_client import Devin, MessageEvent, StatusEvent

from ._errors import InputError
from ._options import JsonFlag, read_json_file, state_for
from ._output import (
    cell,
    clean_line,
    dumps,
    print_json,
    print_line,
    print_record,
    print_table,
    session_status,
    to_data,
)
from ._state import State

__all__ = ["app"]

app = typer.Typer(help="Create, inspect, message and stop Devin sessions.", no_args_is_help=True)


class Mode(enum.StrEnum):
    """``devin_mode`` values."""

    normal = "normal"
    fast = "fast"


SessionId = Annotated[
    str,
    typer.Argument(metavar="SESSION_ID", help="The session id (devin-...).", show_default=False),
]
Attach = Annotated[
    list[str] | None,
    typer.Option(
        "--attach",
        "-a",
        metavar="FILE_OR_URL",
        help="A local file (uploaded first) or an attachment URL; repeatable. Each becomes an "
        'ATTACHMENT:"url" line of the prompt.',
    ),
]
Timeout = Annotated[
    float | None,
    typer.Option("--timeout", min=0, help="Seconds to wait at most [default: 3600]."),
]
PollInterval = Annotated[
    float | None,
    typer.Option("--poll-interval", min=0, help="Seconds between polls [default: 10]."),
]

_LIST_COLUMNS = [
    ("session", "session_id"),
    ("status", "status"),
    ("title", "title"),
    ("tags", "tags"),
    ("created", "created_at"),
]
_DETAIL_KEYS = [
    ("session", "session_id"),
    ("url", "url"),
    ("status", "status"),
    ("title", "title"),
    ("mode", "devin_mode"),
    ("as user", "create_as_user_id"),
    ("tags", "tags"),
    ("playbook", "playbook_id"),
    ("snapshot", "snapshot_id"),
    ("pull request", "pull_request"),
    ("created", "created_at"),
    ("updated", "updated_at"),
    ("structured output", "structured_output"),
]


def _wait_kwargs(timeout: float | None, poll_interval: float | None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if timeout is not None:
        kwargs["timeout"] = timeout
    if poll_interval is not None:
        kwargs["poll_interval"] = poll_interval
    return kwargs


class _StatusText:
    """The live line's text; Rich re-renders it on every refresh, so the clock keeps ticking
    between polls."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        self.status = "waiting"
        self.started = time.monotonic()

    def __rich__(self) -> Text:
        elapsed = time.monotonic() - self.started
        return Text(clean_line(f"{self.session_id}: {self.status} ({elapsed:.0f} s)"))


@contextmanager
def _status_line(console: Console, session_id: str) -> Iterator[Callable[[Any], None]]:
    """A live ``session: status (elapsed)`` line on a terminal; one line per change otherwise."""
    text = _StatusText(session_id)
    if console.is_terminal:
        with console.status(text):

            def update(session: Any) -> None:
                text.status = session_status(to_data(session))

            yield update
        return

    def report(session: Any) -> None:
        status = session_status(to_data(session))
        if status != text.status:
            print_line(console, f"{session_id}: {status}")
            text.status = status

    yield report


def _wait(state: State, client: Devin, session_id: str, **kwargs: Any) -> Any:
    with _status_line(state.err(), session_id) as update:
        return client.sessions.wait(session_id, on_progress=update, **kwargs)


def _show_session(state: State, session: Any, *, url: str | None = None) -> None:
    if state.json:
        print_json(session)
        return
    console = state.out()
    data = to_data(session)
    if url:
        data["url"] = url
    print_record(console, data, _DETAIL_KEYS)
    messages = data.get("messages") or []
    if messages:
        print_table(
            console,
            messages,
            [("time", "timestamp"), ("from", "type"), ("message", "message")],
            title="messages",
        )


@app.command()
def create(
    prompt: Annotated[
        str, typer.Argument(metavar="PROMPT", help="The task for Devin.", show_default=False)
    ],
    attach: Attach = None,
    mode: Annotated[
        Mode | None, typer.Option("--mode", help="devin_mode (omitted: the org's default).")
    ] = None,
    as_user: Annotated[
        str | None,
        typer.Option("--as-user", metavar="ID", help="create_as_user_id: on behalf of this user."),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="A tag; repeatable.")
    ] = None,
    title: Annotated[str | None, typer.Option(help="A title (generated when omitted).")] = None,
    playbook: Annotated[str | None, typer.Option(metavar="ID", help="A playbook.")] = None,
    max_acu_limit: Annotated[
        int | None, typer.Option(help="Most ACUs the session may use.")
    ] = None,
    structured_output_schema: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            exists=True,
            dir_okay=False,
            help="A JSON Schema (Draft 7) file the session's structured output must follow.",
        ),
    ] = None,
    idempotent: Annotated[
        bool, typer.Option(help="Reuse the session of an identical earlier request.")
    ] = False,
    unlisted: Annotated[bool, typer.Option(help="Hide it from the organisation's list.")] = False,
    wait: Annotated[bool, typer.Option(help="Wait until the session settles.")] = False,
    timeout: Timeout = None,
    poll_interval: PollInterval = None,
    as_json: JsonFlag = False,
) -> None:
    """Start a session. With --wait, show its status until it settles, then the session."""
    state = state_for(as_json)
    kwargs: dict[str, Any] = {"idempotent": idempotent, "unlisted": unlisted}
    if attach:
        kwargs["attachments"] = attach
    if mode is not None:
        kwargs["devin_mode"] = mode.value
    if as_user is not None:
        kwargs["create_as_user_id"] = as_user
    if tag:
        kwargs["tags"] = tag
    if title is not None:
        kwargs["title"] = title
    if playbook is not None:
        kwargs["playbook_id"] = playbook
    if max_acu_limit is not None:
        kwargs["max_acu_limit"] = max_acu_limit
    if structured_output_schema is not None:
        schema = read_json_file(structured_output_schema, "--structured-output-schema")
        if not isinstance(schema, dict):
            raise InputError("--structured-output-schema: the schema must be a JSON object")
        kwargs["structured_output_schema"] = schema
    with state.client() as client:
        created = to_data(client.sessions.create(prompt, **kwargs))
        session_id, url = created["session_id"], created["url"]
        if not wait:
            if state.json:
                print_json(created)
            else:
                new = " (existing session)" if created.get("is_new_session") is False else ""
                print_line(state.out(), f"created {session_id}{new}")
                print_line(state.out(), url)
            return
        if not state.json:
            print_line(state.err(), f"created {session_id}: {url}")
        session = _wait(state, client, session_id, **_wait_kwargs(timeout, poll_interval))
    _show_session(state, session, url=url)


@app.command("list")
def list_(
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Only sessions with this tag; repeatable."),
    ] = None,
    user_email: Annotated[
        str | None, typer.Option(metavar="EMAIL", help="Only sessions this user created.")
    ] = None,
    limit: Annotated[int, typer.Option(min=0, help="Show at most this many (0: all).")] = 100,
    as_json: JsonFlag = False,
) -> None:
    """List the organisation's sessions, newest first."""
    state = state_for(as_json)
    with state.client() as client:
        sessions: Iterator[Any] = client.sessions.list(
            tags=tag or None, user_email=user_email, page_size=min(limit or 100, 100)
        )
        rows = list(itertools.islice(sessions, limit or None))
    if state.json:
        print_json(rows)
    else:
        print_table(state.out(), rows, _LIST_COLUMNS, empty="no sessions")


@app.command()
def get(session_id: SessionId, as_json: JsonFlag = False) -> None:
    """Show a session: its status, structured output and messages."""
    state = state_for(as_json)
    with state.client() as client:
        session = client.sessions.get(session_id)
    _show_session(state, session)


@app.command()
def message(
    session_id: SessionId,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The message.", show_default=False)],
    attach: Attach = None,
    as_json: JsonFlag = False,
) -> None:
    """Send a message to a session (it wakes a suspended one)."""
    state = state_for(as_json)
    with state.client() as client:
        sent = client.sessions.send_message(session_id, text, attachments=attach or ())
    detail = None if sent is None else to_data(sent).get("detail")
    if state.json:
        print_json({"session_id": session_id, "detail": detail})
    else:
        print_line(state.out(), f"message sent to {session_id}" + (f": {detail}" if detail else ""))


@app.command()
def tags(
    session_id: SessionId,
    tag: Annotated[
        list[str] | None, typer.Argument(metavar="[TAG]...", help="The new tags.")
    ] = None,
    clear: Annotated[bool, typer.Option(help="Remove every tag.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Replace a session's tags (all of them)."""
    state = state_for(as_json)
    if not tag and not clear:
        raise InputError("give the new tags, or --clear to remove them all")
    if tag and clear:
        raise InputError("give the new tags or --clear, not both")
    new_tags = list(tag or [])
    with state.client() as client:
        result = client.sessions.update_tags(session_id, new_tags)
    if state.json:
        print_json({"session_id": session_id, "tags": new_tags, **to_data(result)})
    else:
        print_line(state.out(), f"{session_id}: tags set to {', '.join(new_tags) or '(none)'}")


@app.command()
def terminate(session_id: SessionId, as_json: JsonFlag = False) -> None:
    """Terminate a session (it cannot be resumed)."""
    state = state_for(as_json)
    with state.client() as client:
        result = client.sessions.terminate(session_id)
    if state.json:
        print_json({"session_id": session_id, **to_data(result)})
    else:
        print_line(state.out(), f"{session_id}: terminated")


Until = Annotated[
    list[str] | None,
    typer.Option(
        metavar="STATUS",
        help="Stop at this status; repeatable [default: finished, blocked, expired].",
    ),
]


@app.command("wait")
def wait_(
    session_id: SessionId,
    timeout: Timeout = None,
    poll_interval: PollInterval = None,
    until: Until = None,
    as_json: JsonFlag = False,
) -> None:
    """Wait until a session settles, showing its status; then show the session."""
    state = state_for(as_json)
    kwargs = _wait_kwargs(timeout, poll_interval)
    if until:
        kwargs["until"] = frozenset(until)
    with state.client() as client:
        session = _wait(state, client, session_id, **kwargs)
    _show_session(state, session)


def _event_data(event: Any) -> dict[str, Any]:
    """One line of ``watch --json``: the event, with the API's own fields."""
    if isinstance(event, MessageEvent):
        return {
            "event": "message",
            "session_id": event.session_id,
            "message": to_data(event.message),
        }
    session = to_data(event.session)
    session.pop("messages", None)  # each came as its own line
    data: dict[str, Any] = {"event": "status", "session_id": event.session_id}
    data["status"] = event.status
    if event.detail is not None:
        data["detail"] = event.detail
    data["session"] = session
    return data


def _event_line(event: Any) -> str:
    """One line of ``watch``: ``[time] who: text`` for a message, ``id: status`` for a status
    (printed through ``print_line``: server text escaped, on one line)."""
    if isinstance(event, StatusEvent):
        detail = f" ({event.detail})" if event.detail else ""
        return f"{event.session_id}: {event.status}{detail}"
    message = to_data(event.message)
    who = message.get("username") or message.get("type") or message.get("source") or "?"
    when = cell(message.get("timestamp") or message.get("created_at"))
    return f"[{when}] {cell(who)}: {message.get('message', '')}"


@app.command()
def watch(
    session_id: SessionId,
    timeout: Timeout = None,
    poll_interval: PollInterval = None,
    until: Until = None,
    as_json: JsonFlag = False,
) -> None:
    """Print a session's messages as they arrive, and its status changes, until it settles.

    With --json, one JSON object per line (JSON Lines): {"event": "message", "message": {...}}
    or {"event": "status", "status": ..., "session": {...}}.
    """
    state = state_for(as_json)
    kwargs = _wait_kwargs(timeout, poll_interval)
    if until:
        kwargs["until"] = frozenset(until)
    with state.client() as client:
        for event in client.sessions.follow(session_id, **kwargs):
            if state.json:
                typer.echo(dumps(_event_data(event), indent=None))  # flushed: a line at a time
            else:
                print_line(state.out(), _event_line(event))
