"""Regenerate generated/devin_api from the vendored spec plus the overlay.

    python scripts/generate.py            wipe and regenerate generated/devin_api
    python scripts/generate.py --check    regenerate into a temporary folder and fail on any
                                          difference from the committed tree

The generator runs in this process from this interpreter's environment (pinned
openapi-python-client and ruff), with that environment's bin folder first on PATH so its
post-hooks find the pinned ruff. It is what `openapi-python-client generate --meta none
--fail-on-warning` does, plus a Jinja bytecode cache under build/ (templates are compiled once,
not on every run: about half the generator's time). The cache only speeds things up: it is keyed
by each template's source, so the output is the same with or without it.
"""

from __future__ import annotations

import difflib
import filecmp
import os
import shutil
import sys
import tempfile
from pathlib import Path

from merge_spec import dumps, merged_spec

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "generated" / "devin_api"
CONFIG = ROOT / "openapi" / "opc-config.yaml"
TEMPLATES = ROOT / "openapi" / "templates"
SPEC_NAME = "openapi.json"  # the merged spec, shipped inside the package
IGNORED = {"__pycache__", ".ruff_cache", ".mypy_cache"}
JINJA_CACHE = ROOT / "build" / "jinja-cache"


def build(workdir: Path) -> Path:
    """Generate the package into ``workdir/devin_api`` and return that path."""
    spec_path = workdir / SPEC_NAME
    spec_path.write_text(dumps(merged_spec()), encoding="utf-8")
    out = workdir / "devin_api"
    bindir = Path(sys.executable).parent
    os.environ["PATH"] = f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"
    # The pinned generator's own entry points (the CLI's `generate` does exactly this, minus
    # the hook that lets us give its Jinja environment a bytecode cache).
    from jinja2 import FileSystemBytecodeCache
    from openapi_python_client import _get_project_for_url_or_path
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser.errors import GeneratorError

    config = Config.from_sources(
        ConfigFile.load_from_path(CONFIG), MetaType.NONE, spec_path, "utf-8", False, out
    )
    project = _get_project_for_url_or_path(config=config, custom_template_path=TEMPLATES)
    errors: list[GeneratorError] = []
    if isinstance(project, GeneratorError):
        errors.append(project)
    else:
        JINJA_CACHE.mkdir(parents=True, exist_ok=True)
        project.env.bytecode_cache = FileSystemBytecodeCache(str(JINJA_CACHE))
        errors.extend(project.build())
    if errors:  # --fail-on-warning: a warning means part of the spec was skipped
        for error in errors:
            print(f"{error.level.name}: {error.header}\n{error.detail or ''}", file=sys.stderr)
        raise SystemExit("generate: openapi-python-client reported problems (see above)")
    shutil.copyfile(spec_path, out / SPEC_NAME)
    (out / "py.typed").write_text("", encoding="utf-8")
    leftovers = [p for p in out.rglob("*.py") if "boundary=+++" in p.read_text(encoding="utf-8")]
    if leftovers:
        raise SystemExit(f"generate: fixed multipart boundary still emitted in {leftovers}")
    return out


def _diff(left: Path, right: Path, rel: Path = Path()) -> list[str]:
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


def main(argv: list[str]) -> int:
    check = "--check" in argv
    with tempfile.TemporaryDirectory(prefix="devin-gen-") as tmp:
        fresh = build(Path(tmp))
        if check:
            if not TARGET.is_dir():
                print(
                    f"check-generated: {TARGET.relative_to(ROOT)} is missing; run `make generate`"
                )
                return 1
            problems = _diff(fresh, TARGET)
            if problems:
                print("check-generated: generated/devin_api differs from a fresh generation:")
                print("\n".join(problems))
                print("Run `make generate` and commit the result.")
                return 1
            print("check-generated: generated/devin_api matches a fresh generation")
            return 0
        shutil.rmtree(TARGET, ignore_errors=True)
        shutil.copytree(fresh, TARGET, ignore=shutil.ignore_patterns(*IGNORED))
    print(f"generate: wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
