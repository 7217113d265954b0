"""The ``devin`` command line (``pip install 'devin-client[cli]'``).

Built on the public ``devin_client`` API only. ``import devin_client`` never imports this
package, so Typer and Rich stay optional: they are needed only to run the command.

Run ``devin --help``; the same app is importable as ``devin_client.cli.app`` (a Typer app, for
``typer.testing.CliRunner``). Every command builds its client through one *client factory*
(:func:`make_client` unless another is given: ``main(argv, client_factory=...)`` or
``CliRunner().invoke(app, argv, client_factory=...)``); see ``_client``. It speaks the API v3
with a ``cog_`` key or ``--api v3`` (:func:`api_version`), else v1.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._client import AnyDevin, ClientFactory, ClientOptions, api_version, make_client

if TYPE_CHECKING:
    from typer import Typer

    app: Typer

__all__ = [
    "AnyDevin",
    "ClientFactory",
    "ClientOptions",
    "api_version",
    "app",
    "main",
    "make_client",
]

_MISSING_EXTRA = (
    "devin: the command line needs the 'cli' extra: pip install 'devin-client[cli]' ({})"
)


def main(argv: Sequence[str] | None = None, *, client_factory: ClientFactory | None = None) -> None:
    """Entry point of the ``devin`` console script (exits with the command's exit code).

    Args:
        argv: The arguments; ``None``: ``sys.argv[1:]``.
        client_factory: Builds the client the command uses; ``None``: :func:`make_client`.
    """
    try:
        from ._app import app as typer_app
    except ImportError as exc:  # Typer or Rich not installed
        print(_MISSING_EXTRA.format(exc), file=sys.stderr)
        raise SystemExit(2) from None
    args = None if argv is None else list(argv)
    typer_app(args=args, prog_name="devin", client_factory=client_factory)


def __getattr__(name: str) -> Any:
    # ``app`` is loaded on first use so that ``main`` can report a missing extra cleanly.
    if name == "app":
        from ._app import app as typer_app

        return typer_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
