"""Sessions: one organisation's sessions and the scripted life each one lives.

A new session moves one :class:`Step` per read through the API (``GET`` of the session, in
either version) and, when the mock has a pace, one step per ``pace`` seconds of the mock's
clock as well (applied when anything looks at the session), so a client that waits by the
clock sees the same path as one that polls. The default path is ``working`` -> ``working`` ->
``finished``, or ``working`` -> ``blocked`` when the prompt contains :data:`BLOCK_DIRECTIVE`; a
user message to a blocked or finished session continues ``working`` -> ``finished``. Tests
choose the path with ``script``.
Records are version-neutral: each API version renders them in its own shape. A record keeps
its state in both vocabularies (v1's ``status_enum``, v3's ``status`` + ``status_detail``),
kept in step by :meth:`SessionRecord.set_v1` and :meth:`SessionRecord.set_v3` through the one
mapping in :mod:`.status`.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from .._kernel.safe_json import BadJSON, check_value
from .._kernel.spec import enum_values, load_document
from ._shared import NotFound, Shared, StoreError, iso, new_id
from .attachment_lines import ReceivedFile, without_attachment_lines
from .status import ENDED, check_v3_state, to_v1, to_v3
from .structured import compile_output_schema, example_for

__all__ = [
    "AUTO",
    "BLOCK_DIRECTIVE",
    "ScriptProblem",
    "SessionEnded",
    "SessionFile",
    "SessionRecord",
    "Sessions",
    "Step",
    "check_scripted_output",
    "session_statuses",
]


class _Auto:
    """Sentinel: let the mock generate the structured output from the session's schema."""

    _instance: _Auto | None = None

    def __new__(cls) -> _Auto:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "AUTO"


AUTO: Final = _Auto()

# v1's free-text ``status`` for each ``status_enum`` value (a scripted Step may override it).
# Its keys are the spec's statuses (a test checks they stay the same).
_STATUS_TEXT = {
    "working": "running",
    "resumed": "running",
    "resume_requested": "resuming",
    "resume_requested_frontend": "resuming",
    "blocked": "blocked",
    "finished": "finished",
    "expired": "expired",
    "suspend_requested": "suspended",
    "suspend_requested_frontend": "suspended",
}
_SUSPENDED = {"suspend_requested", "suspend_requested_frontend"}
# The v3 status_details that mean the machine runs (the others are reasons for a suspension).
_RUNNING_DETAILS = frozenset({"working", "waiting_for_user", "waiting_for_approval", "finished"})

# Put one of these on its own anywhere in a prompt to choose the default path.
BLOCK_DIRECTIVE: Final = "[mock:blocked]"


def _check_status(status_enum: object) -> None:
    known = session_statuses()
    if isinstance(status_enum, str) and status_enum in known:
        return
    if not isinstance(status_enum, str):
        raise ValueError(f"step status_enum must be a string, not {type(status_enum).__name__}")
    close = difflib.get_close_matches(status_enum, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ValueError(
        f"unknown step status_enum {status_enum!r}{hint}; the documented statuses are: "
        + ", ".join(known)
    )


def _check_json(value: Any, what: str) -> None:
    try:
        check_value(value)
    except BadJSON as exc:
        raise ValueError(f"{what} must be JSON the mock can answer back: {exc}") from None


@dataclass(frozen=True)
class Step:
    """One step of a session's scripted life, applied on a GET of the session.

    Args:
        status_enum: The new ``status_enum``: one of the statuses the spec documents
            (``working``, ``blocked``, ``finished``, ``expired``, ...); anything else raises
            ``ValueError`` naming the known ones, so a typo cannot leave a session never
            finishing. (To simulate an undocumented status, set ``status_enum`` on the session
            record in ``store.org(org_id).sessions``.)
        message: A Devin message to append, or ``None`` for no message.
        status: The free-text ``status``; by default derived from ``status_enum``
            (``working`` -> ``running``, ``blocked`` -> ``blocked``, ...).
        structured_output: The session's ``structured_output`` after this step. ``AUTO`` (the
            default) generates one from ``structured_output_schema`` when the step finishes the
            session and leaves it unchanged otherwise; ``None`` or any JSON value sets it as is.
        pull_request_url: Sets ``pull_request: {"url": ...}`` when given.
        v3_status: The v3 ``status`` after this step (``running``, ``suspended``, ``error``...),
            for states v1 cannot say; with ``status_detail``. When either is given the v3 state
            is set exactly and ``status_enum``, unless given, is derived from it (see
            :mod:`~.status`); otherwise the v3 state is derived from ``status_enum``.
        status_detail: The v3 ``status_detail`` (``waiting_for_approval``, ``out_of_credits``...);
            alone it implies ``v3_status`` ``running`` for the running details and
            ``suspended`` for the others.
    """

    status_enum: str | None = None
    message: str | None = None
    status: str | None = None
    structured_output: Any = AUTO
    pull_request_url: str | None = None
    v3_status: str | None = None
    status_detail: str | None = None

    def __post_init__(self) -> None:
        if self.status_detail is not None and self.v3_status is None:
            running = isinstance(self.status_detail, str) and self.status_detail in _RUNNING_DETAILS
            object.__setattr__(self, "v3_status", "running" if running else "suspended")
        if self.v3_status is not None:
            check_v3_state(self.v3_status, self.status_detail)
            if self.status_enum is None:
                derived = to_v1(self.v3_status, self.status_detail)
                object.__setattr__(self, "status_enum", derived)
        if self.status_enum is None:
            object.__setattr__(self, "status_enum", "working")
        _check_status(self.status_enum)
        for key in ("message", "status", "pull_request_url"):
            value = getattr(self, key)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"step {key!r} must be a string")
        if self.structured_output is not AUTO:
            _check_json(self.structured_output, "step 'structured_output'")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Step:
        """Build a step from its JSON form (the admin endpoint's body).

        Args:
            data: ``{"status_enum"?, "message"?, "status"?, "structured_output"?,
                "pull_request_url"?, "v3_status"?, "status_detail"?}``; a missing
                ``structured_output`` means ``AUTO``.

        Returns:
            The step.

        Raises:
            ValueError: On unknown keys or statuses, or wrong types.
        """
        if not isinstance(data, Mapping):
            raise ValueError("a step must be a JSON object")
        allowed = {
            "status_enum",
            "message",
            "status",
            "structured_output",
            "pull_request_url",
            "v3_status",
            "status_detail",
        }
        unknown = set(data) - allowed
        if unknown:
            raise ValueError(f"unknown step keys: {sorted(unknown)}")
        return cls(
            status_enum=data.get("status_enum"),
            message=data.get("message"),
            status=data.get("status"),
            structured_output=data.get("structured_output", AUTO),
            pull_request_url=data.get("pull_request_url"),
            v3_status=data.get("v3_status"),
            status_detail=data.get("status_detail"),
        )


def _received_text(files: Sequence[ReceivedFile]) -> str:
    """What Devin says of the files it received (empty without any)."""
    if not files:
        return ""
    listed = ", ".join(f"{f.name} ({f.size} bytes)" for f in files)
    return f" I received {len(files)} file{'s' if len(files) > 1 else ''}: {listed}."


def default_steps(*, blocked: bool, received: Sequence[ReceivedFile] = ()) -> list[Step]:
    """The path a new session takes when nobody scripted it (one step per GET); its first
    message names the files the session received."""
    first = Step("working", "Looking into it." + _received_text(received))
    if blocked:
        return [first, Step("blocked", "I need more information from you before I can continue.")]
    return [
        first,
        Step("working", "Making the changes."),
        Step("finished", "Done: the task is complete."),
    ]


def _continuation(received: Sequence[ReceivedFile] = ()) -> list[Step]:
    """The path after a user message wakes a blocked or finished session; its first message
    names the files the message brought."""
    return [
        Step("working", "Picking this up again." + _received_text(received)),
        Step("finished", "Done."),
    ]


@dataclass
class SessionFile:
    """A file a session knows (v3's session attachments).

    Attributes:
        attachment_id: The upload's uuid, or a stable id made from the URL of a file the mock
            did not store.
        name: The file name.
        url: Where it is.
        source: ``user`` (sent with a create or a message) or ``devin`` (Devin produced it).
        content_type: The upload's content type, when known.
    """

    attachment_id: str
    name: str
    url: str
    source: str = "user"
    content_type: str | None = None


@dataclass
class SessionRecord:
    """A session as the mock keeps it (``session_secrets`` values are hidden from ``repr``).

    Its state is kept in both versions' words, always in step (see :mod:`.status`): v1's
    ``status_enum`` and free-text ``status``, v3's ``v3_status`` and ``status_detail``. Change
    them with :meth:`set_v1` or :meth:`set_v3`; to simulate an undocumented status, assign one
    field directly (the other version then keeps its last value).

    ``received``: the uploads its prompt, messages and ``attachment_urls`` attached, as Devin
    reads them (:mod:`.attachment_lines`), in both versions.

    v3-only facts: ``is_archived``; ``origin`` (``api``); ``service_user_id`` (the v3 key that
    created it, ``None`` through v1); ``user_id`` (``create_as_user_id``); ``platform``;
    ``files`` (v3's session attachments); ``insights`` (``"none"``, ``"done"`` or ``"failed"``:
    set ``"failed"`` to make the next generate start again); ``acus_consumed`` (0.25 per
    applied step).
    """

    session_id: str
    org_id: str
    prompt: str = field(repr=False)
    request: dict[str, Any] = field(repr=False)
    created_at: datetime
    updated_at: datetime
    requesting_user_email: str | None
    status_enum: str = "working"
    status: str = "running"
    v3_status: str = "new"
    status_detail: str | None = None
    exited: bool = False
    tags: list[str] | None = None
    title: str | None = None
    messages: list[dict[str, Any]] = field(default_factory=list)
    structured_output: Any = None
    pull_request_url: str | None = None
    steps: list[Step] = field(default_factory=list)
    gets: int = 0
    is_archived: bool = False
    origin: str = "api"
    service_user_id: str | None = None
    user_id: str | None = None
    platform: str | None = None
    parent_session_id: str | None = None
    files: list[SessionFile] = field(default_factory=list)
    received: list[ReceivedFile] = field(default_factory=list)
    insights: str = "none"
    acus_consumed: float = 0.0
    # (found, value): the output an AUTO step that finishes the session sets, made on create.
    auto_output: tuple[bool, Any] = field(default=(False, None), repr=False)
    # The pace's reference: when the current script started (mock clock), steps applied since.
    # A next-session script whose structured_output the session's schema refuses (reported).
    script_problem: str | None = field(default=None, repr=False)
    script_started: float = field(default=0.0, repr=False)
    script_applied: int = field(default=0, repr=False)

    def start_script(self, steps: Sequence[Step], timestamp: float) -> None:
        """Give the session a new script, paced from ``timestamp`` (the mock clock)."""
        self.steps = list(steps)
        self.script_started, self.script_applied = timestamp, 0

    def catch_up(self, pace: float | None, timestamp: float) -> None:
        """Apply the steps the clock has made due: one per ``pace`` seconds since the script
        started (nothing without a pace)."""
        if pace is None or self.exited or not self.steps:
            return
        elapsed = timestamp - self.script_started
        due = len(self.steps) + self.script_applied if pace <= 0 else int(elapsed // pace)
        moment = datetime.fromtimestamp(timestamp, tz=UTC)
        while self.script_applied < due and self.steps and not self.exited:
            self.apply_next(moment)

    def set_v1(self, status_enum: str, text: str | None = None) -> None:
        """Set the state in v1's words; v3's follows (``to_v3``).

        Args:
            status_enum: The v1 ``status_enum``.
            text: v1's free-text ``status`` (default: the usual one for ``status_enum``).
        """
        self.status_enum = status_enum
        self.status = text or _STATUS_TEXT.get(status_enum, status_enum)
        self.v3_status, self.status_detail = to_v3(status_enum)
        self.exited = self.v3_status in ENDED

    def set_v3(self, status: str, status_detail: str | None, text: str | None = None) -> None:
        """Set the state in v3's words; v1's follows (``to_v1``).

        Args:
            status: The v3 ``status``.
            status_detail: Its ``status_detail``.
            text: v1's free-text ``status`` (default: ``exit``/``error`` for those statuses,
                else the usual one for the derived ``status_enum``).
        """
        self.v3_status, self.status_detail = status, status_detail
        self.status_enum = to_v1(status, status_detail)
        default = status if status in ENDED else _STATUS_TEXT.get(self.status_enum)
        self.status = text or default or self.status_enum
        self.exited = status in ENDED

    def add_message(self, kind: str, text: str, moment: datetime) -> None:
        """Append a message (``initial_user_message``, ``user_message``, ``devin_message``)."""
        devin = kind == "devin_message"
        self.messages.append(
            {
                "type": kind,
                "event_id": new_id("event-"),
                "message": text,
                "timestamp": iso(moment),
                "username": "Devin" if devin else self.requesting_user_email,
                "origin": "api" if not devin else None,
                "user_id": None,
            }
        )

    def apply_next(self, now: datetime) -> None:
        """Apply the next scripted step (nothing once exited or when the script is done)."""
        if self.exited or not self.steps:
            return
        step = self.steps.pop(0)
        self.script_applied += 1
        status_enum = step.status_enum or "working"
        if step.v3_status is not None:
            self.set_v3(step.v3_status, step.status_detail, step.status)
            self.status_enum = status_enum  # given, or derived from the v3 state
        else:
            self.set_v1(status_enum, step.status)
        self.updated_at = now
        self.acus_consumed += 0.25
        if step.message is not None:
            self.add_message("devin_message", step.message, now)
        if step.pull_request_url is not None:
            self.pull_request_url = step.pull_request_url
        if step.structured_output is not AUTO:
            self.structured_output = step.structured_output
        elif self.status_enum == "finished" and isinstance(
            self.request.get("structured_output_schema"), Mapping
        ):
            found, value = self.auto_output
            self.structured_output = value if found else None


def _title(prompt: str) -> str:
    """The title a session gets from its prompt: its start, without attachment lines."""
    return without_attachment_lines(prompt, 80) or "Untitled"


def check_scripted_output(schema: Any, steps: Sequence[Step]) -> None:
    """Refuse a script whose ``structured_output`` a real session could not give: one that
    does not validate against the ``structured_output_schema`` the session was created with.

    ``AUTO`` and ``None`` (no output yet) always pass; so does any output when the session
    has no schema, or one the mock cannot compile.

    Raises:
        ValueError: Naming the step and the first validation error.
    """
    if not isinstance(schema, Mapping):
        return
    validator = None
    for number, step in enumerate(steps, start=1):
        if step.structured_output is AUTO or step.structured_output is None:
            continue
        validator = validator or compile_output_schema(schema)
        if validator is None:
            return
        for error in validator.iter_errors(step.structured_output):
            where = "/".join(map(str, error.instance_path)) or "<root>"
            raise ValueError(
                f"step {number}: its structured_output does not match the session's "
                f"structured_output_schema ({where}: {error.message[:200]}); a real session "
                "answers output that validates"
            )


@dataclass(frozen=True)
class ScriptProblem:
    """A script for the next session whose ``structured_output`` the session's
    ``structured_output_schema`` refuses (found when that session is created; it fails a test
    using the ``devin_mock`` fixture: the script is the test's mistake)."""

    session_id: str
    problem: str
    kind: str = "script"

    def __str__(self) -> str:
        return f"session {self.session_id}: its script (script_next_session): {self.problem}"


class SessionEnded(StoreError):
    """A write to a session that has exited (v1 answers 400; v3 409)."""

    def __init__(self) -> None:
        super().__init__(400, "Devin session already exited")


class Sessions(dict[str, SessionRecord]):
    """One organisation's sessions (a dict: session id -> record), and what can be done to them.

    Attributes:
        idempotency: SHA-256 of an idempotent create's body (which may hold
            ``session_secrets`` values) -> the session it created.
        can_terminate: ``False`` makes terminate answer 403 (owner-only organisations).
    """

    def __init__(self, shared: Shared) -> None:
        super().__init__()
        self._shared = shared
        self.idempotency: dict[str, str] = {}
        self.can_terminate = True

    def create(
        self,
        org_id: str,
        body: Mapping[str, Any],
        user_email: str | None,
        *,
        service_user_id: str | None = None,
        platform: str | None = None,
        files: Sequence[SessionFile] = (),
        received: Sequence[ReceivedFile] = (),
    ) -> tuple[SessionRecord, bool]:
        """Create a session, or find the one an identical idempotent request created.

        Args:
            org_id: The organisation.
            body: A create request (either version's) that already passed validation.
            user_email: The ``requesting_user_email`` of the caller (v1).
            service_user_id: The v3 service user creating it.
            platform: The platform label it runs on (v3).
            files: The files it starts with (v3 ``attachment_urls``).
            received: The uploads its prompt and ``attachment_urls`` attach.

        Returns:
            ``(record, new)``.
        """
        # The output a finishing step will show, made now and outside the lock: generation is
        # bounded but not free, and handlers run this call off the event loop.
        schema = body.get("structured_output_schema")
        auto_output = example_for(schema) if isinstance(schema, Mapping) else (False, None)
        script_problem = None
        with self._shared.lock:
            idempotent = body.get("idempotent") is True
            # A digest, not the body: the body may hold session_secrets values.
            fingerprint = (
                hashlib.sha256(
                    json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
                ).hexdigest()
                if idempotent
                else ""
            )
            if idempotent:
                existing = self.idempotency.get(fingerprint)
                if existing is not None and existing in self:
                    return self[existing], False
            now = self._shared.now()
            prompt = str(body["prompt"])
            steps = self._next_script(org_id)
            if steps is None:
                steps = default_steps(blocked=BLOCK_DIRECTIVE in prompt, received=received)
            else:
                try:
                    check_scripted_output(schema, steps)
                except ValueError as exc:
                    script_problem = str(exc)
            title = body.get("title")
            user_id = body.get("create_as_user_id")
            record = SessionRecord(
                session_id=new_id("devin-"),
                org_id=org_id,
                prompt=prompt,
                request=dict(body),
                created_at=now,
                updated_at=now,
                requesting_user_email=user_email,
                tags=list(body["tags"]) if body.get("tags") is not None else None,
                title=title if isinstance(title, str) else _title(prompt),
                steps=steps,
                script_problem=script_problem,
                script_started=self._shared.timestamp(),
                auto_output=auto_output,
                service_user_id=service_user_id,
                user_id=user_id if isinstance(user_id, str) else None,
                platform=platform,
                files=list(files),
                received=list(received),
            )
            record.add_message("initial_user_message", prompt, now)
            self[record.session_id] = record
            if idempotent:
                self.idempotency[fingerprint] = record.session_id
            return record, True

    def _next_script(self, org_id: str) -> list[Step] | None:
        """The first script waiting for the next session of ``org_id`` (taken), or ``None``."""
        for index, (org, steps) in enumerate(self._shared.next_scripts):
            if org is None or org == org_id:
                del self._shared.next_scripts[index]
                return list(steps)
        return None

    def find(self, session_id: str) -> SessionRecord:
        """A session of this organisation, as the clock has moved it (with a pace).

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            record = self.get(session_id)
            if record is None:
                raise NotFound("Session")
            record.catch_up(self._shared.pace, self._shared.timestamp())
            return record

    def read(self, session_id: str, *, advance: bool = True) -> SessionRecord:
        """A session as a read through the API sees it: the steps its pace made due, then its
        next step, applied first.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            record = self.find(session_id)
            if advance:
                record.gets += 1
                if record.steps and not record.exited:
                    record.apply_next(self._shared.now())
            return record

    def listing(
        self, *, tags: Sequence[str] | None = None, user_email: str | None = None
    ) -> list[SessionRecord]:
        """Sessions newest first, keeping those with every tag of ``tags`` and that email."""
        with self._shared.lock:
            pace, timestamp = self._shared.pace, self._shared.timestamp()
            for record in self.values():
                record.catch_up(pace, timestamp)
            records = sorted(
                self.values(), key=lambda r: (r.created_at, r.session_id), reverse=True
            )
        if tags:
            wanted = set(tags)
            records = [r for r in records if wanted <= set(r.tags or [])]
        if user_email is not None:
            records = [r for r in records if r.requesting_user_email == user_email]
        return records

    def send_message(
        self,
        session_id: str,
        message: str,
        *,
        files: Sequence[SessionFile] = (),
        received: Sequence[ReceivedFile] = (),
        refuse_archived: bool = False,
    ) -> bool:
        """Deliver a user message.

        A suspended session takes it and starts resuming; a blocked or finished session starts
        working again.

        Args:
            session_id: The session.
            message: The text.
            files: Files sent with it (v3 ``attachment_urls``).
            received: The uploads it attaches (its lines and ``attachment_urls``).
            refuse_archived: Answer 409 for an archived session (v3: archived sessions "can
                still be viewed but not modified or resumed").

        Returns:
            Whether the session was suspended (and is now resuming).

        Raises:
            NotFound: Not in this organisation.
            SessionEnded: The session has exited (terminated, expired or errored).
            StoreError: 409 when ``refuse_archived`` and the session is archived.
        """
        with self._shared.lock:
            record = self.find(session_id)
            if record.exited:
                raise SessionEnded()
            if refuse_archived and record.is_archived:
                raise StoreError(409, "Session is archived; unarchive it to send messages")
            now = self._shared.now()
            record.add_message("user_message", message, now)
            record.files.extend(files)
            had = {f.attachment_id for f in record.received}
            record.received.extend(f for f in received if f.attachment_id not in had)
            record.updated_at = now
            suspended = record.v3_status == "suspended" or record.status_enum in _SUSPENDED
            if suspended:
                record.set_v1("resume_requested")
            elif record.status_enum in {"blocked", "finished"}:
                record.set_v1("working")
            else:
                return False
            if not record.steps:
                record.start_script(_continuation(received), self._shared.timestamp())
            return suspended

    def edit_tags(self, session_id: str, tags: Sequence[str]) -> SessionRecord:
        """Replace a session's tags.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            record = self.find(session_id)
            record.tags = list(tags)
            record.updated_at = self._shared.now()
            return record

    def append_tags(self, session_id: str, tags: Sequence[str], *, limit: int | None) -> list[str]:
        """Add tags a session does not have yet, keeping the order (existing first).

        Args:
            session_id: The session.
            tags: The tags to add (duplicates among them count once).
            limit: The most tags a session may end with (``None``: no limit).

        Returns:
            The session's tags afterwards.

        Raises:
            NotFound: Not in this organisation.
            StoreError: 422 when the result would have more than ``limit`` tags.
        """
        with self._shared.lock:
            record = self.find(session_id)
            merged = list(dict.fromkeys([*(record.tags or []), *tags]))
            if limit is not None and len(merged) > limit:
                raise StoreError(
                    422,
                    f"A session has at most {limit} tags; appending would give it {len(merged)}",
                )
            record.tags = merged
            record.updated_at = self._shared.now()
            return list(merged)

    def terminate(self, session_id: str, *, archive: bool = False) -> SessionRecord:
        """Terminate a session; it then reads ``status: "exit"``, ``status_enum: "finished"``
        and answers messages and a second terminate with 400 (v3: 409).

        Args:
            session_id: The session.
            archive: Archive it too (v3's ``?archive=true``).

        Raises:
            NotFound: Not in this organisation.
            StoreError: 403 when the organisation may not terminate.
            SessionEnded: Already exited.
        """
        with self._shared.lock:
            record = self.find(session_id)
            if not self.can_terminate:
                raise StoreError(403, "Only session owner can terminate")
            if record.exited:
                raise SessionEnded()
            record.steps = []
            record.set_v3("exit", None)
            if archive:
                record.is_archived = True
            record.updated_at = self._shared.now()
            return record

    def archive(self, session_id: str) -> SessionRecord:
        """Archive a session and put it to sleep if it is running (v3).

        A session that is running (or about to: ``new``, ``claimed``, ``resuming``) becomes
        ``suspended`` with ``user_request`` (v1: ``suspend_requested_frontend``) and its
        remaining script is dropped; a suspended or ended session only gets the flag.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            record = self.find(session_id)
            record.is_archived = True
            if record.v3_status in {"new", "claimed", "running", "resuming"}:
                record.steps = []
                record.set_v3("suspended", "user_request")
            record.updated_at = self._shared.now()
            return record

    def unarchive(self, session_id: str) -> SessionRecord:
        """Clear a session's archived flag (only this session's; it stays asleep).

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            record = self.find(session_id)
            record.is_archived = False
            record.updated_at = self._shared.now()
            return record

    def generate_insights(self, session_id: str) -> str:
        """Start generating a session's insights: ``"started"`` the first time and after a
        failure, ``"already_exists"`` while running or done (the mock finishes at once).

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            record = self.find(session_id)
            if record.insights == "done":
                return "already_exists"
            record.insights = "done"
            return "started"


@functools.cache
def session_statuses() -> tuple[str, ...]:
    """The documented values of a session's ``status_enum``, in the spec's order.

    Read from the ``status_enum`` property of v1's ``GetSessionResponse`` (through its
    ``anyOf`` and ``$ref``), so a spec that documents a new status needs no change here.

    Returns:
        The statuses, e.g. ``("working", "blocked", ...)``.
    """
    return enum_values(load_document("devin_api"), "GetSessionResponse", "status_enum")
