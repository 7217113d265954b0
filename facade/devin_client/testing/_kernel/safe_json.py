"""JSON the mock accepts from a client (request bodies, admin bodies, scripted outputs).

UTF-8 only, finite numbers only (``NaN``, ``Infinity`` and ``1e999`` cannot be answered back:
JSON has no infinity), valid Unicode (no lone surrogates) and at most :data:`MAX_DEPTH` levels
deep. Python's own limit (``RecursionError`` at about a thousand levels) depends on how deep the
stack already is, and a value the mock stores must serialise again later, from another stack:
a fixed, lower limit makes "accepted" mean "can be answered back".
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any, Final

__all__ = ["MAX_DEPTH", "BadJSON", "check_value", "load_json"]

MAX_DEPTH: Final = 256
"""Deepest nesting of arrays and objects accepted (far more than any real document)."""


# A JSON string (unrolled: linear, no nested quantifiers over the same characters).
_STRING: Final = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS: Final = bytes(b for b in range(256) if b not in b"[]{}")
_DELTA: Final = [0] * 256
_DELTA[ord("[")] = _DELTA[ord("{")] = 1
_DELTA[ord("]")] = _DELTA[ord("}")] = -1


class BadJSON(ValueError):
    """Not a JSON document the mock accepts; the message says why (never the content)."""


def load_json(raw: bytes) -> Any:
    """Parse a request body.

    Raises:
        BadJSON: Not UTF-8, not JSON, a non-finite number, a lone surrogate, or too deep
            (never ``RecursionError``).
    """
    if _raw_depth(raw) > MAX_DEPTH:  # before parsing: cheap, and no stack-dependent limit
        raise BadJSON(f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        value = json.loads(
            raw.decode("utf-8"), parse_constant=_reject_constant, parse_float=_finite_float
        )
    except (UnicodeError, ValueError, RecursionError):
        raise BadJSON("JSON decode error") from None
    _check_encodable(value)
    return value


def check_value(value: Any) -> None:
    """Check that a Python value is JSON the mock can answer back.

    Raises:
        BadJSON: Too deep, not JSON-serialisable, a non-finite number or a lone surrogate.
    """
    if _deeper_than(value, MAX_DEPTH):
        raise BadJSON(f"JSON nested deeper than {MAX_DEPTH} levels")
    _check_encodable(value)


def _check_encodable(value: Any) -> None:
    try:
        # A lone surrogate ("\ud800") parses in Python but is not Unicode: pydantic's parser
        # rejects it, and answering it back would fail to encode (a 500).
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (UnicodeError, ValueError, TypeError, RecursionError):
        raise BadJSON("not a JSON value (finite numbers, valid Unicode)") from None


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN/Infinity; JSON does not.
    raise ValueError(f"invalid JSON constant {name}")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _raw_depth(raw: bytes) -> int:
    """The deepest nesting of a JSON text (exact for valid JSON), in C-speed passes."""
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_DELTA.__getitem__, brackets)), default=0)


def _deeper_than(value: Any, limit: int) -> bool:
    # Iterative: a value from Python (not from json.loads) may be deeper than the stack allows.
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list | tuple):
            children = node
        else:
            continue
        stack.extend(
            (child, depth + 1) for child in children if isinstance(child, dict | list | tuple)
        )
    return False
