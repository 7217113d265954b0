"""Who a key is: its organisation, its API version and, for v3, its permissions.

v1 keys (``apk_user_...``, ``apk_...``, or any key that does not start with ``cog_``) map to an
organisation. v3 keys are service-user keys (``cog_...``): an organisation (or every one, for
an enterprise service user) and a set of permissions. A key works on its own version only, as
on the real API: v3 routes answer 401 to a v1 key, and v1 routes answer 401 to a ``cog_`` key
(a deliberate choice: the docs say v1 keys are not accepted by v3 and say nothing of the
reverse; refusing both keeps a test from passing on the wrong credential).

The permission names are the ones the v3 spec names in its operations' ``x-devin-permissions``
(read from it, so a spec that names a new one needs no change here).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from .._kernel.spec import load_document

__all__ = ["ENTERPRISE", "V3_KEY_PREFIX", "MockKey", "is_v3_key", "known_permissions"]

V3_KEY_PREFIX: Final = "cog_"
ENTERPRISE: Final = "*"
"""The organisation of an enterprise service user's key: every organisation (``/v3/self``
answers ``org_id: null``)."""

_PERMISSION: Final = re.compile(r"\b(?:View|Manage|Impersonate|Use|Read)[A-Z][A-Za-z]+\b")


def is_v3_key(key: str) -> bool:
    """Whether a key is a v3 service-user key (``cog_`` prefix)."""
    return key.startswith(V3_KEY_PREFIX)


@functools.cache
def known_permissions() -> tuple[str, ...]:
    """Every permission the v3 spec names (``x-devin-permissions`` of its operations), sorted."""
    found: set[str] = set()
    document = load_document("devin_api_v3")
    for item in document["paths"].values():
        for operation in item.values():
            if isinstance(operation, Mapping):
                text = str(operation.get("x-devin-permissions", ""))
                found.update(_PERMISSION.findall(text))
    return tuple(sorted(found))


@dataclass(frozen=True)
class MockKey:
    """What a key may do.

    Args:
        org_id: Its organisation; :data:`ENTERPRISE` (``"*"``) for an enterprise service user
            (v3 only), which may call any organisation's routes.
        permissions: The v3 permissions it holds; ``None`` for all of them. Ignored for v1 keys
            (v1 has no per-key permissions).

    Example:
        ``DevinMock(keys={"cog_ci": MockKey("org-ci", frozenset({"ViewOrgSessions"}))})``, or
        the same as text: ``{"cog_ci": "org-ci:ViewOrgSessions"}``.
    """

    org_id: str
    permissions: frozenset[str] | None = field(default=None)

    @classmethod
    def parse(cls, text: str) -> MockKey:
        """``"ORG"`` (every permission) or ``"ORG:PERM,PERM"`` (only those).

        Raises:
            ValueError: An empty organisation, or an empty permission list after ``:``.
        """
        org_id, sep, perms = text.partition(":")
        if not org_id:
            raise ValueError("a key's organisation is empty")
        if not sep:
            return cls(org_id)
        names = frozenset(p.strip() for p in perms.split(",") if p.strip())
        if not names:
            raise ValueError(f"no permissions after ':' for organisation {org_id!r}")
        return cls(org_id, names)

    @classmethod
    def of(cls, value: str | MockKey) -> MockKey:
        """A :class:`MockKey` from either form.

        Raises:
            TypeError: Neither form.
            ValueError: A malformed text form.
        """
        if isinstance(value, MockKey):
            return value
        if not isinstance(value, str):
            raise TypeError("a key maps to 'ORG', 'ORG:PERM,PERM' or a MockKey")
        return cls.parse(value)


def check_keys(keys: Mapping[str, str | MockKey]) -> None:
    """Refuse keys that cannot mean what their author meant.

    Raises:
        ValueError: An unknown permission name (naming the known ones), permissions or an
            enterprise organisation on a v1 key, or a value that is neither form.
    """
    known = set(known_permissions())
    for key, value in keys.items():
        if not isinstance(key, str) or not key:
            raise ValueError("keys must be non-empty strings")
        if not isinstance(value, str | MockKey):
            raise ValueError("a key maps to 'ORG', 'ORG:PERM,PERM' or a MockKey")
        spec = MockKey.of(value)
        v3 = is_v3_key(key)
        if not v3 and (spec.permissions is not None or spec.org_id == ENTERPRISE):
            raise ValueError(
                "permissions and enterprise organisations apply to v3 (cog_) keys only"
            )
        unknown = sorted((spec.permissions or set()) - known)
        if unknown:
            raise ValueError(
                f"unknown permission {unknown[0]!r}; the v3 spec names: " + ", ".join(sorted(known))
            )


def organisations(values: Iterable[str | MockKey]) -> list[str]:
    """The organisations some keys belong to, sorted (an enterprise key shows as ``*``)."""
    return sorted({MockKey.of(v).org_id for v in values})


def service_user_id(key: str) -> str:
    """The service user behind a v3 key (stable, and not the key)."""
    return "service-user-" + hashlib.sha256(key.encode()).hexdigest()[:16]
