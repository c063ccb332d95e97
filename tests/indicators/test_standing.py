"""Stored standings (indicators/standing.py): the roll-ups read them instead of assessing every
indicator, so they must always be what the pages' own assessment says, after every kind of
write, and as of every fiscal year."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from dxplan.audit.actions import restore
from dxplan.audit.models import AuditEvent
from dxplan.core.progress import Status
from dxplan.indicators import queries, rollup, standing
from dxplan.indicators.actions import (
    delete_observation,
    delete_series,
    enter_figure,
    publish_actual,
    record_actual,
    update_indicator,
    update_series,
)
from dxplan.indicators.models import Indicator, Observation, Series, Standing
from dxplan.indicators.progress import assess_indicator
from dxplan.plans.actions import update_plan
from dxplan.plans.models import PlanVersion
from tests import world
from tests.io.helpers import copy_of
from tests.plans.test_import_concurrency import sqlite_database  # noqa: F401 - a fixture
from tests.portal.test_rollup import sample  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
D = Decimal
YEARS = [None, 2023, 2024, 2025, 2026, 2027, 2028]


def stored() -> list[tuple[int, int, str, bool]]:
    return list(
        Standing.objects.order_by("indicator_id", "fiscal_year").values_list(
            "indicator_id", "fiscal_year", "status", "sample"
        )
    )


def assert_in_step() -> None:
    """Working every standing out again from scratch changes none of them."""
    before = stored()
    standing.refresh_all()
    assert stored() == before


def live(version: PlanVersion, as_of: int | None) -> list[tuple[str, Status, bool, int | None]]:
    """Each indicator as the pages assess it, from its published figures up to `as_of`."""
    out = []
    for indicator in queries.indicators(as_of=as_of).filter(measure__version=version):
        found = assess_indicator(indicator)
        years = [a.fiscal_year for part in found.series for a in part.assessments]
        out.append(
            (
                indicator.code,
                found.status,
                rollup.contributes_sample(found),
                max(years, default=None),
            )
        )
    return out


def read(version: PlanVersion, as_of: int | None) -> list[tuple[str, Status, bool, int | None]]:
    return [
        (i.code, i.status, i.sample, i.latest_year) for i in rollup.statuses(version, as_of=as_of)
    ]


def one_one() -> Indicator:
    return Indicator.objects.get(
        code="1-1", measure__version__slug="2025-2027", measure__version__plan__slug="dx-plan"
    )


def status_of(indicator: Indicator, as_of: int | None = None) -> Status:
    version = indicator.measure.version
    return next(i.status for i in rollup.statuses(version, as_of=as_of) if i.pk == indicator.pk)


def test_the_stored_standings_are_the_pages_statuses_as_of_every_year(sample):  # noqa: F811
    world.load(world.HAMANA)  # A–D, growth rate, two series, an older version with figures
    checked = 0
    for version in PlanVersion.objects.all():
        for year in YEARS:
            assert read(version, year) == live(version, year), (version, year)
            checked += len(read(version, year))
    assert checked > 100
    statuses = {i.status for i in rollup.statuses(one_one().measure.version)}
    assert len(statuses) >= 5  # the sample has every status: the comparison is not of no_data


def test_a_draft_counts_only_once_published():
    indicator = one_one()
    series = indicator.series.get()
    assert status_of(indicator) == Status.NO_DATA
    draft = record_actual(series, 2025, D("49.0"), actor="tests")
    assert status_of(indicator) == Status.NO_DATA
    publish_actual(draft, actor="tests")
    assert status_of(indicator) == Status.ON_TRACK
    assert status_of(indicator, as_of=2024) == Status.NO_DATA
    assert_in_step()


def test_a_correction_counts_once_published_and_its_withdrawal_too():
    indicator = one_one()
    figure = record_actual(indicator.series.get(), 2025, D("49.0"), actor="tests")
    publish_actual(figure, actor="tests")
    enter_figure(figure.series, 2025, {"value": D("30.0")}, actor="tests")
    assert status_of(indicator) == Status.ON_TRACK  # the published figure stays public
    publish_actual(Observation.objects.get(pk=figure.pk), actor="tests")
    assert status_of(indicator) == Status.DETERIORATING
    delete_observation(Observation.objects.get(pk=figure.pk), actor="tests")
    assert status_of(indicator) == Status.NO_DATA
    restore(AuditEvent.objects.filter(verb="delete").first(), actor="tests")
    assert status_of(indicator) == Status.DETERIORATING
    assert_in_step()


def test_what_a_figure_is_measured_against_moves_its_standing():
    indicator = one_one()  # 36.3 % (R6) → 50.0 % (R9)
    series = indicator.series.get()
    publish_actual(record_actual(series, 2025, D("45.0"), actor="tests"), actor="tests")
    assert status_of(indicator) == Status.ON_TRACK
    update_indicator(indicator, {"kind": Indicator.Kind.CUMULATIVE}, actor="tests")
    assert status_of(indicator) == Status.ACHIEVED  # 36.3 + 45.0 counted
    update_series(series, {"target_value": D("200.0")}, actor="tests")
    assert status_of(indicator) == Status.ACCELERATION_NEEDED  # 27 % in a third of the time
    delete_series(Series.objects.get(pk=series.pk), actor="tests")
    assert status_of(indicator) == Status.NO_DATA
    assert_in_step()


def four_one_half_way() -> Indicator:
    """Nagasaki's 4-1 with FY2025's figures published: domestic at its target, overseas still
    at its baseline (the worst: limited progress; the mean pace: on track)."""
    two = Indicator.objects.get(
        code="4-1", measure__version__slug="2025-2027", measure__version__plan__slug="dx-plan"
    )
    domestic, overseas = two.series.all()
    for series, value in ((domestic, domestic.target_value), (overseas, overseas.baseline_value)):
        publish_actual(record_actual(series, 2025, value, actor="tests"), actor="tests")
    return two


def test_the_plan_rule_for_several_series_moves_their_standing():
    two = four_one_half_way()
    assert status_of(two) == Status.LIMITED_PROGRESS  # the worst series: overseas, no change
    update_plan(two.measure.version.plan, {"overall_rule": "mean_pace"}, actor="tests")
    assert status_of(two) == Status.ON_TRACK  # the mean pace: (2 + 0) / 2
    assert_in_step()


def test_changing_a_plan_file_and_loading_it_again_moves_the_standings(tmp_path):
    folder = copy_of(world.HAMANA, tmp_path)
    world.load(folder)
    version = PlanVersion.objects.get(
        plan__slug="dx", plan__organisation__slug="hamana", slug="2025-2027"
    )
    before = read(version, None)
    path = folder / "versions" / "2025-2027.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("target: {value: 50.0, year: R9}") == 1  # 1-1: 26.0 % (R6) → 50.0 %
    path.write_text(text.replace("50.0, year: R9", "90.0, year: R9"), encoding="utf-8")
    world.load(folder, dry_run=True)
    assert read(version, None) == before  # a dry run writes nothing, standings included
    world.load(folder)
    after = read(version, None)
    assert [row[1] for row in before if row[0] == "1-1"] == [Status.ON_TRACK]
    assert [row[1] for row in after if row[0] == "1-1"] == [Status.ACCELERATION_NEEDED]
    assert after == live(version, None)
    assert_in_step()


def test_dxplan_progress_refresh_rebuilds_them(capsys, sample):  # noqa: F811
    before = stored()
    gone, _ = Standing.objects.filter(indicator__measure__version__plan__slug="dx-plan").delete()
    call_command("progress", "refresh", "nagasaki/dx-plan")
    assert stored() == before
    assert f"{gone} standings written" in capsys.readouterr().out


def test_dxplan_progress_refresh_names_a_plan_it_does_not_hold():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no such plan: nagasaki/nothing"):
        call_command("progress", "refresh", "nagasaki/nothing")


def test_every_migrate_rebuilds_them(sample):  # noqa: F811
    before = stored()
    assert before
    Standing.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert stored() == before


def test_a_figure_moved_to_another_series_moves_both_standings():
    """As the admin moves it (by field name): the old indicator and the new one move."""
    from dxplan.indicators.actions import update_observation

    indicator = one_one()
    other = Indicator.objects.get(
        code="2-1", measure__version__slug="2025-2027", measure__version__plan__slug="dx-plan"
    )
    figure = record_actual(indicator.series.get(), 2025, D("49.0"), actor="tests")
    publish_actual(figure, actor="tests")
    assert (status_of(indicator), status_of(other)) == (Status.ON_TRACK, Status.NO_DATA)
    update_observation(figure, {"series": other.series.get()}, actor="tests")
    assert status_of(indicator) == Status.NO_DATA
    assert status_of(other) != Status.NO_DATA
    assert_in_step()


def test_an_indicator_moved_under_a_plan_of_another_rule_takes_that_rule():
    two = four_one_half_way()
    world.load(world.HAMANA)
    town = PlanVersion.objects.get(plan__organisation__slug="hamana", slug="2025-2027")
    update_plan(town.plan, {"overall_rule": "mean_pace"}, actor="tests")
    measure = town.nodes.filter(kind="measure").first()
    assert status_of(two) == Status.LIMITED_PROGRESS
    update_indicator(two, {"measure": measure}, actor="tests")
    assert status_of(Indicator.objects.get(pk=two.pk)) == Status.ON_TRACK
    assert_in_step()


def test_migrating_back_and_forth_keeps_the_standings(sqlite_database):  # noqa: F811
    """Real processes on a database of their own: the rebuild after `migrate` waits until the
    schema is the latest one, rather than querying columns a backward migration removed."""
    database = sqlite_database
    database.run("load", str(world.MINATO), check=True)
    back = database.run("migrate", "plans", "0001", "-v0")
    assert back.returncode == 0, back.stderr
    forth = database.run("migrate", "-v0")
    assert forth.returncode == 0, forth.stderr
    count = database.run(
        "shell",
        "-c",
        "from dxplan.indicators.models import Standing; print(Standing.objects.count())",
    )
    assert count.stdout.strip().splitlines()[-1] != "0", count.stderr
