"""Every code sample in README.md runs, against the mock.

- Each fenced ```python block is executed in a fresh namespace, in a temporary working folder
  that holds a small ``data.csv``, with ``DEVIN_BASE_URL``/``DEVIN_API_KEY`` pointing at the
  ``devin_mock`` fixture's server (a block using ``devin_client.v3`` gets the mock's ``cog_``
  key). When a block defines ``test_*`` functions, they are then called with the fixtures
  they ask for (``devin_mock``, ``tmp_path``, ``monkeypatch``); ``async def`` ones run under
  anyio.
- Each ``devin ...`` line of a ```console block (with or without a ``$ `` prompt; a trailing
  ``# comment`` is fine) runs through Typer's CliRunner and must exit 0. ``<session-id>`` in
  such a line stands for a session created beforehand, ``<url>`` for an uploaded attachment's
  URL, and stdin holds one line for commands that read a value. In a block that sets
  ``export DEVIN_API_KEY=cog_...``, the lines run with the mock's ``cog_`` key (the API v3;
  the session and the URL are v3's too). ``devin mock serve`` lines are
  not run (they serve until interrupted; ``tests/cli`` covers the command), nor are other
  lines (``make``, ``pip``, ``devin-mock``, ``curl``): CI runs ``make test`` itself,
  ``tests/demo`` runs the demo and the mock's own tests cover its command and admin API.
- A sample that must not run is preceded by the line ``<!-- readme-test: skip (why) -->``;
  keep that rare.

Waits poll at Devin's pace (every 10 s by default); here the sleeps between polls and retries
are made instant, so the samples can be written as a user would write them.
"""

from __future__ import annotations

import functools
import inspect
import logging
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SKIP_MARK = re.compile(r"<!--\s*readme-test:\s*skip\b.*-->")
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
CSV = "region,revenue\nnorth,12.5\nsouth,7.25\n"
V3_KEY_EXPORT = re.compile(r"^(\$ )?export DEVIN_API_KEY=cog_", re.MULTILINE)


@dataclass(frozen=True)
class Sample:
    """One runnable sample: a python block or one ``$ devin`` line of a console block."""

    kind: str  # "python" or "devin"
    code: str
    line: int
    v3: bool = False  # a devin line of a block that exports a cog_ key

    @property
    def id(self) -> str:
        return f"README.md:{self.line}"


def _samples(text: str) -> Iterator[Sample]:
    for match in FENCE.finditer(text):
        language, body = match.group(1), match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        before = text[: match.start()].rstrip().splitlines()[-1:] or [""]
        if SKIP_MARK.search(before[0]):
            continue
        if language == "python":
            yield Sample("python", body, line)
        elif language in ("console", "shell", "sh", "bash"):
            v3 = bool(V3_KEY_EXPORT.search(body))
            for offset, command in enumerate(body.splitlines(), start=1):
                command = command.removeprefix("$ ")
                if command.startswith("devin ") and not command.startswith("devin mock serve"):
                    yield Sample("devin", command, line + offset, v3)


SAMPLES = list(_samples(README.read_text(encoding="utf-8")))


def test_readme_has_samples() -> None:
    # Guards the extraction itself: a README restructure must not silently drop every sample.
    kinds = {sample.kind for sample in SAMPLES}
    assert kinds == {"python", "devin"}, kinds


@pytest.fixture
def readme_env(devin_mock: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("DEVIN_BASE_URL", devin_mock.base_url)
    monkeypatch.setenv("DEVIN_API_KEY", devin_mock.api_key)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.csv").write_text(CSV, encoding="utf-8")
    # Instant waits between polls and retries (time.sleep for Devin, anyio.sleep for
    # AsyncDevin); the mock's server thread uses neither.
    monkeypatch.setattr("time.sleep", lambda _seconds: None)
    real_anyio_sleep = anyio.sleep

    async def no_wait(_seconds: float) -> None:
        await real_anyio_sleep(0)

    monkeypatch.setattr("anyio.sleep", no_wait)
    # A sample may configure logging (logging.basicConfig, a DEBUG level); undo it afterwards.
    loggers = [logging.getLogger(), logging.getLogger("devin_client")]
    saved = [(logger, logger.level, list(logger.handlers)) for logger in loggers]
    yield tmp_path
    for logger, level, handlers in saved:
        logger.handlers[:] = handlers
        logger.setLevel(level)  # setLevel, not the attribute: it also clears logging's cache


def _run_tests_defined(namespace: dict[str, Any], fixtures: dict[str, Any], sample: Sample) -> None:
    for name, func in list(namespace.items()):
        if not (name.startswith("test_") and inspect.isfunction(func)):
            continue
        wanted = inspect.signature(func).parameters
        missing = [p for p in wanted if p not in fixtures]
        assert not missing, f"{sample.id}: {name} wants unsupported fixtures {missing}"
        kwargs = {p: fixtures[p] for p in wanted}
        if inspect.iscoroutinefunction(func):
            anyio.run(functools.partial(func, **kwargs))
        else:
            func(**kwargs)


def _run_devin(sample: Sample, devin_mock: Any) -> None:
    from devin_client import Devin
    from devin_client.cli import app
    from devin_client.v3 import Devin as V3Devin
    from typer.testing import CliRunner

    command = sample.code
    env = {"DEVIN_API_KEY": devin_mock.cog_api_key} if sample.v3 else {}
    with V3Devin(api_key=env["DEVIN_API_KEY"]) if sample.v3 else Devin() as client:
        if "<session-id>" in command:
            created = client.sessions.create("A session for the README's CLI samples")
            command = command.replace("<session-id>", created.session_id)
        if "<url>" in command:
            uploaded = client.attachments.upload("data.csv")
            command = command.replace(
                "<url>", uploaded if isinstance(uploaded, str) else uploaded.url
            )
    args = shlex.split(command, comments=True)[1:]
    # stdin holds a value for commands that read one (``devin secrets create KEY``).
    result = CliRunner().invoke(app, args, input="readme-sample-value\n", env=env)
    assert result.exit_code == 0, f"{sample.id}: {command}\n{result.output}"


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.id for s in SAMPLES])
def test_readme_sample_runs(
    sample: Sample,
    readme_env: Path,
    devin_mock: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if sample.kind == "devin":
        _run_devin(sample, devin_mock)
        return
    if "devin_client.v3" in sample.code:
        monkeypatch.setenv("DEVIN_API_KEY", devin_mock.cog_api_key)
    namespace: dict[str, Any] = {"__name__": f"readme_line_{sample.line}"}
    # dont_inherit: the sample runs as a user writes it, not with this file's `from __future__`
    exec(compile(sample.code, sample.id, "exec", dont_inherit=True), namespace)
    fixtures = {"devin_mock": devin_mock, "tmp_path": readme_env, "monkeypatch": monkeypatch}
    _run_tests_defined(namespace, fixtures, sample)
