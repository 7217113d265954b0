"""The pipeline, for every API in openapi/apis.yaml: provenance, overlay, merged spec, generated
package and the operation facts the endpoint template writes. Nothing here knows a particular
API: counts and names come from the specs."""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
import re
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import apis as api_list
import generate
import merge_spec
import pytest
import yaml
from openapi_spec_validator import validate

APIS = api_list.all_apis()
IDS = [api.name for api in APIS]
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def _operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): op
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    }


def _endpoint_modules(package: str) -> list[Any]:
    api = importlib.import_module(f"{package}.api")
    modules = []
    for tag in pkgutil.iter_modules(api.__path__):
        tag_pkg = importlib.import_module(f"{package}.api.{tag.name}")
        for mod in pkgutil.iter_modules(tag_pkg.__path__):
            modules.append(importlib.import_module(f"{package}.api.{tag.name}.{mod.name}"))
    return modules


@pytest.fixture(scope="module", params=APIS, ids=IDS)
def api(request: pytest.FixtureRequest) -> api_list.Api:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def merged(api: api_list.Api) -> dict[str, Any]:
    return merge_spec.merged_spec(api)


def test_the_list_names_each_api_once_with_a_complete_folder():
    assert APIS, "openapi/apis.yaml lists no API"
    assert len({a.package for a in APIS}) == len(APIS)
    for api in APIS:
        assert api.folder.is_dir()
        assert api.spec.is_file()
        assert api.overlay.is_file()


def test_provenance_records_the_vendored_files_checksum(api):
    assert api_list.provenance_problem(api) is None
    digest = hashlib.sha256(api.spec.read_bytes()).hexdigest()
    assert digest in api.provenance.read_text(encoding="utf-8")


def test_a_stale_checksum_says_what_to_update(api, tmp_path, monkeypatch):
    spec = tmp_path / api.spec_file
    spec.write_bytes(api.spec.read_bytes() + b"\n# edited\n")
    provenance = tmp_path / "PROVENANCE.md"
    provenance.write_bytes(api.provenance.read_bytes())
    monkeypatch.setattr(api_list, "OPENAPI", tmp_path.parent)
    monkeypatch.setattr(api_list, "ROOT", tmp_path.parent)
    moved = api_list.Api(name=tmp_path.name, package=api.package, spec_file=api.spec_file)
    problem = api_list.provenance_problem(moved)
    assert problem is not None
    fresh = hashlib.sha256(spec.read_bytes()).hexdigest()
    assert fresh in problem
    assert "PROVENANCE.md" in problem
    assert "update that sha256" in problem


def test_check_generated_stops_on_stale_provenance_before_generating(api, monkeypatch, capsys):
    monkeypatch.setattr(generate, "provenance_problem", lambda a: f"{a.name} is stale")
    monkeypatch.setattr(generate, "build", lambda *a: pytest.fail("generated anyway"))
    assert generate.main(["--check", api.name]) == 1
    assert f"{api.name} is stale" in capsys.readouterr().err


def test_merged_spec_is_a_valid_openapi_document(merged):
    validate(merged)


def test_overlay_changes_each_have_a_unique_id_and_a_reason(api):
    overlay = yaml.safe_load(api.overlay.read_text(encoding="utf-8"))
    ids = [change["id"] for change in overlay["changes"]]
    assert len(ids) == len(set(ids))
    for change in overlay["changes"]:
        assert len(change["reason"].split()) >= 8, change["id"]
        assert change["patch"], change["id"]


def test_a_broken_overlay_patch_names_its_id_and_pointer(api, tmp_path, monkeypatch):
    overlay = yaml.safe_load(api.overlay.read_text(encoding="utf-8"))
    bad = {"op": "replace", "path": "/paths/~1no~1such~1path/get/summary", "value": "x"}
    overlay["changes"].append({"id": "broken-on-purpose", "reason": "a test", "patch": [bad]})
    broken = tmp_path / "overlay.yaml"
    broken.write_text(yaml.safe_dump(overlay), encoding="utf-8")
    monkeypatch.setattr(api_list.Api, "overlay", property(lambda self: broken))
    with pytest.raises(merge_spec.OverlayError) as info:
        merge_spec.merged_spec(api)
    assert "'broken-on-purpose'" in str(info.value)
    assert "/paths/~1no~1such~1path/get/summary" in str(info.value)


def test_overlay_leaves_the_vendored_operations_in_place(api, merged):
    vendored = yaml.safe_load(api.spec.read_text(encoding="utf-8"))
    assert set(_operations(merged)) == set(_operations(vendored))
    for key, op in _operations(vendored).items():
        merged_op = _operations(merged)[key]
        if "operationId" in op:
            assert merged_op["operationId"] == op["operationId"], key
        else:  # only a flagged guess may fill a missing id
            assert merged_op.get("x-operationId-guessed", True) is True, key
    for key, op in _operations(vendored).items():
        for status, response in op["responses"].items():
            assert (
                _operations(merged)[key]["responses"][status]["description"]
                == (response["description"])
            )


def test_the_package_ships_the_merged_spec(api, merged):
    shipped = resources.files(api.package).joinpath("openapi.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == merged


def test_every_operation_has_a_module_with_its_facts_and_a_request_builder(api, merged):
    modules = _endpoint_modules(api.package)
    ops = _operations(merged)
    assert len(modules) == len(ops)
    seen = set()
    for module in modules:
        facts = module.OPERATION
        key = (facts.method.lower(), facts.path)
        assert key in ops, f"{module.__name__}: {key} is not in the spec"
        op = ops[key]
        assert facts.id == op.get("operationId", facts.id)
        safe = facts.method in ("GET", "HEAD", "OPTIONS") or op.get("x-idempotent") is True
        assert facts.retry_safe is safe, module.__name__
        for fn in ("build_request", "sync_detailed", "asyncio_detailed"):
            assert callable(getattr(module, fn)), f"{module.__name__}.{fn}"
        seen.add(key)
    assert seen == set(ops)


def test_request_builders_give_the_operations_method_and_a_path_under_it(api):
    for module in _endpoint_modules(api.package):
        facts = module.OPERATION
        if "{" in facts.path or "body" in module.build_request.__code__.co_varnames:
            continue  # needs arguments; covered per API
        args = module.build_request()
        assert args["method"] == facts.method
        assert args["url"] == facts.path


def test_json_bodies_leave_the_content_type_to_httpx(api):
    for module in _endpoint_modules(api.package):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert '"application/json"' not in source.split("def _parse_response")[0], module


def test_check_generated_reports_a_changed_tree(api, tmp_path):
    committed = Path(importlib.import_module(api.package).__file__).parent
    copy = tmp_path / api.package
    shutil.copytree(committed, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert generate._diff(copy, committed, Path(api.package)) == []
    client_py = copy / "client.py"
    client_py.write_text(
        client_py.read_text(encoding="utf-8").replace("import ssl", "import ssl  # edited by hand"),
        encoding="utf-8",
    )
    (copy / "models" / "stray.py").write_text("", encoding="utf-8")
    problems = generate._diff(copy, committed, Path(api.package))
    assert any("client.py" in p and "edited by hand" in p for p in problems)
    assert any("stray.py" in p for p in problems)


def test_packages_are_typed(api):
    package = importlib.import_module(api.package)
    assert (Path(package.__file__).parent / "py.typed").is_file()


def test_an_unknown_api_name_is_refused_with_the_known_ones(capsys):
    assert generate.main(["--check", "no-such-api"]) == 1
    err = capsys.readouterr().err
    assert "no-such-api" in err
    assert all(name in err for name in IDS)


def test_generator_and_ruff_are_pinned_exactly():
    pyproject = (api_list.ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"openapi-python-client==\d+\.\d+\.\d+"', pyproject)
    assert re.search(r'"ruff==\d+\.\d+\.\d+"', pyproject)
