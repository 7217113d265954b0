"""``devin-mock`` / ``python -m devin_client.testing``: serve the mock Devin API.

Imports only the standard library at load time, so that without the ``mock`` extra the command
still parses its arguments (``--help`` works) and then says which ``pip install`` to run.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ._defaults import (
    DEFAULT_API_KEY,
    DEFAULT_ORG_ID,
    DEFAULT_UPLOAD_LIMIT,
    DEFAULT_V3_API_KEY,
    missing_mock_extra,
)

__all__ = ["APIS", "MockApi", "Serving", "main"]

_SIZE = re.compile(r"^(\d+)\s*([KMG]i?B?)?$", re.IGNORECASE)
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C


@dataclass(frozen=True)
class Serving:
    """A mock ready to serve: what the factory of an :class:`MockApi` returns.

    Attributes:
        app: The ASGI app.
        summary: The line printed under ``devin-mock listening on ...`` (never a credential).
        on_close: Called once the server has stopped.
    """

    app: Any
    summary: str
    on_close: Callable[[], None] | None = None


@dataclass(frozen=True)
class MockApi:
    """One API that ``--api`` serves.

    Attributes:
        what: What it is, for ``--help``.
        factory: Parsed arguments -> :class:`Serving`; or its import path,
            ``"package.module:function"``, imported only when this API is served.
        unavailable: For an API that is not part of the installed package (a worked example of
            a checkout): what to tell the user when its factory cannot be imported.
    """

    what: str
    factory: str | Callable[[argparse.Namespace], Serving]
    unavailable: str | None = None

    def load(self) -> Callable[[argparse.Namespace], Serving]:
        """The factory (imported now when given by its import path).

        Raises:
            ModuleNotFoundError: Its module, or one it imports, is not installed.
        """
        if not isinstance(self.factory, str):
            return self.factory
        module, _, name = self.factory.partition(":")
        factory: Callable[[argparse.Namespace], Serving] = getattr(
            importlib.import_module(module), name
        )
        return factory


def _devin(args: argparse.Namespace) -> Serving:
    """The Devin mock, v1 and v3 on one state.

    Raises:
        ValueError: A ``--key`` the mock refuses (an unknown permission...).
    """
    from .devin.keys import organisations
    from .devin.mock import DevinMock

    mock = DevinMock(
        dict(args.key) or None,
        upload_limit=args.upload_limit,
        files_base_url=args.files_url,
        validate_responses=args.validate_responses,
        upload_answer=args.upload_answer,
        pace=args.pace,
    )
    orgs = ", ".join(organisations(mock.keys.values()))
    # Keys are credentials, so only their count is printed.
    summary = f"{len(mock.keys)} key(s) for {orgs}; admin API at /_mock"
    return Serving(mock.app, summary=summary, on_close=mock.close)


# The project's mock APIs by the name ``--api`` (and ``make mock API=<name>``) takes. One
# process serves every version of an API on one state (Devin: v1 and v3).
# MindCraft is the pipeline's worked example (examples/mindcraft/, with generated/mindcraft_api):
# neither is in the wheel, so it is imported by its path, from a checkout only.
APIS: dict[str, MockApi] = {
    "devin": MockApi("the Devin API (v1 and v3, one state)", _devin),
    "mindcraft": MockApi(
        "MindCraft AI's chat sessions, the pipeline's worked example (from a checkout)",
        "examples.mindcraft.mindcraft_mock:serving",
        unavailable=(
            "it is a worked example of the devin-client repository (examples/mindcraft/ and "
            "generated/mindcraft_api/), not part of the installed package: run "
            "`make mock API=mindcraft`, or `python -m devin_client.testing --api mindcraft`, "
            "from the root of a checkout"
        ),
    ),
}
DEFAULT_API = "devin"


def _size(text: str) -> int:
    match = _SIZE.match(text.strip())
    if match is None or len(match.group(1)) > 18:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 1048576, 64MiB, 1GiB)")
    unit = (match.group(2) or "")[:1].upper()
    return int(match.group(1)) * _UNITS[unit]


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"not a number of seconds >= 0: {text!r}")
    return value


def _key(text: str) -> tuple[str, str]:
    """``KEY``, ``KEY:ORG`` or ``KEY:ORG:PERM,PERM`` -> (key, what DevinMock's keys take)."""
    key, _, rest = text.partition(":")
    if not key:
        raise argparse.ArgumentTypeError("--key needs a key: KEY, KEY:ORG or KEY:ORG:PERM,PERM")
    org, sep, permissions = rest.partition(":")
    if sep and not permissions.strip(" ,"):
        raise argparse.ArgumentTypeError("--key KEY:ORG:PERMS needs at least one permission")
    return key, (org or DEFAULT_ORG_ID) + (f":{permissions}" if sep else "")


def _api(text: str) -> str:
    if text not in APIS:
        known = ", ".join(sorted(APIS))
        raise argparse.ArgumentTypeError(f"unknown API {text!r} (known: {known})")
    return text


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``devin-mock``."""
    parser = argparse.ArgumentParser(
        prog="devin-mock",
        description=(
            "Serve a stateful mock of the Devin API (v1 and v3 on one state), or of another of "
            "the project's APIs (--api), validated against its OpenAPI spec. Without --key the "
            f"Devin mock accepts the demo keys {DEFAULT_API_KEY} (v1) and {DEFAULT_V3_API_KEY} "
            f"(v3, every permission), both of organisation {DEFAULT_ORG_ID}. Admin endpoints "
            "(faults, reset, scripts) live under /_mock."
        ),
    )
    parser.add_argument(
        "--api",
        type=_api,
        default=DEFAULT_API,
        metavar="NAME",
        help="which API to serve: "
        + "; ".join(f"{name}: {api.what}" for name, api in APIS.items())
        + f" (default: {DEFAULT_API})",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="interface (default: 127.0.0.1; the /_mock admin API has no auth, keep it local: "
        "any other interface prints a warning)",
    )
    parser.add_argument(
        "--port", type=int, default=8123, help="port; 0 picks a free one (default: 8123)"
    )
    parser.add_argument(
        "--key",
        action="append",
        type=_key,
        default=[],
        metavar="KEY[:ORG[:PERMS]]",
        help=f"accept this bearer key, for organisation ORG (default {DEFAULT_ORG_ID}); a cog_ "
        "key is a v3 service user's, with every permission or only the comma-separated PERMS "
        "(e.g. ViewOrgSessions,ManageOrgSessions), and ORG '*' makes it an enterprise key (every "
        "organisation); any other key is a v1 key; repeatable",
    )
    parser.add_argument(
        "--files-url",
        default=None,
        metavar="URL",
        help="origin of presigned download URLs (default: the request's host swapped "
        "127.0.0.1 <-> localhost, same port)",
    )
    parser.add_argument(
        "--upload-limit",
        type=_size,
        default=DEFAULT_UPLOAD_LIMIT,
        metavar="SIZE",
        help="largest accepted upload, e.g. 64MiB (default: 2GiB); larger gets 413",
    )
    parser.add_argument(
        "--upload-answer",
        choices=("json", "text"),
        default="json",
        help="how the v1 upload answers the file's URL: json, a JSON string as the spec says "
        "(default), or text, the bare URL as text/plain (what Devin's docs read with "
        "response.text)",
    )
    parser.add_argument(
        "--pace",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="sessions also move one scripted step per SECONDS of the clock, read or not "
        "(default: one step per read only)",
    )
    parser.add_argument(
        "--validate-responses",
        action="store_true",
        help="check every response against the spec (a violation answers 500 and is listed "
        "at GET /_mock/issues)",
    )
    parser.add_argument("--log-level", default="warning", help="uvicorn log level")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the mock until interrupted.

    Args:
        argv: Arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 after a clean stop, 130 after Ctrl-C, 2 when the address cannot be
        bound or a ``--key`` is refused, 1 when the ``mock`` extra is not installed.
    """
    args = build_parser().parse_args(argv)
    try:
        return _serve(args)
    except KeyboardInterrupt:  # Ctrl-C: uvicorn has stopped the server; no traceback
        return _INTERRUPTED


def _serve(args: argparse.Namespace) -> int:
    api = APIS[args.api]
    try:
        from ._kernel.serve import serve

        serving = api.load()(args)
    except ModuleNotFoundError as exc:
        message = missing_mock_extra(exc, "devin-mock")
        if message is None and api.unavailable is not None:
            message = f"--api {args.api}: {exc.name} cannot be imported: {api.unavailable}"
        if message is None:
            raise
        print(f"devin-mock: {message}", file=sys.stderr)
        return 1
    except ValueError as exc:  # an option the mock refuses (an unknown permission in --key...)
        print(f"devin-mock: {exc}", file=sys.stderr)
        return 2
    return serve(
        serving.app,
        name="devin-mock",
        host=args.host,
        port=args.port,
        summary=serving.summary,
        log_level=args.log_level,
        on_close=serving.on_close,
    )
