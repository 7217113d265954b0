"""The operations of the shipped APIs that no ``devin`` command reaches, on purpose.

Every operation of every API in ``openapi/apis.yaml`` is reached by some ``devin`` command,
unless it is listed here with the reason it has none. ``tests/cli/test_coverage.py`` proves it
by behaviour: it runs a tour of command lines against the mock, records the operations the
command's client called, and fails naming each operation of the spec that no command reached
and that is not listed here (and each entry here that is stale: not in the spec, or reached).

So a new operation in a spec means a new command (and a step of the tour), or a line here.
Operations are named ``"METHOD /path"`` exactly as the spec writes them, never by operation id.

Nothing imports this module at run time; it lives beside the commands so that whoever adds a
command or an operation sees it.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["CLI_LESS", "NOT_DEVIN", "NOT_YET_COVERED"]

CLI_LESS: Mapping[str, Mapping[str, str]] = {
    # API name in openapi/apis.yaml -> {"METHOD /path": why no command reaches it}
    "devin-v1": {},
    "devin-v3": {},
}
"""Operations deliberately without a command, per API, each with its reason."""

NOT_YET_COVERED: Mapping[str, str] = {}
"""APIs the command does not speak yet, each with the issue that brings it. The coverage test
of such an API is expected to fail (a strict xfail): once a tour covers it, the test says to
remove the line."""

NOT_DEVIN: Mapping[str, str] = {
    "mindcraft": "another vendor's API, a worked example of the pipeline (issue 13); not Devin",
}
"""APIs in ``openapi/apis.yaml`` that are not the Devin API: the command never speaks them."""
