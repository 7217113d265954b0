"""The ``devin`` command line (``pip install 'devin-client[cli]'``).

Built on the public ``devin_client`` API only. ``import devin_client`` never imports this
package, so Typer and Rich stay optional: they are needed only to run the command.

Run ``devin --help``; the same app is importable as ``devin_client.cli.app`` (a Typer app, for
``typer.testing.CliRunner``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typer import Typer

    app: Typer

__all__ = ["app", "main"]

_MISSING_EXTRA = (
    "devin: the command line needs the 'cli' extra: pip install 'devin-client[cli]' ({})"
)


def main() -> None:
    """Entry point of the ``devin`` console script."""
    try:
        from ._app import app as typer_app
    except ImportError as exc:  # Typer or Rich not installed
        print(_MISSING_EXTRA.format(exc), file=sys.stderr)
        raise SystemExit(2) from None
    typer_app(prog_name="devin")


def __getattr__(name: str) -> Any:
    # ``app`` is loaded on first use so that ``main`` can report a missing extra cleanly.
    if name == "app":
        from ._app import app as typer_app

        return typer_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
