"""The API's OpenAPI document is valid, and property-based requests over it find no 5xx.

Schemathesis's pytest plugin does not run under pytest 9 (it reads a private attribute
pytest removed), so the operations' hypothesis strategies are driven here directly.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.api.conftest import LiveServer, start_server, stop_server

EXAMPLES_PER_OPERATION = 8  # 28 operations × 8 requests: well under a minute on two cores


@pytest.fixture(scope="module")
def patient_server(
    corpus_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """`pst serve` with the default time limit: the shared live server's 2 s would stop the
    slowest named queries (a 503, as it should) on a busy machine, which is not what is
    looked for here."""
    copy = tmp_path_factory.mktemp("openapi") / "store"
    shutil.copytree(corpus_store, copy)
    server = start_server(copy, "--result-limit", "50")
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def api_schema(patient_server: LiveServer):
    """The OpenAPI document the server publishes, loaded by schemathesis."""
    return schemathesis.openapi.from_url(f"{patient_server.url}/openapi.json")


def test_openapi_document_validates(api_schema) -> None:
    api_schema.validate()  # against the OpenAPI 3.1 meta-schema; raises if invalid
    assert len([op for op in api_schema.get_all_operations() if op.ok()]) >= 25


def test_no_server_error(api_schema) -> None:
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
