"""The ``devin`` Typer app: global options and the command groups."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from devin_client import __version__

from . import _attachments, _mock_cmd, _org, _sessions
from ._errors import RootGroup
from ._state import RootContext, State, set_state

__all__ = ["app"]

app = typer.Typer(
    name="devin",
    cls=RootGroup,
    help="Drive Devin from the shell: sessions, attachments, secrets, knowledge, playbooks, "
    "schedules.\n\n"
    "The API key comes from --api-key or DEVIN_API_KEY; the API from --base-url or "
    "DEVIN_BASE_URL (default https://api.devin.ai).\n\n"
    "The API version: --api v1 or --api v3 when given; else v3 (recommended) for a service "
    "user's cog_ key, v1 for any other key. With v3 the organisation comes from --org-id or "
    "DEVIN_ORG_ID, else from the key (GET /v3/self).\n\n"
    "Exit codes: 0 success, 1 API error, 2 usage or input error.",
    no_args_is_help=True,
    # Plain click help and errors: one "Error: ..." line rather than a boxed panel.
    rich_markup_mode=None,
    # Our own error handling prints one line; a pretty traceback with locals could show the key.
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(_sessions.app, name="sessions")
app.add_typer(_attachments.app, name="attachments")
app.add_typer(_org.secrets_app, name="secrets")
app.add_typer(_org.knowledge_app, name="knowledge")
app.add_typer(_org.playbooks_app, name="playbooks")
app.add_typer(_org.schedules_app, name="schedules")
app.add_typer(_mock_cmd.app, name="mock")


class Api(enum.StrEnum):
    """``--api`` values."""

    v1 = "v1"
    v3 = "v3"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"devin {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            metavar="KEY",
            help="The API key [default: $DEVIN_API_KEY]. Never printed.",
            show_default=False,
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url", metavar="URL", help="The API [default: $DEVIN_BASE_URL or the real API]."
        ),
    ] = None,
    api: Annotated[
        Api | None,
        typer.Option(
            "--api",
            help="The API version [default: v3 for a cog_ key, else v1].",
            show_default=False,
        ),
    ] = None,
    org_id: Annotated[
        str | None,
        typer.Option(
            "--org-id",
            metavar="ORG",
            help="v3: the organisation [default: $DEVIN_ORG_ID, else the key's own].",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Machine-readable JSON output (also per command).")
    ] = False,
    allow_insecure_http: Annotated[
        bool,
        typer.Option(
            "--allow-insecure-http",
            help="Allow a plain http:// --base-url that is not loopback (the key travels in "
            "clear text).",
        ),
    ] = False,
    max_retries: Annotated[
        int | None,
        typer.Option(
            "--max-retries", min=0, metavar="N", help="Retries of a failed request [default: 2]."
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Log each request and show tracebacks.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    state = State(
        api_key=api_key,
        base_url=base_url,
        json=as_json,
        debug=debug,
        max_retries=max_retries,
        allow_insecure_http=allow_insecure_http,
        api=None if api is None else ("v3" if api is Api.v3 else "v1"),
        org_id=org_id,
    )
    if isinstance(ctx, RootContext):  # always, but for a caller who mounts the app elsewhere
        state.client_factory = ctx.client_factory
    if debug:
        state.enable_debug_logging()
    set_state(state)
