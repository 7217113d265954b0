"""A ``devin-mock`` process, started and always stopped: :class:`MockProcess`.

The one way the project starts a mock in another process (``make demo``, ``make contract``,
``make soak``, ``make bench-mock``, the tests that look for a frozen mock). Standard library
only, so that it imports without the ``mock`` extra; the process it starts needs the extra.

Readiness: ``devin-mock`` prints ``devin-mock listening on http://HOST:PORT`` only once its
socket is bound and listening, so a connection made after that line waits in the socket's
backlog until the server accepts it; no polling of an HTTP endpoint is needed.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import IO, Final, Self

__all__ = ["MockProcess", "MockProcessError"]

_LISTENING: Final = re.compile(r"^devin-mock listening on (http://\S+)\s*$", re.MULTILINE)
_POLL: Final = 0.01  # seconds between looks at the output while the process starts


class MockProcessError(RuntimeError):
    """The ``devin-mock`` process did not start serving: it exited, or said nothing in time.

    The message carries what the process printed (its stdout and stderr).
    """


class MockProcess:
    """A ``devin-mock`` process on a free loopback port, for a ``with`` block.

    ``start()`` (or entering the ``with`` block) runs ``devin-mock --port 0`` with the same
    Python interpreter and returns once it serves; ``stop()`` (or leaving the block, also
    through an exception or Ctrl-C) stops it: SIGINT, then SIGTERM, then SIGKILL, each after
    ``stop_timeout`` seconds, and waits for it. The process runs in its own process group
    (POSIX), so a Ctrl-C in a terminal reaches only your program, which then stops the mock in
    order; the signals go to the whole group.

    Its stdout and stderr go to an anonymous temporary file (read it with :meth:`output`), so
    the process can never block on a full pipe, and nothing remains on disk.

    Args:
        args: More ``devin-mock`` options, e.g. ``["--validate-responses"]``.
        api: Which of the project's APIs to serve (``--api``); default: ``devin-mock``'s.
        keys: Accepted bearer keys, each as ``--key`` takes it (``KEY`` or ``KEY:ORG``);
            default: the demo key.
        host: Interface to bind (default loopback).
        port: Port to bind (default 0: a free one, read back from the process).
        startup_timeout: Seconds to wait for the process to serve.
        stop_timeout: Seconds to wait after SIGINT, and again after SIGTERM.
        command: How to run ``devin-mock`` (default: ``[sys.executable, "-m",
            "devin_client.testing"]``).
        env: The process's environment (default: this one's).

    Example::

        with MockProcess(keys=["apk_user_ci:org-ci"]) as mock:
            client = Devin("apk_user_ci", base_url=mock.base_url)
    """

    def __init__(
        self,
        args: Sequence[str] = (),
        *,
        api: str | None = None,
        keys: Iterable[str] = (),
        host: str = "127.0.0.1",
        port: int = 0,
        startup_timeout: float = 30.0,
        stop_timeout: float = 5.0,
        command: Sequence[str] | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        base = list(command) if command is not None else [sys.executable, "-m", _PACKAGE]
        options = ["--host", host, "--port", str(port)]
        if api is not None:
            options += ["--api", api]
        for key in keys:
            options += ["--key", key]
        # Keys are credentials: kept in the command line only, never in repr or messages.
        self._command = [*base, *options, *args]
        self._env = dict(env) if env is not None else None
        self.startup_timeout = startup_timeout
        self.stop_timeout = stop_timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._base_url: str | None = None
        self._final_output = ""
        self.returncode: int | None = None
        """The exit status once stopped (negative: killed by that signal), else ``None``."""

    # ---- what callers read ------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://HOST:PORT`` the process serves on.

        Raises:
            RuntimeError: The process is not started.
        """
        if self._base_url is None:
            raise RuntimeError("the mock process is not started")
        return self._base_url

    @property
    def pid(self) -> int:
        """The process id.

        Raises:
            RuntimeError: The process was never started.
        """
        if self._proc is None:
            raise RuntimeError("the mock process is not started")
        return self._proc.pid

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self._proc is not None and self._proc.poll() is None

    def output(self) -> str:
        """Everything the process has written to stdout and stderr so far."""
        log = self._log
        if log is None or log.closed:
            return self._final_output
        # pread leaves the file offset alone: the child shares it and writes at it.
        return os.pread(log.fileno(), os.fstat(log.fileno()).st_size, 0).decode("utf-8", "replace")

    def __repr__(self) -> str:
        state = f"pid={self._proc.pid}" if self._proc is not None else "not started"
        url = f", base_url={self._base_url!r}" if self._base_url is not None else ""
        return f"MockProcess({state}{url}, returncode={self.returncode})"

    # ---- life -------------------------------------------------------------------------------

    def start(self) -> Self:
        """Start the process and wait until it serves.

        Returns:
            This object (``base_url`` and ``pid`` are set).

        Raises:
            RuntimeError: Already started.
            MockProcessError: The process exited, or printed no ``listening on`` line within
                ``startup_timeout`` seconds (it is stopped; the message has its output).
        """
        if self._proc is not None:
            raise RuntimeError("the mock process was already started")
        try:
            self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop())
            self._proc = subprocess.Popen(
                self._command,
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                env=self._env,
                start_new_session=True,
            )
            self._base_url = self._wait_until_serving(self._proc)
        except BaseException:  # also Ctrl-C while waiting: never leave the process behind
            self.stop()
            raise
        return self

    def stop(self) -> int | None:
        """Stop the process (SIGINT, SIGTERM, SIGKILL) and wait for it; safe to call twice.

        Returns:
            Its exit status (0 or 130 after a clean stop), ``None`` if it never started.
        """
        proc = self._proc
        try:
            if proc is not None and proc.returncode is None:
                self._stop(proc)
        finally:
            if proc is not None:
                if proc.poll() is None:  # deaf to SIGTERM, or interrupted while stopping
                    self._signal(proc, signal.SIGKILL)
                    proc.wait()
                self.returncode = proc.returncode
            if self._log is not None and not self._log.closed:
                self._final_output = self.output()
                self._log.close()
        return self.returncode

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ---- inside -----------------------------------------------------------------------------

    def _wait_until_serving(self, proc: subprocess.Popen[bytes]) -> str:
        deadline = time.monotonic() + self.startup_timeout
        while True:
            text = self.output()
            match = _LISTENING.search(text)
            if match is not None:
                return match.group(1)
            if proc.poll() is not None:
                raise MockProcessError(
                    f"devin-mock exited with status {proc.returncode} before serving:\n{text}"
                )
            if time.monotonic() > deadline:
                raise MockProcessError(
                    f"devin-mock did not say it was listening within {self.startup_timeout:g} s:"
                    f"\n{text}"
                )
            time.sleep(_POLL)

    def _stop(self, proc: subprocess.Popen[bytes]) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            if proc.poll() is not None:
                return
            self._signal(proc, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(self.stop_timeout)
                return
        # Still running: stop()'s finally sends SIGKILL and waits.

    @staticmethod
    def _signal(proc: subprocess.Popen[bytes], sig: int) -> None:
        # Only while the process is not reaped (its pid, the group's id, cannot be reused yet).
        # It leads its own group (start_new_session): signal the group, so that a child it may
        # have started goes too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)


# devin_client.testing, whose __main__ is the devin-mock command.
_PACKAGE: Final = __name__.rsplit(".", 2)[0]
