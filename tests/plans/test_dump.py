"""`dxplan dump` writes the database back out as a plan folder that loads to the same plan."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from dxplan.indicators.actions import record_actual
from dxplan.indicators.models import Indicator, Series
from dxplan.plans.actions import delete_plan
from dxplan.plans.models import Plan
from tests import world

pytestmark = pytest.mark.django_db

API = [
    "/api/v1/plans/nagasaki/dx-plan",
    "/api/v1/plans/nagasaki/dx-plan/versions/2022-2024",
    "/api/v1/plans/nagasaki/dx-plan/versions/2025-2027",
    "/api/v1/indicators?plan=nagasaki/dx-plan&limit=100",
    "/api/v1/plans/nagasaki/dx-plan/surveys",
    "/api/v1/plans/nagasaki/dx-plan/mappings",
]


def files(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*.yaml"))
    }


def api_output(client) -> list:  # type: ignore[no-untyped-def]
    out = []
    for path in API:
        response = client.get(path)
        assert response.status_code == 200, path
        out.append(response.json())
    return out


def nagasaki() -> Plan:
    return Plan.objects.get(organisation__slug="nagasaki", slug="dx-plan")


def test_loading_a_dump_reports_no_change(tmp_path, capsys):
    call_command("dump", "nagasaki/dx-plan", str(tmp_path))
    assert "wrote 7 file(s)" in capsys.readouterr().out
    assert sorted(files(tmp_path)) == [
        "mappings/2022-2024--2025-2027.yaml",
        "plan.yaml",
        "schedule.yaml",
        "surveys.yaml",
        "trends.yaml",
        "versions/2022-2024.yaml",
        "versions/2025-2027.yaml",
    ]
    assert not world.load(tmp_path).changed


def test_a_dump_loaded_afresh_dumps_to_the_same_bytes_and_the_same_api_output(tmp_path, client):
    before = api_output(client)
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("dump", "nagasaki/dx-plan", str(first))
    delete_plan(nagasaki(), actor="test")
    report = world.load(first)
    assert report.summary()["created"]["indicator"] == 12
    call_command("dump", "nagasaki/dx-plan", str(second))
    assert files(first) == files(second)
    assert json.dumps(api_output(client), sort_keys=True) == json.dumps(before, sort_keys=True)


def test_actuals_entered_in_dxplan_are_dumped_with_their_state(tmp_path):
    series = Series.objects.get(indicator__measure__version__slug="second", indicator__code="1-1")
    record_actual(series, 2026, Decimal("31.5"), actor="test", provisional=True)
    call_command("dump", "minato/smart-town", str(tmp_path))
    text = (tmp_path / "versions" / "second.yaml").read_text(encoding="utf-8")
    assert "- {year: 2026, value: 31.5, provisional: true, state: draft}" in text
    assert not world.load(tmp_path).changed


def test_dump_removes_files_of_versions_that_are_gone(tmp_path):
    stale = tmp_path / "versions" / "old.yaml"
    stale.parent.mkdir(parents=True)
    stale.write_text("nodes: []\n", encoding="utf-8")
    call_command("dump", "minato/smart-town", str(tmp_path))
    assert not stale.exists()
    assert sorted(files(tmp_path)) == [
        "mappings/first--second.yaml",
        "plan.yaml",
        "surveys.yaml",
        "versions/first.yaml",
        "versions/second.yaml",
    ]


def test_a_plan_with_its_own_grades_and_continued_indicators_dumps_and_reloads_afresh(tmp_path):
    world.load(world.HAMANA)
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("dump", "hamana/dx", str(first))
    delete_plan(Plan.objects.get(organisation__slug="hamana", slug="dx"), actor="test")
    world.load(first)  # the older indicators are created before those that continue them
    revised = Indicator.objects.get(
        measure__version__plan__slug="dx", measure__version__slug="2025-2027", code="2-1"
    )
    assert revised.continues is not None and revised.continues.measure.version.slug == "2022-2024"
    assert (revised.method, revised.overall_rule) == ("cagr", "mean_pace")
    call_command("dump", "hamana/dx", str(second))
    assert files(first) == files(second)
