"""The one place the ``devin`` command builds its client.

Every command asks :meth:`State.client <devin_client.cli._state.State.client>` for a client;
the state hands the global options (:class:`ClientOptions`) to a *client factory*. The default
factory, :func:`make_client`, builds ``devin_client.Devin`` from them. Another factory can be
given to the command, so that a program embedding it, or a test, decides how requests travel
(an ``httpx.MockTransport``, a recording transport, a corporate proxy) without patching
anything::

    from typer.testing import CliRunner
    from devin_client.cli import app, make_client

    def factory(options):
        return make_client(options, http_client=httpx.Client(transport=transport))

    CliRunner().invoke(app, ["sessions", "list"], client_factory=factory)
    # or, as a program: devin_client.cli.main(["sessions", "list"], client_factory=factory)

This is also where the API version will be chosen (a ``cog_`` key, or ``--api v3``, gives the
v3 client): the factory sees every option, the commands only the client it returns.

Imports only the library (no Typer, no Rich): ``devin_client.cli`` exports these names even
without the ``cli`` extra.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from devin_client import Devin

if TYPE_CHECKING:
    import httpx

__all__ = ["ClientFactory", "ClientOptions", "make_client"]


@dataclass(frozen=True)
class ClientOptions:
    """What the global options of one ``devin`` invocation say about its client.

    ``None`` leaves the choice to the library: its environment variable or its default.

    Attributes:
        api_key: ``--api-key`` (else ``DEVIN_API_KEY``). Never in the ``repr``.
        base_url: ``--base-url`` (else ``DEVIN_BASE_URL``, else the real API).
        max_retries: ``--max-retries`` (else the library's default).
        allow_insecure_http: ``--allow-insecure-http``.
    """

    api_key: str | None = field(default=None, repr=False)
    base_url: str | None = None
    max_retries: int | None = None
    allow_insecure_http: bool = False


ClientFactory: TypeAlias = Callable[[ClientOptions], Devin]
"""Builds the client of one invocation from its options; the command closes it when done."""


def make_client(options: ClientOptions, *, http_client: httpx.Client | None = None) -> Devin:
    """The default client factory: ``devin_client.Devin`` configured from ``options``.

    Args:
        options: The invocation's global options.
        http_client: An ``httpx.Client`` to send through (a factory of your own passes one:
            a ``MockTransport`` in tests, a proxy, ...); the caller closes it. ``None``: the
            library's own connection pool.

    Returns:
        The client.

    Raises:
        DevinValidationError: No API key anywhere, or an option the library refuses (a plain
            ``http://`` base URL to a remote host without ``allow_insecure_http``, ...).
    """
    extra: dict[str, Any] = {}
    if options.max_retries is not None:
        extra["max_retries"] = options.max_retries
    return Devin(
        api_key=options.api_key,
        base_url=options.base_url,
        allow_insecure_http=options.allow_insecure_http,
        http_client=http_client,
        **extra,
    )
