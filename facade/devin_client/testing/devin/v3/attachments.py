"""v3 attachments: upload (answers ``{attachment_id, name, url}``) and download (307 to a
presigned URL on another origin, as v1's).

An upload is the organisation's, whichever version made it: v1's ``/v1/attachments/{uuid}/
{name}`` and v3's ``/v3/organizations/{org_id}/attachments/{uuid}/{name}`` name the same file,
and its ``attachment_id`` is the uuid. The ``url`` is v3's download path, usable in
``attachment_urls``.
"""

from __future__ import annotations

import asyncio
import io
from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile

from ..._kernel.api import Call, Reply
from ..attachments import base_name
from ..backend import DevinBackend
from ._base import V3Handlers, org
from .permissions import USE_SESSIONS, VIEW_SESSIONS

__all__ = ["handlers"]

handlers = V3Handlers()

ATTACHMENTS = "/v3/organizations/{org_id}/attachments"


@handlers(f"POST {ATTACHMENTS}", needs=USE_SESSIONS)
async def upload(call: Call[DevinBackend]) -> Any:
    file: UploadFile = call.body["file"]
    state = org(call)
    # The store keeps the parser's spooled file itself (no second copy of a big upload); the
    # form gets an empty stand-in to close.
    spooled, file.file = file.file, io.BytesIO()
    try:
        record = await asyncio.to_thread(
            state.attachments.add,
            state.org_id,
            base_name(file.filename),
            spooled,
            file.content_type,
            take=True,
        )
    except BaseException:
        spooled.close()
        raise
    base = str(call.request.base_url).rstrip("/")
    org_id, uuid, name = (quote(p, safe="") for p in (state.org_id, record.uuid, record.name))
    url = f"{base}/v3/organizations/{org_id}/attachments/{uuid}/{name}"
    return {"attachment_id": record.uuid, "name": record.name, "url": url}


@handlers(f"GET {ATTACHMENTS}/{{uuid}}/{{name}}", needs=VIEW_SESSIONS)
def download(call: Call[DevinBackend]) -> Any:
    record = org(call).attachments.find(call.path["uuid"], call.path["name"])
    return Reply(status=307, headers={"Location": call.state.presigner.url(record, call.request)})
