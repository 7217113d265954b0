"""Typed structured output: a JSON Schema derived from a Python type, and a session's output
checked against it and converted into that type.

The derivation is small and strict, so that every value the schema accepts converts:

=====================================  ====================================================
Python                                 JSON Schema (Draft 7)
=====================================  ====================================================
``str``, ``int``, ``float``, ``bool``  ``{"type": "string" | "integer" | "number" |
``None``                               "boolean" | "null"}``
``X | Y``, ``Optional[X]``             ``{"anyOf": [X, Y]}``
``list[X]``, ``Sequence[X]``,          ``{"type": "array", "items": X}``
``tuple[X, ...]``
``tuple[X, Y]``                        ``items: [X, Y]``, exactly two
``dict[str, X]``, ``Mapping[str, X]``  ``{"type": "object", "additionalProperties": X}``
``Literal["a", 1]``, an ``Enum``       ``{"enum": ["a", 1]}`` (the members' values)
a dataclass, a ``TypedDict``, an       ``{"type": "object", "properties": ...,
attrs class, a pydantic model          "required": [fields without a default],
                                       "additionalProperties": false}``
a pydantic ``RootModel[X]``            X
``Annotated[X, "text"]``               X with ``"description": "text"``
``Any``                                ``{}`` (any JSON value, passed through)
=====================================  ====================================================

Anything else (``datetime``, ``bytes``, ``set``, a class of another kind, a type that refers
to itself) is refused with a ``DevinValidationError`` naming where it is; pass your own
``structured_output_schema`` then. Nothing here imports pydantic or attrs: a pydantic (v2)
model is recognised by its ``model_fields`` and ``model_validate``, an attrs class by
``__attrs_attrs__``.
"""

from __future__ import annotations

import dataclasses
import enum
import math
import sys
import types
import typing
from collections.abc import Mapping, MutableSequence, Sequence
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from ._exceptions import (
    DevinValidationError,
    SessionBlockedError,
    SessionFailedError,
    StructuredOutputError,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._flows import Flow

__all__ = [
    "DRAFT7",
    "Outcome",
    "TypedOutput",
    "is_unset",
    "output_schema",
    "parse_structured_output",
    "typed_options",
    "typed_result",
]

T = TypeVar("T")
S = TypeVar("S")

Outcome = Literal["finished", "blocked", "failed"]
"""How a settled session ended, as an API reads its statuses: ``finished`` (it has its
output), ``blocked`` (it waits for the user) or ``failed`` (it ended without finishing)."""

DRAFT7 = "http://json-schema.org/draft-07/schema#"
_MAX_ERRORS = 20  # schema violations listed on a StructuredOutputError
_MAX_ERROR_CHARS = 300  # of each: a validator quotes the value, which may be megabytes
MAX_DEPTH = 256
"""The deepest output checked (arrays and objects within each other): a deeper one is a
``StructuredOutputError`` (the schema validator recurses natively and would crash)."""
_SUPPORTED = (
    "str, int, float, bool, None, unions, list, tuple, dict[str, X], Literal, Enum, "
    "dataclasses, TypedDict, attrs classes, pydantic models, Annotated, Any"
)
# What typing.get_origin gives for list[X], Sequence[X], typing.List[X], ... (and the bare forms).
_SEQUENCES = frozenset({list, Sequence, MutableSequence})
_MAPPINGS = frozenset({dict, Mapping})
# Wrappers of a TypedDict's value types: the type is their argument.
_QUALIFIERS = frozenset(
    q for q in (typing.Required, typing.NotRequired, getattr(typing, "ReadOnly", None)) if q
)
_SCALARS: dict[Any, str] = {str: "string", bool: "boolean", int: "integer", float: "number"}


def _among(tp: Any, kinds: frozenset[Any]) -> bool:
    try:
        return tp in kinds
    except TypeError:  # unhashable: not a type at all
        return False


def _bare(tp: Any) -> Any:
    """The type itself, or its bare form (``list`` for ``typing.List``); never raises."""
    origin = typing.get_origin(tp)
    return origin if origin is not None and not typing.get_args(tp) else tp


def _name(tp: Any) -> str:
    name = getattr(tp, "__name__", None)
    return name if isinstance(name, str) and not typing.get_args(tp) else repr(tp)


def _json_scalar(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, str | int | bool)


# -- the kinds of classes ---------------------------------------------------------------------


def _is_pydantic(tp: Any) -> bool:
    return (
        isinstance(tp, type)
        and isinstance(getattr(tp, "model_fields", None), dict)
        and callable(getattr(tp, "model_validate", None))
    )


def _is_root_model(tp: Any) -> bool:
    """A pydantic ``RootModel``: its value is its ``root`` field's, not an object holding it."""
    return _is_pydantic(tp) and getattr(tp, "__pydantic_root_model__", False) is True


def _is_attrs(tp: Any) -> bool:
    return isinstance(tp, type) and hasattr(tp, "__attrs_attrs__")


def _hints(tp: Any) -> dict[str, Any]:
    """A class's annotations, resolved (``from __future__ import annotations`` included)."""
    try:
        return typing.get_type_hints(tp, include_extras=True)
    except (NameError, TypeError) as exc:
        raise DevinValidationError(
            "output_type", f"the annotations of {_name(tp)} cannot be resolved ({exc})"
        ) from None


class _Field:
    """A property of an object type: its JSON key, type, whether required, and the keyword
    the class takes it as."""

    __slots__ = ("key", "keyword", "required", "type")

    def __init__(self, key: str, tp: Any, required: bool, keyword: str | None = None) -> None:
        self.key = key
        self.type = tp
        self.required = required
        self.keyword = key if keyword is None else keyword


def _required_key(listed: bool, hint: Any) -> bool:
    """Whether a TypedDict key is required: ``Required[...]``/``NotRequired[...]`` as resolved
    decide (Python 3.11 misses them in string annotations), else the class's own list."""
    while True:
        origin = typing.get_origin(hint)
        if origin is typing.Required:
            return True
        if origin is typing.NotRequired:
            return False
        if origin is typing.Annotated or _among(origin, _QUALIFIERS):
            hint = typing.get_args(hint)[0]
            continue
        return listed


def _fields(tp: Any) -> list[_Field] | None:
    """The fields of a dataclass, TypedDict, attrs class or pydantic model; ``None`` for any
    other type."""
    if not isinstance(tp, type):
        return None
    if typing.is_typeddict(tp):
        hints = _hints(tp)
        required = tp.__required_keys__  # type: ignore[attr-defined]
        return [
            _Field(key, hint, _required_key(key in required, hint)) for key, hint in hints.items()
        ]
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return [
            _Field(
                f.name,
                hints.get(f.name, Any),
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
            )
            for f in dataclasses.fields(tp)
            if f.init
        ]
    if _is_attrs(tp):
        import attrs

        try:
            attrs.resolve_types(tp)
        except (NameError, TypeError) as exc:
            raise DevinValidationError(
                "output_type", f"the annotations of {_name(tp)} cannot be resolved ({exc})"
            ) from None
        out = []
        for a in attrs.fields(tp):
            if not a.init:
                continue
            keyword = getattr(a, "alias", None) or a.name.lstrip("_")
            out.append(_Field(keyword, a.type, a.default is attrs.NOTHING))
        return out
    if _is_pydantic(tp):
        out = []
        for name, info in tp.model_fields.items():  # type: ignore[attr-defined]
            key = info.alias or name
            out.append(_Field(key, info.annotation, bool(info.is_required()), keyword=name))
        return out
    return None


# -- the derivation ---------------------------------------------------------------------------


def _unsupported(tp: Any, where: str, why: str = "") -> DevinValidationError:
    reason = why or f"no JSON Schema is derived for {tp!r}"
    return DevinValidationError(
        "output_type",
        f"{where}: {reason} (supported: {_SUPPORTED}); pass structured_output_schema= to "
        "give the schema yourself",
    )


class _Deriver:
    """One derivation: the classes being derived (a type that refers to itself is refused)."""

    def __init__(self) -> None:
        self._stack: list[Any] = []

    def schema(self, tp: Any, where: str) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Annotated:
            schema = self.schema(args[0], where)
            notes = [m for m in tp.__metadata__ if isinstance(m, str)]
            return {**schema, "description": " ".join(notes)} if notes else schema
        if _among(origin, _QUALIFIERS):
            return self.schema(args[0], where)
        if tp is Any:
            return {}
        if tp is None or tp is type(None):
            return {"type": "null"}
        if _among(tp, frozenset(_SCALARS)):
            return {"type": _SCALARS[tp]}
        if origin is typing.Union or origin is types.UnionType:
            return {"anyOf": [self.schema(arg, where) for arg in args]}
        if origin is typing.Literal:
            for value in args:
                if not _json_scalar(value) or isinstance(value, enum.Enum):
                    raise _unsupported(tp, where, f"Literal value {value!r} is not a JSON value")
            return {"enum": list(args)}
        bare = _bare(tp)
        if _among(bare, _SEQUENCES) or bare is tuple:
            return {"type": "array"}
        if _among(bare, _MAPPINGS):
            return {"type": "object"}
        if _among(origin, _SEQUENCES):
            return {"type": "array", "items": self.schema(args[0], f"{where}[]")}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.schema(args[0], f"{where}[]")}
            if not args or args == ((),):
                return {"type": "array", "maxItems": 0}
            return {
                "type": "array",
                "items": [self.schema(a, f"{where}[{i}]") for i, a in enumerate(args)],
                "minItems": len(args),
                "maxItems": len(args),
                "additionalItems": False,
            }
        if _among(origin, _MAPPINGS):
            key, value = args
            if key is not str:
                raise _unsupported(tp, where, "a mapping's keys must be str (JSON object keys)")
            return {"type": "object", "additionalProperties": self.schema(value, f"{where}{{}}")}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            values = [member.value for member in tp]
            if not values or not all(_json_scalar(v) for v in values):
                raise _unsupported(tp, where, f"the values of {_name(tp)} are not JSON values")
            return {"enum": values}
        if hasattr(tp, "__supertype__"):  # a NewType
            return self.schema(tp.__supertype__, where)
        if _is_root_model(tp):
            if tp in self._stack:
                raise _unsupported(tp, where, f"{_name(tp)} refers to itself (a recursive type)")
            self._stack.append(tp)
            try:
                return self.schema(tp.model_fields["root"].annotation, where)
            finally:
                self._stack.pop()
        return self._object(tp, where)

    def _object(self, tp: Any, where: str) -> dict[str, Any]:
        if tp in self._stack:
            raise _unsupported(tp, where, f"{_name(tp)} refers to itself (a recursive type)")
        fields = _fields(tp)
        if fields is None:
            if typing.get_origin(tp) is not None and _fields(typing.get_origin(tp)) is not None:
                raise _unsupported(tp, where, "generic classes are not derived")
            raise _unsupported(tp, where)
        self._stack.append(tp)
        try:
            properties = {f.key: self.schema(f.type, f"{where}.{f.key}") for f in fields}
        finally:
            self._stack.pop()
        schema: dict[str, Any] = {"type": "object", "title": tp.__name__}
        schema["properties"] = properties
        required = [f.key for f in fields if f.required]
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema


def output_schema(output_type: Any) -> dict[str, Any]:
    """The JSON Schema (Draft 7) of a type's values, as ``sessions.run`` sends it.

    Args:
        output_type: A dataclass, ``TypedDict``, attrs class or pydantic model (or any type
            of the module docstring's table).

    Returns:
        A new, self-contained schema; a field with a default is not required, and an object
        takes no other properties.

    Raises:
        DevinValidationError: A type the derivation cannot express, named with where it is
            (``Report.when: ...``).
    """
    where = _name(output_type)
    return {"$schema": DRAFT7, **_Deriver().schema(output_type, where)}


# -- the conversion ---------------------------------------------------------------------------


class _Mismatch(Exception):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"at {where or '/'}: {message}")


class _Converter:
    """Turns a JSON value (already checked against the schema) into the type's value."""

    def __init__(self) -> None:
        self._validators: dict[int, Any] = {}
        self._keep: list[Any] = []  # the types whose validators are cached by id

    def _fits(self, tp: Any, value: Any) -> bool:
        validator = self._validators.get(id(tp))
        if validator is None:
            import jsonschema_rs

            validator = jsonschema_rs.Draft7Validator(_Deriver().schema(tp, _name(tp)))
            self._validators[id(tp)] = validator
            self._keep.append(tp)
        return bool(validator.is_valid(value))

    def value(self, tp: Any, value: Any, where: str) -> Any:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Annotated or _among(origin, _QUALIFIERS):
            return self.value(args[0], value, where)
        if tp is Any:
            return value
        if tp is None or tp is type(None):
            if value is not None:
                raise _Mismatch(where, "must be null")
            return None
        if tp is bool or tp is str:
            if not isinstance(value, tp):
                raise _Mismatch(where, f"must be a {_SCALARS[tp]}")
            return value
        if tp is int:
            if isinstance(value, float) and value.is_integer():
                return int(value)  # JSON Schema's integer: 3.0 is one
            if isinstance(value, bool) or not isinstance(value, int):
                raise _Mismatch(where, "must be an integer")
            return value
        if tp is float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise _Mismatch(where, "must be a number")
            try:
                return float(value)
            except OverflowError:  # an integer beyond a float's range (10**400)
                raise _Mismatch(where, "is too large for a float") from None
        if origin is typing.Union or origin is types.UnionType:
            for arg in args:
                if self._fits(arg, value):
                    return self.value(arg, value, where)
            raise _Mismatch(where, f"matches none of {tp!r}")
        if origin is typing.Literal:
            if value not in args:
                raise _Mismatch(where, f"must be one of {list(args)!r}")
            # The member itself: 1 for an output of 1.0 (JSON does not tell them apart)
            same = [a for a in args if a == value and type(a) is not bool]
            exact = [a for a in same if type(a) is type(value)]
            return (exact or same or [value])[0]
        bare = _bare(tp)
        if _among(bare, _SEQUENCES):
            return list(self._list(value, where))
        if bare is tuple:
            return tuple(self._list(value, where))
        if _among(bare, _MAPPINGS):
            return dict(self._dict(value, where))
        if _among(origin, _SEQUENCES):
            items = self._list(value, where)
            return [self.value(args[0], v, f"{where}/{i}") for i, v in enumerate(items)]
        if origin is tuple:
            items = self._list(value, where)
            if len(args) == 2 and args[1] is Ellipsis:
                return tuple(self.value(args[0], v, f"{where}/{i}") for i, v in enumerate(items))
            kinds = () if args == ((),) else args
            if len(items) != len(kinds):
                raise _Mismatch(where, f"must have {len(kinds)} items")
            return tuple(
                self.value(a, v, f"{where}/{i}")
                for i, (a, v) in enumerate(zip(kinds, items, strict=True))
            )
        if _among(origin, _MAPPINGS):
            members = self._dict(value, where)
            return {k: self.value(args[1], v, f"{where}/{k}") for k, v in members.items()}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            try:
                return tp(value)
            except ValueError:
                raise _Mismatch(where, f"must be one of {[m.value for m in tp]!r}") from None
        if hasattr(tp, "__supertype__"):
            return self.value(tp.__supertype__, value, where)
        return self._object(tp, value, where)

    @staticmethod
    def _list(value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise _Mismatch(where, "must be an array")
        return value

    @staticmethod
    def _dict(value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _Mismatch(where, "must be an object")
        return value

    def _object(self, tp: Any, value: Any, where: str) -> Any:
        data = value if _is_root_model(tp) else self._dict(value, where)
        if _is_pydantic(tp):
            try:
                return tp.model_validate(data)
            except ValueError as exc:  # pydantic's ValidationError is a ValueError
                raise _Mismatch(where, f"{_name(tp)}: {exc}") from None
        fields = _fields(tp) or []
        known = {f.key for f in fields}
        extra = sorted(set(data) - known)
        if extra:
            raise _Mismatch(where, f"unknown properties {extra!r}")
        kwargs: dict[str, Any] = {}
        for f in fields:
            if f.key in data:
                kwargs[f.keyword] = self.value(f.type, data[f.key], f"{where}/{f.key}")
            elif f.required:
                raise _Mismatch(where, f"{f.key!r} is a required property")
        if typing.is_typeddict(tp):
            return kwargs
        try:
            return tp(**kwargs)
        except (TypeError, ValueError) as exc:  # a __post_init__ or an attrs validator refused
            raise _Mismatch(where, f"{_name(tp)}: {exc}") from None


# -- the public pieces ------------------------------------------------------------------------


def _shorten(error: str) -> str:
    """An error cut to ``_MAX_ERROR_CHARS``: its start (where) and end (what was expected)."""
    if len(error) <= _MAX_ERROR_CHARS:
        return error
    return f"{error[:200]} ...({len(error) - 300} characters)... {error[-100:]}"


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest in ``value`` deeper than ``limit`` (iteratively)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def is_unset(value: Any) -> bool:
    """Is ``value`` the ``UNSET`` of a generated package (a field the server did not send)?
    Each generated package has its own; this knows them all without importing any."""
    module = sys.modules.get(type(value).__module__)
    return module is not None and getattr(module, "UNSET", None) is value


def _raw_output(session: Any) -> Any:
    raw = session.structured_output
    if raw is None or is_unset(raw):
        return None
    to_dict = getattr(raw, "to_dict", None)  # a generated model (v3's SessionStructuredOutput)
    return to_dict() if callable(to_dict) else raw


class TypedOutput(Generic[T]):
    """An output type with the schema its output is checked against.

    Args:
        output_type: The type to convert the output into (checked now: a type the
            derivation cannot express raises, before anything is sent).
        schema: The schema to send and check against; ``None`` derives it from the type.

    Raises:
        DevinValidationError: ``output_type`` cannot be derived.
    """

    __slots__ = ("_validator", "output_type", "schema")

    def __init__(self, output_type: type[T] | Any, schema: Mapping[str, Any] | None = None) -> None:
        derived = output_schema(output_type)
        self.output_type = output_type
        self.schema: dict[str, Any] = derived if schema is None else dict(schema)
        self._validator: Any = None

    def _errors(self, raw: Any) -> list[str]:
        if self._validator is None:
            import jsonschema_rs

            try:
                self._validator = jsonschema_rs.Draft7Validator(self.schema)
            except (ValueError, jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError):
                raise DevinValidationError(
                    "structured_output_schema", "is not a valid Draft 7 schema"
                ) from None
        errors = []
        for error in self._validator.iter_errors(raw):
            where = "/" + "/".join(str(p) for p in error.instance_path)
            errors.append(f"at {where}: {error.message}")
            if len(errors) == _MAX_ERRORS:
                errors.append("... (more errors not listed)")
                break
        return errors

    def parse(self, raw: Any, *, session: Any = None, source: str = "the output") -> T:
        """Check a JSON value against the schema and convert it.

        Args:
            raw: The output (``None``: there is none).
            session: The session it came from, for the error.
            source: How the error names the output, e.g. ``"session devin-1's output"``.

        Raises:
            StructuredOutputError: The output is missing, breaks the schema, or does not
                convert (a ``__post_init__`` or a pydantic validator refused it).
        """
        name = _name(self.output_type)
        if raw is None and session is not None:
            raise StructuredOutputError(
                f"{source} is missing: the session has no structured output",
                output=None,
                errors=[],
                session=session,
                output_type=self.output_type,
            )
        if _deeper_than(raw, MAX_DEPTH):
            errors = [f"at /: nested deeper than {MAX_DEPTH} arrays or objects"]
        else:
            errors = self._errors(raw)
        if not errors:
            try:
                value: T = _Converter().value(self.output_type, raw, "")
                return value
            except _Mismatch as exc:
                errors = [str(exc)]
        errors = [_shorten(error) for error in errors]  # the output itself is on .output
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise StructuredOutputError(
            f"{source} is not a valid {name}: {errors[0]}{more}",
            output=raw,
            errors=errors,
            session=session,
            output_type=self.output_type,
        )

    def from_session(self, session: Any, session_id: str) -> T:
        """The output of a session (its ``structured_output``), checked and converted."""
        return self.parse(
            _raw_output(session), session=session, source=f"session {session_id}'s output"
        )


def parse_structured_output(
    session_or_output: Any,
    output_type: type[T],
    *,
    schema: Mapping[str, Any] | None = None,
) -> T:
    """A session's structured output (or an output value) as a ``T``.

    The output is checked against ``schema`` (default: the one ``sessions.run`` derives from
    ``output_type``) and converted: dataclasses, attrs classes and pydantic models are built,
    a ``TypedDict`` is a ``dict``, an ``Enum`` its member, a ``tuple`` a tuple.

    Args:
        session_or_output: A session (anything with a ``structured_output``: v1's
            ``GetSessionResponse``) or the output itself (a JSON value).
        output_type: The type to convert into.
        schema: The schema the session was created with, when not derived from the type.

    Returns:
        The output as a ``T``.

    Raises:
        DevinValidationError: ``output_type`` cannot be derived.
        StructuredOutputError: The output is missing (a session without one), breaks the
            schema, or does not convert; ``.output`` and ``.errors`` say how.
    """
    typed: TypedOutput[T] = TypedOutput(output_type, schema)
    if hasattr(session_or_output, "structured_output"):
        session_id = getattr(session_or_output, "session_id", "?")
        return typed.from_session(session_or_output, str(session_id))
    return typed.parse(session_or_output)


def typed_options(output_type: type[T], options: Any) -> TypedOutput[T]:
    """The output type of ``sessions.run``, checked now, with the schema its create sends:
    ``options["structured_output_schema"]`` when given, else the one derived from the type
    (then put in ``options``, the create's keywords: a dict).

    Raises:
        DevinValidationError: ``output_type`` cannot be derived.
    """
    given = options.get("structured_output_schema")
    typed: TypedOutput[T] = TypedOutput(output_type, given)
    if given is None:
        options["structured_output_schema"] = typed.schema
    return typed


def typed_result(
    waiting: Flow[S],
    typed: TypedOutput[T],
    *,
    outcome_of: Callable[[S], Outcome],
    status_of: Callable[[S], str],
    session_id_of: Callable[[S], str],
) -> Flow[T]:
    """The flow of ``sessions.run`` after its create: wait (``waiting``, a flow returning the
    settled session), then the session's output as a ``T``, or the typed error of a session
    that did not finish.

    Args:
        waiting: The create-then-wait flow.
        typed: The output type, with the schema sent.
        outcome_of: How the API reads a settled session (finished, blocked, failed).
        status_of: The session's status, for the error.
        session_id_of: The session's id.

    Raises:
        SessionBlockedError: The session waits for the user.
        SessionFailedError: It ended without finishing.
        StructuredOutputError: Its output is missing or does not match.
    """
    session = yield from waiting
    session_id = session_id_of(session)
    outcome = outcome_of(session)
    if outcome == "finished":
        return typed.from_session(session, session_id)
    status = status_of(session)
    if outcome == "blocked":
        raise SessionBlockedError(
            f"session {session_id} is {status}: Devin waits for your answer (send a "
            "message, wait again, then parse_structured_output)",
            session=session,
            session_id=session_id,
            status=status,
        )
    raise SessionFailedError(
        f"session {session_id} ended {status} without finishing",
        session=session,
        session_id=session_id,
        status=status,
    )
