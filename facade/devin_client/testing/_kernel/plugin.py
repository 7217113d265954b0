"""pytest machinery for any mock's fixture: fresh state per test, and a test fails when the mock
broke its spec or crashed while serving it.

Imports only pytest (and ``records``, standard library only): the plugin module that uses it
is loaded by pytest in every project that installs devin-client, with or without the ``mock``
extra.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Protocol

import pytest

from .records import RESPONSE_ISSUES  # standard library only, like this module

__all__ = ["fresh", "record_problems"]


class _Records(Protocol):
    @property
    def issues(self) -> Sequence[object]: ...

    @property
    def crashes(self) -> Sequence[object]: ...


class _App(Protocol):
    @property
    def records(self) -> _Records: ...

    def reset(self) -> None: ...


def record_problems(
    records: _Records,
    allowed: Collection[str] = (),
    hints: Mapping[str, str] | None = None,
) -> list[str]:
    """What the records hold that a test must fail on, one message each (empty: nothing).

    Args:
        records: The mock's records.
        allowed: Kinds of problems the test accepts: an issue whose ``kind`` attribute is one
            of them does not fail it (an issue without a ``kind`` always does; responses that
            break the spec are ``"response"``).
        hints: Kind -> how a test opts out of that kind, added to its message.
    """
    problems: list[str] = []
    by_kind: dict[str | None, list[object]] = {}
    for issue in records.issues:
        kind = getattr(issue, "kind", None)
        if kind is None or kind not in allowed:
            by_kind.setdefault(kind, []).append(issue)
    for kind, issues in by_kind.items():
        listed = "\n".join(f"  - {issue}" for issue in issues)
        if kind == RESPONSE_ISSUES:
            problems.append(f"the mock sent responses that break the spec:\n{listed}")
            continue
        hint = (hints or {}).get(kind or "")
        problems.append(
            f"the mock recorded {kind + ' ' if kind else ''}problems:\n{listed}"
            + (f"\n  ({hint})" if hint else "")
        )
    crashes = records.crashes
    if crashes:
        listed = "\n".join(f"  - {crash}" for crash in crashes)
        problems.append(f"a mock handler crashed {len(crashes)} time(s) (see the log):\n{listed}")
    return problems


@contextmanager
def fresh(app: _App, hints: Mapping[str, str] | None = None) -> Iterator[set[str]]:
    """Reset ``app`` around the ``with`` block; fail the test on what it recorded meanwhile.

    Args:
        app: The mock's app.
        hints: Kind of problem -> how a test opts out of it (shown when one fails the test).

    Yields:
        The kinds of problems the test accepts (empty; the test, or its fixture, adds to it).
    """
    app.reset()
    allowed: set[str] = set()
    yield allowed
    problems = record_problems(app.records, allowed, hints)
    app.reset()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
