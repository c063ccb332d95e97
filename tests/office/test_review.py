"""The review queue: what the departments submitted, with what would become public beside what
the public sees now; approve, send back and publish from it."""

from decimal import Decimal

import pytest
from django.test import Client

from dxplan.indicators.actions import enter_figure, publish_actual, submit_figure
from dxplan.indicators.models import Observation

pytestmark = pytest.mark.django_db

QUEUE = "/staff/review/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def submitted(town, value: str, series=None, editor=None):
    series = series or town.series
    editor = editor or town.department_editor
    outcome = enter_figure(series, 2025, {"value": Decimal(value)}, actor=editor)
    submit_figure(outcome.observation, actor=editor)
    return outcome.observation


def test_a_reviewer_sees_each_submission_with_what_would_become_public(town):
    submitted(town, "30.0")
    enter_figure(town.welfare_series, 2025, {"value": Decimal("120")}, actor=town.welfare_editor)
    page = signed_in(town.reviewer).get(QUEUE).content.decode()
    assert "オンライン申請率" in page and "提出済み: 審査待ち" in page
    assert "<td>—</td><td>30.0</td>" in page.replace("30.000000", "30.0")
    assert "見守りサービスの利用者数" not in page  # a draft is not submitted yet


def test_a_correction_shows_the_public_figure_beside_the_correction(town):
    observation = submitted(town, "30.0")
    publish_actual(observation, actor=town.office_editor)
    submitted(town, "31.5")
    page = signed_in(town.reviewer).get(QUEUE).content.decode()
    public, proposed = page.split("<td>", 2)[1:3]
    assert public.startswith("30") and proposed.startswith("31.5")


def test_approving_and_publishing_from_the_queue_come_back_to_it(client, town):
    submitted(town, "30.0")
    reviewer = signed_in(town.reviewer)
    response = reviewer.post("/staff/town/dx/2025-2027/1-1/2025/total/approve/", {"next": "review"})
    assert response["Location"] == QUEUE
    assert "承認済み: 公表待ち" in reviewer.get(QUEUE).content.decode()
    reviewer.post("/staff/town/dx/2025-2027/1-1/2025/total/publish/", {"next": "review"})
    assert Observation.objects.get(series=town.series).state == "published"
    assert "審査を待つ実績はありません" in reviewer.get(QUEUE).content.decode()


def test_a_department_editor_sees_only_their_departments_submissions(town):
    submitted(town, "30.0")
    submitted(town, "150", series=town.welfare_series, editor=town.welfare_editor)
    page = signed_in(town.department_editor).get(QUEUE).content.decode()
    assert "オンライン申請率" in page and "見守りサービスの利用者数" not in page
    assert ">承認する</button>" not in page and ">差し戻す</button>" not in page


def test_the_queue_reads_a_fixed_number_of_queries_however_many_wait(
    town, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reviewer = signed_in(town.reviewer)
    submitted(town, "30.0")
    with CaptureQueriesContext(connection) as one:
        reviewer.get(QUEUE)
    submitted(town, "150", series=town.welfare_series, editor=town.welfare_editor)
    with CaptureQueriesContext(connection) as two:
        reviewer.get(QUEUE)
    assert len(one.captured_queries) == len(two.captured_queries)
