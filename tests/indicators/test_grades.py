"""An indicator of several series is graded by its worst series, whatever their order."""

from decimal import Decimal
from fractions import Fraction

import pytest

from dxplan.core import progress
from dxplan.indicators import queries
from dxplan.indicators.actions import publish_actual, record_actual
from dxplan.indicators.progress import assess_indicator

pytestmark = pytest.mark.django_db

BY_ACHIEVEMENT = progress.GradeScale(
    (
        progress.Grade("A", "A", at_least=Fraction(1)),
        progress.Grade("B", "B", at_least=Fraction(80, 100)),
        progress.Grade("C", "C", at_least=Fraction(50, 100)),
        progress.Grade("D", "D", at_least=Fraction(-1000)),
    ),
    name="A-D",
)


def test_two_series_on_track_get_the_grade_of_the_one_less_far_along():
    indicator = queries.indicators().get(
        measure__version__plan__slug="dx-plan", measure__version__slug="2025-2027", code="4-1"
    )
    domestic, overseas = indicator.series.all()  # domestic first
    for series, value in ((domestic, "71.1"), (overseas, "74.9")):  # p = 0.85 and 0.55
        publish_actual(record_actual(series, 2025, Decimal(value), actor="test"), actor="test")
    indicator = queries.indicators().get(pk=indicator.pk)
    result = assess_indicator(indicator, BY_ACHIEVEMENT)
    assert [s.status for s in result.series] == [progress.Status.ON_TRACK] * 2
    assert result.grade is not None and result.grade.label_en == "C"
    assert progress.percent(result.latest.achievement) == 55
