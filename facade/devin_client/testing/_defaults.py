"""What the mock needs before its own dependencies are known to be importable.

The demo key and organisation, the default upload limit, and the message that names the
``pip install`` to run when the ``mock`` extra is missing. Standard library only: the
``devin-mock`` command, ``python -m devin_client.testing`` and the pytest plugin read this
module first.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_ORG_ID",
    "DEFAULT_UPLOAD_LIMIT",
    "DEFAULT_V3_API_KEY",
    "INSTALL_MOCK",
    "missing_mock_extra",
]

DEFAULT_API_KEY: Final = "apk_user_devin_mock_demo_key"
"""The v1 demo key a mock accepts when no ``keys`` are given (it maps to
:data:`DEFAULT_ORG_ID`)."""
DEFAULT_V3_API_KEY: Final = "cog_devin_mock_demo_key"
"""The v3 demo key (a service user's ``cog_`` key with every permission) a mock accepts when no
``keys`` are given, for :data:`DEFAULT_ORG_ID`."""
DEFAULT_ORG_ID: Final = "org-devin-mock"
"""The organisation of :data:`DEFAULT_API_KEY` and :data:`DEFAULT_V3_API_KEY`."""
DEFAULT_UPLOAD_LIMIT: Final = 2 * 1024**3
"""Largest upload accepted by default (2 GiB); larger files get 413."""

INSTALL_MOCK: Final = "pip install 'devin-client[mock]'"
"""The command that installs the ``mock`` extra."""

# Top-level modules the ``mock`` extra installs (its requirements in pyproject.toml, plus h11,
# the HTTP implementation the server is configured to use).
_MOCK_EXTRA_MODULES: Final = frozenset(
    {"starlette", "uvicorn", "h11", "multipart", "python_multipart"}
)


def missing_mock_extra(exc: ModuleNotFoundError, what: str) -> str | None:
    """The message for ``exc`` when it means the ``mock`` extra is not installed.

    Args:
        exc: The error raised while importing the mock.
        what: What needs the extra (``"devin-mock"``, ``"the devin_mock fixture"``...).

    Returns:
        A one-line message naming the missing module and the ``pip install`` to run, or
        ``None`` when the missing module is not one the extra provides (a real bug).
    """
    module = (exc.name or "").partition(".")[0]
    if module not in _MOCK_EXTRA_MODULES:
        return None
    return f"{what} needs the 'mock' extra ({module} is not installed): {INSTALL_MOCK}"
