"""Helpers shared by the resources: argument checks and response parsers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import httpx
from devin_api.types import UNSET, Unset

from .._exceptions import DevinValidationError
from .._validation import ResponseSchemaError, check_response

__all__ = ["as_list", "check_id", "json_list", "json_object", "list_parser", "model_parser", "opt"]

M = TypeVar("M")
M_co = TypeVar("M_co", covariant=True)


class _FromDict(Protocol[M_co]):  # the generated models' classmethod
    def from_dict(self, src_dict: Any, /) -> M_co: ...


Parser = Callable[[httpx.Response, bool], M]


def json_object(response: httpx.Response) -> dict[str, Any]:
    """The body as a JSON object (reported as a bad response otherwise)."""
    data = response.json()
    if not isinstance(data, dict):
        raise ResponseSchemaError(f"body: must be a JSON object, not {type(data).__name__}")
    return data


def json_list(response: httpx.Response) -> list[Any]:
    """The body as a JSON array (reported as a bad response otherwise)."""
    data = response.json()
    if not isinstance(data, list):
        raise ResponseSchemaError(f"body: must be a JSON array, not {type(data).__name__}")
    return data


def model_parser(model: _FromDict[M], operation: str) -> Parser[M]:
    """A parser that checks the body against the operation's response schema (when the client
    validates) and reads it with a generated model's ``from_dict``."""
    from_dict = model.from_dict

    def parse(response: httpx.Response, check: bool) -> M:
        data = json_object(response)
        if check:
            check_response(operation, response.status_code, data)
        return from_dict(data)

    return parse


def list_parser(model: _FromDict[M], operation: str) -> Parser[list[M]]:
    """A parser for a JSON array of a generated model."""
    from_dict = model.from_dict

    def parse(response: httpx.Response, check: bool) -> list[M]:
        items = json_list(response)
        if check:
            check_response(operation, response.status_code, items)
        for item in items:
            if not isinstance(item, dict):
                raise ResponseSchemaError("body: items must be JSON objects")
        return [from_dict(item) for item in items]

    return parse


def check_id(value: Any, field: str) -> str:
    """Check a path parameter (an id, an attachment's uuid or name) before it goes in a URL.

    The generated ``_get_kwargs`` percent-encodes each segment, but that does not stop an id
    from changing the endpoint: ``""``, ``"."`` and ``".."`` are dot segments that httpx (and
    servers) remove (``sessions.get("..")`` would be ``GET /v1``), and ``/`` or ``\\`` encoded
    as ``%2F``/``%5C`` are decoded back into separators by many proxies and servers. Control
    characters are never part of an id.

    Args:
        value: The parameter as the caller passed it.
        field: Its name, for the error.

    Returns:
        ``value``, unchanged.

    Raises:
        DevinValidationError: Not a string, empty, ``.``/``..``, or holding ``/``, ``\\`` or a
            control (non-printable) character.
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


def opt(value: Any) -> Any:
    """``None`` means "not sent" for optional fields."""
    return UNSET if value is None else value


def is_unset(value: Any) -> bool:
    """Whether a tri-state argument was omitted."""
    return isinstance(value, Unset)
