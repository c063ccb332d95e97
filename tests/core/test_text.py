"""English units after a number (core/text.py): the plan files give them in the plural."""

import pytest

from dxplan.core.text import english_unit


@pytest.mark.parametrize(
    ("plural", "written", "shown"),
    [
        ("projects", "1", "project"),
        ("visits", "1", "visit"),
        ("sites", "1", "site"),
        ("followers", "1", "follower"),
        ("companies", "1", "companies"),  # company? movies, cookies: not told by the ending
        ("businesses", "1", "businesses"),  # business? buses, analyses: likewise
        ("branches", "1", "branches"),
        ("visits per year", "1", "visits per year"),
        ("cases/1,000 people", "1", "cases/1,000 people"),
        ("registered users", "1", "registered user"),
        ("projects", "2", "projects"),
        ("projects", "0", "projects"),
        ("projects", "1.0", "projects"),
        ("projects", "1,000", "projects"),
        ("series", "1", "series"),
        ("people", "1", "people"),
        ("yen", "1", "yen"),
        ("km", "1", "km"),
        ("", "1", ""),
    ],
)
def test_one_takes_the_singular_and_every_other_number_the_plural(plural, written, shown):
    assert english_unit(plural, written) == shown


def test_the_filter_every_page_uses_writes_one_project(en):
    from decimal import Decimal
    from types import SimpleNamespace

    from dxplan.presentation.templatetags.dxplan_common import in_unit

    three_one = SimpleNamespace(unit="件", unit_en="projects", decimals=0)
    assert in_unit(Decimal(1), three_one) == "1 project"
    assert in_unit(Decimal(9), three_one) == "9 projects"
