"""A dump carries what was entered as entered: a published figure's correction under way (its
values, its state in the workflow, a send-back's reason) loads back into a new database."""

from decimal import Decimal

import pytest

from dxplan.indicators.actions import (
    enter_figure,
    publish_actual,
    send_back_figure,
    submit_figure,
)
from dxplan.indicators.models import FigureRevision, Observation
from dxplan.io.plan_dump import dump_plan
from dxplan.plans.actions import delete_plan
from dxplan.plans.models import Plan
from tests import world

pytestmark = pytest.mark.django_db


def minato_series():
    from dxplan.indicators.models import Series

    return Series.objects.get(
        indicator__measure__version__plan__slug="smart-town",
        indicator__measure__version__slug="second",
        indicator__code="1-1",
    )


def corrected(tmp_path, *, send_back: bool):
    world.load(world.MINATO)
    series = minato_series()
    admin = world.make_admin()
    figure = enter_figure(series, 2026, {"value": Decimal("31.5")}, actor=admin).observation
    publish_actual(figure, actor=admin)
    enter_figure(series, 2026, {"value": Decimal("33.0"), "note": "再集計"}, actor=admin)
    submit_figure(figure, actor=admin)
    if send_back:
        send_back_figure(figure, "出典を確認してください", actor=admin)
    out = tmp_path / "dumped"
    dump_plan(Plan.objects.get(slug="smart-town"), out)
    return out


@pytest.mark.parametrize("send_back", [False, True])
def test_a_correction_under_way_survives_a_dump_and_a_load_into_a_new_database(tmp_path, send_back):
    out = corrected(tmp_path, send_back=send_back)
    text = (out / "versions/second.yaml").read_text(encoding="utf-8")
    assert "pending:" in text and "33" in text
    delete_plan(Plan.objects.get(slug="smart-town"), actor="test")
    report = world.load(out)
    assert any("pending" in line for line in report.lines())
    figure = Observation.objects.get(series=minato_series(), fiscal_year=2026)
    assert (figure.value, figure.state) == (Decimal("31.5"), "published")  # still public
    waiting = FigureRevision.objects.open().get(observation=figure)
    assert (waiting.value, waiting.note) == (Decimal("33.0"), "再集計")
    assert waiting.state == ("sent_back" if send_back else "submitted")
    assert waiting.reason == ("出典を確認してください" if send_back else "")
    again = tmp_path / "again"
    dump_plan(Plan.objects.get(slug="smart-town"), again)
    assert (again / "versions/second.yaml").read_text(encoding="utf-8") == text
    assert not world.load(out).changed  # loading twice changes nothing


def test_pending_on_a_figure_not_yet_published_is_refused_saying_why(tmp_path):
    from dxplan.io.planfiles import PlanFilesInvalid

    out = corrected(tmp_path, send_back=False)
    path = out / "versions/second.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("pending:", "state: draft, pending:", 1),
        encoding="utf-8",
    )
    with pytest.raises(PlanFilesInvalid) as refused:
        world.load(out)
    assert "pending" in str(refused.value)
