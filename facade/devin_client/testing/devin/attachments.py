"""Attachments: one organisation's uploaded files, and the presigned URLs that serve them.

Uploads stream into spooled temporary files (small in memory, large on disk) and are read back
in chunks, so a 1 GiB upload costs a few MiB of memory. A download through any API version is
a redirect to a presigned URL under :data:`FILES_PREFIX` on another origin: the URL is the
credential (an HMAC of the path and its expiry, valid :data:`PRESIGNED_TTL` seconds).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import math
import secrets
import tempfile
import threading
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Final
from urllib.parse import quote

from .._kernel.errors import Aborted
from .._kernel.hosts import other_origin_host
from ._shared import NotFound, Shared

if TYPE_CHECKING:
    from starlette.requests import Request

__all__ = [
    "FILES_PREFIX",
    "PRESIGNED_TTL",
    "UPLOAD_ANSWERS",
    "AttachmentRecord",
    "Attachments",
    "Presigner",
    "base_name",
    "chunks",
]

FILES_PREFIX: Final = "/_files"
PRESIGNED_TTL: Final = 60.0
UPLOAD_ANSWERS: Final = ("json", "text")
"""How v1's upload may answer the URL: a JSON string (the spec) or ``text/plain``."""


@dataclass
class AttachmentRecord:
    """An uploaded file, kept in a spooled temporary file (small in memory, large on disk)."""

    uuid: str
    name: str
    org_id: str
    size: int
    sha256: str
    content_type: str | None
    file: IO[bytes] = field(repr=False)

    def read(self) -> bytes:
        """Return the whole content (for tests; avoid on huge files)."""
        self.file.seek(0)
        return self.file.read()


class Attachments(dict[tuple[str, str], AttachmentRecord]):
    """One organisation's uploads (a dict: ``(uuid, name)`` -> record)."""

    def __init__(self, shared: Shared) -> None:
        super().__init__()
        self._shared = shared

    def add(
        self,
        org_id: str,
        name: str,
        source: IO[bytes],
        content_type: str | None,
        *,
        take: bool = False,
    ) -> AttachmentRecord:
        """Store an uploaded file, reading it in chunks (never whole in memory).

        Args:
            org_id: The organisation.
            name: The file name (already reduced by :func:`base_name`).
            source: A readable binary file.
            content_type: The part's content type.
            take: Keep ``source`` itself (closed on reset) instead of copying it into a new
                spooled temporary file; saves a second pass over large uploads.

        Returns:
            The stored record.
        """
        target: IO[bytes] = (
            source if take else tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115
        )
        digest = hashlib.sha256()
        size = 0
        source.seek(0)
        while chunk := source.read(1024 * 1024):
            digest.update(chunk)
            if not take:
                target.write(chunk)
            size += len(chunk)
        record = AttachmentRecord(
            uuid=str(uuid.uuid4()),
            name=name,
            org_id=org_id,
            size=size,
            sha256=digest.hexdigest(),
            content_type=content_type,
            file=target,
        )
        with self._shared.lock:
            self[(record.uuid, name)] = record
        return record

    def find(self, file_uuid: str, name: str) -> AttachmentRecord:
        """An upload of this organisation.

        Raises:
            NotFound: Not in this organisation.
        """
        with self._shared.lock:
            record = self.get((file_uuid, name))
        if record is None:
            raise NotFound("Attachment")
        return record

    def close(self) -> None:
        """Close every stored file."""
        for record in self.values():
            record.file.close()


class Presigner:
    """Signs and checks presigned download URLs (a fresh key per mock).

    Attributes:
        base_url: Origin of the URLs; ``None`` derives one from each request's host:
            ``127.0.0.1`` and ``localhost`` swap, an IPv6 literal is written the other way,
            any other host ``H`` becomes ``files.H`` (the path is always served by this mock).
    """

    def __init__(self, shared: Shared, base_url: str | None = None) -> None:
        self._shared = shared
        self._key = secrets.token_bytes(32)
        self.base_url = base_url

    def url(self, record: AttachmentRecord, request: Request) -> str:
        """A presigned URL of ``record``, valid for at least the full TTL."""
        # Rounded up: valid for at least the full TTL (rounding down cut up to a second off it).
        expires = math.ceil(self._shared.timestamp() + PRESIGNED_TTL)
        path = "/".join(quote(p, safe="") for p in (record.org_id, record.uuid, record.name))
        signature = self._sign(path, expires)
        origin = self.base_url or _other_origin(request)
        return f"{origin}{FILES_PREFIX}/{path}?expires={expires}&signature={signature}"

    def check(self, path: str, expires: int, signature: str) -> str | None:
        """Why a presigned request is refused (403), or ``None``.

        Args:
            path: The path after :data:`FILES_PREFIX`, as sent (percent-encoded).
            expires: Its ``expires`` parameter.
            signature: Its ``signature`` parameter.
        """
        if not hmac.compare_digest(self._sign(path, expires), signature):
            return "Invalid presigned URL"
        if self._shared.timestamp() > expires:
            return "Request has expired"
        return None

    def _sign(self, path: str, expires: int) -> str:
        message = f"{path}\n{expires}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()


def _other_origin(request: Request) -> str:
    url = request.base_url
    host = url.hostname or "localhost"
    other = other_origin_host(host) or f"files.{host}"
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{other}{port}"


def base_name(filename: str | None) -> str:
    """The name an upload is stored under: its last path component, never empty or a dot."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name if name not in {"", ".", ".."} else "file"


async def chunks(record: AttachmentRecord) -> AsyncIterator[bytes]:
    """The bytes of an attachment, read off the event loop.

    Exactly ``size`` bytes (the Content-Length sent): no read after the last one, which could
    come after the client, done, let its test reset the store and close the file.

    Raises:
        Aborted: The store was reset during the download (the connection is cut).
    """
    offset = 0
    while offset < record.size:
        chunk = await asyncio.to_thread(_read_at, record, offset)
        if not chunk:
            break
        offset += len(chunk)
        yield chunk
    if offset < record.size:
        raise Aborted("the attachment was removed (store reset) during its download")


_read_lock = threading.Lock()


def _read_at(record: AttachmentRecord, offset: int) -> bytes:
    # One shared file object per attachment: seek+read under a lock so downloads don't interleave.
    with _read_lock:
        if record.file.closed:  # the store was reset meanwhile
            return b""
        record.file.seek(offset)
        return record.file.read(min(256 * 1024, record.size - offset))
