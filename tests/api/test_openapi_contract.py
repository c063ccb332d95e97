"""Property-based contract test: every documented API operation, called with generated input,
answers as its OpenAPI document says (status codes, content types, response schemas)."""

from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from dxplan.wsgi import application

# The committed document, which test_open_api.py proves is the one served (fetching it here, at
# collection, would need the database before pytest-django allows it).
schema = schemathesis.openapi.from_path(Path(__file__).parent / "openapi.snapshot.json")
schema.app = application
# A NUL in a parameter is answered 400, as documented (tests/api/test_open_api.py checks it):
# generating one would only make schemathesis call a documented refusal a rejected valid input.
schema.config.generation.update(allow_x00=False)


@pytest.fixture(autouse=True)
def keep_the_test_transactions_connection():
    """Django's test client keeps the connection across requests; raw WSGI calls must too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_the_openapi_document(case):
    # uncompressed: the WSGI transport hands the raw body to the checks, which would read gzip
    # (settings.MIDDLEWARE) as undecodable text
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


@pytest.fixture
def department_key(db):
    """A token of the Digital Division of the town built in code (tests/world.py)."""
    from dxplan.tokens.actions import issue_token
    from tests import world

    town = world.Town()
    _, key = issue_token(town.department, "contract test", actor=town.office_editor)
    return key


@pytest.mark.django_db
@schema.include(path_regex="/figures/").parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_write_operation_conforms_with_a_department_token(case, department_key):
    case.call_and_validate(
        headers={"Accept-Encoding": "identity", "Authorization": f"Bearer {department_key}"}
    )
