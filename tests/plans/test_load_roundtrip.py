"""Property: whatever values the reader accepts, the database stores them exactly, so loading the
same files again reports no change (on SQLite and on PostgreSQL)."""

import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxplan.indicators.models import Series
from dxplan.plans.actions import delete_plan
from dxplan.plans.models import Plan
from tests import world
from tests.io.test_plan_files import edit

pytestmark = pytest.mark.django_db

# The indicator counts sensors (件), increasing: no negative values, target not below baseline.
storable = st.decimals(
    min_value=Decimal("0"),
    max_value=Decimal("999999999.999999"),
    places=6,
    allow_nan=False,
    allow_infinity=False,
)
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='\\"'),
    min_size=1,
    max_size=500,
).filter(lambda t: t.strip() == t and t.strip())


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(baseline=storable, target=storable, department=texts)
def test_accepted_values_are_stored_exactly_and_reload_as_no_change(baseline, target, department):
    baseline, target = sorted((baseline, target))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "minato"
        shutil.copytree(world.MINATO, folder)
        path = folder / "versions" / "second.yaml"
        edit(
            path,
            'baseline: {value: "1,200件", year: R7}',
            f'baseline: {{value: "{baseline}", year: R7}}',
        )
        edit(path, "target: {value: 3000, year: R10}", f'target: {{value: "{target}", year: R10}}')
        for version in ("first", "second"):  # the department is named in both versions
            edit(
                folder / "versions" / f"{version}.yaml",
                "department: {ja: 総務課",
                f'department: {{ja: "{department}"',
            )
        world.load(folder)
        series = Series.objects.get(
            indicator__measure__version__slug="second", indicator__code="1-2"
        )
        assert (series.baseline_value, series.target_value) == (baseline, target)
        assert not world.load(folder).changed


thresholds = st.decimals(
    min_value=Decimal("-100"), max_value=Decimal("1000"), places=2, allow_nan=False
)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(high=thresholds, low=thresholds, written=st.sampled_from(["{}%", "{}", '"{}％"']))
def test_any_accepted_grade_threshold_is_stored_exactly_and_dumps_back_as_no_change(
    high, low, written
):
    high, low = sorted((high, low), reverse=True)
    if high == low:
        return  # the second grade could never be given: refused, as its own test shows
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "hamana"
        shutil.copytree(world.HAMANA, folder)
        edit(folder / "plan.yaml", "at_least: 100%", f"at_least: {written.format(high)}")
        edit(folder / "plan.yaml", "at_least: 80%", f"at_least: {written.format(low)}")
        edit(folder / "plan.yaml", '      at_least: "５０％"\n', "      statuses: [uncertain]\n")
        world.load(folder)
        plan = Plan.objects.get(organisation__slug="hamana", slug="dx")
        stored = [g["at_least"] for g in plan.grade_scale["grades"][:2]]
        assert [Decimal(v) for v in stored] == [high, low]
        dumped = Path(tmp) / "dumped"
        call_command("dump", "hamana/dx", str(dumped))
        assert not world.load(dumped).changed
        delete_plan(plan, actor="test")
