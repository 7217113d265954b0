"""Fixtures of the bad-input catalogue."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from devin_client.testing import MockProcess


@pytest.fixture(scope="module")
def mock_process() -> Iterator[str]:
    """The base URL of a real ``devin-mock`` process (demo key), stopped afterwards.

    For tests that look for a frozen mock. A mock served from a thread of the test's own process
    can hide a freeze: native code (the JSON Schema validator, the regex engine) holds the GIL,
    so the test's client cannot time out until the mock lets go, and then it simply gets its
    answer. In a separate process a freeze is a client timeout (and a frozen process is still
    stopped: SIGINT, SIGTERM, then SIGKILL).
    """
    with MockProcess() as mock:
        yield mock.base_url
