"""What the resources of every API share: argument checks, hidden secrets, response parsers.

The checks here are the documented rules a schema cannot express (an id that would change the
endpoint, a blank prompt, a ``structured_output_schema`` that is not a self-contained Draft 7
schema of at most 64 KB, an empty ``create_as_user_id``); everything a schema can say is
checked against the spec by ``ApiSpec``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

import httpx

from ._attachments import FIX_LINES, check_attachment_lines
from ._constants import STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES
from ._exceptions import DevinValidationError
from ._redact import HiddenStr
from ._spec import Check, ResponseSchemaError

__all__ = [
    "Parser",
    "as_list",
    "check_create_as_user_id",
    "check_create_body",
    "check_id",
    "check_structured_output_schema",
    "check_text",
    "create_fields",
    "hidden_secrets",
    "hide",
    "json_list",
    "json_object",
    "list_of",
    "model",
    "secret_inputs",
    "unknown_options",
]

M = TypeVar("M")
M_co = TypeVar("M_co", covariant=True)
T = TypeVar("T")

Parser = Callable[[httpx.Response, Check], T]
"""Turns a 2xx response into a call's result, given the check of its body against the spec."""

_DRAFT7_URIS = frozenset(
    {
        "http://json-schema.org/draft-07/schema#",
        "http://json-schema.org/draft-07/schema",
        "https://json-schema.org/draft-07/schema#",
        "https://json-schema.org/draft-07/schema",
    }
)


class _FromDict(Protocol[M_co]):  # the generated models' classmethod
    def from_dict(self, src_dict: Any, /) -> M_co: ...


# -- response parsers -----------------------------------------------------------------------


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:  # not JSON at all (text, HTML, empty): a bad response, said so
        raise ResponseSchemaError(f"body: is not JSON ({exc})") from None


def json_object(response: httpx.Response) -> dict[str, Any]:
    """The body as a JSON object (reported as a bad response otherwise)."""
    data = _json(response)
    if not isinstance(data, dict):
        raise ResponseSchemaError(f"body: must be a JSON object, not {type(data).__name__}")
    return data


def json_list(response: httpx.Response) -> list[Any]:
    """The body as a JSON array (reported as a bad response otherwise)."""
    data = _json(response)
    if not isinstance(data, list):
        raise ResponseSchemaError(f"body: must be a JSON array, not {type(data).__name__}")
    return data


def model(cls: _FromDict[M]) -> Parser[M]:
    """A parser reading a JSON object with a generated model's ``from_dict``, after checking
    it against the operation's response schema."""
    from_dict = cls.from_dict

    def parse(response: httpx.Response, check: Check) -> M:
        data = json_object(response)
        check(data)
        return from_dict(data)

    return parse


def list_of(cls: _FromDict[M]) -> Parser[list[M]]:
    """A parser for a JSON array of a generated model."""
    from_dict = cls.from_dict

    def parse(response: httpx.Response, check: Check) -> list[M]:
        items = json_list(response)
        check(items)
        for item in items:
            if not isinstance(item, dict):
                raise ResponseSchemaError("body: items must be JSON objects")
        return [from_dict(item) for item in items]

    return parse


# -- arguments --------------------------------------------------------------------------------


def unknown_options(method: str, given: Mapping[str, Any], known: Any) -> None:
    """Refuse keywords a ``**options`` method does not take, as Python would for named ones.

    Raises:
        TypeError: ``method() got an unexpected keyword argument 'name'``.
    """
    for name in given:
        if name not in known:
            raise TypeError(f"{method}() got an unexpected keyword argument {name!r}")


def hide(value: T) -> T:
    """A secret string as a ``HiddenStr`` (its ``repr`` is ``'***'``), so that no frame's
    locals in a traceback show it; anything else unchanged, for validation to judge."""
    if isinstance(value, str) and type(value) is not HiddenStr:
        return HiddenStr(value)  # type: ignore[return-value]
    return value


def hidden_secrets(value: Any) -> Any:
    """``session_secrets`` with each mapping's value a ``HiddenStr`` (the generated
    ``SessionSecretInput`` models hide their own), before anything is checked or can raise."""
    if not isinstance(value, list | tuple):
        return value
    return [
        {**item, "value": hide(item["value"])}
        if isinstance(item, Mapping) and "value" in item
        else item
        for item in value
    ]


def secret_inputs(value: Any, cls: Any) -> tuple[Any, list[str]]:
    """``session_secrets`` as generated ``SessionSecretInput`` objects (``cls``, the API's own)
    from objects or mappings, and their values (to scrub from errors).

    Raises:
        DevinValidationError: A mapping without ``key`` or ``value``, or an item of another
            type.
    """
    if value is None or not isinstance(value, list | tuple):
        return value, []
    out: list[Any] = []
    values: list[str] = []
    for i, item in enumerate(value):
        if isinstance(item, Mapping):
            for required in ("key", "value"):
                if required not in item:
                    raise DevinValidationError(f"session_secrets[{i}].{required}", "is required")
            item = cls.from_dict(item)
        elif not isinstance(item, cls):
            raise DevinValidationError(
                f"session_secrets[{i}]", "must be a SessionSecretInput or a mapping"
            )
        if isinstance(item.value, str):
            values.append(item.value)
        out.append(item)
    return out, values


def check_id(value: Any, field: str) -> str:
    """Check a path parameter (an id, an attachment's uuid or name) before it goes in a URL.

    The generated ``build_request`` percent-encodes each segment, but that does not stop an
    id from changing the endpoint: ``""``, ``"."`` and ``".."`` are dot segments that httpx
    (and servers) remove (``sessions.get("..")`` would be ``GET /v1``), and ``/`` or ``\\``
    encoded as ``%2F``/``%5C`` are decoded back into separators by many proxies and servers.
    Control characters are never part of an id.

    Args:
        value: The parameter as the caller passed it.
        field: Its name, for the error.

    Returns:
        ``value``, unchanged.

    Raises:
        DevinValidationError: Not a string, empty, ``.``/``..``, or holding ``/``, ``\\`` or
            a control (non-printable) character.
    """
    if not isinstance(value, str) or not value:
        raise DevinValidationError(field, "must be a non-empty string")
    if value in (".", ".."):
        raise DevinValidationError(field, f"must not be {value!r} (it would change the endpoint)")
    if "/" in value or "\\" in value:
        raise DevinValidationError(field, "must not contain '/' or '\\'")
    if not value.isprintable():
        raise DevinValidationError(field, "must not contain control or non-printable characters")
    return value


def as_list(value: Any) -> Any:
    """Copy a list or tuple into a new list; anything else is left for validation to judge."""
    if isinstance(value, list | tuple):
        return list(value)
    return value


def _external_refs(node: Any, found: list[str]) -> None:
    stack = [node]  # iterative: a schema nested thousands of levels must not overflow
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str) and not value.startswith("#"):
                    found.append(value)
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def check_structured_output_schema(schema: Any) -> None:
    """Apply the documented ``structured_output_schema`` rules.

    Args:
        schema: The schema the caller passed.

    Raises:
        DevinValidationError: Not a mapping, over 64 KB serialised, an external ``$ref``, or
            not a valid Draft 7 schema.
    """
    field = "structured_output_schema"
    if not isinstance(schema, Mapping):
        raise DevinValidationError(field, "must be a mapping (a JSON Schema object)")
    try:
        size = len(json.dumps(schema, ensure_ascii=False, separators=(",", ":")).encode())
    except RecursionError:
        raise DevinValidationError(field, "is nested too deeply to be sent as JSON") from None
    except (TypeError, ValueError):
        raise DevinValidationError(field, "holds a value that cannot be sent as JSON") from None
    if size > STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES:
        raise DevinValidationError(
            field, f"is {size} bytes serialised; the API accepts at most 64 KB (65536 bytes)"
        )
    declared = schema.get("$schema")
    if declared is not None and declared not in _DRAFT7_URIS:
        raise DevinValidationError(field, f"must be a Draft 7 schema, not {declared!r}")
    refs: list[str] = []
    _external_refs(schema, refs)
    if refs:
        raise DevinValidationError(
            field, f"must be self-contained; it has an external $ref {refs[0]!r}"
        )
    import jsonschema_rs

    try:
        jsonschema_rs.Draft7Validator(dict(schema))
    except jsonschema_rs.ValidationError as exc:
        where = "/".join(str(p) for p in exc.instance_path) or "(root)"
        raise DevinValidationError(
            field, f"is not a valid Draft 7 schema (at {where}: {exc.message})"
        ) from None
    except (ValueError, jsonschema_rs.ReferencingError) as exc:
        raise DevinValidationError(field, f"is not a valid Draft 7 schema ({exc})") from None


def check_create_as_user_id(value: Any) -> None:
    """``create_as_user_id``, when given, must name a user.

    Raises:
        DevinValidationError: An empty or blank string.
    """
    if isinstance(value, str) and not value.strip():
        raise DevinValidationError("create_as_user_id", "must not be empty")


def create_fields(
    method: str,
    options: Any,
    known: Any,
    converters: Mapping[str, Callable[[Any], Any]],
    defaults: Mapping[str, Any],
    secret_cls: Any,
) -> tuple[dict[str, Any], list[str]]:
    """A session create's keyword options as its generated request model's fields (v1 and v3
    share the rule; each API gives its keys, converters and secret input class).

    The caller's ``options`` get their secret values hidden first, so that from there on no
    frame's locals show one. A keyword without a converter (``attachments``) is left to the
    caller; ``defaults`` are fields not sent unless given.

    Returns:
        The fields, and the secret values (to scrub from errors).

    Raises:
        TypeError: A keyword ``method`` does not take.
        DevinValidationError: A ``session_secrets`` item of the wrong shape.
    """
    unknown_options(method, options, known)
    if "session_secrets" in options:
        options["session_secrets"] = hidden_secrets(options["session_secrets"])
    fields = dict(defaults)
    for key, value in options.items():
        convert = converters.get(key)
        if convert is not None:
            fields[key] = convert(value)
    secrets, secret_values = secret_inputs(options.get("session_secrets"), secret_cls)
    if secrets is not None:
        fields["session_secrets"] = secrets
    return fields, secret_values


def check_create_body(
    body: Mapping[str, Any], *, text_required: bool, fix: str = FIX_LINES
) -> None:
    """The rules of a session create no schema states, on its body as it will be sent: a
    prompt that is not blank (``text_required``: no attachment stands in for it), no line
    Devin would ignore as an attachment (``fix``: how this API attaches files), a
    self-contained ``structured_output_schema``, a ``create_as_user_id`` that is not empty.

    Raises:
        DevinValidationError: Naming the field.
    """
    if text_required:
        check_text("prompt", body["prompt"])
    check_attachment_lines("prompt", body["prompt"], fix=fix)
    if body.get("structured_output_schema") is not None:
        check_structured_output_schema(body["structured_output_schema"])
    if "create_as_user_id" in body:
        check_create_as_user_id(body["create_as_user_id"])


def check_text(field: str, value: Any) -> None:
    """A prompt or message without attachments must say something.

    The spec allows an empty string, but a session or message with nothing in it is always a
    caller's bug (an unset variable, a template that rendered empty), and it costs a session.

    Raises:
        DevinValidationError: An empty or blank string.
    """
    if isinstance(value, str) and not value.strip():
        raise DevinValidationError(field, "must not be empty (or pass attachments)")
