"""The yearly reporting round: the DX office opens it, each department sees what it is asked
for, reminders go out once, the round is published with a preview, and the public sees how
punctual each department was."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from dxplan.accounts.policy import Refused
from dxplan.indicators.actions import approve_figure, enter_figure, submit_figure
from dxplan.indicators.models import Observation
from dxplan.rounds.actions import open_round, publish_round, send_reminders
from dxplan.rounds.models import Reminder, ReportingRound

pytestmark = pytest.mark.django_db

DUE = date(2026, 6, 30)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def round(town):
    for user in (town.department_editor, town.welfare_editor):
        user.email = f"{user.username}@example.jp"
        user.save()
    return open_round(town.organisation, 2025, DUE, [town.version], actor=town.office_editor)


def handed_in(town, series, value, when, editor):
    outcome = enter_figure(series, 2025, {"value": Decimal(value)}, actor=editor)
    submit_figure(outcome.observation, actor=editor)
    outcome.observation.revisions.update(submitted_at=when)
    return outcome.observation


def test_the_dx_office_opens_a_round_on_the_staff_screen(town):
    office = signed_in(town.office_editor)
    page = office.get("/staff/rounds/").content.decode()
    assert "依頼を開始する" in page
    response = office.post(
        "/staff/rounds/",
        {"fiscal_year": "令和7年度", "due": "2026-06-30", "versions": [town.version.pk]},
    )
    made = ReportingRound.objects.get()
    assert response["Location"] == f"/staff/rounds/{made.pk}/"
    assert (made.fiscal_year, made.due, list(made.versions.all())) == (2025, DUE, [town.version])
    again = office.post(
        "/staff/rounds/", {"fiscal_year": "R7", "due": "2026-07-31", "versions": [town.version.pk]}
    )
    assert "すでに" in again.content.decode() and ReportingRound.objects.count() == 1


def test_a_department_editor_cannot_open_or_publish_a_round(town, round):
    editor = signed_in(town.department_editor)
    assert "依頼を開始する" not in editor.get("/staff/rounds/").content.decode()
    with pytest.raises(Refused):
        open_round(town.organisation, 2026, DUE, [town.version], actor=town.department_editor)
    assert editor.post(f"/staff/rounds/{round.pk}/publish/").status_code == 403


def test_each_department_sees_its_own_request_and_the_office_sees_every_department(town, round):
    page = signed_in(town.department_editor).get(f"/staff/rounds/{round.pk}/").content.decode()
    assert "今回の依頼" in page and "オンライン申請率" in page
    assert "見守りサービスの利用者数" not in page  # the Welfare Division's
    office = signed_in(town.office_editor).get(f"/staff/rounds/{round.pk}/").content.decode()
    assert "デジタル課" in office and "福祉課" in office and "課ごと" in office


def test_punctuality_counts_a_figure_submitted_by_the_due_date_as_on_time(town, round):
    from dxplan.rounds import queries

    tokyo = timezone.get_current_timezone()
    on_time = timezone.make_aware(timezone.datetime(2026, 6, 30, 23, 0), tokyo)
    late = timezone.make_aware(timezone.datetime(2026, 7, 5, 9, 0), tokyo)
    handed_in(town, town.series, "30.0", on_time, town.department_editor)
    handed_in(town, town.welfare_series, "150", late, town.welfare_editor)
    reports = {
        r.department.name_ja: r
        for r in queries.by_department(round, queries.items(round), DUE + timedelta(10))
    }
    digital, welfare = reports["デジタル課"], reports["福祉課"]
    assert (digital.punctuality.on_time, digital.punctuality.late) == (1, 0)
    assert (welfare.punctuality.late, welfare.punctuality.median_days_late) == (1, 5.0)
    assert welfare.stages["submitted"] == 1


def test_reminders_go_once_a_day_to_departments_with_figures_outstanding(town, round):
    week_before = DUE - timedelta(7)
    done = send_reminders(week_before, actor="tests")
    assert done.sent == 2 and len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {
        "department-editor@example.jp",
        "welfare-editor@example.jp",
    }
    assert "期限 2026-06-30" in mail.outbox[0].subject and "/staff/rounds/" in mail.outbox[0].body
    assert send_reminders(week_before, actor="tests").sent == 0  # the same day again
    assert len(mail.outbox) == 2
    assert send_reminders(week_before + timedelta(1), actor="tests").sent == 0  # not a reminder day
    handed_in(town, town.series, "30.0", timezone.now(), town.department_editor)
    mail.outbox.clear()
    overdue = send_reminders(DUE + timedelta(1), actor="tests")
    assert overdue.sent == 1 and mail.outbox[0].to == ["welfare-editor@example.jp"]
    assert "過ぎています" in mail.outbox[0].subject
    assert Reminder.objects.count() == 3


def test_the_remind_command_is_idempotent_and_names_no_one(town, round, capsys):
    call_command("round", "remind", "--date", (DUE - timedelta(1)).isoformat())
    out = capsys.readouterr().out
    assert "2 sent" in out and "@" not in out and "department-editor" not in out
    call_command("round", "remind", "--date", (DUE - timedelta(1)).isoformat())
    assert "0 sent" in capsys.readouterr().out and len(mail.outbox) == 2


def test_publishing_the_round_makes_its_approved_figures_public_after_a_preview(
    client, town, round
):
    observation = handed_in(town, town.series, "30.0", timezone.now(), town.department_editor)
    approve_figure(observation, actor=town.reviewer)
    handed_in(town, town.welfare_series, "150", timezone.now(), town.welfare_editor)  # not approved
    reviewer = signed_in(town.reviewer)
    preview = reviewer.get(f"/staff/rounds/{round.pk}/publish/").content.decode()
    assert "オンライン申請率" in preview and "見守りサービスの利用者数" not in preview
    api = "/api/v1/plans/town/dx/versions/2025-2027/indicators/1-1"
    assert client.get(api).json()["series"][0]["observations"] == []
    reviewer.post(f"/staff/rounds/{round.pk}/publish/")
    assert Observation.objects.get(pk=observation.pk).state == "published"
    assert [o["value"] for o in client.get(api).json()["series"][0]["observations"]] == [30.0]
    round.refresh_from_db()
    assert round.published_at is not None
    welfare = Observation.objects.get(series=town.welfare_series)
    assert welfare.state == "submitted"  # what was not approved stays as it is


def test_the_public_sees_how_punctual_each_department_was(client, town, round):
    late = timezone.make_aware(timezone.datetime(2026, 7, 2, 9, 0))
    handed_in(town, town.welfare_series, "150", late, town.welfare_editor)
    about = client.get("/town/dx/about/").content.decode()
    assert "/town/dx/reporting/" in about
    page = client.get("/town/dx/reporting/")
    text = page.content.decode()
    assert page.status_code == 200 and "no-cache" in page["Cache-Control"]
    assert "福祉課" in text and "デジタル課" in text and "令和7年度" in text
    assert "2.0" in text  # the Welfare Division's median days late
    english = client.get("/en/town/dx/reporting/").content.decode()
    assert "Welfare Division" in english and "Share on time" in english


def test_publishing_a_round_refuses_a_user_without_the_right(town, round):
    with pytest.raises(Refused):
        publish_round(round, actor=town.department_editor)


def test_the_indicator_page_marks_a_figure_overdue_until_it_is_published(client, town):
    from dxplan.indicators.actions import publish_actual

    open_round(town.organisation, 2025, date(2020, 6, 30), [town.version], actor=town.office_editor)
    page = client.get("/town/dx/2025-2027/indicators/1-1/").content.decode()
    assert "報告期限" in page and "2020-06-30" in page and "令和7年度" in page
    figure = enter_figure(town.series, 2025, {"value": Decimal("30")}, actor=town.department_editor)
    publish_actual(figure.observation, actor=town.office_editor)
    assert "2020-06-30" not in client.get("/town/dx/2025-2027/indicators/1-1/").content.decode()


def test_an_indicator_of_no_round_is_not_marked(client, town):
    page = client.get("/town/dx/2025-2027/indicators/1-1/").content.decode()
    assert "報告期限" not in page
