"""Schemathesis drives every operation of `/api/openapi.json` in-process (WSGI) with data
generated from the description itself: valid and invalid parameters, bodies and tokens.
No answer may be a server error, and every answer must match what the description promises
(status code, content type, JSON schema). Run with and without a token, so that both the
public reads and the writes (as a network administrator, inside the test's transaction) are
exercised."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis import checks

from localgbf.web.api.tokens import create_token

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def admin_token(users) -> str:
    _token, secret = create_token(users["network_admin"], "schemathesis")
    return secret


@schema.include(method="GET").parametrize()
@SETTINGS
def test_public_reads_keep_their_promises(case, demo):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@SETTINGS
def test_every_operation_with_a_token_keeps_its_promises(case, demo, admin_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {admin_token}"}, checks=CHECKS)
