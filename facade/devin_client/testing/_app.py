"""The mock's ASGI application: routing, auth, validation and handlers, all driven by the spec.

Request flow: route from the spec's paths (unknown path 404, known path with another method 405)
-> fault policy -> bearer auth (401) -> query/body validation against the spec's schemas (422)
-> handler on the store (404/400/403/409/413 as the spec documents) -> optional response
validation against the spec. Admin endpoints live under ``/_mock`` and presigned downloads under
``/_files``, both outside the spec.

Nothing a client sends can make the mock answer 500 or hang: bodies are capped (413 as soon as
the cap is known to be passed, without reading the rest), JSON is parsed with bounded depth and
finite numbers only, and every route (API, admin, presigned files, faults) runs inside one
guard that turns an unplanned exception into a counted 500 (``unplanned_errors``,
``GET /_mock/stats``): the fixture and the soak fail on that count.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import io
import json
import logging
import math
import re
import secrets
import threading
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Final
from urllib.parse import parse_qsl, quote, unquote

import httpx
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from ._faults import FaultPolicy
from ._hosts import hostname_of, is_loopback, other_origin_host, same_host
from ._json import BadJSON, load_json
from ._spec import Operation, Spec
from ._store import AttachmentRecord, MockStore, StoreError

__all__ = ["MockApp", "ResponseValidationError", "ResponseValidationIssue"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

ADMIN_PREFIX: Final = "/_mock"
FILES_PREFIX: Final = "/_files"
PRESIGNED_TTL: Final = 60.0
# Upper bound for JSON bodies (API and admin): every JSON operation takes small documents.
_MAX_JSON_BODY: Final = 8 * 1024 * 1024
# Room for multipart boundaries and part headers on top of the file-size cap.
_MULTIPART_SLACK: Final = 64 * 1024
_DIGITS: Final = re.compile(r"\d{1,18}")

logger = logging.getLogger("devin_client.testing")


class _BodyTooLarge(Exception):
    """The request body is past the cap (known from ``Content-Length`` or from reading)."""

    def __init__(self, cap: int) -> None:
        super().__init__(cap)
        self.cap = cap


class _Dropped(httpx.RemoteProtocolError):
    """The ``drop`` fault in-process: the error a real dropped connection gives."""


class _TrackedSend:
    """``send`` that remembers whether the response has started (so a crash can still 500)."""

    def __init__(self, send: Send) -> None:
        self.inner = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.inner(message)


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
        tracked = _TrackedSend(send)
        try:
            await self._dispatch(scope, receive, tracked)
        except (ResponseValidationError, _Dropped):
            raise  # planned: both are how the mock reports what it was asked to do
        except ClientDisconnect:
            return  # the client left mid-request: nobody to answer
        except _Aborted as exc:
            logger.info("mock cut a response short: %s", exc)
            return
        except Exception as exc:
            # A bug in the mock, never a planned answer, wherever it happened (API handler,
            # query parsing, faults, admin, presigned files): count it so soaks and tests can
            # prove the mock never answered 500 of its own accord (GET /_mock/stats).
            with self._issues_lock:
                self.unplanned_errors += 1
            logger.exception("mock crashed answering %s %s", scope.get("method"), scope.get("path"))
            if not tracked.started:
                crashed = _error(500, f"mock internal error ({type(exc).__name__})")
                await crashed(scope, receive, send)

    async def _dispatch(self, scope: Scope, receive: Receive, send: _TrackedSend) -> None:
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
                await self._drop(scope, receive, send.inner)
                return
            if fault.kind == "slow":
                await asyncio.sleep(fault.delay)
            status = fault.response_status()
            if fault.kind not in {"slow", "truncated_json"} and status is not None:
                await self._drain(receive)
                await _fault_response(fault.kind, status, fault.retry_after)(scope, receive, send)
                return

        try:
            response = await self._serve(request, operation, path_params)
        except _BodyTooLarge as exc:
            # What the server in front answers (nginx's client_max_body_size), before the
            # operation sees anything: not one of the operation's documented answers.
            await _too_large(exc.cap)(scope, receive, send)
            return
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
            raise _Dropped("Server disconnected without sending a response.", request=request)
        transport.close()
        while (await receive())["type"] != "http.disconnect":
            pass

    @staticmethod
    async def _drain(receive: Receive) -> None:
        # Read and discard a body nobody has started reading, so the client never sees a reset
        # mid-upload. Only before the first read: once the last chunk has been received, one
        # more receive() waits for a disconnect that never comes.
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
            found = self.spec.request_errors(param.validator, value, ["query", param.name])
            if found:
                errors.extend(found)
            else:
                query[param.name] = value
        return query, errors

    async def _parse_json(
        self, request: Request, operation: Operation
    ) -> tuple[Any, list[dict[str, Any]]]:
        try:
            raw = await _read_body(request, _MAX_JSON_BODY)
        except ClientDisconnect:
            return None, [_body_error("Client disconnected", "missing")]
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
            body = load_json(raw)
        except BadJSON as exc:
            return None, [_body_error(str(exc), "json_invalid")]
        return body, self.spec.request_errors(operation.body_validator, body, ["body"])

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
        if isinstance(ctx.body.get("structured_output_schema"), Mapping):
            # The store makes the session's structured output now: bounded work, but not free,
            # and one organisation's schema must never stall everyone else's requests.
            created = await asyncio.to_thread(
                self.store.create_session, ctx.org_id, ctx.api_key, ctx.body
            )
        else:
            created = self.store.create_session(ctx.org_id, ctx.api_key, ctx.body)
        return JSONResponse(created)

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
                    raise _BodyTooLarge(budget)
            return message

        too_large = _error(413, f"File too large: the upload limit is {cap} bytes")
        declared = _declared_length(request)
        if declared is not None and declared > budget:
            return too_large  # at once: the server discards what the client still sends
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
        # Rounded up: valid for at least the full TTL (rounding down cut up to a second off it).
        expires = math.ceil(self.store.timestamp() + PRESIGNED_TTL)
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
        expires_text = query.get("expires", "")
        if not _DIGITS.fullmatch(expires_text):
            return _error(403, "Invalid presigned URL")
        expires = int(expires_text)
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
        refusal = _admin_refusal(request)
        if refusal is not None:
            return _error(403, refusal)
        method = request.method
        try:
            body: Any = None
            if method in {"POST", "PUT"}:
                raw = await _read_body(request, _MAX_JSON_BODY)
                body = load_json(raw) if raw else {}
            return self._admin_answer(method, sub, body)
        except _BodyTooLarge as exc:
            return _too_large(exc.cap)
        except StoreError as exc:
            return _error(exc.status, exc.detail)
        except (ValueError, KeyError, TypeError) as exc:
            return _error(400, f"bad admin request: {exc}")

    def _admin_answer(self, method: str, sub: str, body: Any) -> Response:
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
                return JSONResponse(self.faults.add_from_dict(_object(body)).to_dict(), 201)
            if method == "DELETE":
                self.faults.clear()
                return JSONResponse({"status": "ok"})
        if sub.startswith("/faults/") and method == "DELETE":
            fault_id = sub.removeprefix("/faults/")
            if not _DIGITS.fullmatch(fault_id):
                return _error(404, "Not Found")
            self.faults.remove(int(fault_id))
            return JSONResponse({"status": "ok"})
        if sub.startswith("/sessions/") and method == "POST":
            session_id, _, action = sub.removeprefix("/sessions/").partition("/")
            session_id = unquote(session_id)
            if action == "script":
                steps = _object(body).get("steps", [])
                if not isinstance(steps, list):
                    raise ValueError("'steps' must be a list of step objects")
                pending = self.store.script_session(session_id, steps)
                return JSONResponse({"pending": len(pending)})
            if action == "advance":
                count = _object(body).get("steps", 1)
                if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                    raise ValueError("'steps' must be an integer >= 0")
                return JSONResponse(self.store.advance_session(session_id, count))
        if sub == "/clock" and method == "POST":
            self.store.advance_clock(_object(body).get("advance", 0))
            return JSONResponse({"now": self.store.now().isoformat()})
        if sub == "/permissions" and method == "POST":
            body = _object(body)
            org_id = body["org_id"]
            if not isinstance(org_id, str) or not org_id:
                raise ValueError("'org_id' must be a non-empty string")
            flags = {k: body.get(k) for k in ("terminate_sessions", "manage_playbooks")}
            if any(v is not None and not isinstance(v, bool) for v in flags.values()):
                raise ValueError("'terminate_sessions' and 'manage_playbooks' must be booleans")
            self.store.set_permissions(org_id, **flags)
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
        return _error(404, "Not Found")


def _object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise ValueError("body must be a JSON object")
    return body


def _admin_refusal(request: Request) -> str | None:
    """Why an admin request must be refused (403), or ``None``.

    The admin API has no key, so it is for this machine only. A browser can still be made to
    reach it: DNS rebinding (a page on ``attacker.example`` whose name now resolves to
    127.0.0.1 sends ``Host: attacker.example``) and cross-site requests (``Origin`` of another
    site). So the ``Host`` must be a loopback name or the address the connection arrived at
    (an IP literal on a socket; in-process, the URL's host), and an ``Origin``, when present,
    a loopback one.
    """
    server = request.scope.get("server") or (None, None)
    own = str(server[0]) if server[0] is not None else None

    def local(host: str | None) -> bool:
        return host is not None and (
            is_loopback(host) or (own is not None and same_host(host, own))
        )

    host_header = request.headers.get("host")
    if host_header is not None and not local(hostname_of(host_header)):
        return "the admin API answers only requests addressed to this machine (Host)"
    origin = request.headers.get("origin")
    if origin is not None:
        _scheme, sep, authority = origin.partition("://")
        if not sep or not local(hostname_of(authority)):
            return "the admin API refuses cross-site requests (Origin)"
    return None


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


def _declared_length(request: Request) -> int | None:
    text = request.headers.get("content-length", "")
    return int(text) if _DIGITS.fullmatch(text) else None


async def _read_body(request: Request, cap: int) -> bytes:
    """The whole body, or ``_BodyTooLarge`` as soon as it is known to be over ``cap``.

    A ``Content-Length`` over the cap is refused before reading anything; a body without one
    is refused at the first chunk past the cap. Either way the rest is never read here (uvicorn
    discards it after the response, keeping the connection), so the answer comes at once.

    Raises:
        _BodyTooLarge: Over the cap.
        ClientDisconnect: The client left.
    """
    declared = _declared_length(request)
    if declared is not None and declared > cap:
        raise _BodyTooLarge(cap)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise _BodyTooLarge(cap)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(cap: int) -> Response:
    return _error(413, f"Request body too large: the limit is {cap} bytes")


def _base_name(filename: str | None) -> str:
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name if name not in {"", ".", ".."} else "file"


def _other_origin(request: Request) -> str:
    url = request.base_url
    host = url.hostname or "localhost"
    other = other_origin_host(host) or f"files.{host}"
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{other}{port}"


def _fault_response(kind: str, status: int, retry_after: float | None) -> Response:
    headers: dict[str, str] = {}
    if kind == "rate_limit" and retry_after is None:
        retry_after = 1.0
    if retry_after is not None:
        headers["Retry-After"] = _retry_after_text(retry_after)
    if kind == "html_error":
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:  # a code with no standard phrase, e.g. 499
            phrase = "Error"
        html = (
            f"<html><head><title>{status} {phrase}</title></head>"
            f"<body><center><h1>{status} {phrase}</h1></center><hr>"
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
    # Exactly ``size`` bytes (the Content-Length sent): no read after the last one, which could
    # come after the client, done, let its test reset the store and close the file.
    offset = 0
    while offset < record.size:
        chunk = await asyncio.to_thread(_read_at, record, offset)
        if not chunk:
            break
        offset += len(chunk)
        yield chunk
    if offset < record.size:
        raise _Aborted("the attachment was removed (store reset) during its download")


class _Aborted(Exception):
    """A response that cannot complete for a planned reason: the connection is cut."""


_read_lock = threading.Lock()


def _read_at(record: AttachmentRecord, offset: int) -> bytes:
    # One shared file object per attachment: seek+read under a lock so downloads don't interleave.
    with _read_lock:
        if record.file.closed:  # the store was reset meanwhile
            return b""
        record.file.seek(offset)
        return record.file.read(min(256 * 1024, record.size - offset))
