"""``devin attachments upload|download``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from devin_client import DownloadError

from . import _versions as versions
from ._errors import InputError
from ._options import JsonFlag, state_for
from ._output import clean_line, print_json, print_line

__all__ = ["app"]

app = typer.Typer(help="Upload files for Devin and download attachments.", no_args_is_help=True)


@app.command()
def upload(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", exists=True, dir_okay=False, readable=True, help="The file to upload."
        ),
    ],
    filename: Annotated[
        str | None, typer.Option(help="The name to send [default: the file's name].")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Upload a file (streamed, with a progress bar); print its attachment URL.

    Put the URL in a prompt with `devin sessions create --attach URL`.
    """
    state = state_for(as_json)
    progress = Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=state.err(),
        transient=False,  # the finished bar stays: size and rate of the upload
    )
    with state.client() as client, progress:
        task = progress.add_task(clean_line(filename or file.name), total=file.stat().st_size)

        def on_progress(sent: int, total: int | None) -> None:
            progress.update(task, completed=sent, total=total)

        uploaded = versions.upload(client, file, filename, on_progress)
    if state.json:
        print_json(uploaded)  # v1: {url, filename}; v3: the API's {attachment_id, name, url}
    else:
        print_line(state.out(), uploaded["url"])


@app.command()
def download(
    url: Annotated[
        str, typer.Argument(metavar="URL", help="The attachment URL.", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Where to write it: a file, a folder, or - for stdout [default: the URL's file "
            "name in the current folder].",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", "-f", help="Replace the file if it exists.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Download an attachment (following the API's redirect to the file): v1's or, with the
    API v3, the organisation's (`devin sessions attachments ID` lists a session's).

    The file is named after the URL (never after where it redirects); an existing file is
    kept unless --force is given.
    """
    state = state_for(as_json)
    with state.client() as client:
        if output is not None and str(output) == "-":
            client.attachments.download(url, sys.stdout.buffer)  # streamed, chunk by chunk
            sys.stdout.buffer.flush()
            return
        try:
            path = client.attachments.download(
                url, output if output is not None else Path.cwd(), overwrite=force
            )
        except DownloadError as exc:
            if exc.path is not None:  # the library's hint names its argument; say the option
                raise InputError(f"{exc.path} exists; pass --force to replace it") from None
            if isinstance(exc.__cause__, OSError):  # a local file problem: the user's input
                raise InputError(exc.message) from exc
            raise
    if state.json:
        print_json({"path": str(path), "bytes": path.stat().st_size})
    else:
        print_line(state.out(), f"saved {path} ({path.stat().st_size} bytes)")
