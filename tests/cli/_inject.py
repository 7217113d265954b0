"""Clients for the ``devin`` command under test, given through its client factory.

The command builds every client through one factory (``devin_client.cli.make_client`` unless
told otherwise); tests hand it another one, so nothing in httpx or the library is patched::

    CliRunner().invoke(app, argv, env=..., client_factory=answered_by(handler))
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
from devin_client.cli import AnyDevin, ClientFactory, ClientOptions, make_client

__all__ = ["answered_by", "sending_through"]

Handler = Callable[[httpx.Request], httpx.Response]


def sending_through(transport: httpx.BaseTransport) -> ClientFactory:
    """The client the command's options describe (key, base URL, retries, ... checked as
    usual), its requests sent through ``transport``."""
    # One pool for every invocation of the factory: the client does not close a pool it was
    # given, and a MockTransport holds no connection.
    http = httpx.Client(transport=transport)

    def factory(options: ClientOptions) -> AnyDevin:
        return make_client(options, http_client=http)

    return factory


def answered_by(handler: Handler) -> ClientFactory:
    """:func:`sending_through` an ``httpx.MockTransport``: ``handler`` answers every request."""
    return sending_through(httpx.MockTransport(handler))
