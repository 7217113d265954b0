"""No operation id typed by hand: facts about operations come from the generated packages.

Every operationId of every API in openapi/apis.yaml is looked for among the string literals
(the parts of f-strings included) of the hand-written Python under facade/ and scripts/. Code
names an operation through its generated endpoint module (``OPERATION``, ``build_request``), or
by ``"METHOD /path"`` as the spec writes it.
"""

from __future__ import annotations

import ast
import json
from importlib import resources
from pathlib import Path

import apis as api_list
import pytest

ROOT = Path(__file__).resolve().parents[2]
HAND_WRITTEN = [ROOT / "facade", ROOT / "scripts"]


def _operation_ids() -> set[str]:
    ids: set[str] = set()
    for api in api_list.all_apis():
        spec = json.loads(resources.files(api.package).joinpath("openapi.json").read_text())
        for item in spec["paths"].values():
            ids.update(op["operationId"] for op in item.values() if "operationId" in op)
    return ids


def _literals(source: str) -> list[tuple[int, str]]:
    """Every string constant of a module, f-string parts included, with its line."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _found(source: str, ids: set[str]) -> list[tuple[int, str]]:
    """The literals that are an operation id (prose naming one, in a docstring, is not)."""
    return [(line, text.strip()) for line, text in _literals(source) if text.strip() in ids]


IDS = _operation_ids()
FILES = sorted(
    p for folder in HAND_WRITTEN for p in folder.rglob("*.py") if "__pycache__" not in p.parts
)


def test_there_are_ids_and_files_to_check() -> None:
    assert len(IDS) >= 2 * len(api_list.all_apis())
    assert any(f.name == "sessions.py" for f in FILES)


@pytest.mark.parametrize("path", FILES, ids=[str(f.relative_to(ROOT)) for f in FILES])
def test_no_operation_id_is_typed_by_hand(path: Path) -> None:
    found = _found(path.read_text(encoding="utf-8"), IDS)
    where = [f"{path.relative_to(ROOT)}:{line}: {op_id}" for line, op_id in found]
    assert not where, "operation ids typed by hand (use the generated OPERATION):\n" + "\n".join(
        where
    )


def test_the_check_sees_plain_strings_and_f_string_parts() -> None:
    op_id = max(IDS, key=len)
    source = (
        f'"""Calls {op_id}."""\n'  # prose naming it: not a literal of it
        f'A = "{op_id}"\n'
        f'B = f"{{x}}{op_id}"\n'
        f'C = "not_{op_id}"\n'
        f'D = " {op_id} "\n'
    )
    assert sorted(line for line, _ in _found(source, IDS)) == [2, 3, 5]
