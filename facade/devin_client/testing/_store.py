"""All state of the mock, per organisation, and the scripted life of its sessions.

The store is plain Python guarded by one lock: the ASGI app (possibly on a server thread) and the
test (on its own thread) both call it. Every method returns JSON-ready dicts shaped like the
spec's response schemas, so the app only serialises them.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any, Final

from ._json import BadJSON, check_value
from ._spec import session_statuses
from ._structured import example_for

__all__ = [
    "AUTO",
    "AttachmentRecord",
    "MockStore",
    "NotFound",
    "OrgState",
    "SecretRecord",
    "SessionRecord",
    "Step",
    "StoreError",
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

# Put one of these on its own anywhere in a prompt to choose the default path.
BLOCK_DIRECTIVE: Final = "[mock:blocked]"

# How far the clock may move in one call, and in all: datetimes end at year 9999.
_MAX_CLOCK_STEP: Final = 10 * 365 * 86400.0
_MAX_CLOCK_OFFSET: Final = 100 * 365 * 86400.0


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


def _or_default(value: Any, default: str) -> Any:
    return default if value is None else value


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
    """

    status_enum: str = "working"
    message: str | None = None
    status: str | None = None
    structured_output: Any = AUTO
    pull_request_url: str | None = None

    def __post_init__(self) -> None:
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
            data: ``{"status_enum", "message"?, "status"?, "structured_output"?,
                "pull_request_url"?}``; a missing ``structured_output`` means ``AUTO``.

        Returns:
            The step.

        Raises:
            ValueError: On unknown keys or statuses, or wrong types.
        """
        if not isinstance(data, Mapping):
            raise ValueError("a step must be a JSON object")
        allowed = {"status_enum", "message", "status", "structured_output", "pull_request_url"}
        unknown = set(data) - allowed
        if unknown:
            raise ValueError(f"unknown step keys: {sorted(unknown)}")
        return cls(
            status_enum=_or_default(data.get("status_enum"), "working"),
            message=data.get("message"),
            status=data.get("status"),
            structured_output=data.get("structured_output", AUTO),
            pull_request_url=data.get("pull_request_url"),
        )


def default_steps(*, blocked: bool) -> list[Step]:
    """The path a new session takes when nobody scripted it (one step per GET)."""
    if blocked:
        return [
            Step("working", "Looking into it."),
            Step("blocked", "I need more information from you before I can continue."),
        ]
    return [
        Step("working", "Looking into it."),
        Step("working", "Making the changes."),
        Step("finished", "Done: the task is complete."),
    ]


def _continuation() -> list[Step]:
    """The path after a user message wakes a blocked or finished session."""
    return [Step("working", "Picking this up again."), Step("finished", "Done.")]


class StoreError(Exception):
    """A request the store refuses; carries the HTTP status and the ``detail`` text.

    Args:
        status: HTTP status code for the response.
        detail: The ``ErrorDetail.detail`` text.
    """

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class NotFound(StoreError):
    """An id that does not exist in the caller's organisation."""

    def __init__(self, what: str) -> None:
        super().__init__(404, f"{what} not found")


@dataclass
class SessionRecord:
    """A session as the mock keeps it (``session_secrets`` values are hidden from ``repr``)."""

    session_id: str
    org_id: str
    prompt: str = field(repr=False)
    request: dict[str, Any] = field(repr=False)
    created_at: datetime
    updated_at: datetime
    requesting_user_email: str | None
    status_enum: str = "working"
    status: str = "running"
    exited: bool = False
    tags: list[str] | None = None
    title: str | None = None
    messages: list[dict[str, Any]] = field(default_factory=list)
    structured_output: Any = None
    pull_request_url: str | None = None
    steps: list[Step] = field(default_factory=list)
    gets: int = 0
    # (found, value): the output an AUTO step that finishes the session sets, made on create.
    auto_output: tuple[bool, Any] = field(default=(False, None), repr=False)

    def to_summary(self) -> dict[str, Any]:
        """The ``SessionSummary`` JSON of this session."""
        req = self.request
        return {
            "session_id": self.session_id,
            "status": self.status,
            "status_enum": self.status_enum,
            "title": self.title,
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "snapshot_id": req.get("snapshot_id"),
            "playbook_id": req.get("playbook_id"),
            "tags": list(self.tags) if self.tags is not None else None,
            "pull_request": {"url": self.pull_request_url} if self.pull_request_url else None,
            "structured_output": self.structured_output,
            "requesting_user_email": self.requesting_user_email,
            "devin_mode": req.get("devin_mode"),
            "create_as_user_id": req.get("create_as_user_id"),
        }

    def to_detail(self) -> dict[str, Any]:
        """The ``GetSessionResponse`` JSON of this session."""
        out = self.to_summary()
        out.pop("requesting_user_email")
        out["messages"] = [dict(m) for m in self.messages]
        return out


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


@dataclass
class AttachmentRecord:
    """An uploaded file, kept in a spooled temporary file (small in memory, large on disk)."""

    uuid: str
    name: str
    org_id: str
    size: int
    sha256: str
    content_type: str | None
    file: IO[bytes] = field(repr=False)

    def read(self) -> bytes:
        """Return the whole content (for tests; avoid on huge files)."""
        self.file.seek(0)
        return self.file.read()


@dataclass
class OrgState:
    """Everything one organisation owns (no secret value shows in its ``repr``).

    ``idempotency`` maps the SHA-256 of an idempotent create's body (which may hold
    ``session_secrets`` values) to the session it created.
    """

    org_id: str
    sessions: dict[str, SessionRecord] = field(default_factory=dict)
    idempotency: dict[str, str] = field(default_factory=dict, repr=False)
    secrets: dict[str, SecretRecord] = field(default_factory=dict)
    knowledge: dict[str, dict[str, Any]] = field(default_factory=dict)
    folders: dict[str, dict[str, Any]] = field(default_factory=dict)
    playbooks: dict[str, dict[str, Any]] = field(default_factory=dict)
    attachments: dict[tuple[str, str], AttachmentRecord] = field(default_factory=dict)
    can_terminate: bool = True
    can_manage_playbooks: bool = True


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _new_id(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex}"


class MockStore:
    """State of the mock Devin API, per organisation.

    Args:
        user_email: ``requesting_user_email`` of sessions created by each API key (by key);
            keys not listed get ``"mock-user@example.com"``.

    Sessions live one step per ``GET /v1/sessions/{id}``: the default path is ``working`` ->
    ``working`` -> ``finished`` (three GETs), or ``working`` -> ``blocked`` when the prompt
    contains ``[mock:blocked]``. A user message to a blocked or finished session continues with
    ``working`` -> ``finished``. Use :meth:`script_session` to choose the path yourself.
    """

    def __init__(self, user_email: Mapping[str, str] | None = None) -> None:
        self._lock = threading.RLock()
        self._orgs: dict[str, OrgState] = {}
        self._clock_offset = 0.0
        self._user_email = dict(user_email or {})  # keyed by API key: never in repr

    def __repr__(self) -> str:
        return f"MockStore(orgs={sorted(self._orgs)!r})"

    # ---- housekeeping --------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every organisation's state, close stored files and rewind the clock."""
        with self._lock:
            for org in self._orgs.values():
                for record in org.attachments.values():
                    record.file.close()
            self._orgs.clear()
            self._clock_offset = 0.0

    def org(self, org_id: str) -> OrgState:
        """Return (creating if needed) the state of one organisation, for inspection in tests.

        Args:
            org_id: The organisation id.

        Returns:
            The live state object; read it between requests, not during one.
        """
        with self._lock:
            state = self._orgs.get(org_id)
            if state is None:
                state = self._orgs[org_id] = OrgState(org_id)
            return state

    def now(self) -> datetime:
        """The mock's clock (wall time plus :meth:`advance_clock` offsets), in UTC."""
        return datetime.fromtimestamp(self.timestamp(), tz=UTC)

    def timestamp(self) -> float:
        """The mock's clock as a Unix timestamp."""
        return time.time() + self._clock_offset

    def advance_clock(self, seconds: float) -> None:
        """Move the mock's clock forward (e.g. past a presigned URL's 60 s lifetime).

        Args:
            seconds: How far to move it (negative: back).

        Raises:
            ValueError: Not a finite number, more than 10 years at once, or a clock more than
                100 years away from the wall clock.
        """
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            raise ValueError("the clock moves by a number of seconds")
        if not abs(seconds) <= _MAX_CLOCK_STEP:  # also false for NaN and infinities
            raise ValueError("the clock moves by a finite number of seconds, up to 10 years")
        with self._lock:
            offset = self._clock_offset + float(seconds)
            if abs(offset) > _MAX_CLOCK_OFFSET:
                raise ValueError("the clock stays within 100 years of the wall clock")
            self._clock_offset = offset

    def set_permissions(
        self,
        org_id: str,
        *,
        terminate_sessions: bool | None = None,
        manage_playbooks: bool | None = None,
    ) -> None:
        """Grant or revoke what answers 403 in the spec.

        Args:
            org_id: The organisation.
            terminate_sessions: ``False`` makes terminate answer 403 (owner-only orgs).
            manage_playbooks: ``False`` makes playbook writes answer 403.
        """
        with self._lock:
            state = self.org(org_id)
            if terminate_sessions is not None:
                state.can_terminate = terminate_sessions
            if manage_playbooks is not None:
                state.can_manage_playbooks = manage_playbooks

    # ---- sessions ------------------------------------------------------------------------

    def create_session(self, org_id: str, api_key: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """Create a session (or return the existing one for an identical idempotent request).

        Args:
            org_id: The caller's organisation.
            api_key: The caller's key (selects ``requesting_user_email``).
            body: A ``CreateSessionParams`` that already passed validation.

        Returns:
            The ``CreateSessionResponse`` JSON.
        """
        # The output a finishing step will show, made now and outside the lock: generation is
        # bounded but not free, and the app runs this call off its event loop.
        schema = body.get("structured_output_schema")
        auto_output = example_for(schema) if isinstance(schema, Mapping) else (False, None)
        with self._lock:
            state = self.org(org_id)
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
                existing = state.idempotency.get(fingerprint)
                if existing is not None and existing in state.sessions:
                    return self._created(state.sessions[existing], new=False)
            now = self.now()
            hex_id = uuid.uuid4().hex
            prompt = str(body["prompt"])
            title = body.get("title")
            record = SessionRecord(
                session_id=f"devin-{hex_id}",
                org_id=org_id,
                prompt=prompt,
                request=dict(body),
                created_at=now,
                updated_at=now,
                requesting_user_email=self._user_email.get(api_key, "mock-user@example.com"),
                tags=list(body["tags"]) if body.get("tags") is not None else None,
                title=title if isinstance(title, str) else (prompt.strip()[:80] or "Untitled"),
                steps=default_steps(blocked=BLOCK_DIRECTIVE in prompt),
                auto_output=auto_output,
            )
            record.messages.append(self._message(record, "initial_user_message", prompt, now))
            state.sessions[record.session_id] = record
            if idempotent:
                state.idempotency[fingerprint] = record.session_id
            return self._created(record, new=True)

    @staticmethod
    def _created(record: SessionRecord, *, new: bool) -> dict[str, Any]:
        hex_id = record.session_id.removeprefix("devin-")
        return {
            "session_id": record.session_id,
            "url": f"https://app.devin.ai/sessions/{hex_id}",
            "is_new_session": new,
        }

    def _message(
        self, record: SessionRecord, kind: str, text: str, moment: datetime
    ) -> dict[str, Any]:
        devin = kind == "devin_message"
        return {
            "type": kind,
            "event_id": _new_id("event-"),
            "message": text,
            "timestamp": _iso(moment),
            "username": "Devin" if devin else record.requesting_user_email,
            "origin": "api" if not devin else None,
            "user_id": None,
        }

    def _session(self, org_id: str, session_id: str) -> SessionRecord:
        record = self.org(org_id).sessions.get(session_id)
        if record is None:
            raise NotFound("Session")
        return record

    def get_session(self, org_id: str, session_id: str, *, advance: bool = True) -> dict[str, Any]:
        """Return a session's ``GetSessionResponse``, first applying its next step.

        Args:
            org_id: The caller's organisation.
            session_id: The session.
            advance: ``False`` reads without moving the session along.

        Returns:
            The ``GetSessionResponse`` JSON.

        Raises:
            NotFound: The session is not in this organisation.
        """
        with self._lock:
            record = self._session(org_id, session_id)
            if advance:
                record.gets += 1
                self._apply_next(record)
            return record.to_detail()

    def advance_session(self, session_id: str, steps: int = 1) -> dict[str, Any]:
        """Apply the next ``steps`` scripted steps now, as that many GETs would.

        Args:
            session_id: Any organisation's session.
            steps: How many steps to apply.

        Returns:
            The ``GetSessionResponse`` JSON afterwards.

        Raises:
            NotFound: No such session.
        """
        with self._lock:
            record = self._find(session_id)
            for _ in range(max(0, min(steps, len(record.steps)))):
                self._apply_next(record)
            return record.to_detail()

    def script_session(
        self, session_id: str, steps: Iterable[Step | Mapping[str, Any]]
    ) -> list[Step]:
        """Replace the remaining path of a session.

        Each step is applied by one ``GET /v1/sessions/{id}`` (or :meth:`advance_session`);
        when the script runs out the session stays as the last step left it.

        Args:
            session_id: Any organisation's session.
            steps: :class:`Step` objects or their JSON form (see :meth:`Step.from_dict`).

        Returns:
            The steps now pending.

        Raises:
            NotFound: No such session.
            ValueError: A step in JSON form is malformed.

        Example:
            ``store.script_session(sid, [Step("working", "Reading the repo"),
            Step("blocked", "Which branch?")])``
        """
        parsed = [s if isinstance(s, Step) else Step.from_dict(s) for s in steps]
        with self._lock:
            record = self._find(session_id)
            record.steps = parsed
            return list(parsed)

    def _find(self, session_id: str) -> SessionRecord:
        for state in self._orgs.values():
            record = state.sessions.get(session_id)
            if record is not None:
                return record
        raise NotFound("Session")

    def _apply_next(self, record: SessionRecord) -> None:
        if record.exited or not record.steps:
            return
        step = record.steps.pop(0)
        now = self.now()
        record.status_enum = step.status_enum
        record.status = step.status or _STATUS_TEXT.get(step.status_enum, step.status_enum)
        record.updated_at = now
        if step.message is not None:
            record.messages.append(self._message(record, "devin_message", step.message, now))
        if step.pull_request_url is not None:
            record.pull_request_url = step.pull_request_url
        if step.structured_output is not AUTO:
            record.structured_output = step.structured_output
        elif step.status_enum == "finished" and isinstance(
            record.request.get("structured_output_schema"), Mapping
        ):
            found, value = record.auto_output
            record.structured_output = value if found else None
        if step.status_enum == "expired":
            record.exited = True

    def list_sessions(
        self,
        org_id: str,
        *,
        limit: int = 100,
        offset: int = 0,
        tags: Sequence[str] | None = None,
        user_email: str | None = None,
    ) -> dict[str, Any]:
        """List sessions, newest first.

        Args:
            org_id: The caller's organisation.
            limit: Page size (``<= 0`` gives an empty page).
            offset: Sessions to skip (negative counts as 0).
            tags: Keep sessions carrying every one of these tags.
            user_email: Keep sessions whose ``requesting_user_email`` equals this.

        Returns:
            The ``ListSessionsResponse`` JSON.
        """
        with self._lock:
            records = sorted(
                self.org(org_id).sessions.values(),
                key=lambda r: (r.created_at, r.session_id),
                reverse=True,
            )
            if tags:
                wanted = set(tags)
                records = [r for r in records if wanted <= set(r.tags or [])]
            if user_email is not None:
                records = [r for r in records if r.requesting_user_email == user_email]
            start = max(offset, 0)
            page = records[start : start + limit] if limit > 0 else []
            return {"sessions": [r.to_summary() for r in page]}

    def send_message(self, org_id: str, session_id: str, message: str) -> dict[str, Any] | None:
        """Deliver a user message.

        Returns ``None`` (JSON ``null``) on success. A suspended session takes the message and
        starts resuming, answered with a ``MessageSentResponse``; a blocked or finished session
        starts working again.

        Args:
            org_id: The caller's organisation.
            session_id: The session.
            message: The message text.

        Returns:
            ``None`` or the ``MessageSentResponse`` JSON.

        Raises:
            NotFound: The session is not in this organisation.
            StoreError: 400 when the session has exited (terminated or expired).
        """
        with self._lock:
            record = self._session(org_id, session_id)
            if record.exited:
                raise StoreError(400, "Devin session already exited")
            now = self.now()
            record.messages.append(self._message(record, "user_message", message, now))
            record.updated_at = now
            if record.status_enum in _SUSPENDED:
                record.status_enum = "resume_requested"
                record.status = _STATUS_TEXT["resume_requested"]
                if not record.steps:
                    record.steps = _continuation()
                return {"detail": "Session is suspended; the message was queued and it is resuming"}
            if record.status_enum in {"blocked", "finished"}:
                record.status_enum = "working"
                record.status = _STATUS_TEXT["working"]
                if not record.steps:
                    record.steps = _continuation()
            return None

    def edit_tags(self, org_id: str, session_id: str, tags: Sequence[str]) -> dict[str, Any]:
        """Replace a session's tags.

        Raises:
            NotFound: The session is not in this organisation.
        """
        with self._lock:
            record = self._session(org_id, session_id)
            record.tags = list(tags)
            record.updated_at = self.now()
            return {"detail": "Tags updated successfully"}

    def terminate(self, org_id: str, session_id: str) -> dict[str, Any]:
        """Terminate a session; it then answers messages and a second terminate with 400.

        The terminated session reads ``status: "exit"``, ``status_enum: "finished"``.

        Raises:
            NotFound: The session is not in this organisation.
            StoreError: 403 when the organisation may not terminate, 400 when already exited.
        """
        with self._lock:
            state = self.org(org_id)
            record = self._session(org_id, session_id)
            if not state.can_terminate:
                raise StoreError(403, "Only session owner can terminate")
            if record.exited:
                raise StoreError(400, "Devin session already exited")
            record.exited = True
            record.steps = []
            record.status_enum = "finished"
            record.status = "exit"
            record.updated_at = self.now()
            return {"detail": "Session terminated successfully"}

    # ---- attachments ---------------------------------------------------------------------

    def add_attachment(
        self,
        org_id: str,
        name: str,
        source: IO[bytes],
        content_type: str | None,
        *,
        take: bool = False,
    ) -> AttachmentRecord:
        """Store an uploaded file, reading it in chunks (never whole in memory).

        Args:
            org_id: The caller's organisation.
            name: The file name (already reduced to a base name).
            source: A readable binary file.
            content_type: The part's content type.
            take: Keep ``source`` itself (the store closes it on reset) instead of copying it
                into a new spooled temporary file; saves a second pass over large uploads.

        Returns:
            The stored record.
        """
        target: IO[bytes] = (
            source if take else tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115
        )
        digest = hashlib.sha256()
        size = 0
        source.seek(0)
        while chunk := source.read(1024 * 1024):
            digest.update(chunk)
            if not take:
                target.write(chunk)
            size += len(chunk)
        record = AttachmentRecord(
            uuid=str(uuid.uuid4()),
            name=name,
            org_id=org_id,
            size=size,
            sha256=digest.hexdigest(),
            content_type=content_type,
            file=target,
        )
        with self._lock:
            self.org(org_id).attachments[(record.uuid, name)] = record
        return record

    def attachment(self, org_id: str, file_uuid: str, name: str) -> AttachmentRecord:
        """Find an organisation's attachment.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._lock:
            record = self.org(org_id).attachments.get((file_uuid, name))
            if record is None:
                raise NotFound("Attachment")
            return record

    @staticmethod
    def copy_attachment(record: AttachmentRecord, target: IO[bytes]) -> None:
        """Stream an attachment's bytes into ``target``."""
        record.file.seek(0)
        shutil.copyfileobj(record.file, target, 1024 * 1024)

    # ---- secrets -------------------------------------------------------------------------

    def create_secret(self, org_id: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """Store a secret (the value is never returned).

        Raises:
            StoreError: 409 when the key exists in the organisation.
        """
        with self._lock:
            state = self.org(org_id)
            if any(s.key == body["key"] for s in state.secrets.values()):
                raise StoreError(409, "Secret name is not unique")
            record = SecretRecord(
                id=_new_id("secret-"),
                type=body["type"],
                key=body["key"],
                value=body["value"],
                sensitive=body["sensitive"],
                note=body["note"],
                created_at=self.now(),
            )
            state.secrets[record.id] = record
            return {"id": record.id}

    def list_secrets(self, org_id: str) -> list[dict[str, Any]]:
        """Secrets' metadata: id, type, key, created_at (no values)."""
        with self._lock:
            return [
                {"id": s.id, "type": s.type, "key": s.key, "created_at": _iso(s.created_at)}
                for s in self.org(org_id).secrets.values()
            ]

    def delete_secret(self, org_id: str, secret_id: str) -> dict[str, Any]:
        """Delete a secret.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._lock:
            if self.org(org_id).secrets.pop(secret_id, None) is None:
                raise NotFound("Secret")
            return {"message": "Secret deleted successfully"}

    # ---- knowledge -----------------------------------------------------------------------

    def add_folder(self, org_id: str, name: str, description: str = "") -> dict[str, Any]:
        """Create a knowledge folder (the v1 API lists folders but cannot create them).

        Args:
            org_id: The organisation.
            name: Folder name.
            description: Folder description.

        Returns:
            The ``FolderResponse`` JSON; use its ``id`` as ``parent_folder_id``.
        """
        with self._lock:
            folder = {
                "id": _new_id("folder-"),
                "name": name,
                "description": description,
                "created_at": _iso(self.now()),
            }
            self.org(org_id).folders[folder["id"]] = folder
            return dict(folder)

    def list_knowledge(self, org_id: str) -> dict[str, Any]:
        """The ``AllKnowledgeResponse`` JSON."""
        with self._lock:
            state = self.org(org_id)
            return {
                "knowledge": [dict(k) for k in state.knowledge.values()],
                "folders": [dict(f) for f in state.folders.values()],
            }

    def put_knowledge(
        self, org_id: str, body: Mapping[str, Any], note_id: str | None = None
    ) -> dict[str, Any]:
        """Create a note, or replace one when ``note_id`` is given.

        ``parent_folder_id`` is stored as sent (the API does not check it).

        Raises:
            NotFound: ``note_id`` is not in this organisation.
        """
        with self._lock:
            state = self.org(org_id)
            if note_id is not None and note_id not in state.knowledge:
                raise NotFound("Knowledge")
            previous = state.knowledge.get(note_id or "")
            note = {
                "id": note_id or _new_id("note-"),
                "name": body["name"],
                "body": body["body"],
                "trigger_description": body["trigger_description"],
                "macro": body.get("macro"),
                "parent_folder_id": body.get("parent_folder_id"),
                "pinned_repo": body.get("pinned_repo"),
                "created_at": previous["created_at"] if previous else _iso(self.now()),
                "created_by": {"full_name": "Mock User", "id": None, "image_url": None},
            }
            state.knowledge[note["id"]] = note
            return dict(note)

    def delete_knowledge(self, org_id: str, note_id: str) -> None:
        """Delete a note.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._lock:
            if self.org(org_id).knowledge.pop(note_id, None) is None:
                raise NotFound("Knowledge")

    # ---- playbooks -----------------------------------------------------------------------

    def _writable_playbooks(self, org_id: str) -> OrgState:
        state = self.org(org_id)
        if not state.can_manage_playbooks:
            raise StoreError(403, "Missing permission: ManageOrgPlaybooks")
        return state

    def _playbook(self, state: OrgState, playbook_id: str) -> dict[str, Any]:
        playbook = state.playbooks.get(playbook_id)
        if playbook is None or playbook["status"] == "deleted":
            raise NotFound("Playbook")
        return playbook

    def create_playbook(self, org_id: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """Create a team playbook.

        Raises:
            StoreError: 403 without the ManageOrgPlaybooks permission.
        """
        with self._lock:
            state = self._writable_playbooks(org_id)
            now = _iso(self.now())
            playbook = {
                "playbook_id": _new_id("playbook-"),
                "org_id": org_id,
                "title": body["title"],
                "body": body["body"],
                "macro": body.get("macro"),
                "access_type": "team",
                "status": "published",
                "created_at": now,
                "updated_at": now,
                "created_by_user_id": "user-mock",
                "created_by_user_name": "Mock User",
                "updated_by_user_id": "user-mock",
                "updated_by_user_name": "Mock User",
            }
            state.playbooks[playbook["playbook_id"]] = playbook
            return dict(playbook)

    def list_playbooks(self, org_id: str) -> list[dict[str, Any]]:
        """Team playbooks that are not deleted."""
        with self._lock:
            return [
                dict(p) for p in self.org(org_id).playbooks.values() if p["status"] != "deleted"
            ]

    def get_playbook(self, org_id: str, playbook_id: str) -> dict[str, Any]:
        """One playbook.

        Raises:
            NotFound: Not in this organisation, or deleted.
        """
        with self._lock:
            return dict(self._playbook(self.org(org_id), playbook_id))

    def update_playbook(
        self, org_id: str, playbook_id: str, body: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Replace a playbook's title, body and macro.

        Raises:
            NotFound: Not in this organisation, or deleted.
            StoreError: 403 without the ManageOrgPlaybooks permission.
        """
        with self._lock:
            state = self.org(org_id)
            playbook = self._playbook(state, playbook_id)
            self._writable_playbooks(org_id)
            playbook.update(
                title=body["title"],
                body=body["body"],
                macro=body.get("macro"),
                updated_at=_iso(self.now()),
            )
            return {"status": "success"}

    def delete_playbook(self, org_id: str, playbook_id: str) -> dict[str, Any]:
        """Mark a playbook deleted and drop its macro.

        Raises:
            NotFound: Not in this organisation, or deleted.
            StoreError: 403 without the ManageOrgPlaybooks permission.
        """
        with self._lock:
            state = self.org(org_id)
            playbook = self._playbook(state, playbook_id)
            self._writable_playbooks(org_id)
            playbook.update(status="deleted", macro=None, updated_at=_iso(self.now()))
            return {"status": "success"}
