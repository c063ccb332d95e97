"""A figure that is not public (a draft, or submitted or approved but not yet published) is
shown by no face: not on the indicator's page or the pages that list it, not in its downloads,
not in the API's indicators or progress. Every face asks Observation.objects.public(), the one
definition, which the last test proves by widening it."""

import csv
import io
from decimal import Decimal

import pytest

from dxplan.indicators.actions import publish_actual, record_actual, update_observation
from dxplan.indicators.models import Observation, ObservationQuerySet

pytestmark = pytest.mark.django_db

TOWN = "/town/dx/2025-2027"
PAGE = f"{TOWN}/indicators/1-1/"
API = "/api/v1/plans/town/dx/versions/2025-2027/indicators/1-1"
API_LIST = "/api/v1/indicators?plan=town/dx"
PROGRESS = "/api/v1/progress?plan=town/dx"
NOT_PUBLIC = [s for s in Observation.State if s != Observation.objects.public_state()]


def published_and_withheld(town, state: str) -> None:
    """From 20.0 (FY2024) towards 50.0 (FY2027): 30.0 in FY2025 is public and on track; 21.7
    in FY2026, in `state`, would make the indicator's progress limited if it counted."""
    public = record_actual(town.series, 2025, Decimal("30.0"), actor=town.dx_office)
    publish_actual(public, actor=town.dx_office)
    withheld = record_actual(
        town.series, 2026, Decimal("21.7"), actor=town.dx_office, analysis_ja="未公表の要因"
    )
    if state != withheld.state:
        update_observation(withheld, {"state": state}, actor=town.dx_office)


def faces(client) -> dict[str, str]:
    """What every face answers about the town's indicator, in one text per face."""
    answers = {}
    for name, path in [
        ("page", PAGE),
        ("english page", "/en" + PAGE),
        ("indicator list", f"{TOWN}/indicators/"),
        ("measure page", f"{TOWN}/measures/1-1/"),
        ("csv", PAGE + "data.csv"),
        ("json", PAGE + "data.json"),
        ("api indicator", API),
        ("api indicators", API_LIST),
        ("api progress", PROGRESS),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        answers[name] = response.content.decode()
    return answers


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_a_figure_not_yet_published_is_shown_by_no_face(client, town, state):
    published_and_withheld(town, state)
    for name, answer in faces(client).items():
        assert "21.7" not in answer, name
        assert "未公表の要因" not in answer, name
    answers = faces(client)
    assert "is-on_track" in answers["page"] and "30.0%" in answers["page"]
    assert "is-limited_progress" not in answers["indicator list"]
    [row] = csv.DictReader(io.StringIO(answers["csv"].lstrip("\ufeff")))
    assert (row["fiscal_year"], row["value"], row["status"]) == ("2025", "30.0", "on_track")
    api = client.get(API).json()
    assert [o["fiscal_year"] for o in api["series"][0]["observations"]] == [2025]
    assert api["status"] == "on_track"
    progress = client.get(PROGRESS).json()
    assert progress["counts"]["on_track"] == 1 and progress["fiscal_year"] == 2025


def test_every_face_reads_the_figures_through_the_one_definition(client, town, monkeypatch):
    """Were Observation.objects.public() to take drafts too, every face would show them: no
    face decides for itself which figures are public."""
    monkeypatch.setattr(ObservationQuerySet, "public", lambda self: self.all())
    published_and_withheld(town, Observation.State.DRAFT)
    for name, answer in faces(client).items():
        if name not in ("api progress",):  # progress counts statuses, it names no figure
            assert "21.7" in answer, name
    progress = client.get(PROGRESS).json()
    assert progress["counts"]["limited_progress"] == 1 and progress["fiscal_year"] == 2026
