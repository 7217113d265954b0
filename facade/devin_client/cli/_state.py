"""What every command shares: the global options, the client, and the redaction of the key."""

from __future__ import annotations

import logging
import os
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import typer
from rich.console import Console

from devin_client import redact

from ._client import AnyDevin, ApiVersion, ClientFactory, ClientOptions, make_client
from ._output import clean

__all__ = ["RootContext", "State", "get_state", "set_state"]

API_KEY_ENV = "DEVIN_API_KEY"
_PIPE_WIDTH = 200


@dataclass
class State:
    """The global options of one ``devin`` invocation (see :func:`get_state`).

    Attributes:
        api_key: ``--api-key``; ``None`` lets the client read ``DEVIN_API_KEY``.
        base_url: ``--base-url``; ``None`` lets the client read ``DEVIN_BASE_URL``.
        json: Print machine-readable JSON instead of tables.
        debug: Log requests and show tracebacks.
        max_retries: ``--max-retries``; ``None`` keeps the client's default.
        allow_insecure_http: ``--allow-insecure-http``: plain http:// to a non-loopback host.
        api: ``--api``: ``"v1"``, ``"v3"``, or ``None`` to choose by the key.
        org_id: ``--org-id`` (v3); ``None`` lets the client read ``DEVIN_ORG_ID`` or ask.
        client_factory: Builds the client every command uses (see ``_client``).
    """

    api_key: str | None = None
    base_url: str | None = None
    json: bool = False
    debug: bool = False
    max_retries: int | None = None
    allow_insecure_http: bool = False
    api: ApiVersion | None = None
    org_id: str | None = None
    client_factory: ClientFactory = field(default=make_client, repr=False)
    _log_handler: logging.Handler | None = field(default=None, repr=False)
    _more_secrets: list[str] = field(default_factory=list, repr=False)

    def __repr__(self) -> str:
        # Never the key, even in a debugger or a traceback with locals.
        return f"State(base_url={self.base_url!r}, json={self.json}, debug={self.debug})"

    def secrets(self) -> list[str]:
        """Strings that must never be printed: the key from the option or the environment,
        and the values given to :meth:`add_secret`."""
        return [s for s in (self.api_key, os.environ.get(API_KEY_ENV), *self._more_secrets) if s]

    def add_secret(self, value: str) -> None:
        """Never print ``value`` either (a secret value typed at a prompt or given as option)."""
        self._more_secrets.append(value)

    def redact(self, text: str) -> str:
        """``text`` with every secret replaced by ``***``, in any form it may be echoed in
        (JSON-escaped, ``repr``, line by line, ...: see ``devin_client.redact``)."""
        return redact(text, self.secrets())

    def client(self) -> AnyDevin:
        """The client of this invocation, built by :attr:`client_factory` from the options
        (every command gets its client here, and closes it)."""
        return self.client_factory(
            ClientOptions(
                api_key=self.api_key,
                base_url=self.base_url,
                max_retries=self.max_retries,
                allow_insecure_http=self.allow_insecure_http,
                api=self.api,
                org_id=self.org_id,
            )
        )

    def out(self) -> Console:
        """The console for results (stdout)."""
        # soft_wrap: a long line (a URL) is never broken by inserted newlines; tables still fit.
        console = Console(highlight=False, soft_wrap=True)
        if not console.is_terminal and "COLUMNS" not in os.environ:
            # Piped or redirected: no screen to fit, so tables keep whole rows for grep & co.
            console.width = _PIPE_WIDTH
        return console

    def err(self) -> Console:
        """The console for progress, status lines and errors (stderr)."""
        return Console(stderr=True, highlight=False, soft_wrap=True)

    def enable_debug_logging(self) -> None:
        """Send the ``devin_client`` logger's DEBUG lines to stderr, the key redacted."""
        if self._log_handler is not None:
            return
        handler = logging.StreamHandler()
        handler.setFormatter(_RedactingFormatter(self, "debug: %(name)s: %(message)s"))
        logger = logging.getLogger("devin_client")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        self._log_handler = handler

    def close(self) -> None:
        """Undo :meth:`enable_debug_logging` (matters when the app runs in-process, in tests)."""
        if self._log_handler is not None:
            logger = logging.getLogger("devin_client")
            logger.removeHandler(self._log_handler)
            logger.setLevel(logging.NOTSET)
            self._log_handler = None


class _RedactingFormatter(logging.Formatter):
    # The client already keeps the key out of its log lines; this is the second lock.
    def __init__(self, state: State, fmt: str) -> None:
        super().__init__(fmt)
        self._state = state

    def format(self, record: logging.LogRecord) -> str:
        # Log lines carry server text too (URLs, exception messages): escaped like all output.
        return clean(self._state.redact(super().format(record)))


class RootContext(typer.Context):
    """The root command's context: it carries the client factory given to the command
    (``CliRunner().invoke(app, args, client_factory=...)``, ``main(client_factory=...)``).

    Args:
        client_factory: Builds each invocation's client; ``None``: :func:`make_client`.
    """

    def __init__(
        self, *args: Any, client_factory: ClientFactory | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.client_factory: ClientFactory = client_factory or make_client


_current: ContextVar[State | None] = ContextVar("devin_cli_state", default=None)


def set_state(state: State) -> None:
    """Make ``state`` the one :func:`get_state` returns (the root callback calls this)."""
    _current.set(state)


def get_state() -> State:
    """The :class:`State` of the running command (defaults: everything from the environment)."""
    state = _current.get()
    if state is None:
        state = State()
        _current.set(state)
    return state
