"""The Devin backend (moto's ``models.py``): all state, per organisation per resource.

Every Devin API version (v1 and v3) works on the same backend in the same process, so a
session created through one is visible through the other. Each resource module owns its state
class (:class:`~.sessions.Sessions`, :class:`~.attachments.Attachments`,
:class:`~.secrets.Secrets`, :class:`~.knowledge.Knowledge`, :class:`~.playbooks.Playbooks`,
:class:`~.schedules.Schedules`); :class:`OrgState` holds one of each per organisation.

The state is plain Python guarded by one lock: the ASGI app (possibly on a server thread) and the
test (on its own thread) both use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final, Literal

from ._shared import NotFound, Shared
from .attachment_lines import ReceivedFile
from .attachments import AttachmentRecord, Attachments, Presigner
from .knowledge import Knowledge
from .playbooks import Playbooks
from .schedules import Schedules
from .secrets import Secrets
from .sessions import SessionRecord, Sessions, Step, check_scripted_output

__all__ = ["DEFAULT_PLATFORMS", "DevinBackend", "OrgState"]

DEFAULT_USER_EMAIL = "mock-user@example.com"
DEFAULT_PLATFORMS: Final = ("linux", "windows")
"""The platform labels every organisation has unless a test sets others (v3 ``platform``)."""


class OrgState:
    """Everything one organisation owns, one state object per resource.

    No secret value shows in its ``repr`` (nor in its resources', nor their records').

    Attributes:
        org_id: The organisation.
        sessions: Session id -> :class:`~.sessions.SessionRecord`.
        attachments: ``(uuid, name)`` -> :class:`~.attachments.AttachmentRecord`.
        secrets: Secret id -> :class:`~.secrets.SecretRecord`.
        knowledge: Note id -> note.
        playbooks: Playbook id -> playbook.
        schedules: Schedule id -> schedule (v3).
        platforms: The VM platform labels a v3 create may name (``platform``; matched without
            regard to case; ``default`` and ``inherit`` are always accepted).
    """

    def __init__(self, org_id: str, shared: Shared) -> None:
        self.org_id = org_id
        self.sessions = Sessions(shared)
        self.attachments = Attachments(shared)
        self.secrets = Secrets(shared)
        self.knowledge = Knowledge(shared)
        self.playbooks = Playbooks(shared, org_id)
        self.schedules = Schedules(shared, org_id)
        self.platforms: list[str] = list(DEFAULT_PLATFORMS)

    def __repr__(self) -> str:
        return (
            f"OrgState(org_id={self.org_id!r}, sessions={self.sessions!r}, "
            f"secrets={self.secrets!r}, knowledge={len(self.knowledge)} notes, "
            f"playbooks={len(self.playbooks)}, attachments={len(self.attachments)})"
        )

    @property
    def folders(self) -> dict[str, dict[str, Any]]:
        """Folder id -> knowledge folder."""
        return self.knowledge.folders

    @property
    def idempotency(self) -> dict[str, str]:
        """Digest of an idempotent create's body -> the session it created."""
        return self.sessions.idempotency

    @property
    def can_terminate(self) -> bool:
        """Whether terminating a session is allowed (else 403)."""
        return self.sessions.can_terminate

    @can_terminate.setter
    def can_terminate(self, value: bool) -> None:
        self.sessions.can_terminate = value

    @property
    def can_manage_playbooks(self) -> bool:
        """Whether playbook writes are allowed (else 403)."""
        return self.playbooks.can_manage

    @can_manage_playbooks.setter
    def can_manage_playbooks(self, value: bool) -> None:
        self.playbooks.can_manage = value


class DevinBackend:
    """State of the mock Devin API, per organisation, shared by every API version.

    Args:
        user_email: ``requesting_user_email`` of sessions created with each API key (by key);
            keys not listed get ``"mock-user@example.com"``.

    Attributes:
        foreign_org_status: What v3 answers a key of one organisation calling another's path
            (``/v3/organizations/<other>/...``): 403 (default; the notes' reading) or 404 (what
            devin-cli's fallback suggests also happens). A session of another organisation,
            named under the caller's own path, is always 404.
        tag_overflow: What a v3 tags append that would leave a session with more than the
            spec's 50 tags does: ``"reject"`` (422, default) or ``"cap"`` (keep the first 50).
        upload_answer: How v1's upload answers the file's URL: ``"json"`` (a JSON string, as
            the spec says) or ``"text"`` (``text/plain``, the bare URL: what Devin's docs
            read with ``response.text``). A reset puts back :attr:`default_upload_answer`.
        default_upload_answer: The ``upload_answer`` after each reset (``DevinMock``'s
            ``upload_answer=``).
        default_pace: The :attr:`pace` after each reset (``DevinMock``'s ``pace=``).
    """

    def __init__(self, user_email: Mapping[str, str] | None = None) -> None:
        self._shared = Shared()
        self._orgs: dict[str, OrgState] = {}
        self._user_email = dict(user_email or {})  # keyed by API key: never in repr
        self.presigner = Presigner(self._shared)
        self.foreign_org_status: Literal[403, 404] = 403
        self.tag_overflow: Literal["reject", "cap"] = "reject"
        self.default_upload_answer: Literal["json", "text"] = "json"
        self.default_pace: float | None = None
        self.upload_answer: Literal["json", "text"] = "json"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(orgs={sorted(self._orgs)!r})"

    # ---- housekeeping --------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every organisation's state and the scripts waiting for new sessions, close
        stored files, rewind the clock and put the settings (``foreign_org_status``,
        ``tag_overflow``, ``upload_answer``, ``pace``) back to their defaults."""
        with self._shared.lock:
            for org in self._orgs.values():
                org.attachments.close()
            self._orgs.clear()
            self._shared.clock_offset = 0.0
            self.foreign_org_status = 403
            self.tag_overflow = "reject"
            self.upload_answer = self.default_upload_answer
            self._shared.pace = self.default_pace
            self._shared.next_scripts.clear()

    def org(self, org_id: str) -> OrgState:
        """Return (creating if needed) the state of one organisation, for inspection in tests.

        Args:
            org_id: The organisation id.

        Returns:
            The live state object; read it between requests, not during one.
        """
        with self._shared.lock:
            state = self._orgs.get(org_id)
            if state is None:
                state = self._orgs[org_id] = OrgState(org_id, self._shared)
            return state

    def user_email(self, api_key: str) -> str:
        """The ``requesting_user_email`` of sessions a key creates."""
        return self._user_email.get(api_key, DEFAULT_USER_EMAIL)

    def now(self) -> datetime:
        """The mock's clock (wall time plus :meth:`advance_clock` offsets), in UTC."""
        return self._shared.now()

    def timestamp(self) -> float:
        """The mock's clock as a Unix timestamp."""
        return self._shared.timestamp()

    def advance_clock(self, seconds: float) -> None:
        """Move the mock's clock forward (e.g. past a presigned URL's 60 s lifetime).

        Args:
            seconds: How far to move it (negative: back).

        Raises:
            ValueError: Not a finite number, more than 10 years at once, or a clock more than
                100 years away from the wall clock.
        """
        self._shared.advance_clock(seconds)

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
        with self._shared.lock:
            state = self.org(org_id)
            if terminate_sessions is not None:
                state.can_terminate = terminate_sessions
            if manage_playbooks is not None:
                state.can_manage_playbooks = manage_playbooks

    def set_platforms(self, org_id: str, platforms: Sequence[str]) -> None:
        """Set the platform labels an organisation's v3 creates may name.

        Args:
            org_id: The organisation.
            platforms: The labels (e.g. ``["linux", "windows", "gpu-pool"]``).

        Raises:
            ValueError: A label is not a non-empty string.
        """
        if isinstance(platforms, str) or not all(isinstance(p, str) and p for p in platforms):
            raise ValueError("platforms must be a list of non-empty strings")
        with self._shared.lock:
            self.org(org_id).platforms = list(platforms)

    # ---- across organisations (tests and the admin API name a session by id alone) ----------

    @property
    def pace(self) -> float | None:
        """Seconds of the mock's clock per scripted step, on top of one step per read
        (``None``, the default: per read only). With a pace, a session that nobody reads
        still moves on as the clock does (:meth:`advance_clock` moves it without sleeping)."""
        return self._shared.pace

    @pace.setter
    def pace(self, seconds: float | None) -> None:
        if seconds is not None and (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not 0 <= seconds < float("inf")
        ):
            raise ValueError("pace must be a number of seconds >= 0, or None")
        self._shared.pace = None if seconds is None else float(seconds)

    def find_session(self, session_id: str) -> SessionRecord:
        """Any organisation's session.

        Raises:
            NotFound: No such session.
        """
        with self._shared.lock:
            for state in self._orgs.values():
                record = state.sessions.get(session_id)
                if record is not None:
                    return record
        raise NotFound("Session")

    def script_session(
        self, session_id: str, steps: Iterable[Step | Mapping[str, Any]]
    ) -> list[Step]:
        """Replace the remaining path of a session.

        Each step is applied by one read of the session (or :meth:`advance`); when the script
        runs out the session stays as the last step left it.

        Args:
            session_id: Any organisation's session.
            steps: :class:`~.sessions.Step` objects or their JSON form
                (see :meth:`~.sessions.Step.from_dict`).

        Returns:
            The steps now pending.

        Raises:
            NotFound: No such session.
            ValueError: A step in JSON form is malformed, or a step's ``structured_output``
                does not validate against the schema the session was created with.

        Example:
            ``store.script_session(sid, [Step("working", "Reading the repo"),
            Step("blocked", "Which branch?")])``
        """
        parsed = [s if isinstance(s, Step) else Step.from_dict(s) for s in steps]
        with self._shared.lock:
            record = self.find_session(session_id)
            check_scripted_output(record.request.get("structured_output_schema"), parsed)
            record.start_script(parsed, self._shared.timestamp())
            return list(parsed)

    def script_next_session(
        self, steps: Iterable[Step | Mapping[str, Any]], *, org_id: str | None = None
    ) -> list[Step]:
        """Script the path of a session not created yet: the next one created (in ``org_id``,
        or in any organisation), through either version. Scripts queue: each create takes the
        first one waiting for it.

        For code under test that creates its own session: script what Devin will say and do
        (messages, statuses, structured output) before calling it. A ``structured_output`` the
        session's ``structured_output_schema`` refuses is reported when the session is created
        (``GET /_mock/issues``; it fails a test using the ``devin_mock`` fixture).

        Args:
            steps: :class:`~.sessions.Step` objects or their JSON form.
            org_id: Only a session of this organisation takes the script.

        Returns:
            The steps queued.

        Raises:
            ValueError: A step in JSON form is malformed.
        """
        parsed = [s if isinstance(s, Step) else Step.from_dict(s) for s in steps]
        with self._shared.lock:
            self._shared.next_scripts.append((org_id, parsed))
        return list(parsed)

    def advance(self, session_id: str, steps: int = 1) -> SessionRecord:
        """Apply the next ``steps`` scripted steps of any organisation's session now.

        Raises:
            NotFound: No such session.
        """
        with self._shared.lock:
            record = self.find_session(session_id)
            for _ in range(max(0, min(steps, len(record.steps)))):
                record.apply_next(self._shared.now())
            return record

    def session_attachments(self, session_id: str) -> list[ReceivedFile]:
        """The files any organisation's session received, in order: each upload an exact
        ``ATTACHMENT:"<url>"`` line of its prompt or messages, or its v3 ``attachment_urls``,
        named (see :mod:`.attachment_lines`).

        Raises:
            NotFound: No such session.
        """
        with self._shared.lock:
            return list(self.find_session(session_id).received)

    def upload_owner(self, file_uuid: str, name: str) -> str | None:
        """The organisation holding an upload, or ``None`` when none does."""
        with self._shared.lock:
            for org_id, state in self._orgs.items():
                if (file_uuid, name) in state.attachments:
                    return org_id
        return None

    def attachment(self, org_id: str, file_uuid: str, name: str) -> AttachmentRecord:
        """An organisation's upload (what a presigned URL names).

        Raises:
            NotFound: Not in this organisation.
        """
        return self.org(org_id).attachments.find(file_uuid, name)

    def add_folder(self, org_id: str, name: str, description: str = "") -> dict[str, Any]:
        """Create a knowledge folder (the v1 API lists folders but cannot create them).

        Args:
            org_id: The organisation.
            name: Folder name.
            description: Folder description.

        Returns:
            The ``FolderResponse`` JSON; use its ``id`` as ``parent_folder_id``.
        """
        return self.org(org_id).knowledge.add_folder(name, description)
