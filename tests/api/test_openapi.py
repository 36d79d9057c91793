"""The API's OpenAPI document is valid, and property-based requests over it find no 5xx.

Schemathesis's pytest plugin does not run under pytest 9 (it reads a private attribute
pytest removed), so the operations' hypothesis strategies are driven here directly.
"""

from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.api.conftest import LiveServer

EXAMPLES_PER_OPERATION = 8  # 28 operations × 8 requests: well under a minute on two cores


@pytest.fixture(scope="module")
def api_schema(live_server: LiveServer):
    """The OpenAPI document the live server publishes, loaded by schemathesis."""
    return schemathesis.openapi.from_url(f"{live_server.url}/openapi.json")


def test_openapi_document_validates(api_schema) -> None:
    api_schema.validate()  # against the OpenAPI 3.1 meta-schema; raises if invalid
    assert len([op for op in api_schema.get_all_operations() if op.ok()]) >= 25


def test_no_server_error(api_schema) -> None:
    started = time.monotonic()
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def no_5xx(case) -> None:
            case.call_and_validate(checks=[not_a_server_error], timeout=30)

        no_5xx()
    assert time.monotonic() - started < 60
