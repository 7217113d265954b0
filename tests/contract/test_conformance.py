"""schemathesis against the in-process mock over the merged spec: every operation, every default
check (not_a_server_error, status_code_conformance, content_type_conformance,
response_schema_conformance, negative_data_rejection, positive_data_acceptance, ignored_auth,
missing_required_header, unsupported_method, ...), zero failures.
"""

from __future__ import annotations

from devin_client.testing import DEFAULT_API_KEY
from hypothesis import HealthCheck, given, settings
from schemathesis import Case

from .conftest import check_case, fresh_mock, load_spec, make_schema

# Examples, coverage and fuzzing phases for every operation, positive and negative: ~1,000
# requests in ~15 s on 2 cores. Raise it locally to dig deeper (`make contract` runs the CLI too).
MAX_EXAMPLES = 25

MOCK = fresh_mock()
schema = make_schema(MOCK.app, max_examples=MAX_EXAMPLES)


@schema.parametrize()
def test_mock_conforms_to_the_spec(case: Case) -> None:
    check_case(MOCK, case)


def test_every_operation_of_the_spec_is_covered() -> None:
    # Counted from the shipped spec, never a constant: a new operation is in the run at once.
    operations = {op.ok().label for op in schema.get_all_operations()}
    spec = load_spec("devin_api")
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    expected = {
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method in item
        if method in methods
    }
    assert operations == expected


create = schema["/v1/sessions"]["POST"]


@given(case=create.as_strategy())
@settings(max_examples=5, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_sentinel_the_configured_key_is_accepted(case: Case) -> None:
    # Sent exactly as the suite sends it (auth from the same config): an all-401 run, e.g. after
    # the key or the mock's default keys change, fails here instead of passing green.
    response = case.call()
    assert response.request.headers["Authorization"] == f"Bearer {DEFAULT_API_KEY}"
    assert response.status_code == 200, response.text
    assert response.json()["session_id"].startswith("devin-")
