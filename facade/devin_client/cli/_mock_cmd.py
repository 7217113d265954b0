"""``devin mock serve``: the same program as the ``devin-mock`` console script."""

from __future__ import annotations

from importlib.metadata import entry_points

import typer

__all__ = ["app"]

app = typer.Typer(help="Run the mock Devin API (needs the 'mock' extra).", no_args_is_help=True)


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def serve(ctx: typer.Context) -> None:
    """Serve the mock Devin API until Ctrl-C; takes devin-mock's options (--port, --key, ...)."""
    # The installed ``devin-mock`` console script, called in-process: one program, two names.
    found = entry_points(group="console_scripts", name="devin-mock")
    if not found:
        raise typer.BadParameter(
            "devin-mock is not installed: pip install 'devin-client[mock]'", param_hint="mock"
        )
    mock_main = next(iter(found)).load()
    raise typer.Exit(mock_main(list(ctx.args)) or 0)
