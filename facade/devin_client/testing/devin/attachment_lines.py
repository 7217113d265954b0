"""Attachments as Devin reads them: the ``ATTACHMENT:"<url>"`` lines of prompts and messages,
and the URLs of v3's ``attachment_urls``.

Devin sees a file only through a line that is exactly ``ATTACHMENT:"<url>"`` (singular,
capitals, no space, double quotes, alone on its line) naming an upload of the session's own
organisation. The mock does the same: each such line (and each ``attachment_urls`` entry) that
names a live upload is *received* and recorded on the session (:class:`ReceivedFile`); every
other line that looks meant to attach a file, and every line or URL naming no upload of the
organisation, is recorded as an :class:`AttachmentProblem` (``GET /_mock/issues``; the
``devin_mock`` fixture fails the test on it unless the test opts out).

The rules (:data:`RULES`) are read here independently of the client library's
``near_misses``: a mock that shared the client's code could not catch the client's bugs
(``tests/mock/test_attachment_lines.py`` checks both agree on the same catalogue).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Protocol
from urllib.parse import parse_qsl, unquote, urlsplit

from .._kernel.hosts import is_loopback, other_origin_host, same_host
from .attachments import FILES_PREFIX, AttachmentRecord

if TYPE_CHECKING:
    from .._kernel.api import Call
    from .backend import DevinBackend

__all__ = [
    "KIND",
    "MAX_LINES",
    "MAX_PROBLEMS",
    "MAX_URL",
    "RULES",
    "AttachmentProblem",
    "Line",
    "Reading",
    "ReceivedFile",
    "read_call",
    "read_lines",
    "receive",
    "resolve",
    "without_attachment_lines",
]

KIND: Final = "attachment"
"""The ``kind`` of every :class:`AttachmentProblem` (what a test opts out of)."""

RULES: Final[dict[str, str]] = {
    "plural": "ATTACHMENTS (plural): Devin reads only ATTACHMENT",
    "casing": "the keyword is not in capitals (ATTACHMENT)",
    "space": "a space around the colon",
    "colon": "no colon after the keyword (nothing, a space, = or - in its place)",
    "quotes": "the URL is not in double quotes (single, typographic, backticks or none)",
    "doubled_quotes": (
        'doubled quotes (""url""): a JSON string used as text, such as `response.text` of the '
        "upload; put the URL itself in the line"
    ),
    "own_line": "not on a line of its own (other text on the same line)",
    "url": "not an absolute http(s) URL without spaces or quotes",
    "not_upload": "the URL is not an upload of this organisation",
    "unknown_upload": "no such upload (never uploaded, or removed)",
    "expired_upload": "the presigned URL has expired",
    "lookalike": (
        "a look-alike character (Cyrillic or Greek letter, fullwidth or other colon or quote, "
        "invisible or non-breaking space) where Devin reads only plain ASCII"
    ),
}
"""Every rule an attachment line or URL can break, by id: what the problem says about it."""

# The keyword in any case, singular or plural, then a colon; spaces or tabs around the colon.
_KEYWORD = re.compile(r"\b(attachments?)([ \t]*)([:=-]?)([ \t]*)", re.IGNORECASE | re.ASCII)
_EXACT = re.compile(r'ATTACHMENT:"([^"]*)"')
# Quotes that may open a URL other than the double quote, and what closes each.
_OTHER_QUOTES = {"'": "'", "`": "`", "\u201c": "\u201d\u201c", "\u2018": "\u2019\u2018"}
# In other casing, only a quote or a scheme after the colon makes the line an attachment line
# ("the attachment: see below" is prose).
_URL_AHEAD = re.compile(r"[\"'`\u201c\u2018]{0,2}[A-Za-z][A-Za-z0-9+.-]*://")
# Look-alikes of the characters of ``ATTACHMENTS:"``, as the ASCII a reader takes them for
# (after NFKC, which already turns fullwidth forms and non-breaking spaces into ASCII), and
# characters that show nothing (dropped). Devin compares characters, so such a line attaches
# nothing while it reads as an attachment line.
_AS_ASCII: Final = {
    **dict.fromkeys("\u0410\u0391", "A"),  # Cyrillic, Greek
    **dict.fromkeys("\u0422\u03a4", "T"),
    "\u0421": "C",
    **dict.fromkeys("\u041d\u0397", "H"),
    **dict.fromkeys("\u041c\u039c", "M"),
    **dict.fromkeys("\u0415\u0395", "E"),
    "\u039d": "N",
    "\u0405": "S",
    "\u0430": "a",
    "\u0441": "c",
    "\u0435": "e",
    "\u04bb": "h",
    "\u0455": "s",
    "\u0501": "d",
    **dict.fromkeys("\u2236\ua789\u02d0\u0589\u05c3\ufe13", ":"),
    **dict.fromkeys("\u02ba\u2033\u05f4\u201f\u301d\u301e", '"'),
    **dict.fromkeys(
        "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
        "\u2060\u2061\u2062\u2063\u2064\ufeff",
        "",
    ),
}
_TO_ASCII: Final = str.maketrans(_AS_ASCII)
_LOOKALIKE: Final = re.compile(f"[{re.escape(''.join(_AS_ASCII))}]")
_SHOWN: Final = 120  # characters of a line shown in a problem
_SPACE: Final = re.compile(r"\s")
MAX_URL: Final = 8192
"""The longest URL the mock reads as one (longer is a ``url`` problem; in an exact line, it
names no upload: ``not_upload``)."""
MAX_URL_SCANNED: Final = 1 << 20  # an exact line's URL is checked up to this length
_MAX_KEYWORDS: Final = 8  # keywords read per line (the rules of the first ones suffice)
MAX_LINES: Final = 1000
"""Attachment lines read per prompt or message at most (a hostile prompt may hold a million)."""
MAX_PROBLEMS: Final = 20
"""Problems recorded per request at most (a hostile prompt may hold a million near misses)."""


@dataclass(frozen=True)
class Line:
    """An attachment line as read: its 1-based number, text, URL and the rules it breaks."""

    number: int
    text: str
    url: str
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReceivedFile:
    """A file a session received: the upload an exact line (or ``attachment_urls``) named.

    Attributes:
        url: The URL as the prompt, message or ``attachment_urls`` gave it.
        name: The upload's file name.
        size: Its size in bytes.
        sha256: The hex SHA-256 of its content.
        attachment_id: The upload's id (v3's ``attachment_id``, the uuid of v1's URL).
        via: Where it came from: ``prompt``, ``message`` or ``attachment_urls``.
    """

    url: str
    name: str
    size: int
    sha256: str
    attachment_id: str
    via: str

    def to_dict(self) -> dict[str, object]:
        """The JSON form (``GET /_mock/sessions/{session_id}/attachments``)."""
        return {
            "url": self.url,
            "name": self.name,
            "size": self.size,
            "sha256": self.sha256,
            "attachment_id": self.attachment_id,
            "via": self.via,
        }


@dataclass(frozen=True)
class AttachmentProblem:
    """A line or URL meant to attach a file that Devin would not receive.

    Attributes:
        session_id: The session it was sent to.
        where: ``prompt``, ``message`` or ``attachment_urls``.
        line_number: The line's 1-based number (the entry's index + 1 in ``attachment_urls``).
        line: The line (or URL) as sent.
        rules: The ids of the rules it breaks (:data:`RULES`).
        kind: Always :data:`KIND`.
    """

    session_id: str
    where: str
    line_number: int
    line: str
    rules: tuple[str, ...]
    kind: str = KIND

    def __str__(self) -> str:
        shown = self.line if len(self.line) <= _SHOWN else self.line[:_SHOWN] + "..."
        broken = "; ".join(f"{rule}: {RULES[rule]}" for rule in self.rules)
        return (
            f"session {self.session_id}: {self.where} line {self.line_number} {shown!r} "
            f"attaches no file ({broken}); Devin reads only a line that is exactly "
            'ATTACHMENT:"<url>" naming an upload of the organisation'
        )


def _as_read(line: str) -> str:
    """``line`` as a person reads it: look-alike characters as the ASCII they look like."""
    read = unicodedata.normalize("NFKC", line)
    return read.translate(_TO_ASCII) if _LOOKALIKE.search(read) else read  # translate is slow


def _exact_url(line: str) -> str | None:
    """The URL of an exact attachment line (of any length: a long one names no upload)."""
    match = _EXACT.fullmatch(line)
    if match is None or _url_problem(match.group(1), MAX_URL_SCANNED):
        return None
    return match.group(1)


def _url_problem(url: str, longest: int = MAX_URL) -> bool:
    if not url or len(url) > longest or '"' in url or not url.isprintable() or _SPACE.search(url):
        return True
    try:
        parts = urlsplit(url)
    except ValueError:
        return True
    return parts.scheme.lower() not in ("http", "https") or not parts.netloc


def _after_quote(body: str, closers: str) -> tuple[str, str, bool]:
    """Split ``body`` (after an opening quote) into the URL and what follows its closing quote:
    the first closer followed by a space or the line's end, else the last closer; without any,
    the URL runs to the first space (``closed`` is then ``False``)."""
    found = _closing(closers).search(body)
    end = found.start() if found is not None else max(body.rfind(c) for c in closers)
    if end < 0:
        url, _, tail = body.partition(" ")
        return url, (" " + tail if tail else ""), False
    return body[:end], body[end + 1 :], True


@functools.cache
def _closing(closers: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(closers)}](?=\\s|$)")


def _rules_of(line: str) -> tuple[tuple[str, ...], str]:
    """The rules a line that is not an exact attachment line breaks, and its URL as best read
    (no rules: the line is not meant to attach anything)."""
    rules: list[str] = []
    first_url = ""
    pos = 0
    for _ in range(_MAX_KEYWORDS):  # bounded: a hostile line may hold the keyword 700,000 times
        found = _KEYWORD.search(line, pos)
        if found is None:
            break
        keyword, before, sign, after = found.groups()
        rest = line[found.end() :]
        capitals = keyword in ("ATTACHMENT", "ATTACHMENTS")
        url_ahead = _URL_AHEAD.match(rest) is not None
        if not url_ahead and (not capitals or sign != ":"):
            pos = found.end()
            continue
        broken: list[str] = []
        if line[: found.start()]:
            broken.append("own_line")
        if keyword.upper() == "ATTACHMENTS":
            broken.append("plural")
        if not capitals:
            broken.append("casing")
        if sign != ":":  # ATTACHMENT "url", ATTACHMENT=url: a URL, but no colon
            if not capitals:
                pos = found.end()  # "see attachment https://...": prose naming a URL
                continue
            broken.append("colon")
        elif before or after:
            broken.append("space")
        if rest.startswith('""') and rest != '""':
            broken.append("doubled_quotes")
            url, tail, _ = _after_quote(rest[2:], '"')
            url = url.rstrip('"')
            tail = tail.removeprefix('"')
        elif rest.startswith('"'):
            url, tail, closed = _after_quote(rest[1:], '"')
            if not closed:
                broken.append("quotes")
        elif rest[:1] in _OTHER_QUOTES:
            broken.append("quotes")
            url, tail, _ = _after_quote(rest[1:], _OTHER_QUOTES[rest[0]])
        else:
            broken.append("quotes")
            url, _, tail = rest.partition(" ")
            tail = " " + tail if tail else ""
        if tail and "own_line" not in broken:
            broken.append("own_line")
        if _url_problem(url):
            broken.append("url")
        rules.extend(r for r in broken if r not in rules)
        first_url = first_url or url
        pos = len(line) - len(tail)
    return tuple(rules), first_url


def read_lines(text: str) -> tuple[list[Line], list[Line]]:
    """Read a prompt or message as Devin does.

    Returns:
        ``(exact, near)``: the exact ``ATTACHMENT:"<url>"`` lines with a well-formed URL (not
        yet resolved to an upload), and the lines that look meant to attach a file but break
        a rule (``rules`` set), each in order; the first :data:`MAX_LINES` of them.
    """
    exact: list[Line] = []
    near: list[Line] = []
    if "attachment" not in text.lower() and (
        text.isascii() or "attachment" not in _as_read(text).lower()
    ):
        return exact, near
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        read = line if line.isascii() else _as_read(line)
        if "attachment" not in line.lower() and "attachment" not in read.lower():
            continue
        if len(exact) + len(near) >= MAX_LINES:
            break
        exact_url = _exact_url(line)
        if exact_url is not None:
            exact.append(Line(number, line, exact_url))
            continue
        rules, url = _rules_of(line)
        if not rules and read != line:  # look-alikes: what it reads as, and that they are
            more, url = _rules_of(read)
            if more or _exact_url(read) is not None:
                rules = ("lookalike", *more)
        if rules:
            near.append(Line(number, line, url, rules))
    return exact, near


def without_attachment_lines(text: str, keep: int = 80) -> str:
    """The first ``keep`` characters of ``text`` (stripped) without its attachment lines, exact
    or near misses: what a session's title is made of."""
    kept: list[str] = []
    size = looked = 0
    for raw in text.lstrip().split("\n"):
        line = raw.removesuffix("\r")
        if "attachment" in line.lower() or not line.isascii():  # look-alikes too
            looked += 1
            if looked > MAX_LINES:
                break
            exact, near = read_lines(line)
            if exact or near:
                continue
        if not kept and not line.strip():
            continue  # blank lines before the text
        kept.append(line)
        size += len(line) + 1
        if size > keep:
            break
    return "\n".join(kept).strip()[:keep]


def _this_mock(host: str, request_host: str, files_base: str | None) -> bool:
    """Whether ``host`` names this mock: the host the request came to, its other-origin
    spelling (presigned URLs), ``files.<host>`` or the configured files origin."""
    candidates = [request_host, f"files.{request_host}"]
    other = other_origin_host(request_host)
    if other is not None:
        candidates.append(other.strip("[]"))
    if files_base:
        candidates.append(urlsplit(files_base).hostname or "")
    if is_loopback(request_host) and is_loopback(host):
        return True
    return any(c and same_host(host, c) for c in candidates)


def resolve(
    backend: DevinBackend, org_id: str, url: str, request_host: str
) -> tuple[AttachmentRecord | None, str | None]:
    """The upload a URL names, for a session of ``org_id``.

    The URL is one this mock gave for an upload of the organisation: v1's
    ``/v1/attachments/{uuid}/{name}``, v3's ``/v3/organizations/{org_id}/attachments/{uuid}/
    {name}``, or a presigned ``/_files/...`` URL that has not expired.

    Returns:
        ``(record, None)``, or ``(None, rule)`` with the rule broken (``not_upload``,
        ``unknown_upload``, ``expired_upload``).
    """
    if len(url) > MAX_URL:
        return None, "not_upload"
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return None, "not_upload"
    if not _this_mock(host, request_host, backend.presigner.base_url):
        return None, "not_upload"
    segments = [unquote(s) for s in parts.path.split("/")[1:]]
    owner = org_id
    if len(segments) == 4 and segments[:2] == ["v1", "attachments"]:
        file_uuid, name = segments[2], segments[3]
    elif (
        len(segments) == 6
        and segments[:2] == ["v3", "organizations"]
        and (segments[3] == "attachments")
    ):
        owner, file_uuid, name = segments[2], segments[4], segments[5]
    elif parts.path.startswith(FILES_PREFIX + "/") and len(segments) == 4:
        owner, file_uuid, name = segments[1], segments[2], segments[3]
        query = dict(parse_qsl(parts.query))
        expires = query.get("expires", "")
        path = parts.path.removeprefix(FILES_PREFIX + "/")
        refused = backend.presigner.check(
            path, int(expires) if expires.isdigit() else -1, query.get("signature", "")
        )
        if refused == "Request has expired":
            return None, "expired_upload"
        if refused is not None:
            return None, "not_upload"
    else:
        return None, "not_upload"
    if owner != org_id:
        return None, "not_upload"
    record = backend.org(org_id).attachments.get((file_uuid, name))
    if record is not None:
        return record, None
    if backend.upload_owner(file_uuid, name) is not None:  # another organisation's
        return None, "not_upload"
    return None, "unknown_upload"


@dataclass(frozen=True)
class Reading:
    """What one request attached: the files received and the problems found.

    Attributes:
        files: The files received, in order.
        problems: ``(where, line_number, line, rules)`` per problem, in order.
    """

    files: tuple[ReceivedFile, ...] = ()
    problems: tuple[tuple[str, int, str, tuple[str, ...]], ...] = ()

    def report(self, recorder: _Recorder, session_id: str) -> None:
        """Record each problem, naming the session (``GET /_mock/issues``)."""
        for where, number, line, rules in self.problems:
            recorder.issue(AttachmentProblem(session_id, where, number, line, rules))


class _Recorder(Protocol):
    def issue(self, issue: object) -> None: ...


def receive(
    backend: DevinBackend,
    org_id: str,
    request_host: str,
    *,
    text: str | None = None,
    urls: Sequence[str] | None = None,
    where: str,
) -> Reading:
    """Read the attachments of a prompt or message and of its ``attachment_urls``.

    Args:
        backend: The Devin backend.
        org_id: The session's organisation.
        request_host: The host the request came to (what "this mock" is).
        text: The prompt or message.
        urls: v3's ``attachment_urls``.
        where: ``prompt`` or ``message``.
    """
    files: list[ReceivedFile] = []
    problems: list[tuple[str, int, str, tuple[str, ...]]] = []

    def take(url: str, record: AttachmentRecord, via: str) -> None:
        if any(f.attachment_id == record.uuid for f in files):
            return  # the same upload named again (twice, or by another host name): one file
        files.append(ReceivedFile(url, record.name, record.size, record.sha256, record.uuid, via))

    exact, near = read_lines(text or "")
    found = [(line.number, line.text, line.rules) for line in near]
    for line in exact:
        record, rule = resolve(backend, org_id, line.url, request_host)
        if record is None:
            found.append((line.number, line.text, (rule or "not_upload",)))
        else:
            take(line.url, record, where)
    problems.extend((where, *problem) for problem in sorted(found))
    for index, url in enumerate(urls or (), start=1):
        if not isinstance(url, str) or _url_problem(url):
            problems.append(("attachment_urls", index, str(url), ("url",)))
            continue
        record, rule = resolve(backend, org_id, url, request_host)
        if record is None:
            problems.append(("attachment_urls", index, url, (rule or "not_upload",)))
        else:
            take(url, record, "attachment_urls")
    return Reading(tuple(files), tuple(problems[:MAX_PROBLEMS]))


def read_call(
    call: Call[DevinBackend],
    org_id: str,
    *,
    text: str | None,
    urls: Sequence[str] | None = None,
    where: str,
) -> Reading:
    """:func:`receive` for a request: "this mock" is the host it came to."""
    host = call.request.base_url.hostname or ""
    return receive(call.state, org_id, host, text=text, urls=urls, where=where)
