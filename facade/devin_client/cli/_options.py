"""Options several commands share, and small parsers for option values."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ._errors import InputError
from ._state import State, get_state

__all__ = ["JsonFlag", "read_json_file", "read_text", "state_for"]

JsonFlag = Annotated[
    bool, typer.Option("--json", help="Print machine-readable JSON instead of a table.")
]


def state_for(as_json: bool) -> State:
    """The global state, with a command-level ``--json`` folded in."""
    state = get_state()
    state.json = state.json or as_json
    return state


def read_text(value: str | None, file: Path | None, option: str) -> str | None:
    """A text option given inline or as a file (``-`` reads stdin).

    Raises:
        InputError: Both forms were given, or the file is not UTF-8 text.
    """
    if value is not None and file is not None:
        raise InputError(f"give {option} or {option}-file, not both")
    if file is None:
        return value
    try:
        if str(file) == "-":
            return sys.stdin.read()
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{option}-file: {file} is not UTF-8 text ({exc.reason})") from None


def read_json_file(path: Path, option: str) -> Any:
    """Parse a JSON file given to an option.

    Raises:
        InputError: The file is not UTF-8 JSON, or is nested too deeply to parse.
    """
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{option}: {path} is not valid JSON ({exc})") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{option}: {path} is not UTF-8 text ({exc.reason})") from None
    except RecursionError:
        raise InputError(f"{option}: {path} is JSON nested too deeply") from None
