"""An indicator's standing after each fiscal year with figures (core/standing.py): what the
roll-ups count, so it must be what the method says with the figures up to that year."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dxplan.core.progress import Actual, Series, Status, assess, overall_of
from dxplan.core.standing import Part, Standing, as_of, standings, usable

D = Decimal
ONE_ONE = Series(D("36.3"), 2024, D("50.0"), 2027)  # Nagasaki 1-1, %
# 4-1 tourists using the city's digital services: domestic and overseas, two series
DOMESTIC = Series(D(100), 2024, D(200), 2027)
OVERSEAS = Series(D(10), 2024, D(40), 2027)


def test_one_standing_per_year_with_an_actual_after_the_baseline():
    found = standings(
        [Part(ONE_ONE, [Actual(2024, D("36.3")), Actual(2025, D("41")), Actual(2026, D("30"))])],
        "worst",
    )
    # 2024 is the baseline year: no standing. 2025: 4.7 of 13.7 points in a third of the time
    assert found == [
        Standing(2025, Status.ON_TRACK),
        Standing(2026, Status.DETERIORATING),
    ]


def test_as_of_a_year_takes_the_latest_standing_up_to_it():
    found = [Standing(2025, Status.ON_TRACK), Standing(2026, Status.DETERIORATING)]
    assert as_of(found, None) == found[-1]
    assert as_of(found, 2025) == found[0]
    assert as_of(found, 2030) == found[-1]
    assert as_of(found, 2024) is None  # no data then


def test_several_series_have_no_data_until_each_has_a_figure():
    found = standings(
        [
            Part(DOMESTIC, [Actual(2025, D(140)), Actual(2026, D(170))]),
            Part(OVERSEAS, [Actual(2026, D(12))]),
        ],
        "worst",
    )
    assert found == [
        Standing(2025, Status.NO_DATA),  # overseas has none yet
        Standing(2026, Status.LIMITED_PROGRESS),  # overseas: 2 of 30 in two thirds of the time
    ]


def test_the_plan_rule_for_several_series_decides():
    parts = [
        Part(DOMESTIC, [Actual(2025, D(200))]),  # achieved
        Part(OVERSEAS, [Actual(2025, D(16))]),  # 20 % in a third of the time: pace 0.6
    ]
    assert [s.status for s in standings(parts, "worst")] == [Status.ACCELERATION_NEEDED]
    assert [s.status for s in standings(parts, "mean_pace")] == [Status.ON_TRACK]


def test_a_sample_figure_counts_from_its_year_on():
    found = standings(
        [Part(ONE_ONE, [Actual(2025, D(40)), Actual(2026, D(44))], frozenset({2026}))], "worst"
    )
    assert [s.sample for s in found] == [False, True]


def test_a_sample_figure_of_the_baseline_year_goes_into_no_status():
    found = standings(
        [Part(ONE_ONE, [Actual(2024, D("36.3")), Actual(2025, D(40))], {2024})], "worst"
    )
    assert [s.sample for s in found] == [False]


def test_the_growth_rate_method_falls_back_only_once_a_figure_breaks_it():
    growth = Series(D(10), 2024, D(20), 2027, method="cagr")
    figures = [Actual(2025, D(12)), Actual(2026, D(0))]
    assert usable(growth, figures[:1]).method == "cagr"
    assert usable(growth, figures).method == "linear"
    found = standings([Part(growth, figures)], "worst")
    # 2025 as it stood then, by growth rate: 20 % a year observed, 26 % needed → pace 0.77
    assert found[0].status == assess(growth, figures[:1])[0].status == Status.ACCELERATION_NEEDED
    assert found[1].status == Status.DETERIORATING


values = st.decimals(min_value=-50, max_value=150, places=1, allow_nan=False)


@given(st.dictionaries(st.integers(2025, 2030), values, max_size=6), st.booleans())
def test_the_latest_standing_is_the_status_of_all_the_figures(figures, cumulative):
    series = Series(D("36.3"), 2024, D("50.0"), 2027, cumulative=cumulative)
    actuals = [Actual(year, value) for year, value in sorted(figures.items())]
    found = standings([Part(series, actuals)], "worst")
    assert [s.fiscal_year for s in found] == sorted(figures)
    for s in found:  # each year's standing: the status with the figures up to that year
        upto = [a for a in actuals if a.fiscal_year <= s.fiscal_year]
        assert s.status == overall_of([assess(series, upto)])
