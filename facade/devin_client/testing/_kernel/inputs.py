"""Reading a request's inputs within bounds, and checking them against the operation's spec.

Bodies are capped (413 as soon as the cap is known to be passed, without reading the rest),
JSON is parsed with bounded depth and finite numbers only (:mod:`.safe_json`), multipart bodies
are parsed with bounded parts and a file-size budget, and every value is validated against the
operation's schemas, with errors in FastAPI's shape.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Final
from urllib.parse import parse_qsl

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import ClientDisconnect, Request

from .errors import FieldError, body_error
from .safe_json import BadJSON, load_json
from .spec import Operation, Spec

__all__ = [
    "MAX_JSON_BODY",
    "BodyTooLarge",
    "declared_length",
    "drain",
    "json_body",
    "multipart_body",
    "path_errors",
    "query_values",
    "read_body",
]

MAX_JSON_BODY: Final = 8 * 1024 * 1024
"""Upper bound for JSON bodies (API and admin): every JSON operation takes small documents."""
# Room for multipart boundaries and part headers on top of the file-size cap.
_MULTIPART_SLACK: Final = 64 * 1024
DIGITS: Final = re.compile(r"\d{1,18}")

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]


class BodyTooLarge(Exception):
    """The request body is past a cap; answered 413 with ``detail``, by the server in front."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _json_too_large(cap: int) -> BodyTooLarge:
    return BodyTooLarge(f"Request body too large: the limit is {cap} bytes")


def declared_length(request: Request) -> int | None:
    """The request's ``Content-Length``, when it is a plain number."""
    text = request.headers.get("content-length", "")
    return int(text) if DIGITS.fullmatch(text) else None


async def drain(receive: Receive) -> None:
    """Read and discard a body nobody has started reading.

    So the client never sees a reset mid-upload. Only before the first read: once the last chunk
    has been received, one more receive() waits for a disconnect that never comes.
    """
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        more = bool(message.get("more_body", False))


async def read_body(request: Request, cap: int = MAX_JSON_BODY) -> bytes:
    """The whole body, or :class:`BodyTooLarge` as soon as it is known to be over ``cap``.

    A ``Content-Length`` over the cap is refused before reading anything; a body without one
    is refused at the first chunk past the cap. Either way the rest is never read here (uvicorn
    discards it after the response, keeping the connection), so the answer comes at once.

    Raises:
        BodyTooLarge: Over the cap.
        ClientDisconnect: The client left.
    """
    declared = declared_length(request)
    if declared is not None and declared > cap:
        raise _json_too_large(cap)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise _json_too_large(cap)
        chunks.append(chunk)
    return b"".join(chunks)


def query_values(request: Request) -> dict[str, list[str]]:
    """Every query parameter's raw values, in order (undecodable bytes replaced)."""
    raw = request.scope.get("query_string", b"")
    if not raw:
        return {}
    pairs = parse_qsl(raw.decode("latin-1"), True)
    values: dict[str, list[str]] = {}
    for key, text in pairs:
        values.setdefault(key, []).append(text)
    return values


def query_inputs(
    spec: Spec, operation: Operation, values: dict[str, list[str]]
) -> tuple[dict[str, Any], list[FieldError]]:
    """The declared query parameters, coerced and valid, and the errors of the others."""
    query: dict[str, Any] = {}
    errors: list[FieldError] = []
    for param in operation.query:
        raw = values.get(param.name)
        if raw is None:
            continue
        value: Any = [param.coerce(v) for v in raw] if param.is_array else param.coerce(raw[-1])
        found = spec.request_errors(param.validator, value, ["query", param.name])
        if found:
            errors.extend(found)
        else:
            query[param.name] = value
    return query, errors


def path_errors(spec: Spec, operation: Operation, params: dict[str, str]) -> list[FieldError]:
    """The errors of the path parameters (all strings on the wire)."""
    errors: list[FieldError] = []
    for param in operation.path_params:
        if not param.any_text and param.name in params:
            errors.extend(
                spec.request_errors(param.validator, params[param.name], ["path", param.name])
            )
    return errors


async def json_body(
    spec: Spec, operation: Operation, request: Request
) -> tuple[Any, list[FieldError]]:
    """The JSON body and its errors.

    Raises:
        BodyTooLarge: Over :data:`MAX_JSON_BODY`.
    """
    try:
        raw = await read_body(request)
    except ClientDisconnect:
        return None, [body_error("Client disconnected", "missing")]
    ctype = request.headers.get("content-type", "")
    media = ctype.split(";", 1)[0].strip().lower()
    if not raw:
        return None, [body_error("Field required", "missing")]
    if media and media != "application/json" and not media.endswith("+json"):
        return None, [
            body_error(
                "Input should be a valid dictionary or object to extract fields from",
                "model_attributes_type",
            )
        ]
    try:
        body = load_json(raw)
    except BadJSON as exc:
        return None, [body_error(str(exc), "json_invalid")]
    return body, spec.request_errors(operation.body_validator, body, ["body"])


class _Counted:
    """A ``receive`` that counts body bytes and stops past a budget."""

    def __init__(self, receive: Receive, budget: int, too_large: BodyTooLarge) -> None:
        self.inner = receive
        self.budget = budget
        self.too_large = too_large
        self.received = 0
        self.finished = False

    async def __call__(self) -> Message:
        message = await self.inner()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            self.finished = not message.get("more_body", False)
            if self.received > self.budget:
                raise self.too_large
        return message


async def multipart_body(
    spec: Spec, operation: Operation, request: Request, file_limit: int
) -> tuple[FormData | None, dict[str, Any], list[FieldError]]:
    """Parse and check a multipart body: ``(form, fields, errors)``.

    ``fields`` maps each field to its value: the first file of a file field (a Starlette
    ``UploadFile``), else the text. The caller closes ``form`` when done.

    Raises:
        BodyTooLarge: A file over ``file_limit`` bytes (or a body past it and some slack),
            answered at once when ``Content-Length`` says so.
    """
    too_large = BodyTooLarge(f"File too large: the upload limit is {file_limit} bytes")
    budget = file_limit + _MULTIPART_SLACK
    declared = declared_length(request)
    if declared is not None and declared > budget:
        raise too_large  # at once: the server discards what the client still sends
    counted = _Counted(request.receive, budget, too_large)
    try:
        form = await Request(request.scope, counted).form(max_files=4, max_fields=16)
    except BodyTooLarge:
        if not counted.finished:
            await drain(request.receive)
        raise
    except ClientDisconnect:
        return None, {}, [body_error("Client disconnected", "missing")]
    except (
        MultiPartException,
        HTTPException,  # what Starlette raises instead when mounted in a Starlette app
        ValueError,
        KeyError,
        UnicodeError,
        AssertionError,
    ):
        if not counted.finished:
            await drain(request.receive)
        return None, {}, [body_error("Invalid multipart data", "value_error")]
    fields: dict[str, Any] = {}
    errors: list[FieldError] = []
    for name in operation.binary_fields:
        upload = next((v for v in form.getlist(name) if isinstance(v, UploadFile)), None)
        if upload is not None:
            if upload.size is not None and upload.size > file_limit:
                await form.close()
                raise too_large
            fields[name] = upload
        elif name in form:
            msg = "Expected UploadFile, received a plain field"
            errors.append(body_error(msg, "value_error", name))
        elif name in operation.body_required:
            errors.append(body_error("Field required", "missing", name))
    texts = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    fields.update({k: v for k, v in texts.items() if k not in operation.binary_fields})
    # Files stand in as empty strings: their schema says "string" (format binary, unchecked).
    document = {**texts, **dict.fromkeys(operation.binary_fields, "")}
    errors.extend(spec.request_errors(operation.body_validator, document, ["body"]))
    return form, fields, errors
