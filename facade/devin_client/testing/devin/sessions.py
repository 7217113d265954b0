"""Sessions: one organisation's sessions and the scripted life each one lives.

A new session moves one :class:`Step` per read through the API (``GET`` of the session): the
default path is ``working`` -> ``working`` -> ``finished``, or ``working`` -> ``blocked`` when the
prompt contains :data:`BLOCK_DIRECTIVE`; a user message to a blocked or finished session
continues ``working`` -> ``finished``. Tests choose the path with ``script``. Records are
version-neutral: each API version renders them in its own shape.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from .._kernel.safe_json import BadJSON, check_value
from .._kernel.spec import load_document, pointer_get
from ._shared import NotFound, Shared, StoreError, iso, new_id
from .structured import example_for

__all__ = [
    "AUTO",
    "BLOCK_DIRECTIVE",
    "SessionRecord",
    "Sessions",
    "Step",
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
        self.status_enum = step.status_enum
        self.status = step.status or _STATUS_TEXT.get(step.status_enum, step.status_enum)
        self.updated_at = now
        if step.message is not None:
            self.add_message("devin_message", step.message, now)
        if step.pull_request_url is not None:
            self.pull_request_url = step.pull_request_url
        if step.structured_output is not AUTO:
            self.structured_output = step.structured_output
        elif step.status_enum == "finished" and isinstance(
            self.request.get("structured_output_schema"), Mapping
        ):
            found, value = self.auto_output
            self.structured_output = value if found else None
        if step.status_enum == "expired":
            self.exited = True


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
        self, org_id: str, body: Mapping[str, Any], user_email: str
    ) -> tuple[SessionRecord, bool]:
        """Create a session, or find the one an identical idempotent request created.

        Args:
            org_id: The organisation.
            body: A create request that already passed validation.
            user_email: The ``requesting_user_email`` of the caller.

        Returns:
            ``(record, new)``.
        """
        # The output a finishing step will show, made now and outside the lock: generation is
        # bounded but not free, and handlers run this call off the event loop.
        schema = body.get("structured_output_schema")
        auto_output = example_for(schema) if isinstance(schema, Mapping) else (False, None)
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
            title = body.get("title")
            record = SessionRecord(
                session_id=new_id("devin-"),
                org_id=org_id,
                prompt=prompt,
                request=dict(body),
                created_at=now,
                updated_at=now,
                requesting_user_email=user_email,
                tags=list(body["tags"]) if body.get("tags") is not None else None,
                title=title if isinstance(title, str) else (prompt.strip()[:80] or "Untitled"),
                steps=default_steps(blocked=BLOCK_DIRECTIVE in prompt),
                auto_output=auto_output,
            )
            record.add_message("initial_user_message", prompt, now)
            self[record.session_id] = record
            if idempotent:
                self.idempotency[fingerprint] = record.session_id
            return record, True

    def find(self, session_id: str) -> SessionRecord:
        """A session of this organisation.

        Raises:
            NotFound: Not in this organisation.
        """
        record = self.get(session_id)
        if record is None:
            raise NotFound("Session")
        return record

    def read(self, session_id: str, *, advance: bool = True) -> SessionRecord:
        """A session as a read through the API sees it: its next step applied first.

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
            records = sorted(
                self.values(), key=lambda r: (r.created_at, r.session_id), reverse=True
            )
        if tags:
            wanted = set(tags)
            records = [r for r in records if wanted <= set(r.tags or [])]
        if user_email is not None:
            records = [r for r in records if r.requesting_user_email == user_email]
        return records

    def send_message(self, session_id: str, message: str) -> bool:
        """Deliver a user message.

        A suspended session takes it and starts resuming; a blocked or finished session starts
        working again.

        Returns:
            Whether the session was suspended (and is now resuming).

        Raises:
            NotFound: Not in this organisation.
            StoreError: 400 when the session has exited (terminated or expired).
        """
        with self._shared.lock:
            record = self.find(session_id)
            if record.exited:
                raise StoreError(400, "Devin session already exited")
            now = self._shared.now()
            record.add_message("user_message", message, now)
            record.updated_at = now
            suspended = record.status_enum in _SUSPENDED
            if suspended:
                record.status_enum = "resume_requested"
            elif record.status_enum in {"blocked", "finished"}:
                record.status_enum = "working"
            else:
                return False
            record.status = _STATUS_TEXT[record.status_enum]
            if not record.steps:
                record.steps = _continuation()
            return suspended

    def edit_tags(self, session_id: str, tags: Sequence[str]) -> None:
        """Replace a session's tags.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            record = self.find(session_id)
            record.tags = list(tags)
            record.updated_at = self._shared.now()

    def terminate(self, session_id: str) -> None:
        """Terminate a session; it then reads ``status: "exit"``, ``status_enum: "finished"``
        and answers messages and a second terminate with 400.

        Raises:
            NotFound: Not in this organisation.
            StoreError: 403 when the organisation may not terminate, 400 when already exited.
        """
        with self._shared.lock:
            record = self.find(session_id)
            if not self.can_terminate:
                raise StoreError(403, "Only session owner can terminate")
            if record.exited:
                raise StoreError(400, "Devin session already exited")
            record.exited = True
            record.steps = []
            record.status_enum = "finished"
            record.status = "exit"
            record.updated_at = self._shared.now()


@functools.cache
def session_statuses() -> tuple[str, ...]:
    """The documented values of a session's ``status_enum``, in the spec's order.

    Read from the ``status_enum`` property of v1's ``GetSessionResponse`` (through its
    ``anyOf`` and ``$ref``), so a spec that documents a new status needs no change here.

    Returns:
        The statuses, e.g. ``("working", "blocked", ...)``.
    """
    document = load_document("devin_api")
    prop = document["components"]["schemas"]["GetSessionResponse"]["properties"]["status_enum"]
    found: list[str] = []
    pending: list[Any] = [prop]
    while pending:
        schema = pending.pop(0)
        if not isinstance(schema, Mapping):
            continue
        if isinstance(schema.get("$ref"), str):
            pending.append(pointer_get(document, schema["$ref"]))
        pending.extend(schema.get("anyOf", []) + schema.get("oneOf", []))
        found.extend(v for v in schema.get("enum", []) if isinstance(v, str) and v not in found)
    return tuple(found)
