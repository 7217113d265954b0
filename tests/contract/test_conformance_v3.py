"""schemathesis against the in-process mock over the merged v3 spec: every one of its 37
operations, every default check, zero failures, with the mock's demo ``cog_`` key (every
permission) on the mock's demo organisation.
"""

from __future__ import annotations

import pytest
from devin_client.testing import DEFAULT_V3_API_KEY
from hypothesis import HealthCheck, given, settings
from schemathesis import Case

from .conftest import V3_ORG, check_case, fresh_mock, make_schema

# Examples, coverage and fuzzing phases for the 37 operations, positive and negative. Modest:
# the v1 suite runs beside it in `make test` (raise it locally; `make contract` runs the CLI).
MAX_EXAMPLES = 10

MOCK = fresh_mock()
schema = make_schema(MOCK.app, max_examples=MAX_EXAMPLES, package="devin_api_v3")


@schema.parametrize()
def test_mock_conforms_to_the_v3_spec(case: Case) -> None:
    check_case(MOCK, case)


def test_all_thirty_seven_operations_are_covered() -> None:
    operations = {op.ok().label for op in schema.get_all_operations()}
    assert len(operations) == 37


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
