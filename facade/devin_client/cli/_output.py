"""Output: JSON for scripts (``--json``), Rich tables for people.

Everything is rendered from the models' ``to_dict()`` (the wire form), so the JSON a script
reads is exactly what the API documents, and the tables show the same keys.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from os import PathLike, fspath
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

__all__ = [
    "cell",
    "print_json",
    "print_record",
    "print_table",
    "session_status",
    "to_data",
]


def to_data(obj: Any) -> Any:
    """Turn a result (models, lists of them, enums, dates, paths) into JSON-ready data."""
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        return to_data(to_dict())
    if isinstance(obj, Mapping):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_data(v) for v in obj]
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, PathLike):
        return fspath(obj)
    return obj


def print_json(obj: Any) -> None:
    """Print ``obj`` as indented JSON on stdout (plain text: no colour, no wrapping)."""
    typer.echo(json.dumps(to_data(obj), indent=2, ensure_ascii=False))


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


def cell(value: Any) -> str:
    """A table cell: empty for nothing, comma-joined lists, compact JSON for objects, short
    timestamps."""
    value = to_data(value)
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
    """The status to show: ``status_enum`` when the API sent one, else ``status``."""
    return cell(session.get("status_enum") or session.get("status"))


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
                session_status(data) if key == "status" else cell(data.get(key))
                for _, key in columns
            )
        )
        count += 1
    if count:
        console.print(table)
    else:
        console.print(empty)
    return count


def print_record(console: Console, record: Any, keys: Sequence[tuple[str, str]]) -> None:
    """Print one record as ``label  value`` lines, skipping empty values."""
    data = to_data(record)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for label, key in keys:
        value = session_status(data) if key == "status" else cell(data.get(key))
        if value:
            grid.add_row(label, value)
    console.print(grid)
