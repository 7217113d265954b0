"""One place that turns an exception into one line on stderr and an exit code.

Exit codes: 0 success, 1 the API (or the connection to it) failed, 2 bad usage or bad input
(Typer's own usage errors exit 2 as well), 130 interrupted.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Any

import typer
from typer.core import TyperGroup

from devin_client import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    DevinError,
    DevinValidationError,
    WaitTimeoutError,
)

from ._state import get_state

__all__ = [
    "EXIT_API",
    "EXIT_INTERRUPTED",
    "EXIT_USAGE",
    "InputError",
    "NotFound",
    "RootGroup",
    "describe",
]

EXIT_API = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class InputError(Exception):
    """Bad input the CLI itself found (a file that does not parse, conflicting options)."""


class NotFound(Exception):
    """Something the CLI looked up through the API is not there (exit code 1, like a 404)."""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def describe(exc: BaseException) -> tuple[int, str]:
    """The exit code and the one-line message for an exception.

    Args:
        exc: What a command raised.

    Returns:
        ``(exit_code, message)``; the message is not yet redacted.
    """
    if isinstance(exc, DevinValidationError) and exc.field == "api_key":
        # The library's wording names its argument; say the option instead.
        problem = exc.problem.replace("pass api_key=... or set", "pass --api-key or set")
        return EXIT_USAGE, problem if problem.startswith("no API key") else f"API key {problem}"
    if isinstance(exc, DevinValidationError | InputError):
        return EXIT_USAGE, f"invalid input: {exc}"
    if isinstance(exc, AuthenticationError):
        hint = " (check DEVIN_API_KEY or --api-key)"
        return EXIT_API, f"{exc.message}{hint}"
    if isinstance(exc, APIStatusError):
        request_id = f" (request id {exc.request_id})" if exc.request_id else ""
        return EXIT_API, f"{exc.message}{request_id}"
    if isinstance(exc, APITimeoutError):
        return EXIT_API, f"timed out: {exc.message}"
    if isinstance(exc, APIConnectionError):
        return EXIT_API, f"cannot reach the API: {exc.message}"
    if isinstance(exc, WaitTimeoutError):
        return EXIT_API, exc.message
    if isinstance(exc, DevinError):
        return EXIT_API, exc.message
    if isinstance(exc, NotFound):
        return EXIT_API, str(exc)
    if isinstance(exc, OSError):
        # A local file that cannot be read or written: the user's input.
        where = f": {exc.filename}" if exc.filename else ""
        return EXIT_USAGE, f"{exc.strerror or exc}{where}"
    return EXIT_API, f"unexpected {type(exc).__name__}: {exc} (--debug shows the traceback)"


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (in-process test runners)
        pass


class RootGroup(TyperGroup):
    """The root command group: maps every error of a subcommand to a line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # Typer prints these and picks the exit code (2 for usage errors)
        except KeyboardInterrupt:
            typer.echo("devin: interrupted", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (``devin ... | head``): not an error. Point stdout at
            # /dev/null so that the interpreter's final flush does not complain either.
            _silence_stdout()
            raise typer.Exit(0) from None
        except Exception as exc:
            state = get_state()
            code, message = describe(exc)
            if state.debug:
                text = "".join(traceback.format_exception(exc))
                typer.echo(state.redact(text.rstrip()), err=True)
            typer.echo(f"devin: error: {state.redact(_one_line(message))}", err=True)
            raise typer.Exit(code) from None
        finally:
            get_state().close()
