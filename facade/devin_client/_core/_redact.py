"""Keeping secrets out of text: the one scrubber behind every error message, and hidden strings.

A server (or a proxy, or Python itself) seldom echoes a secret exactly as it was sent: the body
went out JSON-escaped, a Python server formats it with ``repr``, an HTML error page escapes it,
a long message is cut short, a PEM key comes back line by line. :class:`Redactor` replaces, in
any text, each secret in every one of these forms:

- raw, JSON-escaped (with and without ``ensure_ascii``), Python ``repr`` of ``str`` and of its
  UTF-8 ``bytes`` (either quote), HTML-escaped, URL-encoded, with whitespace collapsed, and each
  of these inside another (JSON of JSON, HTML of JSON, ``repr`` of a JSON body, ...);
- base64 of the secret (raw, JSON-escaped or ``repr``) at any offset of a longer base64 text;
- each line of a multi-line secret (a PEM key, a pretty-printed service-account JSON) that is
  :data:`MIN_LINE` characters or longer;
- any run of :data:`FRAGMENT` or more consecutive characters of a secret's raw, JSON or ``repr``
  form (a server that cuts the echo short, a secret split across two strings).

Scrubbing costs nothing on the request path: it runs only when an error is being built.

``HiddenStr`` is a ``str`` whose ``repr`` is ``'***'``: the key (and the ``Authorization``
header built from it) and secret values (from the entry of the resource layer on) are held as
``HiddenStr`` so that a traceback printed with its local variables (``pytest --showlocals``),
a debugger or ``vars(client)`` never shows them.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote, quote_plus

import httpx

__all__ = [
    "FRAGMENT",
    "MASK",
    "MIN_LINE",
    "HiddenStr",
    "Redactor",
    "redact",
    "redact_url",
    "url_secrets",
]

MASK = "***"
FRAGMENT = 12  # a run of this many characters of a secret is redacted
MIN_LINE = 8  # lines of a multi-line secret at least this long are redacted on their own
_STRIDE = 4  # the first pass looks at every 4th position: any run >= FRAGMENT + 3 is seen
_MIN_BASE64 = 12


class HiddenStr(str):
    """A ``str`` that never shows itself in ``repr`` (tracebacks with locals, debuggers)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(MASK)


def _plain(text: str) -> str:
    return text if type(text) is str else str.__str__(text)


# -- the forms a secret takes when echoed -------------------------------------------------------

_DQ_SWAP = re.compile(r"\\.|\"", re.DOTALL)


def _to_double_quotes(single: str) -> str:
    # A repr body written for '...' rewritten for "...": \' becomes ', " becomes \".
    def swap(match: re.Match[str]) -> str:
        token = match.group()
        return "'" if token == "\\'" else '\\"' if token == '"' else token

    return _DQ_SWAP.sub(swap, single)


def _py_single(s: str) -> str:
    # repr() of a str containing both quotes always uses '...' and escapes '.
    return repr(s + "\"'")[1:-4]


def _bytes_single(s: str) -> str:
    return repr(s.encode("utf-8", "surrogatepass") + b"\"'")[2:-4]


_ESCAPERS: tuple[Callable[[str], str], ...] = (
    lambda s: json.dumps(s)[1:-1],
    lambda s: json.dumps(s, ensure_ascii=False)[1:-1],
    _py_single,
    lambda s: _to_double_quotes(_py_single(s)),
    _bytes_single,
    lambda s: _to_double_quotes(_bytes_single(s)),
    html.escape,
    lambda s: html.escape(s).replace("&#x27;", "&#39;"),
    lambda s: html.escape(s, quote=False),
    lambda s: quote(s, safe=""),
    lambda s: quote(s),
    lambda s: quote_plus(s, safe=""),
    lambda s: " ".join(s.split()),
)
# The forms whose every run of characters counts (the ones a secret is most often quoted in),
# and the ones that get quoted again (JSON of a JSON body, HTML of a repr, ...).
_FRAGMENT_ESCAPERS = _ESCAPERS[:4]
_ANCHORS_MAX = 150  # more anchors than this: slide over the text instead of searching each


def _escaped(s: str, escapers: Iterable[Callable[[str], str]]) -> set[str]:
    out = set()
    for escape in escapers:
        try:
            out.add(escape(s))
        except (UnicodeError, ValueError):  # a lone surrogate has no UTF-8 form
            continue
    return out


def _base64_cores(s: str) -> set[str]:
    """What base64 of ``anything + s + anything`` always contains, for the 3 alignments."""
    try:
        raw = s.encode("utf-8")
    except UnicodeError:
        return set()
    cores = set()
    for pad in range(3):
        encoded = base64.b64encode(b"\0" * pad + raw).decode("ascii")
        core = encoded[-(-pad * 8 // 6) : (pad + len(raw)) * 8 // 6]
        if len(core) >= _MIN_BASE64:
            cores.add(core)
            cores.add(core.replace("+", "-").replace("/", "_"))
    return cores


def _forms(secret: str) -> set[str]:
    quoted = _escaped(secret, _FRAGMENT_ESCAPERS)
    forms = {secret} | quoted | _escaped(secret, _ESCAPERS[len(_FRAGMENT_ESCAPERS) :])
    for form in quoted:  # one level of nesting: JSON of JSON, HTML of a JSON body, ...
        forms |= _escaped(form, _ESCAPERS)
    for form in {secret} | quoted:  # base64 of a JSON body
        forms |= _base64_cores(form)
    lines = [line.strip() for line in secret.splitlines()]
    for line in lines if len(lines) > 1 else ():
        if len(line) >= FRAGMENT + _STRIDE - 1:
            # Its raw, JSON and repr forms are runs of the secret's: _fragments finds them.
            forms |= _escaped(line, _ESCAPERS[len(_FRAGMENT_ESCAPERS) :])
        elif len(line) >= MIN_LINE:
            forms |= {line} | _escaped(line, _ESCAPERS)
    return forms


# -- the redactor ---------------------------------------------------------------------------------


class Redactor:
    """Replaces a set of secrets, in every form they may be echoed in, by ``***``.

    Args:
        secrets: The secret strings; empty ones (and non-strings) are ignored.
    """

    __slots__ = ("_anchors", "_forms", "_grams", "_secrets")

    def __init__(self, secrets: Iterable[Any]) -> None:
        self._secrets = sorted(
            {_plain(s) for s in secrets if isinstance(s, str) and s}, key=len, reverse=True
        )
        self._forms: list[str] | None = None
        self._grams: frozenset[str] | None = None
        self._anchors: list[str] | None = None

    def __repr__(self) -> str:
        return f"Redactor(<{len(self._secrets)} secrets>)"

    def __bool__(self) -> bool:
        return bool(self._secrets)

    def _all_forms(self) -> list[str]:
        if self._forms is None:
            forms: set[str] = set()
            for secret in self._secrets:
                forms |= _forms(secret)
            forms.discard("")
            # Longest first: a form that contains another must be replaced whole.
            self._forms = sorted(forms, key=len, reverse=True)
        return self._forms

    def _fragment_forms(self) -> set[str]:
        forms: set[str] = set()
        for secret in self._secrets:
            forms |= {secret} | _escaped(secret, _FRAGMENT_ESCAPERS)
        return {form for form in forms if len(form) >= FRAGMENT}

    def _all_grams(self) -> frozenset[str]:
        """Every run of ``FRAGMENT`` characters of the fragment forms."""
        if self._grams is None:
            grams: set[str] = set()
            for form in self._fragment_forms():
                grams.update(form[i : i + FRAGMENT] for i in range(len(form) - FRAGMENT + 1))
            self._grams = frozenset(grams)
        return self._grams

    def _all_anchors(self) -> list[str]:
        """The runs starting every ``_STRIDE`` characters: any longer run contains one."""
        if self._anchors is None:
            anchors: set[str] = set()
            for form in self._fragment_forms():
                last = len(form) - FRAGMENT + 1
                anchors.update(form[i : i + FRAGMENT] for i in range(0, last, _STRIDE))
            self._anchors = sorted(anchors)
        return self._anchors

    def text(self, text: str) -> str:
        """``text`` with every form of every secret, and every long run of one, replaced."""
        if not self._secrets or not text:
            return text
        forms = self._all_forms()
        if len(text) < min(len(forms[-1]), FRAGMENT):  # too short to hold any (sorted) form
            return text
        text = _plain(text)
        for form in forms:
            if len(form) <= len(text) and form in text:
                text = text.replace(form, MASK)
        return self._fragments(text)

    def _fragments(self, text: str) -> str:
        if len(text) < FRAGMENT:
            return text
        # First, cheaply: is there any run of FRAGMENT + _STRIDE - 1 characters of a secret?
        # (A few anchors are searched for at C speed; many are looked up while sliding.)
        last = len(text) - FRAGMENT + 1
        anchors = self._all_anchors()
        if len(anchors) <= _ANCHORS_MAX:
            if not any(anchor in text for anchor in anchors):
                return text
        else:
            grams = self._all_grams()
            if not any(text[i : i + FRAGMENT] in grams for i in range(0, last, _STRIDE)):
                return text
        # Then every run of FRAGMENT characters or more goes.
        grams = self._all_grams()
        spans: list[list[int]] = []
        for i in range(last):
            if text[i : i + FRAGMENT] in grams:
                if spans and i <= spans[-1][1]:
                    spans[-1][1] = i + FRAGMENT
                else:
                    spans.append([i, i + FRAGMENT])
        out, at = [], 0
        for start, end in spans:
            out += [text[at:start], MASK]
            at = end
        out.append(text[at:])
        return "".join(out)

    def data(self, value: Any) -> Any:
        """A copy of a decoded JSON value with every string (keys too) passed through
        :meth:`text`; iterative, so any depth is fine."""
        if not self._secrets:
            return value
        if isinstance(value, str):
            return self.text(value)
        if not isinstance(value, dict | list):
            return value
        root: Any = {} if isinstance(value, dict) else []
        stack: list[tuple[Any, Any]] = [(value, root)]
        while stack:
            source, target = stack.pop()
            items = source.items() if isinstance(source, dict) else enumerate(source)
            for key, item in items:
                if isinstance(item, str):
                    item = self.text(item)
                elif isinstance(item, dict | list):
                    copy: Any = {} if isinstance(item, dict) else []
                    stack.append((item, copy))
                    item = copy
                if isinstance(target, dict):
                    target[self.text(key) if isinstance(key, str) else key] = item
                else:
                    target.append(item)
        return root

    def exception_chain(self, exc: BaseException) -> None:
        """Scrub, in place, the string arguments of ``exc``'s causes and contexts (whose text
        a traceback prints): third-party exceptions may quote a request."""
        if not self._secrets:
            return
        seen: set[int] = set()
        current: BaseException | None = exc
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            args = current.args
            if any(isinstance(a, str) for a in args):
                cleaned = tuple(self.text(a) if isinstance(a, str) else a for a in args)
                if cleaned != args:
                    current.args = cleaned
            current = current.__cause__ or current.__context__


def redact(text: str, secrets: Iterable[str]) -> str:
    """Replace every secret in ``text`` by ``***``, in any form a server or Python may echo it.

    The forms: raw, JSON-escaped, ``repr`` (of ``str`` and of UTF-8 ``bytes``), HTML-escaped,
    URL-encoded, base64, with whitespace collapsed, one such form inside another, each line of
    a multi-line secret (a PEM key), and any run of 12 or more characters of a secret. The
    client already does this to every error it raises; use it for your own logs.

    Args:
        text: Any text.
        secrets: The strings to hide (empty ones are ignored).

    Returns:
        The text with the secrets replaced.

    Example:
        >>> redact('detail: {"value": "s3cr\\\\"et"}', ['s3cr"et'])
        'detail: {"value": "***"}'
    """
    return Redactor(secrets).text(text)


def url_secrets(url: httpx.URL | str) -> tuple[str, ...]:
    """The credentials a URL carries in its userinfo (``user:password@``), for scrubbing."""
    if isinstance(url, str):
        try:
            url = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError):
            return ()
    if not url.userinfo:
        return ()
    parts = [url.userinfo.decode("ascii", "replace"), url.password or url.username]
    return tuple(p for p in parts if p)


def redact_url(url: httpx.URL | str) -> str:
    """``url`` as text without its userinfo (``user:password@``), for logs and messages."""
    if isinstance(url, str):
        try:
            url = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError):
            return "<an invalid URL>"
    if url.userinfo:
        url = url.copy_with(userinfo=b"")
    return str(url)
