"""``client.attachments``: upload files for Devin, download the files it produced."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
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
from .._constants import DOWNLOAD_CHUNK_SIZE, MAX_REDIRECTS
from .._exceptions import DevinError, DevinValidationError, ResponseValidationError
from .._transport import HTTPX_ERRORS, BaseClient, Call, connection_error
from .._validation import ResponseSchemaError, check_response

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
        _upload_op._get_kwargs(body=body), operation=_UPLOAD_OPERATION, parse=_parse_upload
    ), opened


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


def _hop_call(client: BaseClient, url: httpx.URL) -> Call[httpx.Response]:
    """One GET of the download chain; the key goes only to the API's own origin."""
    same_origin = client._is_api_origin(url)
    api_path = client._base_url_path() + "/v1/attachments/"
    kwargs: dict[str, Any]
    if same_origin and url.path.startswith(api_path) and not url.query:
        uuid, _, name = url.path[len(api_path) :].partition("/")
        kwargs = _download_op._get_kwargs(unquote(uuid), unquote(name))
    else:
        kwargs = {"method": "get", "url": str(url)}
    return Call(
        kwargs,
        operation=_DOWNLOAD_OPERATION if same_origin else "download_presigned",
        parse=_unparsed,
        stream=True,
        authenticated=same_origin,
    )


def _unparsed(response: httpx.Response, check: bool) -> httpx.Response:
    return response  # streaming calls return the response itself


def _next_hop(response: httpx.Response) -> httpx.URL | None:
    """The redirect target of a 3xx, or ``None`` for a 2xx."""
    if response.status_code < 300:
        return None
    location = response.headers.get("location")
    if not location:
        raise ResponseValidationError(
            f"download answered {response.status_code} without a Location header",
            response=response,
        )
    return response.url.join(location)


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


def _destination(dest: DestInput, url: httpx.URL) -> Path:
    path = Path(dest)
    if path.is_dir():
        name = unquote(url.path.rsplit("/", 1)[-1]) or "attachment"
        path = path / Path(name).name
    return path


def _too_many_redirects() -> DevinError:
    return DevinError(f"download: more than {MAX_REDIRECTS} redirects")


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
    def download(self, url: str, dest: None = None) -> bytes: ...
    @overload
    def download(self, url: str, dest: DestInput) -> Path: ...
    @overload
    def download(self, url: str, dest: IO[bytes]) -> int: ...

    def download(self, url: str, dest: DestInput | IO[bytes] | None = None) -> bytes | Path | int:
        """Download an attachment, following the API's 307 to the presigned URL.

        The ``Authorization`` header is sent only to the API's own origin, never to the
        presigned (or any other) host.

        Args:
            url: The attachment URL (``.../v1/attachments/{uuid}/{name}``, or an API path
                starting with ``/``), or a presigned URL.
            dest: A file path to stream the content to (a directory: the URL's file name
                inside it), or a binary file object to stream it into (e.g.
                ``sys.stdout.buffer``). ``None`` returns the content as bytes.

        Returns:
            The bytes, the ``Path`` written, or for a file object the number of bytes written.

        Raises:
            NotFoundError: No such attachment.
            DevinError: Any other failure, including more than 5 redirects.
        """
        _check_dest(dest)
        target: httpx.URL | None = _start_url(self._client, url)
        for _ in range(MAX_REDIRECTS + 1):
            assert target is not None
            response = self._client._request(_hop_call(self._client, target))
            try:
                following = _next_hop(response)
            finally:
                if response.status_code >= 300:
                    response.close()
            if following is None:
                return self._save(response, dest)
            target = following
        raise _too_many_redirects()

    def _save(
        self, response: httpx.Response, dest: DestInput | IO[bytes] | None
    ) -> bytes | Path | int:
        try:
            if dest is None:
                return response.read()
            if not isinstance(dest, str | os.PathLike):  # a binary writer
                written = 0
                for chunk in response.iter_bytes(DOWNLOAD_CHUNK_SIZE):
                    dest.write(chunk)
                    written += len(chunk)
                return written
            path = _destination(dest, response.url)
            part = path.with_name(path.name + ".part")
            try:
                with part.open("wb") as out:
                    for chunk in response.iter_bytes(DOWNLOAD_CHUNK_SIZE):
                        out.write(chunk)
                os.replace(part, path)
            except BaseException:
                part.unlink(missing_ok=True)
                raise
            return path
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
    async def download(self, url: str, dest: None = None) -> bytes: ...
    @overload
    async def download(self, url: str, dest: DestInput) -> Path: ...
    @overload
    async def download(self, url: str, dest: IO[bytes]) -> int: ...

    async def download(
        self, url: str, dest: DestInput | IO[bytes] | None = None
    ) -> bytes | Path | int:
        """Download an attachment; see ``Attachments.download``."""
        _check_dest(dest)
        target: httpx.URL | None = _start_url(self._client, url)
        for _ in range(MAX_REDIRECTS + 1):
            assert target is not None
            response = await self._client._request(_hop_call(self._client, target))
            try:
                following = _next_hop(response)
            finally:
                if response.status_code >= 300:
                    await response.aclose()
            if following is None:
                return await self._save(response, dest)
            target = following
        raise _too_many_redirects()

    async def _save(
        self, response: httpx.Response, dest: DestInput | IO[bytes] | None
    ) -> bytes | Path | int:
        try:
            if dest is None:
                return await response.aread()
            if not isinstance(dest, str | os.PathLike):  # a binary writer
                written = 0
                async for chunk in response.aiter_bytes(DOWNLOAD_CHUNK_SIZE):
                    dest.write(chunk)
                    written += len(chunk)
                return written
            path = _destination(dest, response.url)
            part = path.with_name(path.name + ".part")
            try:
                with part.open("wb") as out:
                    async for chunk in response.aiter_bytes(DOWNLOAD_CHUNK_SIZE):
                        out.write(chunk)
                os.replace(part, path)
            except BaseException:
                part.unlink(missing_ok=True)
                raise
            return path
        except HTTPX_ERRORS as exc:
            raise connection_error(exc, response.request) from exc
        finally:
            await response.aclose()
