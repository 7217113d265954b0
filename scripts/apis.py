"""The project's APIs, as `openapi/apis.yaml` lists them: one folder and one line each.

Every script that works on specs (merge_spec, generate, the provenance check) goes through
this module, so none of them knows a particular API.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
OPENAPI = ROOT / "openapi"
GENERATED = ROOT / "generated"
TEMPLATES = OPENAPI / "templates"
LIST = OPENAPI / "apis.yaml"

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
_SHA256_ROW = re.compile(r"^\|\s*sha256\s*\|\s*`([0-9a-f]{64})`\s*\|", re.MULTILINE)


class ApiListError(Exception):
    """openapi/apis.yaml, or an API folder it names, is not usable."""


@dataclass(frozen=True)
class Api:
    """One API of the project.

    Attributes:
        name: Its name, which is also its folder under ``openapi/``.
        package: The import name of its generated package under ``generated/``.
        spec: The vendored spec file, inside the folder.
    """

    name: str
    package: str
    spec_file: str

    @property
    def folder(self) -> Path:
        return OPENAPI / self.name

    @property
    def spec(self) -> Path:
        return self.folder / self.spec_file

    @property
    def overlay(self) -> Path:
        return self.folder / "overlay.yaml"

    @property
    def config(self) -> Path:
        return self.folder / "opc-config.yaml"

    @property
    def provenance(self) -> Path:
        return self.folder / "PROVENANCE.md"

    @property
    def target(self) -> Path:
        return GENERATED / self.package

    def rel(self, path: Path) -> str:
        """A path as the project names it (relative to the checkout when it is inside it)."""
        try:
            return path.relative_to(ROOT).as_posix()
        except ValueError:
            return path.as_posix()


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


def all_apis() -> list[Api]:
    """Every API in ``openapi/apis.yaml``, in its order.

    Raises:
        ApiListError: The list is malformed, or names a folder that lacks a file.
    """
    data = load_yaml(LIST)
    entries = data.get("apis") if isinstance(data, dict) else None
    if not isinstance(entries, dict) or not entries:
        raise ApiListError(f"{LIST.relative_to(ROOT)}: needs an 'apis:' mapping of name -> entry")
    apis = []
    packages: set[str] = set()
    for name, entry in entries.items():
        where = f"{LIST.relative_to(ROOT)}: {name}"
        if not isinstance(entry, dict) or set(entry) != {"package", "spec"}:
            raise ApiListError(f"{where}: the entry must be {{package: ..., spec: ...}}")
        package = str(entry["package"])
        if not package.isidentifier() or package in packages:
            raise ApiListError(f"{where}: package {package!r} is not a unique identifier")
        packages.add(package)
        api = Api(name=str(name), package=package, spec_file=str(entry["spec"]))
        for path in (api.spec, api.overlay, api.config, api.provenance):
            if not path.is_file():
                raise ApiListError(f"{where}: {api.rel(path)} is missing")
        apis.append(api)
    return apis


def select(names: list[str]) -> list[Api]:
    """The APIs named (all of them when ``names`` is empty)."""
    apis = all_apis()
    if not names:
        return apis
    known = {api.name: api for api in apis}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ApiListError(f"unknown API {unknown[0]!r}; known: {', '.join(known)}")
    return [known[n] for n in names]


def provenance_problem(api: Api) -> str | None:
    """Why the API's PROVENANCE.md does not match its vendored spec, or ``None``."""
    text = api.provenance.read_text(encoding="utf-8")
    found = _SHA256_ROW.findall(text)
    actual = hashlib.sha256(api.spec.read_bytes()).hexdigest()
    if not found:
        return (
            f"{api.rel(api.provenance)} has no '| sha256 | `<hex>` |' row for "
            f"{api.rel(api.spec)}; add one with {actual}"
        )
    if found[0] != actual:
        return (
            f"{api.rel(api.spec)} changed: its sha256 is {actual}, but "
            f"{api.rel(api.provenance)} records {found[0]}. If the new file is the published "
            f"spec, update that sha256 row (and the provenance notes) and run `make generate`; "
            f"if not, restore the vendored file."
        )
    return None
