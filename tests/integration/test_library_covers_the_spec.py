"""A spec operation with no library method fails here.

For each API that openapi/apis.yaml lists and the library covers, a *tour* calls every public
method of every resource of the client, sync and async, against the mock, and the operations
its requests reached (matched on the client side, by method and path template, against the
API's generated spec) must be all of the spec's operations. Nothing here counts operations by
hand: adding one to a spec makes this fail until some library method calls it.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Awaitable, Callable
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import Served, collect, open_client, resolve

ROOT = Path(__file__).resolve().parents[2]
APIS: dict[str, str] = {
    name: entry["package"]
    for name, entry in yaml.safe_load((ROOT / "openapi" / "apis.yaml").read_text())["apis"].items()
}
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}

Tour = Callable[[Any, Served, Path], Awaitable[None]]
"""Calls every public method of every resource of the client it is given."""


def _is_resource(owner: Any, name: str) -> bool:
    """Resources (``client.sessions``, ``client.sessions.messages``) are cached properties."""
    return isinstance(getattr(type(owner), name, None), cached_property)


class _Resource:
    """A resource that records which of its methods (and its resources' methods) are used."""

    def __init__(self, target: Any, name: str, used: set[str]) -> None:
        self._target, self._name, self._used = target, name, used

    def __getattr__(self, method: str) -> Any:
        if _is_resource(self._target, method):
            return _Resource(getattr(self._target, method), f"{self._name}.{method}", self._used)
        self._used.add(f"{self._name}.{method}")
        return getattr(self._target, method)


class _Touring:
    """A client whose resources record the methods a tour uses."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.used: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        if _is_resource(self._client, name):
            return _Resource(getattr(self._client, name), name, self.used)
        return getattr(self._client, name)  # the client's own methods (v3: self, org_id)


def _methods(resource: Any, prefix: str) -> set[str]:
    """``prefix.method`` for every public method of a resource and of its resources."""
    cls = type(resource)
    names = set()
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(value, cached_property):
            names |= _methods(getattr(resource, name), f"{prefix}.{name}")
        elif callable(value):
            names.add(f"{prefix}.{name}")
    return names


def _public_methods(client: Any) -> set[str]:
    """``resource.method`` for every public method of every resource of the client (nested
    resources included: ``sessions.messages.send``)."""
    names = set()
    for attr, value in vars(type(client)).items():
        if isinstance(value, cached_property):  # the resources
            names |= _methods(getattr(client, attr), attr)
    return names


@dataclasses.dataclass
class _Tour:
    summary: str


async def _tour_devin_v1(client: Any, served: Served, tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_text("region,units\nnorth,3\n", encoding="utf-8")
    url = await resolve(client.attachments.upload(data))
    assert await resolve(client.attachments.download(url)) == data.read_bytes()

    created = await resolve(client.sessions.create("A tour of the library", tags=["tour"]))
    sid = created.session_id
    assert (await resolve(client.sessions.get(sid))).session_id == sid
    await resolve(client.sessions.send_message(sid, "Hello", attachments=[url]))
    await resolve(client.sessions.update_tags(sid, ["tour", "v1"]))
    assert [s.session_id for s in await collect(client.sessions.list(tags=["tour"]))] == [sid]
    await resolve(client.sessions.wait(sid, poll_interval=0))
    followed = await collect(client.sessions.follow(sid, poll_interval=0))
    assert followed[-1].status == "finished"
    settled = await resolve(client.sessions.create_and_wait("Another tour", poll_interval=0))
    assert settled.status_enum == "finished"
    typed = await resolve(client.sessions.run("A typed tour", output_type=_Tour, poll_interval=0))
    assert isinstance(typed, _Tour)
    await resolve(client.sessions.terminate(sid))

    secret = await resolve(client.secrets.create("TOUR_TOKEN", "tour-value"))
    assert [s.key for s in await resolve(client.secrets.list())] == ["TOUR_TOKEN"]
    await resolve(client.secrets.delete(secret.id))

    note = {"name": "Tour", "body": "Be brief.", "trigger_description": "touring"}
    created_note = await resolve(client.knowledge.create(**note))
    assert (await resolve(client.knowledge.list())).knowledge
    await resolve(client.knowledge.update(created_note.id, **{**note, "body": "Be briefer."}))
    await resolve(client.knowledge.delete(created_note.id))

    playbook = await resolve(client.playbooks.create(title="Tour", body="1. Look around"))
    assert [p.playbook_id for p in await resolve(client.playbooks.list())] == [playbook.playbook_id]
    await resolve(client.playbooks.get(playbook.playbook_id))
    await resolve(client.playbooks.update(playbook.playbook_id, title="Tour", body="2. Leave"))
    await resolve(client.playbooks.delete(playbook.playbook_id))


async def _tour_devin_v3(client: Any, served: Served, tmp_path: Path) -> None:
    principal = await resolve(client.self())
    assert principal.org_id == served.org_id
    data = tmp_path / "data.csv"
    data.write_text("region,units\nnorth,3\n", encoding="utf-8")
    uploaded = await resolve(client.attachments.upload(data))
    assert await resolve(client.attachments.download(uploaded.url)) == data.read_bytes()

    created = await resolve(
        client.sessions.create("A tour of the library", attachments=[data], tags=["tour"])
    )
    sid = created.session_id
    assert (await resolve(client.sessions.get(sid))).session_id == sid
    assert sid in [s.session_id for s in await collect(client.sessions.list(tags=["tour"]))]
    assert await resolve(client.sessions.attachments(sid))
    await resolve(client.sessions.messages.send(sid, "Hello", attachments=[uploaded.url]))
    said = [m.message for m in await collect(client.sessions.messages.list(sid))]
    assert "Hello" in said
    await resolve(client.sessions.tags.replace(sid, ["tour", "v3"]))
    await resolve(client.sessions.tags.append(sid, ["v3", "more"]))
    assert (await resolve(client.sessions.tags.get(sid))).tags == ["tour", "v3", "more"]
    await resolve(client.sessions.wait(sid, poll_interval=0))
    followed = await collect(client.sessions.follow(sid, poll_interval=0))
    assert "Hello" in [e.message.message for e in followed if hasattr(e, "message")]
    assert followed[-1].status in ("exit", "error", "suspended", "running")
    settled = await resolve(client.sessions.create_and_wait("Another tour", poll_interval=0))
    assert settled.status in ("exit", "error", "suspended", "running")
    typed = await resolve(client.sessions.run("A typed tour", output_type=_Tour, poll_interval=0))
    assert isinstance(typed, _Tour)
    await resolve(client.sessions.insights.generate(sid))
    assert (await resolve(client.sessions.insights.get(sid))).session_id == sid
    assert await collect(client.sessions.insights.list(tags=["tour"]))
    await resolve(client.sessions.archive(sid))
    await resolve(client.sessions.unarchive(sid))
    assert (await resolve(client.sessions.terminate(sid, archive=True))).status == "exit"

    secret = await resolve(client.secrets.create("TOUR_TOKEN", "tour-value"))
    assert "TOUR_TOKEN" in [s.key for s in await collect(client.secrets.list())]
    await resolve(client.secrets.delete(secret.secret_id))

    notes = client.knowledge.notes
    note = await resolve(notes.create(name="Tour", body="Be brief.", trigger="touring"))
    assert note.note_id in [n.note_id for n in await collect(notes.list())]
    assert (await resolve(notes.get(note.note_id))).name == "Tour"
    await resolve(notes.update(note.note_id, name="Tour", body="Be briefer.", trigger="touring"))
    await resolve(notes.delete(note.note_id))
    await resolve(client.knowledge.folders.list())

    playbook = await resolve(client.playbooks.create(title="Tour", body="1. Look around"))
    assert playbook.playbook_id in [p.playbook_id for p in await collect(client.playbooks.list())]
    await resolve(client.playbooks.get(playbook.playbook_id))
    await resolve(client.playbooks.update(playbook.playbook_id, title="Tour", body="2. Leave"))
    await resolve(client.playbooks.delete(playbook.playbook_id))

    schedule = await resolve(
        client.schedules.create("Tour", "Look around", frequency="0 9 * * 1-5")
    )
    sched = schedule.scheduled_session_id
    assert sched in [s.scheduled_session_id for s in await collect(client.schedules.list())]
    await resolve(client.schedules.get(sched))
    await resolve(client.schedules.update(sched, enabled=False))
    await resolve(client.schedules.delete(sched))


# Which APIs the library covers, and how to tour each. Every API of openapi/apis.yaml is in
# exactly one of these three.
LIBRARY: dict[str, Tour] = {
    "devin-v1": _tour_devin_v1,
    "devin-v3": _tour_devin_v3,
}
NOT_YET_COVERED: dict[str, str] = {}
NOT_DEVIN: dict[str, str] = {
    "mindcraft": "another vendor's API, a worked example of the pipeline (issue 13); not Devin",
}


def _spec_operations(package: str) -> dict[str, tuple[str, re.Pattern[str]]]:
    """operationId -> (METHOD, pattern of its path), from the package's merged spec."""
    spec = json.loads(resources.files(package).joinpath("openapi.json").read_text())
    out = {}
    for path, item in spec["paths"].items():
        parts = [re.escape(p) for p in re.split(r"\{[^}]+\}", path)]
        pattern = re.compile("[^/]+".join(parts) + r"\Z")
        for method, op in item.items():
            if method in METHODS:
                out[op["operationId"]] = (method.upper(), pattern)
    return out


def _reached(requests: list[Any], base_url: str, package: str) -> set[str]:
    """The operations the requests to the API reached (other hosts, a presigned download
    link, are not the API)."""
    operations = _spec_operations(package)
    origin = base_url.rstrip("/")
    reached = set()
    for request in requests:
        url = str(request.url)
        if not url.startswith(origin + "/"):
            continue
        path = request.url.raw_path.decode("ascii").partition("?")[0]
        for op_id, (method, pattern) in operations.items():
            if request.method == method and pattern.match(path):
                reached.add(op_id)
    return reached


def test_every_api_of_the_list_says_whether_the_library_covers_it() -> None:
    listed = [*LIBRARY, *NOT_YET_COVERED, *NOT_DEVIN]
    assert len(listed) == len(set(listed)), "an API is in more than one of the three"
    assert set(APIS) == set(listed), (
        "openapi/apis.yaml and this test differ: give each API a tour, or the reason it has none"
    )


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize(
    "api",
    [
        *LIBRARY,
        *(
            pytest.param(name, marks=pytest.mark.xfail(reason=why, strict=True))
            for name, why in NOT_YET_COVERED.items()
        ),
    ],
)
async def test_a_tour_of_the_library_reaches_every_operation_of_the_spec(
    api: str, kind: str, served: Served, tmp_path: Path
) -> None:
    tour = LIBRARY.get(api)
    assert tour is not None, f"{api}: the library has no client for it"
    async with open_client(api, kind, served) as client:
        touring = _Touring(client)
        await tour(touring, served, tmp_path)
        assert touring.used == _public_methods(client), "the tour skips a public method"
        expected = set(_spec_operations(APIS[api]))
        reached = _reached(client.seen, served.base_url, APIS[api])
    assert expected - reached == set(), "operations of the spec no library method reached"
    assert reached == expected


def test_public_methods_include_nested_resources() -> None:
    from devin_client.v3 import Devin as DevinV3

    methods = _public_methods(DevinV3("cog_x", org_id="org-x"))
    assert {"sessions.create", "sessions.messages.send", "knowledge.notes.update"} <= methods
    assert "knowledge.folders.list" in methods
    assert not any(name.endswith((".messages", ".tags", ".notes")) for name in methods)


def test_the_tour_counts_an_operation_only_when_a_request_reached_it() -> None:
    import httpx

    package = APIS["devin-v1"]
    base = "http://127.0.0.1:1"
    requests = [
        httpx.Request("GET", f"{base}/v1/sessions/devin-1"),
        httpx.Request("PUT", f"{base}/v1/sessions/devin-1/tags"),
        httpx.Request("GET", "http://localhost:1/v1/sessions"),  # another origin
        httpx.Request("PATCH", f"{base}/v1/sessions/devin-1"),  # no such operation
    ]
    reached = _reached(requests, base, package)
    assert len(reached) == 2
    assert len(_spec_operations(package)) > len(reached)
