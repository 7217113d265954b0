"""Attachment helpers: the ``ATTACHMENT:"url"`` prompt lines, and upload inputs.

Devin sees a file only when the prompt (or message) has a line that is exactly
``ATTACHMENT:"<url>"``: singular, capitals, no space, double quotes, one line per file. Any
other form is silently ignored, so ``near_misses`` finds the lines that look meant to attach a
file but are not that form, and ``check_attachment_lines`` refuses a text holding one (the
rules are listed at ``RULES``).
"""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast
from urllib.parse import urlsplit

from ._constants import UPLOAD_SPOOL_MEMORY
from ._exceptions import DevinError, DevinValidationError

__all__ = [
    "FIX_LINES",
    "FIX_URLS",
    "RULES",
    "NearMiss",
    "UploadSource",
    "check_attachment_lines",
    "check_url",
    "format_attachments",
    "near_misses",
    "open_upload",
    "split_attachments",
]

AttachmentItem = str | os.PathLike[str]


def check_url(url: Any, field: str) -> str:
    """Check that a URL can go in an ``ATTACHMENT:"..."`` line.

    Args:
        url: The candidate.
        field: Named in the error.

    Returns:
        The URL, unchanged.

    Raises:
        DevinValidationError: Not a string, not absolute http(s), or holding a double quote,
            whitespace (CR and LF included) or another non-printable character.
    """
    if not isinstance(url, str):
        raise DevinValidationError(field, "must be a URL string")
    if '"' in url:
        raise DevinValidationError(field, "must not contain a double quote")
    if not url.isprintable() or " " in url:
        raise DevinValidationError(field, "must not contain whitespace or control characters")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise DevinValidationError(field, "is not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise DevinValidationError(field, "must be an absolute http:// or https:// URL")
    return url


def _lines(text: str) -> list[str]:
    # Lines as Devin reads them: split on LF, tolerating CRLF.
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


# -- near misses ------------------------------------------------------------------------------

RULES: dict[str, str] = {
    "plural": "ATTACHMENTS (plural): Devin reads only ATTACHMENT",
    "casing": "the keyword is not in capitals (ATTACHMENT)",
    "space": "a space around the colon",
    "colon": "no colon after ATTACHMENT (nothing, a space, = or - in its place)",
    "quotes": "the URL is not in double quotes",
    "doubled_quotes": (
        'doubled quotes (""url""): a JSON string used as text, such as `response.text` of an '
        "upload; use the URL itself (client.attachments.upload returns it)"
    ),
    "own_line": "not on a line of its own (other text on the same line)",
    "url": "the URL",  # completed with what is wrong with it
    "lookalike": (
        "a look-alike character (a Cyrillic or Greek letter, a fullwidth or other colon or "
        "quote, an invisible or non-breaking space) where the exact form has plain ASCII"
    ),
}
"""Every way a line can miss the exact form, by rule id: what the error says about it."""

# The keyword in any case, singular or plural, then a colon; spaces around the colon.
_KEYWORD = re.compile(r"\b(attachments?)([ \t]*)([:=-]?)([ \t]*)", re.IGNORECASE | re.ASCII)
# Quotes a line may open its URL with, and what closes each.
_CLOSERS = {'"': '"', "'": "'", "`": "`", "\u201c": "\u201d\u201c", "\u2018": "\u2019\u2018"}
# After the keyword in other casing, only a quote or a URL scheme makes a line look meant to
# attach a file ("the attachment: it is the log" is prose).
_URL_AHEAD = re.compile(r"[\"'`\u201c\u2018]{0,2}[A-Za-z][A-Za-z0-9+.-]*://")
_CLOSING = {
    closers: re.compile(f"[{re.escape(closers)}](?=\\s|$)") for closers in {*_CLOSERS.values(), '"'}
}
_EXACT = re.compile(r'ATTACHMENT:"([^"\s]+)"\Z')
# What a line reads as once look-alikes are plain ASCII: NFKC first (fullwidth letters, colon
# and quote; non-breaking spaces), then the letters of ATTACHMENTS in Cyrillic and Greek, other
# colons and double quotes, and characters that show nothing (removed).
_INVISIBLE = (
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)
_LOOKALIKES = str.maketrans(
    "\u0410\u0421\u0415\u041d\u041c\u0422\u0405\u0391\u0395\u0397\u039c\u039d\u03a4"
    "\u0430\u0441\u0435\u04bb\u0455\u0501"
    "\u2236\ua789\u02d0\u0589\u05c3\ufe13"
    "\u02ba\u2033\u05f4\u201f\u301d\u301e",
    'ACEHMTSAEHMNTacehsd::::::""""""',
    _INVISIBLE,
)
_MAX_SHOWN = 120  # characters of a line quoted in an error
_MAX_KEYWORDS = 8  # keywords read per line: the rules of the first ones make the error


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A line that looks meant to attach a file but that Devin ignores.

    Attributes:
        line_number: 1-based, counting LF-separated lines.
        line: The line as written (without its line break).
        rules: The ids (``RULES``) of the rules it breaks, in the order found.
        url_problem: What is wrong with its URL, for the ``url`` rule; else ``""``.
    """

    line_number: int
    line: str
    rules: tuple[str, ...]
    url_problem: str = ""

    def reasons(self) -> str:
        """The rules broken, in words."""
        return "; ".join(
            f"{RULES[r]} {self.url_problem}" if r == "url" else RULES[r] for r in self.rules
        )


_ANY_LOOKALIKE = re.compile("[" + re.escape("".join(map(chr, _LOOKALIKES))) + "]")


def _fold(line: str) -> str:
    """The line with its look-alike characters as the ASCII they look like."""
    line = unicodedata.normalize("NFKC", line)
    # translate() costs ~150 ns a character of non-ASCII text: only where there is one to map
    return line.translate(_LOOKALIKES) if _ANY_LOOKALIKE.search(line) else line


def _exact(line: str) -> bool:
    found = _EXACT.match(line)
    return found is not None and _url_ok(found.group(1))


def _url_ok(url: str) -> bool:
    try:
        check_url(url, "url")
    except DevinValidationError:
        return False
    return True


def _closing(body: str, closers: str) -> int:
    """Where the URL's closing quote is: the first one followed by a space or the end of the
    line, else the last one (a quote inside the URL); -1 when there is none."""
    if not closers:
        return -1
    found = _CLOSING[closers].search(body)
    if found is not None:
        return found.start()
    return max(body.rfind(c) for c in closers)


def _scan(line: str) -> tuple[list[str], str]:
    """The rules a line breaks (none: the exact form, or no attachment line at all)."""
    if _exact(line):  # the common case, at once
        return [], ""
    rules: list[str] = []
    url_problem = ""
    pos = 0
    for _ in range(_MAX_KEYWORDS):  # a hostile line may hold the keyword 100,000 times
        found = _KEYWORD.search(line, pos)
        if found is None:
            break
        keyword, before, sign, after = found.groups()
        rest = line[found.end() :]
        exact_keyword = keyword in ("ATTACHMENT", "ATTACHMENTS")
        url_ahead = _URL_AHEAD.match(rest) is not None
        if not url_ahead and (not exact_keyword or sign != ":"):
            pos = found.end()  # prose ("the attachment: ..."), not an attachment line
            continue
        broken = []
        if found.start() > 0:
            broken.append("own_line")
        if keyword.upper() == "ATTACHMENTS":
            broken.append("plural")
        if not exact_keyword:
            broken.append("casing")
        if sign != ":":  # ATTACHMENT "url", ATTACHMENT=url: a URL, but no colon
            if not exact_keyword:
                pos = found.end()  # "see attachment https://...": prose naming a URL
                continue
            broken.append("colon")
        elif before or after:
            broken.append("space")
        opening = rest[:1]
        doubled = rest.startswith('""') and rest != '""'
        if doubled:
            broken.append("doubled_quotes")
            body = rest[2:]
        elif opening in _CLOSERS:
            if opening != '"':
                broken.append("quotes")
            body = rest[1:]
        else:
            broken.append("quotes")
            body = rest
        end = _closing(body, _CLOSERS.get(opening, "") if not doubled else '"')
        if end < 0:  # no quotes, or no closing one: the URL runs to the first space
            if opening in _CLOSERS and "quotes" not in broken:
                broken.append("quotes")
            url = body.split(None, 1)[0] if body.strip() else ""
            tail = body[body.find(url) + len(url) :] if url else body
        else:
            url, tail = body[:end], body[end + 1 :]
            if doubled and url.endswith('"'):
                url = url[:-1]
        if tail and "own_line" not in broken:
            broken.append("own_line")
        try:
            check_url(url, "url")
        except DevinValidationError as exc:
            broken.append("url")
            url_problem = url_problem or exc.problem
        rules.extend(r for r in broken if r not in rules)
        pos = len(line) - len(tail)  # the next keyword, if any, after this one's URL
    return rules, url_problem


def near_misses(text: str) -> list[NearMiss]:
    """The lines of a prompt or message that look meant to attach a file but that Devin
    ignores: every form other than exactly ``ATTACHMENT:"<url>"`` on a line of its own, with
    a URL ``check_url`` accepts.

    A line is looked at when it holds ``ATTACHMENT:`` or ``ATTACHMENTS:`` in capitals (spaces
    around the colon allowed), or the word in any other casing followed by a colon and a URL
    (quoted or not); prose such as "the attachment: see below" is not. The rules it can break
    are ``RULES``: plural, casing, a space around the colon, quotes other than double (single,
    typographic, backticks or none), doubled quotes, other text on the line, a URL that
    ``check_url`` refuses (a space or a quote inside, not absolute http(s), empty), and
    look-alike characters: a line that reads as one of these once its Cyrillic or Greek
    letters, fullwidth or other colons and quotes, invisible and non-breaking spaces are the
    ASCII they look like (Devin compares characters, not shapes).

    Args:
        text: The prompt or message.

    Returns:
        One ``NearMiss`` per offending line, in order (empty when there is none).
    """
    if "attachment" not in text.lower() and (
        text.isascii() or "attachment" not in _fold(text).lower()
    ):  # the common case, at once
        return []
    found = []
    for number, line in enumerate(_lines(text), start=1):
        if "attachment" not in line.lower() and (
            line.isascii() or "attachment" not in _fold(line).lower()
        ):
            continue
        rules, url_problem = _scan(line)
        if not rules and not line.isascii() and not _exact(line):
            folded = _fold(line)  # spelled with look-alikes: as a person reads it
            more, url_problem = _scan(folded)
            if more or _exact(folded):
                rules = ["lookalike", *more]
        if rules:
            found.append(NearMiss(number, line, tuple(rules), url_problem))
    return found


FIX_LINES = (
    'exactly ATTACHMENT:"<url>": pass the URL in attachments=[...], or write the line '
    "with format_attachments(text, [url])"
)
"""The fix a near-miss error gives for an API that reads files only from the text (v1)."""

FIX_URLS = (
    'exactly ATTACHMENT:"<url>", or a URL in attachment_urls: pass the URL in '
    "attachments=[...] (sent as attachment_urls), or write the line with "
    "format_attachments(text, [url])"
)
"""The fix for an API that also takes a request's ``attachment_urls`` (v3)."""


def check_attachment_lines(field: str, text: Any, *, fix: str = FIX_LINES) -> None:
    """Refuse a prompt or message holding a near-miss attachment line (see ``near_misses``).

    Args:
        field: ``"prompt"`` or ``"message"``, named in the error.
        text: The text as it will be sent; anything but a string is left to other checks.
        fix: How the API sees a file, and how to write it (``FIX_LINES``, ``FIX_URLS``):
            the error says "Devin sees a file only through a line that is " and this.

    Raises:
        DevinValidationError: Naming the first offending line, the rules it breaks and the fix.
    """
    if not isinstance(text, str):
        return
    misses = near_misses(text)
    if not misses:
        return
    first = misses[0]
    shown = first.line if len(first.line) <= _MAX_SHOWN else first.line[:_MAX_SHOWN] + "..."
    more = f" (and {len(misses) - 1} more such lines)" if len(misses) > 1 else ""
    raise DevinValidationError(
        field,
        f"line {first.line_number} looks meant to attach a file, but Devin ignores it: "
        f"{shown!r} ({first.reasons()}){more}. Devin sees a file only through a line that is "
        f"{fix} (validate=False sends the text as it is)",
    )


def format_attachments(prompt: str, urls: Iterable[str]) -> str:
    """Append one ``ATTACHMENT:"{url}"`` line per URL to a prompt or message.

    Each line is exactly ``ATTACHMENT:"<url>"`` on its own line. A URL the prompt already
    attaches (it has that exact line), or one listed twice, gets no second line.

    Args:
        prompt: The prompt or message text; returned unchanged when nothing is added.
        urls: Absolute http(s) URLs, e.g. from ``client.attachments.upload``.

    Returns:
        The prompt followed by the new lines.

    Raises:
        DevinValidationError: ``prompt`` is not a string, ``urls`` is a single string, or a URL
            would break the line (double quote, CR/LF or other whitespace or control
            character, not absolute http or https).
    """
    if not isinstance(prompt, str):
        raise DevinValidationError("prompt", "must be a string")
    if isinstance(urls, str | bytes):
        raise DevinValidationError("urls", "must be a list of URLs, not a single string")
    checked = [check_url(url, f"urls[{i}]") for i, url in enumerate(urls)]
    if not checked:
        return prompt
    present = set(_lines(prompt))
    new: list[str] = []
    for url in checked:
        line = f'ATTACHMENT:"{url}"'
        if line not in present:
            present.add(line)
            new.append(line)
    if not new:
        return prompt
    separator = "" if not prompt or prompt.endswith("\n") else "\n"
    return prompt + separator + "\n".join(new)


def split_attachments(
    items: Sequence[AttachmentItem], field: str = "attachments"
) -> list[str | Path]:
    """Sort ``attachments=`` items into URLs (kept as ``str``) and local files (``Path``).

    A string with ``://`` is a URL; anything else is a local path, which must exist.

    Raises:
        DevinValidationError: A single string instead of a list, a bad URL, a missing file.
    """
    if isinstance(items, str | bytes | os.PathLike):
        raise DevinValidationError(field, "must be a list of URLs or paths, not a single one")
    out: list[str | Path] = []
    for i, item in enumerate(items):
        name = f"{field}[{i}]"
        if isinstance(item, str) and "://" in item:
            out.append(check_url(item, name))
        elif isinstance(item, str | os.PathLike):
            path = Path(item)
            if not path.is_file():
                raise DevinValidationError(name, f"no such file: {os.fspath(path)!r}")
            out.append(path)
        else:
            raise DevinValidationError(name, "must be a URL string or a local file path")
    return out


class UploadSource:
    """What httpx reads an upload from: a file of known size, readable again from its start.

    The size is taken once, before anything is sent, and the multipart ``Content-Length`` is
    computed from it. A file that grows meanwhile (a log still being written) is sent as it was
    then: reads stop at that size. One that shrinks cannot match the length already announced:
    that raises a ``DevinError`` naming the file. ``fileno()`` is hidden so that httpx takes
    the size from ``seek``/``tell``, that is from here.

    ``on_progress`` is called with ``(bytes_sent, total)`` as httpx reads (bytes read are
    bytes sent: httpx reads in 64 KiB chunks as it sends them); a retry starts again from 0.
    """

    def __init__(
        self,
        raw: IO[bytes],
        size: int,
        name: str,
        callback: Callable[[int, int | None], None] | None,
    ) -> None:
        self._raw = raw
        self._size = size
        self._name = name
        self._callback = callback
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        left = self._size - self._pos
        if left <= 0:
            return b""
        want = left if size is None or size < 0 else min(size, left)
        try:
            chunk = self._raw.read(want)
        except OSError as exc:
            raise DevinError(
                f"upload of {self._name!r}: the file could not be read ({exc.strerror or exc})"
            ) from exc
        if not chunk:
            raise DevinError(
                f"upload of {self._name!r}: the file shrank while it was being sent "
                f"({self._pos} of {self._size} bytes)"
            )
        chunk = bytes(chunk[:want])
        self._pos += len(chunk)
        if self._callback is not None:
            self._callback(self._pos, self._size)
        return chunk

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_END and offset == 0:  # httpx measuring the length
            return self._size
        if whence != io.SEEK_SET or not 0 <= offset <= self._size:
            raise io.UnsupportedOperation("seek")
        self._raw.seek(offset)
        self._pos = offset
        return offset

    def tell(self) -> int:
        return self._pos

    def fileno(self) -> int:
        raise io.UnsupportedOperation("fileno")


def _regular_size(fileobj: Any) -> int | None:
    """The size of a regular file on disk; ``None`` for anything else (pipe, socket, tty...)."""
    try:
        info = os.fstat(fileobj.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _seekable_size(fileobj: Any) -> int | None:
    """The size of an in-memory or otherwise seekable stream, read from its start."""
    seekable = getattr(fileobj, "seekable", None)
    try:
        if seekable is not None and not seekable():
            return None
        fileobj.seek(0)
        end: int = fileobj.seek(0, io.SEEK_END)
        fileobj.seek(0)
    except (AttributeError, OSError, ValueError):
        return None
    return end


def _spool(fileobj: Any, name: str) -> IO[bytes]:
    """Copy a stream with no size (a pipe, stdin) to a temporary file: memory up to
    ``UPLOAD_SPOOL_MEMORY``, disk beyond."""
    spool = tempfile.SpooledTemporaryFile(max_size=UPLOAD_SPOOL_MEMORY)  # noqa: SIM115
    try:
        while True:
            chunk = fileobj.read(1 << 20)
            if not chunk:
                break
            spool.write(chunk)
    except OSError as exc:
        spool.close()
        raise DevinError(
            f"upload of {name!r}: the stream could not be read ({exc.strerror or exc})"
        ) from exc
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return cast(IO[bytes], spool)


def open_upload(
    file: Any,
    filename: str | None,
    on_progress: Callable[[int, int | None], None] | None,
) -> tuple[tuple[str, Any, str], IO[bytes] | None]:
    """Turn ``upload()``'s input into an httpx ``files=`` tuple without reading the file.

    Args:
        file: A path (``str`` or path-like), ``bytes``, or a binary file object.
        filename: The name to send; defaults to the file's base name (a multipart part
            without a filename is not a file to the server).
        on_progress: Called with ``(bytes_sent, total_or_None)`` as the file is sent.

    A stream with no size (a pipe, stdin) is first copied to a temporary file; a file that
    changes size while it is sent is handled by ``UploadSource``.

    Returns:
        ``((filename, source, content_type), opened)``: ``opened`` is a file this function
        opened (or the temporary copy), for the caller to close.

    Raises:
        DevinValidationError: A missing file, a text-mode file, an unusable filename.
    """
    opened: IO[bytes] | None = None
    if isinstance(file, bytes | bytearray | memoryview):
        fileobj: Any = io.BytesIO(bytes(file))
        default_name = "attachment"
    elif isinstance(file, str | os.PathLike):
        path = Path(file)
        if not path.is_file():
            raise DevinValidationError("file", f"no such file: {os.fspath(path)!r}")
        default_name = path.name
        fileobj = opened = path.open("rb")
    elif hasattr(file, "read"):
        if isinstance(file, io.TextIOBase) or "b" not in getattr(file, "mode", "b"):
            raise DevinValidationError("file", "must be opened in binary mode ('rb')")
        raw_name = getattr(file, "name", None)
        if isinstance(raw_name, os.PathLike):
            raw_name = os.fspath(raw_name)
        default_name = Path(raw_name).name if isinstance(raw_name, str) and raw_name else ""
        default_name = default_name or "attachment"
        fileobj = file
    else:
        raise DevinValidationError("file", "must be a path, bytes or a binary file object")
    name = default_name if filename is None else filename
    if not isinstance(name, str) or not name.strip() or not name.isprintable():
        if opened is not None:
            opened.close()
        raise DevinValidationError("filename", "must be a non-empty printable string")
    size = _regular_size(fileobj)
    if size is None:
        size = _seekable_size(fileobj)
    if size is None:  # a pipe, a socket, stdin: read it all first, to a temporary file
        fileobj = _spool(fileobj, name)
        if opened is not None:
            opened.close()
        opened = fileobj
        size = _seekable_size(fileobj) or 0
    source = UploadSource(fileobj, size, name, on_progress)
    import mimetypes

    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return (name, source, content_type), opened
