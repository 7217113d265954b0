"""``client.attachments``: upload files for Devin, download the files it produced."""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, overload

import httpx
from devin_api.api.attachments import (
    download_attachment_customer_endpoint_v1_attachments_uuid_name_get as _download_op,
)
from devin_api.api.attachments import (
    upload_attachment_customer_endpoint_v1_attachments_post as _upload_op,
)
from devin_api.models import UploadAttachmentBody
from devin_api.types import File

from .._core import _files
from .._core._attachments import check_url
from .._core._files import DestInput, DownloadRoute, ProgressFn, UploadInput, UploadPart
from .._core._flows import Flow
from .._core._pipeline import BaseClient, Call
from .._core._spec import Check, ResponseSchemaError

if TYPE_CHECKING:
    from ._client import AsyncDevin, Devin

__all__ = ["AsyncAttachments", "Attachments", "ProgressFn", "UploadInput"]


def _parse_upload(response: httpx.Response, check: Check) -> str:
    # The spec says a JSON string; the docs read `response.text` (legacy text/plain): take both,
    # and a JSON string sent as text/plain too. The caller gets the bare URL either way (the
    # docs' `response.text` of a JSON answer is the URL in quotes: a line Devin ignores).
    text = None
    if "json" not in response.headers.get("content-type", ""):
        text = response.text.strip()
    if text is None or (len(text) > 1 and text[0] == text[-1] == '"'):
        url = response.json()
        check(url)
    else:
        url = text
    if not isinstance(url, str):
        raise ResponseSchemaError(f"body: must be the file URL, not {type(url).__name__}")
    return check_url(url, "body")  # a DevinValidationError is a ValueError: a bad response


def _upload_call(part: UploadPart) -> Call[str]:
    name, source, content_type = part
    body = UploadAttachmentBody(file=File(payload=source, file_name=name, mime_type=content_type))
    return Call(_upload_op.OPERATION, _upload_op.build_request(body=body), parse=_parse_upload)


def _upload(client: BaseClient, file: Any, filename: Any, on_progress: Any) -> Flow[str]:
    return _files.upload(client, _upload_call, file, filename, on_progress)


# The API's own attachment URLs, {base_url}/v1/attachments/{uuid}/{name}, from the download
# operation's generated facts (so from the spec).
_ROUTE = DownloadRoute.of(_download_op.OPERATION, _download_op.build_request)


def _download(client: BaseClient, url: Any, dest: Any, overwrite: Any) -> Flow[bytes | Path | int]:
    return _files.download(client, _ROUTE, url, dest, overwrite)


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
        return self._client._run(_upload(self._client, file, filename, on_progress))

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
        return self._client._run(_download(self._client, url, dest, overwrite))


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
        return await self._client._run(_upload(self._client, file, filename, on_progress))

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
        return await self._client._run(_download(self._client, url, dest, overwrite))
