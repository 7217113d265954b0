"""Helpers of the secret-leak tests: every text of an error, and the library's frame locals."""

from __future__ import annotations

import traceback
from pathlib import Path

import devin_client

LIBRARY = str(Path(devin_client.__file__).parent)


def texts_of(exc: BaseException) -> str:
    """``str``, ``repr``, ``args`` and the formatted traceback with its chained causes."""
    texts = [str(exc), repr(exc), repr(exc.args), *traceback.format_exception(exc)]
    return "\n".join(texts)


def with_locals(exc: BaseException) -> str:
    """The traceback as ``pytest --showlocals`` / ``capture_locals`` would print it, for the
    library's frames (the test's own frames hold the sentinels, of course), causes included."""
    te: traceback.TracebackException | None = traceback.TracebackException.from_exception(
        exc, capture_locals=True
    )
    out = []
    while te is not None:
        out += [f"{f.filename}:{f.name} {f.locals!r}" for f in te.stack if LIBRARY in f.filename]
        out += list(te.format_exception_only())
        te = te.__cause__ or te.__context__
    assert any(LIBRARY in line for line in out), "no library frame in the traceback"
    return "\n".join(out)
