"""Fields the server did not send are absent from ``devin``'s output: omitted from ``--json``
(as the API omitted them) and empty in tables, never ``UNSET`` or ``<... Unset object ...>``.

The tour of every command (``_tour.py``) runs against the mock, its every JSON answer cut to
the properties the spec requires: the least a server may send.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from ._tour import TOUR_KEYS, TOURS, Step, load_spec, shipped_apis, spec_path, tourist

UNSET_SHOWN = re.compile(r"UNSET|Unset|object at 0x")


def _assert_nothing_unset_shown(step: Step, result: Result) -> None:
    text = result.stdout + result.stderr
    assert not UNSET_SHOWN.search(text), f"`devin {step.line}` printed an unset field:\n{text}"


@pytest.mark.parametrize("api", sorted(TOURS))
def test_absent_fields_are_never_shown(api: str, devin_mock: Any, tmp_path: Path) -> None:
    package, key = shipped_apis()[api], getattr(devin_mock, TOUR_KEYS[api])
    # (the organisation given: /v3/self cut to what it requires may not name one)
    org = devin_mock.org_id
    with tourist(package, devin_mock.base_url, key, tmp_path, minimal=True, org_id=org) as t:
        # Waiting needs optional fields (v1's status_enum, v3's status_detail): the stripped
        # answers may never settle.
        for step, result in t.tour(TOURS[api], skip_waits=True):
            _assert_nothing_unset_shown(step, result)
        for step, result in t.tour(TOURS[api], skip_waits=True, as_json=True):
            _assert_nothing_unset_shown(step, result)
            json.loads(result.stdout)


def test_json_omits_what_the_server_omitted_and_tables_show_nothing(
    devin_mock: Any, tmp_path: Path
) -> None:
    spec = load_spec(spec_path("devin_api"))
    required = set(spec["components"]["schemas"]["GetSessionResponse"]["required"])
    with tourist("devin_api", devin_mock.base_url, devin_mock.api_key, tmp_path, minimal=True) as t:
        session = t.invoke(["--json", "sessions", "create", "Fix the build", "--tag", "ci"])
        session_id = json.loads(session.stdout)["session_id"]

        shown = t.invoke(["--json", "sessions", "get", session_id])
        assert shown.exit_code == 0, shown.output
        assert set(json.loads(shown.stdout)) == required  # tags, title, messages: not sent
        assert set(t.transport.last_body) == required

        table = t.invoke(["sessions", "get", session_id])
        assert table.exit_code == 0, table.output
        labels = {line.split()[0] for line in table.stdout.splitlines() if line.strip()}
        assert {"session", "status", "created", "updated"} <= labels
        assert not labels & {"title", "tags", "playbook", "messages"}, table.stdout


@pytest.mark.parametrize("package", sorted(set(shipped_apis().values())))
def test_the_unset_of_every_generated_package_prints_as_nothing(package: str) -> None:
    # A command that builds its own mapping from a model's attributes cannot leak it either.
    from devin_client.cli._output import cell, dumps, is_unset, to_data

    unset = importlib.import_module(f"{package}.types").UNSET
    assert is_unset(unset)
    assert not any(is_unset(v) for v in (None, False, 0, "", "UNSET", object()))
    built = {"id": "x", "title": unset, "items": [{"a": unset, "b": 1}]}
    assert to_data(built) == {"id": "x", "items": [{"b": 1}]}
    assert json.loads(dumps(built)) == {"id": "x", "items": [{"b": 1}]}
    assert cell(unset) == ""
