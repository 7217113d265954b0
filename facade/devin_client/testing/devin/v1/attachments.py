"""v1 attachments: upload (answers the file's URL as a JSON string, or as ``text/plain`` when
``upload_answer`` is ``"text"``) and download (307 to a presigned URL on another origin)."""

from __future__ import annotations

import asyncio
import io
from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile

from ..._kernel.api import Call, Handlers, Reply
from ..attachments import base_name
from ..backend import DevinBackend

__all__ = ["handlers"]

handlers = Handlers[DevinBackend]()


@handlers("POST /v1/attachments")
async def upload(call: Call[DevinBackend]) -> Any:
    file: UploadFile = call.body["file"]
    org_id = call.principal.org_id
    # The store keeps the parser's spooled file itself (no second copy of a big upload); the
    # form gets an empty stand-in to close.
    spooled, file.file = file.file, io.BytesIO()
    add = call.state.org(org_id).attachments.add
    try:
        record = await asyncio.to_thread(
            add, org_id, base_name(file.filename), spooled, file.content_type, take=True
        )
    except BaseException:
        spooled.close()
        raise
    base = str(call.request.base_url).rstrip("/")
    url = f"{base}/v1/attachments/{record.uuid}/{quote(record.name, safe='')}"
    return Reply(url, text=True) if call.state.upload_answer == "text" else url


@handlers("GET /v1/attachments/{uuid}/{name}")
def download(call: Call[DevinBackend]) -> Any:
    attachments = call.state.org(call.principal.org_id).attachments
    record = attachments.find(call.path["uuid"], call.path["name"])
    return Reply(status=307, headers={"Location": call.state.presigner.url(record, call.request)})
