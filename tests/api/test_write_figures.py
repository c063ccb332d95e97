"""The write API: a department's system enters, submits and withdraws the figures of the
indicators its department owns, with a token, through the same actions and policy as the staff
screens; nothing is public until the DX office publishes it."""

import json

import pytest
from django.core.management import call_command

from dxplan.accounts.models import ApiToken
from dxplan.audit.models import AuditEvent
from dxplan.indicators.actions import publish_actual
from dxplan.indicators.models import Observation
from dxplan.tokens.actions import issue_token, revoke_token

pytestmark = pytest.mark.django_db

FIGURE = "/api/v1/figures/town/dx/2025-2027/1-1/total/2025"
WELFARE = "/api/v1/figures/town/dx/2025-2027/1-2/total/2025"
PUBLIC = "/api/v1/plans/town/dx/versions/2025-2027/indicators/1-1"


@pytest.fixture
def key(town):
    _, key = issue_token(town.department, "申請管理システム", actor=town.office_editor)
    return key


def call(client, method, path, key=None, body=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(path, data=data, content_type="application/json", **headers)


def test_a_departments_system_enters_a_draft_that_the_public_does_not_see(client, town, key):
    response = call(client, "put", FIGURE, key, {"value": "４２．５％", "note": "自動連携"})
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["what"] == "recorded"
    assert (answer["figure"]["state"], answer["figure"]["value"]) == ("draft", 42.5)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in response
    assert client.get(PUBLIC).json()["series"][0]["observations"] == []
    event = AuditEvent.objects.filter(verb="figure_entered").latest("id")
    assert event.actor_name.startswith("token dxp_") and "デジタル課" in event.actor_name
    assert ApiToken.objects.get().last_used_at is not None


def test_it_submits_and_the_reviewer_publishes(client, town, key):
    call(client, "put", FIGURE, key, {"value": 30})
    submitted = call(client, "post", FIGURE + "/submit", key)
    assert submitted.status_code == 200 and submitted.json()["figure"]["state"] == "submitted"
    publish_actual(Observation.objects.get(series=town.series), actor=town.reviewer)
    assert [o["value"] for o in client.get(PUBLIC).json()["series"][0]["observations"]] == [30.0]
    read = call(client, "get", FIGURE, key).json()
    assert (read["state"], read["public_value"], read["correcting"]) == ("published", 30.0, False)


def test_a_save_based_on_a_figure_changed_since_is_refused_with_both_values(client, town, key):
    first = call(client, "put", FIGURE, key, {"value": 30}).json()["figure"]["fingerprint"]
    call(client, "put", FIGURE, key, {"value": 31, "seen": first})
    stale = call(client, "put", FIGURE, key, {"value": 35, "seen": first})
    assert stale.status_code == 409
    assert (stale.json()["current"], stale.json()["yours"]) == (31.0, 35.0)
    assert Observation.objects.get(series=town.series).value == 31


def test_a_token_of_one_department_cannot_touch_anothers_figures(client, town, key):
    response = call(client, "put", WELFARE, key, {"value": 150})
    assert response.status_code == 403 and "福祉課" not in response.json()["detail"]
    assert "may not" in response.json()["detail"]
    assert not Observation.objects.filter(series=town.welfare_series).exists()
    assert call(client, "get", WELFARE, key).status_code == 403
    assert call(client, "post", WELFARE + "/submit", key).status_code in (403, 404)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"value": "120%"}, "0–100"),
        ({"value": "abc"}, "value"),
        ({"value": 30, "lower": 25}, "both"),
    ],
)
def test_a_figure_against_the_rules_is_refused_saying_why(client, town, key, body, message):
    response = call(client, "put", FIGURE, key, body)
    assert response.status_code == 422 and message in json.dumps(
        response.json(), ensure_ascii=False
    )
    assert not Observation.objects.filter(series=town.series).exists()


def test_without_a_live_token_nothing_is_answered(client, town, key):
    assert call(client, "put", FIGURE, None, {"value": 30}).status_code == 401
    assert call(client, "put", FIGURE, "dxp_wrong", {"value": 30}).status_code == 401
    revoke_token(ApiToken.objects.get(), actor=town.office_editor)
    assert call(client, "put", FIGURE, key, {"value": 30}).status_code == 401
    assert not Observation.objects.filter(series=town.series).exists()


def test_an_unknown_series_is_404_and_an_unknown_method_405(client, town, key):
    assert (
        call(client, "put", FIGURE.replace("total", "nothing"), key, {"value": 1}).status_code
        == 404
    )
    response = call(client, "delete", FIGURE, key)
    assert response.status_code == 405 and "PUT" in response["Allow"]


def test_withdrawing_takes_a_correction_back_and_the_published_figure_stays(client, town, key):
    call(client, "put", FIGURE, key, {"value": 30})
    publish_actual(Observation.objects.get(series=town.series), actor=town.office_editor)
    assert call(client, "put", FIGURE, key, {"value": 32}).json()["what"] == "waiting"
    back = call(client, "post", FIGURE + "/withdraw", key).json()
    assert back["what"] == "withdrawn" and back["figure"]["value"] == 30.0
    again = call(client, "post", FIGURE + "/withdraw", key)
    assert again.status_code == 409


def test_only_the_dx_office_issues_tokens_and_the_key_is_stored_hashed(town, capsys):
    from dxplan.accounts.policy import Refused

    with pytest.raises(Refused):
        issue_token(town.department, "x", actor=town.department_editor)
    call_command(
        "token", "issue", "town", "デジタル課", "--name", "連携", "--actor", "office-editor"
    )
    out = capsys.readouterr().out
    key = out.split("Key (shown this once): ")[1].strip()
    token = ApiToken.objects.get(name="連携")
    assert key.startswith(token.prefix) and key not in token.key_hash
    call_command("token", "list", "town")
    listed = capsys.readouterr().out
    assert token.prefix in listed and key not in listed
    call_command("token", "revoke", token.prefix, "--actor", "office-editor")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(verb="token_revoked").exists()


def test_reading_a_draft_that_came_from_plan_files_writes_nothing(client, town, key):
    """A GET is answered from a read-only transaction (on PostgreSQL a write would fail)."""
    from dxplan.indicators.models import FigureRevision

    Observation.objects.create(series=town.series, fiscal_year=2025, value=30, state="draft")
    response = call(client, "get", FIGURE, key)
    assert response.status_code == 200 and response.json()["state"] == "draft"
    assert not FigureRevision.objects.exists()
