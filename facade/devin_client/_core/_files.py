"""Uploads and downloads: their flows, written once for both clients and every API.

``attach`` uploads the local files of a prompt's (or message's) attachments, then sends the
call made with every URL. ``upload`` opens the input (a path, bytes, a binary file or a pipe;
see ``_attachments``) and sends the API's upload call, closing what it opened. ``download``
holds every safety rule of a download (``_Download``): the key goes only to the API's own
attachment URLs of a chain that never left the API's origin; redirects are followed at most
``MAX_REDIRECTS`` times, never from https to http; the file takes the caller's name or the
name of the caller's URL (or the API's own ``Content-Disposition``), never a redirect
target's; nothing is replaced without ``overwrite=True``; the body streams to a partial file
moved into place only when complete.

An API gives its download operation as a ``DownloadRoute``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import unquote

import httpx

from ._args import check_id
from ._attachments import open_upload, split_attachments
from ._constants import MAX_REDIRECTS
from ._exceptions import DevinValidationError, DownloadError, ResponseValidationError
from ._flows import Close, Flow, MemorySink, Stream
from ._pipeline import HTTPX_ERRORS, Call, connection_error
from ._spec import Check, Operation

if TYPE_CHECKING:
    from ._pipeline import BaseClient

__all__ = [
    "DestInput",
    "DownloadRoute",
    "ProgressFn",
    "UploadInput",
    "UploadPart",
    "attach",
    "download",
    "upload",
]

T = TypeVar("T")

UploadInput = str | os.PathLike[str] | bytes | IO[bytes]
ProgressFn = Callable[[int, int | None], Any]
DestInput = str | os.PathLike[str]
UploadPart = tuple[str, Any, str]
"""``(file name, source, content type)``: the file of a multipart upload, as httpx takes it."""


# -- uploads ---------------------------------------------------------------------------------


def upload(
    client: BaseClient,
    call_for: Callable[[UploadPart], Call[T]],
    file: Any,
    filename: Any,
    on_progress: Any,
) -> Flow[T]:
    """The flow of an upload: the input opened (checked now), sent with the API's call
    ``call_for(part)``, and closed when the call ends.

    Raises:
        DevinValidationError: A missing file, a text-mode file object, a bad filename or
            ``on_progress``.
    """
    if on_progress is not None and not callable(on_progress):
        raise DevinValidationError("on_progress", "must be callable")
    part, opened = open_upload(file, filename, on_progress)
    try:
        call = call_for(part)
    except BaseException:
        if opened is not None:
            opened.close()
        raise
    return _sending(client, call, opened)


def _sending(client: BaseClient, call: Call[T], opened: IO[bytes] | None) -> Flow[T]:
    # Not retried once sent (a POST); the connection-failure retries re-read the file from 0.
    try:
        return (yield from client._exchange(call))
    finally:
        if opened is not None:
            opened.close()


def attach(
    client: BaseClient,
    attachments: Any,
    call: Callable[[list[str], bool], Call[T]],
    upload: Callable[[BaseClient, Path], Flow[str]],
) -> Flow[T]:
    """The flow of a call whose text carries attachments (a prompt, a message): the local
    files among ``attachments`` uploaded first (``upload(client, path)``, in order), then
    ``call(urls, True)`` sent, its
    body (the final text, with every URL) checked against the spec as it goes out.

    With files to upload, the body ``call([], False)`` (the text as given) is checked before
    anything is uploaded, so bad input costs no upload; ``final`` is ``False`` then, for the
    checks of the text itself to wait for its final form.

    Raises:
        DevinValidationError: ``attachments`` is not a list of URLs and existing files.
    """
    if not attachments:
        return client._exchange(call([], True))
    items = split_attachments(attachments)
    if not any(isinstance(item, Path) for item in items):
        return client._exchange(call(cast(list[str], items), True))
    if client._validate:
        first = call([], False)
        if first.operation is not None and first.json is not None:
            client._spec.check_request(first.operation, first.json)
    return _uploading_first(client, items, call, upload)


def _uploading_first(
    client: BaseClient,
    items: list[str | Path],
    call: Callable[[list[str], bool], Call[T]],
    upload: Callable[[BaseClient, Path], Flow[str]],
) -> Flow[T]:
    urls: list[str] = []
    for item in items:
        urls.append(item if isinstance(item, str) else (yield from upload(client, item)))
    return (yield from client._exchange(call(urls, True)))


# -- downloads -------------------------------------------------------------------------------


class DownloadRoute:
    """Where an API serves its attachments: ``{base_url}{prefix}{uuid}/{name}``.

    Args:
        operation: The download operation's generated ``OPERATION``.
        prefix: Its path up to the two segments, e.g. ``/v1/attachments/``.
        build: Its ``build_request``, given the uuid and the name.
    """

    __slots__ = ("build", "operation", "prefix")

    def __init__(
        self, operation: Operation, prefix: str, build: Callable[[str, str], Mapping[str, Any]]
    ) -> None:
        if not prefix.startswith("/") or not prefix.endswith("/"):
            raise ValueError(f"a download route's prefix is a path ending in '/': {prefix!r}")
        self.operation = operation
        self.prefix = prefix.encode()
        self.build = build

    @classmethod
    def of(
        cls, operation: Operation, build: Callable[[str, str], Mapping[str, Any]]
    ) -> DownloadRoute:
        """The route of a download operation whose path ends in its two parameters
        (``/v1/attachments/{uuid}/{name}``)."""
        head, uuid, name = operation.path.rsplit("/", 2)
        if not (uuid.startswith("{") and name.startswith("{")):
            raise ValueError(f"{operation.path!r} does not end in /{{uuid}}/{{name}}")
        return cls(operation, head + "/", build)


def download(
    client: BaseClient, route: DownloadRoute, url: Any, dest: Any, overwrite: Any
) -> Flow[bytes | Path | int]:
    """The flow of a download (see the module docstring): the arguments checked now, nothing
    sent until it runs.

    Returns:
        The bytes (``dest=None``), the ``Path`` written, or the number of bytes written to a
        binary file object.
    """
    plan = _Download(client, route, url, dest, overwrite)
    return _downloading(client, plan, dest)


def _downloading(client: BaseClient, plan: _Download, dest: Any) -> Flow[bytes | Path | int]:
    while True:
        response = yield from client._exchange(plan.call())
        if plan.arrived(response):  # a refused hop raises; the driver closes the response
            break
        yield Close(response)
    if dest is None:
        memory = MemorySink(response)
        yield from _stream(response, memory)
        return memory.content()
    if not isinstance(dest, str | os.PathLike):  # a binary writer
        writer = _Writer(dest)
        yield from _stream(response, writer)
        return writer.written
    out, partial = plan.open_partial()
    try:
        with out:
            yield from _stream(response, functools.partial(plan.write, out))
        return plan.publish(partial)
    except BaseException:
        _discard(partial)
        raise


def _stream(response: httpx.Response, sink: Callable[[bytes], Any]) -> Flow[None]:
    try:
        yield Stream(response, sink)
    except HTTPX_ERRORS as exc:
        raise connection_error(exc, response.request) from exc


class _Writer:
    """A sink writing to the caller's binary file object, counting the bytes."""

    __slots__ = ("_write", "written")

    def __init__(self, dest: IO[bytes]) -> None:
        self._write = dest.write
        self.written = 0

    def __call__(self, chunk: bytes) -> None:
        self._write(chunk)
        self.written += len(chunk)


def _start_url(client: BaseClient, url: Any) -> httpx.URL:
    if not isinstance(url, str) or not url:
        raise DevinValidationError("url", "must be a non-empty string")
    if url.startswith("/"):
        url = client.base_url + url
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        raise DevinValidationError("url", "is not a valid URL") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise DevinValidationError("url", "must be an absolute http(s) URL or an API path")
    return parsed


def _raw_segments(url: httpx.URL) -> list[bytes]:
    return url.raw_path.partition(b"?")[0].split(b"/")


def _decode_segment(segment: bytes) -> str | None:
    """A path segment percent-decoded exactly once, or ``None`` when it is not UTF-8."""
    try:
        return unquote(segment.decode("ascii"), errors="strict")
    except UnicodeError:
        return None


def _attachment_params(
    client: BaseClient, route: DownloadRoute, url: httpx.URL
) -> tuple[Any, Any] | None:
    """``(uuid, name)`` decoded once when ``url`` is an attachment URL of the API, else ``None``.

    An attachment URL is on the API's origin, has no query, and its path is the base path plus
    the download operation's (``/v1/attachments/{uuid}/{name}``), exactly two segments after
    the route's prefix.
    """
    if not client._is_api_origin(url) or url.query:
        return None
    prefix = httpx.URL(client.base_url).raw_path.rstrip(b"/") + route.prefix
    path = url.raw_path.partition(b"?")[0]
    if not path.startswith(prefix):
        return None
    segments = path[len(prefix) :].split(b"/")
    if len(segments) != 2:
        return None
    return _decode_segment(segments[0]), _decode_segment(segments[1])


def _check_attachment_params(params: tuple[Any, Any]) -> tuple[str, str]:
    """The uuid and name of an attachment URL, checked like every path parameter."""
    checked: list[str] = []
    for value, field in zip(params, ("uuid", "name"), strict=True):
        if value is None:
            raise DevinValidationError("url", f"the attachment {field} is not valid UTF-8")
        try:
            checked.append(check_id(value, field))
        except DevinValidationError as exc:
            raise DevinValidationError("url", f"the attachment {field} {exc.problem}") from None
    return checked[0], checked[1]


def _unsafe_name(name: str | None) -> str | None:
    """Why ``name`` cannot be a file name in the destination folder, or ``None`` if it can."""
    if name is None:
        return "is not valid UTF-8 once percent-decoded"
    if not name:
        return "is empty"
    if name in (".", ".."):
        return f"is {name!r}"
    if "/" in name or "\\" in name or (os.name == "nt" and ":" in name):
        return "contains a path separator"
    if "\x00" in name:
        return "contains a NUL"
    if not name.isprintable():
        return "contains control characters"
    return None


# One ``; name=value`` parameter: a token, or a quoted-string with backslash escapes.
_PARAM = re.compile(r';\s*([!#$%&\'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)')


def _disposition_name(header: str) -> str | None:
    """The file name of a ``Content-Disposition`` header (RFC 6266), decoded exactly once.

    ``filename*=charset'lang'percent-encoded`` (RFC 8187) wins over ``filename=``; a quoted
    ``filename`` loses its quoted-pair escapes and is not percent-decoded.

    Returns:
        The name, or ``None`` when the header names no file.

    Raises:
        ValueError: A ``filename*`` in another charset than UTF-8 or ISO-8859-1, or whose
            bytes are not valid in its charset.
    """
    params: dict[str, str] = {}
    for key, value in _PARAM.findall(header):
        params.setdefault(key.lower(), value)
    extended = params.get("filename*")
    if extended is not None:
        charset, _, rest = extended.partition("'")
        _, _, encoded = rest.partition("'")
        if charset.lower() not in ("utf-8", "iso-8859-1") or not rest:
            raise ValueError("an unknown charset")
        return unquote(encoded, encoding=charset.lower(), errors="strict")  # UnicodeError
    plain = params.get("filename")
    if plain is None:
        return None
    if len(plain) >= 2 and plain[0] == plain[-1] == '"':
        return re.sub(r"\\(.)", r"\1", plain[1:-1])
    return plain


class _Download:
    """Every decision of one ``download`` call.

    - which URL to ask next, and whether it carries the key: only while the redirect chain has
      never left the API's origin, and only to the API's attachment paths;
    - which redirects to follow (at most ``MAX_REDIRECTS``, never https -> http);
    - where the file goes: the caller's path, or inside the caller's folder the name of the
      caller's URL (or the ``Content-Disposition`` of the API itself), never a redirect
      target's; an existing file is replaced only with ``overwrite=True``;
    - the partial file: created in the destination folder under a random name, moved into
      place at the end, removed on any failure.
    """

    def __init__(
        self, client: BaseClient, route: DownloadRoute, url: Any, dest: Any, overwrite: Any
    ) -> None:
        _check_dest(dest)
        if not isinstance(overwrite, bool):
            raise DevinValidationError("overwrite", "must be True or False")
        self._client = client
        self._route = route
        self._overwrite = overwrite
        self.target = _start_url(client, url)
        self._trusted = client._is_api_origin(self.target)  # never left the API's origin
        self._secure = self.target.scheme == "https"
        self._hops = 0
        params = _attachment_params(client, route, self.target)
        if params is not None:
            _check_attachment_params(params)
        self.path: Path | None = None  # the file to write, for a path destination
        self._folder: Path | None = None  # set when the name is ours to choose
        if isinstance(dest, str | os.PathLike):
            self._plan_path(dest, url=self.target)

    # -- where the file goes ---------------------------------------------------------------

    def _plan_path(self, given: DestInput, *, url: httpx.URL) -> None:
        dest = Path(given)
        if dest.is_dir():
            raw = _raw_segments(url)[-1]
            name = _decode_segment(raw)
            why = _unsafe_name(name)
            if why is not None:
                raise DevinValidationError(
                    "url",
                    f"its file name {why}: pass a file path as dest to choose the name",
                )
            assert name is not None
            self._folder = dest
            self.path = dest / name
        else:
            text = os.fspath(given)
            folder = text if text.endswith(("/", os.sep)) else os.fspath(dest.parent)
            if folder == text or not dest.parent.is_dir():
                raise DevinValidationError("dest", f"no such folder: {folder!r}")
            self.path = dest
        # The name is final unless the API itself may still name the file.
        if self._folder is None or not self._trusted:
            self._refuse_existing()

    def _refuse_existing(self) -> None:
        assert self.path is not None
        if not self._overwrite and os.path.lexists(self.path):
            raise _exists(self.path)

    def _name_from_api(self, response: httpx.Response) -> None:
        if self._folder is None or not self._trusted:
            return
        header = response.headers.get("content-disposition")
        try:
            name = _disposition_name(header) if header else None
        except ValueError:
            raise DownloadError(
                "download: the file name the API gave cannot be decoded; nothing written"
            ) from None
        if name is None:
            return
        why = _unsafe_name(name)
        if why is not None:
            raise DownloadError(f"download: the file name the API gave {why}; nothing written")
        self.path = self._folder / name

    # -- the redirect chain ------------------------------------------------------------------

    def call(self) -> Call[httpx.Response]:
        """The GET of the current URL: with the key only to an attachment path of a chain
        that never left the API's origin."""
        route = self._route
        params = _attachment_params(self._client, route, self.target) if self._trusted else None
        checked: tuple[str, str] | None = None
        if params is not None:
            try:
                checked = _check_attachment_params(params)
            except DevinValidationError:
                checked = None  # a redirect to an odd name: sent as is, without the key
        if checked is not None:
            return Call(route.operation, route.build(*checked), parse=_unparsed, stream=True)
        # Another host, or a path that is not the API's attachments: never with the key.
        request = {"method": "GET", "url": str(self.target)}
        return Call(None, request, parse=_unparsed, stream=True, authenticated=False)

    def arrived(self, response: httpx.Response) -> bool:
        """Take a 2xx (the file: returns ``True``) or a 3xx (moves to its target)."""
        if response.status_code < 300:
            if self.path is not None:
                self._name_from_api(response)
                self._refuse_existing()
            return True
        self._hops += 1
        if self._hops > MAX_REDIRECTS:
            raise DownloadError(f"download: more than {MAX_REDIRECTS} redirects")
        target = _next_hop(response)
        if target.scheme == "http" and self._secure:
            raise DownloadError(
                f"download: refused a redirect from https:// to plain http:// "
                f"({target.host}): the URL would travel in clear text"
            )
        self._secure = self._secure or target.scheme == "https"
        if not self._client._is_api_origin(target):
            self._trusted = False  # for good: the key never comes back
        self.target = target
        return False

    # -- the file ------------------------------------------------------------------------------

    def open_partial(self) -> tuple[IO[bytes], Path]:
        """A new, empty file next to the destination, under a name nobody can predict."""
        assert self.path is not None
        folder = self.path.parent
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        for _ in range(100):
            partial = folder / f".{secrets.token_hex(8)}.devin-download"
            try:
                fd = os.open(partial, flags, 0o666)
            except FileExistsError:
                continue
            except OSError as exc:
                raise _unwritable(self.path, exc) from exc
            return os.fdopen(fd, "wb"), partial
        raise DownloadError(f"download: cannot create a temporary file in {os.fspath(folder)!r}")

    def write(self, out: IO[bytes], chunk: bytes) -> None:
        """Append a chunk to the partial file (a full disk is a ``DownloadError``)."""
        try:
            out.write(chunk)
        except OSError as exc:
            assert self.path is not None
            raise _unwritable(self.path, exc) from exc

    def publish(self, partial: Path) -> Path:
        """Move the complete partial file to the destination (atomically)."""
        assert self.path is not None
        try:
            if self._overwrite:
                os.replace(partial, self.path)
                return self.path
            try:
                os.link(partial, self.path)  # fails if the name was taken meanwhile
            except FileExistsError:
                raise _exists(self.path) from None
            except OSError:
                # No hard links on this file system: claim the name, then replace our claim.
                try:
                    os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
                except FileExistsError:
                    raise _exists(self.path) from None
                try:
                    os.replace(partial, self.path)
                except OSError:
                    _discard(self.path)  # our empty claim
                    raise
                return self.path
        except OSError as exc:
            raise _unwritable(self.path, exc) from exc
        _discard(partial)  # the file is in place under its name: the extra link can go
        return self.path


def _exists(path: Path) -> DownloadError:
    return DownloadError(
        f"download: {os.fspath(path)!r} exists; pass overwrite=True to replace it", path=path
    )


def _unwritable(path: Path, exc: OSError) -> DownloadError:
    return DownloadError(f"download: cannot write {os.fspath(path)!r}: {exc.strerror or exc}")


def _discard(partial: Path) -> None:
    with contextlib.suppress(OSError):  # the failure being raised matters more
        partial.unlink(missing_ok=True)


def _unparsed(response: httpx.Response, check: Check) -> httpx.Response:
    return response  # streaming calls return the response itself


def _next_hop(response: httpx.Response) -> httpx.URL:
    """The redirect target of a 3xx."""
    location = response.headers.get("location")
    if not location:
        raise ResponseValidationError(
            f"download answered {response.status_code} without a Location header",
            response=response,
        )
    try:
        target = response.url.join(location)
    except httpx.InvalidURL:
        target = None
    if target is None or target.scheme not in ("http", "https") or not target.host:
        raise ResponseValidationError(
            f"download answered {response.status_code} with a Location that is not an http(s) URL",
            response=response,
        )
    return target


def _check_dest(dest: object) -> None:
    """Refuse a destination that is neither a path nor a binary writer, before any request."""
    if dest is None or isinstance(dest, str | os.PathLike):
        return
    if not callable(getattr(dest, "write", None)):
        raise DevinValidationError(
            "dest", "must be a path or a binary file object opened for writing"
        )
    if isinstance(dest, io.TextIOBase):
        raise DevinValidationError("dest", "must be opened in binary mode ('wb'), not text mode")
