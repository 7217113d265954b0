"""One place that turns an exception into an error on stderr and an exit code.

Exit codes: 0 success, 1 the API (or the connection to it) failed, 2 bad usage or bad input
(Typer's own usage errors exit 2 as well), 130 interrupted.

Without ``--json`` an error is one line, ``devin: error: <message>``, its server text escaped
like all human output. With ``--json`` (anywhere on the command line) it is one line of JSON
instead, so that a script never has to parse prose::

    {"error": {"type": "NotFoundError", "message": "404 Not Found: ...", "exit_code": 1,
               "status_code": 404, "request_id": "..."}}

``type`` is the library's exception class (``NotFoundError``, ``DevinValidationError``,
``APIConnectionError``, ...) or one of ``UsageError`` (the command line itself),
``InputError`` (a file or option value the command cannot use), ``Interrupted`` and
``UnexpectedError``; ``status_code`` and ``request_id`` come with API errors, ``field`` with
``DevinValidationError``. An error of the API v3 (an RFC 9457 ``ProblemDetail``) also gives
its ``title``, ``detail`` and, for a 422, ``errors`` (``[{"loc": [...], "msg": ..., "type":
...}]``); without ``--json`` each field error is a line of its own under the error line.

Whatever the server answered, an error stays short: every text from it is scrubbed, then cut
to ``MAX_TEXT`` characters (the error line to ``MAX_LINE``), and at most ``MAX_ERRORS`` field
errors are shown, then how many more there were (``errors_omitted`` with ``--json``).
"""

from __future__ import annotations

import json
import os
import re
import sys
import traceback
from collections.abc import Sequence
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

from ._output import clean, clean_line, dumps, to_data
from ._state import RootContext, get_state

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

MAX_TEXT = 500  # characters of one server text (title, detail, a field error)
MAX_LINE = 2000  # characters of the error line
MAX_ERRORS = 20  # field errors shown


class InputError(Exception):
    """Bad input the CLI itself found (a file that does not parse, conflicting options)."""


class NotFound(Exception):
    """Something the CLI looked up through the API is not there (exit code 1, like a 404)."""


def _one_line(text: str) -> str:
    return " ".join(text.split())


# The library's fix for a near-miss attachment line names its arguments; the CLI's is an option.
_LIBRARY_FIX = re.compile(r": pass the URL in attachments=\[\.\.\.\].*$", re.DOTALL)
_CLI_FIX = (
    ": give the file or URL with --attach FILE_OR_URL instead (the command uploads a file and "
    "attaches it the way Devin reads)"
)


# Library argument names the CLI calls otherwise: v3's session id is the argument SESSION_ID,
# named session_id as v1's is.
_CLI_FIELDS = {"devin_id": "session_id"}


def _field(exc: DevinValidationError) -> str:
    return _CLI_FIELDS.get(exc.field, exc.field)


def _problem_errors(exc: APIStatusError) -> list[dict[str, Any]]:
    """A v3 ``ProblemDetail``'s per-field errors, as data (empty for v1's error bodies)."""
    errors = getattr(exc, "errors", None) or []
    found = [to_data(e) for e in errors]
    return [e for e in found if isinstance(e, dict)]


def _cut(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` cut to ``limit`` characters; only ever applied to scrubbed text."""
    return text if len(text) <= limit else text[:limit] + "..."


def _cut_all(data: Any) -> Any:
    """``data`` with every string cut (see ``_cut``)."""
    if isinstance(data, str):
        return _cut(data)
    if isinstance(data, list):
        return [_cut_all(item) for item in data]
    if isinstance(data, dict):
        return {key: _cut_all(value) for key, value in data.items()}
    return data


def _error_text(item: dict[str, Any]) -> str:
    loc = item.get("loc")
    if isinstance(loc, list):
        loc = ".".join(str(p) for p in loc if p not in ("body", "query", "path"))
    msg = item.get("msg", item.get("message", ""))
    return f"{loc}: {msg}" if loc else str(msg)


def describe(exc: BaseException) -> tuple[int, str]:
    """The exit code and the one-line message for an exception.

    Args:
        exc: What a command raised.

    Returns:
        ``(exit_code, message)``; the message is not yet redacted.
    """
    # The library's wording names its arguments; say the options instead.
    if isinstance(exc, DevinValidationError) and exc.field == "api_key":
        problem = exc.problem.replace("pass api_key=... or set", "pass --api-key or set")
        return EXIT_USAGE, problem if problem.startswith("no API key") else f"API key {problem}"
    if isinstance(exc, DevinValidationError) and exc.field == "base_url":
        problem = exc.problem.replace("allow_insecure_http=True", "--allow-insecure-http")
        return EXIT_USAGE, f"invalid input: --base-url (or DEVIN_BASE_URL): {problem}"
    if isinstance(exc, DevinValidationError) and exc.field == "until":
        return EXIT_USAGE, f"invalid input: --until: {exc.problem}"
    if isinstance(exc, DevinValidationError) and exc.field == "org_id":
        problem = exc.problem.replace("pass org_id=... or set", "pass --org-id or set")
        return EXIT_USAGE, f"invalid input: --org-id (or DEVIN_ORG_ID): {problem}"
    if isinstance(exc, DevinValidationError) and _LIBRARY_FIX.search(exc.problem):
        return EXIT_USAGE, f"invalid input: {exc.field}: {_LIBRARY_FIX.sub(_CLI_FIX, exc.problem)}"
    if isinstance(exc, DevinValidationError) and exc.field in _CLI_FIELDS:
        return EXIT_USAGE, f"invalid input: {_field(exc)}: {exc.problem}"
    if isinstance(exc, DevinValidationError | InputError):
        return EXIT_USAGE, f"invalid input: {exc}"
    if isinstance(exc, AuthenticationError):
        hint = " (check DEVIN_API_KEY or --api-key)"
        return EXIT_API, f"{exc.message}{hint}"
    if isinstance(exc, APIStatusError):
        request_id = f" (request id {exc.request_id})" if exc.request_id else ""
        title = exc.title if exc.title and exc.title not in exc.message else None
        message = f"{exc.message} [{title}]" if title else exc.message
        return EXIT_API, f"{message}{request_id}"
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


def error_type(exc: BaseException) -> str:
    """The ``type`` of the JSON error object for ``exc`` (see the module docstring)."""
    if isinstance(exc, DevinError):
        return type(exc).__name__
    if isinstance(exc, typer.TyperException):
        return "UsageError"
    if isinstance(exc, InputError | OSError):
        return "InputError"
    if isinstance(exc, NotFound):
        return "NotFoundError"
    if isinstance(exc, KeyboardInterrupt):
        return "Interrupted"
    return "UnexpectedError"


def _report(exc: BaseException, code: int, message: str, *, as_json: bool) -> None:
    """Print the error on stderr: one escaped line, or one line of JSON."""
    state = get_state()
    message = _cut(state.redact(message), MAX_LINE)
    problem = isinstance(exc, APIStatusError) and exc.title is not None  # a v3 ProblemDetail
    errors = _problem_errors(exc) if isinstance(exc, APIStatusError) and problem else []
    omitted = max(0, len(errors) - MAX_ERRORS)
    errors = errors[:MAX_ERRORS]
    if not as_json:
        typer.echo(f"devin: error: {clean_line(_one_line(message))}", err=True)
        for item in errors:  # each field error on its own line, under the error
            typer.echo(f"  - {clean_line(_cut(state.redact(_error_text(item))))}", err=True)
        if omitted:
            typer.echo(f"  - ... ({omitted} more)", err=True)
        return
    error: dict[str, Any] = {"type": error_type(exc), "message": message, "exit_code": code}
    if isinstance(exc, APIStatusError):
        error["status_code"] = exc.status_code
        if exc.request_id:
            error["request_id"] = exc.request_id
        if problem:
            error["title"] = _cut(state.redact(str(exc.title)))
            if isinstance(exc.detail, str):
                error["detail"] = _cut(state.redact(exc.detail))
            if errors:
                error["errors"] = _cut_all(json.loads(state.redact(json.dumps(errors))))
            if omitted:
                error["errors_omitted"] = omitted
    if isinstance(exc, DevinValidationError):
        error["field"] = _field(exc)
    typer.echo(dumps({"error": error}, indent=None), err=True)


def _json_requested(args: Sequence[str]) -> bool:
    # Read from the command line itself: a usage error may come before any option is parsed.
    args = list(args)
    return "--json" in (args[: args.index("--")] if "--" in args else args)


def _is_help(exc: BaseException) -> bool:
    # ``devin`` or ``devin sessions`` alone prints the help (Typer signals it with an error).
    return type(exc).__name__ == "NoArgsIsHelpError"


_JSON_META = "devin_json_requested"


class RootGroup(TyperGroup):
    """The root command group: maps every error of a subcommand to an error and an exit code.

    Its context is a :class:`RootContext`, which carries the client factory.
    """

    context_class = RootContext

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        as_json = _json_requested(args)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as exc:  # a bad root option
            if not as_json or _is_help(exc):
                raise
            _report(exc, exc.exit_code, exc.format_message(), as_json=True)
            raise typer.Exit(exc.exit_code) from None
        ctx.meta[_JSON_META] = as_json
        return ctx

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except typer.TyperException as exc:  # usage errors: Typer prints them and picks the code
            if not self._json(ctx) or _is_help(exc):
                raise
            _report(exc, exc.exit_code, exc.format_message(), as_json=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt as exc:
            if self._json(ctx):
                _report(exc, EXIT_INTERRUPTED, "interrupted", as_json=True)
            else:
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
                typer.echo(clean(state.redact(text.rstrip())), err=True)
            _report(exc, code, message, as_json=self._json(ctx))
            raise typer.Exit(code) from None
        finally:
            get_state().close()

    @staticmethod
    def _json(ctx: Any) -> bool:
        return bool(ctx.meta.get(_JSON_META) or get_state().json)
