"""Routes of the Devin mock outside the specs: its admin API (scripting sessions, existing or
next, the clock, permissions, v3 platforms, settings, the files a session received) and the
presigned downloads that stand in for S3."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, quote

from starlette.responses import Response, StreamingResponse

from .._kernel.admin import ADMIN_PREFIX, json_object
from .._kernel.errors import HttpError
from .._kernel.inputs import DIGITS
from .._kernel.routes import Route, RouteCall
from .attachments import FILES_PREFIX, UPLOAD_ANSWERS, chunks
from .store import MockStore

__all__ = ["routes"]


def routes(store: MockStore) -> list[Route]:
    """The Devin mock's own routes, working on ``store``."""

    def script(call: RouteCall) -> Any:
        steps = json_object(call.body).get("steps", [])
        if not isinstance(steps, list):
            raise ValueError("'steps' must be a list of step objects")
        return {"pending": len(store.script_session(call.params["session_id"], steps))}

    def script_next(call: RouteCall) -> Any:
        body = json_object(call.body)
        steps, org_id = body.get("steps", []), body.get("org_id")
        if not isinstance(steps, list):
            raise ValueError("'steps' must be a list of step objects")
        if org_id is not None and (not isinstance(org_id, str) or not org_id):
            raise ValueError("'org_id' must be a non-empty string")
        return {"queued": len(store.script_next_session(steps, org_id=org_id))}

    def advance(call: RouteCall) -> Any:
        count = json_object(call.body).get("steps", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValueError("'steps' must be an integer >= 0")
        return store.advance_session(call.params["session_id"], count)

    def clock(call: RouteCall) -> Any:
        store.advance_clock(json_object(call.body).get("advance", 0))
        return {"now": store.now().isoformat()}

    def permissions(call: RouteCall) -> Any:
        body = json_object(call.body)
        org_id = body.get("org_id")
        if not isinstance(org_id, str) or not org_id:
            raise ValueError("'org_id' must be a non-empty string")
        flags = {k: body.get(k) for k in ("terminate_sessions", "manage_playbooks")}
        if any(v is not None and not isinstance(v, bool) for v in flags.values()):
            raise ValueError("'terminate_sessions' and 'manage_playbooks' must be booleans")
        store.set_permissions(org_id, **flags)
        return {"status": "ok"}

    def platforms(call: RouteCall) -> Any:
        body = json_object(call.body)
        org_id, labels = body.get("org_id"), body.get("platforms")
        if not isinstance(org_id, str) or not org_id:
            raise ValueError("'org_id' must be a non-empty string")
        if not isinstance(labels, list):
            raise ValueError("'platforms' must be a list of non-empty strings")
        store.set_platforms(org_id, labels)
        return {"status": "ok"}

    def settings(call: RouteCall) -> Any:
        body = json_object(call.body)
        unknown = set(body) - {"foreign_org_status", "tag_overflow", "upload_answer", "pace"}
        if unknown:
            raise ValueError(f"unknown settings: {sorted(unknown)}")
        status = body.get("foreign_org_status", store.foreign_org_status)
        overflow = body.get("tag_overflow", store.tag_overflow)
        upload = body.get("upload_answer", store.upload_answer)
        if type(status) is not int or status not in (403, 404):  # not 403.0, not True
            raise ValueError("'foreign_org_status' must be 403 or 404")
        if overflow not in ("reject", "cap"):
            raise ValueError("'tag_overflow' must be 'reject' or 'cap'")
        if upload not in UPLOAD_ANSWERS:
            raise ValueError("'upload_answer' must be 'json' or 'text'")
        if "pace" in body:  # first: a refused pace (400) leaves every setting as it was
            store.pace = body["pace"]  # ValueError (400) unless seconds >= 0 or null
        store.foreign_org_status = 403 if status == 403 else 404
        store.tag_overflow = overflow
        store.upload_answer = upload
        return {
            "foreign_org_status": status,
            "tag_overflow": overflow,
            "upload_answer": upload,
            "pace": store.pace,
        }

    def session_attachments(call: RouteCall) -> Any:
        return [f.to_dict() for f in store.session_attachments(call.params["session_id"])]

    def download(call: RouteCall) -> Response:
        # S3-like: the URL itself is the credential, so an Authorization header is refused.
        request = call.request
        if "authorization" in request.headers:
            detail = "Only one auth mechanism allowed; presigned URLs take no bearer key"
            raise HttpError(400, detail)
        query = dict(parse_qsl(request.scope.get("query_string", b"").decode("latin-1")))
        expires = query.get("expires", "")
        if not DIGITS.fullmatch(expires):
            raise HttpError(403, "Invalid presigned URL")
        path = call.raw_path.removeprefix(FILES_PREFIX + "/")
        refused = store.presigner.check(path, int(expires), query.get("signature", ""))
        if refused is not None:
            raise HttpError(403, refused)
        params = call.params
        record = store.attachment(params["org_id"], params["uuid"], params["name"])
        headers = {
            "Content-Length": str(record.size),
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(record.name, safe='')}",
        }
        media = record.content_type or "application/octet-stream"
        if request.method == "HEAD":
            return Response(status_code=200, headers=headers, media_type=media)
        return StreamingResponse(chunks(record), headers=headers, media_type=media)

    admin = ADMIN_PREFIX
    return [
        Route(("POST",), f"{admin}/sessions/{{session_id}}/script", script),
        Route(("POST",), f"{admin}/next-session/script", script_next),
        Route(("POST",), f"{admin}/sessions/{{session_id}}/advance", advance),
        Route(("GET",), f"{admin}/sessions/{{session_id}}/attachments", session_attachments),
        Route(("POST",), f"{admin}/clock", clock),
        Route(("POST",), f"{admin}/permissions", permissions),
        Route(("POST",), f"{admin}/platforms", platforms),
        Route(("POST",), f"{admin}/settings", settings),
        Route(("GET", "HEAD"), f"{FILES_PREFIX}/{{org_id}}/{{uuid}}/{{name}}", download),
    ]
