"""The progress method (core/progress.py, docs/indicator-method.md), on Nagasaki's indicators."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxplan.core.progress import (
    DEFAULT_GRADES,
    Actual,
    Grade,
    GradeScale,
    ScaleInvalid,
    Series,
    Status,
    achievement,
    assess,
    elapsed,
    forecast,
    grade_scale,
    latest_status,
    mean_assessment,
    overall,
    overall_rule,
    reason,
    scale_of,
    scale_summary,
    scale_values,
)

D = Decimal
# Nagasaki's revised plan (data/nagasaki/versions/2025-2027.yaml):
# 1-1 citizens who think digitalisation lets them live with peace of mind, 36.3 % (R6) → 50.0 % (R9)
ONE_ONE = Series(D("36.3"), 2024, D("50.0"), 2027)
# 3-1 demonstration projects of local and outside companies, 5 (R5) → 9 (R9), cumulative (累計)
THREE_ONE = Series(D(5), 2023, D(9), 2027, cumulative=True)
# 5-2 staff over the 360-hour overtime cap, 6.7 % (R5) → 5.0 % (R9): a decreasing indicator
FIVE_TWO = Series(D("6.7"), 2023, D("5.0"), 2027, direction="decrease")


def test_the_issues_example_needs_acceleration_and_says_why_in_words():
    [year] = assess(ONE_ONE, [Actual(2025, D("40.0"))])
    assert year.achievement == Fraction(37, 137)  # (40.0 − 36.3) / (50.0 − 36.3)
    assert year.elapsed == Fraction(1, 3)
    assert year.pace == Fraction(111, 137)  # 0.81
    assert year.status == Status.ACCELERATION_NEEDED
    words = reason(year)
    assert words.ja == "目標の進捗率27%、期間経過率33%。"
    assert words.en == "27% of the way to the target with 33% of the time elapsed."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("50.0", Status.ACHIEVED),
        ("52.0", Status.ACHIEVED),
        ("41.0", Status.ON_TRACK),  # p = 0.343, pace 1.03
        ("39.2", Status.ACCELERATION_NEEDED),  # p = 0.212, pace 0.64
        ("37.0", Status.LIMITED_PROGRESS),  # p = 0.051, pace 0.15
        ("36.3", Status.LIMITED_PROGRESS),  # no movement is not yet deterioration
        ("35.0", Status.DETERIORATING),
    ],
)
def test_each_status_of_one_year(value, expected):
    assert assess(ONE_ONE, [Actual(2025, D(value))])[0].status == expected


def test_a_decreasing_indicator_needs_no_special_case():
    [year] = assess(FIVE_TWO, [Actual(2025, D("6.0"))])
    assert year.achievement == Fraction(7, 17)  # (6.0 − 6.7) / (5.0 − 6.7)
    assert year.elapsed == Fraction(1, 2) and year.status == Status.ACCELERATION_NEEDED
    assert assess(FIVE_TWO, [Actual(2025, D("7.0"))])[0].status == Status.DETERIORATING
    assert assess(FIVE_TWO, [Actual(2025, D("4.9"))])[0].status == Status.ACHIEVED


def test_a_cumulative_indicator_counts_the_running_total():
    years = assess(THREE_ONE, [Actual(2026, D(1)), Actual(2025, D(2))])
    assert [(y.fiscal_year, y.value) for y in years] == [(2025, 7), (2026, 8)]
    assert [y.status for y in years] == [Status.ON_TRACK, Status.ON_TRACK]
    assert assess(THREE_ONE, [Actual(2025, 2), Actual(2026, 2)])[-1].status == Status.ACHIEVED


def test_an_interval_whose_ends_disagree_is_uncertain_with_both_candidates():
    [year] = assess(ONE_ONE, [Actual(2025, D("40.0"), D("38.1"), D("41.9"))])
    assert year.status == Status.UNCERTAIN
    assert year.candidates == (Status.LIMITED_PROGRESS, Status.ON_TRACK)
    assert "区間の両端で判定が分かれます" in reason(year).ja
    narrow = assess(ONE_ONE, [Actual(2025, D("40.0"), D("39.9"), D("40.1"))])[0]
    assert narrow.status == Status.ACCELERATION_NEEDED and narrow.candidates == ()


def test_no_actual_after_the_baseline_year_is_no_data():
    assert assess(ONE_ONE, [Actual(2024, D("36.3")), Actual(2023, D(30))]) == []
    assert latest_status([]) == Status.NO_DATA
    assert reason(None).en == "No actual after the baseline year yet."


def test_time_after_the_target_year_counts_as_the_whole_period():
    assert elapsed(ONE_ONE, 2030) == 1
    late = assess(ONE_ONE, [Actual(2029, D("45.0"))])[0]  # p = 0.64 with all the time gone
    assert late.pace == late.achievement and late.status == Status.ACCELERATION_NEEDED


def test_a_target_equal_to_the_baseline_is_kept_or_lost():
    keep = Series(D(100), 2024, D(100), 2027, direction="increase")
    assert achievement(keep, D(100)) == 1 and achievement(keep, D(99)) == -1
    lower = Series(D(3), 2024, D(3), 2027, direction="decrease")
    assert achievement(lower, D(2)) == 1 and achievement(lower, D(4)) == -1


def test_the_growth_rate_method_compares_growth_with_the_growth_the_target_needs():
    growth = Series(D(100), 2024, D(200), 2027, method="cagr")
    on_pace = D(100) * D(2) ** (Decimal(1) / 3)  # one year of the growth the target needs
    [year] = assess(growth, [Actual(2025, on_pace)])
    assert year.pace == pytest.approx(1.0) and year.status == Status.ON_TRACK
    assert assess(growth, [Actual(2025, D(95))])[0].status == Status.DETERIORATING
    assert assess(growth, [Actual(2025, D(110))])[0].status == Status.LIMITED_PROGRESS
    with pytest.raises(ValueError, match="positive"):
        assess(growth, [Actual(2025, D(0))])


def test_an_indicator_of_two_series_takes_the_worst_or_the_mean_pace():
    statuses = [Status.ON_TRACK, Status.ACCELERATION_NEEDED]
    assert overall(statuses) == Status.ACCELERATION_NEEDED
    assert overall(statuses, [Fraction(13, 10), Fraction(7, 10)], "mean_pace") == Status.ON_TRACK
    assert overall([Status.ON_TRACK, Status.NO_DATA]) == Status.NO_DATA
    assert overall([Status.ON_TRACK, Status.UNCERTAIN]) == Status.UNCERTAIN
    assert overall([Status.ACHIEVED, Status.ACHIEVED], [1, 1], "mean_pace") == Status.ACHIEVED


def test_a_forecast_has_an_interval_from_three_points_and_says_if_the_target_is_likely():
    two = forecast(ONE_ONE, assess(ONE_ONE, [Actual(2025, D("40.0"))]))
    assert two is not None and two.lower is None and two.points == 2
    assert two.value == pytest.approx(36.3 + 3 * 3.7)  # the straight line to FY2027: 47.4
    assert two.reaches_target == "unlikely"
    three = forecast(ONE_ONE, assess(ONE_ONE, [Actual(2025, D("41.0")), Actual(2026, D("45.0"))]))
    assert three is not None and three.lower < three.value < three.upper
    assert three.reaches_target == "uncertain"
    line = [Actual(2025, D("41.0")), Actual(2026, D("45.7"))]  # 4.7 a year, on a straight line
    straight = forecast(ONE_ONE, assess(ONE_ONE, line))
    assert straight is not None and straight.value == pytest.approx(50.4)
    assert straight.lower == pytest.approx(50.4) and straight.reaches_target == "likely"
    assert forecast(ONE_ONE, []) is None


def test_grades_come_from_the_plans_scale_by_status_or_by_achievement():
    [year] = assess(ONE_ONE, [Actual(2025, D("40.0"))])
    assert DEFAULT_GRADES.grade(year).label_ja == "加速が必要"
    assert DEFAULT_GRADES.grade(None).label_en == "No data yet"
    letters = GradeScale(
        (
            Grade("A", "A", at_least=Fraction(1)),
            Grade("B", "B", at_least=Fraction(1, 4)),
            Grade("C", "C", at_least=Fraction(0)),
            Grade("D", "D", frozenset({Status.DETERIORATING})),
        ),
        name="letters",
    )
    assert letters.grade(year).label_en == "B"  # p = 0.27
    assert letters.grade(assess(ONE_ONE, [Actual(2025, D(35))])[0]).label_en == "D"
    assert letters.grade(None) is None


HAMAMATSU = [  # A–D by the share of the way to the target (達成率)
    {"label_ja": "A", "label_en": "A", "at_least": "100"},
    {"label_ja": "B", "label_en": "B", "at_least": "80"},
    {"label_ja": "C", "label_en": "C", "at_least": "50"},
    {"label_ja": "D", "label_en": "D", "statuses": ["deteriorating", "limited_progress"]},
]


def test_a_plans_scale_from_plain_values_grades_by_threshold_then_by_status():
    scale = grade_scale(HAMAMATSU, "浜松市方式")
    assert scale.name == "浜松市方式"
    assert scale.grades[1].at_least == Fraction(4, 5)

    def graded(value: str) -> str | None:
        found = scale.grade(assess(ONE_ONE, [Actual(2025, D(value))])[0])
        return found.label_en if found else None

    assert graded("50.0") == "A"
    assert graded("47.3") == "B"  # p = 0.80
    assert graded("43.2") == "C"  # p = 0.50
    assert graded("37.0") == "D"  # limited progress, p = 0.05
    assert graded("41.0") is None  # on track at p = 0.34: no grade of this scale is given
    assert scale.grade(None) is None  # nor to no data
    assert scale_of({"name": "浜松市方式", "grades": scale_values(scale)}) == scale
    assert scale_of(None) is DEFAULT_GRADES and scale_of({"grades": []}) is DEFAULT_GRADES
    assert scale_summary({"grades": HAMAMATSU}).startswith("A: p ≥ 100% | B: p ≥ 80%")


def test_a_scale_with_unknown_codes_empty_or_unreachable_grades_is_refused():
    with pytest.raises(ScaleInvalid) as invalid:
        grade_scale(
            [
                {"label_ja": "A", "label_en": "A", "at_least": "100"},
                {"label_ja": "S", "label_en": "S", "statuses": ["achieved"]},  # A took them all
                {"label_ja": "B", "label_en": "B", "at_least": "50"},
                {"label_ja": "B-", "label_en": "B-", "at_least": "60"},  # B took them all
                {"label_ja": "X", "label_en": "X", "statuses": ["great"]},
                {"label_ja": "Y", "label_en": "Y"},
                {"label_ja": "A", "label_en": "A again", "statuses": ["deteriorating"]},
            ]
        )
    found = {(p.index, p.field) for p in invalid.value.problems}
    assert found == {
        (1, "statuses"),
        (3, "at_least"),
        (4, "statuses"),
        (5, "statuses"),
        (6, "label.ja"),
    }
    with pytest.raises(ScaleInvalid):
        grade_scale([])


def test_a_threshold_below_zero_can_still_grade_deterioration():
    scale = grade_scale(
        [
            {"label_ja": "良", "label_en": "Good", "at_least": "0"},
            {"label_ja": "やや悪化", "label_en": "Slightly worse", "at_least": "-10"},
            {"label_ja": "悪化", "label_en": "Worse", "statuses": ["deteriorating"]},
        ]
    )
    slightly = scale.grade(assess(ONE_ONE, [Actual(2025, D("35.5"))])[0])  # p = -0.06
    assert slightly is not None and slightly.label_en == "Slightly worse"


def test_the_overall_rule_is_the_indicators_else_the_plans_else_the_worst():
    assert overall_rule("", "mean_pace") == "mean_pace"
    assert overall_rule("worst", "mean_pace") == "worst"
    assert overall_rule("mean_pace", "worst") == "mean_pace"
    assert overall_rule("", "") == "worst"


def test_the_mean_pace_rule_is_described_by_the_mean_of_the_series():
    domestic = assess(ONE_ONE, [Actual(2025, D("41.0"))])[0]  # p 0.34, pace 1.03
    overseas = assess(ONE_ONE, [Actual(2025, D("37.0"))])[0]  # p 0.05, pace 0.15
    code = overall([domestic.status, overseas.status], [domestic.pace, overseas.pace], "mean_pace")
    mean = mean_assessment([domestic, overseas], code)
    assert mean.status == code == Status.LIMITED_PROGRESS  # mean pace 0.59
    assert mean.achievement == (domestic.achievement + overseas.achievement) / 2
    assert mean.pace == (domestic.pace + overseas.pace) / 2
    grown = Series(D(100), 2024, D(200), 2027, method="cagr")
    [rate] = assess(grown, [Actual(2025, D(110))])
    assert isinstance(mean_assessment([rate, domestic], code).pace, float)
    with pytest.raises(ValueError):
        mean_assessment([], code)


def test_under_the_mean_pace_a_series_past_its_target_does_not_make_up_for_another():
    far = assess(ONE_ONE, [Actual(2025, D("63.7"))])[0]  # p 2.00: twice the way to the target
    short = assess(ONE_ONE, [Actual(2025, D("41.78"))])[0]  # p 0.40
    code = overall([far.status, short.status], [far.pace, short.pace], "mean_pace")
    assert code == Status.ON_TRACK  # the mean pace (6.0 + 1.2) / 2, as the rule says
    mean = mean_assessment([far, short], code)
    assert mean.achievement == Fraction(7, 10)  # (1 + 0.4) / 2, not (2 + 0.4) / 2
    grade = Grade("A", "A", at_least=Fraction(1))
    assert GradeScale((grade,)).grade(mean) is None  # not A, which asks for the target reached


values = st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False)
years = st.integers(min_value=2000, max_value=2040)


@st.composite
def series_and_actual(draw):
    baseline, target = draw(values), draw(values)
    t0 = draw(years)
    t1 = draw(st.integers(min_value=t0 + 1, max_value=t0 + 12))
    t = draw(st.integers(min_value=t0 + 1, max_value=t1 + 5))
    direction = "increase" if target >= baseline else "decrease"
    return Series(baseline, t0, target, t1, direction=direction), Actual(t, draw(values))


@given(series_and_actual())
def test_mirroring_an_increasing_indicator_into_a_decreasing_one_keeps_its_status(case):
    series, actual = case
    mirrored = Series(
        -series.baseline,
        series.baseline_year,
        -series.target,
        series.target_year,
        direction="decrease" if series.direction == "increase" else "increase",
    )
    [one] = assess(series, [actual])
    [other] = assess(mirrored, [Actual(actual.fiscal_year, -actual.value)])
    assert (one.status, one.achievement, one.pace) == (other.status, other.achievement, other.pace)


@given(series_and_actual())
def test_the_target_itself_is_exactly_achievement_one(case):
    series, actual = case
    [year] = assess(series, [Actual(actual.fiscal_year, series.target)])
    assert year.achievement == 1 and year.status == Status.ACHIEVED


@given(series_and_actual(), values)
def test_a_better_actual_never_gets_a_worse_status(case, other):
    series, actual = case
    worse, better = sorted([actual.value, other])
    if series.direction == "decrease":
        worse, better = better, worse
    ranks = [Status.DETERIORATING, Status.LIMITED_PROGRESS, Status.ACCELERATION_NEEDED]
    ranks += [Status.ON_TRACK, Status.ACHIEVED]
    first = assess(series, [Actual(actual.fiscal_year, worse)])[0].status
    second = assess(series, [Actual(actual.fiscal_year, better)])[0].status
    assert ranks.index(first) <= ranks.index(second)


@given(series_and_actual())
def test_elapsed_time_is_between_nothing_and_the_whole_period(case):
    series, actual = case
    assert 0 < elapsed(series, actual.fiscal_year) <= 1
