"""Apply an API's overlay to its vendored spec and write the merged spec.

    python scripts/merge_spec.py API [OUTPUT] [--validate]     (default: print to stdout)

API is a name from openapi/apis.yaml. The merged spec is JSON, so the installed package can
load it with the standard library. `--validate` also runs openapi-spec-validator on it (slow,
about 1 s; the test suite validates every merged spec, so `make generate` skips it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import jsonpatch
import normalise
from apis import Api, ApiListError, load_yaml, select


class OverlayError(Exception):
    """The overlay does not apply cleanly to the vendored spec."""


def merged_spec(api: Api) -> dict[str, Any]:
    """The vendored spec of ``api`` with its overlay applied: first the named normalisation
    steps the overlay asks for (``normalise:``, see ``normalise.py``), then its JSON Patch
    changes (``changes:``), one by one.

    Raises:
        OverlayError: A step or change has no unique id or reason, a step is unknown, or an
            operation of a change does not apply; the message names the overlay file, the
            change's id, the operation and its JSON pointer.
    """
    spec = load_yaml(api.spec)
    overlay = load_yaml(api.overlay)
    where = api.rel(api.overlay)
    changes = overlay.get("changes") if isinstance(overlay, dict) else None
    if not isinstance(changes, list):
        raise OverlayError(f"{where}: needs a 'changes:' list")
    seen: set[str] = set()
    for step in overlay.get("normalise") or []:
        ident = step.get("id") if isinstance(step, dict) else None
        if not ident or not step.get("reason") or ident in seen:
            raise OverlayError(f"{where}: step {ident!r} needs a unique id and a reason")
        if ident not in normalise.STEPS:
            known = ", ".join(sorted(normalise.STEPS))
            raise OverlayError(f"{where}: unknown normalisation step {ident!r}; known: {known}")
        seen.add(ident)
        normalise.STEPS[ident](spec)
    for change in changes:
        ident = change.get("id") if isinstance(change, dict) else None
        if not ident or not change.get("reason") or ident in seen:
            raise OverlayError(f"{where}: change {ident!r} needs a unique id and a reason")
        seen.add(ident)
        for number, operation in enumerate(change.get("patch") or [], start=1):
            pointer = operation.get("path") if isinstance(operation, dict) else None
            try:
                # One operation at a time, in place: the message can name the one that failed,
                # and a deep copy per change is the slow part of jsonpatch.
                spec = jsonpatch.apply_patch(spec, [operation], in_place=True)
            except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as exc:
                op = operation.get("op") if isinstance(operation, dict) else operation
                raise OverlayError(
                    f"{where}: change {ident!r}, operation {number} ({op} {pointer}) does not "
                    f"apply to {api.rel(api.spec)}: {exc}"
                ) from exc
    spec.setdefault("info", {})["x-devin-client-overlay"] = sorted(seen)
    return spec


def dumps(spec: dict[str, Any]) -> str:
    return json.dumps(spec, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if a != "--validate"]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        (api,) = select(args[:1])
        spec = merged_spec(api)
    except (ApiListError, OverlayError) as exc:
        print(f"merge_spec: {exc}", file=sys.stderr)
        return 1
    if "--validate" in argv:
        from openapi_spec_validator import validate

        validate(spec)
    text = dumps(spec)
    if len(args) > 1:
        out = Path(args[1])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
