"""No operation id typed by hand: facts about operations come from the generated packages.

Every operationId of every API in openapi/apis.yaml is looked for in the string literals
(docstrings and the parts of f-strings included) of the hand-written Python under facade/ and
scripts/. Code names an operation through its generated endpoint module (``OPERATION``,
``build_request``), or by ``"METHOD /path"`` as the spec writes it.
"""

from __future__ import annotations

import ast
import json
import re
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


def _found(source: str, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    return [(line, m) for line, text in _literals(source) for m in pattern.findall(text)]


def _pattern(ids: set[str]) -> re.Pattern[str]:
    # Whole identifiers only: an id inside a longer name is another name.
    return re.compile(
        r"\b(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")\b"
    )


# Files another lane of issue 10 is rewriting: expected to fail until it lands (strict, so the
# entry must go as soon as the file is fixed or removed).
PENDING = {
    "facade/devin_client/testing/_app.py": "the mock's hand routing table (mock kernel, 10.4)",
    "facade/devin_client/testing/_faults.py": "a docstring example (mock kernel, 10.4)",
}

IDS = _operation_ids()
FILES = sorted(
    p for folder in HAND_WRITTEN for p in folder.rglob("*.py") if "__pycache__" not in p.parts
)


def test_there_are_ids_and_files_to_check() -> None:
    assert len(IDS) >= 2 * len(api_list.all_apis())
    assert any(f.name == "sessions.py" for f in FILES)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(f, marks=pytest.mark.xfail(reason=PENDING[rel], strict=True))
        if (rel := str(f.relative_to(ROOT))) in PENDING
        else f
        for f in FILES
    ],
    ids=[str(f.relative_to(ROOT)) for f in FILES],
)
def test_no_operation_id_is_typed_by_hand(path: Path) -> None:
    found = _found(path.read_text(encoding="utf-8"), _pattern(IDS))
    where = [f"{path.relative_to(ROOT)}:{line}: {op_id}" for line, op_id in found]
    assert not where, "operation ids typed by hand (use the generated OPERATION):\n" + "\n".join(
        where
    )


def test_the_check_sees_plain_strings_docstrings_and_f_string_parts() -> None:
    op_id = sorted(IDS)[0]
    source = (
        f'"""Calls {op_id}."""\n'
        f'A = "{op_id}"\n'
        f'B = f"{{x}} then {op_id}"\n'
        f'C = "not_{op_id}_either"\n'  # a longer name is not the id
    )
    assert [line for line, _ in _found(source, _pattern(IDS))] == [1, 2, 3]
