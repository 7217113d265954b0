"""schemathesis against the in-process mock over the merged v3 spec: every one of its
operations, every default check, zero failures, with the mock's demo ``cog_`` key (every
permission) on the mock's demo organisation.
"""

from __future__ import annotations

import pytest
from devin_client.testing import DEFAULT_V3_API_KEY
from hypothesis import HealthCheck, given, settings
from schemathesis import Case

from .conftest import V3_ORG, check_case, fresh_mock, load_spec, make_schema

# Examples, coverage and fuzzing phases for every operation, positive and negative. Modest:
# the v1 suite runs beside it in `make test` (raise it locally; `make contract` runs the CLI).
MAX_EXAMPLES = 10

MOCK = fresh_mock()
schema = make_schema(MOCK.app, max_examples=MAX_EXAMPLES, package="devin_api_v3")


@schema.parametrize()
def test_mock_conforms_to_the_v3_spec(case: Case) -> None:
    check_case(MOCK, case)


def test_every_operation_of_the_spec_is_covered() -> None:
    # Counted from the shipped spec, never a constant: a new operation is in the run at once.
    operations = {op.ok().label for op in schema.get_all_operations()}
    spec = load_spec("devin_api_v3")
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    expected = {
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method in item
        if method in methods
    }
    assert operations == expected


OPERATIONS = sorted(op.ok().label for op in schema.get_all_operations())


@pytest.mark.parametrize("label", OPERATIONS)
def test_sentinel_the_cog_key_and_its_organisation_are_accepted(label: str) -> None:
    # Cases made exactly as the suite makes them (auth from the same config, the organisation
    # from the same hook): a run where every answer is 401 or 403 (the key, its permissions or
    # the demo organisation changed; once, the spec's example org id in every path) would pass
    # every check while testing nothing, so it fails here.
    method, path = label.split(" ", 1)
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=3, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case: Case) -> None:
        response = case.call()
        assert response.request.headers["Authorization"] == f"Bearer {DEFAULT_V3_API_KEY}"
        if "{org_id}" in path:
            assert f"/v3/organizations/{V3_ORG}/" in response.request.url
        assert response.status_code not in {401, 403}, response.text

    run()
