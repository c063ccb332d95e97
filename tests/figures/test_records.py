"""dxplan.figures: plain records of an indicator with its public figures and assessment, read
in a fixed number of queries, worded for pages and reports, and laid out for downloads."""

import csv
import dataclasses
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import models

from dxplan.core import progress
from dxplan.core.rollup import tally
from dxplan.figures import downloads, read
from dxplan.figures.records import IndicatorFigures
from dxplan.figures.words import (
    Row,
    figures_table,
    method_text,
    overall_text,
    rule_lines,
    series_rows,
    status_counts,
)
from dxplan.indicators import queries
from dxplan.indicators.actions import create_series, publish_actual, record_actual
from dxplan.indicators.models import Series
from dxplan.plans.models import PlanVersion
from tests import world

pytestmark = pytest.mark.django_db


def publish(town, year: int, value: str, series: Series | None = None, **options: Any) -> None:
    figure = record_actual(
        series or town.series, year, Decimal(value), actor=town.dx_office, **options
    )
    publish_actual(figure, actor=town.dx_office)


def town_indicator(town) -> IndicatorFigures:
    found = read.indicator(town.version, "1-1")
    assert found is not None
    return found


def test_a_record_holds_the_public_figures_in_year_order_with_their_assessment(
    town, django_assert_num_queries
):
    publish(town, 2026, "41.0")
    publish(town, 2025, "30.0", provisional=True)
    record_actual(town.series, 2027, Decimal("10.0"), actor=town.dx_office)  # a draft
    # 1 the indicator with its measure, plan, survey question and department, 2 survey
    # options, 3 series, 4 their public figures
    with django_assert_num_queries(4):
        found = town_indicator(town)
    [series] = found.series
    assert [(f.fiscal_year, f.value, f.provisional) for f in series.figures] == [
        (2025, Decimal("30.0"), True),
        (2026, Decimal("41.0"), False),
    ]
    assert [a.fiscal_year for a in series.assessments] == [2025, 2026]
    assert series.latest_actual == series.figures[-1] and series.status == "on_track"
    assert found.assessment.status == "on_track" and found.assessment.method == "linear"
    assert (found.id, found.measure.key, found.version.plan_id) == (
        "town/dx/2025-2027/1-1",
        "measure/1-1",
        "town/dx",
    )
    assert found.department is not None and found.department.name_en == "Digital Division"


def test_an_indicator_of_another_version_or_code_has_no_record(town):
    assert read.indicator(town.version, "9-9") is None


def plain_values(value: Any) -> list[Any]:
    """Every value a record holds, however deep."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found = [value]
        for f in dataclasses.fields(value):
            found += plain_values(getattr(value, f.name))
        return found
    if isinstance(value, (tuple, list)):
        return [v for item in value for v in plain_values(item)]
    return [value]


def test_a_record_holds_no_model_instance_nor_query(town):
    publish(town, 2025, "30.0")
    held = plain_values(town_indicator(town))
    assert not [v for v in held if isinstance(v, (models.Model, models.QuerySet, models.Manager))]
    with pytest.raises(dataclasses.FrozenInstanceError):
        town_indicator(town).code = "1-2"  # type: ignore[misc]


def test_records_of_indicators_read_already_take_no_query(town, django_assert_num_queries):
    publish(town, 2025, "30.0")
    found = list(queries.indicators().filter(measure__version=town.version, code="1-1"))
    with django_assert_num_queries(0):
        [record] = read.of_all(found)
    assert [f.fiscal_year for f in record.series[0].figures] == [2025]


def test_an_indicator_that_continues_none_reads_no_earlier_one(town, django_assert_num_queries):
    found = town_indicator(town)
    with django_assert_num_queries(0):
        assert read.earlier(found) is None


def test_the_indicator_continued_and_the_one_continuing_are_read_in_three_and_one_queries(
    django_assert_num_queries,
):
    world.load(world.HAMANA)
    versions = {v.slug: v for v in PlanVersion.objects.filter(plan__slug="dx")}
    newer = read.indicator(versions["2025-2027"], "1-1")
    older = read.indicator(versions["2022-2024"], "1-1")
    assert newer is not None and older is not None
    # 1 the indicator with its version and plan, 2 its series, 3 their public figures
    with django_assert_num_queries(3):
        earlier = read.earlier(newer)
    assert earlier is not None
    assert (earlier.code, earlier.version.slug, earlier.indicator.pk) == (
        "1-1",
        "2022-2024",
        older.pk,
    )
    assert [s.key for s in earlier.series] and all(s.figures for s in earlier.series)
    with django_assert_num_queries(1):
        [later] = read.successors(older)
    assert (later.code, later.version.slug, later.id) == ("1-1", "2025-2027", newer.id)


def test_status_counts_link_each_status_some_indicator_has_to_the_filtered_list(en):
    found = tally([progress.Status.ON_TRACK, progress.Status.ON_TRACK, progress.Status.NO_DATA])
    every = status_counts(found, list_url="/list/")
    assert [(c.code, c.count) for c in every][:2] == [("achieved", 0), ("on_track", 2)]
    on_track = every[1]
    assert (on_track.name, on_track.percent, on_track.url) == (
        "On track",
        67,
        "/list/?status=on_track",
    )
    assert every[0].url == ""  # no indicator is achieved: nothing to list
    assert [c.code for c in status_counts(found, present=True)] == ["on_track", "no_data"]


def test_a_series_table_has_the_baseline_each_assessed_figure_and_the_target(town, en):
    publish(town, 2024, "20.0")  # the baseline year's own figure is not assessed
    publish(town, 2025, "30.0", lower=Decimal("29.5"), upper=Decimal("30.5"))
    found = town_indicator(town)
    assert series_rows(found, found.series[0]) == [
        Row(2024, "Baseline", "20.0%"),
        Row(2025, "Actual", "30.0%", "29.5% – 30.5%", "33%", "1.00", "On track"),
        Row(2027, "Target", "50.0%"),
    ]


def test_the_rule_and_the_method_are_worded_in_the_terms_of_the_indicators_method(town, en):
    found = town_indicator(town)
    by_rate = dataclasses.replace(
        found, assessment=dataclasses.replace(found.assessment, method="cagr")
    )
    assert method_text(found).startswith("Achievement p = (actual − baseline)")
    assert method_text(by_rate).startswith("Growth-rate method (Open SDG's)")
    assert ("On track", "growth ratio g ≥ 0.95") in rule_lines(progress.DEFAULT_GRADES, "cagr")
    assert ("On track", "pace r = p ÷ elapsed time ≥ 0.95") in rule_lines(progress.DEFAULT_GRADES)
    assert overall_text(found) == ""  # one series: no rule for several


def test_the_downloads_lay_out_each_public_figure_with_its_assessment(town):
    found = town_indicator(town)
    header = downloads.as_csv(found).lstrip("\ufeff").splitlines()
    assert header == [",".join(downloads.FIGURE_COLUMNS)]  # no figure yet: the figure columns
    publish(town, 2025, "30.0")
    found = town_indicator(town)
    [row] = csv.DictReader(io.StringIO(downloads.as_csv(found).lstrip("\ufeff")))
    assert list(row) == downloads.COLUMNS
    assert (row["value"], row["status"], row["achievement"], row["unit"]) == (
        "30.0",
        "on_track",
        "0.333333",
        "%",
    )
    body = json.loads(downloads.as_json(found))
    assert (body["indicator"], body["status"], body["continues"]) == (
        "town/dx/2025-2027/1-1",
        "on_track",
        None,
    )
    assert downloads.filename(found, "csv") == "town-dx-2025-2027-1-1.csv"


def test_the_figures_table_has_a_column_per_year_with_a_figure_in_any_series(town):
    young, _ = create_series(
        Series(
            indicator=town.indicator,
            key="young",
            position=1,
            name_ja="若年層",
            baseline_value=Decimal("10.0"),
            baseline_year=2024,
            target_value=Decimal("40.0"),
            target_year=2027,
        ),
        actor=town.dx_office,
    )
    publish(town, 2026, "41.0")
    publish(town, 2024, "20.0")
    publish(town, 2025, "15.0", series=young)
    table = figures_table(town_indicator(town))
    assert table.years == [2024, 2025, 2026]
    assert [
        (s.key, [None if f is None else f.value for f in cells]) for s, cells in table.rows
    ] == [("total", [Decimal(20), None, Decimal(41)]), ("young", [None, Decimal(15), None])]
