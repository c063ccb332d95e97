"""Property-based contract test: every documented API operation, called with generated input,
answers as its OpenAPI document says (status codes, content types, response schemas)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from dxplan.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_the_openapi_document(case):
    case.call_and_validate()
