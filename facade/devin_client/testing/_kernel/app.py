"""The kernel's ASGI application: any number of APIs, each driven by its spec.

Request flow for a spec operation: route (unknown path 404, known path with another method 405
with ``Allow``) -> hit counted -> fault modifier, if a fault fires -> credentials (401) -> path,
query and body validated against the spec (422) -> the API's handler -> the operation's
documented 2xx (or the handler's :class:`~.api.Reply`) -> optional response validation against
the spec. Routes outside the specs (the admin API under ``/_mock``, which answers only this
machine, and whatever else an API adds) are looked up in a small route table.

Nothing a client sends can make the mock answer 500 or hang: bodies are capped, JSON is parsed
with bounded depth and finite numbers only, and every route runs inside one guard that turns an
unplanned exception into a counted 500 (``records.crashes``, ``GET /_mock/stats``): the pytest
fixture and the soak fail on that count.
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

from . import inputs
from .admin import ADMIN_PREFIX, kernel_routes, refusal
from .api import ANONYMOUS, Api, Call, RegistrationError, Reply
from .errors import PLAIN, Aborted, ErrorFormat, FieldError, HttpError
from .faults import MODIFIERS, Dropped, Exchange, FaultPolicy
from .records import Recorder, ResponseValidationError, ResponseValidationIssue
from .routes import Endpoint, OperationRouter, Route, RouteCall, RouteTable
from .safe_json import load_json
from .spec import Operation, Spec

__all__ = ["MockApp", "response_problems"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

logger = logging.getLogger("devin_client.testing")


class _Tracked:
    """``send`` that remembers whether the response has started (so a crash can still 500),
    and where the request went (so a crash names it)."""

    def __init__(self, send: Send) -> None:
        self.inner = send
        self.started = False
        self.where: str | None = None
        self.errors: ErrorFormat = PLAIN

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.inner(message)


class MockApp:
    """ASGI app serving every registered API, plus the admin API.

    Args:
        apis: The APIs (their "METHOD /path" keys and operation ids must not collide).
        routes: More routes outside the specs.
        upload_limit: Largest file a multipart body may carry, in bytes (larger: 413).
        validate_responses: Check every answer to a spec operation against the spec; a
            violation is recorded (``records.issues``) and raised as
            :class:`~.records.ResponseValidationError`.
        fault_seed: Seed of the RNG behind faults with ``rate < 1``.

    Attributes:
        endpoints: ``"METHOD /path"`` -> :class:`~.routes.Endpoint`, for every operation.
        faults: The fault policy.
        records: Hits per operation, issues, crashes.

    Raises:
        RegistrationError: Two APIs claim the same operation.
    """

    def __init__(
        self,
        apis: Sequence[Api[Any]],
        *,
        routes: Sequence[Route] = (),
        upload_limit: int,
        validate_responses: bool = False,
        fault_seed: int = 0,
    ) -> None:
        self.apis = tuple(apis)
        self.endpoints: dict[str, Endpoint] = {}
        owners: dict[str, str] = {}
        for api in self.apis:
            for op in api.spec.operations:
                for name in (op.key, op.operation_id):
                    if name in owners:
                        raise RegistrationError(f"{name} is in both {owners[name]} and {api.name}")
                    owners[name] = api.name
                self.endpoints[op.key] = Endpoint(op, api.handlers[op.key], api)
        self.router = OperationRouter(self.endpoints.values())
        self._templates = [
            (e.api.errors, e.operation.path.split("/")) for e in self.endpoints.values()
        ]
        self.records = Recorder()
        aliases = {op.operation_id: op.operation_id for op in self._operations()}
        aliases.update({op.key: op.operation_id for op in self._operations()})
        self.faults = FaultPolicy(seed=fault_seed, operations=aliases)
        own = [r for api in self.apis for r in api.routes]
        self.routes = RouteTable([*kernel_routes(self), *routes, *own])
        self.upload_limit = upload_limit
        self.validate_responses = validate_responses

    def _operations(self) -> list[Operation]:
        return [e.operation for e in self.endpoints.values()]

    def reset(self) -> None:
        """Empty every API's state, switch all faults off, forget all records."""
        states: dict[int, Any] = {id(api.state): api.state for api in self.apis}
        for state in states.values():
            state.reset()
        self.faults.clear()
        self.records.clear()

    # ---- ASGI entry ----------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":  # websockets: refuse the handshake
            await send({"type": "websocket.close", "code": 1000})
            return
        tracked = _Tracked(send)
        try:
            await self._dispatch(scope, receive, tracked)
        except (ResponseValidationError, Dropped):
            raise  # planned: both are how the mock reports what it was asked to do
        except ClientDisconnect:
            return  # the client left mid-request: nobody to answer
        except Aborted as exc:
            logger.info("mock cut a response short: %s", exc)
            return
        except Exception as exc:
            # A bug in the mock, never a planned answer, wherever it happened (handler, query
            # parsing, faults, admin, other routes): count it so soaks and tests can prove the
            # mock never answered 500 of its own accord (GET /_mock/stats).
            where = tracked.where or f"{scope.get('method')} {scope.get('path')}"
            self.records.crash(where, exc)
            logger.exception("mock crashed answering %s", where)
            if not tracked.started:
                crashed = tracked.errors.error(500, f"mock internal error ({type(exc).__name__})")
                await crashed(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _dispatch(self, scope: Scope, receive: Receive, send: _Tracked) -> None:
        raw = scope.get("raw_path") or scope["path"].encode("utf-8")
        raw_path = raw.decode("latin-1").split("?", 1)[0]
        request = Request(scope, receive)
        method = scope["method"].upper()
        endpoint, params, allow = self.router.resolve(method, raw_path)
        if endpoint is None:
            response = await self._route(request, method, raw_path, allow)
            if response is not None:
                await response(scope, receive, send)
            return
        operation, api = endpoint.operation, endpoint.api
        send.where, send.errors = operation.operation_id, api.errors
        self.records.hit(operation.operation_id)
        fault = self.faults.pick(operation.operation_id)
        if fault is None:
            final: Response | None = await self._checked(endpoint, params, request)
        else:
            exchange = Exchange(scope, receive, send.inner, api.errors)
            answer = functools.partial(self._checked, endpoint, params, request)
            final = await MODIFIERS[fault.kind].apply(fault, exchange, answer)
        if final is not None:
            await final(scope, receive, send)

    async def _checked(
        self, endpoint: Endpoint, params: dict[str, str], request: Request
    ) -> Response:
        """The answer to a request for a spec operation, checked against the spec if asked."""
        try:
            response = await self._answer(endpoint, params, request)
        except inputs.BodyTooLarge as exc:
            # What the server in front answers (nginx's client_max_body_size), before the
            # operation sees anything: not one of the operation's answers.
            return endpoint.api.errors.error(413, exc.detail)
        if self.validate_responses and not isinstance(response, _OffSpec):
            self._check_response(endpoint.api.spec, endpoint.operation, response)
        return response

    # ---- spec operations ------------------------------------------------------------------

    async def _answer(
        self, endpoint: Endpoint, params: dict[str, str], request: Request
    ) -> Response:
        operation, api = endpoint.operation, endpoint.api
        principal = ANONYMOUS
        if operation.secured and api.auth is not None:
            found = api.auth(request.headers)
            if found is None:
                await inputs.drain(request.receive)
                return api.errors.error(401, api.auth.detail, api.auth.headers)
            principal = found
        errors = inputs.path_errors(api.spec, operation, params)
        query: dict[str, Any] = {}
        if operation.query:
            query, query_errors = self._parse_query(request, operation, api.spec)
            errors.extend(query_errors)
        body: Any = None
        form: FormData | None = None
        try:
            if operation.body_media_type == "application/json":
                body, body_errors = await inputs.json_body(api.spec, operation, request)
                errors.extend(body_errors)
            elif operation.body_media_type == "multipart/form-data":
                form, body, body_errors = await inputs.multipart_body(
                    api.spec, operation, request, self.upload_limit
                )
                errors.extend(body_errors)
            elif errors:
                await inputs.drain(request.receive)
            if errors:
                return api.errors.invalid(errors)
            call = Call(api.state, principal, operation, params, query, body, request, self.records)
            try:
                result = endpoint.handler(call)
                if inspect.iscoroutine(result):
                    result = await result
            except HttpError as exc:
                return api.errors.error(exc.status, exc.detail, exc.headers)
            return self._render(api.spec, operation, result)
        finally:
            if form is not None:
                await form.close()

    def _parse_query(
        self, request: Request, operation: Operation, spec: Spec
    ) -> tuple[dict[str, Any], list[FieldError]]:
        return inputs.query_inputs(spec, operation, inputs.query_values(request))

    @staticmethod
    def _render(spec: Spec, operation: Operation, result: Any) -> Response:
        if isinstance(result, Response):
            return result
        reply = result if isinstance(result, Reply) else Reply(result)
        status = reply.status or operation.success_status
        if status is None:
            raise RuntimeError(
                f"{operation.key} documents no single 2xx status: its handler must return "
                "Reply(status=...)"
            )
        if reply.text:
            body = str(reply.body)
            return _OffSpec(
                body, status_code=status, headers=reply.headers, media_type="text/plain"
            )
        has_body = spec.documents_body(operation, status)
        if has_body or (has_body is None and reply.body is not None):
            return JSONResponse(reply.body, status_code=status, headers=reply.headers)
        return Response(status_code=status, headers=reply.headers)

    # ---- response validation -------------------------------------------------------------

    def _check_response(self, spec: Spec, operation: Operation, response: Response) -> None:
        problems = response_problems(spec, operation, response)
        if not problems:
            return
        issue = ResponseValidationIssue(operation.operation_id, response.status_code, problems)
        self.records.issue(issue)
        raise ResponseValidationError(f"mock response breaks the spec: {issue}")

    # ---- routes outside the specs --------------------------------------------------------

    async def _route(
        self, request: Request, method: str, raw_path: str, allow: str
    ) -> Response | None:
        admin = raw_path == ADMIN_PREFIX or raw_path.startswith(ADMIN_PREFIX + "/")
        if admin and (reason := refusal(request)) is not None:
            return PLAIN.error(403, reason)
        route, params, route_allow = self.routes.resolve(method, raw_path)
        if route is None:
            allow = allow or route_allow
            errors = PLAIN if admin else self._errors_for(raw_path)
            if allow:
                return errors.error(405, "Method Not Allowed", {"Allow": allow})
            return errors.error(404, "Not Found")
        try:
            body: Any = None
            if method in {"POST", "PUT", "PATCH"}:
                raw = await inputs.read_body(request)
                body = load_json(raw) if raw else {}
            result = route.handler(RouteCall(request, params, raw_path, body))
            if inspect.iscoroutine(result):
                result = await result
        except inputs.BodyTooLarge as exc:
            return PLAIN.error(413, exc.detail)
        except HttpError as exc:
            return PLAIN.error(exc.status, exc.detail, exc.headers)
        except (ValueError, KeyError, TypeError) as exc:
            if not admin:
                raise
            return PLAIN.error(400, f"bad admin request: {exc}")
        if isinstance(result, Response):
            return result
        if isinstance(result, Reply):
            return JSONResponse(result.body, status_code=result.status or 200)
        return JSONResponse(result)

    def _errors_for(self, raw_path: str) -> ErrorFormat:
        """The error format of the API a path most looks like (the most leading segments)."""
        segments = raw_path.split("/")
        best, best_shared = (self.apis[0].errors if self.apis else PLAIN), 0
        for errors, template in self._templates:
            shared = 0
            for want, got in zip(template, segments, strict=False):
                if want != got:
                    break
                shared += 1
            if shared > best_shared:
                best, best_shared = errors, shared
        return best


class _OffSpec(Response):
    """An answer departing from the spec because the user asked for it (``Reply(text=True)``):
    response validation skips it."""


def response_problems(spec: Spec, operation: Operation, response: Response) -> tuple[str, ...]:
    """List how a response departs from the spec (empty when it conforms).

    Args:
        spec: The operation's spec.
        operation: The operation that answered.
        response: A buffered (non-streaming) response.

    Returns:
        Human-readable problems.
    """
    status = response.status_code
    documented = spec.response_spec(operation, status)
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
    validator = spec.response_validator(operation, status, ctype)
    # Responses never carry secret values, so the validator's own messages are safe here.
    problems.extend(
        f"{'/'.join(map(str, e.instance_path)) or '<root>'}: {e.message[:200]}"
        for e in validator.iter_errors(payload)
    )
    return tuple(problems)
