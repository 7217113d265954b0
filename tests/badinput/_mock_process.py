"""A real ``devin-mock`` process for tests that look for a frozen mock.

A mock served from a thread of the test's own process can hide a freeze: native code (the
JSON Schema validator, the regex engine) holds the GIL, so the test's client cannot time out
until the mock lets go, and then it simply gets its answer. In a separate process a freeze is
a client timeout."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def mock_process() -> Iterator[str]:
    """The base URL of a ``devin-mock --port 0`` process (demo key), stopped afterwards."""
    process = subprocess.Popen(
        [sys.executable, "-m", "devin_client.testing", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("devin-mock listening on "), first
        yield first.rsplit(" ", 1)[-1].strip()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # still inside a frozen native call
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
