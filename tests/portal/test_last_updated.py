"""Every plan page says when what the public sees of the plan last changed; a figure still in
draft is not public, so saving it changes nothing there."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from dxplan.audit.models import AuditEvent
from dxplan.indicators.actions import enter_figure, publish_actual, record_actual
from dxplan.indicators.models import Series
from tests import world

pytestmark = pytest.mark.django_db

PAGES = ["/nagasaki/dx-plan/", "/en/nagasaki/dx-plan/2025-2027/indicators/1-1/"]
LOADED = datetime(2026, 4, 1, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


def footer(client, page: str) -> str:
    html = client.get(page).content.decode()
    return html[html.index('<footer class="site">') :]


def test_the_footer_says_when_the_plans_public_data_last_changed(client):
    staff = world.make_admin()
    AuditEvent.objects.filter(scope="nagasaki/dx-plan").update(time=LOADED)
    for page in PAGES:
        assert '<time datetime="2026-04-01T09:00:00+09:00">2026-04-01</time>' in footer(
            client, page
        )
    series = Series.objects.get(
        indicator__measure__version__slug="2025-2027", indicator__code="1-1"
    )
    draft = record_actual(series, 2025, Decimal("40.0"), actor=staff)
    assert "2026-04-01" in footer(client, PAGES[0])  # a draft is not public
    publish_actual(draft, actor=staff)
    today = timezone.localdate().isoformat()
    assert f">{today}</time>" in footer(client, PAGES[0])
    AuditEvent.objects.filter(scope="nagasaki/dx-plan").update(time=LOADED)
    draft.refresh_from_db()
    enter_figure(draft.series, 2025, {"value": Decimal("41.0")}, actor=staff)
    assert "2026-04-01" in footer(client, PAGES[0])  # a waiting correction is not public yet
    draft.refresh_from_db()
    publish_actual(draft, actor=staff)
    assert f">{today}</time>" in footer(client, PAGES[0])


def test_pages_of_no_plan_have_no_date(client):
    assert "<time" not in footer(client, "/")
