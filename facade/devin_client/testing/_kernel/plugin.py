"""pytest machinery for any mock's fixture: fresh state per test, and a test fails when the mock
broke its spec or crashed while serving it.

Imports only pytest: the plugin module that uses it is loaded by pytest in every project that
installs devin-client, with or without the ``mock`` extra.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

import pytest

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


def record_problems(records: _Records) -> list[str]:
    """What the records hold that a test must fail on, one message each (empty: nothing)."""
    problems: list[str] = []
    issues = records.issues
    if issues:
        listed = "\n".join(f"  - {issue}" for issue in issues)
        problems.append(f"the mock sent responses that break the spec:\n{listed}")
    crashes = records.crashes
    if crashes:
        listed = "\n".join(f"  - {crash}" for crash in crashes)
        problems.append(f"a mock handler crashed {len(crashes)} time(s) (see the log):\n{listed}")
    return problems


@contextmanager
def fresh(app: _App) -> Iterator[None]:
    """Reset ``app`` around the ``with`` block; fail the test on what it recorded meanwhile."""
    app.reset()
    yield
    problems = record_problems(app.records)
    app.reset()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
