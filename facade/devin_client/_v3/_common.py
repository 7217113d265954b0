"""Helpers of the v3 resource modules: optional fields, query parameters, cursor listings."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from devin_api_v3.types import UNSET

from .._core._exceptions import DevinValidationError
from .._core._flows import Flow
from .._core._paging import CursorPaging, paginate
from .._core._spec import Operation

if TYPE_CHECKING:
    from .._core._pipeline import BaseClient, Call

__all__ = ["JsonBody", "check_page_size", "check_query", "cursor_listing", "opt", "unset_if_none"]

P = TypeVar("P")

DEFAULT_PAGE_SIZE = 100


def opt(value: Any) -> Any:
    """``None`` means "not sent" for the optional fields of the v3 bodies."""
    return UNSET if value is None else value


def unset_if_none(values: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of a generated ``build_request`` or model: ``None`` not sent."""
    return {key: UNSET if value is None else value for key, value in values.items()}


class JsonBody:
    """A request body already in its JSON form, for a generated ``build_request`` (which
    sends ``body.to_dict()``): the body the caller gave is the body checked and sent, with
    omitted and ``None`` (``null``) fields kept apart, as a PATCH needs."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def to_dict(self) -> dict[str, Any]:
        return self._data


def check_page_size(client: BaseClient, op: Operation, param: str, value: Any) -> int:
    """``page_size`` checked against the spec's bounds of the page parameter (``first``,
    ``limit``): an integer, and within them when the client validates.

    Raises:
        DevinValidationError: Naming ``page_size``.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise DevinValidationError("page_size", "must be an integer")
    if client._validate:
        try:
            client._spec.check_query(op, {param: value})
        except DevinValidationError as exc:
            raise DevinValidationError("page_size", exc.problem) from None
    return value


def check_query(client: BaseClient, op: Operation, params: Mapping[str, Any]) -> None:
    """The given query parameters (filters) against the spec, when the client validates."""
    if client._validate and params:
        client._spec.check_query(op, {k: v for k, v in params.items() if v is not None})


def cursor_listing(
    client: BaseClient,
    page: Callable[[str | None, int], Call[P]],
    page_size: int,
    what: str,
    key: Callable[[Any], Hashable],
) -> Flow[None]:
    """The flow of a ``first``/``after`` listing: every item of every page, once, emitted;
    ``key`` is an item's identity (see ``CursorPaging``)."""
    paging: CursorPaging[P, Any] = CursorPaging(page, page_size, what, key=key)
    return paginate(client, paging)
