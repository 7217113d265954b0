"""``client.attachments``: upload files for sessions and messages, download a session's files."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, overload

import httpx
from devin_api_v3.api.attachments import (
    handle_download_attachment_v3_organizations_org_id_attachments_uuid_name_get as _download_op,
)
from devin_api_v3.api.attachments import (
    handle_upload_attachment_v3_organizations_org_id_attachments_post as _upload_op,
)
from devin_api_v3.models import AttachmentResponse, UploadAttachmentBody
from devin_api_v3.types import File

from .._core import _files
from .._core._args import model
from .._core._attachments import check_url
from .._core._exceptions import DevinValidationError
from .._core._files import DestInput, DownloadRoute, ProgressFn, UploadInput, UploadPart
from .._core._flows import Flow
from .._core._pipeline import BaseClient, Call
from .._core._spec import Check, ResponseSchemaError
from ._client import ORG_SLOT, org_of, organisation

if TYPE_CHECKING:
    from ._client import AsyncDevin, Devin, V3Client

__all__ = ["AsyncAttachments", "Attachments"]

_parse_model = model(AttachmentResponse)


def _parse_upload(response: httpx.Response, check: Check) -> AttachmentResponse:
    # The JSON object whatever the Content-Type says (a server labelling it text/plain included);
    # its url is the bare URL that goes in attachment_urls or an ATTACHMENT:"url" line: one in
    # quotes (a JSON string used as text), relative, or breaking the line is a bad response.
    uploaded = _parse_model(response, check)
    try:
        check_url(uploaded.url, "body.url")
    except DevinValidationError as exc:
        raise ResponseSchemaError(f"body.url: {exc.problem}") from None
    return uploaded


def upload_call(org: str, part: UploadPart) -> Call[AttachmentResponse]:
    """The upload of one file (a multipart body with the field ``file``)."""
    name, source, content_type = part
    body = UploadAttachmentBody(file=File(payload=source, file_name=name, mime_type=content_type))
    return Call(_upload_op.OPERATION, _upload_op.build_request(org, body=body), parse=_parse_upload)


def upload(
    client: BaseClient, org: str, file: Any, filename: Any, on_progress: Any
) -> Flow[AttachmentResponse]:
    """The flow of an upload to ``org`` (the input checked and opened now)."""
    return _files.upload(client, functools.partial(upload_call, org), file, filename, on_progress)


def _uploaded_url(client: BaseClient, org: str, path: Path) -> Flow[str]:
    uploaded = yield from upload(client, org, path, None, None)
    return uploaded.url


def upload_url(org: str) -> Any:
    """For ``_files.attach``: the flow uploading a local file, giving its URL."""
    return lambda client, path: _uploaded_url(client, org, path)


@functools.lru_cache(maxsize=16)
def _route(org: str) -> DownloadRoute:
    # The organisation's attachment URLs, {base_url}/v3/organizations/{org}/attachments/{uuid}/
    # {name}: the prefix as the generated build_request writes it (percent-encoded).
    prefix = _download_op.build_request(org, "uuid", "name")["url"].rsplit("/", 2)[0] + "/"
    return DownloadRoute(
        _download_op.OPERATION, prefix, functools.partial(_download_op.build_request, org)
    )


def _download(client: V3Client, url: Any, dest: Any, overwrite: Any) -> Flow[bytes | Path | int]:
    org = client._org.value
    if org is not None:
        return _files.download(client, _route(org), url, dest, overwrite)
    # The key may go only to this organisation's attachment URLs: the organisation is learned
    # first. The arguments are checked before that (the flow made here is never run).
    _files.download(client, _route(ORG_SLOT), url, dest, overwrite).close()
    return _downloading_in_organisation(client, url, dest, overwrite)


def _downloading_in_organisation(
    client: V3Client, url: Any, dest: Any, overwrite: Any
) -> Flow[bytes | Path | int]:
    org = yield from organisation(client)
    return (yield from _files.download(client, _route(org), url, dest, overwrite))


class Attachments:
    """``client.attachments`` of a ``devin_client.v3.Devin``."""

    def __init__(self, client: Devin) -> None:
        self._client = client

    def upload(
        self,
        file: UploadInput,
        *,
        filename: str | None = None,
        on_progress: ProgressFn | None = None,
    ) -> AttachmentResponse:
        """Upload a file; pass its ``url`` in ``sessions.create(attachments=[...])`` or a
        message's ``attachments`` (or give those the local path: it is uploaded for you).

        The file is streamed in chunks, never read into memory whole. Not retried once it may
        have reached the server.

        Args:
            file: A path, ``bytes``, or a binary file object (read from its start).
            filename: The name sent (default: the path's or file object's base name, else
                ``"attachment"``).
            on_progress: Called as ``on_progress(bytes_sent, total_bytes_or_None)``.

        Returns:
            The generated ``AttachmentResponse`` (``attachment_id``, ``name``, ``url``: the
            bare URL, whatever ``Content-Type`` the API labelled its JSON with).

        Raises:
            ResponseValidationError: The API's answer is not that object, or its ``url`` is not
                a bare absolute http(s) URL (in quotes, relative, holding a line break).
            DevinValidationError: A missing file, a text-mode file object, a bad filename.
            PermissionDeniedError: The key lacks ``UseDevinSessions``.
            DevinError: Any other failure.
        """
        client = self._client
        return client._run(upload(client, org_of(client), file, filename, on_progress))

    @overload
    def download(self, url: str, dest: None = None, *, overwrite: bool = False) -> bytes: ...
    @overload
    def download(self, url: str, dest: DestInput, *, overwrite: bool = False) -> Path: ...
    @overload
    def download(self, url: str, dest: IO[bytes], *, overwrite: bool = False) -> int: ...

    def download(
        self, url: str, dest: DestInput | IO[bytes] | None = None, *, overwrite: bool = False
    ) -> bytes | Path | int:
        """Download an attachment, following the API's 307 to the presigned URL, with the
        safety of ``devin_client.Devin.attachments.download``.

        The key goes only to this organisation's attachment paths on the API
        (``.../v3/organizations/{org_id}/attachments/{uuid}/{name}``), and only while the
        redirect chain has never left the API's origin; never to the presigned host. A
        redirect from https to plain http is refused; at most 5 redirects.

        Args:
            url: An attachment's ``url`` (from ``upload`` or ``sessions.attachments``), an API
                path starting with ``/``, or a presigned URL.
            dest: A file path; a folder (the file takes the name of ``url``, or the API's own
                ``Content-Disposition``); a binary file object; or ``None`` for the bytes.
                A file is written to a temporary file beside it and moved into place when
                complete.
            overwrite: Replace an existing file (never touched without it).

        Returns:
            The bytes, the ``Path`` written, or for a file object the number of bytes written.

        Raises:
            DevinValidationError: A bad ``url``, ``dest`` or ``overwrite``; nothing was sent.
            DownloadError: The file exists (``.path``), an unsafe name, https -> http, too
                many redirects, or the file cannot be written; nothing was written.
            NotFoundError: No such attachment.
            DevinError: Any other failure.
        """
        return self._client._run(_download(self._client, url, dest, overwrite))


class AsyncAttachments:
    """``client.attachments`` of a ``devin_client.v3.AsyncDevin``: ``Attachments``, awaited."""

    def __init__(self, client: AsyncDevin) -> None:
        self._client = client

    async def upload(
        self,
        file: UploadInput,
        *,
        filename: str | None = None,
        on_progress: ProgressFn | None = None,
    ) -> AttachmentResponse:
        """Upload a file; see ``Attachments.upload``."""
        client = self._client
        return await client._run(upload(client, org_of(client), file, filename, on_progress))

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
