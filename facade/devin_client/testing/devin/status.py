"""One mapping between v1's ``status_enum`` and v3's ``status`` + ``status_detail``.

A session lives once in the backend and is read through both versions, so its state has one
meaning in each. v1 says what a session is doing in one word (``status_enum``); v3 says whether
the machine runs (``status``) and, while it runs or sleeps, why (``status_detail``). The
tables below are the only place the two meet: :func:`to_v3` reads a v1 state in v3 terms,
:func:`to_v1` the other way. v3 is the finer of the two, so a v1 state read through v3 and
back is the same v1 state, or one v1 treats the same (``resumed`` -> ``working``); a v3 state
read through v1 and back may lose its nuance (``waiting_for_approval`` reads ``blocked`` in
v1, which reads ``waiting_for_user`` in v3), which is why a session keeps both.

Inferred choices (the docs state no mapping; each follows the meaning both docs give):

- ``finished`` (v1) is ``running`` + ``finished`` (v3): Devin finished its turn and the
  machine is still up, ready for a message; a *terminated* session reads ``exit`` in v3 and
  ``finished`` with ``status: "exit"`` in v1, as v1's terminate always did.
- ``expired`` (v1) is ``exit`` (v3): the session is over and takes no message; a v3 ``error``
  reads ``expired`` in v1, its nearest ended state.
- ``blocked`` (v1) is ``waiting_for_user``; v3's ``waiting_for_approval`` reads ``blocked``.
- ``suspend_requested_frontend`` (a user asked) is ``suspended`` + ``user_request``;
  ``suspend_requested`` (the platform decided) is ``suspended`` + ``inactivity``; every other
  v3 suspension reason (quota, credits, ``error``...) reads ``suspend_requested``.
- ``resume_requested(_frontend)`` is ``resuming`` (no detail); ``new`` and ``claimed``, the v3
  states before the first step, read ``working``.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Mapping
from typing import Final

from .._kernel.spec import enum_values, load_document

__all__ = [
    "ENDED",
    "V1_TO_V3",
    "check_v3_state",
    "settled_v3",
    "to_v1",
    "to_v3",
    "v3_status_details",
    "v3_statuses",
]

V3_PACKAGE: Final = "devin_api_v3"

V1_TO_V3: Final[Mapping[str, tuple[str, str | None]]] = {
    "working": ("running", "working"),
    "resumed": ("running", "working"),
    "blocked": ("running", "waiting_for_user"),
    "finished": ("running", "finished"),
    "expired": ("exit", None),
    "suspend_requested": ("suspended", "inactivity"),
    "suspend_requested_frontend": ("suspended", "user_request"),
    "resume_requested": ("resuming", None),
    "resume_requested_frontend": ("resuming", None),
}
"""v1 ``status_enum`` -> v3 ``(status, status_detail)``."""

# v3 (status, detail) -> v1, for the pairs that are not simply V1_TO_V3 read backwards.
_RUNNING_TO_V1: Final = {
    "working": "working",
    "waiting_for_user": "blocked",
    "waiting_for_approval": "blocked",
    "finished": "finished",
}
_STATUS_TO_V1: Final = {
    "new": "working",
    "claimed": "working",
    "resuming": "resume_requested",
    "exit": "finished",
    "error": "expired",
}

ENDED: Final = frozenset({"exit", "error"})
"""v3 statuses after which a session takes no message (v1: "already exited")."""


def to_v3(status_enum: str) -> tuple[str, str | None]:
    """A v1 state in v3 terms.

    Args:
        status_enum: A v1 ``status_enum`` (an undocumented one reads ``running``/``working``:
            the session is alive and nothing says otherwise).

    Returns:
        ``(status, status_detail)``.
    """
    return V1_TO_V3.get(status_enum, ("running", "working"))


def to_v1(status: str, status_detail: str | None) -> str:
    """A v3 state in v1 terms.

    Args:
        status: A v3 ``status``.
        status_detail: Its ``status_detail`` (``None`` when it has none).

    Returns:
        The v1 ``status_enum``.
    """
    if status == "running":
        return _RUNNING_TO_V1.get(status_detail or "working", "working")
    if status == "suspended":
        return (
            "suspend_requested_frontend"
            if status_detail == "user_request"
            else ("suspend_requested")
        )
    return _STATUS_TO_V1.get(status, "working")


def settled_v3(status: str, status_detail: str | None) -> bool:
    """Whether a v3 client stops waiting here (the v3 docs' "settled")."""
    if status in {"exit", "error", "suspended"}:
        return True
    return status == "running" and status_detail in {
        "finished",
        "waiting_for_user",
        "waiting_for_approval",
    }


@functools.cache
def v3_statuses() -> tuple[str, ...]:
    """The documented v3 ``status`` values (``SessionResponse.status``), in the spec's order."""
    return enum_values(load_document(V3_PACKAGE), "SessionResponse", "status")


@functools.cache
def v3_status_details() -> tuple[str, ...]:
    """The documented v3 ``status_detail`` values, in the spec's order."""
    return enum_values(load_document(V3_PACKAGE), "SessionResponse", "status_detail")


def check_v3_state(status: object, status_detail: object) -> None:
    """Refuse a v3 state the spec does not document (a typo must not script a session that
    never settles).

    Raises:
        ValueError: Naming the documented values (and the closest one).
    """
    for name, value, known in (
        ("v3_status", status, v3_statuses()),
        ("status_detail", status_detail, v3_status_details()),
    ):
        if value is None and name == "status_detail":
            continue
        if isinstance(value, str) and value in known:
            continue
        if not isinstance(value, str):
            raise ValueError(f"step {name} must be a string, not {type(value).__name__}")
        close = difflib.get_close_matches(value, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(
            f"unknown step {name} {value!r}{hint}; the documented values are: " + ", ".join(known)
        )
