"""Output: JSON for scripts (``--json``), Rich tables and plain lines for people.

Everything is rendered from the models' ``to_dict()`` (the wire form, :func:`to_data`), so the
JSON a script reads is exactly what the API documents, and the tables show the same keys. A
field the server did not send is ``UNSET`` on a model and absent from its wire form: commands
print what :func:`to_data` gives, never a model's attributes, so ``--json`` omits the field (as
the API did) and a table or record shows nothing for it. :func:`to_data` also drops an
``UNSET`` that reaches it some other way (a value in a mapping a command built).

Server text is untrusted: it may hold terminal escapes (colours, OSC 8 links, OSC 52 clipboard
writes, cursor moves), carriage returns and backspaces that overwrite what was printed, bidi
overrides that reorder it, or Rich markup. This module is the one place it is made inert:

- human output goes through :func:`clean` / :func:`clean_line` (every control, format or
  separator character becomes a visible escape such as ``\\x1b`` or ``\\u202e``) and reaches
  Rich only as :class:`rich.text.Text`, never as markup;
- JSON output (:func:`dumps`) is strict JSON (no ``NaN``/``Infinity``: they become ``null``)
  in which the same characters, and lone surrogates, are ``\\uXXXX`` escapes: lossless, and
  still inert when printed to a terminal.
"""

from __future__ import annotations

import contextlib
import enum
import json
import math
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from os import PathLike, fspath
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = [
    "cell",
    "clean",
    "clean_line",
    "dumps",
    "is_unset",
    "pick",
    "print_json",
    "print_line",
    "print_record",
    "print_table",
    "session_status",
    "to_data",
]

# Characters a terminal acts on, or that hide or reorder text: C0 and C1 controls and DEL (Cc),
# format characters such as bidi overrides, zero-width spaces and tag characters (Cf), lone
# surrogates (Cs), and the line and paragraph separators (Zl, Zp).
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Kept: line breaks and tabs in multi-line text, and the joiners of emoji and many scripts.
_KEEP = frozenset("\n\t\u200c\u200d")
# A fast first pass: anything but printable ASCII, newline and tab is looked at.
_SUSPECT = re.compile(r"[^\x20-\x7e\n\t]")
_SUSPECT_IN_LINE = re.compile(r"[^\x20-\x7e\t]")


def _unsafe(char: str) -> bool:
    return char not in _KEEP and unicodedata.category(char) in _UNSAFE_CATEGORIES


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return "\\n"
    if not _unsafe(char):
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def clean(text: str) -> str:
    """Server text made safe to print: controls, format characters (bidi overrides, ...) and
    separators become visible escapes (``\\x1b``, ``\\u202e``); newlines and tabs stay."""
    return _SUSPECT.sub(_visible, text)


def clean_line(text: str) -> str:
    """:func:`clean`, and newlines escaped too: the text stays on one line."""
    return _SUSPECT_IN_LINE.sub(_visible, text)


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    if not _unsafe(char):
        return char
    code = ord(char)
    if code > 0xFFFF:  # JSON escapes astral characters as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """``obj`` as strict JSON that is inert on a terminal (see the module docstring)."""
    text = json.dumps(to_data(obj), indent=indent, ensure_ascii=False, allow_nan=False)
    # json.dumps escapes C0 controls itself; every character left to escape is inside a
    # string (the structure is ASCII), so a \uXXXX escape keeps the JSON valid and lossless.
    return _SUSPECT.sub(_json_escape, text)


def print_line(console: Console, text: str) -> None:
    """Print ``text`` as one line of plain text: escaped (:func:`clean_line`), never markup."""
    console.print(Text(clean_line(text)), soft_wrap=True)


_NOT_UNSET = object()  # what a module without UNSET gives (None would match None itself)


def is_unset(obj: object) -> bool:
    """Is ``obj`` the ``UNSET`` of a generated package (a field the server did not send)?

    Each generated package (``devin_api``, ``devin_api_v3``, ...) has its own ``types.Unset``;
    this knows them all without importing any: ``obj`` is the ``UNSET`` of its type's module.
    """
    module = sys.modules.get(type(obj).__module__)
    return module is not None and getattr(module, "UNSET", _NOT_UNSET) is obj


def to_data(obj: Any) -> Any:
    """Turn a result (models, lists of them, enums, dates, paths) into JSON-ready data.

    Fields the server did not send are left out (``UNSET`` in a mapping is dropped; alone it
    becomes ``None``, which prints as nothing).
    """
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        return to_data(to_dict())
    if isinstance(obj, Mapping):
        return {str(k): to_data(v) for k, v in obj.items() if not is_unset(v)}
    if isinstance(obj, list | tuple):
        return [to_data(v) for v in obj]
    if is_unset(obj):
        return None
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, PathLike):
        return fspath(obj)
    if isinstance(obj, float) and not math.isfinite(obj):
        return None  # NaN and Infinity (Python's json reads them) are not JSON
    return obj


def print_json(obj: Any) -> None:
    """Print ``obj`` as indented JSON on stdout (plain text: no colour, no wrapping)."""
    typer.echo(dumps(obj))


def _short_time(value: str) -> str | None:
    # "2026-11-22T03:01:19.598781+00:00" -> "2026-11-22 04:01:19" in the local time zone, like
    # ls -l (tables only; JSON keeps the API's exact string).
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def cell(value: Any, *, key: str | None = None) -> str:
    """A table cell: empty for nothing, comma-joined lists, compact JSON for objects, short
    timestamps (ISO strings, and the Unix seconds of a ``key`` ending ``_at``, as v3 sends);
    escaped with :func:`clean`."""
    data = to_data(value)
    if key is not None and key.endswith("_at") and type(data) in (int, float):
        # (not a plausible moment: shown as the number it is)
        with contextlib.suppress(OverflowError, OSError, ValueError):
            data = datetime.fromtimestamp(data).astimezone().isoformat()
    return clean(_cell_text(data))


def pick(data: Mapping[str, Any], key: str) -> Any:
    """``data[key]``; a ``key`` such as ``"secret_id|id"`` names alternatives, the first one
    present wins (one column list for v1's and v3's names of a field)."""
    for name in key.split("|"):
        value = data.get(name)
        if value is not None:
            return value
    return None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and len(value) >= 19 and value[4:5] == "-" and value[10:11] == "T":
        return _short_time(value) or value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def session_status(session: Mapping[str, Any]) -> str:
    """The status to show: ``status_enum`` when the API sent one (v1), else ``status``, with
    v3's ``status_detail`` when there is one (``running/waiting_for_user``)."""
    status = cell(session.get("status_enum") or session.get("status"))
    detail = session.get("status_detail")
    return f"{status}/{cell(detail)}" if isinstance(detail, str) and detail else status


def print_table(
    console: Console,
    rows: Iterable[Any],
    columns: Sequence[tuple[str, str]],
    *,
    title: str | None = None,
    empty: str = "nothing found",
) -> int:
    """Print records as a table, one row each.

    Args:
        console: Where to print.
        rows: Models or mappings.
        columns: ``(header, key)`` pairs; the key ``status`` shows :func:`session_status`.
        title: A caption above the table.
        empty: What to print when there are no rows.

    Returns:
        The number of rows printed.
    """
    # Few borders: more room for the values on an 80-column terminal.
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for index, (header, _) in enumerate(columns):
        # The first column is the id people copy: never wrapped. The others fold.
        if index == 0:
            table.add_column(header, no_wrap=True)
        else:
            table.add_column(header, overflow="fold")
    count = 0
    for row in rows:
        data = to_data(row)
        table.add_row(
            *(
                Text(session_status(data) if key == "status" else cell(pick(data, key), key=key))
                for _, key in columns
            )
        )
        count += 1
    if count:
        console.print(table)
    else:
        print_line(console, empty)
    return count


def print_record(console: Console, record: Any, keys: Sequence[tuple[str, str]]) -> None:
    """Print one record as ``label  value`` lines, skipping empty values."""
    data = to_data(record)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for label, key in keys:
        value = session_status(data) if key == "status" else cell(pick(data, key), key=key)
        if value:
            grid.add_row(label, Text(value))
    console.print(grid)
