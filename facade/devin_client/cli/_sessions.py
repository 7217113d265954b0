"""``devin sessions ...``: create, list, get, messages, message, tags, wait, watch, terminate;
with the API v3 also archive, unarchive, attachments and insights.

Each command is written once for either client; what differs between v1 and v3 is in
``_versions``."""

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

from devin_client import MessageEvent, StatusEvent

from . import _versions as versions
from ._client import AnyDevin
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

app = typer.Typer(
    help="Create, inspect, message, tag, archive and stop Devin sessions.",
    no_args_is_help=True,
)


class Mode(enum.StrEnum):
    """``devin_mode`` values."""

    normal = "normal"
    fast = "fast"


SessionId = Annotated[
    str,
    typer.Argument(metavar="SESSION_ID", help="The session id (devin-...).", show_default=False),
]
Limit = Annotated[int, typer.Option(min=0, help="Show at most this many (0: all).")]
Attach = Annotated[
    list[str] | None,
    typer.Option(
        "--attach",
        "-a",
        metavar="FILE_OR_URL",
        help="A local file (uploaded first) or an attachment URL; repeatable. v1: each becomes "
        'an ATTACHMENT:"url" line of the prompt; v3: the URLs go in attachment_urls.',
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
_MESSAGE_COLUMNS = [
    ("time", "timestamp|created_at"),
    ("from", "type|source"),
    ("message", "message"),
]
_DETAIL_KEYS = [
    ("session", "session_id"),
    ("url", "url"),
    ("status", "status"),
    ("title", "title"),
    ("mode", "devin_mode"),
    ("as user", "create_as_user_id"),
    ("tags", "tags"),
    ("archived", "is_archived"),
    ("playbook", "playbook_id"),
    ("snapshot", "snapshot_id"),
    ("pull request", "pull_request"),
    ("pull requests", "pull_requests"),
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


def _wait(state: State, client: AnyDevin, session_id: str, **kwargs: Any) -> Any:
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
            _MESSAGE_COLUMNS,
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
    platform: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="v3: the VM platform (windows, an outpost pool, ...)."),
    ] = None,
    repo: Annotated[
        list[str] | None,
        typer.Option("--repo", metavar="REPO", help="v3: a repository for it; repeatable."),
    ] = None,
    bypass_approval: Annotated[
        bool, typer.Option("--bypass-approval", help="v3: skip action approvals.")
    ] = False,
    not_resumable: Annotated[
        bool,
        typer.Option("--not-resumable", help="v3: do not keep its VM state once it stops."),
    ] = False,
    idempotent: Annotated[
        bool, typer.Option(help="v1: reuse the session of an identical earlier request.")
    ] = False,
    unlisted: Annotated[
        bool, typer.Option(help="v1: hide it from the organisation's list.")
    ] = False,
    wait: Annotated[bool, typer.Option(help="Wait until the session settles.")] = False,
    timeout: Timeout = None,
    poll_interval: PollInterval = None,
    as_json: JsonFlag = False,
) -> None:
    """Start a session. With --wait, show its status until it settles, then the session.

    v3 has no idempotency flag: a create is never sent twice, and after a failed one the
    session may exist (a --tag of your own finds it: devin sessions list --tag ...).
    """
    state = state_for(as_json)
    kwargs: dict[str, Any] = {}
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
    v1_only = {"--idempotent": idempotent, "--unlisted": unlisted}
    v3_only = {
        "--platform": platform,
        "--repo": repo,
        "--bypass-approval": bypass_approval,
        "--not-resumable": not_resumable,
    }
    with state.client() as client:
        versions.only_for(client, "v1", v1_only)
        versions.only_for(client, "v3", v3_only)
        if versions.is_v3(client):
            extra = {"platform": platform, "repos": repo, "bypass_approval": bypass_approval}
            kwargs |= {k: v for k, v in extra.items() if v}
            if not_resumable:
                kwargs["resumable"] = False
        else:
            kwargs |= {"idempotent": idempotent, "unlisted": unlisted}
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
        str | None, typer.Option(metavar="EMAIL", help="v1: only sessions this user created.")
    ] = None,
    user_id: Annotated[
        list[str] | None,
        typer.Option(
            "--user-id", metavar="ID", help="v3: only sessions this user created; repeatable."
        ),
    ] = None,
    archived: Annotated[
        bool | None,
        typer.Option(
            "--archived/--not-archived",
            help="v3: only archived sessions, or only those not archived [default: both].",
            show_default=False,
        ),
    ] = None,
    limit: Limit = 100,
    as_json: JsonFlag = False,
) -> None:
    """List the organisation's sessions, newest first (every page, up to --limit)."""
    state = state_for(as_json)
    with state.client() as client:
        versions.only_for(client, "v1", {"--user-email": user_email})
        versions.only_for(
            client,
            "v3",
            {"--user-id": user_id, "--archived/--not-archived": archived is not None},
        )
        filters = (
            {"user_ids": user_id or None, "is_archived": archived}
            if versions.is_v3(client)
            else {"user_email": user_email}
        )
        sessions = versions.list_sessions(
            client, tags=tag or None, page_size=min(limit or 100, 100), **filters
        )
        rows = list(itertools.islice(sessions, limit or None))
    if state.json:
        print_json(rows)
    else:
        print_table(state.out(), rows, _LIST_COLUMNS, empty="no sessions")


@app.command()
def get(session_id: SessionId, as_json: JsonFlag = False) -> None:
    """Show a session: its status, structured output (and, v1, its messages)."""
    state = state_for(as_json)
    with state.client() as client:
        session = client.sessions.get(session_id)
    _show_session(state, session)


@app.command()
def messages(session_id: SessionId, limit: Limit = 0, as_json: JsonFlag = False) -> None:
    """List a session's messages, oldest first (v3: every page, up to --limit)."""
    state = state_for(as_json)
    with state.client() as client:
        rows = list(itertools.islice(versions.session_messages(client, session_id), limit or None))
    if state.json:
        print_json(rows)
    else:
        print_table(state.out(), rows, _MESSAGE_COLUMNS, empty="no messages")


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
        sent = versions.send_message(client, session_id, text, attach or [])
    detail = sent.get("detail")
    if state.json:
        print_json(sent)
    else:
        print_line(
            state.out(),
            f"message sent to {session_id}" + (f": {detail}" if isinstance(detail, str) else ""),
        )


@app.command()
def tags(
    session_id: SessionId,
    tag: Annotated[
        list[str] | None,
        typer.Argument(metavar="[TAG]...", help="The new tags [default: show the tags]."),
    ] = None,
    append: Annotated[
        bool, typer.Option("--append", help="v3: add the tags to the session's own.")
    ] = False,
    clear: Annotated[bool, typer.Option(help="Remove every tag.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Show a session's tags, replace them all, or (v3, --append) add to them."""
    state = state_for(as_json)
    if tag and clear:
        raise InputError("give the new tags or --clear, not both")
    if append and not tag:
        raise InputError("--append: give the tags to add")
    with state.client() as client:
        if not tag and not clear:
            now = versions.session_tags(client, session_id)
            line = f"{session_id}: {', '.join(now) or '(no tags)'}"
        else:
            now = versions.set_tags(client, session_id, list(tag or []), append=append)
            verb = "now" if append else "set to"
            line = f"{session_id}: tags {verb} {', '.join(now) or '(none)'}"
    if state.json:
        print_json({"session_id": session_id, "tags": now})
    else:
        print_line(state.out(), line)


@app.command()
def terminate(
    session_id: SessionId,
    archive: Annotated[bool, typer.Option("--archive", help="v3: archive it too.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Terminate a session (it cannot be resumed)."""
    state = state_for(as_json)
    with state.client() as client:
        result = versions.terminate(client, session_id, archive=archive)
    if state.json:
        print_json(result)
    else:
        print_line(state.out(), f"{session_id}: terminated" + (" and archived" if archive else ""))


def _one_call(command: str, done: str, call: Callable[[Any, str], Any]) -> Callable[..., None]:
    """A v3 command that makes one call with the session's id and shows the session."""

    def run(session_id: SessionId, as_json: JsonFlag = False) -> None:
        state = state_for(as_json)
        with state.client() as client:
            result = call(versions.require_v3(client, f"sessions {command}"), session_id)
        if state.json:
            print_json(result)
        else:
            print_line(state.out(), f"{session_id}: {done}")

    return run


app.command(
    "archive", help="v3: archive a session (a running one is put to sleep; unarchive undoes it)."
)(_one_call("archive", "archived", lambda client, sid: client.sessions.archive(sid)))
app.command("unarchive", help="v3: unarchive a session.")(
    _one_call("unarchive", "unarchived", lambda client, sid: client.sessions.unarchive(sid))
)

_ATTACHMENT_COLUMNS = [("name", "name"), ("from", "source"), ("url", "url")]


@app.command()
def attachments(session_id: SessionId, as_json: JsonFlag = False) -> None:
    """v3: a session's files, uploaded (from user) or produced by Devin (from devin).

    Download one with `devin attachments download URL`.
    """
    state = state_for(as_json)
    with state.client() as client:
        rows = versions.require_v3(client, "sessions attachments").sessions.attachments(session_id)
    if state.json:
        print_json(rows)
    else:
        print_table(state.out(), rows, _ATTACHMENT_COLUMNS, empty="no attachments")


_INSIGHT_KEYS = [
    ("session", "session_id"),
    ("status", "status"),
    ("ACUs", "acus_consumed"),
    ("Devin messages", "num_devin_messages"),
    ("user messages", "num_user_messages"),
    ("size", "session_size"),
    ("analysis", "analysis"),
]
_INSIGHT_COLUMNS = [
    ("session", "session_id"),
    ("status", "status"),
    ("ACUs", "acus_consumed"),
    ("messages", "num_devin_messages"),
    ("size", "session_size"),
]


@app.command()
def insights(
    session_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[SESSION_ID]", help="One session [default: list the organisation's]."
        ),
    ] = None,
    generate: Annotated[
        bool, typer.Option("--generate", help="Start generating the session's analysis.")
    ] = False,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Only sessions with this tag; repeatable."),
    ] = None,
    limit: Limit = 100,
    as_json: JsonFlag = False,
) -> None:
    """v3: sessions' insights (ACUs, message counts, size; the analysis once generated)."""
    state = state_for(as_json)
    if generate and session_id is None:
        raise InputError("--generate: give the SESSION_ID")
    with state.client() as client:
        found = versions.require_v3(client, "sessions insights").sessions.insights
        result: Any
        if session_id is None:
            page_size = min(limit or 100, 100)
            listed = found.list(tags=tag or None, page_size=page_size)
            result = list(itertools.islice(listed, limit or None))
        elif generate:
            result = found.generate(session_id)
        else:
            result = found.get(session_id)
    if state.json:
        print_json(result)
    elif session_id is None:
        print_table(state.out(), result, _INSIGHT_COLUMNS, empty="no sessions")
    elif generate:
        print_line(state.out(), f"{session_id}: insights {to_data(result).get('status')}")
    else:
        print_record(state.out(), result, _INSIGHT_KEYS)


Until = Annotated[
    list[str] | None,
    typer.Option(
        metavar="STATUS",
        help="Stop at this status; repeatable [default: settled: v1 finished, blocked, expired; "
        "v3 exit, error, suspended, or running and finished, waiting_for_user or "
        "waiting_for_approval].",
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
    when = cell(message.get("timestamp") or message.get("created_at"), key="created_at")
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
