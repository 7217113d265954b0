"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypedDict, TypeVar

from attrs import define


class Unset:
    """The type of ``UNSET``: an optional field or parameter that was not given (not sent).

    ``None`` is a value (sent as JSON ``null``); ``UNSET`` leaves the field out.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


@define(frozen=True)
class Operation:
    """Facts about one API operation, as the spec states them"""

    id: str
    """ The operationId """
    method: str
    """ The HTTP method, upper case """
    path: str
    """ The path template, e.g. ``/v1/sessions/{session_id}`` """
    retry_safe: bool
    """ May the request be sent twice: a safe method, or a write the spec marks idempotent """


class RequestArgs(TypedDict, total=False):
    """The arguments of ``httpx.Client.request`` that an operation's ``build_request`` gives"""

    method: str
    url: str
    params: dict[str, Any]
    cookies: dict[str, Any]
    headers: dict[str, Any]
    json: Any
    data: Any
    files: Any
    content: Any


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "Operation",
    "RequestArgs",
    "RequestFiles",
    "Response",
    "Unset",
]
