"""Regenerate every API's package under generated/ from its folder under openapi/.

    python scripts/generate.py [API ...]           wipe and regenerate generated/<package>
    python scripts/generate.py --check [API ...]   check provenance, then regenerate into a
                                                   temporary folder and fail on any difference
                                                   from the committed tree

Without API names it goes over every API in openapi/apis.yaml. Provenance comes first: a
vendored spec whose sha256 is not the one its PROVENANCE.md records stops the run, saying what
to update, before anything is generated (and before `make test` reaches the long tests).

The generator runs in this process from this interpreter's environment (pinned
openapi-python-client and ruff), with that environment's bin folder first on PATH so its
post-hooks find the pinned ruff. It is what `openapi-python-client generate --meta none
--fail-on-warning --custom-template-path openapi/templates` does, plus two things the CLI cannot
do: a Jinja bytecode cache under build/ (templates compile once, not on every run; the cache is
keyed by each template's source, so the output is the same with or without it), and the
template global `operation_facts`, which gives the endpoint template each operation's facts
from the merged spec (its published operationId, method, path and retry safety) that the
generator's own parser does not keep.
"""

from __future__ import annotations

import difflib
import filecmp
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from apis import ROOT, TEMPLATES, Api, ApiListError, provenance_problem, select
from merge_spec import OverlayError, dumps, merged_spec

SPEC_NAME = "openapi.json"  # the merged spec, shipped inside each package
IGNORED = {"__pycache__", ".ruff_cache", ".mypy_cache"}
JINJA_CACHE = ROOT / "build" / "jinja-cache"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Methods that never change state (RFC 9110 "safe"): a retry cannot do harm. Writes are
# retry-safe only when the overlay marks them `x-idempotent: true`, with its reason.
SAFE_METHODS = frozenset({"get", "head", "options"})


class GenerateError(Exception):
    """Generation cannot go on; the message says why and what to do."""


def operation_facts(spec: dict[str, Any], field_prefix: str) -> dict[str, dict[str, Any]]:
    """Per generated endpoint name, the facts the endpoint template writes into its module."""
    from openapi_python_client.parser.openapi import generate_operation_id
    from openapi_python_client.strings import PythonIdentifier

    facts: dict[str, dict[str, Any]] = {}
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            operation_id = op.get("operationId")
            if operation_id is None:
                name = generate_operation_id(path=path, method=method, prefix=field_prefix)
                operation_id = str(name)
            else:
                name = PythonIdentifier(operation_id, prefix=field_prefix)
            idempotent = op.get("x-idempotent", False)
            if not isinstance(idempotent, bool):
                raise GenerateError(f"{method.upper()} {path}: x-idempotent must be true or false")
            facts[str(name)] = {
                "id": operation_id,
                "method": method.upper(),
                "path": path,
                "retry_safe": method in SAFE_METHODS or idempotent,
            }
    return facts


def build(api: Api, workdir: Path) -> Path:
    """Generate ``api``'s package into ``workdir/<package>`` and return that path."""
    spec = merged_spec(api)
    spec_path = workdir / f"{api.package}.{SPEC_NAME}"
    spec_path.write_text(dumps(spec), encoding="utf-8")
    out = workdir / api.package
    bindir = Path(sys.executable).parent
    if not os.environ.get("PATH", "").startswith(f"{bindir}{os.pathsep}"):
        os.environ["PATH"] = f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"
    # The pinned generator's own entry points (the CLI's `generate` does exactly this, minus
    # the hooks that give its Jinja environment a bytecode cache and the operation facts).
    from jinja2 import FileSystemBytecodeCache
    from openapi_python_client import _get_project_for_url_or_path
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser.errors import GeneratorError

    config = Config.from_sources(
        ConfigFile.load_from_path(api.config), MetaType.NONE, spec_path, "utf-8", False, out
    )
    facts = operation_facts(spec, config.field_prefix)
    project = _get_project_for_url_or_path(config=config, custom_template_path=TEMPLATES)
    errors: list[GeneratorError] = []
    if isinstance(project, GeneratorError):
        errors.append(project)
    else:
        JINJA_CACHE.mkdir(parents=True, exist_ok=True)
        project.env.bytecode_cache = FileSystemBytecodeCache(str(JINJA_CACHE))

        def lookup(name: object) -> dict[str, Any]:
            try:
                return facts[str(name)]
            except KeyError:
                raise GenerateError(f"{api.name}: no operation facts for {name}") from None

        project.env.globals["operation_facts"] = lookup
        errors.extend(project.build())
    if errors:  # --fail-on-warning: a warning means part of the spec was skipped
        details = "\n".join(f"{e.level.name}: {e.header}\n{e.detail or ''}" for e in errors)
        raise GenerateError(f"{api.name}: openapi-python-client reported problems:\n{details}")
    shutil.copyfile(spec_path, out / SPEC_NAME)
    (out / "py.typed").write_text("", encoding="utf-8")
    leftovers = [p for p in out.rglob("*.py") if "boundary=+++" in p.read_text(encoding="utf-8")]
    if leftovers:
        raise GenerateError(f"{api.name}: fixed multipart boundary still emitted in {leftovers}")
    return out


def _diff(left: Path, right: Path, rel: Path) -> list[str]:
    cmp = filecmp.dircmp(left, right, ignore=sorted(IGNORED))
    problems = [f"only in fresh generation: {rel / n}" for n in cmp.left_only]
    problems += [f"only in committed tree: {rel / n}" for n in cmp.right_only]
    for name in cmp.common_files:
        a, b = left / name, right / name
        if a.read_bytes() != b.read_bytes():
            text = difflib.unified_diff(
                b.read_text(encoding="utf-8").splitlines(),
                a.read_text(encoding="utf-8").splitlines(),
                f"committed/{rel / name}", f"fresh/{rel / name}", lineterm="", n=1,
            )  # fmt: skip
            problems.append("\n".join(list(text)[:40]))
    for sub in cmp.common_dirs:
        problems += _diff(left / sub, right / sub, rel / sub)
    return problems


def check(api: Api, tmp: Path) -> list[str]:
    """What differs between a fresh generation of ``api`` and the committed tree."""
    fresh = build(api, tmp)
    if not api.target.is_dir():
        return [f"{api.rel(api.target)} is missing"]
    return _diff(fresh, api.target, Path(api.rel(api.target)))


def main(argv: list[str]) -> int:
    checking = "--check" in argv
    name = "check-generated" if checking else "generate"
    try:
        apis = select([a for a in argv if a != "--check"])
        stale = [p for p in map(provenance_problem, apis) if p]
        if stale:
            print("\n".join(f"{name}: {p}" for p in stale), file=sys.stderr)
            return 1
        with tempfile.TemporaryDirectory(prefix="devin-gen-") as tmp:
            failed = False
            for api in apis:
                if checking:
                    problems = check(api, Path(tmp))
                    if problems:
                        failed = True
                        print(f"{name}: {api.rel(api.target)} differs from a fresh generation:")
                        print("\n".join(problems))
                    else:
                        print(f"{name}: {api.rel(api.target)} matches a fresh generation")
                    continue
                fresh = build(api, Path(tmp))
                shutil.rmtree(api.target, ignore_errors=True)
                shutil.copytree(fresh, api.target, ignore=shutil.ignore_patterns(*IGNORED))
                print(f"{name}: wrote {api.rel(api.target)}")
    except (ApiListError, OverlayError, GenerateError) as exc:
        print(f"{name}: {exc}", file=sys.stderr)
        return 1
    if failed:
        print("Run `make generate` and commit the result.")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
