"""Every error ``devin_client`` raises, in one tree.

Hierarchy::

    DevinError
    ├── DevinValidationError (also a ValueError)   bad input, caught before anything is sent
    ├── APIConnectionError                         the request got no HTTP response
    │   └── APITimeoutError                        ... because a timeout expired
    ├── APIStatusError                             the API answered with an error status
    │   ├── BadRequestError                        400
    │   ├── AuthenticationError                    401
    │   ├── PermissionDeniedError                  403
    │   ├── NotFoundError                          404
    │   ├── ConflictError                          409
    │   ├── UnprocessableEntityError               422 (``errors`` holds loc/msg/type)
    │   ├── RateLimitError                         429 (``retry_after`` when the API sent one)
    │   └── InternalServerError                    >= 500
    ├── ResponseValidationError                    a response body that does not parse
    ├── DownloadError                              a download refused, nothing written (``path``)
    ├── WaitTimeoutError                           ``sessions.wait`` gave up (has the last session)
    ├── SessionNotFinishedError                    ``sessions.run``: the session settled unfinished
    │   ├── SessionBlockedError                    ... Devin waits for the user (``session``)
    │   └── SessionFailedError                     ... it ended without finishing (``session``)
    └── StructuredOutputError                      no structured output, or not of the type asked
                                                   for (``output``, ``errors``, ``session``)

Other statuses without a class of their own (413, an unexpected 3xx, ...) raise
``APIStatusError`` itself. No ``httpx`` or ``devin_api`` exception type ever reaches the caller:
they are translated here and chained as ``__cause__``.

Messages never contain the API key or secret values, in any form a server may echo them in
(JSON-escaped, ``repr``, HTML, URL-encoded, base64, line by line, cut short): the client scrubs
the whole text before it truncates it (see ``status_error`` and ``_redact.Redactor``).
``APIStatusError.body`` and ``.detail`` are scrubbed the same way; ``.response`` (and
``APIConnectionError.request``) are the raw ``httpx`` objects, as they went over the wire.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ._redact import Redactor

if TYPE_CHECKING:
    from pathlib import Path

    import httpx

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "DevinError",
    "DevinValidationError",
    "DownloadError",
    "ErrorFormat",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "SessionBlockedError",
    "SessionFailedError",
    "SessionNotFinishedError",
    "StructuredOutputError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
]


class DevinError(Exception):
    """Base class of every error raised by ``devin_client``."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DevinValidationError(DevinError, ValueError):
    """Bad input, caught before any request was sent.

    Attributes:
        field: The offending argument or body field, e.g. ``"tags"`` or
            ``"session_secrets[0].key"``.
    """

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class APIConnectionError(DevinError):
    """The request got no HTTP response (DNS, refused connection, reset, TLS, ...).

    Attributes:
        request: The ``httpx.Request`` that failed.
    """

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or waiting for a pooled connection)."""


class APIStatusError(DevinError):
    """The API answered with an error status.

    The message reads ``404 Not Found: Session not found (GET /v1/sessions/devin-x)``: the
    status, the body's ``detail``, and the request's method and path (never its query).

    Attributes:
        status_code: The HTTP status code.
        body: The decoded JSON body, or the text when it is not JSON, or ``None`` when empty;
            with the API key and the request's secret values scrubbed from every string (a
            server may echo its input).
        detail: The ``detail`` member of the body when there is one (a string, or a list of
            validation errors for a 422), scrubbed the same way.
        title: The short summary of the problem type, for an API whose error bodies have one
            (the v3 API's RFC 9457 ``ProblemDetail``); else ``None``.
        request_id: The ``x-request-id`` response header when present.
        response: The raw ``httpx.Response``, unscrubbed: its content and its ``request``
            are what went over the wire (the key, secret values), so never log them.
    """

    title: str | None = None  # set by an API's ErrorFormat.attributes (v3: ProblemDetail)

    def __init__(self, message: str, *, response: httpx.Response, body: Any) -> None:
        super().__init__(message)
        self.response = response
        self.status_code: int = response.status_code
        self.body = body
        self.detail: Any = body.get("detail") if isinstance(body, dict) else None
        self.request_id: str | None = response.headers.get("x-request-id") or (
            response.headers.get("request-id")
        )


class BadRequestError(APIStatusError):
    """400: e.g. messaging or terminating a session that has already exited."""


class AuthenticationError(APIStatusError):
    """401: missing, malformed or revoked API key."""


class PermissionDeniedError(APIStatusError):
    """403: the key's user may not do this (e.g. terminate another user's session)."""


class NotFoundError(APIStatusError):
    """404: no such session, secret, note, playbook or attachment in this organisation."""


class ConflictError(APIStatusError):
    """409: e.g. a secret with that key already exists."""


class UnprocessableEntityError(APIStatusError):
    """422: the API rejected the request body or parameters.

    Attributes:
        errors: The parsed validation errors (for the v1 API ``devin_api.models.ValidationError``,
            each with ``loc``, ``msg`` and ``type_``; for v3 ``devin_api_v3.models.
            ProblemDetailError``, read as ``error["loc"]``); empty when the body had another
            shape.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        errors: list[Any] | None = None,
    ) -> None:
        super().__init__(message, response=response, body=body)
        self.errors: list[Any] = errors or []


class RateLimitError(APIStatusError):
    """429: too many requests.

    Attributes:
        retry_after: Seconds the API asked to wait (``Retry-After``), when it said.
    """

    def __init__(
        self, message: str, *, response: httpx.Response, body: Any, retry_after: float | None
    ) -> None:
        super().__init__(message, response=response, body=body)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """A 5xx status: the API failed (retried automatically for safe requests)."""


class ResponseValidationError(DevinError):
    """A successful status whose body does not parse into the documented model.

    Attributes:
        status_code: The HTTP status code.
        response: The ``httpx.Response``.
    """

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message)
        self.response = response
        self.status_code: int = response.status_code


class DownloadError(DevinError):
    """``attachments.download`` refused to save the file; nothing was written.

    Raised when the destination already exists (pass ``overwrite=True`` to replace it), when
    the file name the API gave is not a plain file name (empty, ``.``, ``..``, a separator or
    a NUL), when a redirect would downgrade https to plain http, when there are too many
    redirects, or when the file cannot be written (the ``OSError`` is the ``__cause__``).

    Attributes:
        path: The destination that already exists, when that is the reason; else ``None``.
    """

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class WaitTimeoutError(DevinError):
    """``sessions.wait`` ran out of time before the session settled.

    Attributes:
        session: The last session seen (a ``GetSessionResponse``), or ``None`` when no poll
            answered in time.
        timeout: The timeout that expired, in seconds.
    """

    def __init__(
        self,
        session: Any,
        timeout: float,
        *,
        session_id: str | None = None,
        status: str | None = None,
    ) -> None:
        if session is not None:
            session_id = session.session_id
            last = f"last status: {status or getattr(session, 'status', None)}"
        else:
            last = "no poll answered in time"
        super().__init__(f"session {session_id} did not settle within {timeout:g} s ({last})")
        self.session = session
        self.timeout = timeout


class SessionNotFinishedError(DevinError):
    """``sessions.run`` waited for a session that settled without finishing, so there is no
    result to return. Catch ``SessionBlockedError`` or ``SessionFailedError`` for one case.

    Attributes:
        session: The settled session (the API's model: v1 ``GetSessionResponse``).
        session_id: Its id.
        status: Its status, as ``until=`` names them (v1: ``blocked``, ``expired``, ...).
    """

    def __init__(self, message: str, *, session: Any, session_id: str, status: str) -> None:
        super().__init__(message)
        self.session = session
        self.session_id = session_id
        self.status = status


class SessionBlockedError(SessionNotFinishedError):
    """The session waits for the user (v1 ``blocked``; v3 ``running`` +
    ``waiting_for_user`` or ``waiting_for_approval``): answer it with a message, then
    ``sessions.wait`` again and read its output with ``parse_structured_output``."""


class SessionFailedError(SessionNotFinishedError):
    """The session stopped without finishing (v1 ``expired``; v3 ``error``, or ``exit`` or
    ``suspended`` without an output); it did not produce its output."""


class StructuredOutputError(DevinError):
    """A session's structured output is missing, or does not match the type asked for.

    Attributes:
        output: The raw output as the API sent it (``None`` when there was none).
        errors: What is wrong, one line each: ``"at /path: message"`` for each JSON Schema
            violation, or the conversion's error; empty when the output is missing.
        session: The session it came from, or ``None`` (``parse_structured_output`` of a
            bare value).
        output_type: The type asked for.
    """

    def __init__(
        self,
        message: str,
        *,
        output: Any,
        errors: list[str],
        session: Any = None,
        output_type: Any = None,
    ) -> None:
        super().__init__(message)
        self.output = output
        self.errors = errors
        self.session = session
        self.output_type = output_type


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
}


_MAX_DETAIL = 500  # characters of the server's message kept in an error message


class ErrorFormat:
    """How an API's error bodies read; each client class names its own (``_error_format``).

    This one is FastAPI's, which the Devin API v1 answers: ``{"detail": "text"}``, and for a
    422 ``{"detail": [{"loc": [...], "msg": ..., "type": ...}, ...]}``. An API with another
    format (RFC 9457 ``ProblemDetail``) overrides the methods: ``summary`` and
    ``field_errors``, and ``attributes`` for what else its bodies say (``title``).

    Args:
        validation_error: Gives the generated model of a 422 body (its ``detail`` is the list
            of problems), for ``UnprocessableEntityError.errors``; called only when a 422
            arrives, so the generated models are not imported before they are needed.
    """

    def __init__(self, validation_error: Callable[[], Any] | None = None) -> None:
        self._validation_error = validation_error

    def summary(self, body: Any) -> Any:
        """What the message quotes after the status: a string, a list of ``{"loc", "msg"}``
        problems, or ``None``. ``body`` is the decoded (and scrubbed) body."""
        return body.get("detail") if isinstance(body, dict) else body

    def field_errors(self, body: Any) -> list[Any]:
        """A 422's problems as generated models; empty when the body has another shape."""
        if self._validation_error is None or not isinstance(body, dict):
            return []
        if not isinstance(body.get("detail"), list):
            return []
        try:
            parsed = self._validation_error().from_dict(body).detail
        except (KeyError, ValueError, TypeError, AttributeError):
            return []
        return parsed if isinstance(parsed, list) else []

    def attributes(self, body: Any) -> dict[str, Any]:
        """Attributes the error gets from the (scrubbed) body besides ``detail``, e.g.
        ``{"title": ...}``; none for FastAPI's bodies."""
        return {}


DEFAULT_ERROR_FORMAT = ErrorFormat()


def _describe(detail: Any, status_code: int, reason: str, scrub: Callable[[str], str] = str) -> str:
    """A one-line summary of an error body: a string, or the loc/msg pairs of a list.

    ``scrub`` runs on the whole text before it is cut to ``_MAX_DETAIL`` characters, so a
    secret straddling the cut cannot survive in part."""
    if isinstance(detail, list):
        parts = []
        for item in detail[:5]:
            if isinstance(item, dict):
                raw_loc = item.get("loc")
                if not isinstance(raw_loc, list | tuple):  # a server's own shape: one part
                    raw_loc = () if raw_loc is None else (raw_loc,)
                loc = ".".join(str(p) for p in raw_loc if p != "body")
                parts.append(f"{loc or 'body'}: {item.get('msg', '')}")
        if len(detail) > 5:
            parts.append(f"... ({len(detail) - 5} more)")
        detail = "; ".join(parts)
    if detail in (None, ""):
        return f"{status_code} {reason}"
    text = scrub(detail if isinstance(detail, str) else str(detail))
    if len(text) > _MAX_DETAIL:
        text = text[:_MAX_DETAIL] + "..."
    return f"{status_code} {reason}: {text}"


def _where(response: httpx.Response) -> str:
    """`` (METHOD /path)``: what was asked, without the query (it may carry a presigned URL's
    signature or an e-mail address) and without the host or any credentials in the URL."""
    try:
        request = response.request
    except RuntimeError:  # a response built by hand, with no request
        return ""
    path = request.url.raw_path.split(b"?", 1)[0].decode("ascii", "replace")
    return f" ({request.method} {path})"


def status_error(
    response: httpx.Response,
    *,
    retry_after: float | None,
    secrets: Iterable[str] = (),
    error_format: ErrorFormat = DEFAULT_ERROR_FORMAT,
) -> APIStatusError:
    """Build the typed error for an error response (the single place statuses are mapped).

    Args:
        response: A response whose body has been read.
        retry_after: The parsed ``Retry-After``, for ``RateLimitError``.
        secrets: Strings that must not appear in the error, in any form (the API key, secret
            values the request carried: a server may echo its input). They are scrubbed from
            the body (every string of it) and from the message.
        error_format: How the API's error bodies read.

    Returns:
        The ``APIStatusError`` subclass for the status.
    """
    try:
        body: Any = response.json() if response.content else None
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python can decode
        body = response.text
    redactor = Redactor(secrets)
    body = redactor.data(body)
    status = response.status_code
    message = _describe(error_format.summary(body), status, response.reason_phrase, redactor.text)
    message += redactor.text(_where(response))
    error: APIStatusError
    if status == 422:
        errors = error_format.field_errors(body)
        error = UnprocessableEntityError(message, response=response, body=body, errors=errors)
    elif status == 429:
        error = RateLimitError(message, response=response, body=body, retry_after=retry_after)
    elif status >= 500:
        error = InternalServerError(message, response=response, body=body)
    else:
        error = _STATUS_CLASSES.get(status, APIStatusError)(message, response=response, body=body)
    for name, value in error_format.attributes(body).items():
        setattr(error, name, value)
    return error
