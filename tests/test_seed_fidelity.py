"""Every published figure and name of the Nagasaki plan, compared with the seed document's text.

The seed is the text extracted from the city's slides (tests/fixtures/seed/). Slide text wraps
anywhere, so both sides are compared with whitespace removed and widths folded (NFKC).
"""

import unicodedata

import pytest

from dxplan.core.numbers import round_half_up
from dxplan.indicators.models import Indicator
from dxplan.plans.models import EvaluationRecord, Milestone, Node, Trend
from dxplan.surveys.models import PublishedOption, PublishedSurvey
from tests import world

pytestmark = pytest.mark.django_db


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


SEED = squeeze(world.SEED_TEXT.read_text(encoding="utf-8"))


def in_seed(text: str) -> bool:
    return squeeze(text) in SEED


def nagasaki_nodes(version: str):
    return Node.objects.filter(version__plan__slug="dx-plan", version__slug=version)


def test_the_current_plan_has_six_visions_six_policies_and_thirteen_measures():
    counts = {
        k: nagasaki_nodes("2022-2024").filter(kind=k).count()
        for k in ("vision", "policy", "measure")
    }
    assert counts == {"vision": 6, "policy": 6, "measure": 13}


def test_the_revised_plan_has_five_fields_five_policies_and_twelve_measures():
    counts = {
        k: nagasaki_nodes("2025-2027").filter(kind=k).count()
        for k in ("domain", "field", "vision", "policy", "measure")
    }
    assert counts == {"domain": 3, "field": 5, "vision": 5, "policy": 5, "measure": 12}
    codes = list(nagasaki_nodes("2025-2027").filter(kind="measure").values_list("code", flat=True))
    assert codes == [
        "1-1",
        "1-2",
        "1-3",
        "2-1",
        "2-2",
        "3-1",
        "3-2",
        "4-1",
        "4-2",
        "5-1",
        "5-2",
        "5-3",
    ]


@pytest.mark.parametrize("version", ["2022-2024", "2025-2027"])
def test_every_node_name_is_the_seeds_wording(version):
    missing = [n.key for n in nagasaki_nodes(version) if not in_seed(n.name_ja)]
    assert missing == []


def test_every_node_has_an_english_name():
    assert not Node.objects.filter(version__plan__slug="dx-plan", name_en="").exists()


def test_each_revised_measures_initiatives_rebuild_the_published_line():
    for measure in nagasaki_nodes("2025-2027").filter(kind="measure"):
        line = "、".join(c.name_ja for c in measure.children.order_by("position")) + " 等"
        assert in_seed(line), measure.code


def test_achievements_and_challenges_of_all_thirteen_measures_are_the_seeds_text():
    records = EvaluationRecord.objects.filter(
        node__version__slug="2022-2024", node__version__plan__slug="dx-plan"
    )
    assert records.count() == 13
    for record in records:
        assert (record.phase_start, record.phase_end) == (2022, 2024)
        assert in_seed(record.achievements_ja), record.node.code
        assert in_seed(record.challenges_ja), record.node.code


def published_cell(indicator: Indicator, point: str) -> str:
    """A cell as the seed prints it: 36.3%(R6年度), 国内:53.1%国外:71.8%(R5年度)."""
    series = list(indicator.series.all())
    parts = []
    for s in series:
        value = round_half_up(getattr(s, f"{point}_value"), indicator.decimals)
        prefix = f"{s.name_ja}:" if len(series) > 1 else ""
        parts.append(f"{prefix}{value:,f}{indicator.unit}")
    year = getattr(series[0], f"{point}_year") - 2018
    return "".join(parts) + f"(R{year}年度)"


def test_every_outcome_indicator_row_matches_the_seed_exactly():
    indicators = Indicator.objects.filter(
        measure__version__slug="2025-2027", measure__version__plan__slug="dx-plan"
    )
    assert indicators.count() == 12
    for indicator in indicators:
        m = indicator.measure
        row = (
            m.code
            + m.name_ja
            + indicator.goal_ja
            + indicator.name_ja
            + published_cell(indicator, "baseline")
            + published_cell(indicator, "target")
        )
        assert squeeze(row) in SEED, row


def test_the_seed_notes_decreasing_cumulative_and_two_series_indicators():
    revised = Indicator.objects.filter(measure__version__slug="2025-2027")
    assert list(revised.filter(direction="decrease").values_list("code", flat=True)) == ["5-2"]
    assert list(revised.filter(kind="cumulative").values_list("code", flat=True)) == ["3-1"]
    assert list(revised.get(code="4-1").series.values_list("key", flat=True)) == [
        "domestic",
        "overseas",
    ]


def test_survey_samples_and_response_rates_match_the_seed():
    citizen = PublishedSurvey.objects.get(key="citizen-2024")
    business = PublishedSurvey.objects.get(key="business-2024")
    assert in_seed(f"{citizen.valid_responses:,}人（配布{citizen.distributed:,}人）回収率33.6％")
    assert in_seed(f"{business.valid_responses}社（配布{business.distributed:,}社）回収率33.5％")
    assert round_half_up(citizen.response_rate * 100, 1) == citizen.published_response_rate


def test_every_survey_figure_is_printed_in_the_seed_and_reproduced_by_its_count():
    for option in PublishedOption.objects.filter(
        question__survey__plan__slug="dx-plan"
    ).select_related("question__survey"):
        q = option.question
        assert in_seed(option.label_ja), option.label_ja
        if q.published_as == "count":
            assert option.count == option.published
            assert in_seed(str(option.count))
        else:
            shown = round_half_up(option.published, 1)
            assert f"{shown}" in SEED, (q.key, option.label_ja)
            assert round_half_up(option.share * 100, 1) == shown, (q.key, option.label_ja)


def test_each_questions_figures_appear_in_the_seed_in_the_published_order():
    """Not just somewhere: the options' figures follow each other as the slide prints them."""
    for question in (
        PublishedOption.objects.filter(question__survey__plan__slug="dx-plan")
        .values_list("question", flat=True)
        .distinct()
    ):
        options = PublishedOption.objects.filter(question=question).order_by("position")
        figures = [
            str(round_half_up(o.published, 1))
            if o.question.published_as == "percent"
            else str(o.count)
            for o in options
        ]
        assert printed_in_order(figures), (options[0].question.key, figures)


def printed_in_order(figures: list[str]) -> bool:
    """Some occurrence of the first figure is followed, closely and in order, by the rest."""
    start = SEED.find(figures[0])
    while start != -1:
        end = start
        for figure in figures[1:]:
            end = SEED.find(figure, end + 1)
            if end == -1:
                return False
        if end - start < 40 * len(figures):
            return True
        start = SEED.find(figures[0], start + 1)
    return False


def test_kpi_baselines_from_surveys_add_up_from_the_published_answers():
    for code, first_two in (("1-2", "life-improved"), ("2-1", "digital-readiness")):
        indicator = Indicator.objects.get(measure__version__slug="2025-2027", code=code)
        assert indicator.survey_question.key == first_two
        agree = sum(o.published for o in indicator.survey_question.options.order_by("position")[:2])
        assert agree == indicator.series.get().baseline_value


def test_trends_and_schedule_are_the_seeds_wording():
    trends = Trend.objects.filter(plan__slug="dx-plan")
    assert trends.count() == 5
    for trend in trends:
        for item in trend.national + trend.technologies:
            assert in_seed(item["ja"]), item["ja"]
        assert in_seed(trend.outlook_ja)
    for milestone in Milestone.objects.filter(plan__slug="dx-plan"):
        assert milestone.fiscal_year == 2024
        assert in_seed(milestone.name_ja) and in_seed(milestone.track_ja)
