"""``client.attachments``: upload files for Devin, download the files it produced."""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, overload
from urllib.parse import unquote

import httpx
from devin_api.api.attachments import (
    download_attachment_customer_endpoint_v1_attachments_uuid_name_get as _download_op,
)
from devin_api.api.attachments import (
    upload_attachment_customer_endpoint_v1_attachments_post as _upload_op,
)
from devin_api.models import UploadAttachmentBody
from devin_api.types import File

from .._attachments import check_url, open_upload
from .._constants import MAX_REDIRECTS
from .._exceptions import DevinValidationError, DownloadError, ResponseValidationError
from .._transport import (
    HTTPX_ERRORS,
    BaseClient,
    Call,
    abody_chunks,
    aread_body,
    body_chunks,
    connection_error,
    read_body,
)
from .._validation import ResponseSchemaError, check_response
from ._common import check_id

if TYPE_CHECKING:
    from .._client import AsyncDevin, Devin

__all__ = ["AsyncAttachments", "Attachments", "ProgressFn", "UploadInput"]

UploadInput = str | os.PathLike[str] | bytes | IO[bytes]
ProgressFn = Callable[[int, int | None], Any]
DestInput = str | os.PathLike[str]

_UPLOAD_OPERATION = "upload_attachment_customer_endpoint_v1_attachments_post"
_DOWNLOAD_OPERATION = "download_attachment_customer_endpoint_v1_attachments__uuid___name__get"


def _parse_upload(response: httpx.Response, check: bool) -> str:
    # The spec says a JSON string; the docs read `response.text` (legacy text/plain): take both.
    if "json" in response.headers.get("content-type", ""):
        url = response.json()
        if check:
            check_response(_UPLOAD_OPERATION, response.status_code, url)
    else:
        url = response.text.strip()
    if not isinstance(url, str):
        raise ResponseSchemaError(f"body: must be the file URL, not {type(url).__name__}")
    return check_url(url, "body")  # a DevinValidationError is a ValueError: a bad response


def _upload_call(file: Any, filename: Any, on_progress: Any) -> tuple[Call[str], IO[bytes] | None]:
    if on_progress is not None and not callable(on_progress):
        raise DevinValidationError("on_progress", "must be callable")
    (name, fileobj, content_type), opened = open_upload(file, filename, on_progress)
    body = UploadAttachmentBody(file=File(payload=fileobj, file_name=name, mime_type=content_type))
    # Not retried once sent: a POST; the connection-failure retries re-read the file from 0.
    return Call(
        _upload_op.build_request(body=body), operation=_UPLOAD_OPERATION, parse=_parse_upload
    ), opened


def _attachment_prefix() -> bytes:
    # The download operation's path up to its {uuid}/{name} segments, from the generated code
    # (so from the spec), e.g. b"/v1/attachments/".
    url: str = _download_op.build_request("UUID", "NAME")["url"]
    assert url.endswith("/UUID/NAME"), url
    return url[: -len("UUID/NAME")].encode()


_ATTACHMENT_PREFIX = _attachment_prefix()


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


def _attachment_params(client: BaseClient, url: httpx.URL) -> tuple[Any, Any] | None:
    """``(uuid, name)`` decoded once when ``url`` is an attachment URL of the API, else ``None``.

    An attachment URL is on the API's origin, has no query, and its path is the base path plus
    the download operation's ``/v1/attachments/{uuid}/{name}``, exactly two segments after it.
    """
    if not client._is_api_origin(url) or url.query:
        return None
    prefix = httpx.URL(client.base_url).raw_path.rstrip(b"/") + _ATTACHMENT_PREFIX
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
    """Every decision of one ``download`` call, shared by the sync and async drivers.

    - which URL to ask next, and whether it carries the key: only while the redirect chain has
      never left the API's origin, and only to the API's attachment paths;
    - which redirects to follow (at most ``MAX_REDIRECTS``, never https -> http);
    - where the file goes: the caller's path, or inside the caller's folder the name of the
      caller's URL (or the ``Content-Disposition`` of the API itself), never a redirect
      target's; an existing file is replaced only with ``overwrite=True``;
    - the partial file: created in the destination folder under a random name, moved into
      place at the end, removed on any failure.
    """

    def __init__(self, client: BaseClient, url: Any, dest: Any, overwrite: Any) -> None:
        _check_dest(dest)
        if not isinstance(overwrite, bool):
            raise DevinValidationError("overwrite", "must be True or False")
        self._client = client
        self._overwrite = overwrite
        self.target = _start_url(client, url)
        self._trusted = client._is_api_origin(self.target)  # never left the API's origin
        self._secure = self.target.scheme == "https"
        self._hops = 0
        params = _attachment_params(client, self.target)
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
        params = _attachment_params(self._client, self.target) if self._trusted else None
        checked: tuple[str, str] | None = None
        if params is not None:
            try:
                checked = _check_attachment_params(params)
            except DevinValidationError:
                checked = None  # a redirect to an odd name: sent as is, without the key
        kwargs: Mapping[str, Any]
        if checked is not None:
            kwargs = _download_op.build_request(*checked)
        else:
            kwargs = {"method": "get", "url": str(self.target)}
        return Call(
            kwargs,
            operation=_DOWNLOAD_OPERATION if checked is not None else "download_file",
            parse=_unparsed,
            stream=True,
            authenticated=checked is not None,
        )

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


def _unparsed(response: httpx.Response, check: bool) -> httpx.Response:
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


class Attachments:
    """``client.attachments`` of a ``Devin`` client."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def upload(
        self,
        file: UploadInput,
        *,
        filename: str | None = None,
        on_progress: ProgressFn | None = None,
    ) -> str:
        """Upload a file for Devin; reference the returned URL in a prompt with
        ``format_attachments`` (or pass the file to ``sessions.create(attachments=...)``).

        The file is streamed in chunks, never read into memory whole.

        Args:
            file: A path, ``bytes``, or a binary file object (read from its start).
            filename: The name sent (default: the path's or file object's base name, else
                ``"attachment"``); a filename is always sent.
            on_progress: Called as ``on_progress(bytes_sent, total_bytes_or_None)``.

        Returns:
            The attachment's URL.

        Raises:
            DevinValidationError: A missing file, a text-mode file object, a bad filename.
            APIStatusError: e.g. 413 when the file is too large.
            APIConnectionError: No response.
        """
        call, opened = _upload_call(file, filename, on_progress)
        try:
            return self._client._request(call)
        finally:
            if opened is not None:
                opened.close()

    @overload
    def download(self, url: str, dest: None = None, *, overwrite: bool = False) -> bytes: ...
    @overload
    def download(self, url: str, dest: DestInput, *, overwrite: bool = False) -> Path: ...
    @overload
    def download(self, url: str, dest: IO[bytes], *, overwrite: bool = False) -> int: ...

    def download(
        self, url: str, dest: DestInput | IO[bytes] | None = None, *, overwrite: bool = False
    ) -> bytes | Path | int:
        """Download an attachment, following the API's 307 to the presigned URL.

        The ``Authorization`` header goes only to the API's own attachment paths, and only
        while the redirect chain has never left the API's origin: never to the presigned (or
        any other) host, never to a URL that does not start on the API, and never back to the
        API once the chain has left it. A redirect from https to plain http is refused.

        Args:
            url: The attachment URL (``.../v1/attachments/{uuid}/{name}``, or an API path
                starting with ``/``), or a presigned URL.
            dest: A file path to stream the content to; a folder, to save it there under the
                file name of ``url`` (decoded once; the API's own ``Content-Disposition``
                wins when the API serves the file itself; never a redirect target's name);
                or a binary file object to stream it into (e.g. ``sys.stdout.buffer``).
                ``None`` returns the content as bytes. A file is written to a temporary file
                in the same folder first and moved into place when complete.
            overwrite: Replace an existing file. Without it an existing file is never
                touched.

        Returns:
            The bytes, the ``Path`` written, or for a file object the number of bytes written.

        Raises:
            DevinValidationError: A bad ``url``, ``dest`` or ``overwrite``; a folder ``dest``
                with a ``url`` whose file name is empty, ``.``, ``..`` or holds a separator or
                a NUL; a destination folder that does not exist. Nothing was sent.
            DownloadError: The file exists (``.path``), the API's file name is unsafe, a
                redirect to plain http, more than 5 redirects, or the file cannot be
                written. Nothing was written.
            NotFoundError: No such attachment.
            DevinError: Any other failure.
        """
        plan = _Download(self._client, url, dest, overwrite)
        while True:
            response = self._client._request(plan.call())
            try:
                done = plan.arrived(response)
            except BaseException:
                response.close()
                raise
            if done:
                return self._save(plan, response, dest)
            response.close()

    def _save(
        self, plan: _Download, response: httpx.Response, dest: DestInput | IO[bytes] | None
    ) -> bytes | Path | int:
        try:
            if dest is None:
                return read_body(response)
            if not isinstance(dest, str | os.PathLike):  # a binary writer
                written = 0
                for chunk in body_chunks(response):
                    dest.write(chunk)
                    written += len(chunk)
                return written
            out, partial = plan.open_partial()
            try:
                with out:
                    for chunk in body_chunks(response):
                        plan.write(out, chunk)
                return plan.publish(partial)
            except BaseException:
                _discard(partial)
                raise
        except HTTPX_ERRORS as exc:
            raise connection_error(exc, response.request) from exc
        finally:
            response.close()


class AsyncAttachments:
    """``client.attachments`` of an ``AsyncDevin`` client: ``Attachments``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def upload(
        self,
        file: UploadInput,
        *,
        filename: str | None = None,
        on_progress: ProgressFn | None = None,
    ) -> str:
        """Upload a file for Devin; see ``Attachments.upload``."""
        call, opened = _upload_call(file, filename, on_progress)
        try:
            return await self._client._request(call)
        finally:
            if opened is not None:
                opened.close()

    @overload
    async def download(self, url: str, dest: None = None, *, overwrite: bool = False) -> bytes: ...
    @overload
    async def download(self, url: str, dest: DestInput, *, overwrite: bool = False) -> Path: ...
    @overload
    async def download(self, url: str, dest: IO[bytes], *, overwrite: bool = False) -> int: ...

    async def download(
        self, url: str, dest: DestInput | IO[bytes] | None = None, *, overwrite: bool = False
    ) -> bytes | Path | int:
        """Download an attachment; see ``Attachments.download``."""
        plan = _Download(self._client, url, dest, overwrite)
        while True:
            response = await self._client._request(plan.call())
            try:
                done = plan.arrived(response)
            except BaseException:
                await response.aclose()
                raise
            if done:
                return await self._save(plan, response, dest)
            await response.aclose()

    async def _save(
        self, plan: _Download, response: httpx.Response, dest: DestInput | IO[bytes] | None
    ) -> bytes | Path | int:
        try:
            if dest is None:
                return await aread_body(response)
            if not isinstance(dest, str | os.PathLike):  # a binary writer
                written = 0
                async for chunk in abody_chunks(response):
                    dest.write(chunk)
                    written += len(chunk)
                return written
            out, partial = plan.open_partial()
            try:
                with out:
                    async for chunk in abody_chunks(response):
                        plan.write(out, chunk)
                return plan.publish(partial)
            except BaseException:
                _discard(partial)
                raise
        except HTTPX_ERRORS as exc:
            raise connection_error(exc, response.request) from exc
        finally:
            await response.aclose()
