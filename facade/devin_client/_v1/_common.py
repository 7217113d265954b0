"""Helpers of the v1 resource modules."""

from __future__ import annotations

from typing import Any

from devin_api.types import UNSET

__all__ = ["opt"]


def opt(value: Any) -> Any:
    """``None`` means "not sent" for the optional fields of the v1 bodies."""
    return UNSET if value is None else value
