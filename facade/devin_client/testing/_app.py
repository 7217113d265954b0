"""The mock's ASGI application: routing, auth, validation and handlers, all driven by the spec.

Request flow: route from the spec's paths (unknown path 404, known path with another method 405)
-> fault policy -> bearer auth (401) -> query/body validation against the spec's schemas (422)
-> handler on the store (404/400/403/409/413 as the spec documents) -> optional response
validation against the spec. Admin endpoints live under ``/_mock`` and presigned downloads under
``/_files``, both outside the spec.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import io
import json
import logging
import secrets
import threading
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import parse_qsl, quote, unquote

import httpx
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from ._faults import FaultPolicy
from ._spec import Operation, Spec, validation_errors
from ._store import AttachmentRecord, MockStore, StoreError

__all__ = ["MockApp", "ResponseValidationError", "ResponseValidationIssue"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

ADMIN_PREFIX: Final = "/_mock"
FILES_PREFIX: Final = "/_files"
PRESIGNED_TTL: Final = 60.0
# Upper bound for JSON bodies: every JSON operation takes small documents.
_MAX_JSON_BODY: Final = 8 * 1024 * 1024
# Room for multipart boundaries and part headers on top of the file-size cap.
_MULTIPART_SLACK: Final = 64 * 1024

logger = logging.getLogger("devin_client.testing")


class _BodyTooLarge(Exception):
    """The request body went past the configured cap."""


@dataclass(frozen=True)
class ResponseValidationIssue:
    """A response the mock sent that does not conform to the spec (a bug in the mock)."""

    operation_id: str
    status: int
    problems: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.operation_id} -> {self.status}: " + "; ".join(self.problems)


class ResponseValidationError(AssertionError):
    """Raised (and recorded) when response validation is on and a response breaks the spec."""


def _error(status: int, detail: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def _unprocessable(errors: list[dict[str, Any]]) -> JSONResponse:
    return JSONResponse({"detail": errors}, status_code=422)


@dataclass
class _Context:
    """Per-request facts the handlers need."""

    request: Request
    operation: Operation
    path: dict[str, str]
    org_id: str
    api_key: str = field(repr=False)
    query: dict[str, Any]
    body: Any


class MockApp:
    """ASGI app of the mock Devin API.

    Args:
        spec: The merged spec.
        store: The state.
        faults: The fault policy.
        keys: Bearer key -> organisation id.
        upload_limit: Largest accepted upload in bytes (larger: 413).
        files_base_url: Origin of presigned download URLs; ``None`` derives one from each
            request's host (``127.0.0.1`` <-> ``localhost``, other hosts ``files.<host>``).
        validate_responses: Check every API response against the spec; a violation is recorded
            in ``issues`` and raised as :class:`ResponseValidationError`.
    """

    def __init__(
        self,
        *,
        spec: Spec,
        store: MockStore,
        faults: FaultPolicy,
        keys: Mapping[str, str],
        upload_limit: int,
        files_base_url: str | None = None,
        validate_responses: bool = False,
    ) -> None:
        self.spec = spec
        self.store = store
        self.faults = faults
        self.keys = dict(keys)
        self.upload_limit = upload_limit
        self.files_base_url = files_base_url.rstrip("/") if files_base_url else None
        self.validate_responses = validate_responses
        self.issues: list[ResponseValidationIssue] = []
        self.unplanned_errors = 0  # handler crashes answered with a 500 (a mock bug)
        self._issues_lock = threading.Lock()
        self._signing_key = secrets.token_bytes(32)
        self._handlers: dict[str, Callable[[_Context], Awaitable[Response]]] = {
            "list_sessions_endpoint_v1_sessions_get": self._list_sessions,
            "create_session_endpoint_v1_sessions_post": self._create_session,
            "get_session_endpoint_v1_sessions__session_id__get": self._get_session,
            "terminate_session_endpoint_v1_sessions__session_id__delete": self._terminate,
            "post_message_to_session_v1_sessions__session_id__message_post": self._message,
            "edit_session_tags_v1_sessions__session_id__tags_put": self._edit_tags,
            "upload_attachment_customer_endpoint_v1_attachments_post": self._upload,
            "download_attachment_customer_endpoint_v1_attachments__uuid___name__get": (
                self._download
            ),
            "list_secrets_v1_secrets_get": self._list_secrets,
            "create_secret_v1_secrets_post": self._create_secret,
            "delete_secret_v1_secrets__secret_id__delete": self._delete_secret,
            "get_all_knowledge_v1_knowledge_get": self._list_knowledge,
            "create_knowledge_v1_knowledge_post": self._create_knowledge,
            "update_knowledge_v1_knowledge__note_id__put": self._update_knowledge,
            "delete_knowledge_v1_knowledge__note_id__delete": self._delete_knowledge,
            "get_playbooks_v1_playbooks_get": self._list_playbooks,
            "create_playbook_v1_playbooks_post": self._create_playbook,
            "get_playbook_v1_playbooks__playbook_id__get": self._get_playbook,
            "update_playbook_v1_playbooks__playbook_id__put": self._update_playbook,
            "delete_playbook_v1_playbooks__playbook_id__delete": self._delete_playbook,
        }
        missing = {op.operation_id for op in spec.operations} - set(self._handlers)
        if missing:  # a spec change added an operation the mock does not serve yet
            raise RuntimeError(f"mock has no handler for: {sorted(missing)}")

    # ---- ASGI entry ----------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":  # websockets: refuse the handshake
            await send({"type": "websocket.close", "code": 1000})
            return
        raw = scope.get("raw_path") or scope["path"].encode("utf-8")
        raw_path = raw.decode("latin-1").split("?", 1)[0]
        request = Request(scope, receive)
        if raw_path == ADMIN_PREFIX or raw_path.startswith(ADMIN_PREFIX + "/"):
            response = await self._admin(request, raw_path[len(ADMIN_PREFIX) :])
            await response(scope, receive, send)
            return
        if raw_path.startswith(FILES_PREFIX + "/"):
            response = self._presigned(request, raw_path[len(FILES_PREFIX) + 1 :])
            await response(scope, receive, send)
            return

        method = scope["method"].upper()
        operation, path_params, path_known = self.spec.resolve(method, raw_path)
        if operation is None:
            if path_known:
                allow = ", ".join(self.spec.allowed_methods(raw_path))
                response = _error(405, "Method Not Allowed", {"Allow": allow})
            else:
                response = _error(404, "Not Found")
            await response(scope, receive, send)
            return

        fault = self.faults.pick(operation.operation_id)
        if fault is not None:
            if fault.kind == "drop":
                await self._drop(scope, receive, send)
                return
            if fault.kind == "slow":
                await asyncio.sleep(fault.delay)
            status = fault.response_status()
            if fault.kind not in {"slow", "truncated_json"} and status is not None:
                await self._drain(receive)
                await _fault_response(fault.kind, status, fault.retry_after)(scope, receive, send)
                return

        response = await self._serve(request, operation, path_params)
        if self.validate_responses:
            self._check_response(operation, response)
        if fault is not None and fault.kind == "truncated_json":
            response = _truncate(response)
        await response(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _drop(self, scope: Scope, receive: Receive, send: Send) -> None:
        # uvicorn's send is a bound method of the request cycle, which holds the transport:
        # closing it ends the connection with no response at all, as a crashed proxy would.
        transport = getattr(getattr(send, "__self__", None), "transport", None)
        if transport is None:
            # In-process (httpx.ASGITransport): the same error a real dropped connection gives.
            request = httpx.Request(scope["method"], str(Request(scope).url))
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        transport.close()
        while (await receive())["type"] != "http.disconnect":
            pass

    @staticmethod
    async def _drain(receive: Receive) -> None:
        # Read and discard the rest of the body so the client never sees a reset mid-upload.
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            more = bool(message.get("more_body", False))

    # ---- the spec-driven pipeline ---------------------------------------------------------

    async def _serve(
        self, request: Request, operation: Operation, path: dict[str, str]
    ) -> Response:
        api_key = _bearer(request.headers.get("authorization"))
        org_id = self.keys.get(api_key) if api_key is not None else None
        if org_id is None or api_key is None:
            await self._drain(request.receive)
            return _error(
                401, "Missing or invalid Authorization header", {"WWW-Authenticate": "Bearer"}
            )
        query, errors = self._parse_query(request, operation)
        body: Any = None
        if operation.body_media_type == "application/json":
            body, body_errors = await self._parse_json(request, operation)
            errors.extend(body_errors)
        elif errors:
            await self._drain(request.receive)
        if errors:
            return _unprocessable(errors)
        ctx = _Context(request, operation, path, org_id, api_key, query, body)
        try:
            return await self._handlers[operation.operation_id](ctx)
        except StoreError as exc:
            return _error(exc.status, exc.detail)
        except Exception as exc:
            # A bug in the mock, never a planned answer: count it so soaks and tests can
            # prove the mock never answered 500 of its own accord (GET /_mock/stats).
            with self._issues_lock:
                self.unplanned_errors += 1
            logger.exception("mock handler crashed in %s", operation.operation_id)
            return _error(500, f"mock internal error ({type(exc).__name__})")

    def _parse_query(
        self, request: Request, operation: Operation
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        pairs = parse_qsl(request.scope.get("query_string", b"").decode("latin-1"), True)
        values: dict[str, list[str]] = {}
        for key, text in pairs:
            values.setdefault(key, []).append(text)
        query: dict[str, Any] = {}
        errors: list[dict[str, Any]] = []
        for param in operation.query:
            raw = values.get(param.name)
            if raw is None:
                continue
            value: Any = [param.coerce(v) for v in raw] if param.is_array else param.coerce(raw[-1])
            found = validation_errors(param.validator.iter_errors(value), ["query", param.name])
            if found:
                errors.extend(found)
            else:
                query[param.name] = value
        return query, errors

    async def _parse_json(
        self, request: Request, operation: Operation
    ) -> tuple[Any, list[dict[str, Any]]]:
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > _MAX_JSON_BODY:
                    await self._drain(request.receive)
                    return None, [_body_error("Body too large", "too_large")]
                chunks.append(chunk)
        except ClientDisconnect:
            return None, [_body_error("Client disconnected", "missing")]
        raw = b"".join(chunks)
        ctype = request.headers.get("content-type", "")
        media = ctype.split(";", 1)[0].strip().lower()
        if not raw:
            return None, [_body_error("Field required", "missing")]
        if media and media != "application/json" and not media.endswith("+json"):
            return None, [
                _body_error(
                    "Input should be a valid dictionary or object to extract fields from",
                    "model_attributes_type",
                )
            ]
        try:
            body = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
            # A lone surrogate ("\ud800") parses in Python but is not Unicode: pydantic's parser
            # rejects it, and answering it back would fail to encode (a 500).
            json.dumps(body, ensure_ascii=False).encode("utf-8")
        except (UnicodeError, ValueError, RecursionError):
            return None, [_body_error("JSON decode error", "json_invalid")]
        return body, validation_errors(operation.body_validator.iter_errors(body), ["body"])

    # ---- response validation -------------------------------------------------------------

    def _check_response(self, operation: Operation, response: Response) -> None:
        problems = self.response_problems(operation, response)
        if not problems:
            return
        issue = ResponseValidationIssue(operation.operation_id, response.status_code, problems)
        with self._issues_lock:
            self.issues.append(issue)
        raise ResponseValidationError(f"mock response breaks the spec: {issue}")

    def response_problems(self, operation: Operation, response: Response) -> tuple[str, ...]:
        """List how a response departs from the spec (empty when it conforms).

        Args:
            operation: The operation that answered.
            response: A buffered (non-streaming) response.

        Returns:
            Human-readable problems.
        """
        status = response.status_code
        documented = self.spec.response_spec(operation, status)
        if documented is None:
            return (f"status {status} is not documented",)
        problems: list[str] = []
        for name, header in documented.get("headers", {}).items():
            if header.get("required") and name.lower() not in response.headers:
                problems.append(f"required header {name} missing")
        content = documented.get("content")
        body = bytes(response.body) if hasattr(response, "body") else b""
        if not content:
            if body:
                problems.append("body present where the spec documents none")
            return tuple(problems)
        ctype = response.headers.get("content-type", "").split(";", 1)[0].strip()
        if ctype not in content:
            problems.append(f"content type {ctype!r} not in {sorted(content)}")
            return tuple(problems)
        try:
            payload = json.loads(body)
        except ValueError:
            return (*problems, "body is not JSON")
        validator = self.spec.response_validator(operation, status, ctype)
        # Responses never carry secret values, so the validator's own messages are safe here.
        problems.extend(
            f"{'/'.join(map(str, e.instance_path)) or '<root>'}: {e.message[:200]}"
            for e in validator.iter_errors(payload)
        )
        return tuple(problems)

    # ---- sessions ------------------------------------------------------------------------

    async def _list_sessions(self, ctx: _Context) -> Response:
        q = ctx.query
        offset = q["skip"] if q.get("skip") is not None else q.get("offset", 0)
        return JSONResponse(
            self.store.list_sessions(
                ctx.org_id,
                limit=q.get("limit", 100),
                offset=offset,
                tags=q.get("tags"),
                user_email=q.get("user_email"),
            )
        )

    async def _create_session(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.create_session(ctx.org_id, ctx.api_key, ctx.body))

    async def _get_session(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.get_session(ctx.org_id, ctx.path["session_id"]))

    async def _terminate(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.terminate(ctx.org_id, ctx.path["session_id"]))

    async def _message(self, ctx: _Context) -> Response:
        sent = self.store.send_message(ctx.org_id, ctx.path["session_id"], ctx.body["message"])
        return JSONResponse(sent)

    async def _edit_tags(self, ctx: _Context) -> Response:
        return JSONResponse(
            self.store.edit_tags(ctx.org_id, ctx.path["session_id"], ctx.body["tags"])
        )

    # ---- attachments ---------------------------------------------------------------------

    async def _upload(self, ctx: _Context) -> Response:
        request = ctx.request
        cap = self.upload_limit
        budget = cap + _MULTIPART_SLACK
        received = 0
        finished = False

        async def counting_receive() -> Message:
            nonlocal received, finished
            message = await request.receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                finished = not message.get("more_body", False)
                if received > budget:
                    raise _BodyTooLarge
            return message

        too_large = _error(413, f"File too large: the upload limit is {cap} bytes")
        counted = Request(request.scope, counting_receive)
        try:
            form = await counted.form(max_files=4, max_fields=16)
        except _BodyTooLarge:
            if not finished:
                await self._drain(request.receive)
            return too_large
        except ClientDisconnect:
            return _unprocessable([_body_error("Client disconnected", "missing")])
        except (
            MultiPartException,
            HTTPException,  # what Starlette raises instead when mounted in a Starlette app
            ValueError,
            KeyError,
            UnicodeError,
            AssertionError,
        ) as exc:
            logger.debug("malformed multipart body: %s", type(exc).__name__)
            if not finished:
                await self._drain(request.receive)
            return _unprocessable([_body_error("Invalid multipart data", "value_error")])
        try:
            upload = next((v for v in form.getlist("file") if isinstance(v, UploadFile)), None)
            if upload is None:
                if "file" in form:
                    msg, kind = "Expected UploadFile, received a plain field", "value_error"
                else:
                    msg, kind = "Field required", "missing"
                return _unprocessable([{"loc": ["body", "file"], "msg": msg, "type": kind}])
            if upload.size is not None and upload.size > cap:
                return too_large
            name = _base_name(upload.filename)
            # The store keeps the parser's spooled file itself (no second copy of a big
            # upload); the form gets an empty stand-in to close.
            spooled, upload.file = upload.file, io.BytesIO()
            try:
                record = await asyncio.to_thread(
                    self.store.add_attachment,
                    ctx.org_id,
                    name,
                    spooled,
                    upload.content_type,
                    take=True,
                )
            except BaseException:
                spooled.close()
                raise
        finally:
            await form.close()
        base = str(request.base_url).rstrip("/")
        return JSONResponse(f"{base}/v1/attachments/{record.uuid}/{quote(record.name, safe='')}")

    async def _download(self, ctx: _Context) -> Response:
        record = self.store.attachment(ctx.org_id, ctx.path["uuid"], ctx.path["name"])
        expires = int(self.store.timestamp() + PRESIGNED_TTL)
        path = "/".join(quote(p, safe="") for p in (record.org_id, record.uuid, record.name))
        signature = self._sign(path, expires)
        origin = self.files_base_url or _other_origin(ctx.request)
        location = f"{origin}{FILES_PREFIX}/{path}?expires={expires}&signature={signature}"
        return Response(status_code=307, headers={"Location": location})

    def _sign(self, path: str, expires: int) -> str:
        message = f"{path}\n{expires}".encode()
        return hmac.new(self._signing_key, message, hashlib.sha256).hexdigest()

    def _presigned(self, request: Request, raw_path: str) -> Response:
        # S3-like: the URL itself is the credential, so an Authorization header is refused.
        if request.method not in {"GET", "HEAD"}:
            return _error(405, "Method Not Allowed", {"Allow": "GET, HEAD"})
        if "authorization" in request.headers:
            return _error(400, "Only one auth mechanism allowed; presigned URLs take no bearer key")
        query = dict(parse_qsl(request.scope.get("query_string", b"").decode("latin-1")))
        try:
            expires = int(query.get("expires", ""))
        except ValueError:
            return _error(403, "Invalid presigned URL")
        if not hmac.compare_digest(self._sign(raw_path, expires), query.get("signature", "")):
            return _error(403, "Invalid presigned URL")
        if self.store.timestamp() > expires:
            return _error(403, "Request has expired")
        parts = [unquote(p) for p in raw_path.split("/")]
        if len(parts) != 3:
            return _error(404, "Not Found")
        try:
            record = self.store.attachment(parts[0], parts[1], parts[2])
        except StoreError as exc:
            return _error(exc.status, exc.detail)
        headers = {
            "Content-Length": str(record.size),
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(record.name, safe='')}",
        }
        media = record.content_type or "application/octet-stream"
        if request.method == "HEAD":
            return Response(status_code=200, headers=headers, media_type=media)
        return StreamingResponse(_chunks(record), headers=headers, media_type=media)

    # ---- secrets, knowledge, playbooks ---------------------------------------------------

    async def _list_secrets(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.list_secrets(ctx.org_id))

    async def _create_secret(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.create_secret(ctx.org_id, ctx.body), status_code=201)

    async def _delete_secret(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.delete_secret(ctx.org_id, ctx.path["secret_id"]))

    async def _list_knowledge(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.list_knowledge(ctx.org_id))

    async def _create_knowledge(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.put_knowledge(ctx.org_id, ctx.body))

    async def _update_knowledge(self, ctx: _Context) -> Response:
        note_id = ctx.path["note_id"]
        return JSONResponse(self.store.put_knowledge(ctx.org_id, ctx.body, note_id=note_id))

    async def _delete_knowledge(self, ctx: _Context) -> Response:
        self.store.delete_knowledge(ctx.org_id, ctx.path["note_id"])
        return Response(status_code=204)

    async def _list_playbooks(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.list_playbooks(ctx.org_id))

    async def _create_playbook(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.create_playbook(ctx.org_id, ctx.body))

    async def _get_playbook(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.get_playbook(ctx.org_id, ctx.path["playbook_id"]))

    async def _update_playbook(self, ctx: _Context) -> Response:
        playbook_id = ctx.path["playbook_id"]
        return JSONResponse(self.store.update_playbook(ctx.org_id, playbook_id, ctx.body))

    async def _delete_playbook(self, ctx: _Context) -> Response:
        return JSONResponse(self.store.delete_playbook(ctx.org_id, ctx.path["playbook_id"]))

    # ---- admin (outside the spec) --------------------------------------------------------

    async def _admin(self, request: Request, sub: str) -> Response:
        method = request.method
        try:
            body: Any = None
            if method in {"POST", "PUT"}:
                raw = await request.body()
                body = json.loads(raw) if raw else {}
            if sub == "/health" and method == "GET":
                return JSONResponse({"status": "ok"})
            if sub == "/reset" and method == "POST":
                self.store.reset()
                self.faults.clear()
                with self._issues_lock:
                    self.issues.clear()
                    self.unplanned_errors = 0
                return JSONResponse({"status": "ok"})
            if sub == "/faults":
                if method == "GET":
                    return JSONResponse([f.to_dict() for f in self.faults.all])
                if method == "POST":
                    if not isinstance(body, dict):
                        raise ValueError("body must be a JSON object")
                    return JSONResponse(self.faults.add_from_dict(body).to_dict(), 201)
                if method == "DELETE":
                    self.faults.clear()
                    return JSONResponse({"status": "ok"})
            if sub.startswith("/faults/") and method == "DELETE":
                self.faults.remove(int(sub.removeprefix("/faults/")))
                return JSONResponse({"status": "ok"})
            if sub.startswith("/sessions/") and method == "POST":
                session_id, _, action = sub.removeprefix("/sessions/").partition("/")
                session_id = unquote(session_id)
                if action == "script" and isinstance(body, dict):
                    steps = self.store.script_session(session_id, body.get("steps", []))
                    return JSONResponse({"pending": len(steps)})
                if action == "advance" and isinstance(body, dict):
                    count = body.get("steps", 1)
                    if not isinstance(count, int):
                        raise ValueError("'steps' must be an integer")
                    return JSONResponse(self.store.advance_session(session_id, count))
            if sub == "/clock" and method == "POST" and isinstance(body, dict):
                seconds = body.get("advance", 0)
                if not isinstance(seconds, int | float) or not abs(seconds) <= 10 * 365 * 86400:
                    raise ValueError("'advance' must be a number of seconds (up to 10 years)")
                self.store.advance_clock(float(seconds))
                return JSONResponse({"now": self.store.now().isoformat()})
            if sub == "/permissions" and method == "POST" and isinstance(body, dict):
                self.store.set_permissions(
                    str(body["org_id"]),
                    terminate_sessions=body.get("terminate_sessions"),
                    manage_playbooks=body.get("manage_playbooks"),
                )
                return JSONResponse({"status": "ok"})
            if sub == "/issues" and method == "GET":
                with self._issues_lock:
                    return JSONResponse([str(i) for i in self.issues])
            if sub == "/stats" and method == "GET":
                with self._issues_lock:
                    return JSONResponse(
                        {
                            "unplanned_errors": self.unplanned_errors,
                            "response_issues": len(self.issues),
                            "faults": [f.to_dict() for f in self.faults.all],
                        }
                    )
        except StoreError as exc:
            return _error(exc.status, exc.detail)
        except (ValueError, KeyError, TypeError) as exc:
            return _error(400, f"bad admin request: {exc}")
        return _error(404, "Not Found")


def _bearer(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def _body_error(msg: str, kind: str) -> dict[str, Any]:
    return {"loc": ["body"], "msg": msg, "type": kind}


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN/Infinity; JSON does not.
    raise ValueError(f"invalid JSON constant {name}")


def _base_name(filename: str | None) -> str:
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name if name not in {"", ".", ".."} else "file"


def _other_origin(request: Request) -> str:
    url = request.base_url
    host = url.hostname or "localhost"
    other = {"127.0.0.1": "localhost", "localhost": "127.0.0.1"}.get(host, f"files.{host}")
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{other}{port}"


def _fault_response(kind: str, status: int, retry_after: float | None) -> Response:
    headers: dict[str, str] = {}
    if kind == "rate_limit" and retry_after is None:
        retry_after = 1.0
    if retry_after is not None:
        headers["Retry-After"] = _retry_after_text(retry_after)
    if kind == "html_error":
        html = (
            f"<html><head><title>{status} Bad Gateway</title></head>"
            f"<body><center><h1>{status} Bad Gateway</h1></center><hr>"
            "<center>nginx</center></body></html>"
        )
        return Response(html, status_code=status, headers=headers, media_type="text/html")
    detail = {
        429: "Too many requests; retry later",
        500: "Internal Server Error",
        502: "Bad Gateway",
        503: "Service temporarily unavailable",
    }.get(status, "Injected fault")
    return _error(status, detail, headers)


def _retry_after_text(seconds: float) -> str:
    # Retry-After is delay-seconds (an integer) by RFC 9110; keep sub-second values readable.
    return str(int(seconds)) if float(seconds).is_integer() else f"{seconds:g}"


def _truncate(response: Response) -> Response:
    body = bytes(response.body)
    cut = body[: max(1, len(body) // 2)] if len(body) > 1 else b"{"
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    return Response(cut, status_code=response.status_code, headers=headers)


async def _chunks(record: AttachmentRecord) -> Any:
    offset = 0
    while True:
        chunk = await asyncio.to_thread(_read_at, record, offset)
        if not chunk:
            return
        offset += len(chunk)
        yield chunk


_read_lock = threading.Lock()


def _read_at(record: AttachmentRecord, offset: int) -> bytes:
    # One shared file object per attachment: seek+read under a lock so downloads don't interleave.
    with _read_lock:
        record.file.seek(offset)
        return record.file.read(256 * 1024)
