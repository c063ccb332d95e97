"""The DX office issues and revokes a department's API tokens on the staff screens; the key is
shown once; departments do not manage tokens."""

import json

import pytest
from django.test import Client

from dxplan.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

TOKENS = "/staff/tokens/"
FIGURE = "/api/v1/figures/town/dx/2025-2027/1-1/total/2025"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_dx_office_issues_a_key_shown_once_that_the_api_takes(client, town):
    office = signed_in(town.office_editor)
    assert 'href="/staff/tokens/"' in office.get("/staff/").content.decode()
    page = office.post(TOKENS, {"department": town.department.pk, "name": "申請システム"})
    text = page.content.decode()
    key = text.split("<code>dxp_", 1)[1].split("</code>")[0]
    key = "dxp_" + key
    assert "この一度だけ表示" in text
    assert key not in office.get(TOKENS).content.decode()  # never again
    response = client.put(
        FIGURE,
        data=json.dumps({"value": 30}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200


def test_the_dx_office_revokes_a_token_and_its_key_stops_working(client, town):
    office = signed_in(town.office_editor)
    text = office.post(TOKENS, {"department": town.department.pk, "name": "x"}).content.decode()
    key = "dxp_" + text.split("<code>dxp_", 1)[1].split("</code>")[0]
    token = ApiToken.objects.get()
    office.post(f"/staff/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    answer = client.get(FIGURE, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert answer.status_code == 401


@pytest.mark.parametrize("role", ["department_editor", "reviewer", "committee_member", "clerk"])
def test_only_the_dx_office_manages_tokens(town, role):
    user = getattr(town, role)
    client = signed_in(user)
    assert 'href="/staff/tokens/"' not in client.get("/staff/").content.decode()
    response = client.post(TOKENS, {"department": town.department.pk, "name": "x"})
    assert response.status_code == 403 and not ApiToken.objects.exists()
