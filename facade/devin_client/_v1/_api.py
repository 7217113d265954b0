"""What makes a client speak the Devin API v1: its spec and how its error bodies read.

Imports nothing of ``devin_api`` itself, so ``import devin_client`` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .._core._exceptions import ErrorFormat
from .._core._spec import ApiSpec

__all__ = ["ERRORS", "SPEC"]

SPEC = ApiSpec("devin_api")


def _validation_error() -> Any:
    return import_module("devin_api.models").HTTPValidationError


# FastAPI's bodies: {"detail": "text"}, a 422's {"detail": [{"loc", "msg", "type"}, ...]}.
ERRORS = ErrorFormat(_validation_error)
