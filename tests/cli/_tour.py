"""A tour of ``devin`` command lines, and the operations of a spec they reach.

The facts come from the project's own files, never typed again here: the APIs from
``openapi/apis.yaml``, each API's operations from its generated package's ``openapi.json``
(``"METHOD /path"`` as the spec writes it), and the mapping of a request to its operation from
the ``OPERATION`` facts of the package's generated endpoint modules.

A tour runs against a server (the served mock) through the command's client factory: its
:class:`TourTransport` records the operation of every request the command's client sends.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import shlex
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import httpx
import yaml
from typer.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[2]
APIS = ROOT / "openapi" / "apis.yaml"
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def shipped_apis(path: Path = APIS) -> dict[str, str]:
    """``{api name: package}`` of the Devin APIs ``openapi/apis.yaml`` lists (not the ones
    ``NOT_DEVIN`` names: another vendor's API is none of the command's business)."""
    from devin_client.cli._coverage import NOT_DEVIN

    listed: dict[str, dict[str, str]] = yaml.safe_load(path.read_text(encoding="utf-8"))["apis"]
    return {name: entry["package"] for name, entry in listed.items() if name not in NOT_DEVIN}


def spec_path(package: str) -> Path:
    """The merged spec the generated ``package`` carries (its ``openapi.json``)."""
    return Path(str(files(package) / "openapi.json"))


def load_spec(path: Path) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return spec


def spec_operations(spec: Mapping[str, Any]) -> set[str]:
    """Every operation of ``spec``, as ``"METHOD /path"``."""
    return {
        f"{method.upper()} {path}"
        for path, item in spec.get("paths", {}).items()
        for method in item
        if method in HTTP_METHODS
    }


@dataclass(frozen=True)
class Route:
    """One operation of a generated package, from its endpoint module's ``OPERATION``."""

    method: str
    path: str
    pattern: re.Pattern[str]

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


def routes(package: str) -> list[Route]:
    """The operations of the generated ``package``, literal paths before templated ones."""
    api = importlib.import_module(f"{package}.api")
    found: list[Route] = []
    for info in pkgutil.walk_packages(api.__path__, f"{api.__name__}."):
        operation = getattr(importlib.import_module(info.name), "OPERATION", None)
        if operation is None:
            continue
        parts = re.split(r"(\{[^}/]+\})", operation.path)
        regex = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
        found.append(Route(operation.method, operation.path, re.compile(f"^{regex}$")))
    found.sort(key=lambda r: r.path.count("{"))
    return found


def match(table: Sequence[Route], method: str, path: str) -> Route | None:
    """The operation a request is for, if any."""
    return next((r for r in table if r.method == method and r.pattern.match(path)), None)


# --- what the server answered, made minimal ------------------------------------------------


def _resolve(schema: Any, spec: Mapping[str, Any]) -> Any:
    while isinstance(schema, Mapping) and "$ref" in schema:
        node: Any = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def required_only(value: Any, schema: Any, spec: Mapping[str, Any]) -> Any:
    """``value`` with every property its schema does not require left out, at every depth:
    the body of a server that sends the least the spec allows."""
    schema = _resolve(schema, spec)
    if not isinstance(schema, Mapping):
        return value
    branches = [schema, *(_resolve(b, spec) for b in schema.get("anyOf", schema.get("oneOf", [])))]
    if isinstance(value, dict):
        for branch in branches:
            if isinstance(branch, Mapping) and "properties" in branch:
                required = set(branch.get("required", ()))
                props = branch["properties"]
                return {
                    k: required_only(v, props.get(k), spec)
                    for k, v in value.items()
                    if k in required
                }
    if isinstance(value, list):
        for branch in branches:
            if isinstance(branch, Mapping) and "items" in branch:
                return [required_only(v, branch["items"], spec) for v in value]
    return value


def _response_schema(spec: Mapping[str, Any], route: Route, status: int) -> Any:
    operation = spec["paths"][route.path][route.method.lower()]
    response = _resolve(operation.get("responses", {}).get(str(status)), spec) or {}
    return response.get("content", {}).get("application/json", {}).get("schema")


# --- the transport -------------------------------------------------------------------------


@dataclass
class TourTransport(httpx.BaseTransport):
    """Sends through ``inner``; records the operation of every request (``reached``), the
    requests that are none (``unmatched``) and the last JSON body answered (``last_body``).
    With ``minimal``, every JSON body is cut to what its schema requires
    (:func:`required_only`) before the client sees it."""

    inner: httpx.BaseTransport
    table: Sequence[Route]
    spec: Mapping[str, Any]
    minimal: bool = False
    reached: set[str] = field(default_factory=set)
    unmatched: list[str] = field(default_factory=list)
    last_body: Any = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        route = match(self.table, request.method, request.url.path)
        if route is None:
            self.unmatched.append(f"{request.method} {request.url.path}")
        else:
            self.reached.add(route.key)
        response = self.inner.handle_request(request)
        if route is None or not response.headers.get("content-type", "").startswith(
            "application/json"
        ):
            return response
        response.read()
        body = json.loads(response.content) if response.content else None
        if self.minimal and response.is_success:
            body = required_only(
                body, _response_schema(self.spec, route, response.status_code), self.spec
            )
        self.last_body = body
        headers = [
            (k, v)
            for k, v in response.headers.multi_items()
            if k.lower() not in ("content-length", "content-encoding", "transfer-encoding")
        ]
        return httpx.Response(
            response.status_code,
            headers=headers,
            content=json.dumps(body).encode(),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self.inner.close()


# --- the tour ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One command line of a tour.

    Attributes:
        line: The arguments after ``devin``, shell-quoted; ``{name}`` is a value kept by an
            earlier step (or given to the tour: ``file``, ``folder``).
        keep: ``{name: key}``: values to keep from the JSON body the server last answered
            (the whole body when the key is ``""``).
        waits: The step waits for a session to settle (it needs the server's
            ``status_enum``).
    """

    line: str
    keep: Mapping[str, str] = field(default_factory=dict)
    waits: bool = False


V1_TOUR: tuple[Step, ...] = (
    Step("attachments upload {file}", keep={"url": ""}),
    Step("attachments download {url} -o {folder}/downloaded.csv --force"),
    Step(
        "sessions create 'Tour the CLI' --attach {file} --tag tour", keep={"session": "session_id"}
    ),
    Step("sessions list --tag tour"),
    Step("sessions get {session}"),
    Step("sessions wait {session} --poll-interval 0", waits=True),
    Step("sessions watch {session} --poll-interval 0", waits=True),
    Step("sessions create 'Tour and wait' --wait --poll-interval 0", waits=True),
    Step("sessions message {session} 'Please go on'"),
    Step("sessions tags {session} tour done"),
    Step("sessions terminate {session}"),
    Step(
        "secrets create TOUR_TOKEN --value tour-value --note 'for the tour'", keep={"secret": "id"}
    ),
    Step("secrets list"),
    Step("secrets delete {secret}"),
    Step(
        "knowledge create --name Style --trigger 'writing Python' --body 'Use type hints.'",
        keep={"note": "id"},
    ),
    Step("knowledge list"),
    Step("knowledge update {note} --body 'Use type hints everywhere.'"),
    Step("knowledge delete {note}"),
    Step(
        "playbooks create --title Release --body 'Tag, build, publish.'",
        keep={"playbook": "playbook_id"},
    ),
    Step("playbooks list"),
    Step("playbooks get {playbook}"),
    Step("playbooks update {playbook} --macro '!release'"),
    Step("playbooks delete {playbook}"),
)

# The same command lines speak v3 with a cog_ key; what only v3 has gets its own steps.
# ``GET /v3/self`` is reached by the first command: the organisation is learned from the key.
V3_TOUR: tuple[Step, ...] = (
    Step("attachments upload {file}", keep={"url": "url"}),
    Step("attachments download {url} -o {folder}/downloaded.csv --force"),
    Step(
        "sessions create 'Tour the CLI' --attach {file} --tag tour --mode fast --platform linux",
        keep={"session": "session_id"},
    ),
    Step("sessions list --tag tour --not-archived"),
    Step("sessions get {session}"),
    Step("sessions wait {session} --poll-interval 0", waits=True),
    Step("sessions create 'Tour and wait' --wait --poll-interval 0", waits=True),
    Step("sessions message {session} 'Please go on'"),
    Step("sessions messages {session}"),
    Step("sessions attachments {session}"),
    Step("sessions tags {session}"),
    Step("sessions tags {session} tour done"),
    Step("sessions tags {session} --append reviewed"),
    Step("sessions insights --tag tour"),
    Step("sessions insights {session} --generate"),
    Step("sessions insights {session}"),
    Step("sessions archive {session}"),
    Step("sessions unarchive {session}"),
    Step("sessions terminate {session} --archive"),
    Step(
        "secrets create TOUR_TOKEN --value tour-value --note 'for the tour'",
        keep={"secret": "secret_id"},
    ),
    Step("secrets list"),
    Step("secrets delete {secret}"),
    Step(
        "knowledge create --name Style --trigger 'writing Python' --body 'Use type hints.'",
        keep={"note": "note_id"},
    ),
    Step("knowledge list --search Style"),
    Step("knowledge get {note}"),
    Step("knowledge folders"),
    Step("knowledge update {note} --body 'Use type hints everywhere.'"),
    Step("knowledge delete {note}"),
    Step(
        "playbooks create --title Release --body 'Tag, build, publish.'",
        keep={"playbook": "playbook_id"},
    ),
    Step("playbooks list"),
    Step("playbooks get {playbook}"),
    Step("playbooks update {playbook} --macro '!release'"),
    Step("playbooks delete {playbook}"),
    Step(
        "schedules create Nightly 'Triage new issues' --frequency '0 2 * * *'",
        keep={"schedule": "scheduled_session_id"},
    ),
    Step("schedules list"),
    Step("schedules get {schedule}"),
    Step("schedules update {schedule} --disable"),
    Step("schedules delete {schedule}"),
)

# The tour of each API the ``devin`` command speaks, by its name in openapi/apis.yaml, and the
# key of the ``devin_mock`` fixture that tour uses (the key chooses the API version).
TOURS: dict[str, tuple[Step, ...]] = {"devin-v1": V1_TOUR, "devin-v3": V3_TOUR}
TOUR_KEYS: dict[str, str] = {"devin-v1": "api_key", "devin-v3": "cog_api_key"}

Invoke = Callable[[list[str]], Result]


def run_tour(
    tour: Iterable[Step],
    invoke: Invoke,
    transport: TourTransport,
    values: dict[str, str],
    *,
    as_json: bool = False,
    skip_waits: bool = False,
) -> list[tuple[Step, Result]]:
    """Run every step (each must exit 0); returns each step with its result."""
    results: list[tuple[Step, Result]] = []
    for step in tour:
        if skip_waits and step.waits:
            continue
        argv = [arg.format(**values) for arg in shlex.split(step.line)]
        result = invoke(["--json", *argv] if as_json else argv)
        assert result.exit_code == 0, (
            f"`devin {step.line}` exited {result.exit_code}:\n{result.output}"
        )
        for name, key in step.keep.items():
            body = transport.last_body
            values[name] = body[key] if key else body
        results.append((step, result))
    return results


@dataclass
class Tourist:
    """The ``devin`` command against a server, its client sending through a
    :class:`TourTransport` (given through the command's client factory)."""

    transport: TourTransport
    invoke: Invoke
    values: dict[str, str]

    def tour(self, steps: Iterable[Step], **options: bool) -> list[tuple[Step, Result]]:
        """:func:`run_tour` of ``steps``."""
        return run_tour(steps, self.invoke, self.transport, self.values, **options)


@contextmanager
def tourist(
    package: str,
    base_url: str,
    api_key: str,
    folder: Path,
    *,
    minimal: bool = False,
    org_id: str | None = None,
) -> Iterator[Tourist]:
    """A :class:`Tourist` for the API of the generated ``package``, served at ``base_url``;
    ``folder`` holds the tour's files (``{file}``, ``{folder}``); ``org_id`` is v3's
    ``DEVIN_ORG_ID`` (``None``: learned from the key)."""
    from devin_client.cli import AnyDevin, ClientOptions, app, make_client

    data = folder / "data.csv"
    data.write_text("region,revenue\nnorth,12.5\nsouth,7.25\n", encoding="utf-8")
    spec = load_spec(spec_path(package))
    transport = TourTransport(httpx.HTTPTransport(), routes(package), spec, minimal=minimal)
    env = {"DEVIN_API_KEY": api_key, "DEVIN_BASE_URL": base_url, "COLUMNS": "200"}
    env["DEVIN_ORG_ID"] = org_id or ""
    with httpx.Client(transport=transport) as http:

        def factory(options: ClientOptions) -> AnyDevin:
            return make_client(options, http_client=http)

        def invoke(argv: list[str]) -> Result:
            return CliRunner().invoke(app, argv, env=env, client_factory=factory)

        yield Tourist(transport, invoke, {"file": str(data), "folder": str(folder)})
