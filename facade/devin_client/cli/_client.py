"""The one place the ``devin`` command builds its client, and chooses the API version.

Every command asks :meth:`State.client <devin_client.cli._state.State.client>` for a client;
the state hands the global options (:class:`ClientOptions`) to a *client factory*. The default
factory, :func:`make_client`, builds ``devin_client.Devin`` (the API v1) or
``devin_client.v3.Devin`` (the API v3) from them. Another factory can be given to the command,
so that a program embedding it, or a test, decides how requests travel (an
``httpx.MockTransport``, a recording transport, a corporate proxy) without patching anything::

    from typer.testing import CliRunner
    from devin_client.cli import app, make_client

    def factory(options):
        return make_client(options, http_client=httpx.Client(transport=transport))

    CliRunner().invoke(app, ["sessions", "list"], client_factory=factory)
    # or, as a program: devin_client.cli.main(["sessions", "list"], client_factory=factory)

The version (:func:`api_version`): ``--api v1|v3`` when given, else v3 for a service user's
``cog_`` key (``--api-key`` or ``DEVIN_API_KEY``), else v1. The commands see only the client the
factory returns; where the two APIs differ, they ask ``_versions`` (one module).

Imports only the library (no Typer, no Rich): ``devin_client.cli`` exports these names even
without the ``cli`` extra.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from devin_client import Devin, DevinValidationError
from devin_client.v3 import Devin as V3Devin

if TYPE_CHECKING:
    import httpx

__all__ = [
    "V3_KEY_PREFIX",
    "AnyDevin",
    "ApiVersion",
    "ClientFactory",
    "ClientOptions",
    "api_version",
    "make_client",
]

API_KEY_ENV = "DEVIN_API_KEY"
V3_KEY_PREFIX = "cog_"
"""A key with this prefix is a v3 service user's key: the command speaks v3 with it."""

ApiVersion: TypeAlias = Literal["v1", "v3"]


@dataclass(frozen=True)
class ClientOptions:
    """What the global options of one ``devin`` invocation say about its client.

    ``None`` leaves the choice to the library: its environment variable or its default.

    Attributes:
        api_key: ``--api-key`` (else ``DEVIN_API_KEY``). Never in the ``repr``.
        base_url: ``--base-url`` (else ``DEVIN_BASE_URL``, else the real API).
        max_retries: ``--max-retries`` (else the library's default).
        allow_insecure_http: ``--allow-insecure-http``.
        api: ``--api``: ``"v1"`` or ``"v3"``; ``None`` chooses by the key (see
            :func:`api_version`).
        org_id: ``--org-id``, v3 only (else ``DEVIN_ORG_ID``, else the key's organisation,
            learned through ``GET /v3/self``).
    """

    api_key: str | None = field(default=None, repr=False)
    base_url: str | None = None
    max_retries: int | None = None
    allow_insecure_http: bool = False
    api: ApiVersion | None = None
    org_id: str | None = None


AnyDevin: TypeAlias = Devin | V3Devin
"""The client of one invocation: the API v1's ``devin_client.Devin`` or v3's."""

ClientFactory: TypeAlias = Callable[[ClientOptions], AnyDevin]
"""Builds the client of one invocation from its options (a ``devin_client.Devin`` or a
``devin_client.v3.Devin``); the command closes it when done."""


def api_version(options: ClientOptions) -> ApiVersion:
    """The API version the options choose: ``api`` when given, else ``"v3"`` for a ``cog_``
    key (``api_key``, else ``DEVIN_API_KEY``), else ``"v1"``."""
    if options.api is not None:
        return options.api
    key = options.api_key if options.api_key is not None else os.environ.get(API_KEY_ENV, "")
    return "v3" if key.strip().startswith(V3_KEY_PREFIX) else "v1"


def make_client(options: ClientOptions, *, http_client: httpx.Client | None = None) -> AnyDevin:
    """The default client factory: ``devin_client.Devin`` (v1) or ``devin_client.v3.Devin``
    (v3, see :func:`api_version`) configured from ``options``.

    Args:
        options: The invocation's global options.
        http_client: An ``httpx.Client`` to send through (a factory of your own passes one:
            a ``MockTransport`` in tests, a proxy, ...); the caller closes it. ``None``: the
            library's own connection pool.

    Returns:
        The client (``devin_client.Devin`` or ``devin_client.v3.Devin``).

    Raises:
        DevinValidationError: No API key anywhere, an ``org_id`` with the API v1, or an option
            the library refuses (a plain ``http://`` base URL to a remote host without
            ``allow_insecure_http``, ...).
    """
    extra: dict[str, Any] = {}
    if options.max_retries is not None:
        extra["max_retries"] = options.max_retries
    common: dict[str, Any] = {
        "api_key": options.api_key,
        "base_url": options.base_url,
        "allow_insecure_http": options.allow_insecure_http,
        "http_client": http_client,
        **extra,
    }
    if api_version(options) == "v3":
        return V3Devin(org_id=options.org_id, **common)
    if options.org_id is not None:
        raise DevinValidationError(
            "org_id", "the API v1 has no organisation in its paths: it is for v3 (--api v3)"
        )
    return Devin(**common)
